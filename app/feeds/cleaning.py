"""The CPU work of one poll: a fetched feed document → its own metadata and its normalized items.

Pure (no client, database or config), and everything it takes and returns pickles, so it runs the same on
a thread of the poller or in a worker process (app/feeds/parsepool.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.errors import NormalizeError
from app.feeds.parser import parse_feed
from app.normalize import normalize
from app.normalize.boilerplate import BoilerplateProfile, mine_profile
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from app.normalize.raw import EncodedRaw, encode_raw

__all__ = ["CleanedFeed", "clean_feed", "normalize_entries"]


@dataclass(frozen=True, slots=True)
class CleanedFeed:
    """What the poller keeps of a parsed feed: its own fields and its entries, normalized.

    The raw entries stay behind: they are several times the size of the items, and across a process
    boundary every byte returned is pickled once and unpickled once.
    """

    title: str | None
    site_url: str | None
    ttl_seconds: int | None
    items: list[NormalizedItem] = field(default_factory=list)
    raws: list[EncodedRaw] = field(default_factory=list)
    """Each item's raw entry in its stored form (compressed: a fraction of the entry's size), in order."""
    rejected: int = 0
    """Entries the normalizer could not use (no headline, say); the rest of the feed is stored."""


DOCUMENT_MIN_ITEMS = 2
"""A document's own items tell its boilerplate from this many on: a paragraph that opens or closes two items
of one feed is the feed's (a promo, a sign-off), never a story's (a recurring heading is structure, and
``apply_profile`` leaves headings be)."""
DOCUMENT_MIN_SHARE = 0.6
"""A line is the document's boilerplate when it stands at the head or tail of this share of its items."""


def clean_feed(
    content: bytes,
    *,
    headers: Mapping[str, str],
    url: str,
    now: datetime,
    settings: NormalizeSettings,
    profile: BoilerplateProfile | None = None,
) -> CleanedFeed:
    """Parse the document and normalize every entry (with the feed's learned ``profile``, if any); raises
    FeedParseError when it is not a feed."""
    parsed = parse_feed(content, headers=headers, url=url)
    normalized = normalize_entries(parsed.entries, now=now, settings=settings, profile=profile)
    kept = [(entry, item) for entry, item in zip(parsed.entries, normalized, strict=True) if item is not None]
    items = [item for _, item in kept]
    raws = [encode_raw(entry) for entry, _ in kept]
    return CleanedFeed(parsed.title, parsed.site_url, parsed.ttl_seconds, items, raws, len(normalized) - len(kept))


def normalize_entries(
    entries: list[RawItem], *, now: datetime, settings: NormalizeSettings, profile: BoilerplateProfile | None = None
) -> list[NormalizedItem | None]:
    """Each entry of one document normalized, in order; None for an entry the normalizer cannot use.

    Repetition is evidence within one document too: lines that open or close most of the document's own
    items (``DOCUMENT_MIN_SHARE`` of ``DOCUMENT_MIN_ITEMS`` or more) are
    boilerplate from the first poll on, before any profile has been mined from stored items; only then
    are the items cleaned again.
    """
    first = [_normalized(entry, now=now, settings=settings, profile=profile) for entry in entries]
    own = _document_profile([item for item in first if item is not None])
    if not own:
        return first
    merged = BoilerplateProfile(
        head=(*(profile.head if profile else ()), *own.head), tail=(*(profile.tail if profile else ()), *own.tail)
    )
    return [
        item if item is None else _normalized(entry, now=now, settings=settings, profile=merged) or item
        for entry, item in zip(entries, first, strict=True)
    ]


def _normalized(
    entry: RawItem, *, now: datetime, settings: NormalizeSettings, profile: BoilerplateProfile | None
) -> NormalizedItem | None:
    """The entry normalized, or None when the normalizer cannot use it (one bad entry must not stop a feed;
    a profile never empties a body, so a second cleaning cannot fail where the first did not)."""
    try:
        return normalize(entry, now=now, settings=settings, profile=profile)
    except NormalizeError:
        return None


def _document_profile(items: list[NormalizedItem]) -> BoilerplateProfile | None:
    """The lines recurring at the head or tail of the document's own items, or None."""
    if len(items) < DOCUMENT_MIN_ITEMS:
        return None
    mined = mine_profile((item.body for item in items), min_items=DOCUMENT_MIN_ITEMS, min_share=DOCUMENT_MIN_SHARE)
    return mined or None
