"""Atom 1.0 (RFC 4287) from stored items, paged as RFC 5005 §3 says: a pure renderer, bytes out."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from app import __version__
from app.outputs import (
    FeedEntry,
    FeedMeta,
    clean,
    content_html,
    entry_id,
    entry_link,
    entry_published,
    entry_summary,
    rfc3339,
    via_link,
)

__all__ = ["ATOM_NS", "MEDIA_TYPE", "render_atom"]

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"


def _child(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    # Every string goes through clean(): lxml raises on code points XML cannot carry.
    element = etree.SubElement(parent, f"{{{ATOM_NS}}}{name}", {k: clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = clean(text)
    return element


def _link(parent: etree._Element, rel: str, href: str, media_type: str | None = None) -> None:
    attributes = {"rel": rel, "href": href}
    if media_type:
        attributes["type"] = media_type
    _child(parent, "link", **attributes)


_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def _image_type(url: str) -> str:
    """The image's media type by its path's extension; `image/*` when the URL does not say (a CDN's query)."""
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return next((kind for ext, kind in _IMAGE_TYPES.items() if path.endswith(ext)), "image/*")


def _entry(feed: etree._Element, entry: FeedEntry) -> None:
    element = _child(feed, "entry")
    _child(element, "id", entry_id(entry))
    # required (RFC 4287 §4.1.2): an untitled post's is empty
    _child(element, "title", entry.headline or "", type="text")
    _child(element, "updated", rfc3339(entry.updated_at))
    _child(element, "published", rfc3339(entry_published(entry)))
    if link := entry_link(entry):
        _link(element, "alternate", link, "text/html")
    if via := via_link(entry):
        _link(element, "via", via)  # RFC 4287 §4.2.7.2: the source of the information, as it reached us
    if (image := entry.image_url) and image.startswith(("https://", "http://")):
        # §4.2.7.2: "enclosure" is a related resource, the way readers (feedparser among them) find an
        # entry's image; JSON Feed carries the same URL as `image`.
        _link(element, "enclosure", image, _image_type(image))
    if author := clean(entry.author or "").strip():
        _child(_child(element, "author"), "name", author)
    if publisher := clean(entry.source or "").strip():
        # §4.2.11: metadata of the feed the entry came from. Its author applies to an entry without one,
        # so a story with no byline is credited to its publisher rather than to this feed.
        source = _child(element, "source")
        _child(source, "title", publisher, type="text")
        _child(_child(source, "author"), "name", publisher)
    if summary := entry_summary(entry):
        _child(element, "summary", summary, type="text")
    # type="html": the markup travels escaped, one level deep (§3.1.1.2); always present, so no entry needs
    # an alternate link to be valid (§4.1.2) and an item with no URL still is one.
    _child(element, "content", content_html(entry), type="html")


def render_atom(entries: Iterable[FeedEntry], meta: FeedMeta) -> bytes:
    """The entries, in the order given, as one Atom feed document (UTF-8, with an XML declaration)."""
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})  # type: ignore[dict-item]
    _child(feed, "id", meta.feed_url)  # the first page's URL: the same id on every page of one listing
    _child(feed, "title", meta.title, type="text")
    if meta.description:
        _child(feed, "subtitle", meta.description, type="text")
    _child(feed, "updated", rfc3339(meta.updated))
    _link(feed, "self", meta.self_url, MEDIA_TYPE)
    _link(feed, "first", meta.feed_url, MEDIA_TYPE)  # RFC 5005 §3 paging: first and next
    if meta.next_url:
        _link(feed, "next", meta.next_url, MEDIA_TYPE)
    if meta.home_page_url:
        _link(feed, "alternate", meta.home_page_url, "text/html")
    # §4.1.1: a feed needs an author unless every entry has one; the last resort of entries with neither a
    # byline nor a publisher is this service.
    _child(_child(feed, "author"), "name", "feedhook")
    _child(feed, "generator", "feedhook", version=__version__)
    for entry in entries:
        _entry(feed, entry)
    return etree.tostring(feed, encoding="utf-8", xml_declaration=True)
