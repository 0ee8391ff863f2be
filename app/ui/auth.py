"""Console login: does a presented key open the console (an admin key)?"""

from __future__ import annotations

import hmac

__all__ = ["is_admin_key"]


def is_admin_key(presented: str, *, configured: str) -> bool:
    """True when `presented` is the configured admin key; compared in constant time, so timing leaks nothing.

    The console's only question to the key store: when keys with scopes live in the database, this asks
    that store whether `presented` is an unrevoked admin key (the configured key stays the bootstrap one).
    """
    if not presented or not configured:
        return False
    return hmac.compare_digest(presented.encode("utf-8"), configured.encode("utf-8"))
