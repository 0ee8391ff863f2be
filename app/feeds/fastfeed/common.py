"""What both tiers share: the result, the signal to try a slower tier, and pop()'s text repairs."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from feedparser.html import _cp1252
from feedparser.urls import _urljoin

Tier = Literal["emulated", "replayed"]


@dataclass(frozen=True, slots=True)
class FastParse:
    """feedparser's ``feed``, ``entries`` and ``version`` for a document its strict parser accepts cleanly."""

    feed: Mapping[str, Any]
    entries: list[Mapping[str, Any]]
    version: str
    tier: Tier
    captions: frozenset[str] = frozenset()
    """The document's Media RSS descriptions, as ``captions.caption_key`` writes them (see entryfields.story)."""


class _NotHere(Exception):
    """This document needs a slower tier (never seen by callers)."""


_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_AMPERSAND_NAME = re.compile("&([A-Za-z0-9_]+);")
_CP1252_MAPPED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_cp1252)) + "]")


def _resolve(uri: str) -> str:
    """feedparser's resolve_uri without a base URI: only ``scheme:///x`` changes (to ``scheme://x``)."""
    return _urljoin("", uri) if ":///" in uri else uri


def _fix_ampersands(output: str, *, entry: bool) -> str:
    """pop()'s repair of links whose ``&`` was taken for an entity reference (``&amp;`` first in entries)."""
    if "&" not in output:
        return output
    return _AMPERSAND_NAME.sub(r"&\g<1>", output.replace("&amp;", "&") if entry else output)


def _fix_text(output: str) -> str:
    """pop()'s last steps for a UTF-8 document: undo Latin-1 double encoding, map C1 controls as CP1252."""
    if output.isascii():
        return output
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        output = output.encode("iso-8859-1").decode("utf-8")
    return output.translate(_cp1252) if _CP1252_MAPPED.search(output) else output
