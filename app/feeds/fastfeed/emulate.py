"""Tier 1: feedparser's handlers for the modelled elements, applied in a walk over the lxml tree."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from feedparser.datetimes import _parse_date
from lxml import etree

from app.feeds.fastfeed.captions import caption_key
from app.feeds.fastfeed.common import _XML_NAMESPACE, FastParse, _NotHere, _resolve
from app.feeds.fastfeed.state import _State
from app.feeds.fastfeed.tree import _attribute_items, _namer, _tree_parser
from app.feeds.fastfeed.vocabulary import (
    _AUTHOR,
    _DESCRIPTION,
    _HANDLED_BY_FEEDPARSER,
    _HTML_TYPES,
    _IGNORED_CONTENT,
    _IGNORED_TEXT,
    _IMAGE_CHILDREN,
    _MODELLED,
    _PERSON_PARTS,
    _PUBLISHED,
    _READ_KEYS,
    _TITLE,
    _UPDATED,
    _WANTED_UNKNOWN,
    OWN_AUTHOR_KEY,
    OWN_IMAGE_KEY,
    _enforce_href,
    _map_content_type,
)

_ATOM = "http://www.w3.org/2005/Atom"
_ATOM_VERSIONS = {"0.1": "atom01", "0.2": "atom02", "0.3": "atom03"}
_RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}


class _Emulation(_State):
    """The walk: each element through what feedparser's start and end handlers would do with it."""

    def element(self, node: Any) -> None:
        name, prefixed = self.names(node.tag)
        attrs = _attributes(node, name)
        self.depth += 1
        if self.incontent:
            raise _NotHere("markup inside a text construct")
        if not prefixed and name not in _IMAGE_CHILDREN:
            self.inimage = False
        _handler(name)(self, node, name, attrs, node.text or "")
        self.depth -= 1

    # The handlers, one per kind of element (`_handler` picks one by name): each gets the element, its
    # feedparser name, its attributes as feedparser keeps them, and its own text.

    def title(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "a title")
        self.push_content(attrs, "text/plain")
        saved = self.title_depth
        if self.pop_content("title", text, self.infeed or self.inentry):
            self.title_depth = self.depth
        if name == "media_title":
            self.title_depth = saved

    def description(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "a description")
        if "summary" in self.context() and not self.has_content:
            self.summary_key = "content"
            self.start_content(attrs, "text/plain")
            value = self.end_content(text)
        elif name == "summary":
            self.push_content(attrs, "text/plain")
            value = self.pop_content("summary", text, True)
        else:
            self.push_content(attrs, "text/html")
            value = self.pop_content("description", text, self.infeed or self.inentry)
        self.summary_key = None
        if name == "media_description" and (key := caption_key(value)):
            self.captions.add(key)

    def content(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "content")
        self.start_content(attrs, "text/plain" if name == "content" else "text/html")
        self.end_content(text)

    def guid(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "an id")
        self.guidislink = attrs.get("ispermalink", "true") == "true"
        value = self.pop("id", text, True)
        if self.guidislink:
            self.context().setdefault("link", value)

    def date(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "a date")
        key = "published" if name in _PUBLISHED else "updated"
        value = self.pop(key, text, True)
        self.context()[key + "_parsed"] = _parse_date(value)

    def person_part(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "a person construct")
        plain = name in ("name", "email")  # pushed without text processing; the others as "href"
        value = text.strip() if plain else self.pop("href", text, True)
        if self.inauthor:
            self.save_author(name if plain else "href", value)

    def entry(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
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

    def thumbnail(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "a thumbnail")
        context = self.context()
        thumbnails = context.setdefault("media_thumbnail", [])
        thumbnails.append(attrs)
        url = self.pop("url", text, True)
        if url.strip() and "url" not in self.context()["media_thumbnail"][-1]:
            self.context()["media_thumbnail"][-1]["url"] = url

    def media_content(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        self.context().setdefault("media_content", []).append(attrs)
        self.walk(node)

    def enclosure(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        enclosure = _enforce_href(attrs)
        enclosure["rel"] = "enclosure"
        self.context().setdefault("links", []).append(enclosure)
        self.walk(node)

    def ignored_text(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "a text element")

    def ignored_content(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        _leaf(node, "a text construct")
        self.push_content(attrs, "text/plain")
        self.incontent -= 1
        self.content_type = self.content_src = None

    def channel(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        if self.inentry or self.inimage or "lastmod" in attrs or "href" in attrs:
            raise _NotHere("unusual channel")
        self.infeed = True
        self.walk(node)
        self.infeed = False

    def image(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        if self.inentry or self.inimage:
            raise _NotHere("image inside an entry")
        self.feed.setdefault("image", {})
        self.inimage, self.title_depth = True, -1
        self.walk(node)
        self.inimage = False

    def source(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        """RSS 2.0's source (Google News names the publisher so); Atom's has children."""
        if len(node):
            raise _NotHere("an Atom source")
        self.title_depth = -1  # _start_source and _end_source: the url as written, the text as its title
        source = {"href": attrs["url"]} if "url" in attrs else {}
        value = self.pop("source", text, True)
        if value:
            source["title"] = value
        self.context()["source"] = source

    def contributor(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        if any(self.names(child.tag)[0] not in _PERSON_PARTS for child in node):
            raise _NotHere("unusual contributor")
        self.walk(node)  # its parts go nowhere we read: inauthor is off

    def container(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        """An element whose children count, not itself (and any element feedparser does not know: stored
        under its own name, which nobody reads)."""
        self.walk(node)

    def not_modelled(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        raise _NotHere(f"<{name}> is not modelled")

    def read_key(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        raise _NotHere(f"unknown element named {name}")

    def wanted_unknown(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        if attrs:
            raise _NotHere(f"unknown element named {name}")
        _leaf(node, name)
        self.pop(name, text, True)

    def walk(self, node: Any) -> None:
        for child in node:
            self.element(child)

    def link(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
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

    def author(self, node: Any, name: str, attrs: dict[str, str], text: str) -> None:
        # feedparser pushes an author with its text: what is written between its parts is its value, and so is
        # the text of a child it does not push (one without a handler, given attributes: Blogger's gd:image).
        for child in node:
            name = self.names(child.tag)[0]
            if len(child):
                raise _NotHere("markup in an author's part")
            if name in _PERSON_PARTS:
                pass
            elif name in _HANDLED_BY_FEEDPARSER or name in _READ_KEYS or _handler(name) == _Emulation.wanted_unknown:
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


_Handler = Callable[[_Emulation, Any, str, dict[str, str], str], None]


def _attributes(node: Any, name: str) -> dict[str, str]:
    """The element's attributes as feedparser keeps them: lower-case names, ``rel`` and ``type`` values too.

    A namespaced attribute counts only by its presence, on an element not modelled; anything that could
    carry a base URI sends the document to feedparser.
    """
    attrs: dict[str, str] = {}
    if not node.attrib:
        return attrs
    for key, value in _attribute_items(node):
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
    return attrs


def _leaf(node: Any, what: str) -> None:
    """Refuse an element with child elements where feedparser would read text alone."""
    if len(node):
        raise _NotHere(f"markup in {what}")


@lru_cache(maxsize=1024)
def _handler(name: str) -> _Handler:
    """The handler of an element by its feedparser name; the first rule that names it wins, as in feedparser."""
    rules: tuple[tuple[bool, _Handler], ...] = (
        (name in _TITLE, _Emulation.title),
        (name in _DESCRIPTION or name == "summary", _Emulation.description),
        (name in ("content", "content_encoded"), _Emulation.content),
        (name == "link", _Emulation.link),
        (name in ("guid", "id"), _Emulation.guid),
        (name in _PUBLISHED or name in _UPDATED, _Emulation.date),
        (name in _AUTHOR, _Emulation.author),
        (name in _PERSON_PARTS, _Emulation.person_part),
        (name in ("item", "entry"), _Emulation.entry),
        (name == "media_thumbnail", _Emulation.thumbnail),
        (name == "media_content", _Emulation.media_content),
        (name == "enclosure", _Emulation.enclosure),
        (name in _IGNORED_TEXT, _Emulation.ignored_text),
        (name in _IGNORED_CONTENT, _Emulation.ignored_content),
        (name in ("channel", "feed"), _Emulation.channel),
        (name == "image", _Emulation.image),
        (name == "source", _Emulation.source),
        (name == "contributor", _Emulation.contributor),
        (name in ("media_group", "cloud"), _Emulation.container),
        (name in _HANDLED_BY_FEEDPARSER, _Emulation.not_modelled),
        (name in _READ_KEYS, _Emulation.read_key),
        (name in _WANTED_UNKNOWN or OWN_AUTHOR_KEY.fullmatch(name) is not None, _Emulation.wanted_unknown),
        (OWN_IMAGE_KEY.fullmatch(name) is not None, _Emulation.not_modelled),  # a picture module: feedparser's
    )
    return next((handler for matches, handler in rules if matches), _Emulation.container)


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
    attributes = {key.lower(): value for key, value in _attribute_items(root) if key[:1] != "{"}
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
    return FastParse(emulation.feed, list(emulation.entries), version, "emulated", frozenset(emulation.captions))
