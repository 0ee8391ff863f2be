"""One poll cycle over many loopback feeds: feedhook's poller against lemon24/reader, side by side.

    .venv/bin/python -m bench.poll_cycle [--feeds 1000] [--items 50] [--rounds 3]

A feed server (bench/feed_server.py, its own process) serves ``--feeds`` distinct RSS 2.0 feeds of
``--items`` ~3 KB Business Insider-like items, spread round robin over ``--hosts`` loopback addresses
(127.0.0.2 …), with ETag / Last-Modified and 304 answers. Each round runs both tools, in alternating
order, each in a fresh child process on a fresh database: cycle 1 finds every item new, cycle 2 gets a
304 for every feed. feedhook runs bench/poll_feedhook.py with the project's Python; reader runs
bench/reader_driver.py in its own venv (created on first use under ~/.cache/feedhook-bench). The
children time their cycles and reset VmHWM before each, so every cycle has its own peak (feedhook's
includes its parse workers' and their resource tracker's, summed); the process peak is the largest they
read (a reset also lowers ``wait4``'s ru_maxrss, taken as well). The parent takes each child's CPU time
and context switches from ``wait4``, the server's CPU time from /proc.

Prints a JSON summary (medians and every run) and a Markdown table; ``--save DIR`` keeps both.
Correctness is checked in the same run: every feed fetched once per cycle, feeds×items items stored
after cycle 1 and none new in cycle 2, 200 then 304 for every feed as the server counted them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench.feed_server import host_address

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "feedhook-bench"
TOOLS = ("feedhook", "reader")
_FEEDHOOK_CHILD = "import sys; from bench.poll_feedhook import main; main(sys.argv[1:])"
FEEDHOOK_DEPS = ("feedparser", "httpx", "httpcore", "sqlalchemy", "aiosqlite", "lxml", "nh3", "orjson", "pydantic")


# --- the reader environment ---------------------------------------------------------------------------


# reader 3.26 parses with its vendored feedparser 6.0.11, which imports `sgmllib` from sgmllib3k; feedparser
# 6.0.14 (what pip resolves next to it) depends on feedparser-sgmllib instead, so without sgmllib3k
# reader fails at its first parse with "No module named 'sgmllib'". Installing sgmllib3k keeps reader's
# default, vendored parser.
READER_EXTRAS = ("sgmllib3k",)
_READER_PROBE = "import reader, requests; from reader._vendor import feedparser; print(reader.__version__)"


def reader_python(spec: str) -> Path:
    """The reader venv's Python, creating the venv (same base interpreter as ours) on first use."""
    venv = CACHE / "reader-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"creating {venv} and installing {spec} …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(python), "-c", _READER_PROBE], capture_output=True).returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", spec, *READER_EXTRAS], check=True)
        subprocess.run([str(python), "-c", _READER_PROBE], capture_output=True, check=True)
    return python


def reader_versions(python: Path) -> dict[str, str]:
    code = (
        "import json, sqlite3, sys; from importlib.metadata import version; "
        "from reader._vendor import feedparser as vendored; "
        "print(json.dumps({n: version(n) for n in ('reader', 'feedparser', 'sgmllib3k', 'requests', 'urllib3')} "
        "| {'feedparser_vendored_in_reader': vendored.__version__} "
        "| {'python': sys.version.split()[0], 'sqlite': sqlite3.sqlite_version}))"
    )
    return dict(json.loads(subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout))


def migrate_apart(database_url: str) -> None:
    """`feedhook migrate` in its own process, as a deployment runs it: Alembic never enters a poller's."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("FEEDHOOK_")}
    env |= {"FEEDHOOK_DATABASE_URL": database_url, "FEEDHOOK_FEEDS": ""}
    subprocess.run([sys.executable, "-m", "app", "migrate"], env=env, check=True, capture_output=True)


# --- the feed server ----------------------------------------------------------------------------------


def _candidate_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.2", 0))
        return int(sock.getsockname()[1])


def cpu_seconds_of(pid: int) -> float:
    """utime + stime of a running process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class FeedServer:
    process: subprocess.Popen[bytes]
    port: int
    hosts: int

    def url(self, feed: int) -> str:
        return f"http://{host_address(feed, self.hosts)}:{self.port}/feeds/{feed}.xml"

    def stats(self, *, reset: bool = False) -> dict[str, int]:
        target = f"http://127.0.0.2:{self.port}/stats{'?reset=1' if reset else ''}"
        with urllib.request.urlopen(target, timeout=5) as response:
            return {key: int(value) for key, value in json.load(response).items()}

    def cpu_seconds(self) -> float:
        return cpu_seconds_of(self.process.pid)


@contextmanager
def feed_server(feeds: int, items: int, hosts: int, log: Path) -> Iterator[FeedServer]:
    for _attempt in range(5):
        port = _candidate_port()
        with log.open("ab") as errors:
            command = [sys.executable, "-m", "bench.feed_server", f"--feeds={feeds}", f"--items={items}"]
            command += [f"--hosts={hosts}", f"--port={port}"]
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        server = FeedServer(process, port, hosts)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                server.stats(reset=True)
                break
            except OSError:
                time.sleep(0.2)
        if process.poll() is None:
            break
    else:
        raise RuntimeError(f"the feed server did not start; see {log}")
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_capacity(server: FeedServer, seconds: int = 3) -> dict[str, float] | None:
    """Requests/s the server answers for one feed, full (200) and conditional (304), with wrk; None without wrk."""
    if shutil.which("wrk") is None:
        return None
    url = server.url(1)
    etag = 'If-None-Match: "feed-1-v1"'
    rates: dict[str, float] = {}
    for name, extra in (("full_200_per_s", []), ("not_modified_304_per_s", ["-H", etag])):
        out = subprocess.run(
            ["wrk", "-t", "1", "-c", "16", "-d", f"{seconds}s", *extra, url], capture_output=True, text=True, check=True
        ).stdout
        rates[name] = float(out.split("Requests/sec:")[1].split()[0])
    server.stats(reset=True)
    return rates


# --- the children -------------------------------------------------------------------------------------


@dataclass
class ChildRun:
    result: dict[str, Any]
    peak_rss_kib: int
    cpu_s: float
    user_s: float
    sys_s: float
    context_switches: dict[str, int]
    wall_s: float
    server_cpu_s: float
    server_counts: dict[str, int]
    load_1min_at_start: float


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith(("FEEDHOOK_", "READER_"))}


def run_child(command: list[str], *, cwd: Path, out: Path, log: Path, server: FeedServer, timeout: float) -> ChildRun:
    """Run one side to completion; its peak RSS and CPU come from wait4 on that very child."""
    server.stats(reset=True)
    load = os.getloadavg()[0]
    server_cpu = server.cpu_seconds()
    start = time.perf_counter()
    with log.open("wb") as errors:
        process = subprocess.Popen(command, cwd=cwd, env=_clean_env(), stdout=errors, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0 or not out.exists():
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{command[:3]} exited with {process.returncode}; log {log}:\n{tail}")
    return ChildRun(
        result=json.loads(out.read_text()),
        # wait4's ru_maxrss (KiB) is lowered by the children's VmHWM resets: they report the true peak.
        peak_rss_kib=max(usage.ru_maxrss, int(json.loads(out.read_text())["process_peak_rss_kib"])),
        cpu_s=usage.ru_utime + usage.ru_stime,
        user_s=usage.ru_utime,
        sys_s=usage.ru_stime,
        context_switches={"voluntary": usage.ru_nvcsw, "involuntary": usage.ru_nivcsw},
        wall_s=wall,
        server_cpu_s=server.cpu_seconds() - server_cpu,
        server_counts=server.stats(reset=True),
        load_1min_at_start=load,
    )


def check(tool: str, run: ChildRun, feeds: int, items: int) -> list[str]:
    """What is wrong with a run, if anything: the same answers are expected from both tools."""
    problems = []
    first, second = run.result["cycles"]
    expected = feeds * items
    if first["statuses"] != {"ok": feeds}:
        problems.append(f"{tool} cycle 1 statuses {first['statuses']} (errors {first['errors']})")
    if first["new"] != expected or first["items_in_db"] != expected:
        problems.append(f"{tool} cycle 1 stored {first['new']} new, {first['items_in_db']} in all; expected {expected}")
    if first.get("rejected"):
        problems.append(f"{tool} cycle 1 rejected {first['rejected']} entries")
    if second["statuses"] != {"not_modified": feeds}:
        problems.append(f"{tool} cycle 2 statuses {second['statuses']} (errors {second['errors']})")
    if second["new"] or second["items_in_db"] != expected:
        problems.append(
            f"{tool} cycle 2: {second['new']} new, {second['items_in_db']} in all; expected 0 and {expected}"
        )
    if run.server_counts != {"200": feeds, "304": feeds}:
        problems.append(f"{tool}: the server answered {run.server_counts}; expected {feeds} × 200 and {feeds} × 304")
    return problems


# --- summary ------------------------------------------------------------------------------------------


def _row(tool: str, run: ChildRun, round_number: int, order: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "round": round_number,
        "order": order,
        "process_peak_rss_mib": run.peak_rss_kib / 1024,
        "process_cpu_s": run.cpu_s,
        "process_user_s": run.user_s,
        "process_sys_s": run.sys_s,
        "context_switches": run.context_switches,
        "process_wall_s": run.wall_s,
        "setup_peak_rss_mib": run.result["setup_peak_rss_kib"] / 1024,
        "server_cpu_s": run.server_cpu_s,
        "load_1min_at_start": run.load_1min_at_start,
        "settings": run.result["settings"],
    }
    for number, cycle in enumerate(run.result["cycles"], 1):
        row[f"cycle{number}"] = {
            "wall_s": cycle["wall_s"],
            "feeds_per_s": cycle["feeds_per_s"],
            "cpu_s": cycle["cpu_s"],
            "peak_rss_mib": (cycle["peak_rss_kib"] or 0) / 1024,
            "new": cycle["new"],
            "items_in_db": cycle["items_in_db"],
            "statuses": cycle["statuses"],
        }
    return row


def summarize(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    medians: dict[str, Any] = {}
    for tool, rows in runs.items():
        if not rows:
            continue
        tool_medians: dict[str, Any] = {
            "process_peak_rss_mib": statistics.median(row["process_peak_rss_mib"] for row in rows),
            "process_cpu_s": statistics.median(row["process_cpu_s"] for row in rows),
            "server_cpu_s": statistics.median(row["server_cpu_s"] for row in rows),
        }
        for cycle in ("cycle1", "cycle2"):
            keys = ("wall_s", "feeds_per_s", "cpu_s", "peak_rss_mib", "new", "items_in_db")
            tool_medians[cycle] = {key: statistics.median(row[cycle][key] for row in rows) for key in keys}
        medians[tool] = tool_medians
    ratios: dict[str, float] = {}
    if len(medians) == 2:
        fh, rd = medians["feedhook"], medians["reader"]
        for cycle in ("cycle1", "cycle2"):
            ratios[f"{cycle}_time_reader_over_feedhook"] = rd[cycle]["wall_s"] / fh[cycle]["wall_s"]
            ratios[f"{cycle}_cpu_reader_over_feedhook"] = rd[cycle]["cpu_s"] / fh[cycle]["cpu_s"]
            ratios[f"{cycle}_peak_rss_reader_over_feedhook"] = rd[cycle]["peak_rss_mib"] / fh[cycle]["peak_rss_mib"]
        ratios["process_peak_rss_reader_over_feedhook"] = rd["process_peak_rss_mib"] / fh["process_peak_rss_mib"]
    return {"medians": medians, "ratios": ratios}


def markdown(summary: dict[str, Any], runs: dict[str, list[dict[str, Any]]], feeds: int, items: int) -> str:
    lines = [
        f"Medians over {max(len(rows) for rows in runs.values())} rounds; {feeds} feeds × {items} items.",
        "",
        "| tool | cycle | wall (s) | feeds/s | items stored | CPU (s) | peak RSS in cycle (MiB) "
        "| process peak RSS (MiB) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, values in summary["medians"].items():
        for number, label in ((1, "1: all new"), (2, "2: all 304")):
            cycle = values[f"cycle{number}"]
            lines.append(
                f"| {tool} | {label} | {cycle['wall_s']:.2f} | {cycle['feeds_per_s']:.0f} | {cycle['items_in_db']:.0f} "
                f"| {cycle['cpu_s']:.2f} | {cycle['peak_rss_mib']:.0f} | {values['process_peak_rss_mib']:.0f} |"
            )
    ratios = summary["ratios"]
    if ratios:
        lines += [
            "",
            "| reader / feedhook | cycle 1 | cycle 2 |",
            "|---|---:|---:|",
            f"| wall time | {ratios['cycle1_time_reader_over_feedhook']:.2f}× "
            f"| {ratios['cycle2_time_reader_over_feedhook']:.2f}× |",
            f"| CPU time | {ratios['cycle1_cpu_reader_over_feedhook']:.2f}× "
            f"| {ratios['cycle2_cpu_reader_over_feedhook']:.2f}× |",
            f"| peak RSS in the cycle | {ratios['cycle1_peak_rss_reader_over_feedhook']:.2f}× "
            f"| {ratios['cycle2_peak_rss_reader_over_feedhook']:.2f}× |",
            f"| process peak RSS | {ratios['process_peak_rss_reader_over_feedhook']:.2f}× | |",
        ]
    lines += [
        "",
        "All runs:",
        "",
        "| round | order | tool | cycle 1 wall (s) | cycle 1 feeds/s | cycle 2 wall (s) | cycle 2 feeds/s "
        "| peak RSS c1 / c2 / process (MiB) | CPU c1 / c2 (s) | server CPU (s) | load at start |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    every = sorted((row["round"], row["order"], tool, row) for tool, rows in runs.items() for row in rows)
    for round_number, order, tool, row in every:
        one, two = row["cycle1"], row["cycle2"]
        lines.append(
            f"| {round_number + 1} | {order + 1} | {tool} | {one['wall_s']:.2f} | {one['feeds_per_s']:.0f} "
            f"| {two['wall_s']:.2f} | {two['feeds_per_s']:.0f} "
            f"| {one['peak_rss_mib']:.0f} / {two['peak_rss_mib']:.0f} / {row['process_peak_rss_mib']:.0f} "
            f"| {one['cpu_s']:.2f} / {two['cpu_s']:.2f} | {row['server_cpu_s']:.2f} | {row['load_1min_at_start']:.2f} |"
        )
    return "\n".join(lines)


def environment(python: Path | None) -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    import sqlite3

    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "load_average_at_start": os.getloadavg(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "feedhook_deps": {name: version(name) for name in FEEDHOOK_DEPS},
    }
    if python is not None:
        info["reader_env"] = reader_versions(python)
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "app"], capture_output=True, text=True).stdout
    info["feedhook_commit"] = head
    info["feedhook_app_changes_not_committed"] = [line[3:] for line in dirty.splitlines()]
    return info


# --- main ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--hosts", type=int, default=250, help="loopback addresses the feeds are spread over")
    parser.add_argument("--concurrency", type=int, default=32, help="feedhook: FEEDHOOK_POLL_CONCURRENCY")
    parser.add_argument("--per-host", type=int, default=4, help="feedhook: FEEDHOOK_FETCH_PER_HOST")
    parser.add_argument("--log-level", default="INFO", help="feedhook: FEEDHOOK_LOG_LEVEL")
    parser.add_argument("--workers", type=int, default=32, help="reader: update_feeds(workers=N)")
    parser.add_argument("--tools", default="feedhook,reader", help="comma-separated: feedhook, reader")
    parser.add_argument("--reader-spec", default="reader", help="pip requirement for reader's venv")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per child run")
    parser.add_argument("--save", type=Path, help="folder for summary.json, summary.md and the children's logs")
    parser.add_argument("--parse-threads", type=int, help="feedhook experiment: the poller's parse threads")
    parser.add_argument("--parse-processes", type=int, help="feedhook: FEEDHOOK_PARSE_PROCESSES (default: unset)")
    parser.add_argument("--keepalive-seconds", type=float, help="feedhook: FEEDHOOK_FETCH_KEEPALIVE_SECONDS")
    parser.add_argument("--instrument", action="store_true", help="feedhook: time its steps (not for measuring)")
    parser.add_argument("--py-spy", help="feedhook: path of py-spy, to record each cycle (not for measuring)")
    parser.add_argument("--py-spy-gil", action="store_true", help="with --py-spy: sample only the GIL holder")
    parser.add_argument("--no-server-check", action="store_true", help="skip measuring the server with wrk")
    args = parser.parse_args(argv)
    tools = [tool for tool in args.tools.split(",") if tool]
    if not set(tools) <= set(TOOLS):
        raise SystemExit(f"--tools: choose from {TOOLS}")
    python = reader_python(args.reader_spec) if "reader" in tools else None
    work = Path(tempfile.mkdtemp(prefix="feedhook-poll-bench-"))
    save = args.save.resolve() if args.save else None
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
    logs = save or work
    runs: dict[str, list[dict[str, Any]]] = {tool: [] for tool in tools}
    problems: list[str] = []
    started = time.perf_counter()
    try:
        with feed_server(args.feeds, args.items, args.hosts, logs / "server.log") as server:
            capacity = None if args.no_server_check else server_capacity(server)
            urls = work / "urls.txt"
            urls.write_text("\n".join(server.url(feed) for feed in range(args.feeds)) + "\n")
            for round_number in range(args.rounds):
                order = tools if round_number % 2 == 0 else tools[::-1]
                for position, tool in enumerate(order):
                    case = work / f"{tool}-{round_number}"
                    case.mkdir()
                    out = (save or case) / f"{tool}-{round_number}.json"
                    if tool == "feedhook":
                        # `feedhook migrate` first, in a process of its own as a deployment runs it (not
                        # timed, and not a child of the measured process, whose wait4 peak it would join).
                        migrate_apart(f"sqlite:///{case / 'feedhook.db'}")
                        # Started with -c, not -m: spawned parse workers re-import the main module, and the
                        # deployed `feedhook` script's is app/entry.py, which imports nothing (-c: nothing).
                        command = [sys.executable, "-c", _FEEDHOOK_CHILD, f"--urls={urls}"]
                        command += [f"--db={case / 'feedhook.db'}", f"--out={out}"]
                        command += [f"--concurrency={args.concurrency}", f"--per-host={args.per_host}"]
                        command += [f"--log-level={args.log_level}"]
                        command += ["--instrument"] if args.instrument else []
                        command += [f"--parse-threads={args.parse_threads}"] if args.parse_threads else []
                        if args.parse_processes is not None:
                            command += [f"--parse-processes={args.parse_processes}"]
                        if args.keepalive_seconds is not None:
                            command += [f"--keepalive-seconds={args.keepalive_seconds}"]
                        command += [f"--py-spy={args.py_spy}"] if args.py_spy else []
                        command += ["--py-spy-gil"] if args.py_spy_gil else []
                        cwd = ROOT
                    else:
                        assert python is not None
                        command = [str(python), str(ROOT / "bench" / "reader_driver.py"), f"--urls={urls}"]
                        command += [f"--db={case / 'reader.sqlite'}", f"--out={out}", f"--workers={args.workers}"]
                        cwd = case
                    log = logs / f"{tool}-{round_number}.log"
                    run = run_child(command, cwd=cwd, out=out, log=log, server=server, timeout=args.timeout)
                    problems += check(tool, run, args.feeds, args.items)
                    runs[tool].append(_row(tool, run, round_number, position))
                    one, two = run.result["cycles"]
                    print(
                        f"round {round_number + 1} {tool}: cycle 1 {one['wall_s']:.2f} s, "
                        f"cycle 2 {two['wall_s']:.2f} s, peak RSS {run.peak_rss_kib / 1024:.0f} MiB",
                        file=sys.stderr,
                    )
                    shutil.rmtree(case, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = summarize(runs)
    report: dict[str, Any] = {
        "command": " ".join([".venv/bin/python -m bench.poll_cycle", *(argv if argv is not None else sys.argv[1:])]),
        "feeds": args.feeds,
        "items": args.items,
        "hosts": args.hosts,
        "rounds": args.rounds,
        "elapsed_s": time.perf_counter() - started,
        "environment": environment(python),
        "server_capacity": capacity,
        "problems": problems,
        **summary,
        "runs": runs,
        "instrumented": bool(args.instrument or args.py_spy),
        "parent_peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    table = markdown(summary, runs, args.feeds, args.items)
    if report["instrumented"]:
        table = "**Instrumented or profiled run: the timings are perturbed; do not quote them.**\n\n" + table
    print(json.dumps(report, indent=2))
    print()
    print(table)
    if problems:
        print("\nPROBLEMS:\n" + "\n".join(problems))
    if save is not None:
        (save / "summary.json").write_text(json.dumps(report, indent=2))
        (save / "summary.md").write_text(table + "\n")
    if problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
