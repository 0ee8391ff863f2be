"""A fast path for well-formed feeds: what ``feedparser.parse`` returns, computed without most of its cost.

feedparser's strict mode is a SAX content handler fed by expat through ``xml.sax``: every element passes
through several layers of Python, character data arrives split at every entity reference (an escaped HTML
description is dozens of calls), and every text value is deep-copied into dictionaries we never read. Here
libxml2 (lxml) parses, and two tiers reproduce feedparser's result:

1. **Emulation** (RSS 0.9x/2.0 and Atom 1.0 with the elements real feeds use: title, link, guid/id,
   description/summary/content/content:encoded, dates, authors incl. ``dc:creator`` and Atom persons,
   enclosures, Media RSS thumbnails/content/groups, categories, channel images, and any element feedparser
   has no handler for, such as ``feedburner:origLink`` or ``ttl``): a walk over the lxml tree that applies
   feedparser's own rules (ported from ``feedparser/mixin.py`` and ``namespaces/_base.py``, down to
   which of two titles wins and how an author string is split), keeping only the keys ``parser.py`` reads.
2. **Replay**: anything tier 1 does not model (iTunes, GeoRSS, ``source``, inline XHTML, RSS 1.0, …) is
   replayed as SAX events from the lxml tree into feedparser's own ``StrictFeedParser``, so every rule is
   feedparser's code; only expat and ``xml.sax`` are skipped.

Anything else returns None and the caller runs ``feedparser.parse``: a document that is not well-formed
(feedparser would flag it bozo and use its loose parser), an encoding it had to guess or override, a
parser warning, ``xml:base``, a crash. So this module is only ever an optimization; tests/feeds/
test_fastfeed.py compares every tier with feedparser on feedparser's own corpus and on generated documents.

The input goes through the steps ``feedparser.parse`` takes before its parser (``convert_to_utf8``,
``replace_doctype``), and the parser is hardened: no entity resolution (DOCTYPEs are stripped before this
runs, so only the five predefined entities and character references exist), no network, no DTD, no
huge-tree mode (libxml2's depth and text-size limits stay on).
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.xmlreader import AttributesNSImpl

from feedparser.api import StrictFeedParser
from feedparser.datetimes import _parse_date
from feedparser.encodings import convert_to_utf8
from feedparser.html import _cp1252
from feedparser.sanitizer import replace_doctype
from feedparser.urls import _urljoin, make_safe_absolute_uri
from feedparser.util import FeedParserDict
from lxml import etree

__all__ = ["FastParse", "parse_fast"]

Tier = Literal["emulated", "replayed"]


@dataclass(frozen=True, slots=True)
class FastParse:
    """feedparser's ``feed``, ``entries`` and ``version`` for a document its strict parser accepts cleanly."""

    feed: Mapping[str, Any]
    entries: list[Mapping[str, Any]]
    version: str
    tier: Tier


class _NotHere(Exception):
    """This document needs a slower tier (never seen by callers)."""


_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
# What _FeedParserMixin.__init__ fills _matchnamespaces with (built here, not copied: that fill is lazy).
_MATCH: dict[str, str] = {uri.lower(): prefix for uri, prefix in StrictFeedParser.namespaces.items()}
_KNOWN_PREFIXES = frozenset(_MATCH.values())
_ATOM = "http://www.w3.org/2005/Atom"
_VERSION_NAMESPACES = frozenset({"http://my.netscape.com/rdf/simple/0.9/", "http://purl.org/rss/1.0/"})
_FOREIGN_MARKUP = frozenset({"http://www.w3.org/1998/Math/MathML", "http://www.w3.org/2000/svg"})
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ATOM_VERSIONS = {"0.1": "atom01", "0.2": "atom02", "0.3": "atom03"}
_RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}
_HTML_TYPES = frozenset(StrictFeedParser.html_types)
_SUMMARY_TYPES = _HTML_TYPES | {"text/plain"}
_RELATIVE = frozenset(StrictFeedParser.can_be_relative_uri)
# unknown_starttag: an element without a namespace prefix ends an <image> unless it is one of these.
_IMAGE_CHILDREN = frozenset({"title", "link", "description", "url", "href", "width", "height"})
_AMPERSAND_NAME = re.compile("&([A-Za-z0-9_]+);")
_CP1252_MAPPED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_cp1252)) + "]")
_EMAIL = re.compile(
    r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"""
)
_looks_like_html: Callable[[str], bool] = StrictFeedParser.looks_like_html
_map_content_type: Callable[[str], str] = StrictFeedParser.map_content_type

# feedparser has start or end handlers for these names (``_start_media_title`` …); an element whose name
# is here but not modelled below goes to tier 2.
_HANDLED_BY_FEEDPARSER = frozenset(
    name.split("_", 2)[2] for name in dir(StrictFeedParser) if name.startswith(("_start_", "_end_"))
)
# Keys parser.py reads from an entry or the feed: an element feedparser has no handler for is stored under
# its own name, so one named like these (other than the two we want) must not be taken lightly.
_READ_KEYS = frozenset(
    {
        "title",
        "link",
        "links",
        "id",
        "published",
        "published_parsed",
        "updated",
        "updated_parsed",
        "content",
        "summary",
        "summary_detail",
        "authors",
        "author",
        "author_detail",
        "media_thumbnail",
        "media_content",
        "image",
        "enclosures",
        "guidislink",
        "href",
        "url",
    }
)
_WANTED_UNKNOWN = frozenset({"feedburner_origlink", "ttl"})

_TITLE = frozenset({"title", "dc_title", "media_title"})
_DESCRIPTION = frozenset({"description", "dc_description", "media_description"})
_PUBLISHED = frozenset({"published", "pubdate", "issued", "dcterms_issued"})
_UPDATED = frozenset({"updated", "modified", "lastbuilddate", "dc_date", "dcterms_modified"})
_AUTHOR = frozenset({"author", "managingeditor", "dc_creator", "dc_author"})
_PERSON_PARTS = frozenset({"name", "email", "uri", "url", "homepage"})
# Text elements whose values parser.py never reads and whose handlers change no state it depends on.
_IGNORED_TEXT = frozenset(
    {
        "category",
        "dc_subject",
        "media_category",
        "language",
        "dc_language",
        "generator",
        "width",
        "height",
        "webmaster",
        "dc_publisher",
        "media_credit",
    }
)
# Ignored too, but pushed as content by feedparser: the type attribute matters (base64 goes to tier 2).
_IGNORED_CONTENT = frozenset({"rights", "copyright", "dc_rights", "subtitle", "tagline"})
_MODELLED = (
    _TITLE
    | _DESCRIPTION
    | _PUBLISHED
    | _UPDATED
    | _AUTHOR
    | _PERSON_PARTS
    | _IGNORED_TEXT
    | _IGNORED_CONTENT
    | {
        "rss",
        "channel",
        "feed",
        "item",
        "entry",
        "link",
        "guid",
        "id",
        "summary",
        "content",
        "content_encoded",
        "enclosure",
        "media_thumbnail",
        "media_content",
        "media_group",
        "cloud",
        "image",
        "contributor",
        "source",
    }
)


def _is_base64(attrs: Mapping[str, str], content_type: str) -> bool:
    if attrs.get("mode", "") == "base64":
        return True
    return not (content_type.startswith("text/") or content_type.endswith(("+xml", "/xml")))


def _enforce_href(attrs: dict[str, str]) -> dict[str, str]:
    href = attrs.get("url", attrs.get("uri", attrs.get("href")))
    if href:
        attrs.pop("url", None)
        attrs.pop("uri", None)
        attrs["href"] = href
    return attrs


def _resolve(uri: str) -> str:
    """feedparser's resolve_uri without a base URI: only ``scheme:///x`` changes (to ``scheme://x``)."""
    return _urljoin("", uri) if ":///" in uri else uri


def _fix_ampersands(output: str, *, entry: bool) -> str:
    """pop()'s repair of links whose ``&`` was taken for an entity reference (``&amp;`` first in entries)."""
    if "&" not in output:
        return output
    return _AMPERSAND_NAME.sub(r"&\g<1>", output.replace("&amp;", "&") if entry else output)


def _fix_text(output: str) -> str:
    """pop()'s last steps for a UTF-8 document: undo Latin-1 double encoding, map C1 controls as CP1252."""
    if output.isascii():
        return output
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        output = output.encode("iso-8859-1").decode("utf-8")
    return output.translate(_cp1252) if _CP1252_MAPPED.search(output) else output


class _Emulation:
    """feedparser's strict-mode state machine for the modelled elements, on plain dictionaries."""

    def __init__(self, version: str, names: Callable[[str], tuple[str, bool]]) -> None:
        self.version = version
        self.atom = version.startswith("atom")
        self.names = names
        self.feed: dict[str, Any] = {}
        self.entries: list[dict[str, Any]] = []
        self.entry_depths: list[dict[str, int]] = []
        self.infeed = self.inentry = self.inimage = self.inauthor = False
        self.incontent = 0
        self.depth = 0
        self.title_depth = -1
        self.guidislink = False
        self.has_content = False
        self.summary_key: str | None = None
        self.content_type: str | None = None  # contentparams["type"]; None once cleared
        self.content_src: str | None = None

    # --- feedparser's helpers ---------------------------------------------------------------------------

    def context(self) -> dict[str, Any]:
        if self.inimage and "image" in self.feed:
            image: dict[str, Any] = self.feed["image"]
            return image
        if self.inentry:
            return self.entries[-1]
        return self.feed

    def detail(self, output: str) -> dict[str, Any]:
        detail: dict[str, Any] = {"type": self.content_type, "value": output}
        if self.content_src is not None:
            detail["src"] = self.content_src
        return detail

    def pop(self, element: str, text: str, expecting_text: bool) -> str:
        output = text.strip()
        if not expecting_text:
            return output
        if element in _RELATIVE and output and (element != "id" or self.guidislink):
            output = _resolve(output)
        if not self.atom and self.content_type == "text/plain" and _looks_like_html(output):
            self.content_type = "text/html"
        output = _fix_text(output)
        if element == "category":
            return output
        if element == "title" and -1 < self.title_depth <= self.depth:
            return output
        if self.inentry:
            entry = self.entries[-1]
            if element == "content":
                entry.setdefault("content", []).append(self.detail(output))
            elif element == "link":
                if not self.inimage:
                    output = _fix_ampersands(output, entry=True)
                    entry["link"] = output
                    if output:
                        entry["links"][-1]["href"] = output
            else:
                key = "summary" if element == "description" else element
                depths = self.entry_depths[-1]
                old = depths.get(key)
                if old is None or self.depth <= old:
                    depths[key] = self.depth
                    entry[key] = output
                if self.incontent:
                    entry[key + "_detail"] = self.detail(output)
        elif self.infeed:
            context = self.context()
            key = "subtitle" if element == "description" else element
            context[key] = output
            if key == "link":
                output = _fix_ampersands(output, entry=False)
                context["link"] = output
                context["links"][-1]["href"] = output
            elif self.incontent:
                context[key + "_detail"] = self.detail(output)
        return output

    def push_content(self, attrs: Mapping[str, str], default_type: str) -> None:
        self.incontent += 1
        content_type = _map_content_type(attrs.get("type", default_type))
        if _is_base64(attrs, content_type):
            raise _NotHere("base64 content")
        if content_type == "application/xhtml+xml":  # feedparser escapes the text of inline XHTML
            raise _NotHere("XHTML content")
        self.content_type = content_type
        self.content_src = None

    def pop_content(self, element: str, text: str, expecting_text: bool) -> str:
        value = self.pop(element, text, expecting_text)
        self.incontent -= 1
        self.content_type = self.content_src = None
        return value

    def sync_author(self) -> None:
        context = self.context()
        detail = context.get("authors", [{}])[-1]
        if detail:
            name, email = detail.get("name"), detail.get("email")
            if name and email:
                context["author"] = f"{name} ({email})"
            elif name:
                context["author"] = name
            elif email:
                context["author"] = email
            return
        author, email = context.get("author"), None
        if not author:
            return
        match = _EMAIL.search(author)
        if match:
            email = match.group(0)
            author = author.replace(email, "").replace("()", "").replace("<>", "").replace("&lt;&gt;", "").strip()
            if author and author[0] == "(":
                author = author[1:]
            if author and author[-1] == ")":
                author = author[:-1]
            author = author.strip()
        if author or email:
            context.setdefault("author_detail", detail)
        if author:
            detail["name"] = author
        if email:
            detail["email"] = email

    def save_author(self, key: str, value: str) -> None:
        context = self.context()
        context.setdefault("author_detail", {})[key] = value
        self.sync_author()
        context.setdefault("authors", [{}])[-1][key] = value

    def start_content(self, attrs: Mapping[str, str], default_type: str) -> None:
        self.has_content = True
        self.push_content(attrs, default_type)
        src = attrs.get("src")
        if src and default_type == "text/plain":  # only _start_content records it, not content:encoded
            self.content_src = src

    def end_content(self, text: str) -> None:
        copy_to_summary = self.content_type is not None and _map_content_type(self.content_type) in _SUMMARY_TYPES
        value = self.pop_content("content", text, True)
        if copy_to_summary:
            self.context().setdefault("summary", value)

    # --- the walk -----------------------------------------------------------------------------------------

    def element(self, node: Any) -> None:
        name, prefixed = self.names(node.tag)
        attrs: dict[str, str] = {}
        if node.attrib:
            for key, value in node.attrib.items():
                if key[:1] == "{":
                    local = key.rpartition("}")[2].lower()
                    if local == "base" or (name in _MODELLED and not key.startswith("{" + _XML_NAMESPACE + "}lang")):
                        raise _NotHere("namespaced attribute")
                    attrs[local] = value  # only its presence counts for an unknown element
                    continue
                key = key.lower()
                if key == "base":
                    raise _NotHere("base attribute")
                attrs[key] = value.lower() if key in ("rel", "type") else value
        self.depth += 1
        if self.incontent:
            raise _NotHere("markup inside a text construct")
        if not prefixed and name not in _IMAGE_CHILDREN:
            self.inimage = False
        children = len(node)
        text = node.text or ""
        if name in _TITLE:
            if children:
                raise _NotHere("markup in a title")
            self.push_content(attrs, "text/plain")
            saved = self.title_depth
            if self.pop_content("title", text, self.infeed or self.inentry):
                self.title_depth = self.depth
            if name == "media_title":
                self.title_depth = saved
        elif name in _DESCRIPTION or name == "summary":
            if children:
                raise _NotHere("markup in a description")
            if "summary" in self.context() and not self.has_content:
                self.summary_key = "content"
                self.start_content(attrs, "text/plain")
                self.end_content(text)
            elif name == "summary":
                self.push_content(attrs, "text/plain")
                self.pop_content("summary", text, True)
            else:
                self.push_content(attrs, "text/html")
                self.pop_content("description", text, self.infeed or self.inentry)
            self.summary_key = None
        elif name == "content" or name == "content_encoded":
            if children:
                raise _NotHere("markup in content")
            self.start_content(attrs, "text/plain" if name == "content" else "text/html")
            self.end_content(text)
        elif name == "link":
            self.link(node, attrs, text)
        elif name == "guid" or name == "id":
            if children:
                raise _NotHere("markup in an id")
            self.guidislink = attrs.get("ispermalink", "true") == "true"
            value = self.pop("id", text, True)
            if self.guidislink:
                self.context().setdefault("link", value)
        elif name in _PUBLISHED or name in _UPDATED:
            if children:
                raise _NotHere("markup in a date")
            key = "published" if name in _PUBLISHED else "updated"
            value = self.pop(key, text, True)
            self.context()[key + "_parsed"] = _parse_date(value)
        elif name in _AUTHOR:
            self.author(node, text)
        elif name in _PERSON_PARTS:
            if children:
                raise _NotHere("markup in a person construct")
            plain = name in ("name", "email")  # pushed without text processing; the others as "href"
            value = text.strip() if plain else self.pop("href", text, True)
            if self.inauthor:
                self.save_author(name if plain else "href", value)
        elif name == "item" or name == "entry":
            if self.inentry or self.inimage:
                raise _NotHere("nested entries")
            if "lastmod" in attrs or "href" in attrs:
                raise _NotHere("CDF attributes")
            self.entries.append({})
            self.entry_depths.append({})
            self.inentry, self.guidislink, self.title_depth = True, False, -1
            self.walk(node)
            self.inentry, self.has_content = False, False
            node.clear(keep_tail=True)  # done with it: the tree shrinks as the entries grow
        elif name == "media_thumbnail":
            if children:
                raise _NotHere("markup in a thumbnail")
            context = self.context()
            thumbnails = context.setdefault("media_thumbnail", [])
            thumbnails.append(attrs)
            url = self.pop("url", text, True)
            if url.strip() and "url" not in self.context()["media_thumbnail"][-1]:
                self.context()["media_thumbnail"][-1]["url"] = url
        elif name == "media_content":
            self.context().setdefault("media_content", []).append(attrs)
            self.walk(node)
        elif name == "enclosure":
            enclosure = _enforce_href(attrs)
            enclosure["rel"] = "enclosure"
            self.context().setdefault("links", []).append(enclosure)
            self.walk(node)
        elif name in _IGNORED_TEXT:
            if children:
                raise _NotHere("markup in a text element")
        elif name in _IGNORED_CONTENT:
            if children:
                raise _NotHere("markup in a text construct")
            self.push_content(attrs, "text/plain")
            self.incontent -= 1
            self.content_type = self.content_src = None
        elif name == "channel" or name == "feed":
            if self.inentry or self.inimage or "lastmod" in attrs or "href" in attrs:
                raise _NotHere("unusual channel")
            self.infeed = True
            self.walk(node)
            self.infeed = False
        elif name == "image":
            if self.inentry or self.inimage:
                raise _NotHere("image inside an entry")
            self.feed.setdefault("image", {})
            self.inimage, self.title_depth = True, -1
            self.walk(node)
            self.inimage = False
        elif name == "source":  # RSS 2.0's (Google News names the publisher so); Atom's has children
            if children:
                raise _NotHere("an Atom source")
            self.title_depth = -1  # the rest of _start_source/_end_source fills keys nobody reads
        elif name == "contributor":
            if any(self.names(child.tag)[0] not in _PERSON_PARTS for child in node):
                raise _NotHere("unusual contributor")
            self.walk(node)  # its parts go nowhere we read: inauthor is off
        elif name in ("media_group", "cloud"):
            self.walk(node)
        elif name in _HANDLED_BY_FEEDPARSER:
            raise _NotHere(f"<{name}> is not modelled")
        elif name in _READ_KEYS or (name in _WANTED_UNKNOWN and attrs):
            raise _NotHere(f"unknown element named {name}")
        elif name in _WANTED_UNKNOWN:
            if children:
                raise _NotHere(f"markup in {name}")
            self.pop(name, text, True)
        else:  # an element feedparser does not know: stored under its own name, which nobody reads
            self.walk(node)
        self.depth -= 1

    def walk(self, node: Any) -> None:
        for child in node:
            self.element(child)

    def link(self, node: Any, attrs: dict[str, str], text: str) -> None:
        attrs.setdefault("rel", "alternate")
        attrs.setdefault("type", "application/atom+xml" if attrs["rel"] == "self" else "text/html")
        context = self.context()
        attrs = _enforce_href(attrs)
        if "href" in attrs:
            attrs["href"] = _resolve(attrs["href"])
        links = context.setdefault("links", [])
        if not (self.inentry and self.inimage):
            links.append(attrs)
        if "href" in attrs:
            if attrs.get("rel") == "alternate" and _map_content_type(attrs["type"]) in _HTML_TYPES:
                context["link"] = attrs["href"]
            self.walk(node)  # not pushed: its own text goes nowhere
        else:
            if len(node):
                raise _NotHere("markup in a link")
            self.pop("link", text, self.infeed or self.inentry)

    def author(self, node: Any, text: str) -> None:
        # feedparser pushes an author with its text: what is written between its parts is its value, and so is
        # the text of a child it does not push (one without a handler, given attributes: Blogger's gd:image).
        for child in node:
            name = self.names(child.tag)[0]
            if len(child):
                raise _NotHere("markup in an author's part")
            if name in _PERSON_PARTS:
                pass
            elif name in _HANDLED_BY_FEEDPARSER or name in _READ_KEYS or name in _WANTED_UNKNOWN:
                raise _NotHere("unusual author")
            elif child.attrib:
                text += child.text or ""
            text += child.tail or ""
        self.inauthor = True
        self.context().setdefault("authors", []).append({})
        self.walk(node)
        self.pop("author", text, True)
        self.inauthor = False
        self.sync_author()


_local = threading.local()


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


def _emulate(data: bytes) -> FastParse:
    parser = _tree_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _NotHere(f"not well-formed: {exc}") from None
    if len(parser.error_log):
        raise _NotHere("parser warnings")
    names = _namer(root, data)
    declared = root.nsmap.values()
    root_name = names(root.tag)[0]
    attributes = {str(key).lower(): str(value) for key, value in root.attrib.items() if str(key)[:1] != "{"}
    if root_name == "rss":  # _start_rss: its own version wins over one set by a namespace declaration
        declared_version = attributes.get("version", "")
        version = _RSS_VERSIONS.get(declared_version) or ("rss20" if declared_version.startswith("2.") else "rss")
    elif root_name == "feed":  # track_namespace names Atom 1.0 before _start_feed looks at the attribute
        version = (
            "atom10"
            if _ATOM.lower() in (uri.lower() for uri in declared)
            else _ATOM_VERSIONS.get(attributes.get("version", ""), "atom")
        )
    else:
        raise _NotHere("neither RSS 0.9x/2.0 nor Atom")
    if any(str(key).rpartition("}")[2].lower() == "base" for key in root.attrib):
        raise _NotHere("a base URI")
    emulation = _Emulation(version, names)
    emulation.depth = 1
    if root_name == "feed":
        emulation.infeed = True
    emulation.walk(root)
    for entry in emulation.entries:
        entry["enclosures"] = [
            {key: value for key, value in link.items() if key != "rel"}
            for link in entry.get("links", ())
            if link["rel"] == "enclosure"
        ]
    return FastParse(emulation.feed, list(emulation.entries), version, "emulated")


# --- tier 2: SAX replay into feedparser's own handler ------------------------------------------------------


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
    return FastParse(handler.feeddata, handler.entries, handler.version, "replayed")


def parse_fast(data: bytes, response_headers: Mapping[str, str]) -> FastParse | None:
    """feedparser's result for ``data`` when its strict parser would accept it cleanly; else None.

    Means ``feedparser.parse(io.BytesIO(data), response_headers=…, sanitize_html=False,
    resolve_relative_uris=False)``: the only settings feedhook uses.
    """
    if not data:
        return None
    result = FeedParserDict(bozo=False)
    headers = dict(response_headers)
    data = convert_to_utf8(headers, data, result)
    if not result.get("encoding") or result.get("bozo"):
        return None
    doctype_version, data, entities = replace_doctype(data)
    first_element = _FIRST_ELEMENT.search(data)
    if doctype_version or entities or _DOCTYPE.search(data, 0, first_element.start() if first_element else len(data)):
        return None  # a DOCTYPE survived (its entities are expat's to expand): never here, but never guessed
    if b"xml:base" in data:  # relative URIs would resolve against it: feedparser's own job
        return None
    with contextlib.suppress(Exception):  # _NotHere, or a case the emulation did not foresee: tier 2 decides
        return _emulate(data)
    contentloc = headers.get("content-location", "")
    baseuri = make_safe_absolute_uri("", contentloc) or make_safe_absolute_uri(contentloc) or ""
    try:
        return _replay(data, baseuri, headers.get("content-language"))
    except _NotHere:
        return None
    except Exception:  # a crash inside feedparser's handlers: feedparser itself meets it again
        return None
