"""Feeds API (admin key): register, list, read, change, remove, and poll a feed now."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from app.api.deps import MAX_ID, AdminDep, RuntimeDep
from app.api.schemas import FeedCreate, FeedOut, FeedPatch, PollOutcomeOut, feed_from_row
from app.clock import to_micros
from app.errors import NotFound
from app.store.feeds import add_feed, delete_feed, get_feed, list_feeds, update_feed

__all__ = ["router"]

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong admin API key (problem+json).", **PROBLEM},
}


def _link(method: str, path: str, description: str) -> dict[str, Any]:
    """An OpenAPI link from a response's `id` to an operation taking `feed_id` (clients and tools follow them)."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {
        "operationRef": f"#/paths/{pointer}/{method}",
        "parameters": {"feed_id": "$response.body#/id"},
        "description": description,
    }


FEED_LINKS: dict[str, Any] = {
    "ReadFeed": _link("get", "/v1/feeds/{feed_id}", "Read the feed."),
    "ChangeFeed": _link("patch", "/v1/feeds/{feed_id}", "Change the feed."),
    "PollFeed": _link("post", "/v1/feeds/{feed_id}/poll", "Poll the feed now."),
    "RemoveFeed": _link("delete", "/v1/feeds/{feed_id}", "Remove the feed."),
}
FeedId = Annotated[int, Path(ge=1, le=MAX_ID, description="The feed's `id`.")]
router = APIRouter(prefix="/v1/feeds", tags=["feeds"], responses=ADMIN_ERRORS)


async def _read(runtime: RuntimeDep, feed_id: int) -> FeedOut:
    row = await runtime.db.read(get_feed, feed_id)
    if row is None:
        raise NotFound(f"no feed with id {feed_id}")
    return feed_from_row(row)


@router.post(
    "",
    status_code=201,
    response_model=FeedOut,
    responses={
        201: {"description": "The registered feed.", "links": FEED_LINKS},
        409: {"description": "A feed with that URL exists (problem+json).", **PROBLEM},
        422: {"description": "Invalid URL, or refused by the outbound-URL guard (problem+json).", **PROBLEM},
    },
)
async def create_feed(body: FeedCreate, runtime: RuntimeDep, _: AdminDep) -> FeedOut:
    """Register a feed; it is polled at once and then on its schedule."""
    url = str(body.url)
    await runtime.guard.check_url(url)
    interval = body.interval_seconds or runtime.poll_interval_seconds
    feed_id = await runtime.db.write(
        add_feed(url=url, title=body.title, interval_seconds=interval, now=to_micros(runtime.clock()))
    )
    runtime.wake_poller()
    return await _read(runtime, feed_id)


@router.get("", response_model=list[FeedOut])
async def read_feeds(runtime: RuntimeDep, _: AdminDep) -> list[FeedOut]:
    """All registered feeds with their polling state."""
    return [feed_from_row(row) for row in await runtime.db.read(list_feeds)]


@router.get(
    "/{feed_id}",
    response_model=FeedOut,
    responses={
        200: {"description": "The feed.", "links": FEED_LINKS},
        404: {"description": "No such feed.", **PROBLEM},
    },
)
async def read_feed(feed_id: FeedId, runtime: RuntimeDep, _: AdminDep) -> FeedOut:
    """One feed with its polling state."""
    return await _read(runtime, feed_id)


@router.patch(
    "/{feed_id}",
    response_model=FeedOut,
    responses={
        200: {"description": "The changed feed.", "links": FEED_LINKS},
        404: {"description": "No such feed.", **PROBLEM},
        409: {"description": "Another feed has that URL.", **PROBLEM},
        422: {"description": "Invalid value, or URL refused by the guard.", **PROBLEM},
    },
)
async def change_feed(feed_id: FeedId, body: FeedPatch, runtime: RuntimeDep, _: AdminDep) -> FeedOut:
    """Change a feed's URL, title, interval or disabled flag."""
    changes = body.model_dump(exclude_unset=True)
    if "url" in changes:
        changes["url"] = str(changes["url"])
        await runtime.guard.check_url(changes["url"])
        changes |= {"etag": None, "last_modified": None}
    if changes.get("disabled") is False:
        changes |= {"error_count": 0, "next_poll_at": to_micros(runtime.clock())}
    await runtime.db.write(update_feed(feed_id, changes))
    return await _read(runtime, feed_id)


@router.delete("/{feed_id}", status_code=204, responses={404: {"description": "No such feed.", **PROBLEM}})
async def remove_feed(feed_id: FeedId, runtime: RuntimeDep, _: AdminDep) -> Response:
    """Stop polling a feed; the items it brought stay."""
    await runtime.db.write(delete_feed(feed_id, now=to_micros(runtime.clock())))
    return Response(status_code=204)


@router.post(
    "/{feed_id}/poll",
    response_model=PollOutcomeOut,
    responses={404: {"description": "No such feed.", **PROBLEM}},
)
async def poll_feed(feed_id: FeedId, runtime: RuntimeDep, _: AdminDep) -> PollOutcomeOut:
    """Poll a feed now, whatever its schedule, and report what changed."""
    outcome = await runtime.poller.poll_now(feed_id)
    return PollOutcomeOut.model_validate(outcome, from_attributes=True)
