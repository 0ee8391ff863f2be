"""The working document: content as a list of blocks (paragraphs, list items, images) of lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from app.normalize.text import BULLET_MARKER, strip_marker

__all__ = ["Block", "BlockKind", "Document", "Line", "split_marked_lines"]

BlockKind = Literal["p", "h", "quote", "li", "img"]
_MARKER_CHARS = frozenset("-•*–·●▪◦‣")
_HTML_MARKER = re.compile(r"^((?:\s|<[^>]*>)*)(?:[-•*–·●▪◦‣]\s+)+")


@dataclass(slots=True)
class Line:
    """One line of text (a soft ``<br>`` break or a text line) with its inline HTML rendering."""

    text: str
    html: str
    hrefs: tuple[str, ...] = ()
    link_chars: int = 0


@dataclass(slots=True)
class Block:
    """A paragraph, heading, quote, list item or image, in document order."""

    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    group: int = 0
    """List items of one list share a group (0: not a list item)."""
    summary: bool = False
    """A list item of ``ul.summary-list`` (the publisher's own key points)."""
    level: int = 0
    src: str | None = None
    alt: str = ""
    bullet: bool = False

    @property
    def text(self) -> str:
        """The block's text: its lines joined by one space."""
        if len(self.lines) == 1:
            return self.lines[0].text
        return " ".join(line.text for line in self.lines if line.text)

    @property
    def link_only(self) -> bool:
        """True when (nearly) all the text is link text: a related-links entry."""
        total = sum(len(line.text) for line in self.lines)
        return total > 0 and sum(line.link_chars for line in self.lines) >= 0.9 * total


@dataclass(slots=True)
class Document:
    """The content of one item while it is cleaned; rules edit ``blocks`` in place."""

    blocks: list[Block] = field(default_factory=list)
    footer_name: str | None = None
    footer_url: str | None = None
    groups: int = 0

    def new_group(self) -> int:
        """A fresh list-group number."""
        self.groups += 1
        return self.groups


def _marked(text: str) -> bool:
    return text[:1] in _MARKER_CHARS and BULLET_MARKER.match(text) is not None


def _unmark(line: Line) -> Line:
    text = strip_marker(line.text)
    html = _HTML_MARKER.sub(r"\1", line.html, count=1)
    return Line(text, html, line.hrefs, line.link_chars)


def split_marked_lines(doc: Document) -> None:
    """Turn ``- ``/``• `` lines into list items (markers removed) and group adjacent ones.

    Feeds often fake key points as ``<p>• …</p>`` or ``…<br>- …`` lines; text content always does.
    Treating every marked line the same way in HTML and text keeps the output stable when it is fed
    back in: no output paragraph starts with a marker.
    """
    out: list[Block] = []
    previous_fake = False
    for block in doc.blocks:
        lines = block.lines
        if block.kind == "img" or (len(lines) == 1 and lines[0].text[:1] not in _MARKER_CHARS):
            out.append(block)  # the common case, without the checks below
            previous_fake = False
            continue
        if block.kind == "li":
            if any(_marked(line.text) for line in block.lines):
                block.lines = [_unmark(line) if _marked(line.text) else line for line in block.lines]
            out.append(block)
            previous_fake = False
            continue
        if not any(_marked(line.text) for line in block.lines):
            out.append(block)
            previous_fake = False
            continue
        pending: list[Line] = []
        for line in block.lines:
            if not _marked(line.text):
                pending.append(line)
                continue
            if pending:
                out.append(Block(block.kind, pending, level=block.level))
                pending = []
                previous_fake = False
            group = out[-1].group if previous_fake else doc.new_group()
            out.append(Block("li", [_unmark(line)], group=group))
            previous_fake = True
        if pending:
            out.append(Block(block.kind, pending, level=block.level))
            previous_fake = False
    doc.blocks = out
