"""Renders the cleaned blocks to semantic HTML and passes it through one reused nh3 allowlist cleaner (last)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape

import nh3

from app.normalize.blocks import Block, Line
from app.normalize.outline import continues

__all__ = ["ALLOWED_TAGS", "render", "sanitize"]

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "ul", "ol", "li", "a", "strong", "em", "b", "i", "u", "s", "sub", "sup", "code",
        "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "img", "table", "thead", "tbody", "tr",
        "th", "td", "figure", "figcaption",
    }
)  # fmt: skip
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "svg", "math", "iframe", "noscript", "template", "object", "embed", "textarea"}
)


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """One allowlist cleaner for the process: http(s) links and images only, no relative URLs."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        # ("*": none on every tag; nh3 otherwise lets ammonia's "lang" and "title" through anywhere)
        attributes={"a": {"href"}, "img": {"src", "alt"}, "ol": {"start"}, "*": set()},
        url_schemes={"http", "https"},
        url_relative="deny",
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sanitize(html: str) -> str:
    """Clean any HTML with the allowlist (defence in depth: ``render`` only emits allowed markup)."""
    return str(_cleaner().clean(html))


def _inner(lines: Sequence[Line]) -> tuple[str, bool]:
    """The lines' inline HTML joined by ``<br>``, and whether it is plain escaped text (no ``<``)."""
    if len(lines) == 1:
        inner = lines[0].html
        return inner, "<" not in inner
    inner = "<br>".join(line.html for line in lines)
    return inner, all("<" not in line.html for line in lines)


def _table(rows: Sequence[Block]) -> str:
    parts = ["<table>"]
    heads = [row for row in rows if row.head]
    bodies = [row for row in rows if not row.head]
    for section, members, cell in (("thead", heads, "th"), ("tbody", bodies, "td")):
        if members:
            parts.append(f"<{section}>")
            parts.extend("<tr>" + "".join(f"<{cell}>{c.html}</{cell}>" for c in row.lines) + "</tr>" for row in members)
            parts.append(f"</{section}>")
    parts.append("</table>")
    return "".join(parts)


def render(blocks: Sequence[Block]) -> str | None:
    """Blocks in document order as semantic HTML; None if empty.

    Lists (``ol start`` when ordered; items grouped as app/normalize/outline.py groups them), paragraphs,
    headings (``h2``-``h4``), quotes, code (``pre><code``), tables (``thead`` for header rows) and images
    (``figure`` with its ``figcaption`` when captioned).
    """
    parts: list[str] = []
    # Only lines serialized from the content's own markup can hold anything unsafe; escaped text lines
    # (no "<") inside our own allowlisted tags need no second pass. Images always take it.
    plain = True
    item: Block | None = None  # the open list's last item
    rows: list[Block] = []  # the open table's rows
    for block in blocks:
        kind = block.kind
        if rows and (kind != "row" or block.group != rows[0].group):
            parts.append(_table(rows))
            rows = []
        if item is not None and not continues(item, block):
            parts.append("</ul>" if item.number is None else "</ol>")
            item = None
        if kind == "li":
            if item is None:
                number = block.number
                parts.append("<ul>" if number is None else "<ol>" if number == 1 else f'<ol start="{number}">')
            inner, simple = _inner(block.lines)
            plain = plain and simple
            parts.append(f"<li>{inner}</li>")
            item = block
        elif kind == "row":  # rows a rule emptied are gone already (outline.tidy)
            plain = plain and all("<" not in cell.html for cell in block.lines)
            rows.append(block)
        elif kind == "img":
            image = f'<img src="{escape(block.src or "")}" alt="{escape(block.alt)}">'
            if block.caption:
                parts.append(f"<figure>{image}<figcaption>{escape(block.caption, quote=False)}</figcaption></figure>")
            else:
                parts.append(f"<p>{image}</p>")
            plain = False
        elif kind == "code":
            parts.append("<pre><code>" + "\n".join(line.html for line in block.lines) + "</code></pre>")
        else:
            inner, simple = _inner(block.lines)
            plain = plain and simple
            if kind == "h":
                level = min(max(block.level, 2), 4)
                parts.append(f"<h{level}>{inner}</h{level}>")
            elif kind == "quote":
                parts.append(f"<blockquote><p>{inner}</p></blockquote>")
            else:
                parts.append(f"<p>{inner}</p>")
    if rows:
        parts.append(_table(rows))
    if item is not None:
        parts.append("</ul>" if item.number is None else "</ol>")
    if not parts:
        return None
    cleaned = "".join(parts) if plain else sanitize("".join(parts))
    return cleaned or None
