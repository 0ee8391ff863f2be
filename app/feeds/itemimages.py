"""An item's own ``<image>URL</image>`` (CBS News, ESPN, Remote OK), or ``<image><url>URL</url>…</image>`` as a
channel writes it (News Corp's papers): an element feedparser drops, read beside it."""

from __future__ import annotations

import re

from app.feeds.sideread import ends_of

__all__ = ["item_images"]

_ITEMS = ("item", "{http://purl.org/rss/1.0/}item")
_MARKERS = (b"<image>http", b"<image><![CDATA[http")


def item_images(data: bytes) -> list[str | None] | None:
    """Each RSS item's ``<image>`` URL (or None), in document order; None when no item has one.

    The channel's ``<image>`` holds elements (``<url>``, ``<title>``), never a URL as its text, and there is
    one of it, so a document without the markers nor a second ``<image>`` (almost every one) costs three byte
    searches. A broken document is read as far as libxml2's recovery goes; what it cannot reach is not known.
    """
    if not any(marker in data for marker in _MARKERS) and data.count(b"<image>", 0) < 2:
        return None
    head = data[: data.find(b"<item")]
    logo = _address(found[1].decode("utf-8", "replace")) if (found := _CHANNEL_LOGO.search(head)) else None
    images: list[str | None] = []
    for item in ends_of(data, _ITEMS):
        image = None
        for child in item:
            if isinstance(child.tag, str) and child.tag.rpartition("}")[2] == "image":
                image = _address(child.text if len(child) == 0 else child.findtext("url"))
                break
        images.append(image if image != logo else None)  # an item repeating the channel's logo has no picture
    return images if any(images) else None


_CHANNEL_LOGO = re.compile(rb"<image>.{0,400}?<url>\s*([^<\s]{1,2000})\s*</url>", re.DOTALL)


def _address(text: str | None) -> str | None:
    text = (text or "").strip()
    return text if text.startswith(("http://", "https://")) and len(text) <= 2000 else None
