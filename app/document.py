"""The public document of a stored item, built here only: the API's item JSON, its pages, webhook event payloads.

A stored item is a row of the items table (a SQLAlchemy ``Row`` qualifies: values by position, the column
names in ``_fields``). ``ITEM_FIELDS`` names the document's fields in order; each is the column of the same
name, written as JSON:

- ``bullets``, ``body`` and ``blocks`` are stored as the JSON arrays orjson wrote (app/store/items.py) and go
  out as they are, ``orjson.Fragment``s (a row stored without blocks gets one paragraph per body paragraph);
- instants are stored as UTC microseconds and go out as RFC 3339 with a ``Z``, as pydantic writes them;
- ``channels`` is stored as a bit mask (``CHANNEL_BITS``) and goes out as the channels' names.

``app.api.schemas.ItemOut`` describes this document in the OpenAPI schema (tests/test_document.py keeps
the two equal), so a public field is added in the normalizer's model, the table and its migration,
``ITEM_FIELDS`` here, and ``ItemOut``. Pure: no framework, database or configuration.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Final, Literal, Protocol

import orjson

__all__ = [
    "CHANNEL_BITS",
    "ITEM_FIELDS",
    "Channel",
    "ItemEvent",
    "StoredItem",
    "blocks_json",
    "channel_names",
    "event_payload",
    "item_document",
    "item_json",
    "page_json",
]

Channel = Literal["webhook", "feed"]
ItemEvent = Literal["item.created", "item.updated"]

CHANNEL_BITS: Final[dict[Channel, int]] = {"webhook": 1, "feed": 2}
"""How the items table's ``channels`` mask numbers each channel an item came by."""

ITEM_FIELDS: Final[tuple[str, ...]] = (
    *("id", "headline", "bullets", "body", "blocks", "body_html", "source", "source_link", "url", "author"),
    *("image_url", "published_at", "received_at", "updated_at", "channels", "feed_id"),
)
"""The document's fields in order, each read from the items column of the same name (ItemOut's order)."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class StoredItem(Protocol):
    """A row holding the items columns in ``ITEM_FIELDS`` (any others are left out): a SQLAlchemy ``Row``."""

    @property
    def _fields(self) -> tuple[str, ...]: ...

    def __getitem__(self, index: int, /) -> Any: ...


@cache
def channel_names(mask: int) -> tuple[Channel, ...]:
    """The names of the channels set in a ``channels`` mask, in ``CHANNEL_BITS`` order."""
    return tuple(name for name, bit in CHANNEL_BITS.items() if mask & bit)


def blocks_json(blocks: str | None, body: str) -> str:
    """An item's stored blocks (a JSON array); for a row written without them, a paragraph per body paragraph.

    Migration 0005 filled every older row and the save path always writes them: this covers rows
    inserted by other means (bench/seed_items.py before it learned the column, a hand-made row).
    """
    if blocks is not None:
        return blocks
    return orjson.dumps([{"type": "paragraph", "text": text} for text in orjson.loads(body)]).decode()


@cache
def _picker(columns: tuple[str, ...]) -> Callable[[StoredItem], tuple[Any, ...]]:
    """One call that takes a row's ``ITEM_FIELDS`` values by position (one per shape of row)."""
    return operator.itemgetter(*(columns.index(name) for name in ITEM_FIELDS))


def _documents(rows: Sequence[StoredItem]) -> list[dict[str, Any]]:
    """The rows' documents, ready for ``orjson.dumps(..., option=OPT_UTC_Z)``.

    Building ItemOut models and dumping them held the event loop ~2 ms per 50-item page, and reading 15
    attributes of a SQLAlchemy Row by name cost more than the JSON itself (bench/reads.py, profiled):
    values are picked by position in one call per row and written as one dict display; ~0.12 ms for
    50 items. Instants are ``_EPOCH + timedelta(0, 0, micros)``: what app.clock.from_micros gives, in a
    third of the time.
    """
    if not rows:
        return []
    pick = _picker(rows[0]._fields)  # on a SQLAlchemy Row, a property that builds the tuple: read it once
    fragment, epoch, delta, names = orjson.Fragment, _EPOCH, timedelta, channel_names  # locals: read once
    documents = []
    for row in rows:
        (id_, headline, bullets, body, blocks, body_html, source, source_link, url, author, image_url, published,
         received, updated, channels, feed_id) = pick(row)  # fmt: skip
        documents.append(
            {
                "id": id_,
                "headline": headline or None,  # "" stored for an untitled post (app/store/tables.py)
                "bullets": fragment(bullets),
                "body": fragment(body),
                "blocks": fragment(blocks_json(blocks, body)),
                "body_html": body_html,
                "source": source,
                "source_link": source_link,
                "url": url,
                "author": author,
                "image_url": image_url,
                "published_at": None if published is None else epoch + delta(0, 0, published),
                "received_at": epoch + delta(0, 0, received),
                "updated_at": epoch + delta(0, 0, updated),
                "channels": names(channels),
                "feed_id": feed_id,
            }
        )
    return documents


def page_json(rows: Sequence[StoredItem], next_cursor: str | None) -> bytes:
    """A page of items as GET /v1/items sends it: ``{"items": [...], "next_cursor": ...}``."""
    return orjson.dumps({"items": _documents(rows), "next_cursor": next_cursor}, option=orjson.OPT_UTC_Z)


def item_json(row: StoredItem) -> bytes:
    """One item as GET /v1/items/{id} and the live stream send it."""
    return orjson.dumps(_documents([row])[0], option=orjson.OPT_UTC_Z)


def item_document(row: StoredItem) -> dict[str, Any]:
    """One item's document as plain JSON values (what a client reads back from ``item_json``)."""
    document: dict[str, Any] = orjson.loads(item_json(row))
    return document


def event_payload(row: StoredItem, *, event: ItemEvent, now: int) -> bytes:
    """The body webhook subscribers receive, in the Standard Webhooks shape: ``{type, timestamp, data}``."""
    timestamp = _EPOCH + timedelta(0, 0, now)
    body = {"type": event, "timestamp": timestamp, "data": _documents([row])[0]}
    return orjson.dumps(body, option=orjson.OPT_UTC_Z)
