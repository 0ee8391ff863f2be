"""What feedhook sends out; this module is the feed renderers' pure core: entries, feed metadata, published text.

``jsonfeed`` and ``atom`` render stored items as documents (pure: bytes in memory, no I/O); ``webhooks`` delivers
them. The shared core lives here, importing nothing but the standard library, so either renderer stays pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
    def headline(self) -> str: ...
    @property
    def bullets(self) -> Sequence[str]: ...
    @property
    def body(self) -> Sequence[str]: ...
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


def content_html(entry: FeedEntry) -> str:
    """Bullets as one ``<ul>``, then one ``<p>`` per paragraph, every text HTML-escaped; "" when both are empty.

    Built from the plain-text fields, not the stored ``body_html``: markup made here by escaping cannot carry
    anything the text does not, whatever normalizer version stored the item, and it says what ``content_text``
    says.
    """
    bullets, paragraphs = _texts(entry.bullets), _texts(entry.body)
    parts = ["<ul>" + "".join(f"<li>{escape(b)}</li>" for b in bullets) + "</ul>"] if bullets else []
    parts += [f"<p>{escape(p)}</p>" for p in paragraphs]
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
