"""Dedupe keys: which stored item a new delivery is, and whether its content changed.

Identity is the first link of this chain that is available (miniflux's order, adapted to webhooks)::

    guid:<feed>#<guid>           the feed's GUID, stripped (a GUID is the publisher's own promise),
                                 scoped by the feed's canonical URL: "123" from two feeds is two
                                 stories; GUIDs longer than 512 characters become guid:<feed>#sha256:<32 hex>
    url:<canonical(guid)>        ...unless the GUID is itself an http(s) URL: then it is keyed as a
                                 URL, so the same story from a feed and from a webhook meets
    url:<canonical url>          the canonical link (tracking parameters, fragment, case removed)
    url:<canonical shortlink>    a shortlink as received (ift.tt…): a repeated webhook still dedupes
    hash:<32 hex>                sha256 of "source|headline|published ISO date", truncated; with no
                                 date, of "source|headline|content:<content_hash>": undated events
                                 with one headline ("Stock alert") are separate stories, not edits;
                                 an untitled post's text (its content hash) stands for its headline
                                 (since a8c570f: an undated, link-less item stored before then
                                 is not met again by a later copy of it; every other key is as it was)

``content_hash`` is sha256 over headline, bullets and body (unit and record separators between them),
hex truncated to 32: a changed hash on a known identity means the story was updated.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from datetime import datetime

from app.normalize.urls import canonical_url

__all__ = ["content_hash", "identity"]

HEX_CHARS = 32
MAX_GUID_CHARS = 512


@functools.lru_cache(maxsize=256)
def _scope(feed_url: str | None) -> str:
    """The feed's canonical URL that scopes its GUIDs (cached: the same for every item of a feed)."""
    return canonical_url(feed_url) or ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:HEX_CHARS]


def identity(
    *,
    guid: str | None,
    feed_url: str | None = None,
    url: str | None,
    shortlink: str | None,
    source: str | None,
    headline: str | None,
    published: datetime | None,
    content: str,
) -> str:
    """The dedupe key of an item, from the chain in this module's docstring."""
    if guid:
        guid_url = canonical_url(guid) if guid[:8].lower().startswith(("http://", "https://")) else None
        if guid_url is not None:
            return f"url:{guid_url}"
        scope = _scope(feed_url)
        if len(guid) > MAX_GUID_CHARS:
            return f"guid:{scope}#sha256:{_digest(guid)}"
        return f"guid:{scope}#{guid}"
    if url:
        return f"url:{url}"
    short = canonical_url(shortlink)
    if short is not None:
        return f"url:{short}"
    stamp = published.isoformat() if published is not None else f"content:{content}"
    # an untitled post is its text: two toots of one minute are two stories, not an edit of one
    title = headline if headline is not None else f"content:{content}"
    return "hash:" + _digest("|".join((source or "", title, stamp)))


def content_hash(headline: str | None, bullets: Sequence[str], body: Sequence[str]) -> str:
    """A short hash of what the reader sees: headline, bullets and body paragraphs."""
    return _digest("\x1f".join((headline or "", "\x1e".join(bullets), "\x1e".join(body))))
