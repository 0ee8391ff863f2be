"""Where feedhook's poll time goes, from py-spy's raw output (``py-spy record --threads --format raw``).

    .venv/bin/python -m bench.pyspy_summary FILE [--rate 100] [--top 30]

Each raw line is ``thread (tid): name;frame;frame… count``. Samples are bucketed by thread role (event
loop, parse threads, the writer) and by the first step of the poll they are inside, then the functions
with the most inclusive samples are listed. py-spy counts a thread only while it is running (not idle),
so with the GIL the sum over threads is about the process's CPU time.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

__all__ = ["categorize", "summarize"]

_LINE = re.compile(r"^(?P<stack>.*) (?P<count>\d+)$")
_FRAME = re.compile(r"^(?P<function>.+?) \((?P<file>[^:()]+)(?::\d+)?\)$")

# (label, marker): the first marker found in the stack (root to leaf order of checks) names the step.
_STEPS = (
    ("claim_due_feeds", "claim_due_feeds"),
    ("record_poll", "record_poll.<locals>.op"),
    ("save_items: look-ups (_find_existing)", "_find_existing (app/store/items.py"),
    ("save_items: values + INSERT", "save_item.<locals>.op (app/store/items.py"),
    ("parse_feed (feedparser + xml safety)", "parse_feed (app/feeds/parser.py"),
    ("normalize", "normalize (app/normalize/__init__.py"),
    ("fetch (aiohttp, guard)", "fetch (app/feeds/fetcher.py"),
    ("writer: BEGIN/COMMIT", "_run_batch_in_thread"),
    ("logging", "logging/__init__.py"),
    ("poller (other)", "app/feeds/poller.py"),
    ("sqlalchemy (other)", "sqlalchemy/"),
)


def _role(thread: str) -> str:
    if "MainThread" in thread:
        return "event loop"
    if "writer" in thread:
        return "writer thread"
    if "feedhook-parse" in thread:
        return "parse threads"
    if "asyncio" in thread:
        return "asyncio default executor"
    return thread


def categorize(frames: list[str]) -> str:
    stack = ";".join(frames)
    for label, marker in _STEPS:
        if marker in stack:
            return label
    return "other"


def _name(frame: str) -> str:
    match = _FRAME.match(frame)
    if not match:
        return frame
    return f"{match['function']} ({match['file']})"


def summarize(path: Path, *, rate: int, top: int) -> str:
    steps: Counter[tuple[str, str]] = Counter()
    inclusive: Counter[str] = Counter()
    normalize_parts: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        count = int(match["count"])
        thread, *frames = match["stack"].split(";")
        total += count
        steps[(_role(thread), categorize(frames))] += count
        for name in dict.fromkeys(_name(frame) for frame in frames):
            inclusive[name] += count
        for position, frame in enumerate(frames[:-1]):
            if frame.startswith("normalize (app/normalize/__init__.py"):
                normalize_parts[_name(frames[position + 1])] += count
                break
    out = [f"{path.name}: {total} samples = {total / rate:.2f} s of running threads at {rate} Hz", ""]
    out += ["| thread | step | samples | s | share |", "|---|---|---:|---:|---:|"]
    for (role, step), count in steps.most_common():
        out.append(f"| {role} | {step} | {count} | {count / rate:.2f} | {count / total:.1%} |")
    if normalize_parts:
        out += ["", "Inside normalize (first call below it):", "", "| function | s | share of all |", "|---|---:|---:|"]
        for name, count in normalize_parts.most_common(top):
            out.append(f"| {name} | {count / rate:.2f} | {count / total:.1%} |")
    out += ["", f"Top {top} functions by inclusive samples:", "", "| function | s | share |", "|---|---:|---:|"]
    for name, count in inclusive.most_common(top):
        out.append(f"| {name} | {count / rate:.2f} | {count / total:.1%} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--rate", type=int, default=100, help="py-spy's --rate")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    for path in args.files:
        print(summarize(path, rate=args.rate, top=args.top))
        print()


if __name__ == "__main__":
    main()
