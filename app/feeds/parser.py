"""Feed bytes to RawItems: feedparser for RSS and Atom, our reader for JSON Feed; pure and sync (run it in a thread)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import feedparser
from feedparser.encodings import convert_to_utf8

from app.errors import FeedParseError
from app.feeds.characters import repair_characters, storable, storable_item
from app.feeds.fastfeed import parse_fast
from app.feeds.jsonfeed import Cut, looks_like_json, read_json_feed
from app.feeds.xmlsafety import cap_fields, check_attributes, check_depth, strip_doctype
from app.normalize.model import ContentKind, RawItem

__all__ = ["DEFAULT_MAX_FIELD_CHARS", "ParsedFeed", "Prepared", "parse_feed", "prepare"]

DEFAULT_MAX_FIELD_CHARS = 20_000
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Only the type: a Content-Location would make feedparser rewrite relative GUIDs into URLs, changing
# the identity of entries; relative links stay relative and RawItem.feed_url lets the normalizer resolve them.
_PASSED_HEADERS = ("content-type",)


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed document says about itself and its entries."""

    title: str | None
    site_url: str | None
    ttl_seconds: int | None
    """RSS ``<ttl>`` (minutes, RSS 2.0 spec) in seconds: the publisher's hint for how long to wait."""
    entries: list[RawItem] = field(default_factory=list)
    version: str = ""
    """feedparser's name for the format (``rss20``, ``atom10``, …), or ``json10`` / ``json11``."""
    bozo: bool = False
    bozo_message: str | None = None


def _cutter(limit: int) -> Cut:
    def cut(value: str | None) -> str | None:
        if value is None:
            return None
        return storable(value[:limit] if len(value) > limit else value)

    return cut


def _utf8_headers(original: dict[str, str]) -> dict[str, str]:
    # The body is UTF-8 by now, so the charset must say so. With no Content-Type feedparser would flag
    # every document bozo, so an XML type stands in for a missing one.
    media_type = original.get("content-type", "").split(";", 1)[0].strip() or "application/xml"
    return {"content-type": f"{media_type}; charset=utf-8"}


def _to_utf8(content: bytes, headers: dict[str, str]) -> tuple[bytes, Any]:
    """The document in UTF-8, decoded the way feedparser would (RFC 3023, BOM, XML declaration)."""
    state: dict[str, Any] = {}
    # A UTF-16 or EBCDIC document hides "<!DOCTYPE" from a byte search: convert first, then clean.
    return convert_to_utf8(headers, content, state), state.get("bozo_exception")


def _text(value: Any) -> str | None:
    """A string field, or None: an element feedparser has no handler for, given attributes, is a dict."""
    return value if isinstance(value, str) else None


def _image(entry: Any) -> str | None:
    for thumb in entry.get("media_thumbnail") or ():
        if thumb.get("url"):
            return str(thumb["url"])
    for media in entry.get("media_content") or ():
        if media.get("url") and (media.get("medium") == "image" or str(media.get("type", "")).startswith("image/")):
            return str(media["url"])
    for enclosure in entry.get("enclosures") or ():
        if enclosure.get("href") and str(enclosure.get("type", "")).startswith("image/"):
            return str(enclosure["href"])
    image = entry.get("image")
    return str(image["href"]) if isinstance(image, Mapping) and image.get("href") else None


def _author(entry: Any) -> str | None:
    # Several authors: their names joined. One: feedparser's own string, since its name split is a regex
    # that mangles addresses with long top-level domains ("desk@biz.example (Desk)" → "ple (Desk").
    names = [str(a["name"]) for a in entry.get("authors") or () if isinstance(a, Mapping) and a.get("name")]
    if len(dict.fromkeys(names)) > 1:
        return ", ".join(dict.fromkeys(names))
    author = entry.get("author") or (names[0] if names else None)
    return str(author) if author else None


def _content(entry: Any) -> tuple[str | None, ContentKind]:
    detail = (entry.get("content") or [None])[0] or entry.get("summary_detail")
    if not detail or detail.get("value") is None:
        return entry.get("summary"), "auto"
    media_type = detail.get("type") or ""
    kind: ContentKind = "html" if media_type in _HTML_TYPES else "text" if media_type == "text/plain" else "auto"
    return str(detail["value"]), kind


def _entry(entry: Any, *, feed_title: str | None, feed_author: str | None, url: str, cut: Cut) -> RawItem:
    content, kind = _content(entry)
    return RawItem(
        title=cut(_text(entry.get("title"))),
        content=content,
        content_kind=kind,
        link=cut(_text(entry.get("link"))),
        author=cut(_author(entry) or feed_author),
        image=cut(_image(entry)),
        published=entry.get("published_parsed") or cut(_text(entry.get("published"))),
        # dict.get: feedparser's own get answers "updated" with "published" (and a DeprecationWarning).
        updated=dict.get(entry, "updated_parsed") or cut(_text(dict.get(entry, "updated"))),
        feed_title=feed_title,
        feed_url=url,
        guid=cut(_text(entry.get("id"))),
        orig_link=cut(_text(entry.get("feedburner_origlink"))),
    )


def _ttl_seconds(value: Any) -> int | None:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9:  # "²" is a digit to str.isdigit
        return None
    return int(text) * 60 or None


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document as both parsers see it: UTF-8, no DOCTYPE, fields capped, with the headers to pass."""

    data: bytes
    headers: dict[str, str]
    encoding_problem: Any


def prepare(content: bytes, headers: Mapping[str, str] | None, max_field_chars: int) -> Prepared:
    # feedparser reads lower-case keys.
    original = {k.lower(): v for k, v in (headers or {}).items() if k.lower() in _PASSED_HEADERS}
    data, encoding_problem = _to_utf8(content, original)
    # No DOCTYPE means no entity declarations: billion laughs, big literal entities and external entities
    # all become undefined references. Then cut fields before feedparser's quadratic author regex sees them.
    data = cap_fields(strip_doctype(repair_characters(data)), short_bytes=4 * max_field_chars)
    check_attributes(data)  # before any parser: they all read attributes in quadratic time
    return Prepared(data, _utf8_headers(original), encoding_problem)


def _feedparser(prepared: Prepared) -> Mapping[str, Any]:
    check_depth(prepared.data)  # libxml2 refuses deeper documents itself; expat and the loose parser do not
    try:
        # A file-like object, never a string: feedparser opens strings as paths or URLs.
        parsed: Mapping[str, Any] = feedparser.parse(
            io.BytesIO(prepared.data),
            response_headers=prepared.headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:  # a crash inside feedparser is still only a bad document
        raise FeedParseError(f"not a feed: the parser failed ({type(exc).__name__})") from None
    return parsed


def parse_feed(
    content: bytes,
    *,
    headers: Mapping[str, str] | None = None,
    url: str,
    max_field_chars: int = DEFAULT_MAX_FIELD_CHARS,
    fast: bool = True,
) -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed; FeedParseError only when it is no feed at all.

    ``fast`` (the default) first tries app.feeds.fastfeed, which gives feedparser's result for documents its
    strict parser accepts cleanly, at a fraction of the cost; everything else, and ``fast=False``, goes to
    feedparser itself. Both give the same ParsedFeed (tests/feeds/test_fastfeed.py).
    """
    cut = _cutter(max_field_chars)
    if not content.strip():
        raise FeedParseError("not a feed: the document is empty")
    if looks_like_json(content):
        doc = read_json_feed(content, url=url, cut=cut)
        return ParsedFeed(doc.title, doc.site_url, None, [storable_item(e) for e in doc.entries], version=doc.version)
    prepared = prepare(content, headers, max_field_chars)
    quick = parse_fast(prepared.data, prepared.headers) if fast and prepared.encoding_problem is None else None
    if quick is not None:
        feed, entries, version = quick.feed, quick.entries, quick.version
        bozo, problem = False, None
        if not entries and not version and not feed.get("title"):
            raise FeedParseError("not a feed: no feed elements found")
    else:
        parsed = _feedparser(prepared)
        feed, entries, version = parsed.get("feed") or {}, parsed.get("entries") or [], parsed.get("version") or ""
        if not entries and not version and not feed.get("title"):
            raise FeedParseError(f"not a feed: {parsed.get('bozo_exception') or 'no feed elements found'}")
        bozo = bool(parsed.get("bozo")) or prepared.encoding_problem is not None
        problem = parsed.get("bozo_exception") or prepared.encoding_problem
    title = cut(_text(feed.get("title")))
    # Atom entries without an author take the feed's (RFC 4287 §4.2.1); RSS has no such rule.
    feed_author = _author(feed) if version.startswith("atom") else None
    return ParsedFeed(
        title=title,
        site_url=cut(_text(feed.get("link"))),
        ttl_seconds=_ttl_seconds(feed.get("ttl")),
        entries=[
            storable_item(_entry(e, feed_title=title, feed_author=feed_author, url=url, cut=cut)) for e in entries
        ],
        version=version,
        bozo=bozo,
        bozo_message=None if problem is None else str(problem)[:500],
    )
