"""Console feeds page: the health table, poll now / enable / disable / remove, add, and OPML in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from app.api.deps import MAX_ID
from app.errors import FeedhookError, NotFound
from app.feeds.discover import discover_feed
from app.feeds.health import not_modified_share
from app.feeds.opml import OpmlFeed, read_opml, write_opml
from app.ui.web import Console, ConsoleDep, form_of, redirect, render, secure

__all__ = ["router"]

router = APIRouter(prefix="/ui/feeds", include_in_schema=False)
FeedId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _back(note: str) -> Response:
    return redirect("/ui/feeds", note)


@router.get("")
async def feeds_page(request: Request, console: ConsoleDep) -> Response:
    """Every feed with its health: status, last success, failing since, last error, next poll, items, 304s."""
    rows = await console.services.feeds.all()
    shares = {row.id: not_modified_share(polls=row.poll_count, not_modified=row.not_modified_count) for row in rows}
    return render(request, "feeds.html", console.session, feeds=rows, shares=shares)


async def _register(console: Console, url: str, title: str | None) -> str:
    """Register one feed once the outbound-URL guard allows it; what became of it, in words."""
    try:
        feed_id = await console.services.feeds.register(url, title=title)
    except FeedhookError as error:
        return f"{url}: {error.title}: {error.detail}"
    return f"{url}: added as feed {feed_id}"


@router.post("")
async def add(request: Request, console: ConsoleDep) -> Response:
    """Register a feed by its URL or its site's (autodiscovery finds the feed the page announces)."""
    fields = await form_of(request, console.session)
    url = fields.get("url", "").strip()
    if not url:
        return _back("Give the feed's or the site's URL.")
    poller = console.services.poller
    try:
        await console.services.guard.check_url(url)
        url = await discover_feed(
            poller.client, url, max_bytes=poller.settings.max_bytes, deadline_seconds=poller.settings.deadline_seconds
        )
    except FeedhookError as error:
        return _back(f"{url}: {error.title}: {error.detail}")
    note = await _register(console, url, fields.get("title", "").strip() or None)
    console.services.poller.wake()
    return _back(note)


@router.post("/opml")
async def import_opml(request: Request, console: ConsoleDep) -> Response:
    """Register every feed of a pasted OPML document; refused or existing ones are reported, not fatal."""
    fields = await form_of(request, console.session)
    try:
        entries = read_opml(fields.get("opml", "").encode("utf-8"))
    except FeedhookError as error:
        return _back(f"{error.title}: {error.detail}")
    notes = [await _register(console, entry.url, entry.title) for entry in entries]
    console.services.poller.wake()
    return _back("; ".join(notes) or "The OPML document lists no feeds.")


@router.get("/export.opml")
async def export_opml(console: ConsoleDep) -> Response:
    """The registered feeds as an OPML 2.0 download."""
    rows = await console.services.feeds.all()
    feeds = [OpmlFeed(url=row.url, title=row.title, site_url=row.site_url) for row in rows]
    document = write_opml(feeds, now=console.services.clock())
    headers = {"Content-Disposition": 'attachment; filename="feedhook.opml"'}
    return secure(Response(document, media_type="text/x-opml; charset=utf-8", headers=headers))


@router.post("/{feed_id}/poll")
async def poll(request: Request, feed_id: FeedId, console: ConsoleDep) -> Response:
    """Poll the feed now, whatever its schedule, and say what changed."""
    await form_of(request, console.session)
    try:
        outcome = await console.services.poller.poll_now(feed_id)
    except NotFound as error:  # removed in another tab, or by another operator
        return _back(error.detail)
    if outcome.error:
        return _back(f"Feed {feed_id}: {outcome.status}: {outcome.error}")
    return _back(
        f"Feed {feed_id}: {outcome.status}, {outcome.new} new, {outcome.updated} updated, {outcome.unchanged} unchanged"
    )


@router.post("/{feed_id}/{action}")
async def change(request: Request, feed_id: FeedId, action: str, console: ConsoleDep) -> Response:
    """enable (and poll soon, its error streak forgiven), disable, or remove a feed."""
    await form_of(request, console.session)
    try:
        return await _apply(console, feed_id, action)
    except NotFound as error:  # removed in another tab, or by another operator
        return _back(error.detail)


async def _apply(console: Console, feed_id: int, action: str) -> Response:
    feeds = console.services.feeds
    if action == "enable":  # its error streak is forgiven and the poller is woken: it is due now
        await feeds.enable(feed_id)
    elif action == "disable":
        await feeds.disable(feed_id)
    elif action == "remove":
        await feeds.remove(feed_id)
    else:
        return _back(f"Unknown action {action!r}.")
    return _back(f"Feed {feed_id}: {action}d.")
