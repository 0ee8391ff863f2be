"""Prepared statements answer exactly what SQLAlchemy's execute answers, and fail the same way."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite

from app.store.prepared import Prepared
from app.store.writer import is_unavailable

metadata = sa.MetaData()
things = sa.Table(
    "things",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("size", sa.Integer),
    sa.Column("seen", sa.DateTime),
)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[Connection]:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'p.db'}", poolclass=sa.pool.NullPool)
    metadata.create_all(engine)
    with engine.connect() as connection:
        connection.execute(sa.insert(things), [{"name": f"n{i}", "size": i % 3} for i in range(10)])
        connection.commit()
        yield connection
    engine.dispose()


def test_select_with_literals_and_a_repeated_parameter_matches_sqlalchemy(conn: Connection) -> None:
    statement = (
        sa.union_all(
            sa.select(things.c.id, things.c.name, sa.literal(0).label("rank")).where(
                things.c.name == sa.bindparam("name")
            ),
            sa.select(things.c.id, things.c.name, sa.literal(1).label("rank")).where(
                things.c.size == sa.bindparam("size"), things.c.name != sa.bindparam("name")
            ),
        )
        .order_by(sa.literal_column("rank"), sa.literal_column("id"))
        .limit(3)
    )
    prepared = Prepared(statement)
    for params in ({"name": "n4", "size": 1}, {"name": "zz", "size": 2}, {"name": "n0", "size": 9}):
        expected = conn.execute(statement, params).all()
        assert [tuple(row) for row in prepared.all(conn, params)] == [tuple(row) for row in expected]
        first = prepared.first(conn, params)
        assert first is not None
        assert (first.id, first.name, first.rank) == tuple(expected[0])
    assert prepared.first(conn, {"name": "zz", "size": 7}) is None


def test_insert_returning_takes_the_parameters_it_is_given(conn: Connection) -> None:
    prepared = Prepared(sqlite.insert(things).on_conflict_do_nothing(index_elements=["name"]).returning(things.c.id))
    new_id = prepared.scalar(conn, {"name": "fresh", "size": 5})
    assert conn.execute(sa.select(things.c.name, things.c.size).where(things.c.id == new_id)).one() == ("fresh", 5)
    assert prepared.scalar(conn, {"name": "fresh", "size": 6}) is None  # the conflict: nothing returned
    only_name = prepared.scalar(conn, {"name": "bare"})  # another parameter shape, another compiled form
    assert conn.execute(sa.select(things.c.size).where(things.c.id == only_name)).scalar() is None


def test_a_type_that_needs_processing_goes_through_sqlalchemy(conn: Connection) -> None:
    prepared = Prepared(sa.select(things.c.seen).where(things.c.name == sa.bindparam("name")))
    conn.execute(sa.update(things).values(seen=sa.func.datetime("2021-02-25 21:14:00")))
    row = prepared.first(conn, {"name": "n1"})
    # The DateTime result processor ran: a raw cursor would have handed back the stored string.
    assert row is not None
    assert row.seen.year == 2021


def test_driver_errors_are_wrapped_like_sqlalchemys(conn: Connection, tmp_path: Path) -> None:
    plain_insert = Prepared(sa.insert(things).returning(things.c.id))
    with pytest.raises(sa.exc.IntegrityError) as integrity:
        plain_insert.scalar(conn, {"name": "n1", "size": 1})
    assert isinstance(integrity.value.orig, sqlite3.IntegrityError)
    assert not is_unavailable(integrity.value)
    conn.rollback()

    # Another connection holds the write lock: "database is locked" must read as the database being unavailable.
    blocker = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        conn.exec_driver_sql("PRAGMA busy_timeout=50")
        with pytest.raises(sa.exc.OperationalError) as locked:
            plain_insert.scalar(conn, {"name": "locked", "size": 1})
        assert "locked" in str(locked.value.orig)
        assert is_unavailable(locked.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
