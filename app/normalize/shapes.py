"""How a table or an ordered list is shaped in the HTML tree: its rows, whether it is layout, its numbers."""

from __future__ import annotations

from lxml import etree

from app.normalize.markup import Element

__all__ = ["CELLS", "integer", "is_layout", "table_rows"]

CELLS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# A cell holding more than one of these is page layout, not data (a newsletter's column of paragraphs).
_PARAGRAPHS = frozenset({"p", "div", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})
_MAX_NUMBER = 999_999_999


def integer(value: str | None) -> int | None:
    """An HTML integer attribute (``start``, ``value``), None when absent or not a number."""
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return max(-_MAX_NUMBER, min(number, _MAX_NUMBER))


def table_rows(table: Element) -> list[tuple[Element, bool]]:
    """The rows of a table in document order, each with whether it sits in ``thead``."""
    rows: list[tuple[Element, bool]] = []
    for child in table:
        tag = child.tag
        if tag == "tr":
            rows.append((child, False))
        elif tag in _ROW_GROUPS:
            rows.extend((row, tag == "thead") for row in child if row.tag == "tr")
    return rows


def is_layout(rows: list[tuple[Element, bool]]) -> bool:
    """True for a table used as page layout: one column, a nested table, a cell of paragraphs, or one row setting a
    picture beside its text (Reddit's feed: the thumbnail's cell, then the post's and "submitted by …")."""
    pair = [cell for cell in rows[0][0] if cell.tag in CELLS] if len(rows) == 1 else []
    if len(pair) == 2 and sum(_picture_alone(cell) for cell in pair) == 1:  # (a score's row of flags: data)
        return True
    widest = 0
    for row, _head in rows:
        cells = 0
        for cell in row:
            if cell.tag not in CELLS:
                continue
            cells += 1
            if sum(1 for child in cell if child.tag in _PARAGRAPHS) > 1:
                return True
            if any(d.tag == "table" for d in cell.iterdescendants()):
                return True
        widest = max(widest, cells)
    return widest < 2


def _picture_alone(cell: Element) -> bool:
    """The cell holds a picture (perhaps linked) and no words."""
    return any(True for _ in cell.iter("img")) and not etree.tostring(cell, method="text", encoding=str).strip()
