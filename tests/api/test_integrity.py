"""Stored-data integrity over HTTP: long identities, rows the database refuses, mirrors behind a lagging replica."""

from __future__ import annotations

import json

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from app.clock import to_micros
from app.normalize import normalize
from app.normalize.model import NormalizeSettings, RawItem
from app.store.items import save_item
from app.store.tables import CHANNEL_FEED, quarantine
from tests.conftest import WEBHOOK_TOKEN
from tests.refusals import refuse_poisoned_headlines

URL = "/v1/webhooks/ifttt"
HEADERS = {"Authorization": f"Bearer {WEBHOOK_TOKEN}", "Content-Type": "application/json"}
SECOND = 1_000_000


def _body(title: str, link: str) -> bytes:
    return json.dumps(
        {"title": title, "url": link, "content": "<p>A paragraph of the story.</p>", "feed_title": "Publisher"}
    ).encode()


async def test_a_webhook_with_a_very_long_canonical_url_is_stored_and_deduplicated(client: httpx.AsyncClient) -> None:
    link = "https://www.publisher.example/story?" + "&".join(f"section{n}=markets" for n in range(50))
    assert len(link) > 600
    first = await client.post(URL, content=_body("A story with a long address", link), headers=HEADERS)
    assert first.status_code == 201, first.text
    again = await client.post(URL, content=_body("A story with a long address", link), headers=HEADERS)
    assert (again.status_code, again.json()) == (200, {"id": first.json()["id"], "status": "duplicate"})
    stored = (await client.get(f"/v1/items/{first.json()['id']}")).json()
    assert stored["url"] == link


async def test_an_item_the_database_refuses_is_quarantined_with_the_reason(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    db = app.state.services.db
    await db.write(refuse_poisoned_headlines)
    refused = await client.post(URL, content=_body("A poison headline", "https://publisher.example/a"), headers=HEADERS)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["code"] == "unstorable-item"
    assert "poisoned headline" in problem["detail"]
    kept = await db.read(lambda conn: conn.execute(sa.select(quarantine)).all())
    assert [(row.reason, row.body) for row in kept] == [
        ("unstorable-item", _body("A poison headline", "https://publisher.example/a"))
    ]
    # The store is fine: the next item is stored.
    fine = await client.post(URL, content=_body("A fine headline", "https://publisher.example/b"), headers=HEADERS)
    assert fine.status_code == 201


async def _follow(client: httpx.AsyncClient, params: dict[str, str | int]) -> tuple[list[int], str]:
    seen: list[int] = []
    while True:
        page = (await client.get("/v1/items", params=params)).json()
        seen += [item["id"] for item in page["items"]]
        params = {"cursor": page["next_cursor"], "limit": params.get("limit", 50)}
        if not page["items"]:
            return seen, page["next_cursor"]


async def test_a_mirror_misses_nothing_a_replica_with_a_slow_clock_writes(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    services = app.state.services
    now = to_micros(services.clock())

    async def store(number: int, *, at: int) -> int:
        raw = RawItem(
            title=f"Story {number} of the day", content="<p>Words.</p>", link=f"https://publisher.example/{number}"
        )
        story = normalize(raw, now=services.clock(), settings=NormalizeSettings())
        return int((await services.db.write(save_item(story, channel=CHANNEL_FEED, received_at=at, feed_id=1))).id)

    first = [await store(number, at=now) for number in range(3)]
    seen, cursor = await _follow(client, {"updated_after": "2000-01-01T00:00:00Z", "limit": 2})
    assert seen == first
    # Replicas writing with a clock ten seconds behind, then one stepping back further still.
    late = [await store(number, at=now - 10 * SECOND) for number in range(3, 6)]
    late.append(await store(6, at=now - 60 * SECOND))
    more, _ = await _follow(client, {"cursor": cursor, "limit": 2})
    assert more == late


async def test_an_empty_first_sync_page_hands_back_a_cursor_that_misses_nothing(client: httpx.AsyncClient) -> None:
    # A mirror that starts from an instant with nothing after it goes on from the change numbers.
    page = (await client.get("/v1/items", params={"updated_after": "2000-01-01T00:00:00Z"})).json()
    assert page["items"] == []
    response = await client.post(URL, content=_body("After the cursor", "https://publisher.example/c"), headers=HEADERS)
    assert response.status_code == 201
    following = (await client.get("/v1/items", params={"cursor": page["next_cursor"]})).json()
    assert [item["headline"] for item in following["items"]] == ["After the cursor"]
