"""The structured body: working blocks grouped into typed blocks, and the body paragraphs derived from them."""

from __future__ import annotations

from collections.abc import Sequence

from app.normalize.blocks import Block
from app.normalize.model import BodyBlock

__all__ = ["body_of", "continues", "outline", "tidy"]


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


def continues(previous: Block, block: Block) -> bool:
    """True when ``block`` is the next item of ``previous``'s list: the same list, both ordered or both not,
    and the next number.

    A list also ends where ordered items meet unordered ones or a number skips (``li value``, a nested
    list): each part then starts at its own first number.
    """
    if block.kind != "li" or block.group != previous.group:
        return False
    if previous.number is None:
        return block.number is None
    return block.number == previous.number + 1


def outline(blocks: Sequence[Block]) -> list[BodyBlock]:
    """The item's typed blocks in document order: every block but the key-point bullets.

    A list's items go together while each ``continues`` the last; a table's rows while they share a group.
    """
    out: list[BodyBlock] = []
    items: list[str] | None = None  # the open list's items, while the last block was one of its items
    rows: list[list[str]] | None = None  # the open table's rows, likewise
    previous: Block | None = None
    for block in blocks:
        if block.bullet:
            continue
        kind = block.kind
        if kind == "p":
            out.append({"type": "paragraph", "text": block.text})
        elif kind == "li":
            if items is not None and previous is not None and continues(previous, block):
                items.append(block.text)
            else:
                number = block.number
                items = [block.text]
                out.append(
                    {
                        "type": "list",
                        "ordered": number is not None,
                        "start": 1 if number is None else number,
                        "items": items,
                    }
                )
            previous, rows = block, None
            continue
        elif kind == "row":
            cells = [cell.text for cell in block.lines]  # `tidy` took the rows the rules left empty
            if rows is not None and previous is not None and previous.group == block.group:
                rows.append(cells)
            else:
                rows = [cells]
                out.append({"type": "table", "rows": rows})
            previous, items = block, None
            continue
        elif kind == "img":
            if block.src:
                out.append({"type": "figure", "image": block.src, "caption": block.caption})
        elif kind == "code":  # `tidy` took its blank edge lines
            out.append({"type": "code", "text": "\n".join(line.text for line in block.lines)})
        elif kind == "h":
            out.append({"type": "heading", "level": min(max(block.level, 1), 6), "text": block.text})
        else:
            out.append({"type": "quote", "text": block.text})
        items = rows = previous = None
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
