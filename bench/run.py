"""`make bench`: every benchmark in turn, each in its own process; results and method in docs/benchmarks.md.

Run on a quiet machine: each benchmark alternates the compared sides within one run and reports
medians, but two cores shared with other work still move the absolute figures.
"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = [
    ("webhook ingest vs a bare FastAPI endpoint (wrk, concurrency 64)", ["bench.ingest"]),
    ("normalize vs feedparser parsing the same 3 KB items", ["bench.normalize"]),
    ("poll cycle over 1,000 loopback feeds vs lemon24/reader", ["bench.poll_cycle"]),
    ("CPU per conditional GET answered 304, by HTTP client and event loop", ["bench.fetch_304"]),
    ("reads with 1,000,000 items vs a bare FastAPI GET (wrk, concurrency 16)", ["bench.reads"]),
]


def main() -> None:
    chosen = set(sys.argv[1:])
    failed = []
    for title, module in BENCHMARKS:
        if chosen and module[0].removeprefix("bench.") not in chosen:
            continue
        print(f"\n== {title}", flush=True)
        if subprocess.run([sys.executable, "-m", *module], check=False).returncode != 0:
            failed.append(module[0])
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
