"""Media RSS descriptions (photo captions) of a document, which feedparser files as entry content or summary."""

from __future__ import annotations

from lxml import etree

from app.feeds.fastfeed.common import _fix_text
from app.feeds.sideread import ends_of

__all__ = ["MEDIA_DESCRIPTIONS", "caption_key", "media_captions"]

# feedparser's two spellings of the Media RSS namespace (namespaces/mediarss.py).
MEDIA_DESCRIPTIONS = frozenset(
    {"{http://search.yahoo.com/mrss/}description", "{http://search.yahoo.com/mrss}description"}
)


def caption_key(value: str) -> str:
    """How a caption is recognized among an entry's texts: whitespace runs are one space."""
    return " ".join(value.split())


def element_caption(element: etree._Element) -> str:
    """The caption key of one ``media:description`` element, its text as feedparser's pop() leaves it."""
    # pop()'s order: strip (Python's whitespace, U+0085 included), then the text repairs.
    return caption_key(_fix_text("".join(t for t in element.itertext() if isinstance(t, str)).strip()))


def media_captions(data: bytes) -> frozenset[str]:
    """The caption keys of every ``media:description`` in a document feedparser itself parses.

    Only for documents the fast path declined: it collects them during its own walk. A broken document
    is read as far as libxml2's recovery goes; what it cannot reach is simply not known as a caption.
    """
    if b"search.yahoo.com/mrss" not in data or b"description" not in data:
        return frozenset()
    found: set[str] = set()
    for element in ends_of(data, tuple(MEDIA_DESCRIPTIONS)):
        if key := element_caption(element):
            found.add(key)
    return frozenset(found)
