"""What feedhook sends out; this module is the feed renderers' pure core: entries, feed metadata, published text.

``jsonfeed`` and ``atom`` render stored items as documents (pure: bytes in memory, no I/O); ``webhooks`` delivers
them. The shared core lives here, importing nothing but the standard library, so either renderer stays pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from typing import Protocol

__all__ = [
    "FeedEntry",
    "FeedMeta",
    "clean",
    "content_html",
    "content_text",
    "entry_id",
    "entry_link",
    "entry_published",
    "entry_summary",
    "rfc3339",
    "via_link",
]


class FeedEntry(Protocol):
    """The fields of a stored item the renderers read; ``app.api.schemas.ItemOut`` has them all."""

    # Read-only properties, so pydantic models and frozen dataclasses both qualify.
    @property
    def id(self) -> int: ...
    @property
    def headline(self) -> str | None: ...
    @property
    def bullets(self) -> Sequence[str]: ...
    @property
    def body(self) -> Sequence[str]: ...
    @property
    def blocks(self) -> Sequence[Mapping[str, object]]: ...
    @property
    def source(self) -> str | None: ...
    @property
    def source_link(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def image_url(self) -> str | None: ...
    @property
    def published_at(self) -> datetime | None: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


@dataclass(frozen=True, slots=True)
class FeedMeta:
    """What a feed document says about itself; every URL absolute."""

    title: str
    feed_url: str
    """The first page with these filters: the feed's identity (JSON Feed ``feed_url``, Atom ``id``)."""
    self_url: str
    """This very page (Atom ``rel="self"``)."""
    updated: datetime
    """The newest ``updated_at`` on the page, else the caller's now (Atom requires a feed ``updated``)."""
    home_page_url: str | None = None
    next_url: str | None = None
    description: str | None = None


# XML 1.0 §2.2 allows only these code points, not even as character references; lxml refuses the rest and
# orjson refuses lone surrogates. DEL and C1 controls are legal XML but never real news text (at best
# mis-decoded cp1252), so one definition of "publishable" serves both formats.
_UNPUBLISHABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """The text without code points XML forbids (nor DEL/C1 controls), line breaks as LF; the rest as is."""
    # XML (§2.11) and HTML parsers both turn CR LF and lone CR into LF: doing it here makes both formats
    # read back exactly what was written.
    return _UNPUBLISHABLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def _texts(values: Sequence[str]) -> list[str]:
    return [text for text in (clean(value).strip() for value in values) if text]


def _strings(value: object) -> list[str]:
    return [text for text in value if isinstance(text, str)] if isinstance(value, list) else []


def _strings_or_lists(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _text(block: Mapping[str, object], key: str = "text") -> str:
    value = block.get(key)
    return clean(value).strip() if isinstance(value, str) else ""


def _block_html(block: Mapping[str, object]) -> str:
    """One structured-body block as semantic HTML, every text escaped; "" when it has no text."""
    kind = block.get("type")
    if kind == "list":
        items = _texts(_strings(block.get("items")))
        if not items:
            return ""
        start = block.get("start")
        ordered = block.get("ordered") is True
        tag = "ol" if ordered else "ul"
        opening = f'<ol start="{start}">' if ordered and isinstance(start, int) and start != 1 else f"<{tag}>"
        return opening + "".join(f"<li>{escape(item)}</li>" for item in items) + f"</{tag}>"
    if kind == "table":
        rows = [cells for cells in (_strings(row) for row in _strings_or_lists(block.get("rows"))) if any(cells)]
        if not rows:
            return ""
        cells = ("".join(f"<td>{escape(clean(cell).strip())}</td>" for cell in row) for row in rows)
        return "<table><tbody>" + "".join(f"<tr>{row}</tr>" for row in cells) + "</tbody></table>"
    if kind == "figure":
        image = _text(block, "image")
        if not image.startswith(("https://", "http://")):
            return ""
        caption = _text(block, "caption")
        figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
        return f'<figure><img src="{escape(image)}" alt="">{figcaption}</figure>'
    if kind == "code":
        code = block.get("text")
        code = clean(code).strip("\n") if isinstance(code, str) else ""
        return f"<pre><code>{escape(code)}</code></pre>" if code.strip() else ""
    text = _text(block)
    if not text:
        return ""
    if kind == "heading":
        level = block.get("level")
        level = min(max(level, 2), 4) if isinstance(level, int) else 2
        return f"<h{level}>{escape(text)}</h{level}>"
    if kind == "quote":
        return f"<blockquote><p>{escape(text)}</p></blockquote>"
    return f"<p>{escape(text)}</p>"


def content_html(entry: FeedEntry) -> str:
    """Bullets as one ``<ul>``, then the structured body as semantic HTML, every text escaped; "" when empty.

    Headings, ordered lists (with ``start``), code (``pre><code``), tables, quotes and captioned figures keep
    their shape. Built from the stored blocks' text, not the stored ``body_html``: markup made here by
    escaping cannot carry anything the text does not, whatever normalizer version stored the item, and it
    says what ``content_text`` says.
    """
    bullets = _texts(entry.bullets)
    parts = ["<ul>" + "".join(f"<li>{escape(b)}</li>" for b in bullets) + "</ul>"] if bullets else []
    parts += [html for html in map(_block_html, entry.blocks) if html]
    return "".join(parts)


def content_text(entry: FeedEntry) -> str:
    """Bullets as "• " lines, then the paragraphs, blocks separated by a blank line."""
    bullets, paragraphs = _texts(entry.bullets), _texts(entry.body)
    blocks = ["\n".join(f"• {b}" for b in bullets)] if bullets else []
    return "\n\n".join(blocks + paragraphs)


def entry_summary(entry: FeedEntry) -> str | None:
    """The first bullet (the story's key point), else the first paragraph."""
    return next(iter(_texts(entry.bullets) or _texts(entry.body)), None)


def entry_id(entry: FeedEntry) -> str:
    """A permanent id that survives a change of host name (the same URN scheme as problem types)."""
    return f"urn:feedhook:item:{entry.id}"


def entry_link(entry: FeedEntry) -> str | None:
    """The canonical article URL, else the link as received (e.g. an ift.tt shortlink)."""
    return entry.url or entry.source_link or None


def via_link(entry: FeedEntry) -> str | None:
    """The link as received, when it is not already the entry's link."""
    if entry.source_link and entry.source_link != entry_link(entry):
        return entry.source_link
    return None


def entry_published(entry: FeedEntry) -> datetime:
    """Published, else received: the instant /v1/items sorts by, so readers order the feed as we serve it."""
    return entry.published_at or entry.received_at


def rfc3339(moment: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``; a naive datetime is taken as UTC (as ``app.clock`` does)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
