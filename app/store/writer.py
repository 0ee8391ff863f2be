"""Group commit: one writer runs every pending write in one transaction; each caller awaits its batch.

SQLite allows one writer at a time and pays an fsync per commit, so a transaction per request
caps ingest (measured in docs/perf-baseline.md: 0.08 of the bare-endpoint ceiling). Here requests queue their
operation, the writer drains whatever is pending into one batch, commits once, and resolves every
caller's future only after that commit: an acknowledged write is durable, and no request ever
meets "database is locked" from another writer of ours.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Connection
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

__all__ = ["BatchRunner", "GroupCommitWriter", "Outcome", "WriteOp", "is_row_error", "is_unavailable", "run_ops"]

T = TypeVar("T")
WriteOp = Callable[[Connection], T]
"""A unit of work returning a ``T``: runs on the writer's connection inside the batch's transaction; must not
commit. ``Database.write(op)`` returns what it returned, typed."""


@dataclass(slots=True)
class Outcome(Generic[T]):
    """What one operation of a batch produced: a value, or the exception it raised."""

    value: T | None = None
    error: BaseException | None = None


BatchRunner = Callable[[Sequence[WriteOp[Any]]], Awaitable[list[Outcome[Any]]]]
"""Runs a batch of operations in one transaction; raises only when the whole batch failed."""

_STOP = object()


class GroupCommitWriter:
    """Serializes writes through a single task that commits them in batches."""

    def __init__(self, runner: BatchRunner, *, max_batch: int = 256) -> None:
        self._runner = runner
        self._max_batch = max_batch
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.batches = 0
        self.operations = 0

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="feedhook-writer")

    async def close(self) -> None:
        """Finish every queued write, then stop."""
        if self._task is None:
            return
        await self._queue.put(_STOP)
        await self._task
        self._task = None

    async def submit(self, op: WriteOp[T]) -> T:
        """Queue one operation and wait until the transaction that ran it has committed; what it returned."""
        if self._task is None:
            raise RuntimeError("writer is not running")
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        await self._queue.put((op, future))
        # The batch runner resolves the future with this op's own return value (run_ops keeps the order).
        return cast(T, await future)

    async def _run(self) -> None:
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is _STOP:
                break
            batch = [first]
            while len(batch) < self._max_batch and not self._queue.empty():
                entry = self._queue.get_nowait()
                if entry is _STOP:
                    stopping = True
                    break
                batch.append(entry)
            await self._commit(batch)

    async def _commit(self, batch: list[tuple[WriteOp[Any], asyncio.Future[Any]]]) -> None:
        ops = [op for op, _ in batch]
        try:
            outcomes = await self._runner(ops)
        except BaseException as exc:  # the whole batch failed: every caller hears why
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            if isinstance(exc, asyncio.CancelledError):
                raise
            return
        self.batches += 1
        self.operations += len(ops)
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            if future.done():  # the caller went away; its write is committed all the same
                continue
            if outcome.error is not None:
                future.set_exception(outcome.error)
            else:
                future.set_result(outcome.value)


def run_ops(conn: Connection, ops: Sequence[WriteOp[Any]]) -> list[Outcome[Any]]:
    """Run a batch in one transaction; if an operation fails, rerun each alone so one bad item sinks no other."""
    try:
        with conn.begin():
            return [Outcome(value=op(conn)) for op in ops]
    except Exception as batch_error:
        if len(ops) == 1 or is_unavailable(batch_error):
            raise
    outcomes: list[Outcome[Any]] = []
    for op in ops:
        try:
            with conn.begin():
                outcomes.append(Outcome(value=op(conn)))
        except Exception as exc:
            if is_unavailable(exc):
                raise
            outcomes.append(Outcome(error=exc))
    return outcomes


# PostgreSQL SQLSTATE classes of a server that cannot serve now, whatever the statement: connection
# exceptions (08), insufficient resources (53: disk full, out of memory, too many connections) and
# operator intervention's 57P (shutting down, starting up: asyncpg's CannotConnectNowError is 57P03).
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P")


# SQLite result codes of a file that cannot serve, whatever the statement: I/O error, corrupt, full, cannot
# open, not a database. Before, a corrupt file answered every request with a 500.
_UNAVAILABLE_SQLITE_CODES = frozenset({10, 11, 13, 14, 26})


def is_unavailable(exc: BaseException) -> bool:
    """True for failures of the database itself (locked, unreachable, I/O, starting or stopping), not of one
    statement."""
    if isinstance(exc, OperationalError | OSError | TimeoutError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    # asyncpg's own error when it fails while connecting (SQLAlchemy wraps only what the adapter translated).
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    sqlite_code = getattr(cause, "sqlite_errorcode", None)
    if isinstance(sqlite_code, int) and sqlite_code & 0xFF in _UNAVAILABLE_SQLITE_CODES:
        return True
    sqlstate = getattr(cause, "sqlstate", None)
    return isinstance(sqlstate, str) and sqlstate.startswith(_UNAVAILABLE_SQLSTATES)


def is_row_error(exc: BaseException) -> bool:
    """True when the database refused a statement for the values it carried (a value, a constraint).

    The operation failed again alone (`run_ops` reran it), and the database itself is answering: the cause
    is the row, and the item that made it is quarantined instead of failing its request or its feed.
    """
    # Only the classes of a value or a constraint: a dropped connection must stay a 503, never a quarantine.
    return isinstance(exc, IntegrityError | DataError) and not is_unavailable(exc)
