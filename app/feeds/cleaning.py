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
from app.normalize.boilerplate import BoilerplateProfile
from app.normalize.model import NormalizedItem, NormalizeSettings
from app.normalize.raw import EncodedRaw, encode_raw

__all__ = ["CleanedFeed", "clean_feed"]


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
    items: list[NormalizedItem] = []
    raws: list[EncodedRaw] = []
    rejected = 0
    for entry in parsed.entries:
        try:
            items.append(normalize(entry, now=now, settings=settings, profile=profile))
        except NormalizeError:
            rejected += 1
            continue
        raws.append(encode_raw(entry))
    return CleanedFeed(parsed.title, parsed.site_url, parsed.ttl_seconds, items, raws, rejected)
