"""Read API: newest-first keyset pages, full-text search, one item."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.api.deps import RuntimeDep
from app.api.pagination import Cursor, decode_cursor, encode_cursor
from app.api.schemas import ItemOut, ItemPage, item_from_row
from app.clock import to_micros
from app.errors import NotFound
from app.store.items import ItemFilters, get_item, list_items, search_items

__all__ = ["router"]

router = APIRouter(prefix="/v1/items", tags=["items"])

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}


@router.get(
    "",
    response_model=ItemPage,
    responses={422: {"description": "Invalid parameter or cursor (problem+json)", **PROBLEM}},
)
async def list_or_search_items(
    runtime: RuntimeDep,
    limit: Annotated[int, Query(ge=1, le=200, description="Items per page.")] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
    source: Annotated[str | None, Query(description="Only items from this source name.")] = None,
    since: Annotated[datetime | None, Query(description="RFC 3339; published (else received) at or after.")] = None,
    until: Annotated[datetime | None, Query(description="RFC 3339; published (else received) at or before.")] = None,
    q: Annotated[
        str | None, Query(max_length=256, description="Full-text search over headline, bullets and body.")
    ] = None,
) -> ItemPage:
    """Items newest first (published, else received; then id). With `q`, matches newest stored first."""
    filters = ItemFilters(
        source=source,
        since=to_micros(since) if since else None,
        until=to_micros(until) if until else None,
    )
    if q is not None and q.strip():
        after = decode_cursor(cursor, expected="search").id if cursor else None
        rows = await runtime.db.read(search_items, q=q, limit=limit + 1, before_id=after, filters=filters)
        page = rows[:limit]
        next_cursor = encode_cursor(Cursor(kind="search", sort_at=0, id=page[-1].id)) if len(rows) > limit else None
    else:
        position = decode_cursor(cursor, expected="time") if cursor else None
        before = (position.sort_at, position.id) if position else None
        rows = await runtime.db.read(list_items, limit=limit + 1, before=before, filters=filters)
        page = rows[:limit]
        next_cursor = (
            encode_cursor(Cursor(kind="time", sort_at=page[-1].sort_at, id=page[-1].id)) if len(rows) > limit else None
        )
    return ItemPage(items=[item_from_row(row) for row in page], next_cursor=next_cursor)


@router.get(
    "/{item_id}",
    response_model=ItemOut,
    responses={404: {"description": "No such item (problem+json)", **PROBLEM}},
)
async def read_item(item_id: int, runtime: RuntimeDep) -> ItemOut:
    """One item by id."""
    row = await runtime.db.read(get_item, item_id)
    if row is None:
        raise NotFound(f"no item with id {item_id}")
    return item_from_row(row)
