"""Items repository: save a normalized item by identity (create, duplicate or update), and read them back."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import orjson
import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from app.clock import to_micros
from app.normalize import is_shortlink
from app.normalize.model import NormalizedItem
from app.store.prepared import Prepared
from app.store.subscriptions import ItemEvent, enqueue_for_item
from app.store.tables import AnyRow, item_aliases, items
from app.store.writer import WriteOp

__all__ = [
    "ItemFilters",
    "SaveResult",
    "get_item",
    "list_changes",
    "list_items",
    "needs_resolution",
    "save_item",
    "save_items",
    "search_items",
]

SaveStatus = Literal["created", "duplicate", "updated"]
_EVENTS: dict[str, ItemEvent] = {"created": "item.created", "updated": "item.updated"}


@dataclass(frozen=True, slots=True)
class SaveResult:
    id: int
    status: SaveStatus
    deliveries_queued: int = 0
    """Outbound webhook deliveries queued with the item (0: no worker needs waking)."""


@dataclass(frozen=True, slots=True)
class ItemFilters:
    """Filters shared by every listing; instants in microseconds, bounds inclusive."""

    source: str | None = None
    since: int | None = None
    until: int | None = None


def _content_values(item: NormalizedItem) -> dict[str, Any]:
    published = to_micros(item.published_at) if item.published_at else None
    return {
        "guid": item.guid,
        "url": item.url,
        "source_link": item.source_link,
        "headline": item.headline,
        "bullets": orjson.dumps(item.bullets).decode(),
        "body": orjson.dumps(item.body).decode(),
        "body_html": item.body_html,
        "source": item.source,
        "author": item.author,
        "image_url": item.image_url,
        "published_at": published,
        "content_hash": item.content_hash,
        "flags": orjson.dumps(item.flags).decode(),
    }


def save_item(item: NormalizedItem, *, channel: int, received_at: int, feed_id: int | None = None) -> WriteOp:
    """An operation for the writer: store the item once per story, whichever channel it came by."""

    def op(conn: Connection) -> SaveResult:
        result = _save(conn, item, channel=channel, received_at=received_at, feed_id=feed_id)
        event = _EVENTS.get(result.status)
        if event is None:
            return result
        # Transactional outbox: the item's webhook deliveries commit with it, or neither does.
        queued = enqueue_for_item(conn, item_id=result.id, event=event, now=received_at)
        return SaveResult(result.id, result.status, queued) if queued else result

    return op


def _save(conn: Connection, item: NormalizedItem, *, channel: int, received_at: int, feed_id: int | None) -> SaveResult:
    existing = _find_existing(conn, item)
    if existing is not None:
        return _merge(conn, existing, item, channel=channel, now=received_at, feed_id=feed_id)
    values = _content_values(item)
    sort_at = values["published_at"] if values["published_at"] is not None else received_at
    values |= {
        "identity": item.identity,
        "received_at": received_at,
        "updated_at": received_at,
        "sort_at": sort_at,
        "channels": channel,
        "feed_id": feed_id,
        # Only a shortlink is known: the background resolver will look for the article URL.
        "resolve_after": received_at if needs_resolution(item) else None,
    }
    inserted = _insert_statement(conn.dialect.name).scalar(conn, values)
    if inserted is not None:
        return SaveResult(id=int(inserted), status="created")
    # Another writer stored the same identity between our look-up and insert (PostgreSQL replicas).
    raced = _find_existing(conn, item)
    assert raced is not None
    return _merge(conn, raced, item, channel=channel, now=received_at, feed_id=feed_id)


# Statements are built once and executed with parameters: building a Core statement per call cost
# ~0.4 ms per item on the write path, more than SQLite's own insert with its FTS5 update.
_MATCH_COLUMNS = (
    items.c.id,
    items.c.content_hash,
    items.c.channels,
    items.c.feed_id,
    items.c.received_at,
    items.c.url,
)


def _match(priority: int, where: sa.ColumnElement[bool]) -> sa.Select[Any]:
    return sa.select(*_MATCH_COLUMNS, sa.literal(priority).label("priority")).where(where)


# One round trip finds the stored story, in order of preference: the same identity; an item this
# identity was merged into (a resolved shortlink); the same canonical URL from another channel.
# (Three separate SELECTs cost the writer more than the insert itself.)
_FIND_EXISTING = Prepared(
    sa.union_all(
        _match(0, items.c.identity == sa.bindparam("identity")),
        _match(
            1,
            items.c.id
            == sa.select(item_aliases.c.item_id)
            .where(item_aliases.c.identity == sa.bindparam("identity"))
            .scalar_subquery(),
        ),
        _match(2, items.c.url == sa.bindparam("url")),
    )
    .order_by(sa.literal_column("priority"), sa.literal_column("id"))
    .limit(1)
)
_INSERTS: dict[str, Prepared] = {}


def _insert_statement(dialect_name: str) -> Prepared:
    """INSERT … ON CONFLICT (identity) DO NOTHING RETURNING id, for the connection's dialect."""
    statement = _INSERTS.get(dialect_name)
    if statement is None:
        dialect = postgresql if dialect_name == "postgresql" else sqlite
        statement = Prepared(
            dialect.insert(items).on_conflict_do_nothing(index_elements=["identity"]).returning(items.c.id)
        )
        _INSERTS[dialect_name] = statement
    return statement


def needs_resolution(item: NormalizedItem) -> bool:
    return item.url is None and is_shortlink(item.source_link)


def _find_existing(conn: Connection, item: NormalizedItem) -> Any:
    """The stored story's row (id, content_hash, channels, feed_id, received_at, url), or None."""
    return _FIND_EXISTING.first(conn, {"identity": item.identity, "url": item.url})


def _merge(
    conn: Connection,
    existing: AnyRow,
    item: NormalizedItem,
    *,
    channel: int,
    now: int,
    feed_id: int | None,
) -> SaveResult:
    changes: dict[str, Any] = {}
    status: SaveStatus = "duplicate"
    if existing.content_hash != item.content_hash:
        changes = _content_values(item)
        # A repeat that only knows the shortlink must not forget the article URL we resolved since.
        changes["url"] = item.url or existing.url
        published = changes["published_at"]
        changes["sort_at"] = published if published is not None else existing.received_at
        changes["updated_at"] = now
        status = "updated"
    if existing.channels | channel != existing.channels:
        changes["channels"] = existing.channels | channel
    if feed_id is not None and existing.feed_id is None:
        changes["feed_id"] = feed_id
    if changes:
        conn.execute(sa.update(items).where(items.c.id == existing.id).values(changes))
    return SaveResult(id=int(existing.id), status=status)


def get_item(conn: Connection, item_id: int) -> AnyRow | None:
    """The item, or the one it was merged into (ids handed out before a merge keep working)."""
    row = conn.execute(sa.select(items).where(items.c.id == item_id)).first()
    if row is None:
        merged_into = sa.select(item_aliases.c.item_id).where(item_aliases.c.old_id == item_id).scalar_subquery()
        row = conn.execute(sa.select(items).where(items.c.id == merged_into)).first()
    return row


def _filtered(query: sa.Select[Any], filters: ItemFilters) -> sa.Select[Any]:
    if filters.source is not None:
        query = query.where(items.c.source == filters.source)
    if filters.since is not None:
        query = query.where(items.c.sort_at >= filters.since)
    if filters.until is not None:
        query = query.where(items.c.sort_at <= filters.until)
    return query


# What a listing shows of an item and where its page ends: not the identity, hashes or resolver marks,
# which only the save path reads (a page converts a third fewer values per row).
_LISTED = tuple(
    items.c[name]
    for name in (
        *("id", "headline", "bullets", "body", "body_html", "source", "source_link", "url", "author"),
        *("image_url", "published_at", "received_at", "updated_at", "sort_at", "channels", "feed_id"),
    )
)


def list_items(
    conn: Connection, *, limit: int, before: tuple[int, int] | None, filters: ItemFilters
) -> Sequence[AnyRow]:
    """Newest first by (sort_at, id); `before` is the last (sort_at, id) of the previous page.

    The keyset condition must stay a row-value comparison: SQLite seeks the (sort_at, id) index
    with it, while the expanded `a < ? OR (a = ? AND id < ?)` scans (PERF.md: 0.1 ms vs 28 ms).
    """
    query = sa.select(*_LISTED)
    if before is not None:
        query = query.where(sa.tuple_(items.c.sort_at, items.c.id) < sa.tuple_(*before))
    query = _filtered(query, filters).order_by(items.c.sort_at.desc(), items.c.id.desc()).limit(limit)
    return conn.execute(query).all()


def list_changes(
    conn: Connection, *, limit: int, after: tuple[int, int], settled_before: int, filters: ItemFilters
) -> Sequence[AnyRow]:
    """Items created or edited after `after` = (updated_at, id), oldest change first: a mirror's feed.

    Only changes stamped before `settled_before` are listed: with several writers a transaction can
    commit after one stamped later, and a mirror that had moved past it would never see it.
    """
    query = (
        sa.select(*_LISTED)
        .where(sa.tuple_(items.c.updated_at, items.c.id) > sa.tuple_(*after), items.c.updated_at < settled_before)
        .order_by(items.c.updated_at, items.c.id)
        .limit(limit)
    )
    return conn.execute(_filtered(query, filters)).all()


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    words = _WORD.findall(text)
    return " ".join(f'"{word}"' for word in words[:32]) or None


def search_items(
    conn: Connection, *, q: str, limit: int, before_id: int | None, filters: ItemFilters
) -> Sequence[AnyRow]:
    """Full-text matches, newest stored first (by id): FTS5 walks its rowids backwards and stops at `limit`."""
    if conn.dialect.name == "sqlite":
        match = fts_query(q)
        if match is None:
            return []
        fts = sa.table("items_fts", sa.column("rowid", sa.Integer))
        query = (
            sa.select(*_LISTED)
            .select_from(fts.join(items, items.c.id == fts.c.rowid))
            .where(sa.text("items_fts MATCH :match").bindparams(match=match))
        )
        if before_id is not None:
            query = query.where(fts.c.rowid < before_id)
        query = query.order_by(fts.c.rowid.desc())
    else:
        # The generated, GIN-indexed tsvector of migration 0001 (not in the Core table: SQLite has none).
        document: sa.ColumnElement[Any] = sa.literal_column("items.search")
        query = sa.select(*_LISTED).where(document.op("@@")(sa.func.plainto_tsquery("simple", q)))
        if before_id is not None:
            query = query.where(items.c.id < before_id)
        query = query.order_by(items.c.id.desc())
    return conn.execute(_filtered(query, filters).limit(limit)).all()


def save_items(
    batch: Sequence[NormalizedItem], *, channel: int, received_at: int, feed_id: int | None = None
) -> WriteOp:
    """Save a feed's entries in one operation (one transaction with the rest of the writer's batch)."""
    ops = [save_item(item, channel=channel, received_at=received_at, feed_id=feed_id) for item in batch]

    def op(conn: Connection) -> list[SaveResult]:
        return [save(conn) for save in ops]

    return op
