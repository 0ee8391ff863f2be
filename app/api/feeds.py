"""Feeds API (admin key): register, list, read, change, remove, and poll a feed now."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from app.api.access import AdminDep
from app.api.deps import MAX_ID, FeedsDep, PollerDep
from app.api.responses import problem
from app.api.schemas import FeedCreate, FeedOut, FeedPatch, PollOutcomeOut, feed_out
from app.feeds.registry import KEEP, FeedChanges

__all__ = ["router"]

ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {401: problem("Missing or wrong admin API key (problem+json).")}


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


@router.post(
    "",
    status_code=201,
    response_model=FeedOut,
    responses={
        201: {"description": "The registered feed.", "links": FEED_LINKS},
        409: problem("A feed with that URL exists (problem+json)."),
        422: problem("Invalid URL, or refused by the outbound-URL guard (problem+json)."),
    },
)
async def create_feed(body: FeedCreate, feeds: FeedsDep, _: AdminDep) -> FeedOut:
    """Register a feed; it is polled at once and then on its schedule."""
    feed_id = await feeds.register(str(body.url), title=body.title, interval_seconds=body.interval_seconds)
    return feed_out(await feeds.get(feed_id))


@router.get("", response_model=list[FeedOut])
async def read_feeds(feeds: FeedsDep, _: AdminDep) -> list[FeedOut]:
    """All registered feeds with their polling state."""
    return [feed_out(row) for row in await feeds.all()]


@router.get(
    "/{feed_id}",
    response_model=FeedOut,
    responses={
        200: {"description": "The feed.", "links": FEED_LINKS},
        404: problem("No such feed."),
    },
)
async def read_feed(feed_id: FeedId, feeds: FeedsDep, _: AdminDep) -> FeedOut:
    """One feed with its polling state."""
    return feed_out(await feeds.get(feed_id))


@router.patch(
    "/{feed_id}",
    response_model=FeedOut,
    responses={
        200: {"description": "The changed feed.", "links": FEED_LINKS},
        404: problem("No such feed."),
        409: problem("Another feed has that URL."),
        422: problem("Invalid value, or URL refused by the guard."),
    },
)
async def change_feed(feed_id: FeedId, body: FeedPatch, feeds: FeedsDep, _: AdminDep) -> FeedOut:
    """Change a feed's URL, title, interval or disabled flag."""
    changes = FeedChanges(
        url=str(body.url) if body.url is not None else None,
        title=body.title if "title" in body.model_fields_set else KEEP,
        interval_seconds=body.interval_seconds,
        disabled=body.disabled,
    )
    return feed_out(await feeds.change(feed_id, changes))


@router.delete("/{feed_id}", status_code=204, responses={404: problem("No such feed.")})
async def remove_feed(feed_id: FeedId, feeds: FeedsDep, _: AdminDep) -> Response:
    """Stop polling a feed; the items it brought stay."""
    await feeds.remove(feed_id)
    return Response(status_code=204)


@router.post(
    "/{feed_id}/poll",
    response_model=PollOutcomeOut,
    responses={404: problem("No such feed.")},
)
async def poll_feed(feed_id: FeedId, poller: PollerDep, _: AdminDep) -> PollOutcomeOut:
    """Poll a feed now, whatever its schedule, and report what changed."""
    outcome = await poller.poll_now(feed_id)
    return PollOutcomeOut.model_validate(outcome, from_attributes=True)
