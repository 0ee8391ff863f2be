"""Tier 1's input: the hardened lxml tree parser, and feedparser's name for each tag of a document."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from feedparser.api import StrictFeedParser
from lxml import etree

from app.feeds.fastfeed.common import _NotHere

# What _FeedParserMixin.__init__ fills _matchnamespaces with (built here, not copied: that fill is lazy).
_MATCH: dict[str, str] = {uri.lower(): prefix for uri, prefix in StrictFeedParser.namespaces.items()}
_KNOWN_PREFIXES = frozenset(_MATCH.values())
_VERSION_NAMESPACES = frozenset({"http://my.netscape.com/rdf/simple/0.9/", "http://purl.org/rss/1.0/"})
_FOREIGN_MARKUP = frozenset({"http://www.w3.org/1998/Math/MathML", "http://www.w3.org/2000/svg"})

_local = threading.local()
_FEW_ATTRIBUTES = 8


def _attribute_items(node: Any) -> list[tuple[str, str]]:
    """``node.attrib.items()`` in linear time.

    lxml reads each attribute's value by looking its name up again in the element's list, so ``items()``
    is quadratic in the number of attributes (20,000 on one element: 1.3 s); an XPath ``@*`` result carries
    each value and its name in one pass. Its call costs more, so only elements with many attributes take it.
    """
    attrib = node.attrib
    if len(attrib) <= _FEW_ATTRIBUTES:
        return list(attrib.items())
    return [(value.attrname, str(value)) for value in node.xpath("@*")]


def _tree_parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:  # lxml parsers are not shared between threads
        parser = etree.XMLParser(
            encoding="utf-8",  # convert_to_utf8 made it UTF-8 and rewrote the declaration to say so
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            remove_comments=True,  # expat reports none to feedparser either; text around a comment joins up
            remove_pis=True,
            strip_cdata=True,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def _namer(root: Any, data: bytes) -> Callable[[str], tuple[str, bool]]:
    """feedparser's name for each lxml tag (``media_thumbnail``), and whether it carries a namespace prefix.

    Only documents whose every namespace is declared on the root element, once, are named here: then
    feedparser's progressive namespace tracking (``namespaces_in_use``, ``namespacemap``) has one answer.
    """
    declared = root.nsmap
    if data.count(b"xmlns") != len(declared):
        raise _NotHere("namespace declarations below the root")
    prefixes: dict[str | None, str] = {}
    known_as: dict[str, str] = {}  # document prefix -> feedparser's, for known namespaces
    seen: set[str] = set()
    for prefix, uri in declared.items():
        lower = uri.lower()
        if lower in _VERSION_NAMESPACES or uri in _FOREIGN_MARKUP or uri == "http://www.w3.org/1999/xlink":
            raise _NotHere("RSS 1.0, RSS 0.90, MathML, SVG or XLink namespace")
        if "backend.userland.com/rss" in lower:
            prefixes[uri] = ""
        elif lower in _MATCH:
            prefixes[uri] = _MATCH[lower]
            if prefix:
                known_as[prefix] = _MATCH[lower]
        else:
            if uri in seen:
                raise _NotHere("one namespace under two prefixes")
            prefixes[uri] = (prefix or "").lower()
        seen.add(uri)
    for prefix, canonical in known_as.items():
        if prefix != canonical and prefix.lower() in _KNOWN_PREFIXES | set(prefixes.values()):
            raise _NotHere("a prefix that feedparser would remap")
    names: dict[str, tuple[str, bool]] = {}

    def name(tag: str) -> tuple[str, bool]:
        found = names.get(tag)
        if found is None:
            if not isinstance(tag, str):
                raise _NotHere("not an element")
            if tag[:1] == "{":
                uri, _, local = tag[1:].partition("}")
                prefix = prefixes.get(uri)
                if prefix is None:
                    raise _NotHere("undeclared namespace")
            else:
                prefix, local = "", tag
            local = local.lower()
            found = (f"{prefix}_{local}" if prefix else local, bool(prefix))
            names[tag] = found
        return found

    return name
