"""JSON Feed 1.0 and 1.1 (jsonfeed.org) read into RawItems: feedparser 6.0.14 has no JSON parser."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from app.errors import FeedParseError
from app.feeds.entryfields import author_name, media_kind
from app.normalize.model import ContentKind, RawItem

__all__ = ["Cut", "JsonFeed", "looks_like_json", "read_json_feed"]

Cut = Callable[[str | None], str | None]


@dataclass(frozen=True)
class JsonFeed:
    """The feed-level fields and items of a JSON Feed."""

    version: str
    title: str | None
    site_url: str | None
    entries: list[RawItem]


def looks_like_json(content: bytes) -> bool:
    """True when the first non-blank byte (after a UTF-8 BOM) opens a JSON object: no XML starts so."""
    return content.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{"


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _author(item: dict[str, Any], feed: dict[str, Any]) -> str | None:
    # 1.1 has "authors" (a list), 1.0 "author" (one object); an item without any inherits the feed's.
    for source in (item, feed):
        people = source.get("authors")
        if not isinstance(people, list):
            people = [source.get("author")]
        # A template that writes each author as a bare string (Hugo sites' "authors": ["Ann Lee"]) means the name.
        named = [p.get("name") if isinstance(p, dict) else p for p in people]
        names = [name for value in named if (name := author_name(_text(value)))]
        if names:
            return ", ".join(dict.fromkeys(names))
    return None


_OPENS_WITH_BLOCK = re.compile(
    r"\s*<(?:p|div|h[1-6]|ul|ol|figure|blockquote|pre|table|section|article)[\s>]", re.IGNORECASE
)


def _item(
    item: dict[str, Any], feed: dict[str, Any], *, title: str | None, site_url: str | None, url: str, cut: Cut
) -> RawItem:
    # content_text is plain text, its paragraphs split by blank lines; an empty content_html is no content.
    content, kind = _text(item.get("content_html")), "html"
    if not (content and content.strip()):
        content, kind = _text(item.get("content_text")) or _text(item.get("summary")) or content, "text"
        if content and _OPENS_WITH_BLOCK.match(content):
            kind = "html"  # a generator that writes its HTML into content_text (a site's own build script)
    guid = item.get("id")
    content_kind: ContentKind = "html" if kind == "html" else "text"
    return RawItem(
        title=cut(_text(item.get("title"))),
        content=content,
        content_kind=content_kind,
        link=cut(_text(item.get("url"))),
        author=cut(_author(item, feed)),
        image=cut(_text(item.get("image")) or _text(item.get("banner_image"))),
        published=cut(_text(item.get("date_published"))),
        updated=cut(_text(item.get("date_modified"))),
        feed_title=title,
        feed_url=url,
        # 1.0 allowed numbers as ids; 1.1 says strings.
        guid=cut(str(guid) if isinstance(guid, str | int) and not isinstance(guid, bool) else None),
        feed_site_url=site_url,
        feed_description=cut(_text(feed.get("description"))),
        media_kind=_media(item.get("attachments")),
    )


def _media(attachments: Any) -> Literal["audio", "video"] | None:
    """What the item's attachments are, by their MIME type: a podcast episode's audio, a video; None else."""
    return media_kind(str(a.get("mime_type") or "") for a in attachments or () if isinstance(a, dict))


def read_json_feed(content: bytes, *, url: str, cut: Cut) -> JsonFeed:
    """Read a JSON Feed; FeedParseError when the bytes are not JSON or not a JSON Feed."""
    try:
        doc = json.loads(content)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError too
        raise FeedParseError(f"not a feed: invalid JSON ({type(exc).__name__})") from None
    version = doc.get("version") if isinstance(doc, dict) else None
    items = doc.get("items") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not (isinstance(version, str) and "jsonfeed.org" in version):
        raise FeedParseError("not a feed: JSON without a JSON Feed version and items")
    assert isinstance(doc, dict)
    title, site_url = cut(_text(doc.get("title"))), cut(_text(doc.get("home_page_url")))
    entries = [
        _item(item, doc, title=title, site_url=site_url, url=url, cut=cut) for item in items if isinstance(item, dict)
    ]
    short = "json11" if version.rstrip("/").endswith("1.1") else "json10"
    return JsonFeed(version=short, title=title, site_url=site_url, entries=entries)
