"""The save decision, pure: stored copy + new copy + who sent it → insert, update (which fields), unchanged or sighting.

The store (app/store/items.py) reads the stored copy, asks `decide`, and executes the answer; nothing here
reads or writes a database, so every rule is tested as a table (tests/store/test_decide.py).

The rules, per field:

- Only the story's owner edits it: the source that first stored it (the webhook channel, or that one
  feed), or a feed whose own host is the article's host. Any other copy is a sighting: recorded, never
  applied (a registered feed that republishes another publisher's URL cannot rewrite that story).
- Nothing known is blanked: a field the new copy lacks keeps its stored value.
- The first source's copy replaces changed text and fields; an owner's copy from another source (a
  webhook copy of a feed item, say) fills missing fields, and replaces the text only when it is richer
  (more text in its bullets and body; as much, and more fields known), never with a shorter or poorer copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from app.document import CHANNEL_BITS
from app.normalize.model import NormalizedItem

__all__ = ["Decision", "Sender", "StoredCopy", "decide", "host_of", "owner_hosts", "richness"]

CHANNEL_WEBHOOK = CHANNEL_BITS["webhook"]

# Fields a copy fills when the stored story lacks them, and its first source may change.
_FIELDS = ("source", "source_link", "url", "author", "image_url", "published_at", "guid")


@dataclass(frozen=True, slots=True)
class Sender:
    """Who sent a copy: the channel, the feed (None for the webhook) and the hosts that feed speaks for."""

    channel: int
    feed_id: int | None = None
    hosts: frozenset[str] = frozenset()
    """`owner_hosts` of the feed: its articles on these hosts are its own, whoever stored them first."""


@dataclass(frozen=True, slots=True)
class StoredCopy:
    """What the decision reads of the stored story (instants in microseconds)."""

    id: int
    content_hash: str
    headline: str
    bullets: tuple[str, ...]
    body: tuple[str, ...]
    source: str | None
    source_link: str | None
    url: str | None
    author: str | None
    image_url: str | None
    published_at: int | None
    guid: str | None
    origin_channel: int
    origin_feed_id: int | None


@dataclass(frozen=True, slots=True)
class Decision:
    kind: Literal["insert", "update", "unchanged", "sighting"]
    fields: frozenset[str] = frozenset()
    """For an update: the item's fields to write from the new copy (``body`` carries ``body_html``)."""


INSERT = Decision("insert")
UNCHANGED = Decision("unchanged")
SIGHTING = Decision("sighting")


def host_of(url: str | None) -> str | None:
    """The URL's host, lower case, without a leading ``www.``; None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def owner_hosts(feed_url: str | None, site_url: str | None) -> frozenset[str]:
    """The hosts a feed speaks for: its own, and its site's when the feed lives on that site or under it.

    The site link comes from the feed's content, which its publisher writes: a feed on another host that
    names someone else's site as its own is not believed.
    """
    feed_host, site_host = host_of(feed_url), host_of(site_url)
    hosts = {feed_host} if feed_host else set()
    if feed_host and site_host and (feed_host == site_host or feed_host.endswith("." + site_host)):
        hosts.add(site_host)
    return frozenset(hosts)


def richness(copy: StoredCopy | NormalizedItem, published: int | None) -> tuple[int, int]:
    """How much a copy carries: the characters of its bullets and body, then how many of its fields are known."""
    text = sum(map(len, copy.bullets)) + sum(map(len, copy.body))
    known = sum(getattr(copy, name) is not None for name in _FIELDS if name != "published_at")
    return text, known + (published is not None)


def _first_source(stored: StoredCopy, sender: Sender) -> bool:
    if stored.origin_channel != sender.channel:
        return False
    return sender.channel == CHANNEL_WEBHOOK or stored.origin_feed_id == sender.feed_id


def _may_edit(stored: StoredCopy, new: NormalizedItem, sender: Sender) -> bool:
    if _first_source(stored, sender):
        return True
    article = host_of(stored.url or new.url)
    return article is not None and any(article == host or article.endswith("." + host) for host in sender.hosts)


def _value(new: NormalizedItem, name: str, published_micros: int | None) -> object:
    return published_micros if name == "published_at" else getattr(new, name)


def decide(
    stored: StoredCopy | None, new: NormalizedItem, sender: Sender, *, published_micros: int | None = None
) -> Decision:
    """What saving `new` does to the story stored as `stored` (None: no such story yet).

    `published_micros` is `new.published_at` in microseconds, as the store keeps it.
    """
    if stored is None:
        return INSERT
    if not _may_edit(stored, new, sender):
        return SIGHTING
    first = _first_source(stored, sender)
    fields: set[str] = set()
    text_wins = first or richness(new, published_micros) > richness(stored, stored.published_at)
    if new.content_hash != stored.content_hash and text_wins:
        if new.headline != stored.headline:
            fields.add("headline")
        for name in ("bullets", "body"):
            text = tuple(getattr(new, name))
            if text and text != getattr(stored, name):
                fields.add(name)
        if fields:
            fields.add("content_hash")
    for name in _FIELDS:
        value = _value(new, name, published_micros)
        if value is None:
            continue  # never blank what is known
        known: object = getattr(stored, name)
        if known is None or (first and value != known):
            fields.add(name)
    return Decision("update", frozenset(fields)) if fields else UNCHANGED
