"""A fast path for well-formed feeds: what ``feedparser.parse`` returns, computed without most of its cost.

feedparser's strict mode is a SAX content handler fed by expat through ``xml.sax``: every element passes
through several layers of Python, character data arrives split at every entity reference (an escaped HTML
description is dozens of calls), and every text value is deep-copied into dictionaries we never read. Here
libxml2 (lxml) parses, and two tiers reproduce feedparser's result:

1. **Emulation** (RSS 0.9x/2.0 and Atom 1.0 with the elements real feeds use: title, link, guid/id,
   description/summary/content/content:encoded, dates, authors incl. ``dc:creator`` and Atom persons,
   enclosures, Media RSS thumbnails/content/groups, categories, channel images, and any element feedparser
   has no handler for, such as ``feedburner:origLink`` or ``ttl``): a walk over the lxml tree that applies
   feedparser's own rules (ported from ``feedparser/mixin.py`` and ``namespaces/_base.py``, down to
   which of two titles wins and how an author string is split), keeping only the keys ``parser.py`` reads.
2. **Replay**: anything tier 1 does not model (iTunes, GeoRSS, ``source``, inline XHTML, RSS 1.0, …) is
   replayed as SAX events from the lxml tree into feedparser's own ``StrictFeedParser``, so every rule is
   feedparser's code; only expat and ``xml.sax`` are skipped.

Anything else returns None and the caller runs ``feedparser.parse``: a document that is not well-formed
(feedparser would flag it bozo and use its loose parser), an encoding it had to guess or override, a
parser warning, ``xml:base``, a crash. So this package is only ever an optimization; tests/feeds/
test_fastfeed.py compares every tier with feedparser on feedparser's own corpus and on generated documents.
Both tiers follow one feedparser release, the one ``pyproject.toml`` pins (6.0.14): a new release is taken
only once that test passes against it.

The input goes through the steps ``feedparser.parse`` takes before its parser (``convert_to_utf8``,
``replace_doctype``), and the parser is hardened: no entity resolution (DOCTYPEs are stripped before this
runs, so only the five predefined entities and character references exist), no network, no DTD, no
huge-tree mode (libxml2's depth and text-size limits stay on).

The tiers live in their own modules: common (the result and pop()'s text repairs), vocabulary (feedparser's
element names and types), state and emulate (tier 1), tree (the parser and feedparser's names for tags),
replay (tier 2), captions (the Media RSS descriptions both tiers note on their way, which feedparser's
result cannot tell from a story; ``media_captions`` reads them when feedparser parses instead).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping

from feedparser.encodings import convert_to_utf8
from feedparser.sanitizer import replace_doctype
from feedparser.urls import make_safe_absolute_uri
from feedparser.util import FeedParserDict

from app.feeds.fastfeed.captions import caption_key, media_captions
from app.feeds.fastfeed.common import FastParse, _NotHere
from app.feeds.fastfeed.common import _fix_ampersands as _fix_ampersands
from app.feeds.fastfeed.common import _fix_text as _fix_text
from app.feeds.fastfeed.common import _resolve as _resolve
from app.feeds.fastfeed.emulate import _emulate
from app.feeds.fastfeed.replay import _replay

__all__ = ["FastParse", "caption_key", "media_captions", "parse_fast"]

_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def parse_fast(data: bytes, response_headers: Mapping[str, str]) -> FastParse | None:
    """feedparser's result for ``data`` when its strict parser would accept it cleanly; else None.

    Means ``feedparser.parse(io.BytesIO(data), response_headers=…, sanitize_html=False,
    resolve_relative_uris=False)``: the only settings feedhook uses.
    """
    if not data:
        return None
    result = FeedParserDict(bozo=False)
    headers = dict(response_headers)
    data = convert_to_utf8(headers, data, result)
    if not result.get("encoding") or result.get("bozo"):
        return None
    doctype_version, data, entities = replace_doctype(data)
    first_element = _FIRST_ELEMENT.search(data)
    if doctype_version or entities or _DOCTYPE.search(data, 0, first_element.start() if first_element else len(data)):
        return None  # a DOCTYPE survived (its entities are expat's to expand): never here, but never guessed
    if b"xml:base" in data:  # relative URIs would resolve against it: feedparser's own job
        return None
    with contextlib.suppress(Exception):  # _NotHere, or a case the emulation did not foresee: tier 2 decides
        return _emulate(data)
    contentloc = headers.get("content-location", "")
    baseuri = make_safe_absolute_uri("", contentloc) or make_safe_absolute_uri(contentloc) or ""
    try:
        return _replay(data, baseuri, headers.get("content-language"))
    except _NotHere:
        return None
    except Exception:  # a crash inside feedparser's handlers: feedparser itself meets it again
        return None
