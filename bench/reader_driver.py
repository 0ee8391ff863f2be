"""The lemon24/reader side of the poll benchmark; runs under the reader venv's Python, not the project's.

Self-contained (stdlib and ``reader`` only): a fresh reader database, the feeds added, then two timed
updates of every feed with ``update_feeds_iter(scheduled=False, workers=N)`` — the loop that
``update_feeds()`` runs, kept here so outcomes can be counted. ``scheduled=False`` updates every feed
whatever its schedule, as feedhook's bench makes every feed due again before cycle 2. Per cycle: wall
time, outcomes, entries stored, CPU time and the cycle's peak RSS (VmHWM, reset through
``/proc/self/clear_refs``). Writes one JSON object to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path
from typing import Any

from reader import Reader, UpdatedFeed, make_reader  # type: ignore[import-not-found, unused-ignore]


def peak_rss_kib() -> int:
    match = re.search(r"VmHWM:\s+(\d+)\s+kB", Path("/proc/self/status").read_text())
    return int(match.group(1)) if match else 0


_PEAKS: list[int] = []


def reset_peak_rss() -> bool:
    # The reset also lowers what the kernel reports as ru_maxrss, so the peak so far is kept first.
    _PEAKS.append(peak_rss_kib())
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _entries(reader: Reader) -> int:
    return int(reader.get_entry_counts().total or 0)


def _cycle(reader: Reader, workers: int) -> dict[str, Any]:
    reset = reset_peak_rss()
    rss_before = peak_rss_kib()
    statuses: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    new = modified = unmodified = 0
    cpu, start = _cpu_seconds(), time.perf_counter()
    for result in reader.update_feeds_iter(scheduled=False, workers=workers):
        value = result.value
        if value is None:
            statuses["not_modified"] += 1
        elif isinstance(value, UpdatedFeed):
            statuses["ok"] += 1
            new += value.new
            modified += value.modified
            unmodified += value.unmodified
        else:
            statuses["error"] += 1
            errors[f"{type(value).__name__}: {value}"[:200]] += 1
    wall = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu
    feeds = sum(statuses.values())
    return {
        "feeds": feeds,
        "statuses": dict(statuses),
        "new": new,
        "updated": modified,
        "unchanged": unmodified,
        "errors": dict(errors.most_common(5)),
        "wall_s": wall,
        "feeds_per_s": feeds / wall if wall else 0.0,
        "cpu_s": cpu,
        "rss_start_kib": rss_before,
        "peak_rss_kib": peak_rss_kib() if reset else None,
        "items_in_db": _entries(reader),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", required=True, help="file with one feed URL per line")
    parser.add_argument("--db", required=True, help="reader database file to create")
    parser.add_argument("--out", required=True, help="where to write the JSON result")
    parser.add_argument("--workers", type=int, default=32, help="update_feeds(workers=N): retrieval threads")
    args = parser.parse_args(argv)
    urls = Path(args.urls).read_text().split()
    reader = make_reader(args.db)
    try:
        for url in urls:
            reader.add_feed(url)
        setup_rss = peak_rss_kib()
        first = _cycle(reader, args.workers)
        second = _cycle(reader, args.workers)
    finally:
        reader.close()
    result = {
        "tool": "reader",
        "settings": {"workers": args.workers, "scheduled": False, "reader": version("reader")},
        "feeds": len(urls),
        "setup_peak_rss_kib": setup_rss,
        "cycles": [first, second],
        "process_peak_rss_kib": max([*_PEAKS, peak_rss_kib()]),
    }
    Path(args.out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
