"""Feed bytes to RawItems: feedparser for RSS and Atom, our reader for JSON Feed; pure and sync (run it in a thread)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import feedparser
from feedparser.encodings import convert_to_utf8

from app.errors import FeedParseError
from app.feeds.channelinfo import channel_description
from app.feeds.characters import repair_characters, storable, storable_item
from app.feeds.entryfields import entry_author, entry_date, entry_image, entry_media, entry_source, story, text
from app.feeds.fastfeed import media_captions, parse_fast
from app.feeds.itemdescriptions import item_descriptions
from app.feeds.itemimages import item_images
from app.feeds.jsonfeed import Cut, looks_like_json, read_json_feed
from app.feeds.xmlsafety import cap_fields, check_attributes, check_depth, strip_doctype
from app.normalize.model import RawItem

__all__ = ["DEFAULT_MAX_FIELD_CHARS", "ParsedFeed", "Prepared", "parse_feed", "prepare"]

DEFAULT_MAX_FIELD_CHARS = 20_000
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


def _entry(
    entry: Any,
    feed: Mapping[str, Any],
    *,
    captions: frozenset[str],
    atom: bool,
    url: str,
    cut: Cut,
    own_image: str | None = None,
    description: str | None = None,
) -> RawItem:
    told = story(entry, captions=captions, atom=atom, url=url, description=description)
    source_name, source_url = entry_source(entry)
    return RawItem(
        title=cut(text(entry.get("title"))),
        content=told.value,
        content_kind=told.kind,
        link=cut(text(entry.get("link"))),
        author=cut(entry_author(entry) or feed["author"]),
        image=cut(entry_image(entry) or own_image or told.picture),
        published=entry_date(entry.get("published_parsed"), cut(text(entry.get("published")))),
        # dict.get: feedparser's own get answers "updated" with "published" (and a DeprecationWarning).
        updated=entry_date(dict.get(entry, "updated_parsed"), cut(text(dict.get(entry, "updated")))),
        feed_title=feed["title"],
        feed_url=url,
        guid=cut(text(entry.get("id"))),
        orig_link=cut(text(entry.get("feedburner_origlink"))),
        source_name=cut(source_name),
        source_url=cut(source_url),
        feed_site_url=feed["site_url"],
        feed_image_title=feed["image_title"],
        feed_description=feed["description"],
        content_base=cut(told.base),
        media_kind=entry_media(entry),
    )


def _own_images(data: bytes, count: int, atom: bool) -> list[str | None]:
    """Each entry's own ``<image>`` URL, where the items carry one feedparser drops (app/feeds/itemimages.py)."""
    images = None if atom or not count else item_images(data)
    return images if images is not None and len(images) == count else [None] * count


def _own_descriptions(data: bytes, entries: list[Any], atom: bool) -> list[str | None]:
    """Each entry's own ``<description>``, where feedparser may have filed a plain summary over it
    (app/feeds/itemdescriptions.py): read only when an entry has a plain summary and no content."""
    count = len(entries)
    plain = not atom and any(
        not e.get("content") and str((e.get("summary_detail") or {}).get("type")) == "text/plain" for e in entries
    )
    found = item_descriptions(data) if plain else None
    return found if found is not None and len(found) == count else [None] * count


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
    feedparser itself. Both give the same ParsedFeed (tests/feeds/test_fastfeed.py). What each entry
    becomes, feedparser's pitfalls included, is decided once for all paths in app/feeds/entryfields.py.
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
        bozo, problem, captions = False, None, quick.captions
        if not entries and not version and not feed.get("title"):
            raise FeedParseError("not a feed: no feed elements found")
    else:
        parsed = _feedparser(prepared)
        feed, entries, version = parsed.get("feed") or {}, parsed.get("entries") or [], parsed.get("version") or ""
        if not entries and not version and not feed.get("title"):
            raise FeedParseError(f"not a feed: {parsed.get('bozo_exception') or 'no feed elements found'}")
        bozo = bool(parsed.get("bozo")) or prepared.encoding_problem is not None
        problem = parsed.get("bozo_exception") or prepared.encoding_problem
        captions = media_captions(prepared.data) if entries else frozenset()
    title, site_url, atom = cut(text(feed.get("title"))), cut(text(feed.get("link"))), version.startswith("atom")
    # Atom entries without an author take the feed's (RFC 4287 §4.2.1); RSS has no such rule.
    image = feed.get("image")
    shared = {
        "title": title,
        "site_url": site_url,
        "author": entry_author(feed) if atom else None,
        "image_title": cut(text(image.get("title"))) if isinstance(image, Mapping) else None,
        "description": channel_description(prepared.data) if entries else None,
    }
    return ParsedFeed(
        title=title,
        site_url=site_url,
        ttl_seconds=_ttl_seconds(feed.get("ttl")),
        entries=[
            storable_item(
                _entry(e, shared, captions=captions, atom=atom, url=url, cut=cut, own_image=image, description=told)
            )
            for e, image, told in zip(
                entries,
                _own_images(prepared.data, len(entries), atom),
                _own_descriptions(prepared.data, entries, atom),
                strict=True,
            )
        ],
        version=version,
        bozo=bozo,
        bozo_message=None if problem is None else str(problem)[:500],
    )
