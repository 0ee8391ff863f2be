"""Per-item cost of each step of a poll, one at a time on one thread, on the poll benchmark's own feeds.

    .venv/bin/python -m bench.poll_steps [--feeds 40] [--items 50]

What bench.poll_cycle measures end to end, taken apart: feedhook's ``parse_feed`` (its fast path, and
feedparser alone for comparison: both must give the same result), ``normalize`` and
``save_items`` (the real Database and writer on a fresh SQLite file, one feed per write, as the poller
writes), and, for comparison, reader's parse (its vendored feedparser with ``sanitize_html=True,
resolve_relative_uris=True``, run in reader's venv). CPU milliseconds per item; no network, no GIL
contention, so these are floors for what the same work costs inside a poll cycle.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.clock import to_micros
from app.feeds.parser import parse_feed
from app.normalize import normalize
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from app.store.db import Database, migrate
from app.store.items import save_items
from app.store.tables import CHANNEL_FEED
from bench.feedgen import feed_document
from bench.poll_cycle import reader_python

__all__ = ["main"]

_READER_PARSE = """
import io, json, sys, time
from reader._vendor import feedparser
docs = [open(path, "rb").read() for path in sys.argv[1:]]
start = time.process_time()
items = 0
for doc in docs:
    parsed = feedparser.parse(io.BytesIO(doc), resolve_relative_uris=True, sanitize_html=True,
                              response_headers={"content-type": "application/rss+xml; charset=utf-8"})
    items += len(parsed.entries)
print(json.dumps({"items": items, "cpu_s": time.process_time() - start}))
"""


def _per_item_ms(cpu_s: float, items: int) -> float:
    return round(cpu_s / items * 1000, 3)


async def _save(db: Database, batches: list[list[NormalizedItem]]) -> float:
    start = time.process_time()
    for feed_id, batch in enumerate(batches, 1):
        await db.write(
            save_items(batch, channel=CHANNEL_FEED, received_at=to_micros(datetime.now(UTC)), feed_id=feed_id)
        )
    return time.process_time() - start


def measure(feeds: int, items: int, *, with_reader: bool) -> dict[str, Any]:
    docs = [feed_document(number, items=items) for number in range(feeds)]
    settings = NormalizeSettings()
    now = datetime.now(UTC)
    headers = {"content-type": "application/rss+xml; charset=utf-8"}
    urls = [f"http://127.0.0.{2 + n % 250}:8080/feeds/{n}.xml" for n in range(feeds)]
    parse_feed(docs[0], headers=headers, url=urls[0])  # warm-up: lazy imports, compiled patterns
    start = time.process_time()
    parsed = [parse_feed(doc, headers=headers, url=url) for doc, url in zip(docs, urls, strict=True)]
    parse_s = time.process_time() - start
    start = time.process_time()
    slow = [parse_feed(doc, headers=headers, url=url, fast=False) for doc, url in zip(docs, urls, strict=True)]
    feedparser_s = time.process_time() - start
    if slow != parsed:
        raise SystemExit("parse_feed's fast path and feedparser disagree on the benchmark's feeds")
    entries: list[list[RawItem]] = [feed.entries for feed in parsed]
    total = sum(len(batch) for batch in entries)
    normalize(entries[0][0], now=now, settings=settings)
    start = time.process_time()
    cleaned = [[normalize(entry, now=now, settings=settings) for entry in batch] for batch in entries]
    normalize_s = time.process_time() - start
    with tempfile.TemporaryDirectory(prefix="feedhook-steps-") as folder:
        url = f"sqlite:///{folder}/steps.db"
        migrate(url)

        async def run() -> float:
            db = Database(url)
            await db.start()
            try:
                return await _save(db, cleaned)
            finally:
                await db.close()

        save_s = asyncio.run(run())
        result: dict[str, Any] = {
            "items": total,
            "feedhook_ms_per_item": {
                "parse_feed": _per_item_ms(parse_s, total),
                "parse_feed, feedparser only (fast=False, for comparison)": _per_item_ms(feedparser_s, total),
                "normalize": _per_item_ms(normalize_s, total),
                "save_items (writer, own thread, incl. SQLite and FTS5)": _per_item_ms(save_s, total),
            },
        }
        if with_reader:
            paths = []
            for number, doc in enumerate(docs):
                path = Path(folder) / f"{number}.xml"
                path.write_bytes(doc)
                paths.append(str(path))
            python = reader_python("reader")
            out = subprocess.run([str(python), "-c", _READER_PARSE, *paths], capture_output=True, text=True, check=True)
            reader = json.loads(out.stdout)
            result["reader_ms_per_item"] = {
                "parse (vendored feedparser, sanitizing)": _per_item_ms(reader["cpu_s"], total)
            }
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--no-reader", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.feeds, args.items, with_reader=not args.no_reader), indent=2))


if __name__ == "__main__":
    main()
