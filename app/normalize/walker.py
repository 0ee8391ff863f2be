"""Walks a parsed HTML tree once and cuts it into blocks of lines, keeping safe inline markup."""

from __future__ import annotations

import re
from html import escape, unescape

from lxml import etree

from app.normalize.blocks import Block, BlockKind, Document, Line
from app.normalize.text import clean_fragment, clean_text, collapse, guard
from app.normalize.urls import clean_link

__all__ = ["NEVER_TEXT", "drop_tree", "walk"]

Element = etree._Element

NEVER_TEXT = frozenset(
    {
        "script", "style", "template", "noscript", "svg", "math", "iframe", "frame", "frameset",
        "object", "applet", "param", "head", "title", "meta", "link", "base", "textarea", "select",
        "option", "button", "input", "canvas", "audio", "video", "map", "area", "figcaption", "dialog",
    }
)  # fmt: skip
"""Elements whose text is never story text (code, styling, embeds, form controls, image captions).

HTML5's void ``embed``, ``source``, ``track`` and ``wbr`` are not here: libxml2 does not know they are
void and nests what follows inside them, so they are walked like any unknown inline element.
"""

_BLOCK = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "address", "center",
        "details", "summary", "fieldset", "legend", "form", "hgroup", "body", "html",
    }
)  # fmt: skip
_COMPLEX = _BLOCK | NEVER_TEXT | {"br", "img"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_FLAT_AS_PARAGRAPH = frozenset({"dt", "dd", "pre", "caption", "summary", "legend", "address"})
_EMPHASIS = {
    "b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "u", "s": "s", "strike": "s",
    "del": "s", "sub": "sub", "sup": "sup", "code": "code", "kbd": "code", "tt": "code", "samp": "code",
}  # fmt: skip
_IMAGE_SOURCES = ("src", "data-src", "data-lazy-src", "data-original")
_SPACES = re.compile(r"\s+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _escape(text: str) -> str:
    """HTML-escape a text segment (most have nothing to escape)."""
    if "&" in text or "<" in text or ">" in text:
        return escape(text, quote=False)
    return text


MAX_DEPTH = 200  # libxml2 stops nesting at 255; this keeps the recursion well inside Python's limit
MAX_ALT_CHARS = 300


def _has_block(element: Element) -> bool:
    # A Python loop: lxml's iterdescendants(*tags) builds a tag matcher per call, far slower here.
    return any(d.tag in _BLOCK for d in element.iterdescendants())


def _text_of(element: Element) -> str:
    """All text inside an element (lxml's text serializer: one C call, much faster than itertext)."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def drop_tree(element: Element) -> None:
    """Remove an element and its children, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        # libxml2 keeps control characters it parsed, but lxml refuses to be *given* them back.
        tail = _NOT_XML.sub("", tail)
        previous = element.getprevious()
        if previous is not None:
            previous.tail = _NOT_XML.sub("", previous.tail or "") + tail
        else:
            parent.text = _NOT_XML.sub("", parent.text or "") + tail
    parent.remove(element)


class _Run:
    """Inline content between two block boundaries: collects lines, paragraphs and images."""

    def __init__(self, walker: _Walker, *, loose: bool, flat: bool = False) -> None:
        self.walker = walker
        self.loose = loose
        self.flat = flat
        self.paragraphs: list[list[Line | Block]] = []
        self.items: list[Line | Block] = []
        self.texts: list[str] = []
        self.htmls: list[str] = []
        self.hrefs: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.open_tags: list[tuple[str, str]] = []
        self.pending_breaks = 0
        self.double_break = False
        self.nested_lists: list[Element] = []

    def text(self, value: str) -> None:
        if value.isspace():
            if not self.pending_breaks and self.texts:
                self.texts.append(" ")
                self.htmls.append(" ")
            return
        if self.pending_breaks:
            self._resolve_breaks()
        cleaned = clean_fragment(value)
        self.texts.append(cleaned)
        shown = cleaned if cleaned.isprintable() and "  " not in cleaned else _SPACES.sub(" ", cleaned)
        self.htmls.append(_escape(shown))
        if self.in_link:
            self.link_chars += len(cleaned.strip())

    def br(self) -> None:
        self.pending_breaks += 1

    def _resolve_breaks(self) -> None:
        count, self.pending_breaks = self.pending_breaks, 0
        self.end_line()
        if count > 1 and not self.flat and self.items:
            self.end_paragraph()
            self.double_break = True

    def end_line(self) -> None:
        if not self.texts:
            return
        text = collapse("".join(self.texts))
        if text:
            closing = "".join(f"</{name}>" for name, _opening in reversed(self.open_tags))
            html = "".join(self.htmls).strip() + closing
            self.items.append(Line(guard(text), html, tuple(self.hrefs), self.link_chars))
        self.texts = []
        self.htmls = [opening for _name, opening in self.open_tags]
        self.hrefs = []
        self.link_chars = 0

    def end_paragraph(self) -> None:
        if self.items:
            self.paragraphs.append(self.items)
            self.items = []

    def image(self, element: Element) -> None:
        src = element.get("src")
        if src:
            alt = clean_text(element.get("alt"))[:MAX_ALT_CHARS]
            self.items.append(Block("img", src=src, alt=alt))

    def children(self, element: Element, depth: int) -> None:
        if element.text:
            self.text(element.text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in NEVER_TEXT:
                if tag == "br":
                    self.br()
                elif tag == "img":
                    self.image(child)
                elif tag in ("ul", "ol") and self.flat:
                    self.nested_lists.append(child)
                elif tag in _BLOCK:
                    self.pending_breaks += 1
                    self.children(child, depth + 1)
                    self.pending_breaks += 1
                else:
                    self.inline(child, tag, depth + 1)
            if child.tail:
                self.text(child.tail)

    def inline(self, element: Element, tag: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        name: str | None = None
        opening = ""
        if tag == "a":
            href = element.get("href")
            if href:
                name, opening = "a", f'<a href="{escape(href)}">'
                self.hrefs.append(href)
            self.in_link += 1
        elif tag in _EMPHASIS:
            name = _EMPHASIS[tag]
            opening = f"<{name}>"
        if name is not None:
            if self.pending_breaks and element.text and element.text.strip():
                self._resolve_breaks()
            self.htmls.append(opening)
            self.open_tags.append((name, opening))
        self.children(element, depth)
        if name is not None:
            self.open_tags.pop()
            self.htmls.append(f"</{name}>")
        if tag == "a":
            self.in_link -= 1

    def close(self, kind: BlockKind = "p", *, group: int = 0, summary: bool = False, level: int = 0) -> None:
        if not self.texts and not self.items and not self.paragraphs:
            return
        self.pending_breaks = 0
        self.end_line()
        self.end_paragraph()
        blocks = self.walker.doc.blocks
        if self.flat:
            lines = [item for para in self.paragraphs for item in para if isinstance(item, Line)]
            blocks.extend(item for para in self.paragraphs for item in para if isinstance(item, Block))
            if lines:
                blocks.append(Block(kind, lines, group=group, summary=summary, level=level))
            return
        split_lines = self.loose and not self.double_break
        for para in self.paragraphs:
            lines = [item for item in para if isinstance(item, Line)]
            blocks.extend(item for item in para if isinstance(item, Block))
            if split_lines:
                blocks.extend(Block(kind, [line]) for line in lines)
            elif lines:
                blocks.append(Block(kind, lines))


class _Walker:
    def __init__(self, doc: Document, base: str | None) -> None:
        self.doc = doc
        self.base = base

    def container(self, element: Element, *, loose: bool, depth: int) -> None:
        run: _Run | None = None
        text = element.text
        if text and not text.isspace():
            run = _Run(self, loose=loose)
            run.text(text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in NEVER_TEXT:
                if tag in _BLOCK or (len(child) and _has_block(child)):
                    if run is not None:
                        run.close()
                        run = None
                    self.block(child, tag, depth + 1)
                else:
                    if run is None:
                        run = _Run(self, loose=loose)
                    if tag == "br":
                        run.br()
                    elif tag == "img":
                        run.image(child)
                    else:
                        run.inline(child, tag, depth + 1)
            text = child.tail
            if text and (run is not None or not text.isspace()):
                if run is None:
                    run = _Run(self, loose=loose)
                run.text(text)
        if run is not None:
            run.close()

    def simple(
        self, element: Element, kind: BlockKind, *, group: int = 0, summary: bool = False, level: int = 0
    ) -> bool:
        """Fast path for a block of plain inline content (no ``<br>``, image or nested block).

        Text comes from ``itertext`` and the inline HTML from lxml's serializer (nh3 enforces the
        allowlist later); content with entities or ``<`` left after parsing takes the slow path so
        text and HTML stay the same.
        """
        children = len(element)
        anchors: list[Element] = []
        if children:
            for descendant in element.iterdescendants():
                tag = descendant.tag
                if tag in _COMPLEX:
                    return False
                if tag == "a":
                    anchors.append(descendant)
            raw = _text_of(element)
        else:
            raw = element.text or ""
        if raw.isprintable() and "  " not in raw and "&" not in raw and "<" not in raw:
            text = raw.strip(" ")  # the common case: nothing to decode, strip or collapse
        elif "<" in raw or ("&" in raw and unescape(raw) != raw):
            return False
        else:
            text = guard(collapse(clean_fragment(raw)))
        if not text:
            return True
        if not children:
            self.doc.blocks.append(Block(kind, [Line(text, _escape(text))], group, summary, level))
            return True
        # serialize only when there is inline markup to keep
        markup = etree.tostring(element, encoding=str, method="html", with_tail=False)
        inner = markup[markup.index(">") + 1 : markup.rindex("<")].strip()
        hrefs: tuple[str, ...] = ()
        link_chars = 0
        for anchor in anchors:
            href = anchor.get("href")
            if href:
                hrefs += (href,)
            link_chars += len(collapse(_text_of(anchor)))
        self.doc.blocks.append(Block(kind, [Line(text, inner, hrefs, link_chars)], group, summary, level))
        return True

    def block(self, element: Element, tag: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if tag == "p":
            if not self.simple(element, "p"):
                self.container(element, loose=False, depth=depth)
        elif tag in ("ul", "ol", "dl"):
            self.list_items(element, self.doc.new_group(), depth=depth)
        elif tag in _HEADINGS:
            self.flat(element, "h", depth=depth, level=_HEADINGS[tag])
        elif tag == "blockquote":
            self.flat(element, "quote", depth=depth)
        elif tag == "li":
            self.flat(element, "li", depth=depth, group=self.doc.new_group())
        elif tag in _FLAT_AS_PARAGRAPH:
            self.flat(element, "p", depth=depth)
        elif tag != "hr":
            self.container(element, loose=True, depth=depth)

    def list_items(self, element: Element, group: int, *, depth: int) -> None:
        summary = "summary-list" in (element.get("class") or "").split()
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in NEVER_TEXT:
                continue
            if tag in ("ul", "ol"):
                self.list_items(child, group, depth=depth + 1)
            else:
                self.flat(child, "li", depth=depth + 1, group=group, summary=summary)

    def flat(
        self,
        element: Element,
        kind: BlockKind,
        *,
        depth: int,
        group: int = 0,
        summary: bool = False,
        level: int = 0,
    ) -> None:
        if depth > MAX_DEPTH or self.simple(element, kind, group=group, summary=summary, level=level):
            return
        run = _Run(self, loose=False, flat=True)
        run.children(element, depth)
        run.close(kind, group=group, summary=summary, level=level)
        for nested in run.nested_lists:
            self.list_items(nested, group or self.doc.new_group(), depth=depth + 1)


def _clean_links(root: Element, base: str | None) -> None:
    """Rewrite every link and image source once: resolved, http(s) only, tracking removed, else gone."""
    for element in root.iter("a", "img"):
        if element.tag == "a":
            href = element.get("href")
            if href is not None:
                cleaned = clean_link(href, base=base)
                if cleaned is None:
                    del element.attrib["href"]
                    element.tag = "span"  # a link that may not be followed is just its text
                elif cleaned != href:
                    element.set("href", cleaned)
            continue
        src = next(filter(None, (clean_link(element.get(a), base=base) for a in _IMAGE_SOURCES)), None)
        if src is None:
            if "src" in element.attrib:
                del element.attrib["src"]
        else:
            element.set("src", src)


def walk(root: Element, doc: Document, *, base: str | None) -> None:
    """Append the blocks of ``root`` (a parsed ``<body>``) to ``doc``, links resolved against ``base``."""
    _clean_links(root, base)
    _Walker(doc, base).container(root, loose=True, depth=0)
