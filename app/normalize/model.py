"""Input and output schemas of the normalizer: a raw item in, a NormalizedItem out."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, SkipValidation
from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only from Python 3.12

__all__ = [
    "BodyBlock",
    "CodeBlock",
    "ContentKind",
    "FigureBlock",
    "HeadingBlock",
    "ListBlock",
    "NormalizeSettings",
    "NormalizedItem",
    "ParagraphBlock",
    "QuoteBlock",
    "RawItem",
    "TableBlock",
]

ContentKind = Literal["auto", "html", "text"]
DateInput = str | datetime | time.struct_time | None


class RawItem(BaseModel):
    """An item as a channel delivered it: every field optional, nothing cleaned yet."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    title: str | None = None
    content: str | None = None
    content_kind: ContentKind = "auto"
    link: str | None = None
    author: str | None = None
    image: str | None = None
    published: DateInput = None
    updated: DateInput = None
    feed_title: str | None = None
    feed_url: str | None = None
    guid: str | None = None
    orig_link: str | None = None
    """FeedBurner's ``feedburner:origLink``: the publisher's own link, preferred over a proxy ``link``."""
    source_name: str | None = None
    """The item's own origin when an aggregator relays it (RSS ``<source>``, Atom ``source/title``)."""
    source_url: str | None = None
    """That origin's URL (RSS ``<source url>``, Atom ``source/link``)."""
    feed_site_url: str | None = None
    """The feed's own site link (RSS channel ``<link>``, Atom ``feed/link[rel=alternate]``)."""
    feed_image_title: str | None = None
    """The title of the feed's logo (RSS channel ``<image><title>``): sites often put their bare name there."""
    feed_description: str | None = None
    """The feed's description ("Local news from WCPO 9 Cincinnati"): a name where the title is only a section."""
    content_base: str | None = None
    """The ``xml:base`` in scope for the content: relative links and images inside it resolve against it."""
    media_kind: Literal["audio", "video"] | None = None
    """What the item's enclosure is: a podcast episode's audio, a video. It chooses the show-notes rules."""


class ParagraphBlock(TypedDict):
    """A paragraph of text."""

    type: Literal["paragraph"]
    text: str


class HeadingBlock(TypedDict):
    """A heading, its level (1-6) as in the source."""

    type: Literal["heading"]
    level: Annotated[int, Field(ge=1, le=6)]
    text: str


class ListBlock(TypedDict):
    """A list's items as text; ``start`` is the first item's number (1 unless an ordered list says)."""

    type: Literal["list"]
    ordered: bool
    start: int
    items: list[str]


class CodeBlock(TypedDict):
    """Preformatted text, verbatim: line breaks and indentation kept."""

    type: Literal["code"]
    text: str


class QuoteBlock(TypedDict):
    """A block quotation."""

    type: Literal["quote"]
    text: str


class TableBlock(TypedDict):
    """A data table as rows of cell texts, the header rows first as in the source."""

    type: Literal["table"]
    rows: list[list[str]]


class FigureBlock(TypedDict):
    """An image and its caption (captions are not body text)."""

    type: Literal["figure"]
    image: str
    caption: str | None


BodyBlock = Annotated[
    ParagraphBlock | HeadingBlock | ListBlock | CodeBlock | QuoteBlock | TableBlock | FigureBlock,
    Field(discriminator="type"),
]
"""One typed block of an item's structured body."""


class NormalizeSettings(BaseModel):
    """The settings the normalizer needs, passed in by the caller (it never reads config)."""

    model_config = ConfigDict(frozen=True)

    timezone: str = "UTC"
    """IANA zone for dates that carry none (IFTTT's ``February 25, 2021 at 09:14PM``)."""
    future_tolerance_seconds: int = 86_400
    """A date further than this past ``now`` is clamped to ``now`` and flagged."""


class NormalizedItem(BaseModel):
    """A clean, typed story: what every channel's item becomes before it is stored."""

    model_config = ConfigDict(frozen=True)

    headline: str | None
    """None for a post without a title (a toot, a micro-blog note): its text is the body."""
    bullets: list[str] = Field(default_factory=list)
    body: list[str] = Field(default_factory=list)
    """The body paragraphs as plain text, derived from ``blocks`` (app/normalize/outline.py says how)."""
    # Built by app/normalize/outline.py from its TypedDicts (checked by mypy), never read from outside: validating
    # the ~10 dicts again nearly tripled this model's construction (21.9 µs against 7.8 per bench.normalize item,
    # timeit on a loaded machine). The JSON schema and serialization stay BodyBlock's.
    blocks: SkipValidation[list[BodyBlock]] = Field(default_factory=list)
    """The structured body in document order (the key-point bullets are not part of it)."""
    body_html: str | None = None
    source: str | None = None
    source_link: str | None = None
    url: str | None = None
    author: str | None = None
    image_url: str | None = None
    published_at: datetime | None = None
    guid: str | None = None
    identity: str
    """Dedupe key from the fallback chain in identity.py (``guid:…``, ``url:…`` or ``hash:…``)."""
    content_hash: str
    """Hash of headline, bullets and body: a changed hash on a known identity is an update."""
    flags: list[str] = Field(default_factory=list)
    """Notes on repairs the normalizer made, e.g. ``published_in_future_clamped``."""
