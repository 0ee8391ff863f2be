"""Normalize vs feedparser: items per second for ~3 KB Business Insider items, side by side in one run.

The goal (issue): normalizing an item costs at most half of what feedparser spends parsing it, with
feedparser's own sanitizer and relative-URI resolution off (``sanitize_html=False,
resolve_relative_uris=False``, as ``app.feeds.parser`` calls it).

Stages, each over the same distinct items (``bench.feedgen``: every item its own headline, link, GUID
and words; 50-item RSS 2.0 feeds as Business Insider publishes them):

- ``feedparser``: ``feedparser.parse`` of each feed document;
- ``parse_feed``: our wrapper (encoding, DOCTYPE strip, field caps, RawItems) of the same documents;
- ``normalize``: ``normalize()`` of every entry parse_feed produced (parsed once, before timing);
- ``ingest_path``: parse_feed and normalize together, what the poller does per document.

Stages alternate within each round (the order rotates), a warm-up round runs first, GC stays on, and each
figure is the median over the rounds of ``time.perf_counter``. The ratio is normalize µs per item over
feedparser µs per item, taken within each round and as the median of those. ``process_time`` is recorded
too: wall time well above CPU time means the machine was busy with something else.

Then the normalize time is shared out over the recipe's steps by cProfile (call counts; inflates Python
code) and, with ``--py-spy PATH``, by py-spy sampling a separate process (no per-call overhead).

    .venv/bin/python -m bench.normalize [--rounds 9] [--feeds 10] [--profile-passes 3]
                                        [--py-spy /path/to/py-spy] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import feedparser
from lxml import etree

from app.feeds.parser import parse_feed
from app.normalize import NormalizeSettings, RawItem, normalize
from bench.feedgen import feed_document, item_xml

ROOT = Path(__file__).resolve().parent.parent
ITEMS_PER_FEED = 50
FEED_URL = "https://feeds.businessinsider.com/custom/all"
HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}
NOW = datetime(2021, 3, 1, tzinfo=UTC)
SETTINGS = NormalizeSettings()
STAGES = ("feedparser", "parse_feed", "normalize", "ingest_path")
GOAL_RATIO = 0.5
BUSY_CPU_SHARE = 0.9

# The recipe's steps (app/normalize/__init__.py ``_run``) by file and function name, for both profilers.
# C code is invisible to them: lxml's parse shows as parse_html's own time, etree.tostring as
# _Walker.simple's, nh3 as sanitize's, pydantic-core as BaseModel.__init__'s.
RECIPE_STEPS: tuple[tuple[str, str, str], ...] = (
    ("select rule files (plans.select)", "app/normalize/plans.py", "select"),
    ("IFTTT footer hint (_footer_hint)", "app/normalize/__init__.py", "_footer_hint"),
    ("parse_html: lxml parse, tree rules, walk, split", "app/normalize/extract.py", "parse_html"),
    ("  tree rules (Plan.clean_tree)", "app/normalize/plans.py", "clean_tree"),
    ("  walk to blocks (walker.walk)", "app/normalize/walker.py", "walk"),
    ("    _Walker.simple (incl. etree.tostring)", "app/normalize/walker.py", "simple"),
    ("  split_marked_lines", "app/normalize/blocks.py", "split_marked_lines"),
    ("block rules (Plan.clean_blocks)", "app/normalize/plans.py", "clean_blocks"),
    ("  screen: each text once against all block rules (_suspects)", "app/normalize/plans.py", "_suspects"),
    ("  rule patterns (Matcher.__call__, every phase)", "app/normalize/matchers.py", "__call__"),
    ("headline and bullets (extract.shape)", "app/normalize/extract.py", "shape"),
    ("bullet rules (Plan.clean_bullets)", "app/normalize/plans.py", "clean_bullets"),
    ("links (_link → canonical_url)", "app/normalize/__init__.py", "_link"),
    ("image (_image_url)", "app/normalize/__init__.py", "_image_url"),
    ("dates (_published)", "app/normalize/__init__.py", "_published"),
    ("identity", "app/normalize/identity.py", "identity"),
    ("content_hash", "app/normalize/identity.py", "content_hash"),
    ("render + sanitize (sanitize.render)", "app/normalize/sanitize.py", "render"),
    ("  nh3 clean (sanitize.sanitize)", "app/normalize/sanitize.py", "sanitize"),
    ("NormalizedItem(...) (pydantic validation)", "pydantic/main.py", "__init__"),
)


def build_feeds(count: int) -> list[bytes]:
    """``count`` distinct 50-item feed documents (no item repeats across them)."""
    return [feed_document(number, items=ITEMS_PER_FEED) for number in range(count)]


def _feedparser(docs: list[bytes], _entries: list[list[RawItem]]) -> int:
    total = 0
    for doc in docs:
        parsed = feedparser.parse(io.BytesIO(doc), sanitize_html=False, resolve_relative_uris=False)
        total += len(parsed.entries)
    return total


def _parse_feed(docs: list[bytes], _entries: list[list[RawItem]]) -> int:
    return sum(len(parse_feed(doc, headers=HEADERS, url=FEED_URL).entries) for doc in docs)


def _normalize(_docs: list[bytes], entries: list[list[RawItem]]) -> int:
    total = 0
    for feed in entries:
        for raw in feed:
            normalize(raw, now=NOW, settings=SETTINGS)
            total += 1
    return total


def _ingest_path(docs: list[bytes], _entries: list[list[RawItem]]) -> int:
    total = 0
    for doc in docs:
        for raw in parse_feed(doc, headers=HEADERS, url=FEED_URL).entries:
            normalize(raw, now=NOW, settings=SETTINGS)
            total += 1
    return total


WORK: dict[str, Callable[[list[bytes], list[list[RawItem]]], int]] = {
    "feedparser": _feedparser,
    "parse_feed": _parse_feed,
    "normalize": _normalize,
    "ingest_path": _ingest_path,
}


def _require(condition: object, message: object) -> None:
    if not condition:
        raise RuntimeError(f"benchmark input is not what it should be: {message}")


def _check(docs: list[bytes], entries: list[list[RawItem]]) -> None:
    """The benchmark measures the real path: every item parses and normalizes to its full content."""
    for number, feed in enumerate(entries):
        _require(len(feed) == ITEMS_PER_FEED, f"feed {number}: {len(feed)} entries")
        for index, raw in enumerate(feed):
            item = normalize(raw, now=NOW, settings=SETTINGS)
            _require(f"(story {number}.{index})" in (item.headline or ""), item.headline)
            # the promo bullet and the tip line are dropped
            _require(len(item.bullets) == 3, item.bullets)
            _require(len(item.body) == 8, item.body)
            _require(item.body_html and item.url and item.published_at, item)
    _require(_feedparser(docs, entries) == len(docs) * ITEMS_PER_FEED, "feedparser lost entries")


def _measure(stage: str, docs: list[bytes], entries: list[list[RawItem]]) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    items = WORK[stage](docs, entries)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "items": items,
        "us_per_item": wall / items * 1e6,
        "items_per_s": items / wall,
        "cpu_us_per_item": cpu / items * 1e6,
        "cpu_share": cpu / wall,
    }


def measure(docs: list[bytes], entries: list[list[RawItem]], *, rounds: int) -> dict[str, list[dict[str, float]]]:
    runs: dict[str, list[dict[str, float]]] = {stage: [] for stage in STAGES}
    for stage in STAGES:  # warm-up: imports, caches, rule plans, lxml parser per thread
        _measure(stage, docs, entries)
    for round_number in range(rounds):
        shift = round_number % len(STAGES)
        for stage in STAGES[shift:] + STAGES[:shift]:
            runs[stage].append(_measure(stage, docs, entries))
    return runs


def summarize(runs: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    stages: dict[str, dict[str, Any]] = {
        stage: {
            "items_per_s": statistics.median(r["items_per_s"] for r in results),
            "us_per_item": statistics.median(r["us_per_item"] for r in results),
            "us_per_item_runs": [round(r["us_per_item"], 1) for r in results],
            "cpu_us_per_item": statistics.median(r["cpu_us_per_item"] for r in results),
            "cpu_share_min": min(r["cpu_share"] for r in results),
        }
        for stage, results in runs.items()
    }
    per_round = [
        n["us_per_item"] / f["us_per_item"] for n, f in zip(runs["normalize"], runs["feedparser"], strict=True)
    ]
    ratio = statistics.median(per_round)
    per_round_cpu = [
        n["cpu_us_per_item"] / f["cpu_us_per_item"] for n, f in zip(runs["normalize"], runs["feedparser"], strict=True)
    ]
    return {
        "stages": stages,
        "ratio_normalize_to_feedparser": ratio,
        "ratio_runs": [round(r, 3) for r in per_round],
        "ratio_of_medians": stages["normalize"]["us_per_item"] / stages["feedparser"]["us_per_item"],
        "ratio_cpu": statistics.median(per_round_cpu),
        "goal_ratio": GOAL_RATIO,
        "meets_goal": ratio <= GOAL_RATIO,
        "normalize_budget_us": GOAL_RATIO * stages["feedparser"]["us_per_item"],
        "normalize_budget_cpu_us": GOAL_RATIO * stages["feedparser"]["cpu_us_per_item"],
    }


def _key_matches(key: tuple[str, int, str], path: str, name: str) -> bool:
    filename, _line, function = key
    return function == name and filename.endswith(path)


def _row(label: str, *, share: float, measured_us: float, calls: float | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"what": label, "share": round(share, 3), "us": round(share * measured_us, 1)}
    if calls is not None:
        row["calls_per_item"] = round(calls, 1)
    return row


def profile(entries: list[list[RawItem]], *, passes: int, measured_us: float, top: int = 15) -> dict[str, Any]:
    """cProfile over normalize: each recipe step's share of the time, and µs per item from that share.

    cProfile's per-call cost inflates Python-heavy code against C (lxml, nh3, pydantic-core), so the
    shares lean towards Python; the py-spy sample (``--py-spy``) does not. µs = share × the unprofiled
    normalize median (CPU time).
    """
    items = passes * sum(len(feed) for feed in entries)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(passes):
        _normalize([], entries)
    profiler.disable()
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(v[3] for key, v in stats.items() if _key_matches(key, "app/normalize/__init__.py", "normalize"))
    steps = []
    for label, path, name in RECIPE_STEPS:
        found = [(v[3], v[1]) for key, v in stats.items() if _key_matches(key, path, name)]
        if found:
            share, calls = sum(ct for ct, _n in found) / total, sum(n for _ct, n in found) / items
            steps.append(_row(label, share=share, measured_us=measured_us, calls=calls))
    by_own_time = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    functions = [
        _row(
            function if filename == "~" else f"{function} ({Path(filename).name}:{line})",
            share=v[2] / total,
            measured_us=measured_us,
            calls=v[1] / items,
        )
        for (filename, line, function), v in by_own_time
    ]
    return {
        "tool": "cProfile",
        "items": items,
        "profiled_us_per_item": round(total / items * 1e6, 1),
        "steps": steps,
        "top_own_time": functions,
    }


def spin(seconds: float, *, feeds: int) -> None:
    """Normalize the benchmark's items over and over for ``seconds``: the target of an outside sampler."""
    entries = [parse_feed(doc, headers=HEADERS, url=FEED_URL).entries for doc in build_feeds(feeds)]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        _normalize([], entries)


_FRAME = re.compile(r"^(?P<name>.*) \((?P<file>.*?)(?::\d+)?\)$")


def _frame(text: str) -> tuple[str, str]:
    """py-spy's ``Class.function (path/file.py:123)`` as (path, qualified name), line dropped."""
    match = _FRAME.match(text)
    return ("", text) if match is None else (match["file"], match["name"])


def sample(py_spy: str, *, seconds: float, feeds: int, measured_us: float, top: int = 15) -> dict[str, Any]:
    """Sample ``--spin`` under py-spy (no per-call overhead) and share the normalize time out like profile()."""
    with tempfile.TemporaryDirectory(prefix="feedhook-bench-") as work:
        out = Path(work) / "stacks.txt"
        command = [py_spy, "record", "--format", "raw", "--rate", "250", "--output", str(out), "--"]
        command += [sys.executable, "-m", "bench.normalize", "--spin", str(seconds), "--feeds", str(feeds)]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=seconds + 120)
        stacks = out.read_text()
    inclusive: Counter[tuple[str, str]] = Counter()
    own: Counter[tuple[str, str]] = Counter()
    total = 0
    for line in stacks.splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [_frame(text) for text in stack.split(";")]
        if not any(name == "normalize" and path.endswith("app/normalize/__init__.py") for path, name in frames):
            continue  # setup: building and parsing the feeds
        samples = int(count)
        total += samples
        for frame in set(frames):
            inclusive[frame] += samples
        own[frames[-1]] += samples

    def share_of(path: str, name: str) -> float:
        found = (
            n for (f, qualname), n in inclusive.items() if qualname.rsplit(".", 1)[-1] == name and f.endswith(path)
        )
        return sum(found) / total

    steps = [_row(label, share=share_of(path, name), measured_us=measured_us) for label, path, name in RECIPE_STEPS]
    functions = [
        _row(f"{name} ({Path(path).name})", share=n / total, measured_us=measured_us)
        for (path, name), n in own.most_common(top)
    ]
    return {"tool": "py-spy", "samples": total, "steps": steps, "top_own_time": functions}


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    model = models[0] if models else platform.processor() or "unknown"
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "python": platform.python_version(),
        "feedparser": version("feedparser"),
        "lxml": ".".join(map(str, etree.LXML_VERSION)),
        "libxml2": ".".join(map(str, etree.LIBXML_VERSION)),
        "nh3": version("nh3"),
        "pydantic": version("pydantic"),
    }


def run(
    *, rounds: int = 9, feeds: int = 10, profile_passes: int = 3, py_spy: str | None = None, spy_seconds: float = 10
) -> dict[str, Any]:
    docs = build_feeds(feeds)
    entries = [parse_feed(doc, headers=HEADERS, url=FEED_URL).entries for doc in docs]
    _check(docs, entries)
    gc.collect()
    summary = summarize(measure(docs, entries, rounds=rounds))
    result: dict[str, Any] = {
        "machine": machine(),
        "setup": {
            "feeds": feeds,
            "items_per_feed": ITEMS_PER_FEED,
            "items_per_sample": feeds * ITEMS_PER_FEED,
            "item_bytes_on_wire": len(item_xml(0, 1, items_per_feed=ITEMS_PER_FEED).encode()),
            "feed_bytes": len(docs[0]),
            "rounds": rounds,
        },
        **summary,
    }
    # CPU time, not wall: on a busy machine wall time also counts waiting for a core.
    measured_us = summary["stages"]["normalize"]["cpu_us_per_item"]
    if profile_passes:
        result["profile"] = profile(entries, passes=profile_passes, measured_us=measured_us)
    if py_spy:
        result["sample"] = sample(py_spy, seconds=spy_seconds, feeds=feeds, measured_us=measured_us)
    return result


def _profile_tables(found: dict[str, Any]) -> list[str]:
    counted = found["tool"] == "cProfile"
    head = "| share | est. µs/item |" + (" calls/item |" if counted else "")
    rule = "|---|---:|---:|" + ("---:|" if counted else "")

    def line(row: dict[str, Any], code: bool) -> str:
        what = f"`{row['what']}`" if code else row["what"]
        calls = f" {row['calls_per_item']} |" if counted else ""
        return f"| {what} | {row['share']:.1%} | {row['us']} |{calls}"

    return [
        f"| recipe step ({found['tool']}) {head}",
        rule,
        *(line(row, False) for row in found["steps"]),
        "",
        f"| function, own time ({found['tool']}) {head}",
        rule,
        *(line(row, True) for row in found["top_own_time"]),
    ]


def markdown(result: dict[str, Any]) -> str:
    """The results as the tables of docs/benchmarks-normalize.md."""
    lines = [
        "| stage | items/s (median) | µs/item (median) | µs/item, every round | CPU µs/item (median) | min CPU/wall |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for stage, s in result["stages"].items():
        runs = ", ".join(f"{v:.0f}" for v in s["us_per_item_runs"])
        lines.append(
            f"| {stage} | {s['items_per_s']:,.0f} | {s['us_per_item']:.1f} | {runs} | {s['cpu_us_per_item']:.1f} "
            f"| {s['cpu_share_min']:.2f} |"
        )
    lines += [
        "",
        f"normalize / feedparser cost: **{result['ratio_normalize_to_feedparser']:.2f}** (median of per-round ratios; "
        f"ratio of medians {result['ratio_of_medians']:.2f}; on CPU time {result['ratio_cpu']:.2f}; "
        f"rounds: {', '.join(map(str, result['ratio_runs']))}). "
        f"Goal ≤ {result['goal_ratio']}: {'met' if result['meets_goal'] else 'NOT met'} "
        f"(budget {result['normalize_budget_us']:.0f} µs per item, {result['normalize_budget_cpu_us']:.0f} µs of CPU).",
    ]
    busiest = min(s["cpu_share_min"] for s in result["stages"].values())
    if busiest < BUSY_CPU_SHARE:
        lines.append(
            f"The machine was busy (a sample got only {busiest:.0%} of a core): wall times are inflated, "
            "read the CPU-time columns and ratio."
        )
    lines.append("Profile µs = share × normalize's median CPU µs per item.")
    for key in ("sample", "profile"):
        if key in result:
            lines += ["", *_profile_tables(result[key])]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--feeds", type=int, default=10, help="50-item feeds per sample (distinct items)")
    parser.add_argument("--profile-passes", type=int, default=3, help="cProfile passes over the items; 0: none")
    parser.add_argument("--py-spy", metavar="PATH", help="also sample normalize with this py-spy binary")
    parser.add_argument("--spy-seconds", type=float, default=10)
    parser.add_argument("--spin", type=float, metavar="SECONDS", help=argparse.SUPPRESS)  # py-spy's target
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    if args.spin:
        spin(args.spin, feeds=args.feeds)
        return
    result = run(
        rounds=args.rounds,
        feeds=args.feeds,
        profile_passes=args.profile_passes,
        py_spy=args.py_spy,
        spy_seconds=args.spy_seconds,
    )
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(json.dumps(result["machine"]), json.dumps(result["setup"]), sep="\n")
    print(markdown(result))


if __name__ == "__main__":
    main()
