"""The feedhook side of the poll benchmark, in its own process: migrate, register, two timed poll cycles.

Built as `feedhook poll --once` builds it (``app.services.open_services`` on a ``Settings``, logging configured the
same way), on a fresh SQLite file that `feedhook migrate` prepared in its own process (as a deployment
does: the poller process never loads Alembic). Cycle 1 finds every feed new; then every feed is made due again
(``next_poll_at = 0``, untimed) and cycle 2 gets ``304 Not Modified`` everywhere. Per cycle: wall time,
outcomes, items stored, CPU time and the peak RSS of the cycle (VmHWM, reset through
``/proc/self/clear_refs`` before it), each with the poller's helper processes (parse workers,
multiprocessing's resource tracker) added in. Writes one JSON object to ``--out``.

``--instrument`` wraps the poller's steps (fetch, parse, normalize, the writer's operations) with timers to
say where the time goes; ``--py-spy`` records each cycle with py-spy. Both perturb the timings: never
use them in a measured run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import re
import resource
import signal
import subprocess
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import aiohttp
import sqlalchemy as sa
from sqlalchemy import Connection

import app.feeds.cleaning as cleaning_module
import app.feeds.fetcher as fetcher_module
import app.feeds.parsepool as parsepool_module
import app.feeds.parser as parser_module
import app.feeds.poller as poller_module
import app.normalize as normalize_package
import app.store.db as db_module
import app.store.writer as writer_module
from app.cli import run_async
from app.clock import to_micros, utcnow
from app.config import Settings
from app.feeds.poller import Poller, PollOutcome
from app.ops.logging import configure_logging
from app.services import open_services
from app.store.feeds import register_feeds
from app.store.tables import feeds, items
from app.store.writer import WriteOp
from bench.poll_cycle import cpu_seconds_of, migrate_apart

__all__ = ["main", "peak_rss_kib", "reset_peak_rss"]


def peak_rss_kib(process: int | str = "self") -> int:
    """A process's peak resident set size since start or the last reset (VmHWM), in KiB; 0 once it is gone."""
    try:
        status = Path(f"/proc/{process}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmHWM:\s+(\d+)\s+kB", status)
    return int(match.group(1)) if match else 0


def _clear_peak(process: int | str) -> bool:
    """Reset a process's VmHWM to its current RSS (Linux: write 5 to clear_refs); False where not allowed."""
    try:
        Path(f"/proc/{process}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


_PEAKS: list[int] = []
_CYCLE_PEAKS: list[int] = []
"""Per cycle: the poller's peak plus its helper processes' peaks."""


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to clear_refs); False where that is not allowed.

    The reset also lowers what the kernel reports as ru_maxrss, so the peak so far is kept first.
    """
    _PEAKS.append(peak_rss_kib())
    return _clear_peak("self")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- the helper processes: parse workers and multiprocessing's resource tracker --------------------------
# They count with the poller: their CPU time adds to its CPU time and their peaks to its peak (a sum of
# per-process peaks: never less than what the processes held together at any one moment).


def _descendants(root: int) -> list[int]:
    """Every live process below ``root`` (children, their children, …), py-spy excepted."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            comm = stat[stat.index("(") + 1 : stat.rindex(")")]
            if comm != "py-spy":
                parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    found: list[int] = []
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return sorted(found)


def _process_cpu_seconds(pid: int) -> float:
    """Its CPU time so far; 0 once the process is gone."""
    try:
        return cpu_seconds_of(pid)
    except OSError:
        return 0.0


class Probe:
    """Timers around the poller's steps (``--instrument``); thread CPU via time.thread_time()."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.counts: Counter[str] = Counter()
        self.in_use: list[int] = []
        self.hooked: list[str] = []
        """The timer of each installed hook: `check_hooks_ran` checks that every one ran."""
        self.ran: Counter[str] = Counter()
        """Calls per timer over the whole run (`reset` starts a cycle's counts, not these)."""

    def reset(self) -> None:
        self.seconds.clear()
        self.counts.clear()
        self.in_use.clear()

    def add(self, key: str, seconds: float) -> None:
        self.seconds[key] += seconds
        self.counts[key] += 1
        self.ran[key] += 1

    def install(self, *, parse_on_threads: bool) -> None:
        # The modules look these names up in their globals at each call, so each is replaced there. `_hook`
        # refuses a name that no longer holds the function meant (a rename or a moved import would otherwise
        # leave the probe timing nothing) and `check_hooks_ran` a timer that never ran. Parsing is only
        # timed on threads (--parse-processes 0): worker processes have modules of their own.
        fetch, parse_and_normalize = fetcher_module.fetch, cleaning_module.clean_feed
        parse_feed, normalize, run_ops = parser_module.parse_feed, normalize_package.normalize, writer_module.run_ops
        create_connection = aiohttp.TCPConnector._create_connection
        probe = self

        async def timed_fetch(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await fetch(*args, **kwargs)
            finally:
                probe.add("fetch wall (sum over feeds)", time.perf_counter() - start)

        def timed_parse_and_normalize(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return parse_and_normalize(*args, **kwargs)
            finally:
                probe.add("parse+normalize thread wall (sum)", time.perf_counter() - start)
                probe.add("parse+normalize thread CPU", time.thread_time() - cpu)

        def timed_parse_feed(*args: Any, **kwargs: Any) -> Any:
            cpu = time.thread_time()
            try:
                return parse_feed(*args, **kwargs)
            finally:
                probe.add("  parse_feed (feedparser) CPU", time.thread_time() - cpu)

        def timed_normalize(*args: Any, **kwargs: Any) -> Any:
            cpu = time.thread_time()
            try:
                return normalize(*args, **kwargs)
            finally:
                probe.add("  normalize CPU", time.thread_time() - cpu)

        def timed_run_ops(conn: Connection, ops: Sequence[WriteOp[Any]]) -> Any:
            def timed(op: WriteOp[Any]) -> WriteOp[Any]:
                name = op.__qualname__.split(".", 1)[0]

                def wrapped(connection: Connection) -> Any:
                    start, cpu = time.perf_counter(), time.thread_time()
                    try:
                        return op(connection)
                    finally:
                        probe.add(f"  writer op {name} wall", time.perf_counter() - start)
                        probe.add(f"  writer op {name} CPU", time.thread_time() - cpu)

                return wrapped

            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return run_ops(conn, [timed(op) for op in ops])
            finally:
                probe.add("writer batch wall (incl. BEGIN/COMMIT/fsync)", time.perf_counter() - start)
                probe.add("writer batch CPU", time.thread_time() - cpu)
                probe.counts["writer ops"] += len(ops)

        async def counted_connect(self: aiohttp.TCPConnector, *args: Any, **kwargs: Any) -> Any:
            probe.counts["TCP connections opened"] += 1
            return await create_connection(self, *args, **kwargs)

        self._hook(poller_module, "fetch", fetch, timed_fetch, "fetch wall (sum over feeds)")
        if parse_on_threads:  # functions sent to a worker process must be importable there
            self._hook(parsepool_module, "clean_feed", parse_and_normalize, timed_parse_and_normalize,
                       "parse+normalize thread CPU")  # fmt: skip
            self._hook(cleaning_module, "parse_feed", parse_feed, timed_parse_feed, "  parse_feed (feedparser) CPU")
            self._hook(cleaning_module, "normalize", normalize, timed_normalize, "  normalize CPU")
        self._hook(db_module, "run_ops", run_ops, timed_run_ops, "writer batch CPU")
        aiohttp.TCPConnector._create_connection = counted_connect  # type: ignore[method-assign]

    def _hook(
        self, module: ModuleType, name: str, meant: Callable[..., Any], timed: Callable[..., Any], key: str
    ) -> None:
        """Replace ``module.name``, which must be `meant`, by its timed wrapper; `key` is the timer it feeds."""
        if getattr(module, name, None) is not meant:
            raise RuntimeError(
                f"{module.__name__}.{name} is not {meant.__module__}.{meant.__qualname__}: update the probe"
            )
        setattr(module, name, timed)
        self.hooked.append(key)

    async def sample_slots(self, poller: Poller, stop: asyncio.Event) -> None:
        """Every 10 ms: how many of the poller's concurrency slots are taken."""
        limit = poller.settings.concurrency
        while not stop.is_set():
            self.in_use.append(limit - poller._limit._value)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.01)

    def check_hooks_ran(self) -> None:
        """Refuse a run in which a hook never ran: its module no longer calls the name it replaced."""
        idle = [key for key in self.hooked if not self.ran[key]]
        if idle:
            raise RuntimeError(f"the probe's hooks never ran (the figures would be silently incomplete): {idle}")

    def report(self, main_thread_cpu: float) -> dict[str, Any]:
        report: dict[str, Any] = {"main thread (event loop) CPU": round(main_thread_cpu, 3)}
        for key in sorted(self.seconds):
            report[key] = round(self.seconds[key], 3)
        report["calls"] = dict(sorted(self.counts.items()))
        if self.in_use:
            report["slots in use (mean of 10 ms samples)"] = round(sum(self.in_use) / len(self.in_use), 1)
        return report


@contextlib.contextmanager
def _py_spy(py_spy: str | None, output: Path, *, gil: bool) -> Iterator[None]:
    """Record this process with py-spy for the duration of the block (raw collapsed stacks).

    ``gil``: only samples of the thread holding the GIL, i.e. where the interpreter's time goes;
    otherwise every thread not idle, threads waiting for the GIL included.
    """
    if py_spy is None:
        yield
        return
    command = [py_spy, "record", "--pid", str(os.getpid()), "--rate", "100", "--threads", "--format", "raw"]
    command += ["--gil"] if gil else []
    recorder = subprocess.Popen([*command, "-o", str(output)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)  # let it attach
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)
        try:
            recorder.wait(timeout=30)
        except subprocess.TimeoutExpired:
            recorder.kill()


def _make_all_due(conn: Connection) -> int:
    return int(conn.execute(sa.update(feeds).values(next_poll_at=0)).rowcount or 0)


def _count_items(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(items)).scalar_one())


def _summarize(outcomes: list[PollOutcome]) -> dict[str, Any]:
    errors = Counter(outcome.error for outcome in outcomes if outcome.error)
    return {
        "feeds": len(outcomes),
        "statuses": dict(Counter(outcome.status for outcome in outcomes)),
        "new": sum(outcome.new for outcome in outcomes),
        "updated": sum(outcome.updated for outcome in outcomes),
        "unchanged": sum(outcome.unchanged for outcome in outcomes),
        "rejected": sum(outcome.rejected for outcome in outcomes),
        "errors": dict(errors.most_common(5)),
    }


async def _timed_cycle(
    poller: Poller,
    probe: Probe | None,
    count: Callable[[], Awaitable[int]],
    label: str,
    args: argparse.Namespace,
) -> dict[str, Any]:
    reset = reset_peak_rss()
    rss_before = peak_rss_kib()
    helpers_before = {pid: _process_cpu_seconds(pid) for pid in _descendants(os.getpid())}
    for pid in helpers_before:
        _clear_peak(pid)
    stop = asyncio.Event()
    sampler = None
    if probe is not None:
        probe.reset()
        sampler = asyncio.create_task(probe.sample_slots(poller, stop))
    out = Path(args.out)
    suffix = "gil" if args.py_spy_gil else "active"
    with _py_spy(args.py_spy, out.with_name(f"{out.stem}-{label}-{suffix}.pyspy.txt"), gil=args.py_spy_gil):
        cpu, main_cpu, start = _cpu_seconds(), time.thread_time(), time.perf_counter()
        outcomes = await poller.run_cycle()
        wall = time.perf_counter() - start
        cpu, main_cpu = _cpu_seconds() - cpu, time.thread_time() - main_cpu
        helpers = _descendants(os.getpid())
        helpers_cpu = sum(_process_cpu_seconds(pid) - helpers_before.get(pid, 0.0) for pid in helpers)
        helpers_peak = sum(peak_rss_kib(pid) for pid in helpers)
    stop.set()
    if sampler is not None:
        await sampler
    main_peak = peak_rss_kib() if reset else None
    _CYCLE_PEAKS.append((main_peak or 0) + helpers_peak)
    result = _summarize(outcomes) | {
        "wall_s": wall,
        "feeds_per_s": len(outcomes) / wall if wall else 0.0,
        "cpu_s": cpu + helpers_cpu,
        "main_cpu_s": cpu,
        "helpers_cpu_s": helpers_cpu,
        "helper_processes": len(helpers),
        "rss_start_kib": rss_before,
        "peak_rss_kib": None if main_peak is None else main_peak + helpers_peak,
        "main_peak_rss_kib": main_peak,
        "helpers_peak_rss_kib": helpers_peak,
        "items_in_db": await count(),
    }
    if probe is not None:
        result["profile"] = probe.report(main_cpu)
    return result


async def run(args: argparse.Namespace, urls: list[str]) -> dict[str, Any]:
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite:///{args.db}",
        feeds="",  # nothing registered at start; the bench registers its own list
        allow_private_networks=True,  # loopback feeds: the guard still runs, and lets 127/8 through
        poll_concurrency=args.concurrency,
        fetch_per_host=args.per_host,
        parse_processes=args.parse_processes,
        **({} if args.keepalive_seconds is None else {"fetch_keepalive_seconds": args.keepalive_seconds}),
        log_level=args.log_level,
    )
    configure_logging(json_lines=settings.log_format == "json", level=settings.log_level.upper(), secrets=[])
    probe = Probe() if args.instrument else None
    async with open_services(settings) as running:
        if probe is not None:
            probe.install(parse_on_threads=not running.poller.parse_pool.processes)
        if args.parse_threads:  # an experiment: PollerSettings.parse_threads has no FEEDHOOK_* setting
            running.poller.settings = dataclasses.replace(running.poller.settings, parse_threads=args.parse_threads)
        await running.db.write(
            register_feeds(urls=urls, interval_seconds=settings.poll_interval_seconds, now=to_micros(utcnow()))
        )

        async def count() -> int:
            return await running.db.read(_count_items)

        setup_rss = peak_rss_kib()
        first = await _timed_cycle(running.poller, probe, count, "cycle1", args)
        await running.db.write(_make_all_due)
        second = await _timed_cycle(running.poller, probe, count, "cycle2", args)
        if probe is not None:
            probe.check_hooks_ran()
    return {
        "tool": "feedhook",
        "settings": {
            "poll_concurrency": settings.poll_concurrency,
            "fetch_per_host": settings.fetch_per_host,
            "claim_batch": running.poller.settings.claim_batch,
            "write_batch_max": settings.write_batch_max,
            "log_level": settings.log_level,
            "parse_threads": running.poller.settings.parse_threads or "default (one per CPU, at most 4)",
            "parse_processes": running.poller.parse_pool.processes,
            "fetch_keepalive_seconds": settings.fetch_keepalive_seconds,
        },
        "feeds": len(urls),
        "setup_peak_rss_kib": setup_rss,
        "cycles": [first, second],
        "process_peak_rss_kib": max([*_PEAKS, peak_rss_kib(), *_CYCLE_PEAKS]),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", required=True, help="file with one feed URL per line")
    parser.add_argument("--db", required=True, help="SQLite file to create")
    parser.add_argument("--out", required=True, help="where to write the JSON result")
    parser.add_argument("--concurrency", type=int, default=32, help="FEEDHOOK_POLL_CONCURRENCY")
    parser.add_argument("--per-host", type=int, default=4, help="FEEDHOOK_FETCH_PER_HOST")
    parser.add_argument("--log-level", default="INFO", help="FEEDHOOK_LOG_LEVEL (logs go to stderr)")
    parser.add_argument("--parse-threads", type=int, help="experiment: the poller's parse threads (default: its own)")
    parser.add_argument("--parse-processes", type=int, help="FEEDHOOK_PARSE_PROCESSES (default: unset, as deployed)")
    parser.add_argument("--keepalive-seconds", type=float, help="FEEDHOOK_FETCH_KEEPALIVE_SECONDS (default: unset)")
    parser.add_argument("--instrument", action="store_true", help="time the poller's steps (perturbs timings)")
    parser.add_argument("--py-spy", help="path of py-spy: record each cycle next to --out (perturbs timings)")
    parser.add_argument("--py-spy-gil", action="store_true", help="py-spy --gil: only the thread holding the GIL")
    args = parser.parse_args(argv)
    if not Path(args.db).exists():  # bench.poll_cycle migrates first, so that no child of this process counts
        migrate_apart(f"sqlite:///{args.db}")
    result = run_async(run(args, Path(args.urls).read_text().split()))  # on uvloop, as `feedhook poll` runs
    Path(args.out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
