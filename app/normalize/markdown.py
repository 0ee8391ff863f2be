"""Markdown in an item's text (a code host's release notes, an issue's body) read as the HTML it stands for."""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt

__all__ = ["looks_like_markdown", "markdown_html"]

# A heading line ("## What's Changed"; a "#tag" has no space) or a code fence: what plain prose never starts a
# line with.
_STRUCTURE = re.compile(r"(?:#{1,6}[ \t]+\S|```)")
# The same after a line break: sre finds the literal "\n" first, where a multi-line "^" is tried at every position.
_LINE_STRUCTURE = re.compile(r"\n(?:#{1,6}[ \t]+\S|```)")
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
    structure = _structure_lines(content)
    if not structure or len(content) > _MAX_CHARS:
        return False
    if sum(map(content.count, "[*_`")) * _MAX_MARK_SHARE > len(content) or _BLOCK_MARKUP.search(content):
        return False
    return structure >= _MIN_SIGNS or _INLINE.search(content) is not None


def _structure_lines(content: str) -> int:
    """How many lines open with a heading or a code fence.

    The first line by a match, the others by a search from each line break, and only when there is one (a
    memchr): ``findall`` of a multi-line ``^`` tried every position of a 2 KB content (~20 µs a
    bench.normalize item by timeit, against ~0.1 µs without a line break and ~2.4 µs with them; 2026-12-05).
    A match ends within its line, so each line counts once either way.
    """
    first = 1 if _STRUCTURE.match(content) else 0
    return first + len(_LINE_STRUCTURE.findall(content)) if "\n" in content else first


@functools.cache
def _renderer() -> MarkdownIt:
    # CommonMark with GitHub's tables and strikethrough; inline HTML passes on (a release's <img>, a comment)
    # to the HTML reader and the sanitizer like any other markup.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_html(content: str) -> str:
    """The HTML that Markdown ``content`` stands for."""
    html: str = _renderer().render(content)
    return html
