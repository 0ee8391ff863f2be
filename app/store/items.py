"""Items repository, the save path: store a normalized item by identity (create, duplicate or update).

Reading items back is app/store/listings.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

import orjson
import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from app.clock import to_micros
from app.normalize import is_shortlink
from app.normalize.model import NormalizedItem
from app.store.prepared import Prepared, RowsInsert, sqlite_driver
from app.store.subscriptions import ItemEvent, active_subscriptions, enqueue_for_item
from app.store.tables import item_aliases, items
from app.store.writer import WriteOp

__all__ = [
    "SaveResult",
    "needs_resolution",
    "save_item",
    "save_items",
]

SaveStatus = Literal["created", "duplicate", "updated"]
_EVENTS: dict[str, ItemEvent] = {"created": "item.created", "updated": "item.updated"}


@dataclass(frozen=True, slots=True)
class SaveResult:
    id: int
    status: SaveStatus
    deliveries_queued: int = 0
    """Outbound webhook deliveries queued with the item (0: no worker needs waking)."""


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
        "blocks": orjson.dumps(item.blocks).decode(),
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
        return _announced(conn, result, now=received_at, active=None)

    return op


def _announced(conn: Connection, result: SaveResult, *, now: int, active: Sequence[Any] | None) -> SaveResult:
    """The result with the webhook deliveries its change queued (`active`: see `enqueue_for_item`)."""
    event = _EVENTS.get(result.status)
    if event is None:
        return result
    # Transactional outbox: the item's webhook deliveries commit with it, or neither does.
    queued = enqueue_for_item(conn, item_id=result.id, event=event, now=now, active=active)
    return SaveResult(result.id, result.status, queued) if queued else result


def _save(conn: Connection, item: NormalizedItem, *, channel: int, received_at: int, feed_id: int | None) -> SaveResult:
    existing = _find_existing(conn, item)
    if existing is not None:
        return _merge(conn, existing, item, channel=channel, now=received_at, feed_id=feed_id)
    values = _new_row(item, channel=channel, received_at=received_at, feed_id=feed_id)
    inserted = _insert_statement(conn.dialect.name).scalar(conn, values)
    if inserted is not None:
        return SaveResult(id=int(inserted), status="created")
    # Another writer stored the same identity between our look-up and insert (PostgreSQL replicas).
    raced = _find_existing(conn, item)
    assert raced is not None
    return _merge(conn, raced, item, channel=channel, now=received_at, feed_id=feed_id)


def _new_row(item: NormalizedItem, *, channel: int, received_at: int, feed_id: int | None) -> dict[str, Any]:
    """The row a story's first sighting inserts."""
    values = _content_values(item)
    sort_at = values["published_at"] if values["published_at"] is not None else received_at
    return values | {
        "identity": item.identity,
        "received_at": received_at,
        "updated_at": received_at,
        "sort_at": sort_at,
        "channels": channel,
        "feed_id": feed_id,
        # Only a shortlink is known: the background resolver will look for the article URL.
        "resolve_after": received_at if needs_resolution(item) else None,
    }


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


class _Stored(NamedTuple):
    """What a save reads of the stored story an item matched: the columns of `_MATCH_COLUMNS`."""

    id: int
    content_hash: str
    channels: int
    feed_id: int | None
    received_at: int
    url: str | None


def _find_existing(conn: Connection, item: NormalizedItem) -> Any:
    """The stored story's row (id, content_hash, channels, feed_id, received_at, url), or None."""
    return _FIND_EXISTING.first(conn, {"identity": item.identity, "url": item.url})


def _merge(
    conn: Connection,
    existing: _Stored,
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


def save_items(
    batch: Sequence[NormalizedItem], *, channel: int, received_at: int, feed_id: int | None = None
) -> WriteOp:
    """Save a feed's entries in one operation (one transaction with the rest of the writer's batch).

    The results, rows and deliveries are those of `save_item` run for each entry in turn. On SQLite the
    entries are saved in runs of a few statements each (`_save_run`), not several statements per entry:
    the sqlite3 module releases the GIL at every step, and a writer thread competing with the poller's
    parse threads waited to get it back after each one (20 s wall for 8 s CPU over 50,000 items).
    """

    def op(conn: Connection) -> list[SaveResult]:
        active = active_subscriptions(conn)
        driver = sqlite_driver(conn)
        if driver is None:  # PostgreSQL (or aiosqlite): entry by entry, as save_item does
            saved = (_save(conn, item, channel=channel, received_at=received_at, feed_id=feed_id) for item in batch)
            return [_announced(conn, result, now=received_at, active=active) for result in saved]
        results: list[SaveResult] = []
        while len(results) < len(batch):
            run = _save_run(
                conn, driver, batch[len(results) :], channel=channel, received_at=received_at, feed_id=feed_id
            )
            # Announced before the next run, which may change these stories again: each payload is its own save.
            results += [_announced(conn, result, now=received_at, active=active) for result in run] if active else run
        return results

    return op


def _save_run(
    conn: Connection,
    driver: sqlite3.Connection,
    batch: Sequence[NormalizedItem],
    *,
    channel: int,
    received_at: int,
    feed_id: int | None,
) -> list[SaveResult]:
    """Save the longest leading run of entries that meet distinct stories (at least one); their results.

    The run's entries are looked up together, against the stories as stored before the run. Saving them
    one by one would find the same, except for an entry that meets what an earlier entry of the run
    created or changed (the same identity, URL or stored story): that entry starts the next run.
    """
    stored, last_id = _find_existing_many(conn, batch)
    met = _Met()
    results: list[SaveResult | None] = []
    new_rows: list[dict[str, Any]] = []
    for position, item in enumerate(batch):
        existing = stored.get(position)
        if met.meets(item, existing):
            break
        met.add(item, existing)
        if existing is None:
            new_rows.append(_new_row(item, channel=channel, received_at=received_at, feed_id=feed_id))
            results.append(None)  # its id comes from the insert below
        else:
            results.append(_merge(conn, existing, item, channel=channel, now=received_at, feed_id=feed_id))
    ids = iter(_insert_new(conn, driver, new_rows, last_id=last_id))
    return [result or SaveResult(id=next(ids), status="created") for result in results]


@dataclass(slots=True)
class _Met:
    """What a run's entries have met so far: their identities and URLs, and the stored stories they matched.

    Enough to tell when the look-up made before the run may be out of date for a later entry: a row the run
    inserted has an earlier entry's identity and URL, and a story it changed is one an earlier entry matched.
    (An update that moves a story to the entry's URL leaves its old one: an entry the look-up sent there by
    that URL meets the story by id, and for any other the lowest id with the URL has not changed.)
    """

    identities: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    ids: set[int] = field(default_factory=set)

    def meets(self, item: NormalizedItem, existing: _Stored | None) -> bool:
        """Whether the entry may find a story an earlier entry of the run created or changed."""
        return (
            item.identity in self.identities
            or (item.url is not None and item.url in self.urls)
            or (existing is not None and existing.id in self.ids)
        )

    def add(self, item: NormalizedItem, existing: _Stored | None) -> None:
        """Record the entry and the stored story it matched."""
        self.identities.add(item.identity)
        if item.url is not None:
            self.urls.add(item.url)
        if existing is not None:
            self.ids.add(existing.id)


# A whole batch's look-up in one statement and one result row: each entry's stored story by the
# preference of _FIND_EXISTING (identity and alias identity are unique; its ORDER BY priority, id
# LIMIT 1 takes the lowest id among the URL's stories), as a JSON array of [position, *_MATCH_COLUMNS];
# and the largest item id, which the insert that follows checks its ids against. SQLite only (json_each).
_FIND_EXISTING_MANY = Prepared(
    sa.text(
        """
        WITH batch(position, identity, url) AS (
            SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:batch)
        ), found(position, id) AS (
            SELECT position, coalesce(
                (SELECT id FROM items WHERE identity = batch.identity),
                (SELECT items.id FROM item_aliases JOIN items ON items.id = item_aliases.item_id
                 WHERE item_aliases.identity = batch.identity),
                (SELECT min(id) FROM items WHERE url = batch.url)
            )
            FROM batch
        )
        SELECT
            (SELECT max(id) FROM items) AS last_id,
            (SELECT json_group_array(json_array(found.position, items.id, items.content_hash, items.channels,
                                                items.feed_id, items.received_at, items.url))
             FROM found JOIN items ON items.id = found.id) AS matches
        """
    )
)


def _find_existing_many(conn: Connection, batch: Sequence[NormalizedItem]) -> tuple[dict[int, _Stored], int]:
    """Each entry's stored story by its position in the batch, and the largest item id (0: none yet)."""
    keys = orjson.dumps([[item.identity, item.url] for item in batch]).decode()
    row = _FIND_EXISTING_MANY.first(conn, {"batch": keys})
    found = {position: _Stored(*columns) for position, *columns in orjson.loads(row.matches)}
    return found, int(row.last_id or 0)


_INSERT_MANY = RowsInsert(
    items,
    (
        *("identity", "guid", "url", "source_link", "headline", "bullets", "body", "body_html", "source"),
        *("author", "image_url", "published_at", "received_at", "updated_at", "sort_at", "channels", "feed_id"),
        *("content_hash", "flags", "resolve_after", "blocks"),
    ),
)


def _insert_new(
    conn: Connection, driver: sqlite3.Connection, rows: Sequence[dict[str, Any]], *, last_id: int
) -> list[int]:
    """Insert the new items, one statement per chunk of rows; their ids, in order.

    SQLite gives each inserted row the largest rowid + 1, so a chunk's rows get consecutive ids ending at
    the cursor's lastrowid. Checked, not trusted: when the chunk did not end at `last_id` + its rows (the
    largest rowid is at the maximum, and SQLite picks random free ones), the ids are read back by identity.
    """
    ids: list[int] = []
    expected: int | None = last_id
    size = _INSERT_MANY.chunk_rows(driver)
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        # A plain INSERT: the look-up found none of these identities in this transaction, and the writer is
        # SQLite's only one; were one there after all, the statement fails whole and inserts nothing.
        inserted, last = _INSERT_MANY.run(conn, driver, [[row[name] for name in _INSERT_MANY.columns] for row in chunk])
        assert inserted == len(chunk)
        if expected is not None and last == expected + len(chunk):
            ids += range(expected + 1, last + 1)
            expected = last
        else:
            expected = None  # the rule failed once: read back every later chunk's ids too
            ids += _ids_by_identity(conn, [row["identity"] for row in chunk])
    return ids


def _ids_by_identity(conn: Connection, identities: Sequence[str]) -> list[int]:
    """The ids of the items with these identities, in the same order."""
    rows = conn.execute(sa.select(items.c.identity, items.c.id).where(items.c.identity.in_(identities))).all()
    by_identity = {identity: int(item_id) for identity, item_id in rows}
    return [by_identity[identity] for identity in identities]
