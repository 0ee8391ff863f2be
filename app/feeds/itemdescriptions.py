"""Each RSS item's own ``<description>``, read beside feedparser where a podcast's plain summary replaced it."""

from __future__ import annotations

from app.feeds.sideread import ends_of

__all__ = ["item_descriptions"]

_ITEMS = ("item", "{http://purl.org/rss/1.0/}item")
_MARKER = b"itunes:summary"


def item_descriptions(data: bytes) -> list[str | None] | None:
    """Each RSS item's ``<description>`` text (or None), in document order; None for a document without
    ``itunes:summary``, the element whose handling loses it.

    feedparser files an item's ``<itunes:summary>`` over its HTML ``<description>`` when the channel's own
    summary left it believing the item has content already: the newest episode of a podcast whose channel
    has both (Acast) reaches it as one paragraph of plain text, its markup and links gone.
    """
    if _MARKER not in data:
        return None
    found: list[str | None] = []
    for item in ends_of(data, _ITEMS):
        text = None
        for child in item:
            if isinstance(child.tag, str) and child.tag.rpartition("}")[2] == "description":
                text = child.text
                break
        found.append(text)
    return found
