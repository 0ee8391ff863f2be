"""Console keys: list, create (the secret shown once), revoke; rotate the webhook token (shown once)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from app.access import keys
from app.access.scopes import SCOPES
from app.api.deps import MAX_ID
from app.api.problems import status_for
from app.errors import FeedhookError
from app.ui.web import Console, ConsoleDep, form_of, redirect, render

__all__ = ["router"]

router = APIRouter(prefix="/ui/keys", include_in_schema=False)
KeyId = Annotated[int, Path(ge=1, le=MAX_ID)]


async def _page(request: Request, console: Console, status_code: int = 200, **context: Any) -> Response:
    listed = await keys.list_keys(console.services.db)
    return render(request, "keys.html", console.session, status_code=status_code, keys=listed, scopes=SCOPES, **context)


@router.get("")
async def keys_page(request: Request, console: ConsoleDep) -> Response:
    """Every stored key, revoked ones included, with its scope, prefix and last use; never a secret."""
    return await _page(request, console)


@router.post("")
async def create(request: Request, console: ConsoleDep) -> Response:
    """Create a key and answer with a page that shows its secret this once.

    The page is the POST's own answer, not a redirect: the secret goes in no URL, note cookie or log.
    """
    fields = await form_of(request, console.session)
    name, scope = fields.get("name", "").strip(), fields.get("scope", "")
    try:
        record, secret = await keys.create_key(
            console.services.db, name=name, scope=scope, now=console.services.clock()
        )
    except FeedhookError as error:
        # The form again with the reason and what was typed (409 name taken, 422 bad name or scope).
        return await _page(request, console, status_for(error), error=error.detail, name=name, scope=scope)
    return await _page(request, console, created=record, secret=secret)


@router.post("/{key_id}/revoke")
async def revoke(request: Request, key_id: KeyId, console: ConsoleDep) -> Response:
    """Revoke a key: refused from the next request on, console sessions it opened included."""
    await form_of(request, console.session)
    try:
        # Names are never all digits (app.access.scopes), so the id cannot be taken for another key's name.
        record = await keys.revoke_key(console.services.db, str(key_id), now=console.services.clock())
    except FeedhookError as error:
        return redirect("/ui/keys", f"Key {key_id}: {error.detail}")
    note = f"Key {record.name!r} revoked."
    if console.session.key_id == record.id:
        note += " This console session was opened with it: log in with another admin key."
    return redirect("/ui/keys", note)


@router.post("/webhook-token")
async def rotate_webhook_token(request: Request, console: ConsoleDep) -> Response:
    """A new webhook token, shown once; the old one is refused at once (other processes within seconds)."""
    await form_of(request, console.session)
    access = console.services.access
    if access is None:  # no key store in this services: a token written anyway would not be the one in force
        return await _page(request, console, 503, error="The webhook token cannot be rotated: no key store.")
    return await _page(request, console, webhook_token=await access.rotate_webhook_token())
