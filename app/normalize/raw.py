"""Raw inputs kept for re-derivation: a RawItem as compressed, content-addressed bytes, and back.

Every stored item keeps the input it was derived from and the normalizer version that derived it, so a
rule or profile change can be replayed over what is stored (``feedhook renormalize``). The digest is the
SHA-256 of the uncompressed canonical JSON: the same input is kept once, whichever item or channel it
came by.
"""

from __future__ import annotations

import calendar
import hashlib
import time
import zlib
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from app.normalize.model import RawItem

__all__ = ["EncodedRaw", "decode_raw", "encode_raw", "normalizer_version"]

_LEVEL = 6  # zlib's default: feed HTML compresses ~3-4x; higher levels buy little more at several times the CPU


class EncodedRaw(NamedTuple):
    """A raw input as it is stored: its digest (hex SHA-256) and its zlib-compressed canonical JSON."""

    digest: str
    data: bytes


_INSTANTS = "_instants"
"""The key listing the fields that held an instant (a datetime or feedparser's struct_time), not text."""


def encode_raw(raw: RawItem) -> EncodedRaw:
    """The stored form of a raw item (fields left at their default are not written)."""
    fields: dict[str, Any] = {}
    instants: list[str] = []
    for name, info in RawItem.model_fields.items():
        value = getattr(raw, name)
        if value == info.default:
            continue
        if isinstance(value, time.struct_time):  # feedparser's dates are UTC struct_times
            value = datetime.fromtimestamp(calendar.timegm(value), UTC)
        if isinstance(value, datetime):
            instants.append(name)
            value = value.isoformat()
        fields[name] = value
    if instants:
        fields[_INSTANTS] = instants
    canonical = orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)
    return EncodedRaw(hashlib.sha256(canonical).hexdigest(), zlib.compress(canonical, _LEVEL))


def decode_raw(data: bytes) -> RawItem:
    """The raw item a stored form holds."""
    fields: dict[str, Any] = orjson.loads(zlib.decompress(data))
    for name in fields.pop(_INSTANTS, ()):
        fields[name] = datetime.fromisoformat(fields[name])
    return RawItem.model_validate(fields)


@cache
def normalizer_version() -> str:
    """A digest of the normalizer's code and data: it changes whenever a rule, table or step does.

    Read once, on first use (never at import), from the files of this package.
    """
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".toml", ".json") and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
