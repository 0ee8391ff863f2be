"""Items repository, the save path: store a normalized item by identity (create, duplicate or update).

Reading items back is app/store/listings.py."""

from __future__ import annotations

import sqlite3
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Union, get_args, get_origin

import orjson
import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from app.clock import from_micros, to_micros
from app.document import ItemEvent
from app.normalize import is_shortlink
from app.normalize.model import NormalizedItem
from app.store.decide import FIELDS, Sender, StoredCopy, decide
from app.store.keys import stored_key
from app.store.prepared import Prepared, RowsInsert, sqlite_driver
from app.store.subscriptions import active_subscriptions, enqueue_for_item
from app.store.tables import item_aliases, item_sightings, items
from app.store.writer import WriteOp

__all__ = [
    "CONTENT_COLUMNS",
    "SaveResult",
    "content_fields",
    "field_decoders",
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


UNTITLED = ""
"""The headline column of a post without a title (the column is NOT NULL: app/store/tables.py says why)."""
CONTENT_COLUMNS = tuple(name for name in NormalizedItem.model_fields if name in items.c and name != "identity")
"""The columns a save writes from the normalized item: each field of the model that the table has a column of
the same name for (the identity goes in as its key, `stored_key`). A new field is stored once both have it."""

# What `_new_row` writes for a new story besides its content.
_STORY_COLUMNS = (
    *("identity", "received_at", "updated_at", "sort_at", "channels", "feed_id", "resolve_after"),
    *("origin_channel", "origin_feed_id"),
)


def _content_values(item: NormalizedItem) -> dict[str, Any]:
    """The item's `CONTENT_COLUMNS`: lists as the JSON arrays orjson writes (app.document sends them out so),
    instants as UTC microseconds, the rest as they are."""
    values: dict[str, Any] = {}
    for name in CONTENT_COLUMNS:
        value = getattr(item, name)
        if isinstance(value, list):
            value = orjson.dumps(value).decode()
        elif isinstance(value, datetime):
            value = to_micros(value)
        values[name] = value
    if values["headline"] is None:
        values["headline"] = UNTITLED
    return values


def _types_in(annotation: Any) -> set[Any]:
    """The types a field's annotation admits, unions taken apart, generics by their origin (``list[str]``: list)."""
    if get_origin(annotation) in (Union, types.UnionType):
        return {kind for arg in get_args(annotation) for kind in _types_in(arg)}
    return {get_origin(annotation) or annotation}


def _as_stored(value: Any) -> Any:
    return value


def headline_of(stored: str) -> str | None:
    """A stored headline as the item has it: None for an untitled post (stored as `UNTITLED`)."""
    return stored or None


def _from_micros(value: int | None) -> datetime | None:
    return None if value is None else from_micros(value)


def field_decoders(model: type[NormalizedItem]) -> dict[str, Callable[[Any], Any]]:
    """For each field of `model` the table keeps in a form of its own, how to read it back, by the field's type:
    a list from its JSON array, an instant from its microseconds (what `_content_values` writes for them)."""
    decoders: dict[str, Callable[[Any], Any]] = {}
    for name, info in model.model_fields.items():
        kinds = _types_in(info.annotation)
        if list in kinds:
            decoders[name] = orjson.loads
        elif datetime in kinds:
            decoders[name] = _from_micros
    return decoders


_DECODERS = field_decoders(NormalizedItem) | {"headline": headline_of}


def content_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored item's `CONTENT_COLUMNS` as the normalized item has them: `_content_values` read back."""
    return {name: _DECODERS.get(name, _as_stored)(row[name]) for name in CONTENT_COLUMNS}


def save_item(
    item: NormalizedItem,
    *,
    channel: int,
    received_at: int,
    feed_id: int | None = None,
    hosts: frozenset[str] = frozenset(),
) -> WriteOp[SaveResult]:
    """An operation for the writer: store the item once per story, whichever channel it came by.

    `hosts` are the sending feed's `owner_hosts`: the articles on them are that feed's to edit (app/store/decide.py).
    """
    sender = Sender(channel, feed_id, hosts)

    def op(conn: Connection) -> SaveResult:
        result = _save(conn, item, sender=sender, received_at=received_at)
        _record_sightings(conn, [result.id], sender=sender, now=received_at)
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


def _save(conn: Connection, item: NormalizedItem, *, sender: Sender, received_at: int) -> SaveResult:
    existing = _find_existing(conn, item)
    if existing is not None:
        return _merge(conn, existing, item, sender=sender, now=received_at)
    values = _new_row(item, sender=sender, received_at=received_at)
    inserted = _insert_statement(conn.dialect.name).scalar(conn, values)
    if inserted is not None:
        return SaveResult(id=int(inserted), status="created")
    # Another writer stored the same identity between our look-up and insert (PostgreSQL replicas).
    raced = _find_existing(conn, item)
    assert raced is not None
    return _merge(conn, raced, item, sender=sender, now=received_at)


def _new_row(item: NormalizedItem, *, sender: Sender, received_at: int) -> dict[str, Any]:
    """The row a story's first sighting inserts."""
    values = _content_values(item)
    sort_at = values["published_at"] if values["published_at"] is not None else received_at
    return values | {
        "identity": stored_key(item.identity),
        "received_at": received_at,
        "updated_at": received_at,
        "sort_at": sort_at,
        "channels": sender.channel,
        "feed_id": sender.feed_id,
        "origin_channel": sender.channel,
        "origin_feed_id": sender.feed_id,
        # Only a shortlink is known: the background resolver will look for the article URL.
        "resolve_after": received_at if needs_resolution(item) else None,
    }


# Statements are built once and executed with parameters: building a Core statement per call cost
# ~0.4 ms per item on the write path, more than SQLite's own insert with its FTS5 update.
_MATCH_COLUMNS = (
    *(items.c.id, items.c.channels, items.c.feed_id, items.c.origin_channel, items.c.origin_feed_id),
    *(items.c.content_hash, items.c.headline, items.c.bullets, items.c.body),
    *(items.c[name] for name in FIELDS),  # the save decision's other fields, whatever the model adds
)
"""What a save reads of the stored story an item matched (`_Stored.of` takes a row of them apart)."""


def _story_id(identity: sa.ColumnElement[Any], url: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """The look-up, defined once: the id of the stored story an item with this identity (stored key) and URL is.

    In order of preference: the same identity; an item this identity was merged into (a resolved
    shortlink); the oldest story with the same canonical URL, from any channel.
    """
    return sa.func.coalesce(
        sa.select(items.c.id).where(items.c.identity == identity).scalar_subquery(),
        sa.select(item_aliases.c.item_id).where(item_aliases.c.identity == identity).scalar_subquery(),
        sa.select(sa.func.min(items.c.id)).where(items.c.url == url).scalar_subquery(),
    )


# One round trip finds the stored story (three separate SELECTs cost the writer more than the insert itself).
_FIND_EXISTING = Prepared(
    sa.select(*_MATCH_COLUMNS).where(
        items.c.id == _story_id(sa.bindparam("identity", type_=sa.Text), sa.bindparam("url", type_=sa.Text))
    )
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


@dataclass(frozen=True, slots=True)
class _Stored:
    """The stored story an item matched: where it has been seen, and its copy as the save decision reads it."""

    id: int
    channels: int
    feed_id: int | None
    copy: StoredCopy

    @classmethod
    def of(cls, row: Sequence[Any]) -> _Stored:
        """From a row of `_MATCH_COLUMNS` (bullets and body are kept as JSON arrays)."""
        item_id, channels, feed_id, origin_channel, origin_feed_id, content_hash, headline, bullets, body, *rest = row
        copy = StoredCopy(
            id=item_id,
            content_hash=content_hash,
            headline=headline_of(headline),
            bullets=tuple(orjson.loads(bullets)),
            body=tuple(orjson.loads(body)),
            fields=dict(zip(FIELDS, rest, strict=True)),
            origin_channel=origin_channel,
            origin_feed_id=origin_feed_id,
        )
        return cls(item_id, channels, feed_id, copy)


def _find_existing(conn: Connection, item: NormalizedItem) -> _Stored | None:
    """The stored story's row (the columns of `_MATCH_COLUMNS`), or None."""
    row = _FIND_EXISTING.first(conn, {"identity": stored_key(item.identity), "url": item.url})
    return None if row is None else _Stored.of(row)


def _merge(conn: Connection, existing: _Stored, item: NormalizedItem, *, sender: Sender, now: int) -> SaveResult:
    """Execute the save decision for a story that is stored already."""
    values = _content_values(item)
    decision = decide(existing.copy, item, sender, values=values)
    changes: dict[str, Any] = {}
    status: SaveStatus = "duplicate"
    if decision.kind == "update":
        changes = {name: values[name] for name in decision.fields}
        # The lines below name fields on purpose: each ties an item field to what the store keeps beside it
        # (the body's rendering and structure, written only with it; the story's place in listings; the
        # shortlink resolver's queue) or to this copy (its notes). A new plain field needs none of them.
        if "body" in decision.fields:  # the body's renderings and structure go with it
            changes["body_html"] = values["body_html"]
            changes["blocks"] = values["blocks"]
        if "published_at" in decision.fields:
            changes["sort_at"] = values["published_at"]
        if "url" in decision.fields:
            changes["resolve_after"] = None  # the article URL is known: nothing left to resolve
        changes["flags"] = values["flags"]
        changes["updated_at"] = now
        status = "updated"
    # Where a story has been seen is kept whoever sent it: the channels, and a feed for a story that had none.
    if existing.channels | sender.channel != existing.channels:
        changes["channels"] = existing.channels | sender.channel
    if sender.feed_id is not None and existing.feed_id is None:
        changes["feed_id"] = sender.feed_id
    if changes:
        conn.execute(sa.update(items).where(items.c.id == existing.id).values(changes))
    return SaveResult(id=int(existing.id), status=status)


def _sighting_statement(dialect_name: str) -> Any:
    """INSERT a sighting, or move its last_seen forward: one statement, run once per saved item."""
    statement = _SIGHTINGS.get(dialect_name)
    if statement is None:
        dialect = postgresql if dialect_name == "postgresql" else sqlite
        insert = dialect.insert(item_sightings)
        statement = _SIGHTINGS[dialect_name] = insert.on_conflict_do_update(
            index_elements=["item_id", "channel", "feed_id"],
            set_={"last_seen": sa.func.greatest(item_sightings.c.last_seen, insert.excluded.last_seen)}
            if dialect_name == "postgresql"
            else {"last_seen": sa.func.max(item_sightings.c.last_seen, insert.excluded.last_seen)},
        )
    return statement


_SIGHTINGS: dict[str, Any] = {}


def _record_sightings(conn: Connection, item_ids: Sequence[int], *, sender: Sender, now: int) -> None:
    """Record that the sender has seen these stories (every save records one, whatever it decided)."""
    if not item_ids:
        return
    feed_key = sender.feed_id or 0
    rows = [
        {"item_id": item_id, "channel": sender.channel, "feed_id": feed_key, "first_seen": now, "last_seen": now}
        for item_id in sorted(set(item_ids))  # one row each, in id order: concurrent writers lock rows alike
    ]
    conn.execute(_sighting_statement(conn.dialect.name), rows)


def save_items(
    batch: Sequence[NormalizedItem],
    *,
    channel: int,
    received_at: int,
    feed_id: int | None = None,
    hosts: frozenset[str] = frozenset(),
) -> WriteOp[list[SaveResult]]:
    """Save a feed's entries in one operation (one transaction with the rest of the writer's batch).

    The results, rows and deliveries are those of `save_item` run for each entry in turn. On SQLite the
    entries are saved in runs of a few statements each (`_save_run`), not several statements per entry:
    the sqlite3 module releases the GIL at every step, and a writer thread competing with the poller's
    parse threads waited to get it back after each one (20 s wall for 8 s CPU over 50,000 items).
    """
    sender = Sender(channel, feed_id, hosts)

    def op(conn: Connection) -> list[SaveResult]:
        active = active_subscriptions(conn)
        driver = sqlite_driver(conn)
        if driver is None:  # PostgreSQL (or aiosqlite): entry by entry, as save_item does
            # Each entry announced before the next is saved: a payload is the story as its own save left it.
            saved = (_save(conn, item, sender=sender, received_at=received_at) for item in batch)
            announced = [_announced(conn, result, now=received_at, active=active) for result in saved]
            _record_sightings(conn, [result.id for result in announced], sender=sender, now=received_at)
            return announced
        results: list[SaveResult] = []
        while len(results) < len(batch):
            run = _save_run(conn, driver, batch[len(results) :], sender=sender, received_at=received_at)
            # Announced before the next run, which may change these stories again: each payload is its own save.
            results += [_announced(conn, result, now=received_at, active=active) for result in run] if active else run
        _record_sightings(conn, [result.id for result in results], sender=sender, now=received_at)
        return results

    return op


def _save_run(
    conn: Connection,
    driver: sqlite3.Connection,
    batch: Sequence[NormalizedItem],
    *,
    sender: Sender,
    received_at: int,
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
            new_rows.append(_new_row(item, sender=sender, received_at=received_at))
            results.append(None)  # its id comes from the insert below
        else:
            results.append(_merge(conn, existing, item, sender=sender, now=received_at))
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
            stored_key(item.identity) in self.identities
            or (item.url is not None and item.url in self.urls)
            or (existing is not None and existing.id in self.ids)
        )

    def add(self, item: NormalizedItem, existing: _Stored | None) -> None:
        """Record the entry and the stored story it matched."""
        self.identities.add(stored_key(item.identity))
        if item.url is not None:
            self.urls.add(item.url)
        if existing is not None:
            self.ids.add(existing.id)


def _find_existing_many_statement() -> sa.Select[Any]:
    """A whole batch's look-up in one statement and one result row (SQLite only: json_each).

    Each entry's stored story by `_story_id`, as a JSON array of [position, *_MATCH_COLUMNS]; and the
    largest item id, which the insert that follows checks its ids against.
    """
    batch = sa.func.json_each(sa.bindparam("batch", type_=sa.Text)).table_valued("key", "value").alias("batch")
    identity = sa.func.json_extract(batch.c.value, sa.literal_column("'$[0]'"))
    url = sa.func.json_extract(batch.c.value, sa.literal_column("'$[1]'"))
    found = sa.select(batch.c.key.label("position"), _story_id(identity, url).label("id")).cte("found")
    matches = (
        sa.select(sa.func.json_group_array(sa.func.json_array(found.c.position, *_MATCH_COLUMNS)))
        .select_from(found.join(items, items.c.id == found.c.id))
        .scalar_subquery()
    )
    last_id = sa.select(sa.func.max(items.c.id)).scalar_subquery()
    return sa.select(last_id.label("last_id"), matches.label("matches"))


_FIND_EXISTING_MANY = Prepared(_find_existing_many_statement())


def _find_existing_many(conn: Connection, batch: Sequence[NormalizedItem]) -> tuple[dict[int, _Stored], int]:
    """Each entry's stored story by its position in the batch, and the largest item id (0: none yet)."""
    keys = orjson.dumps([[stored_key(item.identity), item.url] for item in batch]).decode()
    row = _FIND_EXISTING_MANY.first(conn, {"batch": keys})
    found = {position: _Stored.of(columns) for position, *columns in orjson.loads(row.matches)}
    return found, int(row.last_id or 0)


_INSERT_MANY = RowsInsert(items, (*CONTENT_COLUMNS, *_STORY_COLUMNS))


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
