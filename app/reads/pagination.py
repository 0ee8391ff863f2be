"""Opaque keyset cursors: the position after the last item of a page, safe to hand to clients."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Literal

from app.errors import InvalidCursor

__all__ = ["Cursor", "decode_cursor", "encode_cursor", "peek_kind"]

CursorKind = Literal["time", "search", "changes", "numbered"]
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True, slots=True)
class Cursor:
    """`time`: the last (sort_at, id) of a newest-first page; `search`: the last id of a search page;
    `numbered`: the last change number a mirror has seen (and that item's id); `changes`: the last
    (updated_at, id), as cursors were before changes were numbered (still accepted)."""

    kind: CursorKind
    sort_at: int
    id: int


def encode_cursor(cursor: Cursor) -> str:
    raw = json.dumps([1, cursor.kind[0], cursor.sort_at, cursor.id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).rstrip(b"=").decode()


_KINDS: dict[str, CursorKind] = {"t": "time", "s": "search", "c": "changes", "n": "numbered"}


def _fields(token: str) -> list[object]:
    try:
        padded = token + "=" * (-len(token) % 4)
        fields = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeError) as exc:
        raise InvalidCursor("the cursor is not one this service issued") from exc
    if not isinstance(fields, list) or len(fields) != 4:
        raise InvalidCursor("the cursor is not one this service issued")
    return fields


def peek_kind(token: str) -> CursorKind:
    """Which listing a cursor belongs to (a changes cursor continues a sync without `updated_after`)."""
    kind = _fields(token)[1]
    if not isinstance(kind, str) or kind not in _KINDS:
        raise InvalidCursor("the cursor is not one this service issued")
    return _KINDS[kind]


def decode_cursor(token: str, *, expected: CursorKind) -> Cursor:
    """The position a cursor names; raises InvalidCursor for anything we did not issue for this listing."""
    version, kind, sort_at, item_id = _fields(token)
    if version != 1 or kind != expected[0]:
        raise InvalidCursor("the cursor belongs to another listing: start again without a cursor")
    if not (isinstance(sort_at, int) and isinstance(item_id, int)) or isinstance(sort_at, bool):
        raise InvalidCursor("the cursor is not one this service issued")
    if not (INT64_MIN <= sort_at <= INT64_MAX and INT64_MIN <= item_id <= INT64_MAX):  # what a column can hold
        raise InvalidCursor("the cursor is not one this service issued")
    return Cursor(kind=expected, sort_at=sort_at, id=item_id)
