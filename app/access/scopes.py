"""Scopes and principals: a pure decision of what a key may do (admin can do everything read can)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

__all__ = ["SCOPES", "Principal", "Scope", "allows", "key_name_problem"]

Scope = Literal["read", "admin"]
SCOPES: tuple[Scope, ...] = get_args(Scope)

# Each scope with what it grants: a scope grants itself and every scope below it.
_RANK: dict[str, int] = {"read": 1, "admin": 2}

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who presented a key: its name and scope; ``key_id`` is None for the configured bootstrap key."""

    name: str
    scope: Scope
    key_id: int | None = None


def allows(granted: str, needed: Scope) -> bool:
    """Whether a key of scope ``granted`` may do what needs ``needed``; an unknown scope grants nothing."""
    return _RANK.get(granted, 0) >= _RANK[needed]


def key_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a key, or None. Names show in listings, logs and URLs (`keys revoke NAME`):
    letters, digits, dot, dash and underscore, 1 to 64 of them, not all digits (an id is looked up so)."""
    if not _NAME.fullmatch(name):
        return "a key name is 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit"
    if name.isdecimal():
        return "a key name cannot be all digits: `keys revoke` would take it for an id"
    return None
