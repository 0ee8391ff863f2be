"""Inbound webhook: `POST /v1/webhooks/ifttt` takes any body IFTTT can send and answers after the commit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import IntakeDep, WakeDep
from app.api.query import openapi_parameters, read_query
from app.api.responses import problem
from app.api.schemas import NormalizedPreview, WebhookAccepted

__all__ = ["router"]

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

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
        401: problem("Missing or wrong token (problem+json)."),
        413: problem("Body over the size limit (problem+json)."),
        422: problem("Nothing usable; the payload is kept in quarantine (problem+json)."),
        503: problem("The database cannot take writes now; retry after `Retry-After`."),
    },
)
async def receive_ifttt(request: Request, intake: IntakeDep, wake: WakeDep) -> Response:
    """Receive one item from an IFTTT applet (or any sender) and store it once per story."""
    query = read_query(WebhookQuery, request)
    outcome = await intake.receive(
        headers=request.headers, query_token=query.token, chunks=request.stream(), dry_run=query.dry_run
    )
    if outcome.status == "dry_run":
        return _json(NormalizedPreview(item=outcome.item), 200)
    assert outcome.id is not None
    wake(outcome)
    return _json(WebhookAccepted(id=outcome.id, status=outcome.status), 201 if outcome.status == "created" else 200)


def _json(model: WebhookAccepted | NormalizedPreview, status_code: int) -> Response:
    # The model serializes itself: handing FastAPI a Response skips its second validation pass
    # against the response_model (the hot path's largest framework cost after routing).
    return Response(model.model_dump_json(), status_code=status_code, media_type="application/json")
