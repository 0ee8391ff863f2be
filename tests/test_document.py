"""The one item document (app/document.py) against its OpenAPI schema, ItemOut, for any stored row."""

from __future__ import annotations

from collections import namedtuple
from datetime import datetime
from typing import Any, cast

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

from app.api.schemas import ItemOut, ItemPage
from app.clock import from_micros
from app.document import (
    CHANNEL_BITS,
    ITEM_FIELDS,
    StoredItem,
    channel_names,
    event_payload,
    item_document,
    item_json,
    page_json,
)
from app.normalize.model import NormalizedItem
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK, items

_TEXT = st.text(max_size=40)
_OPTIONAL = st.none() | _TEXT
_MICROS = st.integers(min_value=0, max_value=4_102_444_800_000_000) | st.integers(0, 4_000_000_000).map(
    lambda seconds: seconds * 1_000_000  # whole seconds: the JSON has no fraction then
)


_BLOCK = st.one_of(
    st.builds(lambda text: {"type": "paragraph", "text": text}, _TEXT),
    st.builds(lambda level, text: {"type": "heading", "level": level, "text": text}, st.integers(1, 6), _TEXT),
    st.builds(
        lambda ordered, start, items: {"type": "list", "ordered": ordered, "start": start, "items": items},
        st.booleans(),
        st.integers(-5, 10**6),
        st.lists(_TEXT, max_size=3),
    ),
    st.builds(lambda text: {"type": "code", "text": text}, _TEXT),
    st.builds(lambda text: {"type": "quote", "text": text}, _TEXT),
    st.builds(lambda rows: {"type": "table", "rows": rows}, st.lists(st.lists(_TEXT, max_size=3), max_size=3)),
    st.builds(lambda image, caption: {"type": "figure", "image": image, "caption": caption}, _TEXT, _OPTIONAL),
)

# A row of the whole items table (page_json must pick ItemOut's columns out of it by name).
_ItemRow: Any = namedtuple("_ItemRow", [column.name for column in items.c])  # type: ignore[misc]


@st.composite
def _rows(draw: st.DrawFn) -> StoredItem:
    received = draw(_MICROS)
    values: dict[str, Any] = {
        "id": draw(st.integers(1, 2**63 - 1)),
        "identity": draw(_TEXT),
        "guid": draw(_OPTIONAL),
        "url": draw(_OPTIONAL),
        "source_link": draw(_OPTIONAL),
        "headline": draw(_TEXT),
        "bullets": orjson.dumps(draw(st.lists(_TEXT, max_size=3))).decode(),
        "body": orjson.dumps(draw(st.lists(_TEXT, max_size=3))).decode(),
        # None: a row written without blocks (they come from the body then)
        "blocks": draw(st.none() | st.lists(_BLOCK, max_size=3).map(lambda b: orjson.dumps(b).decode())),
        "body_html": draw(_OPTIONAL),
        "source": draw(_OPTIONAL),
        "author": draw(_OPTIONAL),
        "image_url": draw(_OPTIONAL),
        "published_at": draw(st.none() | _MICROS),
        "received_at": received,
        "updated_at": draw(st.just(received) | _MICROS),
        "sort_at": received,
        "channels": draw(st.integers(0, 3)),
        "feed_id": draw(st.none() | st.integers(1, 2**63 - 1)),
        "content_hash": draw(_TEXT),
        "flags": "[]",
        "resolve_after": None,
        "resolve_attempts": 0,
        "origin_channel": 1,
        "origin_feed_id": None,
        "change_seq": draw(st.integers(1, 2**63 - 1)),
        "changed_at": received,
        "raw_digest": None,
        "normalizer_version": None,
        "source_key": None,
    }
    return cast(StoredItem, _ItemRow(**values))


# How the schema writes a date-time (RFC 3339 in UTC with a Z).
_DATE_TIME = TypeAdapter(datetime)


def test_the_document_has_the_schemas_fields_in_its_order() -> None:
    assert tuple(ItemOut.model_fields) == ITEM_FIELDS


# The normalized item's fields the document leaves out (its keys and the normalizer's notes), and the
# document's fields that the stored story has of its own.
_NOT_PUBLIC = {"identity", "guid", "content_hash", "flags"}
_OF_THE_STORY = {"id", "received_at", "updated_at", "channels", "feed_id"}


def _json_type(model: type[BaseModel], name: str) -> dict[str, Any]:
    """A field's JSON schema without the words and default the two models write differently."""
    schema: dict[str, Any] = model.model_json_schema(mode="serialization")["properties"][name]
    return {key: value for key, value in schema.items() if key not in {"title", "description", "default"}}


def test_each_public_field_of_the_item_is_a_column_a_document_field_and_in_the_schema_alike() -> None:
    public = [name for name in NormalizedItem.model_fields if name not in _NOT_PUBLIC]
    assert len(public) > 10
    assert sorted(name for name in ITEM_FIELDS if name not in _OF_THE_STORY) == sorted(public)
    assert set(public) <= set(items.c.keys())
    assert {name: _json_type(ItemOut, name) for name in public} == {
        name: _json_type(NormalizedItem, name) for name in public
    }
    assert set(_OF_THE_STORY) <= set(items.c.keys()) - set(NormalizedItem.model_fields)


@settings(max_examples=300, deadline=None)
@given(row=_rows())
def test_every_stored_row_renders_to_a_document_the_schema_accepts_and_writes_back_alike(row: StoredItem) -> None:
    document = item_json(row)
    assert set(item_document(row)) == set(ItemOut.model_fields)
    # Validated by the schema (strictly typed, blocks by their own models) and dumped again: the same bytes.
    assert ItemOut.model_validate_json(document).model_dump_json().encode() == document


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(_rows(), max_size=4), next_cursor=st.none() | st.text(max_size=20))
def test_a_page_is_its_items_documents_as_the_page_schema_writes_them(
    rows: list[StoredItem], next_cursor: str | None
) -> None:
    page = page_json(rows, next_cursor)
    assert orjson.loads(page) == {"items": [item_document(row) for row in rows], "next_cursor": next_cursor}
    assert ItemPage.model_validate_json(page).model_dump_json().encode() == page


@settings(max_examples=100, deadline=None)
@given(row=_rows(), now=_MICROS)
def test_an_event_payload_carries_the_document_as_its_data(row: StoredItem, now: int) -> None:
    payload = orjson.loads(event_payload(row, event="item.updated", now=now))
    assert payload == {
        "type": "item.updated",
        "timestamp": _DATE_TIME.dump_python(from_micros(now), mode="json"),
        "data": item_document(row),
    }


def test_channel_names_read_the_stored_mask() -> None:
    assert CHANNEL_BITS == {"webhook": CHANNEL_WEBHOOK, "feed": CHANNEL_FEED}
    assert channel_names(0) == ()
    assert channel_names(CHANNEL_WEBHOOK) == ("webhook",)
    assert channel_names(CHANNEL_FEED) == ("feed",)
    assert channel_names(CHANNEL_WEBHOOK | CHANNEL_FEED) == ("webhook", "feed")
