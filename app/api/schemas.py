"""Response and request models of the public API (pydantic serializes them; see docs/perf-baseline.md)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, StrictBool, field_validator
from pydantic.json_schema import SkipJsonSchema

from app.clock import from_micros
from app.document import Channel
from app.feeds.health import not_modified_share
from app.normalize.model import BodyBlock, NormalizedItem
from app.store.feeds import Feed

__all__ = [
    "NO_NUL",
    "FeedCreate",
    "FeedOut",
    "FeedPatch",
    "ItemOut",
    "ItemPage",
    "NormalizedPreview",
    "PollOutcomeOut",
    "Rfc3339",
    "WebhookAccepted",
    "feed_out",
]

_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})")


def _rfc3339_only(value: object) -> object:
    """Pydantic also reads Unix timestamps ("0.5"), bare dates and times without an offset; the API
    documents (format: date-time) and means RFC 3339 only."""
    if isinstance(value, str) and _RFC3339.fullmatch(value) is None:
        raise ValueError("expected an RFC 3339 date-time with an offset, such as 2021-02-25T21:14:00Z")
    return value


Rfc3339 = Annotated[datetime, BeforeValidator(_rfc3339_only)]
"""A date-time parameter: RFC 3339 with an offset, nothing else."""


def _json_integer(value: object) -> object:
    """JSON Schema's integer: 900 or 900.0, not "900" or true (which pydantic would also read as ints)."""
    if isinstance(value, str | bool):
        raise ValueError("expected a JSON integer")
    return value


IntervalSeconds = Annotated[int, Field(ge=60, le=7 * 86_400), BeforeValidator(_json_integer)]

NO_NUL = r"^[^\x00]*$"
"""Pattern of a text input: PostgreSQL text cannot hold U+0000, so it is a 422 here, not a 500 there."""

EXAMPLE_ITEM: dict[str, Any] = {
    "id": 42,
    "headline": "Biden orders airstrikes against infrastructure used by 'Iranian-backed militant groups' in Syria",
    "bullets": ['The US launched airstrikes Thursday night against "Iranian-backed militant groups" in Syria.'],
    "body": ["US President Joe Biden ordered the military to carry out airstrikes …"],
    "blocks": [{"type": "paragraph", "text": "US President Joe Biden ordered the military to carry out airstrikes …"}],
    "body_html": "<ul><li>The US launched airstrikes …</li></ul><p>US President Joe Biden …</p>",
    "source": "Business Insider",
    "source_link": "https://ift.tt/3r0axg6",
    "url": None,
    "author": "Charles Davis",
    "image_url": None,
    "published_at": "2021-02-25T21:14:00Z",
    "received_at": "2021-02-25T21:15:03.120000Z",
    "updated_at": "2021-02-25T21:15:03.120000Z",
    "channels": ["webhook"],
    "feed_id": None,
}


# The schema of the one item document app/document.py writes (tests/test_document.py keeps the two equal).
class ItemOut(BaseModel):
    """A stored story."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_ITEM]})

    id: int
    headline: str | None = Field(description="The story's title; null for a post without one (a toot, a note).")
    bullets: list[str]
    body: list[str] = Field(description="The body paragraphs as plain text, derived from `blocks`.")
    blocks: list[BodyBlock] = Field(
        description=(
            "The structured body in document order (the bullets are not part of it). `body` is derived from it: "
            "a heading, paragraph or quote is its text; an ordered list item starts with its number (`1. `, from "
            "`start`), an unordered one has no marker; a code block keeps its line breaks and indentation; a "
            "table row is its cells joined by ` | `; a figure adds nothing."
        )
    )
    body_html: str | None
    source: str | None
    source_link: str | None
    url: str | None
    author: str | None
    image_url: str | None
    published_at: datetime | None
    received_at: datetime
    updated_at: datetime
    channels: list[Channel]
    feed_id: int | None


class ItemPage(BaseModel):
    """One page of items, newest first; pass `next_cursor` back as `cursor` for the next page."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [EXAMPLE_ITEM], "next_cursor": "WzEsInQiLDE2MTQyOTA0NDAwMDAwMDAsNDJd"}]
        }
    )

    items: list[ItemOut]
    next_cursor: str | None = Field(description="Null on the last page.")


class WebhookAccepted(BaseModel):
    """The stored story's id, and whether it was new, already known, or known with changed content."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"id": 42, "status": "created"}]})

    id: int
    status: Literal["created", "duplicate", "updated"]


class NormalizedPreview(BaseModel):
    """What a payload normalizes to (dry run): nothing is stored."""

    status: Literal["dry_run"] = "dry_run"
    item: NormalizedItem


EXAMPLE_FEED: dict[str, Any] = {
    "id": 1,
    "url": "https://feeds.businessinsider.com/custom/all",
    "title": "Business Insider",
    "site_url": "https://www.businessinsider.com",
    "etag": 'W/"5e8f-1a2b"',
    "last_modified": "Wed, 25 Feb 2021 21:14:00 GMT",
    "interval_seconds": 900,
    "last_polled_at": "2021-02-25T21:15:00Z",
    "next_poll_at": "2021-02-25T21:30:00Z",
    "last_status": "ok",
    "error_count": 0,
    "last_error": None,
    "failing_since": None,
    "poll_count": 96,
    "not_modified_count": 84,
    "not_modified_share": 0.875,
    "disabled": False,
    "item_count": 50,
}


class FeedCreate(BaseModel):
    """A feed to register."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"url": "https://feeds.businessinsider.com/custom/all", "interval_seconds": 900}]
        },
    )

    url: HttpUrl
    title: str | None = Field(default=None, max_length=500, pattern=NO_NUL)
    interval_seconds: IntervalSeconds | None = None


class FeedPatch(BaseModel):
    """Fields to change on a feed; absent fields stay as they are."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"interval_seconds": 3600}]})

    # Absent means unchanged; null is refused (a feed always has a URL, an interval and a flag), and the
    # document says so: SkipJsonSchema keeps the default None out of the schema.
    url: HttpUrl | SkipJsonSchema[None] = None
    title: str | None = Field(default=None, max_length=500, pattern=NO_NUL)
    interval_seconds: IntervalSeconds | SkipJsonSchema[None] = None
    disabled: StrictBool | SkipJsonSchema[None] = None  # strict: 0 and "no" are not booleans

    @field_validator("url", "interval_seconds", "disabled", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("leave the field out to keep it; it cannot be null")
        return value


class FeedOut(BaseModel):
    """A registered feed and its polling state."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_FEED]})

    id: int
    url: str
    title: str | None
    site_url: str | None
    etag: str | None
    last_modified: str | None
    interval_seconds: int
    last_polled_at: datetime | None
    next_poll_at: datetime
    last_status: str | None
    error_count: int
    last_error: str | None
    failing_since: datetime | None = Field(
        description="When the current failure streak began (its first failed poll); null while polls succeed."
    )
    poll_count: int = Field(description="Polls recorded for the feed.")
    not_modified_count: int = Field(description="Of those, the polls a 304 Not Modified answered.")
    not_modified_share: float | None = Field(
        description="not_modified_count / poll_count (0-1): the share conditional GET saved; null before a poll."
    )
    disabled: bool
    item_count: int


class PollOutcomeOut(BaseModel):
    """What one poll of a feed did."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "ok", "new": 3, "updated": 1, "unchanged": 46, "error": None}]}
    )

    status: Literal["ok", "not_modified", "error", "gone"]
    new: int
    updated: int
    unchanged: int
    rejected: int = Field(description="Entries the normalizer could not use; the rest were stored.")
    error: str | None


def feed_out(feed: Feed) -> FeedOut:
    """The API's view of a registered feed (its lease and creation time stay inside)."""
    return FeedOut(
        id=feed.id,
        url=feed.url,
        title=feed.title,
        site_url=feed.site_url,
        etag=feed.etag,
        last_modified=feed.last_modified,
        interval_seconds=feed.interval_seconds,
        last_polled_at=from_micros(feed.last_polled_at) if feed.last_polled_at is not None else None,
        next_poll_at=from_micros(feed.next_poll_at),
        last_status=feed.last_status,
        error_count=feed.error_count,
        last_error=feed.last_error,
        failing_since=from_micros(feed.failing_since) if feed.failing_since is not None else None,
        poll_count=feed.poll_count,
        not_modified_count=feed.not_modified_count,
        not_modified_share=not_modified_share(polls=feed.poll_count, not_modified=feed.not_modified_count),
        disabled=feed.disabled,
        item_count=feed.item_count,
    )
