"""Console setup: the IFTTT applet's fields to copy, and a dry run of what a body would become."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.ui.inbox import read_body
from app.ui.web import ConsoleDep, form_of, render, webhook_token

__all__ = ["APPLET_BODY", "router"]

router = APIRouter(prefix="/ui/setup", include_in_schema=False)
APPLET_BODY = (
    '{"title": "{{EntryTitle}}", "url": "{{EntryUrl}}", "content": "{{EntryContent}}", '
    '"author": "{{EntryAuthor}}", "image": "{{EntryImageUrl}}", "published": "{{EntryPublished}}", '
    '"feed_title": "{{FeedTitle}}", "feed_url": "{{FeedUrl}}"}'
)
"""What `feedhook ifttt` prints as the body (app/reports.py): IFTTT fills the ingredients."""
CONTENT_TYPES = ("application/json", "application/x-www-form-urlencoded", "text/plain")


def _applet(request: Request, token: str, public_url: str | None) -> dict[str, str]:
    # FEEDHOOK_PUBLIC_URL when set: the address the console was opened at may be a tunnel or localhost.
    base = (public_url or str(request.base_url)).rstrip("/")
    return {
        "URL": f"{base}/v1/webhooks/ifttt?token={token}",
        "Method": "POST",
        "Content Type": "application/json",
        "Body": APPLET_BODY,
    }


@router.get("")
async def setup_page(request: Request, console: ConsoleDep) -> Response:
    """The fields of IFTTT's 'Make a web request' action, each with a copy button."""
    applet = _applet(request, await webhook_token(console.services), console.services.site.public_url)
    return render(request, "setup.html", console.session, applet=applet, content_types=CONTENT_TYPES, reading=None)


@router.post("")
async def dry_run(request: Request, console: ConsoleDep) -> Response:
    """What a body would become through the webhook's reader and normalizer; nothing is stored."""
    fields = await form_of(request, console.session)
    body = fields.get("body", "").encode("utf-8")
    content_type = fields.get("content_type") if fields.get("content_type") in CONTENT_TYPES else None
    services = console.services
    reading = await asyncio.to_thread(
        read_body,
        body,
        content_type,
        secret=await webhook_token(services),
        settings=services.normalize_settings,
        now=services.clock(),
    )
    applet = _applet(request, await webhook_token(services), services.site.public_url)
    return render(
        request,
        "setup.html",
        console.session,
        applet=applet,
        content_types=CONTENT_TYPES,
        reading=reading,
        body=fields.get("body", ""),
        content_type=content_type,
    )
