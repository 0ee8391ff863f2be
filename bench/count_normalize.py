"""Normalize the bench's items N times after one warm pass: run under callgrind to count instructions per item.

    export PYTHONHASHSEED=0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python -m bench.count_normalize 0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python -m bench.count_normalize 2

Instructions per item = (the second "Collected" − the first) / (2 × 500).
"""

from __future__ import annotations

import sys

from app.feeds.parser import parse_feed
from bench.normalize import FEED_URL, HEADERS, _normalize, build_feeds


def main(passes: int, feeds: int = 10) -> None:
    """Build ``feeds`` bench feeds, normalize their items once to warm every cache, then ``passes`` more times."""
    entries = [parse_feed(doc, headers=HEADERS, url=FEED_URL).entries for doc in build_feeds(feeds)]
    for _ in range(1 + passes):
        _normalize([], entries)


if __name__ == "__main__":
    main(int(sys.argv[1]))
