"""Where the poller parses and normalizes fetched feeds: worker processes, or a few threads of its own.

Parsing and normalizing are Python-heavy: on threads they share the event loop's GIL, and so does the
writer thread, which gives the GIL up around every SQLite step and then waits to get it back. Measured
over 1,000 feeds of 50 new items on 2 cores: 24.5 s on threads, 15.7–15.9 s with one worker process (the
writer's wall time fell from 22 s to 13 s for the same CPU). Workers cost memory (each imports the
parser and normalizer, ~45 MiB), so their number is a setting (FEEDHOOK_PARSE_PROCESSES).

Workers are spawned, not forked: the poller's process has threads (writer, readers, DNS), and a fork
would copy their locks in whatever state they were. A worker that dies (killed, out of memory, a crash
in a C extension) breaks the whole pool: the feeds it was parsing fail with ``Unavailable`` and the
next feed gets a fresh pool.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Mapping
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from multiprocessing.process import BaseProcess

from app.errors import FeedParseError, Unavailable
from app.feeds.cleaning import CleanedFeed, clean_feed
from app.normalize.boilerplate import BoilerplateProfile
from app.normalize.model import NormalizeSettings

__all__ = ["ParsePool", "default_processes", "parse_threads"]

log = logging.getLogger("app.feeds.parsepool")

MAX_DEFAULT_PROCESSES = 4


def default_processes(cpu_count: int | None) -> int:
    """One worker per core beyond the first (the event loop and the writer keep that one), at most 4; at least 1.

    Never none, even on one core: a feed is untrusted input, and only a process can be stopped at the
    deadline; parsed on a thread, a document that holds the GIL for seconds stalls every request the
    serving process answers.
    """
    return max(1, min((cpu_count or 1) - 1, MAX_DEFAULT_PROCESSES))


def _worker_started() -> None:
    # Ctrl-C reaches the whole process group: the poller shuts its workers down itself, so a worker
    # must not die of it mid-feed first (and print a traceback per worker).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), name="feedhook-parent-watch", daemon=True).start()


def _exit_with(parent: BaseProcess) -> None:
    """Wait until the poller's process is gone, then end this worker.

    A poller killed outright (kill -9, the OOM killer) cannot stop its workers, and a worker waiting for
    work never notices on its own: it holds a copy of its task queue's writing end. Measured before this
    watch: the workers and multiprocessing's resource tracker outlived a killed poller indefinitely.
    """
    parent.join()  # returns when the parent's sentinel pipe closes, i.e. when that process has ended
    os._exit(1)


DEFAULT_DEADLINE_SECONDS = 60.0


class ParsePool:
    """Runs ``clean_feed`` in ``processes`` worker processes, or on the process's parse threads when 0.

    In processes, a feed that takes longer than ``deadline_seconds`` (waiting for a worker included) is
    stopped: its workers are killed, so a document that sends the parser or a rule into a very long
    computation costs that feed an error instead of stalling every poll behind it. Threads cannot be
    stopped, so on threads there is no deadline.
    """

    def __init__(
        self, *, processes: int = 0, threads: int = 0, deadline_seconds: float = DEFAULT_DEADLINE_SECONDS
    ) -> None:
        if processes < 0 or threads < 0:
            raise ValueError("processes and threads must not be negative")
        if deadline_seconds <= 0:
            raise ValueError("the deadline must be positive")
        self.processes = processes
        self.threads = threads
        self.deadline_seconds = deadline_seconds
        self._executor: ProcessPoolExecutor | None = None
        self._closed = False
        self.restarts = 0
        """Pools replaced after a worker died or a feed overran the deadline."""

    async def clean(
        self,
        content: bytes,
        *,
        headers: Mapping[str, str],
        url: str,
        now: datetime,
        settings: NormalizeSettings,
        profile: BoilerplateProfile | None = None,
    ) -> CleanedFeed:
        """The feed, parsed and normalized off the event loop; FeedParseError when it is not a feed."""
        work = functools.partial(
            clean_feed, content, headers=dict(headers), url=url, now=now, settings=settings, profile=profile
        )
        loop = asyncio.get_running_loop()
        if not self.processes:
            return await loop.run_in_executor(parse_threads(self.threads), contextvars.copy_context().run, work)
        executor = self._process_executor()
        try:
            async with asyncio.timeout(self.deadline_seconds):
                return await loop.run_in_executor(executor, work)
        except TimeoutError:
            self._discard(executor, kill=True)
            raise FeedParseError(f"parsing took longer than {self.deadline_seconds:g} s and was stopped") from None
        except BrokenProcessPool:
            self._discard(executor)
            raise Unavailable("a parse worker stopped (killed or crashed) while this feed was being parsed") from None

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (for measuring them; none before the first feed is parsed)."""
        if self._executor is None:
            return []
        return sorted(process.pid for process in _processes(self._executor) if process.is_alive() and process.pid)

    async def aclose(self) -> None:
        """Stop the workers (feeds still queued are cancelled); the pool cannot be used afterwards."""
        self._closed = True
        executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)

    def _process_executor(self) -> ProcessPoolExecutor:
        if self._closed:
            raise RuntimeError("the parse pool is closed")
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_started
            )
        return self._executor

    def _discard(self, executor: ProcessPoolExecutor, *, kill: bool = False) -> None:
        """Replace a broken pool, or (``kill``) one whose worker overran the deadline: its other feeds fail too."""
        if kill:  # a worker cannot be interrupted mid-feed, only ended; the pool then breaks for its other feeds
            for process in _processes(executor):
                process.kill()
        # Every feed in flight on the broken pool lands here; only the first replaces it.
        if self._executor is executor:
            self._executor = None
            self.restarts += 1
            reason = "a feed overran the parse deadline" if kill else "a parse worker died"
            log.warning("%s; starting a new pool", reason, extra={"fh_restarts": self.restarts})
            executor.shutdown(wait=False, cancel_futures=True)


def _processes(executor: ProcessPoolExecutor) -> list[BaseProcess]:
    """The pool's worker processes. ProcessPoolExecutor keeps them in a private mapping, read here only."""
    return list((getattr(executor, "_processes", None) or {}).values())


_thread_pools: dict[int, ThreadPoolExecutor] = {}
_thread_pools_lock = threading.Lock()


def _forget_thread_pools() -> None:
    """In a forked child: none of the parent's threads came along, and its lock may have been held."""
    global _thread_pools_lock
    _thread_pools.clear()
    _thread_pools_lock = threading.Lock()


_forgets_at_fork = False
"""Whether `_forget_thread_pools` runs in forked children (registered with the first pool, not at import)."""


def parse_threads(threads: int) -> Executor:
    """The process's pool of parse threads, created on first use and shared by its pollers.

    Not asyncio's default executor: the loop's getaddrinfo (the guard's DNS look-ups) runs there and would
    queue behind CPU-bound parsing. And only a few threads: parse and normalize hold the GIL for most of
    their time, so threads beyond the cores add contention, context switches and one malloc arena each
    (measured at 300 feeds: 6 threads 122 MiB peak, 2 threads 117 MiB, the same time).
    """
    global _forgets_at_fork
    threads = threads or max(1, min(os.cpu_count() or 1, 4))
    with _thread_pools_lock:
        if not _forgets_at_fork:  # a child inherits the flag with the registration: once per process tree
            os.register_at_fork(after_in_child=_forget_thread_pools)
            _forgets_at_fork = True
        executor = _thread_pools.get(threads)
        if executor is None:
            executor = _thread_pools[threads] = ThreadPoolExecutor(threads, thread_name_prefix="feedhook-parse")
        return executor
