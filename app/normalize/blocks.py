"""The working document: content as a list of blocks (paragraphs, list items, code, table rows, images) of lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from app.normalize.text import BULLET_MARKER, strip_marker

__all__ = [
    "MARKER_CHARS",
    "VERBATIM",
    "Block",
    "BlockKind",
    "Document",
    "Line",
    "split_marked_lines",
    "split_numbered_lines",
]

BlockKind = Literal["p", "h", "quote", "li", "img", "code", "row"]
VERBATIM: frozenset[BlockKind] = frozenset({"img", "code", "row"})
"""Kinds whose lines are not prose lines: an image, a code block's lines, a table row's cells."""
MARKER_CHARS = frozenset("-•*–·●▪◦‣")
"""The first characters of a key-point marker (``text.BULLET_MARKER``)."""
_HTML_MARKER = re.compile(r"^((?:\s|<[^>]*>)*)(?:[-•*–·●▪◦‣]\s+)+")
_NUMBERED = re.compile(r"(\d{1,4})[.)]\s+(?=\S)")
_HTML_NUMBER = re.compile(r"^((?:\s|<[^>]*>)*)\d{1,4}[.)]\s+")


@dataclass(slots=True)
class Line:
    """One line of text (a soft ``<br>`` break or a text line) with its inline HTML rendering."""

    text: str
    html: str
    hrefs: tuple[str, ...] = ()
    link_chars: int = 0

    @property
    def link_only(self) -> bool:
        """(Nearly) all of the line's text is link text (the spaces between links do not count)."""
        text = self.text
        return self.link_chars >= 0.9 * (len(text) - text.count(" "))


@dataclass(slots=True)
class Block:
    """A paragraph, heading, quote, list item, code block, table row or image, in document order.

    A code block holds one line per source line, verbatim; a table row holds one line per cell.
    """

    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    group: int = 0
    """List items of one list, and rows of one table, share a group (0: neither)."""
    summary: bool = False
    """A list item of ``ul.summary-list`` (the publisher's own key points)."""
    level: int = 0
    src: str | None = None
    alt: str = ""
    bullet: bool = False
    number: int | None = None
    """An ordered list item's number (None: an unordered item, or not a list item)."""
    head: bool = False
    """A table's header row (``thead``, or cells that are all ``th``)."""
    caption: str | None = None
    """An image's ``figcaption`` text (never body text)."""
    in_figure: bool = False
    """An image of a ``figure``, whose caption is its ``figcaption``, not a paragraph under it."""
    from_line: bool = False
    """An ordered list item read from a numbered line (``1. …``), not from a list element."""
    beside_picture: bool = False
    """Text of a paragraph that holds a picture too (``<p><img><br><i>caption</i></p>``)."""

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
    trailer_name: str | None = None
    """The site a trailer names ("… appeared first on <site>"): the publisher when nothing else names one."""
    groups: int = 0
    link: str | None = None
    """The item's own canonical URL, when it has one (a line that only links there is chrome)."""
    links: bool = True
    """Some line may have links (``Line.hrefs``); False when the content had none to give, so the rules
    that read only linked lines pass the document over without reading a line (−3.7 % instructions per
    bench.normalize item, whose content has no link: a14f964, 2026-12-05, docs/benchmarks-normalize.md)."""
    pictures: bool = True
    """Some block may be a picture; False when the content had no image source to give, so the rules that
    read only what stands by a picture pass the document over (1,246,122 → 1,239,712 instructions per
    bench.normalize item, −0.5 %; docs/benchmarks-normalize.md (p))."""

    def new_group(self) -> int:
        """A fresh list-group number."""
        self.groups += 1
        return self.groups


def _marked(text: str) -> bool:
    return text[:1] in MARKER_CHARS and BULLET_MARKER.match(text) is not None


def _spoken(blocks: list[Block], index: int) -> bool:
    """A paragraph opened by a dash alone among unmarked paragraphs: speech, as Nordic, Slavic and French
    papers set a quotation ("– Vi ser at …, sier Kari Nygaard"), or by an asterisk: a footnote ("* Prices
    may vary"); two such lines in a row are a list."""
    if blocks[index].lines[0].text[:2] not in ("– ", "— ", "* "):  # "* Availability may vary": a footnote
        return False
    if index and blocks[index - 1].lines and _marked(blocks[index - 1].lines[-1].text):
        return False
    return not (index + 1 < len(blocks) and blocks[index + 1].lines and _marked(blocks[index + 1].lines[0].text))


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
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        lines = block.lines
        if block.kind in VERBATIM or (len(lines) == 1 and lines[0].text[:1] not in MARKER_CHARS):
            out.append(block)  # the common case, without the checks below
            previous_fake = False
            continue
        if block.kind == "p" and len(lines) == 1 and _spoken(blocks, index):
            out.append(block)  # "– Gruvan blir …, säger Anna Lindqvist": a dash that opens speech
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


def split_numbered_lines(doc: Document) -> None:
    """Turn runs of ``1. ``/``2) `` lines into ordered list items (numbers kept on the blocks).

    Two or more lines numbered one after the other make a list; a lone numbered line stays a paragraph
    ("2024. A year…"). The body gives each item its number back, so the text reads as it came, and
    content fed back in (body paragraphs ``1. …``) keeps its list. Such a list is never the key points
    (``from_line``): numbered lines were story paragraphs before they were read as a list.
    """
    for block in doc.blocks:  # plain loops: this check runs for every item, and nearly always finds none
        if block.kind == "p":
            for line in block.lines:
                if line.text[:1].isdigit() and _NUMBERED.match(line.text):
                    break
            else:
                continue
            break
    else:
        return
    out: list[Block] = []
    made: dict[int, Line] = {}  # id of a new list item -> the line it came from
    for block in doc.blocks:
        if block.kind != "p" or not any(_numbered(line.text) for line in block.lines):
            out.append(block)
            continue
        pending: list[Line] = []
        for line in block.lines:
            match = _numbered(line.text)
            if match is None:
                pending.append(line)
                continue
            if pending:
                out.append(Block("p", pending))
                pending = []
            number = int(match[1])
            previous = out[-1] if out else None
            follows = previous is not None and id(previous) in made and previous.number == number - 1
            group = previous.group if follows and previous is not None else doc.new_group()
            item = Block("li", [_unnumber(line, match.end())], group=group, number=number, from_line=True)
            made[id(item)] = line
            out.append(item)
        if pending:
            out.append(Block("p", pending))
    sizes: dict[int, int] = {}
    for block in out:
        if id(block) in made:
            sizes[block.group] = sizes.get(block.group, 0) + 1
    doc.blocks = [Block("p", [made[id(b)]]) if id(b) in made and sizes[b.group] == 1 else b for b in out]


def _numbered(text: str) -> re.Match[str] | None:
    return _NUMBERED.match(text) if text[:1].isdigit() else None


def _unnumber(line: Line, end: int) -> Line:
    html = _HTML_NUMBER.sub(r"\1", line.html, count=1)
    return Line(line.text[end:], html, line.hrefs, line.link_chars)
