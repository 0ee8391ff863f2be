"""The structured body: working blocks grouped into typed blocks, and the body paragraphs derived from them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from app.normalize.blocks import Block
from app.normalize.model import BodyBlock

__all__ = ["body_of", "grouped", "outline", "tidy"]


def tidy(blocks: Sequence[Block]) -> list[Block]:
    """The blocks without what the rules left empty: table rows whose cells all lost their text (a layout
    cell of chrome), and a code block's blank first and last lines (its first line taken as the headline)."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "row" and not any(line.text for line in block.lines):
            continue
        if block.kind == "code":
            lines = block.lines
            start, end = 0, len(lines)
            while start < end and not lines[start].text.strip():
                start += 1
            while end > start and not lines[end - 1].text.strip():
                end -= 1
            if start == end:
                continue
            if (start, end) != (0, len(lines)):
                block.lines = lines[start:end]
        out.append(block)
    return out


def _continues(previous: Block, block: Block) -> bool:
    """True when ``block`` is the next item of ``previous``'s list (same list, same kind, next number)."""
    if block.kind != "li" or block.group != previous.group:
        return False
    if previous.number is None:
        return block.number is None
    return block.number == previous.number + 1


def grouped(blocks: Sequence[Block]) -> Iterator[Sequence[Block]]:
    """Blocks as they render: a list's items together, a table's rows together, any other block alone.

    A list also ends where ordered items meet unordered ones or a number skips (``li value``, a nested
    list): each part then starts at its own first number.
    """
    index, count = 0, len(blocks)
    while index < count:
        first = blocks[index]
        end = index + 1
        if first.kind == "li":
            while end < count and _continues(blocks[end - 1], blocks[end]):
                end += 1
        elif first.kind == "row":
            while end < count and blocks[end].kind == "row" and blocks[end].group == first.group:
                end += 1
        yield blocks[index:end]
        index = end


def outline(blocks: Sequence[Block]) -> list[BodyBlock]:
    """The item's typed blocks in document order: every block but the key-point bullets."""
    out: list[BodyBlock] = []
    for run in grouped([block for block in blocks if not block.bullet]):
        first = run[0]
        kind = first.kind
        if kind == "li":
            number = first.number
            ordered = number is not None
            items = [block.text for block in run]
            out.append({"type": "list", "ordered": ordered, "start": 1 if number is None else number, "items": items})
        elif kind == "row":
            out.append({"type": "table", "rows": [[cell.text for cell in block.lines] for block in run]})
        elif kind == "img":
            if first.src:
                out.append({"type": "figure", "image": first.src, "caption": first.caption})
        elif kind == "code":
            out.append({"type": "code", "text": "\n".join(line.text for line in first.lines)})
        elif kind == "h":
            out.append({"type": "heading", "level": min(max(first.level, 1), 6), "text": first.text})
        elif kind == "quote":
            out.append({"type": "quote", "text": first.text})
        else:
            out.append({"type": "paragraph", "text": first.text})
    return out


def body_of(blocks: Sequence[BodyBlock]) -> list[str]:
    """The body paragraphs the blocks give, by the contract consumers rely on.

    A heading, a paragraph and a quote are their text; an ordered list item starts with its number
    (``1. ``, from ``start``), an unordered one has no marker; a code block is one paragraph with its
    line breaks and indentation; a table row is its (non-empty) cells joined by `` | ``; a figure gives
    nothing (images and captions are not story text).
    """
    body: list[str] = []
    for block in blocks:
        if block["type"] == "list":
            if block["ordered"]:
                start = block["start"]
                body.extend(f"{start + at}. {item}" for at, item in enumerate(block["items"]))
            else:
                body.extend(block["items"])
        elif block["type"] == "table":
            body.extend(row for row in (" | ".join(cell for cell in cells if cell) for cells in block["rows"]) if row)
        elif block["type"] != "figure":
            body.append(block["text"])
    return body
