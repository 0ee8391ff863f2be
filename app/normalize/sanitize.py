"""Renders the cleaned blocks to HTML and passes it through one reused nh3 allowlist cleaner (last)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape

import nh3

from app.normalize.blocks import Block

__all__ = ["ALLOWED_TAGS", "render", "sanitize"]

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "ul", "ol", "li", "a", "strong", "em", "b", "i", "u", "s", "sub", "sup", "code",
        "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "img",
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
        attributes={"a": {"href"}, "img": {"src", "alt"}},
        url_schemes={"http", "https"},
        url_relative="deny",
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sanitize(html: str) -> str:
    """Clean any HTML with the allowlist (defence in depth: ``render`` only emits allowed markup)."""
    return str(_cleaner().clean(html))


def render(blocks: Sequence[Block]) -> str | None:
    """Blocks in document order as HTML: lists, paragraphs, headings, quotes, images; None if empty."""
    parts: list[str] = []
    open_group: int | None = None
    # Only lines serialized from the content's own markup can hold anything unsafe; escaped text lines
    # (no "<") inside our own allowlisted tags need no second pass. Images always take it.
    plain = True
    for block in blocks:
        kind = block.kind
        group = block.group if kind == "li" else None
        if open_group is not None and group != open_group:
            parts.append("</ul>")
            open_group = None
        if kind == "img":
            parts.append(f'<p><img src="{escape(block.src or "")}" alt="{escape(block.alt)}"></p>')
            plain = False
            continue
        lines = block.lines
        if len(lines) == 1:
            inner = lines[0].html
            plain = plain and "<" not in inner
        else:
            inner = "<br>".join(line.html for line in lines)
            plain = plain and all("<" not in line.html for line in lines)
        if kind == "li":
            if open_group is None:
                parts.append("<ul>")
                open_group = group
            parts.append(f"<li>{inner}</li>")
        elif kind == "h":
            level = min(max(block.level, 2), 6)
            parts.append(f"<h{level}>{inner}</h{level}>")
        elif kind == "quote":
            parts.append(f"<blockquote><p>{inner}</p></blockquote>")
        else:
            parts.append(f"<p>{inner}</p>")
    if open_group is not None:
        parts.append("</ul>")
    if not parts:
        return None
    cleaned = "".join(parts) if plain else sanitize("".join(parts))
    return cleaned or None
