"""Console inbox: quarantined webhook payloads with what the reader made of them; replay and delete."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from app.api.deps import MAX_ID
from app.errors import InputError
from app.ingest.inbox import InboxRow
from app.ingest.redact import without_secret
from app.ingest.service import raw_item_from, read_payload, replay_quarantined
from app.normalize import normalize
from app.normalize.model import NormalizedItem, NormalizeSettings
from app.ui.doctor import CLEAN_CONTENT_TYPE, clean_template, repairs
from app.ui.web import ConsoleDep, form_of, redirect, render, webhook_token

__all__ = ["Arrival", "Kept", "Reading", "read_body", "redacted", "router"]

router = APIRouter(prefix="/ui/inbox", include_in_schema=False)
SHOWN = 50
REDACTED = "[webhook token]"


@dataclass(frozen=True, slots=True)
class Reading:
    """What the lenient reader made of a body: how it read it, its fields, and the item or the error."""

    form: str | None
    fields: dict[str, str]
    item: NormalizedItem | None
    error: str | None


def redacted(body: bytes, secret: str) -> str:
    """The body as text with the webhook token out of it: the console may be on a shared screen."""
    text = body.decode("utf-8", "replace")
    return text.replace(secret, REDACTED) if secret else text


def read_body(
    body: bytes, content_type: str | None, *, secret: str, settings: NormalizeSettings, now: datetime
) -> Reading:
    """Read and normalize a body the way the webhook does, storing nothing (pure: the console's dry run)."""
    payload = read_payload(body, content_type)
    if isinstance(payload, InputError):
        return Reading(None, {}, None, f"{payload.title}: {payload.detail}")
    fields = {name: value for name, value in payload.without_secret(secret).fields.items() if name != "token"}
    try:
        item = without_secret(normalize(raw_item_from(payload, secret=secret), now=now, settings=settings), secret)
    except InputError as error:
        return Reading(payload.form, fields, None, f"{error.title}: {error.detail}")
    return Reading(payload.form, fields, item, None)


@dataclass(frozen=True, slots=True)
class Kept:
    """A kept payload as the inbox shows it."""

    row: InboxRow
    body: str
    reading: Reading


@dataclass(frozen=True, slots=True)
class Arrival:
    """A logged webhook request as the inbox shows it, with the applet doctor's template when it was repaired."""

    row: InboxRow
    body: str
    reading: Reading
    clean_template: str | None
    repairs: list[str]


@router.get("")
async def inbox_page(request: Request, console: ConsoleDep) -> Response:
    """The last webhook requests and the quarantine, each body (token redacted) beside what it became."""
    services = console.services
    requests = await services.inbox.recent_requests(limit=SHOWN)
    quarantined = await services.inbox.recent_payloads(limit=SHOWN)
    now = services.clock()
    secret, settings = await webhook_token(services), services.normalize_settings

    def reading(row: InboxRow) -> Reading:
        return read_body(row.body, row.content_type, secret=secret, settings=settings, now=now)

    def read_all() -> tuple[list[Arrival], list[Kept]]:
        arrivals = []
        for row in requests:
            read = reading(row)
            fixes = repairs(read.form, row.content_type)
            arrivals.append(Arrival(row, redacted(row.body, secret), read, clean_template(read.form), fixes))
        return arrivals, [Kept(row, redacted(row.body, secret), reading(row)) for row in quarantined]

    # A hundred normalizations would hold the event loop for tens of milliseconds: a worker thread runs them.
    arrivals, kept = await asyncio.to_thread(read_all)
    return render(
        request,
        "inbox.html",
        console.session,
        arrivals=arrivals,
        kept=kept,
        clean_content_type=CLEAN_CONTENT_TYPE,
    )


QuarantineId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.post("/{quarantine_id}/replay")
async def replay(request: Request, quarantine_id: QuarantineId, console: ConsoleDep) -> Response:
    """Run one kept payload through the current reader and normalizer; stored, it leaves the quarantine."""
    await form_of(request, console.session)
    services = console.services
    results = await replay_quarantined(
        db=services.db,
        now=services.clock(),
        settings=services.normalize_settings,
        secret=await webhook_token(services),
        include_replayed=True,
        ids=[quarantine_id],
    )
    if not results:
        return redirect("/ui/inbox", f"No kept payload {quarantine_id}.")
    result = results[0]
    if result.item_id is None:
        note = f"Payload {quarantine_id} is still unusable: {result.status}: {result.detail}"
    else:
        services.wake(deliveries=True)
        note = f"Payload {quarantine_id} replayed: {result.status} as item {result.item_id}"
    return redirect("/ui/inbox", note)


@router.post("/{quarantine_id}/delete")
async def delete(request: Request, quarantine_id: QuarantineId, console: ConsoleDep) -> Response:
    """Forget a kept payload."""
    await form_of(request, console.session)
    await console.services.inbox.forget(quarantine_id)
    return redirect("/ui/inbox", f"Payload {quarantine_id} deleted.")
