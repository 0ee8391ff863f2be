"""Key management (admin): `/v1/keys` creates, lists and revokes keys; the webhook token is rotated here."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from app.access import keys
from app.access.scopes import Scope
from app.api.access import AdminDep
from app.api.deps import AccessDep
from app.api.responses import problem
from app.api.schemas import NO_NUL

__all__ = ["KeyCreate", "KeyCreated", "KeyOut", "router"]

router = APIRouter(tags=["keys"])


class KeyCreate(BaseModel):
    """A new key: its name and what it may do."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=64, pattern=NO_NUL, examples=["newsreader"])
    scope: Scope = Field("read", description="`read`: items, feeds out, the stream; `admin`: everything.")


_EXAMPLE: dict[str, Any] = {
    "id": 3,
    "name": "newsreader",
    "scope": "read",
    "prefix": "fhk_Q2x1cGVy",
    "created_at": "2026-12-04T21:00:00Z",
    "last_used_at": "2026-12-04T21:05:00Z",
    "revoked_at": None,
}


class KeyOut(BaseModel):
    """A key as listed: never its secret; `prefix` is its first characters, to tell keys apart."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    id: int
    name: str
    scope: Scope
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class KeyCreated(KeyOut):
    """A created key with its secret, shown this once: only a hash of it is stored."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{**_EXAMPLE, "last_used_at": None, "secret": "fhk_Q2x1cGVyX2V4YW1wbGVfa2V5X25vdF9yZWFs"}]
        }
    )

    secret: str


class WebhookTokenRotated(BaseModel):
    """The new webhook token, shown this once; the old one is refused from now on."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"webhook_token": "bm90X2FfcmVhbF90b2tlbl9leGFtcGxl"}]})

    webhook_token: str


def _out(record: keys.KeyRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.name,
        "scope": record.scope,
        "prefix": record.prefix,
        "created_at": record.created_at,
        "last_used_at": record.last_used_at,
        "revoked_at": record.revoked_at,
    }


@router.post(
    "/v1/keys",
    status_code=201,
    response_model=KeyCreated,
    responses={
        409: problem("A key of that name exists (problem+json)."),
        422: problem("Invalid name or scope (problem+json)."),
    },
)
async def create_key(body: KeyCreate, access: AccessDep, _: AdminDep) -> KeyCreated:
    """Create a key; the answer carries its secret, shown only once."""
    record, secret = await keys.create_key(access.db, name=body.name, scope=body.scope, now=access.clock())
    return KeyCreated(**_out(record), secret=secret)


@router.get("/v1/keys", response_model=list[KeyOut])
async def list_keys(access: AccessDep, _: AdminDep) -> list[KeyOut]:
    """Every key, revoked ones included, with its last use (secrets are never shown)."""
    return [KeyOut(**_out(record)) for record in await keys.list_keys(access.db)]


KeyRef = Annotated[str, Path(min_length=1, max_length=64, pattern=NO_NUL, description="The key's name or id.")]


@router.delete(
    "/v1/keys/{key}",
    response_model=KeyOut,
    responses={404: problem("No such key (problem+json).")},
)
async def revoke_key(key: KeyRef, access: AccessDep, _: AdminDep) -> KeyOut:
    """Revoke a key by name or id: refused from the next request on (it stays listed, as revoked)."""
    return KeyOut(**_out(await keys.revoke_key(access.db, key, now=access.clock())))


@router.post("/v1/webhook-token", response_model=WebhookTokenRotated, tags=["webhooks"])
async def rotate_webhook_token(access: AccessDep, _: AdminDep) -> WebhookTokenRotated:
    """Rotate the webhook token (IFTTT applets need the new one); it overrides FEEDHOOK_WEBHOOK_TOKEN."""
    return WebhookTokenRotated(webhook_token=await access.rotate_webhook_token())
