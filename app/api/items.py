"""Read API: newest-first keyset pages, full-text search, incremental sync, a live stream, one item."""

from __future__ import annotations

import asyncio
import operator
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated

import orjson
from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from app.api.deps import MAX_ID, PagesDep
from app.api.etags import conditional
from app.api.query import openapi_parameters, read_query
from app.api.responses import NOT_MODIFIED, problem
from app.api.schemas import NO_NUL, ItemOut, ItemPage, Rfc3339, _channels, item_from_row
from app.reads.pages import Row, blocks_json, item_filters

__all__ = ["DEFAULT_LIMIT", "CursorParam", "ItemQuery", "ListingQuery", "page_json", "router"]

router = APIRouter(prefix="/v1/items", tags=["items"])

STREAM_POLL_SECONDS = 1.0
STREAM_HEARTBEAT_SECONDS = 15.0


def _absent_when_empty(value: object) -> object:
    """``cursor=`` is the first page: the document allows an empty string, and a form leaves it so."""
    return None if value == "" else value


CursorParam = Annotated[str | None, BeforeValidator(_absent_when_empty)]
"""A cursor query parameter: an empty one is no cursor."""


# ItemOut's fields, in its order (a test compares them): page_json writes the same JSON without building
# the models, unpacking each row in this order.
_ITEM_FIELDS = (
    *("id", "headline", "bullets", "body", "blocks", "body_html", "source", "source_link", "url", "author"),
    *("image_url", "published_at", "received_at", "updated_at", "channels", "feed_id"),
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CHANNELS = {mask: tuple(_channels(mask)) for mask in range(4)}


def page_json(rows: Sequence[Row], next_cursor: str | None) -> bytes:
    """The bytes `ItemPage(...).model_dump_json()` gives for these rows: ~0.12 ms for 50 items instead of ~2.

    Building 50 ItemOut models and dumping them held the event loop ~2 ms per page, and reading 15
    attributes of a SQLAlchemy Row by name cost more than the JSON itself (bench/reads.py, profiled):
    values are picked by position in one call per row and written as one dict display, in ItemOut's
    order (a test compares the bytes with the model's). Bullets, body and blocks are stored as the JSON arrays
    orjson wrote (items._content_values) and go out as they are; channels are shared tuples. Instants
    are `_EPOCH + timedelta(0, 0, micros)`: what from_micros gives, in a third of the time.
    """
    if not rows:
        return orjson.dumps({"items": [], "next_cursor": next_cursor})
    columns = rows[0]._fields  # on a SQLAlchemy Row, a property that builds the tuple: read it once
    pick = operator.itemgetter(*(columns.index(name) for name in _ITEM_FIELDS))
    fragment, epoch, delta, channel_names = orjson.Fragment, _EPOCH, timedelta, _CHANNELS  # locals: read once
    items = []
    for row in rows:
        (id_, headline, bullets, body, blocks, body_html, source, source_link, url, author, image_url, published,
         received, updated, channels, feed_id) = pick(row)  # fmt: skip
        items.append(
            {
                "id": id_,
                "headline": headline,
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
                "channels": channel_names[channels] if channels in channel_names else _channels(channels),
                "feed_id": feed_id,
            }
        )
    return orjson.dumps({"items": items, "next_cursor": next_cursor}, option=orjson.OPT_UTC_Z)


ItemId = Annotated[int, Path(ge=1, le=MAX_ID, description="The item's `id`.")]
Source = Annotated[str | None, Query(pattern=NO_NUL, description="Only items from this source name.")]


DEFAULT_LIMIT = 50


class ListingQuery(BaseModel):
    """The query of every listing: GET /v1/items and the feed outputs share one URL scheme."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=200, description="Items per page.")
    cursor: CursorParam = Field(None, description="`next_cursor` of the previous page.")
    source: str | None = Field(None, pattern=NO_NUL, description="Only items from this source name.")
    since: Rfc3339 | None = Field(None, description="RFC 3339; published (else received) at or after.")
    until: Rfc3339 | None = Field(None, description="RFC 3339; published (else received) at or before.")
    q: str | None = Field(
        None, max_length=256, pattern=NO_NUL, description="Full-text search over headline, bullets and body."
    )


class ItemQuery(ListingQuery):
    """GET /v1/items' query: a listing, or with `updated_after` a mirror's incremental sync."""

    updated_after: Rfc3339 | None = Field(
        None,
        description=(
            "RFC 3339: incremental sync. Items created or edited after this instant, in the order the "
            "database numbered the changes; keep following `next_cursor` (always present) to mirror the store. "
            "On PostgreSQL a change appears once it is a couple of seconds old by the database's clock, so a "
            "late commit from another replica is never skipped."
        ),
    )


@router.get(
    "",
    response_model=ItemPage,
    openapi_extra={"parameters": openapi_parameters(ItemQuery)},
    responses={
        304: NOT_MODIFIED,
        422: problem("Invalid parameter or cursor (problem+json)"),
    },
)
async def list_or_search_items(request: Request, pages: PagesDep) -> Response:
    """Items newest first (published, else received; then id). With `q`, matches newest stored first;
    with `updated_after`, every change since, oldest first."""
    query = read_query(ItemQuery, request)
    rows, next_cursor = await pages.page(
        limit=query.limit,
        cursor=query.cursor,
        filters=item_filters(query.source, query.since, query.until),
        q=query.q,
        updated_after=query.updated_after,
    )
    return conditional(request, page_json(rows, next_cursor), media_type="application/json")


@router.get(
    "/stream",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Server-sent events, one per new or edited item.",
            "content": {
                "text/event-stream": {
                    "schema": {"type": "string"},
                    "example": (
                        'id: WzEsImMiLDE2MTQyOTA1MDMxMjAwMDAsNDJd\nevent: item\ndata: {"id": 42, "headline": "…"}\n\n'
                    ),
                }
            },
        },
        422: problem("Invalid Last-Event-ID (problem+json)"),
    },
)
async def stream_items(
    request: Request,
    pages: PagesDep,
    source: Source = None,
    last_event_id: Annotated[
        str | None, Header(description="Resume after this event (EventSource sends it on reconnect).")
    ] = None,
) -> StreamingResponse:
    """Live: new and edited items as server-sent events (`event: item`, `id:` resumes the stream)."""
    filters = item_filters(source, None, None)
    if last_event_id and last_event_id != "null":  # "null": what a client sends for its JSON null (the doc allows it)
        # A bad Last-Event-ID is a 422 now, not a broken stream.
        pages.check_position(last_event_id)
        start = last_event_id
    else:  # from now on: a live consumer wants what happens next
        start = await pages.latest_position()
    cursor: str | None = start

    async def events() -> AsyncIterator[bytes]:
        nonlocal cursor
        quiet = 0.0
        yield b"retry: 2000\n\n"
        while not await request.is_disconnected():
            rows, cursor = await pages.page(limit=100, cursor=cursor, filters=filters, q=None, updated_after=None)
            for row in rows:
                data = item_from_row(row).model_dump_json()
                position = pages.position_of(row)
                yield f"id: {position}\nevent: item\ndata: {data}\n\n".encode()
            if rows:
                quiet = 0.0
                continue
            await asyncio.sleep(STREAM_POLL_SECONDS)
            quiet += STREAM_POLL_SECONDS
            if quiet >= STREAM_HEARTBEAT_SECONDS:  # keeps proxies from closing an idle stream
                quiet = 0.0
                yield b": keep-alive\n\n"

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


@router.get(
    "/{item_id}",
    response_model=ItemOut,
    responses={304: NOT_MODIFIED, 404: problem("No such item (problem+json)")},
)
async def read_item(item_id: ItemId, request: Request, pages: PagesDep) -> Response:
    """One item by id (an id merged into another story answers with that story)."""
    row = await pages.item(item_id)
    return conditional(request, item_from_row(row).model_dump_json().encode(), media_type="application/json")
