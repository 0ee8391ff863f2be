"""Reads with 1,000,000 items stored: four GET /v1/items cases vs a bare FastAPI GET, wrk at concurrency 16.

    .venv/bin/python -m bench.reads [--items 1000000] [--rounds 5] [--seconds 10] [--json FILE]
    .venv/bin/python -m bench.reads --profile DIR     # py-spy on the server under each case instead

The cases: the first page (`limit=50`), a deep keyset page ~90 % down the list, and search for a rare and a
common term (bench/seed_items.py plants both). The store is the seeded SQLite file (cached; seeded on the
first run), served read-only by feedhook (`app.main:create_app`, poller, resolver and deliveries off) and
the bare endpoint (bench/bare_get.py) with bench/ingest.py's uvicorn settings: 1 worker, uvloop, httptools,
access log off. Before any load every case is checked once: 200, 50 items, the items the store holds there.

Each round starts both servers afresh, warms each case up for 2 s, then runs every case on both servers
(the order alternating by round and case) and reads the feedhook server's peak RSS (VmHWM). Reported:
medians over rounds of req/s, p50 and p99, feedhook's req/s as a ratio to the bare endpoint's, and the
server's CPU time per request (utime + stime over the run / requests: steadier than req/s on a shared
machine). wrk's own counts of non-2xx answers and socket errors must be zero.

The deep cursor is built with the API's own encoding (app.reads.pagination.encode_cursor) from the (sort_at, id)
of the item at that depth in the listing's order, and checked: the page before it, fetched from the API,
hands out exactly this cursor as its next_cursor.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from app.reads.pagination import Cursor, encode_cursor
from bench.ingest import ROOT, _free_port, _serve, _stop, _wrk
from bench.pyspy_summary import summarize
from bench.seed_items import COMMON_TERM, RARE_TERM, cached_database

SIDES = ("bare", "feedhook")
LIMIT = 50
DEEP_SHARE = 0.9
VERSIONS = ("fastapi", "uvicorn", "uvloop", "httptools", "sqlalchemy", "aiosqlite", "pydantic", "orjson")
# wrk: the case's path, and at the end the run's socket errors and mean response size, for the checks.
LUA = """
wrk.method = "GET"
wrk.path = "%PATH%"
function done(summary, latency, requests)
  local e = summary.errors
  local out = io.open("%OUT%", "w")
  out:write(string.format('{"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d, ' ..
    '"requests": %d, "bytes": %d}', e.connect, e.read, e.write, e.timeout, e.status, summary.requests, summary.bytes))
  out:close()
end
"""


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    path: str
    expected_ids: tuple[int, ...] | None
    """The ids the page must hold, when the store can say (search pages are checked by their words)."""
    term: str | None = None


def cases(database: Path, count: int) -> list[Case]:
    """The four paths, with what the store says each first page must hold."""
    depth = int(count * DEEP_SHARE)
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        order = "ORDER BY sort_at DESC, id DESC"
        first = tuple(row[0] for row in conn.execute(f"SELECT id FROM items {order} LIMIT ?", (LIMIT,)))
        before = conn.execute(f"SELECT sort_at, id FROM items {order} LIMIT 1 OFFSET ?", (depth - 1,)).fetchone()
        deep = tuple(
            row[0]
            for row in conn.execute(
                f"SELECT id FROM items WHERE (sort_at, id) < (?, ?) {order} LIMIT ?", (*before, LIMIT)
            )
        )
    cursor = encode_cursor(Cursor(kind="time", sort_at=before[0], id=before[1]))
    return [
        Case("first page", f"/v1/items?limit={LIMIT}", first),
        Case(f"deep page ({depth:,} items down)", f"/v1/items?limit={LIMIT}&cursor={cursor}", deep),
        Case(f"search, rare term '{RARE_TERM}'", f"/v1/items?q={quote(RARE_TERM)}&limit={LIMIT}", None, RARE_TERM),
        Case(
            f"search, common term '{COMMON_TERM}'", f"/v1/items?q={quote(COMMON_TERM)}&limit={LIMIT}", None, COMMON_TERM
        ),
    ]


def check_responses(port: int, database: Path, count: int, checked: list[Case]) -> dict[str, int]:
    """Each case once: 200, a full page of the right items; and the deep cursor is the API's own."""
    sizes = {}
    base = f"http://127.0.0.1:{port}"
    for case in checked:
        response = httpx.get(base + case.path, timeout=30)
        assert response.status_code == 200, (case.name, response.status_code, response.text[:300])
        page = response.json()["items"]
        assert len(page) == LIMIT, (case.name, len(page))
        ids = [item["id"] for item in page]
        if case.expected_ids is not None:
            assert tuple(ids) == case.expected_ids, case.name
        if case.term is not None:
            assert ids == sorted(ids, reverse=True), case.name
            for item in page:
                text = " ".join([item["headline"], *item["bullets"], *item["body"]]).lower()
                assert case.term in text, (case.name, item["id"])
        sizes[case.name] = len(response.content)
    # The page before the deep one, fetched from the API, must hand out the cursor we built.
    depth = int(count * DEEP_SHARE)
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        sort_at, item_id = conn.execute(
            "SELECT sort_at, id FROM items ORDER BY sort_at DESC, id DESC LIMIT 1 OFFSET ?", (depth - LIMIT - 1,)
        ).fetchone()
    previous = encode_cursor(Cursor(kind="time", sort_at=sort_at, id=item_id))
    handed_out = httpx.get(f"{base}/v1/items", params={"limit": LIMIT, "cursor": previous}, timeout=30).json()
    deep_case = checked[1]
    assert deep_case.path.endswith(f"cursor={handed_out['next_cursor']}"), (handed_out["next_cursor"], deep_case.path)
    return sizes


def _environment(database: Path, description: dict[str, Any]) -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "",
    )
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "app"], capture_output=True, text=True).stdout
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "versions": {name: version(name) for name in VERSIONS},
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].strip(),
        "database": str(database),
        "database_gib": round(database.stat().st_size / 2**30, 2),
        "seed": description,
        "feedhook_commit": head,
        "feedhook_app_changes_not_committed": [line[3:] for line in dirty.splitlines()],
    }


def _peak_rss_mib(pid: int) -> dict[str, float]:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    fields = {line.split(":")[0]: line.split()[1] for line in status if line.startswith(("VmHWM", "VmRSS"))}
    return {"peak_rss_mib": int(fields["VmHWM"]) / 1024, "rss_mib": int(fields["VmRSS"]) / 1024}


@contextmanager
def servers(database: Path, work: Path) -> Iterator[dict[str, tuple[int, int]]]:
    """Both servers running: name → (port, pid)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("FEEDHOOK_")}
    feedhook_env = base | {
        "FEEDHOOK_DATABASE_URL": f"sqlite:///{database}",
        "FEEDHOOK_DATA_DIR": str(work),
        "FEEDHOOK_WEBHOOK_TOKEN": "bench-token-0123456789abcdef",
        "FEEDHOOK_API_KEY": "bench-admin-key-0123456789",
        "FEEDHOOK_LOG_LEVEL": "WARNING",
        "FEEDHOOK_FEEDS": "",  # nothing is written: the seeded file is only read
        "FEEDHOOK_POLLER": "false",
        "FEEDHOOK_RESOLVE_SHORTLINKS": "false",
        "FEEDHOOK_DELIVERIES": "false",
        # Reads need a key by default; the driver sends none, and these figures compare the read path as
        # before keys (bench/auth.py measures what checking a key adds).
        "FEEDHOOK_PUBLIC_READS": "true",
    }
    started = {}
    for name in SIDES:
        port = _free_port()
        app = "app.main:create_app"
        target = ["bench.bare_get:app"] if name == "bare" else [app, "--factory"]
        started[name] = (port, _serve(target, base if name == "bare" else feedhook_env, port))
    try:
        yield {name: (port, process.pid) for name, (port, process) in started.items()}
    finally:
        for _, process in started.values():
            _stop(process)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _run_wrk(server: tuple[int, int], case: Case, work: Path, seconds: int, connections: int) -> dict[str, float]:
    """wrk against (port, pid): its figures, the response size, and the server's CPU time per request."""
    port, pid = server
    out = work / "wrk-summary.json"
    script = work / "case.lua"
    script.write_text(LUA.replace("%PATH%", case.path).replace("%OUT%", str(out)))
    cpu = _cpu_seconds(pid)
    result = _wrk(port, script, seconds, connections)
    cpu = _cpu_seconds(pid) - cpu
    summary = json.loads(out.read_text())
    errors = sum(summary[key] for key in ("connect", "read", "write", "timeout"))
    assert result["non_2xx"] == 0, (case.name, result)
    assert summary["status"] == 0, (case.name, summary)
    assert errors == 0, (case.name, summary)
    requests = max(summary["requests"], 1)
    return result | {"bytes_per_response": summary["bytes"] / requests, "server_cpu_ms": cpu * 1000 / requests}


def run(*, count: int, rounds: int, seconds: int, connections: int, warmup: int = 2) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    database, description = cached_database(count)
    checked = cases(database, count)
    results: dict[str, dict[str, list[dict[str, float]]]] = {
        case.name: {side: [] for side in SIDES} for case in checked
    }
    memory: list[dict[str, float]] = []
    loads: list[list[float]] = []
    environment = _environment(database, description)
    with tempfile.TemporaryDirectory(prefix="feedhook-reads-") as scratch:
        work = Path(scratch)
        for round_number in range(rounds):
            loads.append([round(load, 2) for load in os.getloadavg()])
            print(f"round {round_number + 1}/{rounds}, load average {loads[-1]}", flush=True)
            with servers(database, work) as running:
                sizes = check_responses(running["feedhook"][0], database, count, checked)
                for case in checked:
                    for side in SIDES:
                        _run_wrk(running[side], case, work, warmup, connections)
                for index, case in enumerate(checked):
                    order = SIDES if (round_number + index) % 2 == 0 else SIDES[::-1]
                    for side in order:
                        measured = _run_wrk(running[side], case, work, seconds, connections)
                        results[case.name][side].append(measured)
                        print(
                            f"  {case.name:<40} {side:<8} {measured['rps']:8.0f} req/s  p50 {measured['p50_ms']:6.1f}"
                            f" ms  p99 {measured['p99_ms']:6.1f} ms  CPU {measured['server_cpu_ms']:.2f} ms/request",
                            flush=True,
                        )
                memory.append(_peak_rss_mib(running["feedhook"][1]))
    return {
        "environment": environment,
        "settings": {
            "items": count,
            "rounds": rounds,
            "seconds": seconds,
            "connections": connections,
        },
        "load_average_per_round": loads,
        "response_bytes": sizes,
        "paths": {case.name: case.path for case in checked},
        "cases": {name: _summary(sides) for name, sides in results.items()},
        "feedhook_memory_per_round": memory,
        "feedhook_peak_rss_mib": max(m["peak_rss_mib"] for m in memory),
    }


def _summary(sides: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for side, runs in sides.items():
        keys = ("rps", "p50_ms", "p99_ms", "server_cpu_ms")
        out[side] = {key: statistics.median(run[key] for run in runs) for key in keys}
        out[side]["runs"] = runs
    out["ratio"] = out["feedhook"]["rps"] / out["bare"]["rps"]
    out["ratio_per_round"] = [f["rps"] / b["rps"] for f, b in zip(sides["feedhook"], sides["bare"], strict=True)]
    return out


def markdown(summary: dict[str, Any]) -> str:
    lines = [
        "| case | bare req/s | feedhook req/s | ratio | p50 ms | p99 ms | bare p99 ms | CPU ms/req. | KB/resp. |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, case in summary["cases"].items():
        bare, feedhook = case["bare"], case["feedhook"]
        lines.append(
            f"| {name} | {bare['rps']:,.0f} | {feedhook['rps']:,.0f} | {case['ratio']:.2f} | {feedhook['p50_ms']:.1f}"
            f" | **{feedhook['p99_ms']:.1f}** | {bare['p99_ms']:.1f} | {feedhook['server_cpu_ms']:.2f}"
            f" | {summary['response_bytes'][name] / 1000:.0f} |"
        )
    lines.append("")
    lines.append(f"feedhook peak RSS (VmHWM, largest of the rounds): **{summary['feedhook_peak_rss_mib']:.0f} MiB**")
    lines.append(f"load average (1, 5, 15 min) at the start of each round: {summary['load_average_per_round']}")
    return "\n".join(lines)


def profile(*, count: int, seconds: int, connections: int, out: Path) -> None:
    """py-spy on the feedhook server while wrk loads each case: raw stacks per case, and their summary."""
    database, _ = cached_database(count)
    checked = cases(database, count)
    out.mkdir(parents=True, exist_ok=True)
    spy = Path(sys.executable).parent / "py-spy"
    with tempfile.TemporaryDirectory(prefix="feedhook-reads-") as scratch, servers(database, Path(scratch)) as running:
        port, pid = running["feedhook"]
        check_responses(port, database, count, checked)
        for index, case in enumerate(checked):
            _run_wrk((port, pid), case, Path(scratch), 2, connections)
            raw = out / f"case{index + 1}.txt"
            record = subprocess.Popen(
                [
                    *(str(spy), "record", "--pid", str(pid), "--rate", "100", "--duration", str(seconds)),
                    *("--format", "raw", "--threads", "--nonblocking", "-o", str(raw)),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(0.5)
            measured = _run_wrk((port, pid), case, Path(scratch), seconds - 1, connections)
            record.wait(timeout=seconds + 30)
            print(f"\n## {case.name}: {measured['rps']:.0f} req/s, p99 {measured['p99_ms']:.1f} ms under py-spy\n")
            print(summarize(raw, rate=100, top=25))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", type=Path, help="also write the full results here")
    parser.add_argument("--profile", type=Path, help="instead: py-spy the server under each case, raw stacks here")
    args = parser.parse_args(argv)
    if args.profile:
        profile(count=args.items, seconds=args.seconds, connections=args.connections, out=args.profile)
        return
    summary = run(
        count=args.items,
        rounds=args.rounds,
        seconds=args.seconds,
        connections=args.connections,
    )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    print()
    print(markdown(summary))


if __name__ == "__main__":
    main()
