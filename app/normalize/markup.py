"""HTML vocabulary shared by the walker and its inline runs: which elements are blocks or never text."""

from __future__ import annotations

from html import escape

from lxml import etree

__all__ = ["BLOCK", "MAX_DEPTH", "NEVER_TEXT", "Element", "escape_text"]

Element = etree._Element

NEVER_TEXT = frozenset(
    {
        "script", "style", "template", "noscript", "svg", "math", "iframe", "frame", "frameset",
        "object", "applet", "param", "head", "title", "meta", "link", "base", "textarea", "select",
        "option", "button", "input", "canvas", "audio", "video", "map", "area", "figcaption", "dialog",
    }
)  # fmt: skip
"""Elements whose text is never story text (code, styling, embeds, form controls, image captions).

HTML5's void ``embed``, ``source``, ``track`` and ``wbr`` are not here: libxml2 does not know they are
void and nests what follows inside them, so they are walked like any unknown inline element.
"""

BLOCK = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "address", "center",
        "details", "summary", "fieldset", "legend", "form", "hgroup", "body", "html",
    }
)  # fmt: skip

MAX_DEPTH = 200  # libxml2 stops nesting at 255; this keeps the recursion well inside Python's limit


def escape_text(text: str) -> str:
    """HTML-escape a text segment (most have nothing to escape)."""
    if "&" in text or "<" in text or ">" in text:
        return escape(text, quote=False)
    return text
