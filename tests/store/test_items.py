"""The save path's columns: every field of the normalized item that the items table has, written as stored."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from app.clock import to_micros
from app.normalize import normalize
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from app.store.decide import Sender
from app.store.items import _INSERT_MANY, CONTENT_COLUMNS, _content_values, _new_row
from app.store.tables import CHANNEL_FEED, items

NOW = datetime(2021, 2, 25, 21, 15, 3, 120000, tzinfo=UTC)


def _item() -> NormalizedItem:
    raw = RawItem(
        title="Biden orders airstrikes in Syria",
        content="<ul><li>The US launched airstrikes.</li></ul><h2>Why</h2><p>A paragraph.</p>",
        link="https://www.example.com/story-1",
        feed_title="Business Insider",
        author="Charles Davis",
        published="2021-02-25T21:14:00Z",
    )
    return normalize(raw, now=NOW, settings=NormalizeSettings())


def test_every_model_field_with_a_column_is_written_but_the_identity() -> None:
    model_columns = {name for name in NormalizedItem.model_fields if name in items.c}
    assert set(CONTENT_COLUMNS) == model_columns - {"identity"}


def test_content_values_are_the_items_fields_as_the_table_keeps_them() -> None:
    item = _item()
    assert item.published_at is not None
    assert _content_values(item) == {
        "headline": item.headline,
        "bullets": orjson.dumps(item.bullets).decode(),
        "body": orjson.dumps(item.body).decode(),
        "blocks": orjson.dumps(item.blocks).decode(),
        "body_html": item.body_html,
        "source": item.source,
        "source_link": item.source_link,
        "url": item.url,
        "author": "Charles Davis",
        "image_url": item.image_url,
        "published_at": to_micros(item.published_at),
        "guid": item.guid,
        "content_hash": item.content_hash,
        "flags": orjson.dumps(item.flags).decode(),
    }


def test_the_bulk_insert_takes_every_column_a_new_row_has() -> None:
    row = _new_row(_item(), sender=Sender(CHANNEL_FEED, 7), received_at=to_micros(NOW))
    assert set(row) == set(_INSERT_MANY.columns)
