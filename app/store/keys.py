"""Stored keys of bounded length: an identity too long for its column is kept as a prefix and a hash."""

from __future__ import annotations

import hashlib

__all__ = ["MAX_KEY_CHARS", "stored_key"]

MAX_KEY_CHARS = 512
"""The identity columns' width (VARCHAR(512)): PostgreSQL refuses longer values, SQLite would keep them."""

_PREFIX_CHARS = 400


def stored_key(identity: str) -> str:
    """The identity as stored: itself when it fits, else its start and the sha256 of the whole.

    The start keeps a key readable (``url:https://example.com/…``); the hash keeps two long keys that share
    it apart. One rule for every store, so SQLite and PostgreSQL find the same story by the same key.
    """
    if len(identity) <= MAX_KEY_CHARS:
        return identity
    digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{identity[:_PREFIX_CHARS]}#sha256:{digest}"
