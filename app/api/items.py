"""Read API: newest-first keyset pages, full-text search, incremental sync, a live stream, one item."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from app.api.access import FeedReadDep, ReadDep
from app.api.deps import MAX_ID, PagesDep
from app.api.etags import conditional
from app.api.query import openapi_parameters, read_query
from app.api.responses import NOT_MODIFIED, problem
from app.api.schemas import NO_NUL, ItemOut, ItemPage, Rfc3339
from app.document import Channel, item_json, page_json
from app.reads.pages import item_filters

__all__ = ["DEFAULT_LIMIT", "CursorParam", "ItemQuery", "ListingQuery", "router"]

router = APIRouter(prefix="/v1/items", tags=["items"])

STREAM_POLL_SECONDS = 1.0
STREAM_HEARTBEAT_SECONDS = 15.0


def _absent_when_empty(value: object) -> object:
    """``cursor=`` is the first page: the document allows an empty string, and a form leaves it so."""
    return None if value == "" else value


CursorParam = Annotated[str | None, BeforeValidator(_absent_when_empty)]
"""A cursor query parameter: an empty one is no cursor."""


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
    feed_id: int | None = Field(None, ge=1, le=MAX_ID, description="Only items first stored from this feed.")
    channel: Channel | None = Field(None, description="Only items that arrived through this channel.")


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
async def list_or_search_items(request: Request, pages: PagesDep, _: ReadDep) -> Response:
    """Items newest first (published, else received; then id). With `q`, matches newest stored first;
    with `updated_after`, every change since, oldest first."""
    query = read_query(ItemQuery, request, refuse_unknown=True)
    rows, next_cursor = await pages.page(
        limit=query.limit,
        cursor=query.cursor,
        filters=item_filters(query.source, query.since, query.until, feed_id=query.feed_id, channel=query.channel),
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
    _: FeedReadDep,
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
                data = item_json(row).decode()
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

    # X-Accel-Buffering: nginx (and proxies that copy it) would otherwise hold events back in its buffer.
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)


@router.get(
    "/{item_id}",
    response_model=ItemOut,
    responses={304: NOT_MODIFIED, 404: problem("No such item (problem+json)")},
)
async def read_item(item_id: ItemId, request: Request, pages: PagesDep, _: ReadDep) -> Response:
    """One item by id (an id merged into another story answers with that story)."""
    row = await pages.item(item_id)
    return conditional(request, item_json(row), media_type="application/json")
