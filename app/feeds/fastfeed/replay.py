"""Tier 2: lxml's events replayed as SAX events into feedparser's own ``StrictFeedParser``."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.xmlreader import AttributesNSImpl

from feedparser.api import StrictFeedParser
from lxml import etree

from app.feeds.fastfeed.captions import MEDIA_DESCRIPTIONS, element_caption
from app.feeds.fastfeed.common import _XML_NAMESPACE, FastParse, _NotHere


def _sax_name(tag: str) -> tuple[str | None, str]:
    if tag[:1] == "{":
        uri, _, local = tag[1:].partition("}")
        return uri, local
    return None, tag


def _sax_attributes(element: Any) -> AttributesNSImpl:
    """The attributes as expat reports them with namespace processing and prefixes on (qname "prefix:local")."""
    values: dict[tuple[str | None, str], str] = {}
    qnames: dict[tuple[str | None, str], str] = {}
    for key, value in element.attrib.items():
        if key[:1] != "{":
            values[(None, key)] = value
            qnames[(None, key)] = key
            continue
        uri, _, local = key[1:].partition("}")
        if uri == _XML_NAMESPACE:
            prefix = "xml"
        else:
            prefixes = [name for name, bound in element.nsmap.items() if bound == uri and name]
            if len(prefixes) != 1:  # which prefix the document wrote is not recoverable from the tree
                raise _NotHere("ambiguous attribute prefix")
            prefix = prefixes[0]
        values[(uri, local)] = value
        qnames[(uri, local)] = f"{prefix}:{local}"
    return AttributesNSImpl(values, qnames)


_NO_ATTRIBUTES = AttributesNSImpl({}, {})


def _replay(data: bytes, baseuri: str, baselang: str | None) -> FastParse:
    handler = StrictFeedParser(baseuri, baselang, "utf-8")
    handler.resolve_relative_uris = False
    handler.sanitize_html = False
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start-ns", "start", "end"),
        encoding="utf-8",
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
        collect_ids=False,
    )
    characters = handler.characters
    captions: set[str] = set()
    try:
        for event, item in events:
            if event == "start":
                # The text before this element is complete once its start tag has been read.
                previous = item.getprevious()
                if previous is not None:
                    text = previous.tail
                else:
                    parent = item.getparent()
                    text = parent.text if parent is not None else None
                if text:
                    characters(text)
                handler.startElementNS(
                    _sax_name(item.tag), None, _sax_attributes(item) if item.attrib else _NO_ATTRIBUTES
                )
            elif event == "end":
                if item.tag in MEDIA_DESCRIPTIONS and (key := element_caption(item)):
                    captions.add(key)
                text = item[-1].tail if len(item) else item.text
                if text:
                    characters(text)
                handler.endElementNS(_sax_name(item.tag), None)
                item.clear(keep_tail=True)  # the tail is still to come, as the next event's text
            else:  # start-ns: expat's startPrefixMapping, just before the element that declares it
                prefix, uri = item
                handler.startPrefixMapping(prefix or None, uri)
    except etree.XMLSyntaxError as exc:
        raise _NotHere(f"not well-formed: {exc}") from None
    if len(events.error_log):
        raise _NotHere("parser warnings")
    if handler.bozo:
        raise _NotHere("the handler flagged the document")
    return FastParse(handler.feeddata, handler.entries, handler.version, "replayed", frozenset(captions))
