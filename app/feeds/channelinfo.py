"""The channel's own description ("Local news from WCPO 9 Cincinnati"), read from the document's head."""

from __future__ import annotations

import html
import re

__all__ = ["channel_description"]

_HEAD_END = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]")
_DESCRIPTION = re.compile(
    rb"<(?P<tag>(?:[\w-]+:)?(?:description|subtitle|tagline))\b[^>]*>(?P<text>.*?)</(?P=tag)\s*>", re.DOTALL
)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_TAG = re.compile(r"<[^<>]{0,500}>")
_MAX_HEAD = 64 * 1024
_MAX_CHARS = 300


def channel_description(data: bytes) -> str | None:
    """The feed's description or subtitle as plain text (at most 300 characters), None when it has none.

    feedparser keeps it as the feed's ``subtitle``, which the fast path does not model; a site whose feed
    title is only a section ("Local News") often names itself there. Only the head before the first item
    is searched: a regular expression over at most 64 KB, cheaper than any parse.
    """
    head_end = _HEAD_END.search(data, 0, _MAX_HEAD)
    head = data[: head_end.start() if head_end else _MAX_HEAD]
    found = _DESCRIPTION.search(head)
    if found is None:
        return None
    text = _CDATA.sub(r"\1", found["text"].decode("utf-8", "replace"))
    text = html.unescape(_TAG.sub(" ", html.unescape(text)))
    text = " ".join(text.split())
    return text[:_MAX_CHARS] or None
