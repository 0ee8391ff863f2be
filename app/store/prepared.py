"""Core statements compiled once and, on SQLite, run through the DBAPI cursor: the writer's per-item path,
and the listings (app/store/listings.py) that quick reads run on the event loop.

SQLAlchemy's execute costs ~50 µs of Python per statement (cache key, execution context, result
wrapping), more than SQLite's own look-up by index. The writer's thread holds the GIL for that work,
which the event loop answering requests needs, so the statements it runs for every saved item are
compiled once per parameter shape and executed on the raw ``sqlite3`` cursor. The Core statement stays
the single definition: other dialects execute it as usual, and a statement whose values or results
would need type processing on SQLite is also executed the usual way. Driver errors are wrapped the way
SQLAlchemy wraps them, so callers (and ``is_unavailable``) see the same exceptions either way.

``RowsInsert`` goes one step further for a batch of new rows: one ``INSERT … VALUES (…), (…)`` per chunk
of rows instead of a statement per row. Python's sqlite3 releases the GIL around every step, and a writer
thread competing with busy Python threads waits to get it back each time, so steps, not bytes, cost.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ["Prepared", "RowsInsert", "sqlite_driver"]

_SQLITE = sqlite.dialect()


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    order: tuple[str, ...]
    """Parameter names in placeholder order (a name may repeat)."""
    defaults: Mapping[str, Any]
    """Values of the statement's own literals (``param_1`` …)."""
    fast: bool
    """False when a bind or result type needs processing: then the statement runs through SQLAlchemy."""


class Prepared:
    """One Core statement; `first`, `scalar` and `all` execute it with a dict of parameters."""

    __slots__ = ("_compiled", "_rows", "statement")

    def __init__(self, statement: sa.Executable) -> None:
        self.statement = statement
        self._compiled: dict[tuple[str, ...], _Compiled] = {}
        self._rows: dict[tuple[str, ...], Callable[..., Any]] = {}

    def first(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """The first result row (attribute access by column name), or None."""
        with self._cursor(conn, params) as cursor:
            if cursor is None:
                return conn.execute(self.statement, dict(params)).first()
            row = cursor.fetchone()
            return None if row is None else self._row_type(cursor.description)(*row)

    def all(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[Any]:
        """Every result row (attribute access by column name)."""
        params = params or {}
        with self._cursor(conn, params) as cursor:
            if cursor is None:
                return list(conn.execute(self.statement, dict(params)).all())
            row_type = self._row_type(cursor.description)
            return [row_type(*row) for row in cursor.fetchall()]

    def scalar(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """The first column of the first row, or None."""
        with self._cursor(conn, params) as cursor:
            if cursor is None:
                return conn.execute(self.statement, dict(params)).scalar()
            row = cursor.fetchone()
            return None if row is None else row[0]

    @contextmanager
    def _cursor(self, conn: Connection, params: Mapping[str, Any]) -> Iterator[sqlite3.Cursor | None]:
        """The executed sqlite3 cursor, or None where SQLAlchemy's execute must run the statement."""
        compiled = self._compile(conn.dialect, tuple(params)) if conn.dialect.name == "sqlite" else None
        driver = sqlite_driver(conn) if compiled is not None and compiled.fast else None
        if driver is None:  # other dialects, typed values, aiosqlite's adapter
            yield None
            return
        assert compiled is not None
        values = [params[n] if n in params else compiled.defaults[n] for n in compiled.order]
        with _executed(conn, driver, compiled.sql, values, self.statement, params) as cursor:
            yield cursor

    def _compile(self, dialect: Dialect, keys: tuple[str, ...]) -> _Compiled:
        compiled = self._compiled.get(keys)
        if compiled is None:
            compiled = self._compiled[keys] = _compile(self.statement, dialect, keys)
        return compiled

    def _row_type(self, description: Sequence[Sequence[Any]]) -> Callable[..., Any]:
        names = tuple(column[0] for column in description)
        row_type = self._rows.get(names)
        if row_type is None:
            row_type = self._rows[names] = namedtuple("PreparedRow", names, rename=True)
        return row_type


class RowsInsert:
    """A multi-row ``INSERT INTO table (columns) VALUES (…), (…) …`` run on SQLite's own sqlite3 cursor.

    Values go in unprocessed, so the columns must be plain integers and text; each row lists them in
    the order of `columns`. Callers check `sqlite_driver` first: the statement is for that driver only.
    """

    __slots__ = ("_columns", "_group", "_one_row", "_sql", "_wanted", "statement")

    def __init__(self, table: sa.Table, columns: Sequence[str]) -> None:
        self.statement = sa.insert(table)
        self._wanted = tuple(columns)
        self._columns: tuple[str, ...] | None = None  # compiled on first use, not at import
        self._one_row = self._group = ""
        self._sql: dict[int, str] = {}

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns in placeholder order (the table's, not the caller's): each row lists its values so."""
        if self._columns is None:
            self._compile()
        assert self._columns is not None
        return self._columns

    def _compile(self) -> None:
        # The Core insert compiles the one-row form; each further row repeats its VALUES group.
        compiled = self.statement.compile(dialect=_SQLITE, column_keys=list(self._wanted))
        columns = tuple(compiled.positiontup or ())
        if set(columns) != set(self._wanted):
            raise ValueError(f"not columns of {self.statement.table}: {sorted(set(self._wanted) - set(columns))}")
        self._group = "(" + ", ".join("?" * len(columns)) + ")"
        self._one_row = compiled.string
        assert self._one_row.endswith(self._group), self._one_row
        self._columns = columns

    def chunk_rows(self, driver: sqlite3.Connection) -> int:
        """How many rows one statement may carry: SQLite's bound-variable limit over the columns."""
        return max(1, driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(self.columns))

    def run(self, conn: Connection, driver: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> tuple[int, int]:
        """Insert the rows (at most `chunk_rows`) in one statement: (rows inserted, rowid of the last one)."""
        sql = self._sql.get(len(rows))
        if sql is None:
            if self._columns is None:
                self._compile()
            sql = self._sql[len(rows)] = self._one_row + f", {self._group}" * (len(rows) - 1)
        values = [value for row in rows for value in row]
        with _executed(conn, driver, sql, values, self.statement, {}) as cursor:
            return cursor.rowcount, int(cursor.lastrowid or 0)


def sqlite_driver(conn: Connection) -> sqlite3.Connection | None:
    """The stdlib sqlite3 connection under `conn`, or None (another dialect, or aiosqlite's adapter)."""
    if conn.dialect.name != "sqlite":
        return None
    driver = conn.connection.driver_connection
    return driver if isinstance(driver, sqlite3.Connection) else None


@contextmanager
def _executed(
    conn: Connection,
    driver: sqlite3.Connection,
    sql: str,
    values: Sequence[Any],
    statement: sa.Executable,
    params: Mapping[str, Any],
) -> Iterator[sqlite3.Cursor]:
    """A sqlite3 cursor that has executed `sql`, inside the connection's transaction; errors wrapped as SQLAlchemy's."""
    if not conn.in_transaction():
        conn.begin()  # what conn.execute's autobegin does, so commit() and rollback() keep their meaning
    cursor = driver.cursor()
    try:
        cursor.execute(sql, values)
        yield cursor
    except sqlite3.Error as exc:
        raise _wrapped(exc, statement, params) from exc
    finally:
        cursor.close()


def _compile(statement: sa.Executable, dialect: Dialect, keys: tuple[str, ...]) -> _Compiled:
    compiled = cast(SQLCompiler, cast(sa.ClauseElement, statement).compile(dialect=dialect, column_keys=list(keys)))
    order = tuple(compiled.positiontup or ())
    needs_processing = any(
        bind.type.dialect_impl(dialect).bind_processor(dialect) is not None for bind in compiled.binds.values()
    )
    columns = getattr(statement, "exported_columns", ())
    needs_processing |= any(
        column.type.dialect_impl(dialect).result_processor(dialect, None) is not None for column in columns
    )
    return _Compiled(compiled.string, order, dict(compiled.params), fast=not needs_processing)


def _wrapped(exc: sqlite3.Error, statement: sa.Executable, params: Mapping[str, Any]) -> BaseException:
    # The same class SQLAlchemy raises for this driver error (OperationalError for "database is locked"…).
    return sa.exc.DBAPIError.instance(str(statement), dict(params), exc, sqlite3.Error)
