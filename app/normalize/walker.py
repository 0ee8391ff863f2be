"""Walks a parsed HTML tree once and cuts it into blocks of lines, keeping safe inline markup."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from html import unescape

from lxml import etree

from app.normalize.blocks import Block, BlockKind, Document, Line
from app.normalize.markup import BLOCK, MAX_DEPTH, NEVER_TEXT, Element, escape_text
from app.normalize.runs import Run
from app.normalize.shapes import CELLS, integer, is_layout, table_rows
from app.normalize.text import clean_fragment, clean_text, collapse, guard, scrub, settle, xml_text
from app.normalize.urls import clean_link

__all__ = ["NEVER_TEXT", "drop_tree", "text_of", "walk"]

_COMPLEX = BLOCK | NEVER_TEXT | {"br", "img"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A heading written as a styled box: BBCode renderers' ``<div class="bb_h1">`` (Steam), themes' "heading-2".
_CLASS_HEADING = re.compile(r"(?:^|[\s_-])h([1-6])(?=$|[\s_-])")
_FLAT_AS_PARAGRAPH = frozenset({"dt", "dd", "caption", "summary", "legend", "address"})
_IMAGE_SOURCES = ("src", "data-src", "data-lazy-src", "data-original")


def _has_block(element: Element) -> bool:
    # A Python loop: lxml's iterdescendants(*tags) builds a tag matcher per call, far slower here.
    return any(d.tag in BLOCK for d in element.iterdescendants())


def _class_heading(element: Element) -> int | None:
    """The level a box of text declares in its class (``bb_h1`` → 1), or None; never a box holding blocks."""
    classes = element.get("class")
    if not classes or "h" not in classes:
        return None
    found = _CLASS_HEADING.search(classes.lower())
    if found is None or _has_block(element):
        return None
    return int(found.group(1))


def _numbered_code(rows: list[tuple[Element, bool]]) -> list[Element] | None:
    """The code of a table that sets line numbers beside it (Hexo's and Pygments' ``td.gutter`` or
    ``td.linenos`` next to ``td.code``): each row's ``pre`` that is not only numbers; None for other tables.
    """
    code: list[Element] = []
    for row, _in_head in rows:
        cells = [cell for cell in row if cell.tag in CELLS]
        pres = [next(cell.iter("pre"), None) for cell in cells]
        numbers = [pre for pre in pres if pre is not None and _only_numbers(text_of(pre))]
        texts = [pre for pre in pres if pre is not None and pre not in numbers]
        if len(cells) != 2 or len(numbers) != 1 or len(texts) != 1:
            return None
        code.append(texts[0])
    return code or None


def _only_numbers(text: str) -> bool:
    return bool(text.strip()) and all(part.isdigit() for part in text.split())


def text_of(element: Element) -> str:
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
        tail = xml_text(tail)
        previous = element.getprevious()
        if previous is not None:
            previous.tail = xml_text(previous.tail or "") + tail
        else:
            parent.text = xml_text(parent.text or "") + tail
    parent.remove(element)


class _Walker:
    def __init__(self, doc: Document, base: str | None, *, plain: bool = False) -> None:
        self.doc = doc
        self.base = base
        self.plain = plain
        """Every text of the tree is printable ASCII without ``&`` (``walk``'s ``plain``)."""

    def container(self, element: Element, *, loose: bool, depth: int) -> None:
        run: Run | None = None
        text = element.text
        if text and not text.isspace():
            run = Run(self.doc, loose=loose)
            run.text(text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in NEVER_TEXT:
                if tag in BLOCK or (len(child) and _has_block(child)):
                    if run is not None:
                        run.close()
                        run = None
                    if tag == "p" and depth < MAX_DEPTH:  # block()'s first case, without its call
                        if not self.simple(child, "p"):
                            self.mixed_paragraph(child, depth + 1)
                    else:
                        self.block(child, tag, depth + 1)
                else:
                    if run is None:
                        run = Run(self.doc, loose=loose)
                    if tag == "br":
                        run.br()
                    elif tag == "img":
                        run.image(child)
                    else:
                        run.inline(child, tag, depth + 1)
            text = child.tail
            if text and (run is not None or not text.isspace()):
                if run is None:
                    run = Run(self.doc, loose=loose)
                run.text(text)
        if run is not None:
            run.close()

    def mixed_paragraph(self, element: Element, depth: int) -> None:
        """A paragraph with line breaks, pictures or blocks inside; its text beside a picture is marked so
        (a caption set in the picture's own paragraph: ``<p><img><br><i>A robot arm …</i></p>``)."""
        start = len(self.doc.blocks)
        self.container(element, loose=False, depth=depth)
        made = self.doc.blocks[start:]
        if len(made) > 1 and any(block.kind == "img" for block in made):
            for block in made:
                block.beside_picture = block.kind != "img"

    def simple(
        self,
        element: Element,
        kind: BlockKind,
        group: int = 0,
        summary: bool = False,
        level: int = 0,
        number: int | None = None,
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
            raw = text_of(element)
        else:
            raw = element.text or ""
        if (self.plain or (raw.isprintable() and "&" not in raw)) and "  " not in raw and "<" not in raw:
            text = raw.strip(" ")  # the common case: nothing to decode, strip or collapse
            safe = ">" not in text  # "&" and "<" are absent too: escaping would change nothing (−0.5 % instructions)
        elif "<" in raw or ("&" in raw and unescape(raw) != raw):
            return False
        else:
            text = guard(settle(clean_fragment(raw)))
            safe = False
        if not text:
            return True
        if not children:
            line = Line(text, text if safe else escape_text(text))
            # Most blocks are no numbered item, and a keyword argument makes the dataclass call dearer:
            # 1,421,184 → 1,405,279 instructions per bench.normalize item (−1.1 %, 2026-12-05 (f))
            if number is None:
                self.doc.blocks.append(Block(kind, [line], group, summary, level))
            else:
                self.doc.blocks.append(Block(kind, [line], group, summary, level, number=number))
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
            link_chars += len(collapse(text_of(anchor)))
        self.doc.blocks.append(
            Block(kind, [Line(text, inner, hrefs, link_chars)], group, summary, level, number=number)
        )
        return True

    def block(self, element: Element, tag: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if tag == "p":
            if not self.simple(element, "p"):
                self.mixed_paragraph(element, depth)
        elif tag in ("ul", "ol", "dl"):
            self.list_items(element, self.doc.new_group(), depth=depth)
        elif tag == "pre":
            self.code(element)
        elif tag == "table":
            self.table(element, depth)
        elif tag == "figure":
            self.figure(element, depth)
        elif tag in _HEADINGS:
            self.flat(element, "h", depth=depth, level=_HEADINGS[tag])
        elif tag == "blockquote":
            if (attribution := _attribution(element)) is not None:
                # an embedded post's words, then who posted it and when, a line of its own ("— Name (@handle)
                # November 11, 2024" under a twitter-tweet blockquote's <p>)
                for child in element:
                    if child is attribution:
                        self.flat(child, "p", depth=depth + 1)
                    elif child.tag == "p":
                        self.flat(child, "quote", depth=depth + 1)
                return
            paragraphs = _paragraphs_only(element)
            if paragraphs:  # a quoted post of several paragraphs keeps them apart
                for paragraph in paragraphs:
                    self.flat(paragraph, "quote", depth=depth + 1)
            elif _structured(element):  # a quoted page with its lists and headings keeps its structure
                for child in element:
                    if not isinstance(child.tag, str) or child.tag in NEVER_TEXT:
                        continue
                    if child.tag == "p":
                        self.flat(child, "quote", depth=depth + 1)
                    else:
                        self.block(child, child.tag, depth + 1)
            else:
                self.flat(element, "quote", depth=depth)
        elif tag == "li":
            self.flat(element, "li", depth=depth, group=self.doc.new_group())
        elif tag in _FLAT_AS_PARAGRAPH:
            self.flat(element, "p", depth=depth)
        elif tag == "div" and (level := _class_heading(element)) is not None:
            self.flat(element, "h", depth=depth, level=level)
        elif tag != "hr":
            self.container(element, loose=True, depth=depth)

    def list_items(self, element: Element, group: int, *, depth: int) -> None:
        """Each item of a list (nested lists flattened into the same group), numbered when ordered."""
        summary = "summary-list" in (element.get("class") or "").split()
        number: int | None = None
        step = 1
        if element.tag == "ol":
            if "reversed" in element.attrib:
                step = -1
            start = integer(element.get("start"))
            if start is None and step == -1:
                start = sum(1 for child in element if child.tag == "li")
            number = 1 if start is None else start
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in NEVER_TEXT:
                continue
            if tag in ("ul", "ol"):
                self.list_items(child, group, depth=depth + 1)
            elif number is None:
                self.flat(child, "li", depth=depth + 1, group=group, summary=summary)
            else:
                value = integer(child.get("value"))
                number = number if value is None else value
                self.flat(child, "li", depth=depth + 1, group=group, summary=summary, number=number)
                number += step

    def code(self, element: Element) -> None:
        """A ``pre`` block, verbatim: its line breaks (text or ``<br>``) and indentation kept."""
        for br in element.iter("br"):
            br.tail = "\n" + xml_text(br.tail or "")
        rows = [guard(row.rstrip()) for row in scrub(text_of(element)).split("\n")]
        while rows and not rows[-1]:
            rows.pop()
        first = next((i for i, row in enumerate(rows) if row), len(rows))
        if first < len(rows):
            self.doc.blocks.append(Block("code", [Line(row, escape_text(row)) for row in rows[first:]]))

    def table(self, element: Element, depth: int) -> None:
        """A data table as one row block per ``tr`` (cells as lines); a layout table as its content."""
        rows = table_rows(element)
        if (code := _numbered_code(rows)) is not None:
            for pre in code:
                self.code(pre)
            return
        if is_layout(rows):
            start = len(self.doc.blocks)
            caption = _picture_caption(rows)
            if caption is None:
                self.container(element, loose=True, depth=depth)
                return
            picture, text = caption
            self.container(picture, loose=True, depth=depth)
            image = next((b for b in self.doc.blocks[start:] if b.kind == "img"), None)
            if image is not None:
                image.caption = text
            return
        for child in element:
            if child.tag == "caption":
                self.flat(child, "p", depth=depth + 1)
        group = self.doc.new_group()
        images: list[Block] = []
        for row, in_head in rows:
            cells: list[Line] = []
            headers = 0
            for cell in row:
                if cell.tag not in CELLS:
                    continue
                run = Run(self.doc, loose=False, flat=True)
                run.children(cell, depth + 2)
                while run.nested_lists:  # a list in a cell is more of the cell's text
                    run.pending_breaks += 1
                    run.children(run.nested_lists.pop(0), depth + 3)
                line, found = run.cell()
                cells.append(line)
                images += found
                headers += cell.tag == "th"
            if any(cell.text for cell in cells):
                self.doc.blocks.append(Block("row", cells, group=group, head=in_head or headers == len(cells)))
        self.doc.blocks.extend(images)

    def figure(self, element: Element, depth: int) -> None:
        """A figure's content, its ``figcaption`` kept on its first image (a caption is not body text)."""
        start = len(self.doc.blocks)
        self.container(element, loose=True, depth=depth)
        for block in self.doc.blocks[start:]:
            block.in_figure = block.kind == "img"
        caption = next((d for d in element.iterdescendants() if d.tag == "figcaption"), None)
        if caption is None:
            return
        text = clean_text(text_of(caption))
        image = next((b for b in self.doc.blocks[start:] if b.kind == "img"), None)
        if image is not None and text:
            image.caption = text

    def flat(
        self,
        element: Element,
        kind: BlockKind,
        *,
        depth: int,
        group: int = 0,
        summary: bool = False,
        level: int = 0,
        number: int | None = None,
    ) -> None:
        # positional: keywords cost each list item a slower call (−0.6 % instructions per item, 2026-12-05 (f))
        if depth > MAX_DEPTH or self.simple(element, kind, group, summary, level, number):
            return
        run = Run(self.doc, loose=False, flat=True)
        run.children(element, depth)
        run.close(kind, group=group, summary=summary, level=level, number=number)
        for nested in run.nested_lists:
            self.list_items(nested, group or self.doc.new_group(), depth=depth + 1)


_MAX_CAPTION_CHARS = 300


def _picture_caption(rows: list[tuple[Element, bool]]) -> tuple[Element, str] | None:
    """A table of two one-cell rows, a picture over a line of text: a captioned picture as Blogger (its
    ``tr-caption-container``) and older editors set one; the picture's cell and the caption, else None."""
    cells = [cell for row, _head in rows for cell in row if cell.tag in CELLS]
    if len(rows) != 2 or len(cells) != 2:  # a picture and its caption
        return None
    picture, words = cells
    if not any(d.tag == "img" for d in picture.iter()) or clean_text(text_of(picture)):
        return None
    text = clean_text(text_of(words))
    if not text or len(text) > _MAX_CAPTION_CHARS or any(d.tag == "img" for d in words.iter()):
        return None
    return picture, text


_ENDS_SENTENCE = re.compile(r"[.!?…:][\"'”’)\]]*\s*$")


_STRUCTURE = frozenset({"ul", "ol", "h2", "h3", "h4", "h5", "h6", "table", "pre"})


def _structured(element: Element) -> bool:
    """A quote of paragraphs with a list, a heading, a table or code among them, and nothing loose: a
    quoted page (a store's "About" and "Key Features" under "via its Steam page:")."""
    if (element.text or "").strip() or len(element) < 2:
        return False
    tags = [child.tag for child in element if isinstance(child.tag, str)]
    return (
        any(tag in _STRUCTURE for tag in tags)
        and all(tag == "p" or tag in _STRUCTURE for tag in tags)
        and not any((child.tail or "").strip() for child in element)
    )


_ATTRIBUTION_DASHES = ("—", "–", "-", "―")


def _attribution(quote: Element) -> Element | None:
    """A quote of whole paragraphs followed by loose text that opens with a dash: the attribution of an embedded
    post ("<p>…</p>&mdash; Rowena Pike (@rowenapike) <a>November 11, 2024</a>"), moved into a paragraph of
    its own (returned); or a ``<cite>`` closing a quote of paragraphs ("<p>…</p><cite><a>Haiku activity
    report</a></cite>"), the source it quotes; else None, the tree untouched."""
    children = list(quote)
    if (quote.text or "").strip() or not children or children[0].tag != "p":
        return None
    if (
        children[-1].tag == "cite"
        and not (children[-1].tail or "").strip()  # "<cite>Mayor Jane Doe</cite>, speaking …" is one line
        and all(child.tag == "p" and not (child.tail or "").strip() for child in children[:-1])
    ):
        return children[-1]
    last = max(at for at, child in enumerate(children) if child.tag == "p")
    words = children[:last]
    if any(child.tag != "p" or (child.tail or "").strip() for child in words):
        return None
    tail = (children[last].tail or "").lstrip()
    if not tail.startswith(_ATTRIBUTION_DASHES) or any(child.tag in BLOCK for child in children[last + 1 :]):
        return None
    attribution = etree.Element("p")
    attribution.text = xml_text(tail)
    children[last].tail = None
    for child in children[last + 1 :]:
        attribution.append(child)  # (moves it, its tail with it)
    quote.append(attribution)
    return attribution


def _paragraphs_only(element: Element) -> list[Element]:
    """The ``<p>`` children of a quote (or of the one ``div`` it wraps them in) made of two or more whole
    paragraphs (each ends a sentence) and nothing else; else none: a quote set as fragments
    ("<p>Quoted</p><p>twice.</p>") reads as one."""
    while len(element) == 1 and element[0].tag == "div" and not (element.text or "").strip():
        if (element[0].tail or "").strip():
            return []
        element = element[0]  # <blockquote><div><p>…</p><p>…</p></div></blockquote>: the wrapper says nothing
    if (element.text or "").strip() or len(element) < 2:
        return []
    children = list(element)
    if any(child.tag != "p" or (child.tail or "").strip() for child in children):
        return []
    texts = [text_of(child).strip() for child in children]
    for before, after in itertools.pairwise(texts):
        if not _ENDS_SENTENCE.search(before) and (not before.endswith((",", ";")) or not after[:1].isupper()):
            return []  # a sentence running on into the next paragraph ("The plan includes" / "New bike lanes")
    return children


def _clean_links(elements: Iterable[Element], base: str | None) -> tuple[bool, bool]:
    """Rewrite every link and image source once (``elements``: the tree's ``a`` and ``img``, in document
    order): resolved, http(s) only, tracking removed, else gone.

    Whether a link is left, and whether an image source is: a line's ``hrefs`` and a picture's block come only
    from these.
    """
    linked = pictured = False
    for element in elements:
        if element.tag == "a":
            href = element.get("href")
            if href is not None:
                cleaned = clean_link(href, base=base)
                if cleaned is None:
                    del element.attrib["href"]
                    element.tag = "span"  # a link that may not be followed is just its text
                    continue
                if cleaned != href:
                    element.set("href", cleaned)
                linked = True
            continue
        src = next(filter(None, (clean_link(element.get(a), base=base) for a in _IMAGE_SOURCES)), None)
        if src is None:
            if "src" in element.attrib:
                del element.attrib["src"]
        else:
            element.set("src", src)
            pictured = True
    return linked, pictured


def walk(root: Element, doc: Document, *, base: str | None, linked: Iterable[Element], plain: bool = False) -> None:
    """Append the blocks of ``root`` (a parsed ``<body>``) to ``doc``, links resolved against ``base``.

    ``linked``: the tree's ``a`` and ``img`` elements in document order, read from the tree rules' list of
    elements (``Tree.tagged``) rather than by ``root.iter("a", "img")``, whose tag matcher costs more than
    the whole of a tree without links (docs/benchmarks-normalize.md (o)).

    ``plain``: the tree was parsed from printable ASCII without ``&`` (``extract._plain_ascii``), so each
    text in it is printable and holds no ``&`` (nothing here or in the tree rules adds text but the
    parsed one) and ``simple`` need not test every paragraph with ``str.isprintable``.
    """
    doc.links, doc.pictures = _clean_links(linked, base)
    _Walker(doc, base, plain=plain).container(root, loose=True, depth=0)
