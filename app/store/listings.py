"""Items repository, the read path: newest-first keyset pages, changes since a cursor, full-text search, one item."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy import Connection

from app.document import ITEM_FIELDS
from app.store.prepared import Prepared
from app.store.tables import AnyRow, Micros, item_aliases, items

__all__ = [
    "ItemFilters",
    "fts_query",
    "get_item",
    "latest_change",
    "list_changes",
    "list_items",
    "search_items",
]


@dataclass(frozen=True, slots=True)
class ItemFilters:
    """Filters shared by every listing; instants in microseconds, bounds inclusive."""

    source: str | None = None
    since: int | None = None
    until: int | None = None
    feed_id: int | None = None
    channel: int | None = None
    """A channel bit (tables.CHANNEL_WEBHOOK, CHANNEL_FEED): items that arrived through it, among others."""


def get_item(conn: Connection, item_id: int) -> AnyRow | None:
    """The item, or the one it was merged into (ids handed out before a merge keep working)."""
    params = {"item_id": item_id}
    return cast(AnyRow | None, _GET_ITEM.first(conn, params) or _GET_MERGED_ITEM.first(conn, params))


_ITEM_ID = sa.bindparam("item_id", type_=sa.BigInteger)
_GET_ITEM = Prepared(sa.select(items).where(items.c.id == _ITEM_ID))
_GET_MERGED_ITEM = Prepared(
    sa.select(items).where(
        items.c.id == sa.select(item_aliases.c.item_id).where(item_aliases.c.old_id == _ITEM_ID).scalar_subquery()
    )
)

# What a listing shows of an item (its public document's columns) and where its page ends: not the
# identity, hashes or resolver marks, which only the save path reads (a page converts a third fewer values per row).
_LISTED = tuple(items.c[name] for name in (*ITEM_FIELDS, "sort_at"))

# Listings run one Core statement per shape (which filters, which cursor), built once with bound
# parameters and run by `Prepared`: building a select and executing it through SQLAlchemy cost
# ~85 µs of a first page's ~240 and ~190 µs of a search's ~425 (in-process, on bench/reads.py's data),
# all of it on the event loop, which runs quick reads itself.
_LISTINGS: dict[tuple[str, ...], Prepared] = {}
_LIMIT = sa.bindparam("limit", type_=sa.Integer)


def _listed_rows(
    conn: Connection, kind: str, params: dict[str, Any], build: Callable[[], sa.Select[Any]]
) -> Sequence[AnyRow]:
    """Run the `kind` listing that binds exactly `params`: its names are the statement's shape."""
    shape = (kind, *params)
    statement = _LISTINGS.get(shape)
    if statement is None:
        statement = _LISTINGS[shape] = Prepared(build())
    return statement.all(conn, params)


def _filter_params(filters: ItemFilters) -> dict[str, Any]:
    values = {
        "source": filters.source,
        "since": filters.since,
        "until": filters.until,
        "feed_id": filters.feed_id,
        "channel": filters.channel,
    }
    return {name: value for name, value in values.items() if value is not None}


def _filtered(query: sa.Select[Any], filters: ItemFilters) -> sa.Select[Any]:
    """The query narrowed by the filters present, as bound parameters named as in `_filter_params`."""
    if filters.source is not None:
        query = query.where(items.c.source == sa.bindparam("source", type_=sa.Text))
    if filters.since is not None:
        query = query.where(items.c.sort_at >= sa.bindparam("since", type_=Micros))
    if filters.until is not None:
        query = query.where(items.c.sort_at <= sa.bindparam("until", type_=Micros))
    if filters.feed_id is not None:
        query = query.where(items.c.feed_id == sa.bindparam("feed_id", type_=sa.BigInteger))
    if filters.channel is not None:
        query = query.where(items.c.channels.op("&")(sa.bindparam("channel", type_=sa.Integer)) != 0)
    return query


def _after_key(columns: tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]], compare: str) -> sa.ColumnElement[bool]:
    """`(a, b) < (:key_at, :key_id)` (or `>`): a row-value comparison, which SQLite seeks an index with."""
    key = sa.tuple_(sa.bindparam("key_at", type_=Micros), sa.bindparam("key_id", type_=sa.BigInteger))
    return sa.tuple_(*columns).op(compare)(key)


def list_items(
    conn: Connection, *, limit: int, before: tuple[int, int] | None, filters: ItemFilters
) -> Sequence[AnyRow]:
    """Newest first by (sort_at, id); `before` is the last (sort_at, id) of the previous page.

    The keyset condition must stay a row-value comparison: SQLite seeks the (sort_at, id) index
    with it, while the expanded `a < ? OR (a = ? AND id < ?)` scans (docs/perf-baseline.md: 0.1 ms vs 28 ms).
    """

    def build() -> sa.Select[Any]:
        query = sa.select(*_LISTED)
        if before is not None:
            query = query.where(_after_key((items.c.sort_at, items.c.id), "<"))
        return _filtered(query, filters).order_by(items.c.sort_at.desc(), items.c.id.desc()).limit(_LIMIT)

    params = {"limit": limit, **_filter_params(filters)}
    if before is not None:
        params |= {"key_at": before[0], "key_id": before[1]}
    return _listed_rows(conn, "list", params, build)


def list_changes(
    conn: Connection, *, limit: int, after: int, since: int | None = None, settle_micros: int, filters: ItemFilters
) -> Sequence[AnyRow]:
    """Items created or edited after change number `after`, in the order of their numbers: a mirror's feed.

    Change numbers are the database's (migration 0006), so a replica's clock, behind or stepping back,
    cannot hide a change from a mirror. `since` (microseconds) narrows a first page to changes stamped
    after that instant (``updated_after``); later pages follow the numbers alone.

    SQLite numbers a change under its single write lock, so changes commit in their numbers' order. On
    PostgreSQL a transaction can commit after one numbered later: only changes the database's own clock
    stamped `settle_micros` ago or earlier are listed, and a mirror that moved past a number never misses it.
    """
    postgres = conn.dialect.name == "postgresql"

    def build() -> sa.Select[Any]:
        query = sa.select(*_LISTED, items.c.change_seq).where(
            items.c.change_seq > sa.bindparam("after", type_=sa.BigInteger)
        )
        if since is not None:
            query = query.where(items.c.updated_at > sa.bindparam("since_changed", type_=Micros))
        if postgres:
            settled = _DATABASE_MICROS - sa.bindparam("settle", type_=sa.BigInteger)
            query = query.where(items.c.changed_at < settled)
        return _filtered(query, filters).order_by(items.c.change_seq).limit(_LIMIT)

    params: dict[str, Any] = {"limit": limit, "after": after}
    if since is not None:
        params["since_changed"] = since
    if postgres:
        params["settle"] = settle_micros
    return _listed_rows(conn, "changes", params | _filter_params(filters), build)


# PostgreSQL's own clock in microseconds (what the change-numbering trigger stamps changed_at with).
_DATABASE_MICROS = sa.literal_column("(extract(epoch FROM clock_timestamp()) * 1000000)::bigint", sa.BigInteger)


def latest_change(conn: Connection, *, settle_micros: int) -> int:
    """The largest change number listed so far (0: none), settled as in `list_changes`: where a sync goes on."""
    query = sa.select(sa.func.coalesce(sa.func.max(items.c.change_seq), 0))
    if conn.dialect.name == "postgresql":
        query = query.where(items.c.changed_at < _DATABASE_MICROS - settle_micros)
    return int(conn.execute(query).scalar_one())


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    words = _WORD.findall(text)
    return " ".join(f'"{word}"' for word in words[:32]) or None


def search_items(
    conn: Connection, *, q: str, limit: int, before_id: int | None, filters: ItemFilters
) -> Sequence[AnyRow]:
    """Full-text matches, newest stored first (by id): FTS5 walks its rowids backwards and stops at `limit`."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        match = fts_query(q)
        if match is None:
            return []
        params: dict[str, Any] = {"match": match}
    else:
        params = {"q": q}
    params |= {"limit": limit, **_filter_params(filters)}
    if before_id is not None:
        params["before_id"] = before_id

    def build() -> sa.Select[Any]:
        before = sa.bindparam("before_id", type_=sa.BigInteger)
        if dialect == "sqlite":
            fts = sa.table("items_fts", sa.column("rowid", sa.Integer))
            query = (
                sa.select(*_LISTED)
                .select_from(fts.join(items, items.c.id == fts.c.rowid))
                .where(sa.text("items_fts MATCH :match").bindparams(sa.bindparam("match", type_=sa.Text)))
            )
            newest_first = fts.c.rowid
        else:
            # The generated, GIN-indexed tsvector of migration 0001 (not in the Core table: SQLite has none).
            document: sa.ColumnElement[Any] = sa.literal_column("items.search")
            terms = sa.func.plainto_tsquery("simple", sa.bindparam("q", type_=sa.Text))
            query = sa.select(*_LISTED).where(document.op("@@")(terms))
            newest_first = items.c.id
        if before_id is not None:
            query = query.where(newest_first < before)
        return _filtered(query, filters).order_by(newest_first.desc()).limit(_LIMIT)

    return _listed_rows(conn, "search", params, build)  # "match" on SQLite, "q" elsewhere: two shapes
