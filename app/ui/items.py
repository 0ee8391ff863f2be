"""Console items: search and filters, and an item's page with its blocks, channels, sightings and raw input."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from app.api.deps import MAX_ID
from app.clock import to_micros
from app.document import CHANNEL_BITS, blocks_json
from app.errors import NotFound
from app.normalize.raw import decode_raw
from app.reads.pages import ItemFilters
from app.ui.web import ConsoleDep, html_error, render

__all__ = ["router"]

router = APIRouter(prefix="/ui/items", include_in_schema=False)
PAGE = 50
CHANNELS = {"webhook": CHANNEL_BITS["webhook"], "feed": CHANNEL_BITS["feed"]}


def _day(value: str | None, *, end: bool) -> int | None:
    """A `YYYY-MM-DD` form value as the first (or last) microsecond of that UTC day."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return to_micros(datetime.combine(day, time.max if end else time.min, tzinfo=UTC))


def channel_names(bits: int) -> list[str]:
    return [name for name, bit in CHANNELS.items() if bits & bit]


@router.get("")
async def items_page(
    request: Request,
    console: ConsoleDep,
    q: Annotated[str, Query(max_length=200)] = "",
    source: Annotated[str, Query(max_length=200)] = "",
    feed: Annotated[str, Query(max_length=20)] = "",
    channel: Annotated[str, Query(max_length=10)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    before: Annotated[str, Query(max_length=50, pattern=r"^(\d{1,19}:)?\d{1,19}$")] = "",
) -> Response:
    """The newest items, or full-text matches, narrowed by source, feed, channel and date; `before` pages on."""
    filters = ItemFilters(source=source or None, since=_day(since, end=False), until=_day(until, end=True))
    pages = console.services.pages
    # Keyset pages like the API's: (sort_at, id) of the last row for a listing, its id for a search.
    *sort_at, last_id = before.split(":") if before else ["", ""]
    if q.strip():
        before_id = int(last_id) if last_id else None
        rows = await pages.matches(q=q, limit=PAGE, before_id=before_id, filters=filters)
        older = str(rows[-1].id) if len(rows) == PAGE else None
    else:
        key = (int(sort_at[0]), int(last_id)) if sort_at and sort_at[0] else None
        rows = await pages.newest(limit=PAGE, before=key, filters=filters)
        older = f"{rows[-1].sort_at}:{rows[-1].id}" if len(rows) == PAGE else None
    # The store's filters have no feed or channel yet: this page narrows its own rows by them.
    if feed.isdigit():
        rows = [row for row in rows if row.feed_id == int(feed)]
    if channel in CHANNELS:
        rows = [row for row in rows if row.channels & CHANNELS[channel]]
    query = {"q": q, "source": source, "feed": feed, "channel": channel, "since": since, "until": until}
    older_url = None if older is None else "/ui/items?" + urlencode({**query, "before": older})
    return render(
        request, "items.html", console.session, items=rows, query=query, channel_names=channel_names, older=older_url
    )


@router.get("/{item_id}")
async def item_page(request: Request, item_id: Annotated[int, Path(ge=1, le=MAX_ID)], console: ConsoleDep) -> Response:
    """One item: its blocks rendered, its channels and sightings, and the raw input it was derived from."""
    services = console.services
    try:
        row = await services.pages.item(item_id)
    except NotFound:
        return html_error(404, f"No item with id {item_id}.")
    blocks: list[dict[str, Any]] = orjson.loads(blocks_json(row.blocks, row.body))
    raw = None
    if row.raw_digest is not None:
        data = await services.item_detail.raw_input(row.raw_digest)
        if data is not None:
            raw = decode_raw(data).model_dump_json(indent=2, exclude_defaults=True)
    return render(
        request,
        "item.html",
        console.session,
        item=row,
        bullets=orjson.loads(row.bullets),
        blocks=blocks,
        channels=channel_names(row.channels),
        sightings=await services.item_detail.sightings(row.id),
        raw=raw,
    )
