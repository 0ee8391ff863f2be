"""The webhook ingest recipe: limit → authenticate → parse → normalize → save (or quarantine), durable before
the answer; the outcome says which background workers to wake.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from types import MappingProxyType
from typing import Literal
from urllib.parse import urlsplit

from app.clock import to_micros
from app.derive.profiles import profile_of, webhook_source_key
from app.errors import (
    InputError,
    NormalizeError,
    PayloadError,
    QuarantinedError,
    Unauthorized,
    UnstorableItem,
)
from app.feeds.parser import parse_feed
from app.ingest.payload import Payload, parse_payload
from app.ingest.redact import without_secret
from app.ingest.slots import could_name, shape_of
from app.ingest.webhook import presented_token, read_limited, token_matches
from app.normalize import normalize
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from app.normalize.publisher import (
    bracketed_lead,
    marked_lead,
    names_platform,
    on_channel_platform,
    on_platform_removed,
    post_account,
    registrable_label,
    site_lead,
    unmarked,
)
from app.normalize.raw import encode_raw, normalizer_version
from app.store.db import Database
from app.store.inbox import INBOX_RETENTION_MICROS, InboxEntry, with_inbox_entry
from app.store.items import SaveResult, needs_resolution, save_item
from app.store.quarantine import keep_payload, mark_replayed, pending_payloads, unstorable_reason
from app.store.raw_inputs import with_raw_inputs
from app.store.tables import CHANNEL_WEBHOOK
from app.store.writer import WriteOp, is_row_error

__all__ = [
    "HOW_TO_AUTHENTICATE",
    "IngestOutcome",
    "ReplayResult",
    "WebhookIntake",
    "ingest_webhook",
    "raw_item_from",
    "read_payload",
    "replay_quarantined",
]

# Below this size normalizing on the event loop is cheaper than a hop to a worker thread (measured on a
# quiet machine: 1,060 against 900 req/s); above it, a large body would hold the loop for milliseconds.
#
# Normalized inline, one request at a time. A per-loop batcher (the items of one event-loop pass normalized
# back to back, for warmer interpreter caches) was measured on 2026-12-04 with bench/ingest.py, 3 rounds of
# 10 s at c=64, twice each way, alternating, on the shared 2-core guest: server CPU per request 2,186-2,641 µs
# (median 2,467) with it, 1,997-2,728 µs (median 2,536) without; ratio to the bare endpoint 0.085/0.105
# against 0.084/0.092. A gain that does not show beyond the run-to-run spread does not pay for the queue,
# the futures and the per-loop registry it took, so it was dropped (docs/benchmarks.md §1 has the earlier
# figure from a quiet machine, ~12 % less CPU per request).
INLINE_NORMALIZE_BYTES = 64 * 1024


_SLOT_CHARS = 2000  # a date or a link is short: longer content is text, whatever it starts with


def _is_prose(value: str) -> bool:
    """Words, not a link: it has a space in it and no URL scheme."""
    return " " in value.strip() and "://" not in value


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    item: NormalizedItem
    status: Literal["created", "duplicate", "updated", "dry_run"]
    id: int | None
    deliveries_queued: int = 0

    @property
    def wake_resolver(self) -> bool:
        """A stored item whose link is a shortlink: the resolver looks for the article in the background."""
        return self.id is not None and needs_resolution(self.item)

    @property
    def wake_deliveries(self) -> bool:
        """The item's webhook deliveries were queued with it: they are due now."""
        return self.deliveries_queued > 0


def read_payload(body: bytes, content_type: str | None) -> Payload | PayloadError:
    """The payload, or the reason it cannot be read (kept for quarantine once the sender is authenticated).

    A feed document posted as the body (a WebSub hub's push, YouTube's new-video notice, a feed-to-webhook
    relay) is read as a feed: its first entry is the item.
    """
    if (pushed := _pushed_entry(body, content_type)) is not None:
        return pushed
    try:
        return parse_payload(body, content_type)
    except PayloadError as error:
        return error


_FEED_ROOTS = (b"<?xml", b"<rss", b"<feed", b"<rdf:RDF")


def _pushed_entry(body: bytes, content_type: str | None) -> Payload | None:
    """The first entry of an RSS or Atom document posted as the body, as fields; None for any other body."""
    if not body.removeprefix(b"\xef\xbb\xbf").lstrip()[:8].startswith(_FEED_ROOTS):
        return None
    try:
        parsed = parse_feed(body, headers={"content-type": content_type or "application/xml"}, url="")
    except InputError:  # no feed after all (or not one to read): the body's other readers decide
        return None
    if not parsed.entries:
        return None
    entry = parsed.entries[0]
    when = entry.published if entry.published is not None else entry.updated
    published = when if isinstance(when, str) or when is None else _iso(when)
    fields = {
        "title": entry.title,
        "url": entry.link,
        "content": entry.content,
        "author": entry.author,
        "image": entry.image,
        "published": published,
        "feed_title": entry.feed_title,
    }
    return Payload(MappingProxyType({name: value for name, value in fields.items() if value}), "feed")


# Two sentences, each ending a word of three lower-case letters or more ("U.S.", "Dr." and "Inc." end none).
_SENTENCES = re.compile(r"[^\W\d_A-Z]{3}[.!?]\s+[^\W\d_a-z]")
_MARKUP_START = re.compile(r"\s*<(?!https?:)[A-Za-z!/]")  # a post's markup, not a link in angle brackets
_POINTER = re.compile(r"\s(?:[→⇒➡👉⬇↓]\uFE0F?|-{1,8}>|=>){1,4}$")
_POINTER_REACH = 40  # the arrow ends the title: only its last characters are searched (a long line costs nothing)


def raw_item_from(payload: Payload, *, secret: str) -> RawItem:
    """The raw item a payload describes, with the webhook token (`secret`) out of it: items are public."""
    fields = payload.without_secret(secret).fields
    link, content = fields.get("url"), fields.get("content")
    image, published, author = fields.get("image"), fields.get("published"), fields.get("author")
    # The content slot (IFTTT's value3) holding a date, a picture, a name, a feed's label or its site's one word, or a
    # link alone is that field, not text.
    shape = shape_of(content) if content and len(content) <= _SLOT_CHARS else None
    if shape == "date" and not published:
        published, content = content, None
    elif shape == "picture" and content and (not image or content.strip() == image.strip()):
        image, content = content.strip(), None  # (a Reddit image post's text is its picture's address)
    elif shape == "name" and not author:
        author, content = content, None
    elif content and not author and on_channel_platform(_host(link)) and could_name(content):
        author, content = (
            content.strip(),
            None,
        )  # {{AuthorName}} beside a video's link: the channel ("Jet Lag: The Game")
    elif (
        content
        and (shape == "label" or _spells_host(content, link))
        and payload.form != "text-post"
        and not fields.get("feed_title")
        and fields.get("title")
    ):
        fields = {**fields, "feed_title": content}  # "{{FeedTitle}}" in the content's slot
        content = None
    elif shape == "link" and (link is None or _is_prose(link) or _MARKUP_START.match(link)):
        link, content = content, link  # the words or the markup that stood in the link slot are the story's text
    if link is not None and (_MARKUP_START.match(link) or _is_prose(link)):
        # IFTTT's own event format has value1..value3 for anything; value2 (our "url") holding text, or a post's
        # markup, is part of the story, first, not a link to drop.
        words = link if _MARKUP_START.match(link) else escape(link, quote=False)
        link, content = None, f"{words}\n\n{content}" if content else words
    title, feed_title = fields.get("title"), fields.get("feed_title")
    if link is None and title and shape_of(title) == "link":
        link, title = title.strip(), None  # an untitled post's link in the first slot (a toot: its URL, its text)
    if payload.form == "text-post" and title:
        # "<title> → <link>": the owner's arrow points at the link
        tail = title.rstrip()
        if (pointer := _POINTER.search(tail, max(0, len(tail) - _POINTER_REACH))) is not None and pointer.start():
            title = tail[: pointer.start()].rstrip()
    # "Morningstar | <title>", "📢 NYC Emergency Management: <title>": the owner's template names the site first
    led = (
        site_lead(title, _host(link), _first_segment(link)) or marked_lead(title) or bracketed_lead(title)
        if payload.form == "text-post" and title
        else None
    )
    if led is not None and not feed_title:
        title, feed_title = led
    elif payload.form == "text-post" and title:
        title = unmarked(title)  # "📰 <title>": the owner's mark before the title is not the title's
    posted = post_account(link) or (feed_title and names_platform(feed_title))  # "Jun's micro.blog", "X no Bluesky"
    if title and not content and posted and _SENTENCES.search(title):
        content = escape(title, quote=False)  # a social post's text in the title's slot: it has none
        title = None
    if feed_title:
        feed_title = on_platform_removed(feed_title)  # "Python Brasil no Bluesky": the poster, not where it posted
    return RawItem(
        title=title,
        content=content,
        # A rendered post is text; one with no headline line is a post in markup (see _read_text_post).
        content_kind="text" if payload.form == "text-post" and "title" in fields else "auto",
        link=link,
        author=author,
        image=image,
        published=published,
        feed_title=feed_title,
        feed_url=fields.get("feed_url"),
    )


def _iso(when: datetime | time.struct_time) -> str:
    """A parsed date as ISO 8601 text (feedparser's are in UTC)."""
    if isinstance(when, datetime):
        return when.isoformat()
    return datetime(*when[:6], tzinfo=UTC).isoformat()


def _spells_host(text: str, link: str | None) -> bool:
    """One word that spells the link's site ("Morgenbladet" beside morgenbladet.no): the feed's name in a slot."""
    word = text.strip()
    label = registrable_label(host) if (host := _host(link)) else None
    return bool(label) and " " not in word and len(word) <= _ONE_WORD_CHARS and word.casefold() == label


_ONE_WORD_CHARS = 40


def _first_segment(url: str | None) -> str:
    """The first segment of a link's path ("timaru-herald" of stuff.co.nz/timaru-herald/news/…), lowercased."""
    try:
        return urlsplit(url.strip()).path.lstrip("/").partition("/")[0].casefold() if url else ""
    except ValueError:
        return ""


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url.strip()).hostname if url else None
    except ValueError:
        return None


def _keeping_raw(save: WriteOp[SaveResult], raw: RawItem, *, source_key: str | None, now: int) -> WriteOp[SaveResult]:
    """The save, with the raw item kept beside what it stored (for ``feedhook renormalize`` and profiles)."""
    return with_raw_inputs(save, [encode_raw(raw)], source_key=source_key, version=normalizer_version(), now=now)


def _inbox_entry(
    body: bytes, content_type: str | None, *, now: datetime, secret: str, retain_micros: int
) -> InboxEntry:
    """The request as the console's inbox keeps it: the body with the webhook token taken out."""
    kept = body.replace(secret.encode("utf-8"), b"[webhook token]") if secret else body
    return InboxEntry(body=kept, content_type=content_type, received_at=to_micros(now), retain_micros=retain_micros)


async def _quarantined(
    db: Database, error: InputError, *, body: bytes, content_type: str | None, now: datetime, secret: str, retain: int
) -> QuarantinedError:
    """Keep the payload in quarantine with the reason it was refused; the error to raise."""
    keep = keep_payload(
        body=body, content_type=content_type, reason=error.code, detail=error.detail, received_at=to_micros(now)
    )
    entry = _inbox_entry(body, content_type, now=now, secret=secret, retain_micros=retain)
    quarantine_id = await db.write(with_inbox_entry(keep, entry))
    return QuarantinedError(error, quarantine_id)


async def ingest_webhook(
    *,
    db: Database,
    body: bytes,
    content_type: str | None,
    payload: Payload | PayloadError,
    now: datetime,
    settings: NormalizeSettings,
    secret: str,
    dry_run: bool = False,
    inbox_retention_micros: int = INBOX_RETENTION_MICROS,
) -> IngestOutcome:
    """Normalize an authenticated payload and store it; an unusable one is quarantined and raised.

    `secret` is the webhook token, which the body may carry (see `raw_item_from`). The request is logged
    in the inbox, whose rows older than `inbox_retention_micros` go in the same transaction.
    """
    retain = inbox_retention_micros
    try:
        if isinstance(payload, PayloadError):
            raise payload
        raw = raw_item_from(payload, secret=secret)
        source_key = webhook_source_key(raw)
        profile = await profile_of(db, source_key)
        if len(body) <= INLINE_NORMALIZE_BYTES:
            item = normalize(raw, now=now, settings=settings, profile=profile)
        else:
            item = await asyncio.to_thread(normalize, raw, now=now, settings=settings, profile=profile)
        item = without_secret(item, secret)  # again on the decoded forms: entities, tags, percent escapes
    except (PayloadError, NormalizeError) as error:
        if dry_run:
            raise QuarantinedError(error, None) from error
        raise await _quarantined(
            db, error, body=body, content_type=content_type, now=now, secret=secret, retain=retain
        ) from error
    if dry_run:
        return IngestOutcome(item=item, status="dry_run", id=None)
    try:
        save = save_item(item, channel=CHANNEL_WEBHOOK, received_at=to_micros(now))
        kept = _keeping_raw(save, raw, source_key=source_key, now=to_micros(now))
        entry = _inbox_entry(body, content_type, now=now, secret=secret, retain_micros=retain)
        saved = await db.write(with_inbox_entry(kept, entry))
    except Exception as exc:
        if not is_row_error(exc):
            raise
        refused = UnstorableItem(f"the store refused the item: {unstorable_reason(exc)}")
        raise await _quarantined(
            db, refused, body=body, content_type=content_type, now=now, secret=secret, retain=retain
        ) from exc
    return IngestOutcome(item=item, status=saved.status, id=saved.id, deliveries_queued=saved.deliveries_queued)


@dataclass(frozen=True, slots=True)
class ReplayResult:
    quarantine_id: int
    status: str
    """created, duplicate or updated; or the error code when the payload is still unusable."""
    item_id: int | None
    detail: str


async def replay_quarantined(
    *,
    db: Database,
    now: datetime,
    settings: NormalizeSettings,
    secret: str,
    include_replayed: bool = False,
    ids: Sequence[int] | None = None,
) -> list[ReplayResult]:
    """Run kept payloads (or those of `ids`) through the current parser and normalizer; stored ones are
    marked replayed.

    `ids` run just those, replayed or not (the console's replay button, `feedhook quarantine replay`).
    `secret` is the webhook token, which a kept body may carry (see `raw_item_from`).
    """
    rows = await db.read(pending_payloads, include_replayed=include_replayed, ids=ids)
    results: list[ReplayResult] = []
    for row in rows:
        payload = read_payload(row.body, row.content_type)
        try:
            if isinstance(payload, PayloadError):
                raise payload
            raw = raw_item_from(payload, secret=secret)
            source_key = webhook_source_key(raw)
            profile = await profile_of(db, source_key)
            normalized = await asyncio.to_thread(normalize, raw, now=now, settings=settings, profile=profile)
            item = without_secret(normalized, secret)
        except (PayloadError, NormalizeError) as error:
            await db.write(mark_replayed(row.id, item_id=None, at=to_micros(now), detail=error.detail))
            results.append(ReplayResult(row.id, error.code, None, error.detail))
            continue
        save = save_item(item, channel=CHANNEL_WEBHOOK, received_at=row.received_at)
        saved = await db.write(_keeping_raw(save, raw, source_key=source_key, now=to_micros(now)))
        await db.write(mark_replayed(row.id, item_id=saved.id, at=to_micros(now)))
        results.append(ReplayResult(row.id, saved.status, saved.id, item.headline or ""))
    return results


HOW_TO_AUTHENTICATE = "send the webhook token as a Bearer header, X-Feedhook-Token, ?token= or a 'token' field"


class WebhookIntake:
    """The whole webhook recipe for one request, given its head and body stream; no web framework in sight."""

    def __init__(
        self,
        *,
        db: Database,
        token: Callable[[], Awaitable[str]],
        max_body_bytes: int,
        settings: NormalizeSettings,
        clock: Callable[[], datetime],
        on_outcome: Callable[[str], None] = lambda _status: None,
        inbox_retention: timedelta = timedelta(microseconds=INBOX_RETENTION_MICROS),
    ) -> None:
        self._db = db
        self._inbox_retention_micros = int(inbox_retention / timedelta(microseconds=1))
        self._token = token  # the token in force, read per request: it can be rotated without a restart
        self._limit = max_body_bytes
        self._settings = settings
        self._clock = clock
        self._count = on_outcome  # created, duplicate, updated or quarantined (a dry run is not counted)

    async def receive(
        self,
        *,
        headers: Mapping[str, str],
        query_token: str | None,
        chunks: AsyncIterator[bytes],
        dry_run: bool = False,
    ) -> IngestOutcome:
        """Limit, authenticate, parse, normalize, then save or quarantine (QuarantinedError) one request."""
        # A token in the head is checked before a byte of the body is read: an unauthenticated client
        # costs no body buffer (300 stalled ones pinned ~295 MiB). Only a body token needs the body first.
        expected = await self._token()
        presented = presented_token(headers, {"token": query_token} if query_token else {}, None)
        if presented is not None and not token_matches(presented, expected):
            raise Unauthorized(HOW_TO_AUTHENTICATE)
        body = await read_limited(chunks, declared_length=headers.get("content-length"), limit=self._limit)
        content_type = headers.get("content-type")
        payload = read_payload(body, content_type)
        if presented is None:
            body_token = None if isinstance(payload, InputError) else payload.fields.get("token")
            if not token_matches(presented_token({}, {}, body_token), expected):
                raise Unauthorized(HOW_TO_AUTHENTICATE)
        try:
            outcome = await ingest_webhook(
                db=self._db,
                body=body,
                content_type=content_type,
                payload=payload,
                now=self._clock(),
                settings=self._settings,
                secret=expected,
                dry_run=dry_run,
                inbox_retention_micros=self._inbox_retention_micros,
            )
        except QuarantinedError:
            if not dry_run:
                self._count("quarantined")
            raise
        if outcome.status != "dry_run":
            self._count(outcome.status)
        return outcome
