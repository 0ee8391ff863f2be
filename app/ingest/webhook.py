"""Webhook edge helpers without a framework: bounded body reading and token checks."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Mapping

from app.errors import PayloadTooLarge

__all__ = ["presented_token", "read_limited", "token_matches"]


async def read_limited(chunks: AsyncIterator[bytes], *, declared_length: str | None, limit: int) -> bytes:
    """Collect a body of at most `limit` bytes; refuse a larger one before (or as soon as) it shows.

    The declared Content-Length is checked first, so an honest large request is refused without
    reading it; a chunked or lying one is cut as soon as it passes the limit, never buffered whole.
    """
    if declared_length is not None and declared_length.strip().isdigit() and int(declared_length) > limit:
        raise PayloadTooLarge(f"the body is larger than the limit of {limit} bytes")
    received = bytearray()
    async for chunk in chunks:
        received += chunk
        if len(received) > limit:
            raise PayloadTooLarge(f"the body is larger than the limit of {limit} bytes")
    return bytes(received)


def presented_token(headers: Mapping[str, str], query: Mapping[str, str], body_token: str | None) -> str | None:
    """The token the sender presented, from the first place that has one.

    IFTTT users can set a header (Additional Headers: `Authorization: Bearer …` or our own
    `X-Feedhook-Token`), put it in the URL, or paste it into the body template.
    """
    authorization = headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    for candidate in (headers.get("x-feedhook-token"), query.get("token"), body_token):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def token_matches(presented: str | None, expected: str) -> bool:
    """Constant-time comparison, so response timing leaks nothing about the token."""
    if presented is None:
        return False
    return hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))
