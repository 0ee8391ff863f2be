"""Every field of the normalized item that the items table keeps goes through the save path: a later copy
that may change it does, on SQLite and PostgreSQL, one entry at a time and in a feed's batch."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from pydantic import Field

from app.clock import to_micros
from app.document import ITEM_FIELDS, item_document
from app.normalize.identity import content_hash
from app.normalize.model import NormalizedItem, RawItem
from app.normalize.raw import encode_raw
from app.store.db import Database
from app.store.decide import owner_hosts
from app.store.items import _content_values, field_decoders, save_item, save_items
from app.store.keys import stored_key
from app.store.listings import ItemFilters, get_item, search_items
from app.store.raw_inputs import with_raw_inputs
from app.store.rederive import PUBLIC_FIELDS, stored_inputs
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK, items

IDENTITY = "guid:story-1"
RECEIVED = to_micros(datetime(2026, 12, 1, tzinfo=UTC))
PUBLISHER_FEED = 9
HOSTS = owner_hosts("https://feeds.publisher.example/rss", "https://publisher.example/")

COLUMNS = tuple(column.name for column in items.c if column.name in NormalizedItem.model_fields)
"""The items columns a normalized item fills, read from the table (identity is the key a copy is found by)."""


def copy(tag: str, *, text: int = 1) -> NormalizedItem:
    """A copy of the story whose every field is known and carries `tag`; `text`: how many paragraphs."""
    headline, bullets, body = (
        f"Markets rally {tag}",
        [f"Stocks rose {tag}."],
        [f"Paragraph {n} {tag}." for n in range(text)],
    )
    item = NormalizedItem(
        headline=headline,
        bullets=bullets,
        body=body,
        blocks=[{"type": "paragraph", "text": paragraph} for paragraph in body],
        body_html="".join(f"<p>{paragraph}</p>" for paragraph in body),
        source=f"Publisher {tag}",
        source_link=f"https://publisher.example/link-{tag}",
        url=f"https://publisher.example/story-{tag}",
        author=f"A. Writer {tag}",
        image_url=f"https://img.publisher.example/{tag}.jpg",
        published_at=datetime(2026, 11, int(tag), 9, 30, 0, 250_000 + int(tag), tzinfo=UTC),
        guid=f"story-{tag}",
        identity=IDENTITY,
        content_hash=content_hash(headline, bullets, body),
        flags=[f"note_{tag}"],
    )
    # A field added to the model needs a value here: the tests below prove nothing of a field left at its default.
    assert item.model_fields_set == set(NormalizedItem.model_fields)
    return item


def lacking_all(item: NormalizedItem) -> NormalizedItem:
    """The copy with its text only, every other field unknown: what a bare webhook item gives."""
    unknown = {name: None for name, info in NormalizedItem.model_fields.items() if info.default is None}
    return item.model_copy(update=unknown | {"flags": []})


async def save(db: Database, item: NormalizedItem, *, channel: int, feed_id: int | None, batch: bool) -> str:
    hosts = HOSTS if feed_id == PUBLISHER_FEED else frozenset[str]()
    if batch:
        results = await db.write(
            save_items([item], channel=channel, received_at=RECEIVED, feed_id=feed_id, hosts=hosts)
        )
        (result,) = results
    else:
        result = await db.write(save_item(item, channel=channel, received_at=RECEIVED, feed_id=feed_id, hosts=hosts))
    return result.status


async def stored(db: Database) -> dict[str, Any]:
    query = sa.select(*(items.c[name] for name in COLUMNS)).where(items.c.identity == IDENTITY)
    row = await db.read(lambda conn: conn.execute(query).one())
    return dict(zip(COLUMNS, row, strict=True))


def expected(item: NormalizedItem) -> dict[str, Any]:
    """The item's columns as the table keeps them."""
    values = {name: value for name, value in _content_values(item).items() if name in COLUMNS}
    return values | {"identity": stored_key(item.identity)}


def test_the_columns_are_the_models_fields() -> None:
    assert set(COLUMNS) == set(NormalizedItem.model_fields), "a field of the item without its column, or none"
    assert len(COLUMNS) > 10


@pytest.mark.parametrize("batch", [False, True], ids=["save_item", "save_items"])
async def test_the_first_sources_later_copy_changes_every_column(db: Database, batch: bool) -> None:
    first, later = copy("1"), copy("2")
    changed = [name for name in COLUMNS if expected(first)[name] != expected(later)[name]]
    assert changed == [name for name in COLUMNS if name != "identity"]
    assert await save(db, first, channel=CHANNEL_FEED, feed_id=7, batch=batch) == "created"
    assert await stored(db) == expected(first)

    assert await save(db, later, channel=CHANNEL_FEED, feed_id=7, batch=batch) == "updated"

    assert await stored(db) == expected(later)


@pytest.mark.parametrize("batch", [False, True], ids=["save_item", "save_items"])
async def test_the_publishers_richer_copy_fills_and_replaces_a_bare_webhook_copy(db: Database, batch: bool) -> None:
    bare, rich = lacking_all(copy("1")), copy("2", text=3)
    filled = [name for name in COLUMNS if expected(bare)[name] in (None, "[]")]
    assert len(filled) >= 8  # most of the item: a bare copy has a headline, bullets and one paragraph
    assert await save(db, bare, channel=CHANNEL_WEBHOOK, feed_id=None, batch=batch) == "created"

    assert await save(db, rich, channel=CHANNEL_FEED, feed_id=PUBLISHER_FEED, batch=batch) == "updated"

    assert await stored(db) == expected(rich)


@pytest.mark.parametrize("batch", [False, True], ids=["save_item", "save_items"])
async def test_the_publishers_poorer_copy_fills_only_what_the_story_lacks(db: Database, batch: bool) -> None:
    """A poorer copy keeps the stored text with what goes with it, and fills every other field it knows."""
    rich, poor = copy("1", text=3), copy("2")
    kept_text = {"headline", "bullets", "body", "blocks", "body_html", "content_hash"}
    lacking = {name for name in COLUMNS if name not in kept_text | {"identity", "flags"}}
    story = rich.model_copy(update=dict.fromkeys(lacking))
    assert await save(db, story, channel=CHANNEL_WEBHOOK, feed_id=None, batch=batch) == "created"

    assert await save(db, poor, channel=CHANNEL_FEED, feed_id=PUBLISHER_FEED, batch=batch) == "updated"

    after = await stored(db)
    assert {name: after[name] for name in kept_text} == {name: expected(rich)[name] for name in kept_text}
    assert {name: after[name] for name in lacking} == {name: expected(poor)[name] for name in lacking}
    assert after["flags"] == expected(poor)["flags"]  # the notes of the copy last applied


async def test_the_stored_items_document_carries_each_public_field_as_the_item_has_it(db: Database) -> None:
    item = copy("1", text=2)
    await save(db, item, channel=CHANNEL_FEED, feed_id=7, batch=False)
    (item_id,) = await db.read(lambda conn: conn.execute(sa.select(items.c.id)).scalars().all())
    row = await db.read(get_item, item_id)
    assert row is not None

    document = item_document(row)

    public = [name for name in ITEM_FIELDS if name in NormalizedItem.model_fields]
    assert len(public) > 10
    assert {name: document[name] for name in public} == item.model_dump(mode="json", include=set(public))


async def test_a_stored_item_is_read_back_for_rederivation_as_the_item_has_it(db: Database) -> None:
    item = copy("1", text=2)
    save = save_item(item, channel=CHANNEL_FEED, received_at=RECEIVED, feed_id=7)
    raw = encode_raw(RawItem(title=item.headline))
    await db.write(with_raw_inputs(save, [raw], source_key=None, version="v1", now=RECEIVED))

    (found,) = await db.read(stored_inputs, source=None, after_id=0, limit=10)

    assert set(PUBLIC_FIELDS) >= {"bullets", "body", "blocks", "published_at", "headline", "url"}
    assert found.fields == item.model_dump(include=set(PUBLIC_FIELDS))


class _Extended(NormalizedItem):
    """The item with a date and a list field more, named like none of the fields before them."""

    embargo_lifts: datetime | None = None
    topics: list[str] = Field(default_factory=list)


def test_a_new_date_or_list_field_is_read_back_by_its_type_whatever_its_name() -> None:
    decoders = field_decoders(_Extended)
    moment = datetime(2026, 12, 3, 8, 0, 0, 125, tzinfo=UTC)

    assert decoders["embargo_lifts"](to_micros(moment)) == moment
    assert decoders["embargo_lifts"](None) is None
    assert decoders["topics"]('["markets", "energy"]') == ["markets", "energy"]
    assert set(decoders) == {"bullets", "body", "blocks", "published_at", "flags", "embargo_lifts", "topics"}


async def test_an_untitled_post_is_stored_read_back_and_found_without_a_headline(db: Database) -> None:
    """A toot has no title: the store keeps it so, every reader gets null, and its text is still searchable."""
    item = copy("1", text=2)
    untitled = item.model_copy(update={"headline": None, "content_hash": content_hash(None, item.bullets, item.body)})
    save = save_item(untitled, channel=CHANNEL_FEED, received_at=RECEIVED, feed_id=7)
    await db.write(
        with_raw_inputs(save, [encode_raw(RawItem(content=item.body[0]))], source_key=None, version="v1", now=RECEIVED)
    )
    (item_id,) = await db.read(lambda conn: conn.execute(sa.select(items.c.id)).scalars().all())
    row = await db.read(get_item, item_id)
    assert row is not None

    assert item_document(row)["headline"] is None
    (found,) = await db.read(stored_inputs, source=None, after_id=0, limit=10)
    assert found.fields["headline"] is None
    matches = await db.read(
        lambda conn: search_items(conn, q="Paragraph", limit=10, before_id=None, filters=ItemFilters())
    )
    assert [match.id for match in matches] == [item_id]
    again = await db.write(save_item(untitled, channel=CHANNEL_FEED, received_at=RECEIVED, feed_id=7))
    assert again.status == "duplicate"  # the same copy again: the same story, nothing changed
