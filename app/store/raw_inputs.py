"""Raw inputs repository: keep each saved item's input beside it, and read them back to re-derive items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from app.normalize.raw import EncodedRaw
from app.store.items import SaveResult
from app.store.tables import items, raw_inputs, source_profiles
from app.store.writer import WriteOp

Saved = TypeVar("Saved", SaveResult, list[SaveResult])
"""What the wrapped save returns: one result, or a list of them."""

__all__ = ["keep_raw_inputs", "raw_input", "with_raw_inputs"]

_DERIVED = frozenset({"created", "updated"})


def _insert(dialect: str) -> Any:
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _count_arrivals(conn: Connection, source_key: str, arrived: int) -> None:
    """Add newly derived items to the source's count since its profile was mined (the row made if new)."""
    insert = _insert(conn.dialect.name)(source_profiles).values(source_key=source_key, items_since=arrived)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=["source_key"], set_={"items_since": source_profiles.c.items_since + arrived}
        )
    )


def keep_raw_inputs(
    conn: Connection,
    saved: Sequence[tuple[SaveResult, EncodedRaw]],
    *,
    source_key: str | None,
    version: str,
    now: int,
) -> None:
    """Store the inputs (once per digest) and point each item at the one its fields came from.

    A created or updated item was derived from this input; an unchanged copy only fills an item that has
    no input yet (one stored before inputs were kept), so the input behind the stored fields stays.
    """
    if not saved:
        return
    unique = {raw.digest: raw.data for _, raw in saved}
    conn.execute(
        _insert(conn.dialect.name)(raw_inputs).on_conflict_do_nothing(index_elements=["digest"]),
        [{"digest": digest, "data": data, "created_at": now} for digest, data in unique.items()],
    )
    derived = 0
    for result, raw in saved:
        update = items.update().where(items.c.id == result.id)
        if result.status in _DERIVED:
            derived += 1
        else:
            update = update.where(items.c.raw_digest.is_(None))
        conn.execute(update.values(raw_digest=raw.digest, normalizer_version=version, source_key=source_key))
    if source_key is not None and derived:
        _count_arrivals(conn, source_key, derived)


def with_raw_inputs(
    save: WriteOp[Saved], raws: Sequence[EncodedRaw], *, source_key: str | None, version: str, now: int
) -> WriteOp[Saved]:
    """The save operation followed, in the same transaction, by keeping the raw inputs of what it saved.

    ``save`` returns one SaveResult or a list of them, in the order of ``raws``; ``source_key`` names whose
    boilerplate profile these items feed (app/derive/profiles.py).
    """

    def op(conn: Connection) -> Saved:
        result = save(conn)
        results = result if isinstance(result, list) else [result]
        saved = list(zip(results, raws, strict=True))
        keep_raw_inputs(conn, saved, source_key=source_key, version=version, now=now)
        return result

    return op


def raw_input(conn: Connection, digest: str) -> bytes | None:
    """The stored form of one raw input, or None."""
    data = conn.execute(sa.select(raw_inputs.c.data).where(raw_inputs.c.digest == digest)).scalar_one_or_none()
    return bytes(data) if data is not None else None
