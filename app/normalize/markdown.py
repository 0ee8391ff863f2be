"""Markdown in an item's text (a code host's release notes, an issue's body) read as the HTML it stands for."""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt

__all__ = ["looks_like_markdown", "markdown_html"]

# A heading line ("## What's Changed"; a "#tag" has no space) or a code fence: what plain prose never starts a
# line with.
_STRUCTURE = re.compile(r"^(?:#{1,6}[ \t]+\S|```)", re.MULTILINE)
# What Markdown text carries beside it: a list line, strong text, a link or inline code.
_INLINE = re.compile(
    r"^[ \t]*[*+-][ \t]+\S|\*\*\S[^*\n]{0,200}\*\*|\[[^\]\n]{1,200}\]\(https?://|`[^`\n]{1,200}`", re.MULTILINE
)
# Markup of blocks: the text is HTML already (a picture or a comment inside Markdown is not).
_BLOCK_MARKUP = re.compile(r"<(?:p|div|br|ul|ol|li|h[1-6]|table|blockquote|pre|section|article)\b", re.IGNORECASE)
_MIN_SIGNS = 2
# Markdown's own marks are a few in a hundred characters of real notes; a run of thousands is no document, and
# markdown-it spends ~10 µs on each ("[" * 20,000: 0.2 s, measured 2026-12-05): such text is read as text.
_MAX_MARK_SHARE = 20
_MAX_CHARS = 200_000


def looks_like_markdown(content: str) -> bool:
    """True for text written in Markdown: a heading line or a code fence, and another heading, a list line,
    strong text, a link or inline code beside it; never for text that carries block markup, nor for text so
    long or so dense in Markdown's marks that rendering it would cost more than reading it."""
    if len(content) > _MAX_CHARS or sum(map(content.count, "[*_`")) * _MAX_MARK_SHARE > len(content):
        return False
    structure = _STRUCTURE.findall(content)
    if not structure or _BLOCK_MARKUP.search(content):
        return False
    return len(structure) >= _MIN_SIGNS or _INLINE.search(content) is not None


@functools.cache
def _renderer() -> MarkdownIt:
    # CommonMark with GitHub's tables and strikethrough; inline HTML passes on (a release's <img>, a comment)
    # to the HTML reader and the sanitizer like any other markup.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_html(content: str) -> str:
    """The HTML that Markdown ``content`` stands for."""
    html: str = _renderer().render(content)
    return html
