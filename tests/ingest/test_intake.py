"""The webhook recipe as one use case: limit, authenticate, parse, normalize, save or quarantine, what to wake."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from app.errors import PayloadTooLarge, QuarantinedError, Unauthorized
from app.ingest.service import WebhookIntake
from app.normalize.model import NormalizeSettings
from app.store.db import Database

TOKEN = "intake-token-0123456789"
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


async def _chunks(body: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(body), 7):
        yield body[start : start + 7]


def _intake(db: Database, counted: list[str]) -> WebhookIntake:
    return WebhookIntake(
        db=db,
        token=_token,
        max_body_bytes=4096,
        settings=NormalizeSettings(timezone="UTC"),
        clock=lambda: NOW,
        on_outcome=counted.append,
    )


async def _token() -> str:
    return TOKEN  # the token in force (app.access.keys reads a rotated one from the store)


def _story(link: str) -> bytes:
    return json.dumps({"title": "Markets rallied on Tuesday", "url": link, "content": "<p>Stocks rose.</p>"}).encode()


async def test_a_stored_story_is_counted_and_says_what_to_wake(db: Database) -> None:
    counted: list[str] = []
    intake = _intake(db, counted)
    headers = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    article = await intake.receive(
        headers=headers, query_token=None, chunks=_chunks(_story("https://news.example/markets"))
    )
    assert (article.status, article.wake_resolver, article.wake_deliveries) == ("created", False, False)
    short = await intake.receive(headers=headers, query_token=None, chunks=_chunks(_story("https://ift.tt/3abcDEF")))
    assert short.status == "created"
    assert short.wake_resolver  # only a shortlink is known: the resolver looks for the article
    again = await intake.receive(
        headers=headers, query_token=None, chunks=_chunks(_story("https://news.example/markets"))
    )
    assert again.status == "duplicate"
    assert counted == ["created", "created", "duplicate"]


async def test_a_wrong_head_token_is_refused_before_the_body_is_read(db: Database) -> None:
    read: list[bytes] = []

    async def watched() -> AsyncIterator[bytes]:
        read.append(b"x")
        yield _story("https://news.example/a")

    with pytest.raises(Unauthorized):
        await _intake(db, []).receive(headers={"x-feedhook-token": "wrong"}, query_token=None, chunks=watched())
    assert read == []


async def test_a_body_token_a_query_token_and_the_size_limit(db: Database) -> None:
    intake = _intake(db, [])
    body = json.loads(_story("https://news.example/b")) | {"token": TOKEN}
    stored = await intake.receive(headers={}, query_token=None, chunks=_chunks(json.dumps(body).encode()))
    assert stored.status == "created"
    with pytest.raises(Unauthorized):
        await intake.receive(headers={}, query_token=None, chunks=_chunks(_story("https://news.example/c")))
    dry = await intake.receive(
        headers={}, query_token=TOKEN, chunks=_chunks(_story("https://news.example/c")), dry_run=True
    )
    assert (dry.status, dry.id) == ("dry_run", None)
    with pytest.raises(PayloadTooLarge):
        await intake.receive(headers={"content-length": "5000"}, query_token=TOKEN, chunks=_chunks(b""))


async def test_an_unusable_payload_is_quarantined_and_counted(db: Database) -> None:
    counted: list[str] = []
    with pytest.raises(QuarantinedError) as raised:
        await _intake(db, counted).receive(
            headers={"content-type": "application/json"}, query_token=TOKEN, chunks=_chunks(b'{"author": "x"}')
        )
    assert raised.value.quarantine_id is not None
    assert counted == ["quarantined"]


YOUTUBE_PUSH = b"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom">
 <link rel="hub" href="https://pubsubhubbub.appspot.com"/>
 <title>YouTube video feed</title>
 <updated>2025-08-14T15:03:22.417923458+00:00</updated>
 <entry>
  <id>yt:video:Wm4Qz8Lr2Xk</id>
  <yt:videoId>Wm4Qz8Lr2Xk</yt:videoId>
  <yt:channelId>UCk4Lq8vT2nXw9Rz0bHm3JdA</yt:channelId>
  <title>The surprising physics of a chain that lifts itself</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=Wm4Qz8Lr2Xk"/>
  <author><name>Steve Mould</name><uri>https://www.youtube.com/channel/UCk4Lq8vT2nXw9Rz0bHm3JdA</uri></author>
  <published>2025-08-14T15:00:06+00:00</published>
  <updated>2025-08-14T15:03:22.417923458+00:00</updated>
 </entry>
</feed>"""


async def test_a_feed_document_pushed_as_the_body_is_read_as_its_entry(db: Database) -> None:
    # A WebSub hub's push (YouTube's new-video notice) posts the Atom document itself.
    intake = _intake(db, [])
    headers = {"authorization": f"Bearer {TOKEN}", "content-type": "application/atom+xml"}
    stored = await intake.receive(headers=headers, query_token=None, chunks=_chunks(YOUTUBE_PUSH))
    item = stored.item
    assert (item.headline, item.url, item.source) == (
        "The surprising physics of a chain that lifts itself",
        "https://www.youtube.com/watch?v=Wm4Qz8Lr2Xk",
        "Steve Mould",
    )
    assert item.published_at == datetime(2025, 8, 14, 15, 0, 6, tzinfo=UTC)
    # XML that is no feed is read as any other body: a text post
    note = b"<?xml version='1.0'?><note>Bridge reopens on Monday</note>"
    other = await intake.receive(headers=headers, query_token=None, chunks=_chunks(note))
    assert other.item.headline == "Bridge reopens on Monday"
