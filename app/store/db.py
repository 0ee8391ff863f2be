"""The database: engines for SQLite (default) or PostgreSQL by URL, reads, group-committed writes, migrations."""

from __future__ import annotations

import asyncio
import collections
import functools
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.errors import Unavailable
from app.store.writer import GroupCommitWriter, Outcome, WriteOp, is_unavailable, run_ops

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

__all__ = ["Database", "async_url", "migrate", "sync_url"]

P = ParamSpec("P")
T = TypeVar("T")

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 5000
READ_THREADS = 2
"""SQLite reads: threads, each with a pooled stdlib sqlite3 connection, that run a whole query function per hop.
Two, not more: every extra thread is one more contender for the GIL that the event loop needs (bench/reads.py, GC
frozen, p99 of the first page / a common-term search: 1 thread 41/49 ms, 2 43/52, 4 50/60), and two keep one free
while a long read runs."""
QUICK_READ_BUDGET_S = 0.002
"""How long a quick read may hold the event loop before it is interrupted and run on a reader thread instead.
A page by an index takes ~0.2 ms; 2 ms is the worst a read that turns out to scan (a filter that rarely
matches) adds to every other request's latency before it moves off the loop."""
PROGRESS_OPCODES = 1000
"""SQLite calls the budget check every this many virtual-machine instructions (~10-50 µs of work)."""
MIN_FREE_BYTES = 16 * 2**20
"""Free space below which a SQLite store is not ready: a write would fail with SQLITE_FULL."""


def async_url(url: str) -> str:
    """The URL with an async driver: aiosqlite for SQLite, asyncpg for PostgreSQL."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    raise ValueError(f"unsupported database: {backend!r} (use sqlite:/// or postgresql+asyncpg://)")


def sync_url(url: str) -> str:
    """The URL with the stdlib sqlite3 driver (SQLite's writer thread and migrations)."""
    return make_url(url).set(drivername="sqlite").render_as_string(hide_password=False)


def _ensure_sqlite_folder(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def migrate(url: str, revision: str = "head") -> None:
    """Bring the schema to `revision` with Alembic (blocking; call it from a thread inside a loop)."""
    # Imported here: serving and polling never migrate, so they need not load Alembic (~11 MiB).
    from alembic import command
    from alembic.config import Config

    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    if is_sqlite:
        _ensure_sqlite_folder(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sync_url(url) if is_sqlite else async_url(url))
    command.upgrade(config, revision)
    if is_sqlite:
        # WAL is a property of the file: set once, every later connection uses it.
        engine = sa.create_engine(sync_url(url), poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, busy_timeout_ms: int) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit is on disk before we acknowledge it, even across power loss, not only kill -9.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """Owns the engines and the writer; built once in the app's lifespan (or the CLI), closed at exit."""

    def __init__(self, url: str, *, write_batch_max: int = 256, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.url = url
        self.busy_timeout_ms = busy_timeout_ms
        self.dialect = make_url(url).get_backend_name()
        # PostgreSQL only: SQLite reads and writes run on threads of their own (below), and leaving the
        # async extension unimported keeps ~8 MiB out of every SQLite process (`feedhook poll` included).
        self._async_engine: AsyncEngine | None = None if self.dialect == "sqlite" else _async_engine(url)
        self._write_engine: Engine | None = None
        self._write_connection: Connection | None = None
        self._write_thread: ThreadPoolExecutor | None = None
        # SQLite reads bypass aiosqlite: it paid a thread hop per DBAPI call (~8 per query), and its pool
        # (5 + 10 overflow) opened and closed a connection, with that connection's thread, for every
        # concurrent read past the fifth. One hop to a reader thread runs the whole query function
        # (16 concurrent page reads: 3.3 → 1.1 ms each; bench/reads.py under wrk: 280 → 440 req/s).
        self._read_engine: Engine | None = None
        self._read_threads: ThreadPoolExecutor | None = None
        # Quick reads run on the event loop's own connection (read_quick); created on first use, on that thread.
        self._loop_engine: Engine | None = None
        self._loop_thread: int | None = None
        self.quick_reads_moved: collections.Counter[str] = collections.Counter()
        """Quick reads that ran again on a reader thread, by reason (over_budget, locked): for /metrics."""
        self._file: Path | None = None
        """The SQLite file, watched so that nothing is acknowledged once it is not the file we write to."""
        self._identity: tuple[int, int] | None = None
        if self.dialect == "sqlite":
            database = make_url(url).database
            self._file = Path(database) if database and database != ":memory:" else None
            self._read_engine = _sqlite_read_engine(url, busy_timeout_ms)
            self._loop_engine = _sqlite_read_engine(url, 0, pool_size=1)
            self._read_threads = ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="feedhook-reader")
        self.writer = GroupCommitWriter(self._run_batch, max_batch=write_batch_max)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def _engine(self) -> AsyncEngine:
        assert self._async_engine is not None, "SQLite runs on its reader and writer threads"
        return self._async_engine

    async def start(self) -> None:
        self._identity = self._file_identity()
        if self.is_sqlite:
            self._write_engine = _sqlite_write_engine(self.url, self.busy_timeout_ms)
            self._write_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feedhook-writer")
        self.writer.start()

    async def close(self) -> None:
        await self.writer.close()
        if self._write_thread is not None:
            await asyncio.get_running_loop().run_in_executor(self._write_thread, self._close_write_connection)
            self._write_thread.shutdown(wait=True)
            self._write_thread = None
        if self._write_engine is not None:
            self._write_engine.dispose()
        if self._read_threads is not None:
            self._read_threads.shutdown(wait=True)
        if self._read_engine is not None:
            self._read_engine.dispose()
        if self._loop_engine is not None:
            self._loop_engine.dispose()
        if self._async_engine is not None:
            await self._async_engine.dispose()

    async def read(self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a sync Core query function on a pooled connection; database failures become Unavailable."""
        try:
            if self._read_threads is not None:
                call = functools.partial(self._read_in_thread, fn, *args, **kwargs)
                return await asyncio.get_running_loop().run_in_executor(self._read_threads, call)
            async with self._engine().connect() as conn:
                return await conn.run_sync(fn, *args, **kwargs)
        except Exception as exc:
            if is_unavailable(exc):
                raise Unavailable("the database is not answering") from exc
            raise

    async def read_quick(self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`read` for a query bounded by an index and a LIMIT: on SQLite it runs on the event loop itself.

        Two thread hops and the GIL handoffs pysqlite makes for every row cost more CPU than a page's
        query (~0.4 of ~0.8 ms per page, bench/reads.py). The loop is never held long: SQLite checks a
        deadline every PROGRESS_OPCODES instructions and interrupts a read past QUICK_READ_BUDGET_S (or one
        that meets a lock), which then runs again, whole, on a reader thread.
        """
        if self._loop_engine is None or self._loop_thread not in (None, threading.get_ident()):
            return await self.read(fn, *args, **kwargs)
        try:
            return self._read_on_loop(fn, *args, **kwargs)
        except _OverBudget:
            self.quick_reads_moved["over_budget"] += 1
            return await self.read(fn, *args, **kwargs)
        except Exception as exc:
            if _is_busy(exc):  # the loop never waits for a lock: a reader thread does, up to busy_timeout
                self.quick_reads_moved["locked"] += 1
                return await self.read(fn, *args, **kwargs)
            if is_unavailable(exc):
                raise Unavailable("the database is not answering") from exc
            raise

    def _read_on_loop(self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        assert self._loop_engine is not None
        self._loop_thread = threading.get_ident()  # sqlite3 connections stay on the thread that made them
        deadline = time.perf_counter() + QUICK_READ_BUDGET_S
        over_budget = False

        def past_deadline() -> bool:
            nonlocal over_budget
            over_budget = time.perf_counter() > deadline
            return over_budget

        with self._loop_engine.connect() as conn:
            driver = cast(sqlite3.Connection, conn.connection.driver_connection)
            driver.set_progress_handler(past_deadline, PROGRESS_OPCODES)
            try:
                return fn(conn, *args, **kwargs)
            except Exception as exc:
                if over_budget:
                    raise _OverBudget from exc
                raise
            finally:
                driver.set_progress_handler(None, 0)

    def _read_in_thread(self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        assert self._read_engine is not None
        with self._read_engine.connect() as conn:
            return fn(conn, *args, **kwargs)

    async def write(self, op: WriteOp[T]) -> T:
        """Queue a write; returns after the transaction holding it has committed."""
        try:
            return await self.writer.submit(op)
        except Exception as exc:
            if is_unavailable(exc):
                raise Unavailable("the database cannot take writes now") from exc
            raise

    async def ping(self) -> None:
        await self.read(lambda conn: conn.exec_driver_sql("SELECT 1").scalar_one())

    async def check_ready(self) -> None:
        """Unavailable unless the store can serve: its file still the one open, the schema there, room to
        write (SQLite), and a query through the schema answered (a corrupt file fails it)."""
        self.check_file()
        if self._file is not None:
            stats = await asyncio.to_thread(os.statvfs, self._file.parent)
            if stats.f_bavail * stats.f_frsize < MIN_FREE_BYTES:
                raise Unavailable("the disk holding the database is full")
        await self.read(_schema_answers)

    def _file_identity(self) -> tuple[int, int] | None:
        if self._file is None:
            return None
        try:
            stats = os.stat(self._file)
        except FileNotFoundError:
            return None
        return stats.st_dev, stats.st_ino

    def check_file(self) -> None:
        """Unavailable when the SQLite file was deleted or replaced since the store started.

        SQLite keeps writing to an open file that was unlinked: commits succeed, and every one of them is
        lost at the next start. So the path must still lead to the inode that was opened (same device and
        inode number; deleted, it leads nowhere).
        """
        if self._file is None:
            return
        identity = self._file_identity()
        if self._identity is None:  # no file at start (a store migrated later): the first one seen is it
            self._identity = identity
        elif identity != self._identity:
            raise Unavailable("the database file was deleted or replaced under the running service: restart it")

    async def _run_batch(self, ops: Sequence[WriteOp[Any]]) -> list[Outcome[Any]]:
        if self._write_thread is not None:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._write_thread, self._run_batch_in_thread, ops)
        async with self._engine().connect() as conn:
            return await conn.run_sync(run_ops, ops)

    def _run_batch_in_thread(self, ops: Sequence[WriteOp[Any]]) -> list[Outcome[Any]]:
        assert self._write_engine is not None
        if self._write_connection is None or self._write_connection.closed:
            self._write_connection = self._write_engine.connect()
        try:
            outcomes = run_ops(self._write_connection, ops)
            self.check_file()  # committed, but into a file nobody will open again: acknowledge nothing
            return outcomes
        except Exception:
            # A broken connection is not reused: the next batch opens a fresh one.
            self._close_write_connection()
            raise

    def _close_write_connection(self) -> None:
        if self._write_connection is not None:
            try:
                self._write_connection.close()
            finally:
                self._write_connection = None


def _schema_answers(conn: Connection) -> None:
    conn.exec_driver_sql("SELECT id FROM items ORDER BY id DESC LIMIT 1").all()


def _is_busy(exc: BaseException) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED (primary codes, whatever the extended one), raised or wrapped."""
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(cause, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class _OverBudget(Exception):
    """A quick read ran past its budget on the event loop and was interrupted."""


def _async_engine(url: str) -> AsyncEngine:
    from sqlalchemy.ext.asyncio import create_async_engine

    return create_async_engine(async_url(url), pool_pre_ping=True)


def _sqlite_read_engine(url: str, busy_timeout_ms: int, *, pool_size: int = READ_THREADS) -> Engine:
    """The readers' engine: stdlib sqlite3, one pooled connection per reader thread (none opened until used)."""
    engine = sa.create_engine(sync_url(url), pool_size=pool_size, max_overflow=0)
    event.listen(engine, "connect", lambda conn, _: _sqlite_pragmas(conn, busy_timeout_ms))
    return engine


def _sqlite_write_engine(url: str, busy_timeout_ms: int) -> Engine:
    """The writer's engine: stdlib sqlite3 on one thread, BEGIN IMMEDIATE so the lock is taken up front."""
    engine = sa.create_engine(sync_url(url), poolclass=sa.pool.NullPool)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN instead of sqlite3's implicit, deferred one.
        dbapi_connection.isolation_level = None
        _sqlite_pragmas(dbapi_connection, busy_timeout_ms)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
