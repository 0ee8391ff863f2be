"""OPML 2.0 subscription lists: read feed URLs safely, write the registered feeds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from lxml import etree

from app.errors import OpmlError

__all__ = ["OpmlFeed", "read_opml", "write_opml"]


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str | None = None
    site_url: str | None = None


def _parser() -> etree.XMLParser:
    # No DTDs, no entity expansion, no network, no huge trees: an OPML file is untrusted input.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def read_opml(data: bytes) -> list[OpmlFeed]:
    """Every `outline` with an `xmlUrl`, at any depth (folders are flattened), in document order."""
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not a readable OPML document: {exc}") from None
    if root.tag != "opml":
        raise OpmlError("not an OPML document: the root element is not <opml>")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        feeds.append(OpmlFeed(url=url, title=title, site_url=(outline.get("htmlUrl") or "").strip() or None))
    return feeds


def write_opml(feeds: Iterable[OpmlFeed], *, now: datetime, title: str = "feedhook subscriptions") -> bytes:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(now)
    body = etree.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attributes["title"] = feed.title
        if feed.site_url:
            attributes["htmlUrl"] = feed.site_url
        etree.SubElement(body, "outline", attributes)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
