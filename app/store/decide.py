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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal
from urllib.parse import urlsplit

from app.document import CHANNEL_BITS
from app.normalize.model import NormalizedItem

__all__ = ["FIELDS", "TEXT", "Decision", "Sender", "StoredCopy", "decide", "host_of", "owner_hosts", "richness"]

CHANNEL_WEBHOOK = CHANNEL_BITS["webhook"]

TEXT: Final = ("headline", "bullets", "body")
"""The story's text: weighed as a whole (`richness`), replaced only by a copy whose text wins."""
_WITH_TEXT = frozenset({"content_hash", "blocks", "body_html"})
"""Written with the text, never on their own: its hash, and the structure and rendering of the body."""
_OF_THE_COPY = frozenset({"identity", "flags"})
"""Not the story's to compare: the key it was found by, and the normalizer's notes on this copy."""

FIELDS: Final = tuple(name for name in NormalizedItem.model_fields if name not in {*TEXT, *_WITH_TEXT, *_OF_THE_COPY})
"""Every other field of the normalized item: a copy fills it when the stored story lacks it, and the
first source may change it. Derived, so a field added to the model is decided like the others (the
store reads and writes it by name: app/store/items.py)."""


@dataclass(frozen=True, slots=True)
class Sender:
    """Who sent a copy: the channel, the feed (None for the webhook) and the hosts that feed speaks for."""

    channel: int
    feed_id: int | None = None
    hosts: frozenset[str] = frozenset()
    """`owner_hosts` of the feed: its articles on these hosts are its own, whoever stored them first."""


@dataclass(frozen=True, slots=True)
class StoredCopy:
    """What the decision reads of the stored story, its `FIELDS` as the table keeps them."""

    id: int
    content_hash: str
    headline: str | None
    bullets: tuple[str, ...]
    body: tuple[str, ...]
    fields: Mapping[str, object]
    """Each of `FIELDS` by name, as stored (instants in microseconds, lists as JSON arrays)."""
    origin_channel: int
    origin_feed_id: int | None

    @property
    def url(self) -> str | None:
        url = self.fields["url"]
        assert url is None or isinstance(url, str)
        return url


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


def _known(value: object) -> bool:
    """Whether a stored value says something: None does not, nor an empty list (stored as ``[]``)."""
    return value is not None and value != "[]"


def richness(bullets: Sequence[str], body: Sequence[str], fields: Mapping[str, object]) -> tuple[int, int]:
    """How much a copy carries: the characters of its bullets and body, then how many of its `FIELDS` are known."""
    text = sum(map(len, bullets)) + sum(map(len, body))
    return text, sum(_known(fields[name]) for name in FIELDS)


def _first_source(stored: StoredCopy, sender: Sender) -> bool:
    if stored.origin_channel != sender.channel:
        return False
    return sender.channel == CHANNEL_WEBHOOK or stored.origin_feed_id == sender.feed_id


def _may_edit(stored: StoredCopy, new: NormalizedItem, sender: Sender) -> bool:
    if _first_source(stored, sender):
        return True
    article = host_of(stored.url or new.url)
    return article is not None and any(article == host or article.endswith("." + host) for host in sender.hosts)


def decide(stored: StoredCopy | None, new: NormalizedItem, sender: Sender, *, values: Mapping[str, object]) -> Decision:
    """What saving `new` does to the story stored as `stored` (None: no such story yet).

    `values` are `new`'s fields as the store writes them (at least `FIELDS`), compared with the stored ones.
    """
    if stored is None:
        return INSERT
    if not _may_edit(stored, new, sender):
        return SIGHTING
    first = _first_source(stored, sender)
    fields: set[str] = set()
    text_wins = first or richness(new.bullets, new.body, values) > richness(stored.bullets, stored.body, stored.fields)
    if new.content_hash != stored.content_hash and text_wins:
        if new.headline != stored.headline:
            fields.add("headline")
        for name in ("bullets", "body"):
            text = tuple(getattr(new, name))
            if text and text != getattr(stored, name):
                fields.add(name)
        if fields:
            fields.add("content_hash")
    for name in FIELDS:
        value = values[name]
        if not _known(value):
            continue  # never blank what is known
        known = stored.fields[name]
        if not _known(known) or (first and value != known):
            fields.add(name)
    return Decision("update", frozenset(fields)) if fields else UNCHANGED
