"""The console's session: a cookie signed with HMAC-SHA256 that carries a login flag, a CSRF token and an expiry.

Signed with `hmac` from the standard library rather than Starlette's `SessionMiddleware`: that middleware
needs `itsdangerous`, one more dependency, and would set its cookie on every route of the API, while
the console needs one cookie on `/ui/` only. The signing key is derived from the admin API key, so
rotating that key logs every console session out, and replicas sharing the key share sessions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import orjson

__all__ = ["COOKIE", "SESSION_SECONDS", "Session", "new_session", "read_session", "seal", "signing_key"]

COOKIE = "feedhook_console"
SESSION_SECONDS = 12 * 3600
"""A working day: an operator logs in again the next morning."""


@dataclass(frozen=True, slots=True)
class Session:
    """One browser's session: `csrf` is checked on every POST; `admin` once the key was accepted.

    `key_id` is the stored key that logged in (None: the configured bootstrap key), so that revoking it ends
    the session at the next request.
    """

    csrf: str
    admin: bool
    expires: int
    key_id: int | None = None


def signing_key(api_key: str) -> bytes:
    """A key of its own for the cookie, so a signature never doubles as anything the API key signs."""
    return hmac.new(api_key.encode("utf-8"), b"feedhook console session v1", hashlib.sha256).digest()


def new_session(*, admin: bool, now: int, key_id: int | None = None) -> Session:
    return Session(csrf=secrets.token_urlsafe(24), admin=admin, expires=now + SESSION_SECONDS, key_id=key_id)


def seal(session: Session, key: bytes) -> str:
    """The cookie value: base64url(JSON) '.' base64url(HMAC-SHA256 of the first part)."""
    body = base64.urlsafe_b64encode(
        orjson.dumps({"csrf": session.csrf, "admin": session.admin, "exp": session.expires, "key": session.key_id})
    ).rstrip(b"=")
    signature = base64.urlsafe_b64encode(hmac.new(key, body, hashlib.sha256).digest()).rstrip(b"=")
    return f"{body.decode()}.{signature.decode()}"


def read_session(value: str | None, key: bytes, *, now: int) -> Session | None:
    """The session a cookie carries, or None when it is missing, forged, malformed or expired."""
    if not value or value.count(".") != 1:
        return None
    body, signature = value.encode("ascii", "replace").split(b".")
    expected = base64.urlsafe_b64encode(hmac.new(key, body, hashlib.sha256).digest()).rstrip(b"=")
    if not hmac.compare_digest(signature, expected):
        return None
    try:
        data = orjson.loads(base64.urlsafe_b64decode(body + b"=" * (-len(body) % 4)))
        key_id = data.get("key")
        session = Session(
            csrf=str(data["csrf"]),
            admin=data["admin"] is True,
            expires=int(data["exp"]),
            key_id=key_id if isinstance(key_id, int) else None,
        )
    except (ValueError, KeyError, TypeError):
        return None
    return session if session.expires > now else None
