"""Request guards: a read key, an admin key or the metrics key, as Bearer header or (feeds, stream) ?key=.

The security schemes are FastAPI's own classes, so the OpenAPI document declares them and /docs offers an
Authorize button; every refusal is an error of app.errors, so it leaves as problem+json (401 or 403).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer

from app.access.scopes import Principal
from app.api.deps import AccessDep
from app.errors import Unauthorized

__all__ = [
    "AdminDep",
    "FeedReadDep",
    "MetricsKeyDep",
    "ReadDep",
    "require_admin",
    "require_read",
]

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiKey",
    description="A key from `feedhook keys create` (scope read or admin), or FEEDHOOK_API_KEY (admin).",
)
query_key = APIKeyQuery(
    name="key",
    auto_error=False,
    scheme_name="keyInQuery",
    description="The same key as `?key=`, for feed readers and EventSource clients that cannot send headers.",
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
QueryKeyDep = Annotated[str | None, Depends(query_key)]


def _bearer(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    return credentials.credentials.strip() if credentials is not None else None


async def require_read(access: AccessDep, credentials: BearerDep) -> None:
    """Reads take a read (or admin) key as `Authorization: Bearer`, unless FEEDHOOK_PUBLIC_READS is on."""
    if not access.public_reads:
        await access.require(_bearer(credentials), "read")


async def require_feed_read(access: AccessDep, credentials: BearerDep, key: QueryKeyDep) -> None:
    """The feed outputs and the stream also take the key as `?key=` (the access log redacts it)."""
    if not access.public_reads:
        await access.require(_bearer(credentials) or key, "read")


async def require_admin(access: AccessDep, credentials: BearerDep) -> Principal:
    """Admin routes take an admin key as `Authorization: Bearer <key>`."""
    return await access.require(_bearer(credentials), "admin")


async def require_metrics(access: AccessDep, request: Request) -> None:
    """/metrics is open unless FEEDHOOK_METRICS_KEY is set; then that key (or an admin key) is needed.

    The header is read by hand, not through a security scheme: the OpenAPI document would then say that
    /metrics always needs a key, which is true only where the operator set one.
    """
    if access.metrics_key is None:
        return
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    presented = credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None
    if presented is not None and access.matches_metrics_key(presented):
        return
    if presented is None:
        raise Unauthorized("send FEEDHOOK_METRICS_KEY as 'Authorization: Bearer <key>'")
    await access.require(presented, "admin")


ReadDep = Annotated[None, Depends(require_read)]
FeedReadDep = Annotated[None, Depends(require_feed_read)]
AdminDep = Annotated[Principal, Depends(require_admin)]
"""An admin route's guard; the parameter holds who called (the console shows it)."""
MetricsKeyDep = Annotated[None, Depends(require_metrics)]
