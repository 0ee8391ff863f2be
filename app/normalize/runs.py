"""Inline content between two block boundaries, cut into lines and paragraphs for the walker."""

from __future__ import annotations

import re
from html import escape

from app.normalize.blocks import Block, BlockKind, Document, Line
from app.normalize.markup import BLOCK, MAX_DEPTH, NEVER_TEXT, Element, escape_text
from app.normalize.text import clean_fragment, clean_text, guard, settle

__all__ = ["MAX_ALT_CHARS", "Run"]

_EMPHASIS = {
    "b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "u", "s": "s", "strike": "s",
    "del": "s", "sub": "sub", "sup": "sup", "code": "code", "kbd": "code", "tt": "code", "samp": "code",
}  # fmt: skip
_SPACES = re.compile(r"\s+")
MAX_ALT_CHARS = 300


class Run:
    """Inline content between two block boundaries: collects lines, paragraphs and images."""

    def __init__(self, doc: Document, *, loose: bool, flat: bool = False) -> None:
        self.doc = doc
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
        self.htmls.append(escape_text(shown))
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
        text = settle("".join(self.texts))
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
                elif tag in BLOCK:
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
        href = element.get("href") if tag == "a" else None
        if tag == "a":
            if href:
                name, opening = "a", f'<a href="{escape(href)}">'
            self.in_link += 1
        elif tag in _EMPHASIS:
            name = _EMPHASIS[tag]
            opening = f"<{name}>"
        if name is not None:
            if self.pending_breaks and element.text and element.text.strip():
                self._resolve_breaks()
            if href:  # after the break: a link that starts a line belongs to that line, not the one before
                self.hrefs.append(href)
            self.htmls.append(opening)
            self.open_tags.append((name, opening))
        self.children(element, depth)
        if name is not None:
            self.open_tags.pop()
            self.htmls.append(f"</{name}>")
        if tag == "a":
            self.in_link -= 1

    def close(
        self,
        kind: BlockKind = "p",
        *,
        group: int = 0,
        summary: bool = False,
        level: int = 0,
        number: int | None = None,
    ) -> None:
        if not self.texts and not self.items and not self.paragraphs:
            return
        self.pending_breaks = 0
        self.end_line()
        self.end_paragraph()
        blocks = self.doc.blocks
        if self.flat:
            lines = [item for para in self.paragraphs for item in para if isinstance(item, Line)]
            blocks.extend(item for para in self.paragraphs for item in para if isinstance(item, Block))
            if lines:
                blocks.append(Block(kind, lines, group=group, summary=summary, level=level, number=number))
            return
        split_lines = self.loose and not self.double_break
        for para in self.paragraphs:
            lines = [item for item in para if isinstance(item, Line)]
            blocks.extend(item for item in para if isinstance(item, Block))
            if split_lines:
                blocks.extend(Block(kind, [line]) for line in lines)
            elif lines:
                blocks.append(Block(kind, lines))

    def cell(self) -> tuple[Line, list[Block]]:
        """A table cell's content as one line (its lines joined by a space), and the images in it."""
        self.pending_breaks = 0
        self.end_line()
        self.end_paragraph()
        items = [item for para in self.paragraphs for item in para]
        lines = [item for item in items if isinstance(item, Line)]
        images = [item for item in items if isinstance(item, Block)]
        text = " ".join(line.text for line in lines)
        html = "<br>".join(line.html for line in lines)
        hrefs = tuple(href for line in lines for href in line.hrefs)
        return Line(text, html, hrefs, sum(line.link_chars for line in lines)), images
