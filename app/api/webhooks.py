"""Inbound webhook: `POST /v1/webhooks/ifttt` takes any body IFTTT can send and answers after the commit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import get_runtime
from app.api.query import openapi_parameters, read_query
from app.api.schemas import NormalizedPreview, WebhookAccepted
from app.errors import InputError, QuarantinedError, Unauthorized
from app.ingest.service import ingest_webhook, read_payload
from app.ingest.webhook import presented_token, read_limited, token_matches
from app.store.items import needs_resolution

__all__ = ["router"]

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
BODY_EXAMPLE = (
    '{"token": "<webhook token>", "title": "{{EntryTitle}}", "url": "{{EntryUrl}}", '
    '"content": "{{EntryContent}}", "author": "{{EntryAuthor}}", "image": "{{EntryImageUrl}}", '
    '"published": "{{EntryPublished}}", "feed_title": "{{FeedTitle}}", "feed_url": "{{FeedUrl}}"}'
)
REQUEST_BODY: dict[str, Any] = {
    "description": (
        "Any body IFTTT's 'Make a web request' can send: JSON (also broken JSON with raw quotes and "
        "newlines), form-encoded (also unencoded), or plain text (`key: value` lines, or a rendered post). "
        "Keys are case-insensitive and IFTTT ingredient names are understood."
    ),
    "required": True,
    # Every schema is `{}` (any value) on purpose: the webhook reads whatever arrives (a bare JSON string
    # is a headline, broken JSON is scanned), so no body is invalid; 422 says when nothing was usable.
    "content": {
        "application/json": {"schema": {}, "example": BODY_EXAMPLE},
        "application/x-www-form-urlencoded": {"schema": {}},
        "text/plain": {"schema": {}},
    },
}


HOW_TO_AUTHENTICATE = "send the webhook token as a Bearer header, X-Feedhook-Token, ?token= or a 'token' field"


class WebhookQuery(BaseModel):
    """The webhook's query parameters."""

    model_config = ConfigDict(extra="ignore")

    dry_run: bool = Field(False, description="Normalize and return the item without storing it.")
    token: str | None = Field(None, description="The webhook token, if not sent in a header or the body.")


@router.post(
    "/ifttt",
    status_code=201,
    response_model=WebhookAccepted | NormalizedPreview,
    openapi_extra={"requestBody": REQUEST_BODY, "parameters": openapi_parameters(WebhookQuery)},
    responses={
        200: {
            "description": "Already stored (duplicate) or stored with changed content (updated); or a dry run.",
            "model": WebhookAccepted | NormalizedPreview,
        },
        201: {
            "description": "A new story was stored.",
            "model": WebhookAccepted,
            "links": {
                "ReadItem": {
                    "operationRef": "#/paths/~1v1~1items~1{item_id}/get",
                    "parameters": {"item_id": "$response.body#/id"},
                    "description": "Read the stored story.",
                }
            },
        },
        401: {"description": "Missing or wrong token (problem+json).", **PROBLEM},
        413: {"description": "Body over the size limit (problem+json).", **PROBLEM},
        422: {"description": "Nothing usable; the payload is kept in quarantine (problem+json).", **PROBLEM},
        503: {"description": "The database cannot take writes now; retry after `Retry-After`.", **PROBLEM},
    },
)
async def receive_ifttt(request: Request) -> Response:
    """Receive one item from an IFTTT applet (or any sender) and store it once per story."""
    query = read_query(WebhookQuery, request)
    runtime = await get_runtime(request)
    dry_run, token = query.dry_run, query.token
    expected = await runtime.access.webhook_token() if runtime.access is not None else runtime.webhook_token
    # A token in the head is checked before a byte of the body is read: an unauthenticated client
    # costs no body buffer (300 stalled ones pinned ~295 MiB). Only a body token needs the body first.
    presented = presented_token(request.headers, {"token": token} if token else {}, None)
    if presented is not None and not token_matches(presented, expected):
        raise Unauthorized(HOW_TO_AUTHENTICATE)
    body = await read_limited(
        request.stream(), declared_length=request.headers.get("content-length"), limit=runtime.max_body_bytes
    )
    content_type = request.headers.get("content-type")
    payload = read_payload(body, content_type)
    if presented is None:
        body_token = None if isinstance(payload, InputError) else payload.fields.get("token")
        if not token_matches(presented_token({}, {}, body_token), expected):
            raise Unauthorized(HOW_TO_AUTHENTICATE)
    try:
        outcome = await ingest_webhook(
            db=runtime.db,
            body=body,
            content_type=content_type,
            payload=payload,
            now=runtime.clock(),
            settings=runtime.normalize_settings,
            secret=expected,
            dry_run=dry_run,
        )
    except QuarantinedError:
        if not dry_run:
            runtime.metrics.items.labels("webhook", "quarantined").inc()
        raise
    if outcome.status == "dry_run":
        return _json(NormalizedPreview(item=outcome.item), 200)
    assert outcome.id is not None
    runtime.metrics.items.labels("webhook", outcome.status).inc()
    if runtime.resolver is not None and needs_resolution(outcome.item):
        runtime.resolver.wake()  # resolution happens in the background; this answer does not wait for it
    if outcome.deliveries_queued:
        runtime.wake_deliveries()  # the item's webhook deliveries were queued with it: send them now
    return _json(WebhookAccepted(id=outcome.id, status=outcome.status), 201 if outcome.status == "created" else 200)


def _json(model: WebhookAccepted | NormalizedPreview, status_code: int) -> Response:
    # The model serializes itself: handing FastAPI a Response skips its second validation pass
    # against the response_model (the hot path's largest framework cost after routing).
    return Response(model.model_dump_json(), status_code=status_code, media_type="application/json")
