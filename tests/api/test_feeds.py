"""Feeds API over HTTP with real loopback feed servers: register, poll, 304, edits, errors, auth."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.store.db import migrate
from tests.conftest import API_KEY, READ_KEY_HOOKS, WEBHOOK_TOKEN
from tests.feeds.server import LoopbackServer, Request, Response
from tests.samples import Story, generated_story, rss_feed

ADMIN = {"Authorization": f"Bearer {API_KEY}"}


@pytest.fixture
async def feed_server() -> AsyncIterator[LoopbackServer]:
    async with LoopbackServer("127.0.0.1") as running:
        yield running
    assert not running.errors, running.errors


def conditional(document: bytes, etag: str) -> object:
    """A handler that answers 304 when the client sends back the current ETag."""

    def handle(request: Request) -> Response:
        if request.headers.get("if-none-match") == etag:
            return Response(304, {"ETag": etag})
        return Response(200, {"Content-Type": "application/rss+xml", "ETag": etag}, document)

    return handle


async def test_register_poll_then_304_then_an_edited_entry(
    client: httpx.AsyncClient, feed_server: LoopbackServer
) -> None:
    stories = [generated_story(n) for n in range(5)]
    feed_server.route("/feed.xml", conditional(rss_feed(stories), '"v1"'))  # type: ignore[arg-type]
    created = await client.post("/v1/feeds", json={"url": feed_server.url("/feed.xml")}, headers=ADMIN)
    assert created.status_code == 201, created.text
    feed = created.json()
    assert feed["item_count"] == 0

    first = (await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)).json()
    assert first == {"status": "ok", "new": 5, "updated": 0, "unchanged": 0, "rejected": 0, "error": None}
    second = (await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)).json()
    assert second["status"] == "not_modified"
    assert feed_server.hits("/feed.xml")[-1].headers["if-none-match"] == '"v1"'

    edited = [*stories[:4], Story(**{**stories[4].__dict__, "paragraphs": ["A corrected first paragraph."]})]
    feed_server.route("/feed.xml", conditional(rss_feed(edited), '"v2"'))  # type: ignore[arg-type]
    third = (await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)).json()
    assert third == {"status": "ok", "new": 0, "updated": 1, "unchanged": 4, "rejected": 0, "error": None}

    shown = (await client.get(f"/v1/feeds/{feed['id']}", headers=ADMIN)).json()
    assert shown["item_count"] == 5
    assert shown["etag"] == '"v2"'
    assert shown["title"] == "Business Insider"
    assert shown["last_status"] == "ok"
    items = (await client.get("/v1/items")).json()["items"]
    assert {item["channels"][0] for item in items} == {"feed"}
    assert {item["feed_id"] for item in items} == {feed["id"]}
    changed = next(item for item in items if item["headline"] == stories[4].headline)
    assert changed["body"] == ["A corrected first paragraph."]
    assert changed["updated_at"] > changed["received_at"]


async def test_same_story_by_webhook_and_feed_is_one_item(
    client: httpx.AsyncClient, feed_server: LoopbackServer
) -> None:
    story = generated_story(42)
    posted = await client.post(
        "/v1/webhooks/ifttt", content=story.json_valid(), headers={"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
    )
    assert posted.status_code == 201
    feed_server.route("/feed.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([story])))
    feed = (await client.post("/v1/feeds", json={"url": feed_server.url("/feed.xml")}, headers=ADMIN)).json()
    outcome = (await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)).json()
    assert outcome["new"] == 0
    items = (await client.get("/v1/items")).json()["items"]
    assert len(items) == 1
    assert items[0]["id"] == posted.json()["id"]
    assert items[0]["channels"] == ["webhook", "feed"]


async def test_feed_errors_are_kept_on_the_feed_and_back_off(
    client: httpx.AsyncClient, feed_server: LoopbackServer
) -> None:
    feed_server.route("/busy.xml", Response(429, {"Retry-After": "7200"}))
    feed = (await client.post("/v1/feeds", json={"url": feed_server.url("/busy.xml")}, headers=ADMIN)).json()
    outcome = (await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)).json()
    assert outcome["status"] == "error"
    shown = (await client.get(f"/v1/feeds/{feed['id']}", headers=ADMIN)).json()
    assert shown["error_count"] == 1
    assert "429" in shown["last_error"]
    wait = httpx_seconds(shown["next_poll_at"]) - httpx_seconds(shown["last_polled_at"])
    assert wait >= 7200

    feed_server.route("/gone.xml", Response(410))
    gone = (await client.post("/v1/feeds", json={"url": feed_server.url("/gone.xml")}, headers=ADMIN)).json()
    assert (await client.post(f"/v1/feeds/{gone['id']}/poll", headers=ADMIN)).json()["status"] == "gone"
    assert (await client.get(f"/v1/feeds/{gone['id']}", headers=ADMIN)).json()["disabled"] is True


def httpx_seconds(value: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


async def test_permanent_redirect_updates_the_stored_url(
    client: httpx.AsyncClient, feed_server: LoopbackServer
) -> None:
    feed_server.route("/old.xml", Response(301, {"Location": feed_server.url("/new.xml")}))
    feed_server.route(
        "/new.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([generated_story(1)]))
    )
    feed = (await client.post("/v1/feeds", json={"url": feed_server.url("/old.xml")}, headers=ADMIN)).json()
    await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)
    shown = (await client.get(f"/v1/feeds/{feed['id']}", headers=ADMIN)).json()
    assert shown["url"] == feed_server.url("/new.xml")


async def test_crud_conflict_and_validation(client: httpx.AsyncClient, feed_server: LoopbackServer) -> None:
    url = feed_server.url("/feed.xml")
    created = await client.post(
        "/v1/feeds", json={"url": url, "title": "Example", "interval_seconds": 600}, headers=ADMIN
    )
    assert created.status_code == 201
    feed_id = created.json()["id"]
    again = await client.post("/v1/feeds", json={"url": url}, headers=ADMIN)
    assert (again.status_code, again.headers["content-type"]) == (409, "application/problem+json")
    for bad in ({"url": "ftp://example.com/feed"}, {"url": "not a url"}, {"url": url, "interval_seconds": 5}):
        response = await client.post("/v1/feeds", json=bad, headers=ADMIN)
        assert response.status_code == 422, bad
    patched = await client.patch(f"/v1/feeds/{feed_id}", json={"interval_seconds": 3600}, headers=ADMIN)
    assert patched.json()["interval_seconds"] == 3600
    assert [feed["id"] for feed in (await client.get("/v1/feeds", headers=ADMIN)).json()] == [feed_id]
    assert (await client.delete(f"/v1/feeds/{feed_id}", headers=ADMIN)).status_code == 204
    assert (await client.get(f"/v1/feeds/{feed_id}", headers=ADMIN)).status_code == 404
    assert (await client.delete(f"/v1/feeds/{feed_id}", headers=ADMIN)).status_code == 404


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}]
)
async def test_feeds_need_the_admin_key(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    response = await client.get("/v1/feeds", headers=headers)
    assert (response.status_code, response.headers["content-type"]) == (401, "application/problem+json")


@pytest.fixture
async def guarded_app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    url = f"sqlite:///{tmp_path / 'guarded.db'}"
    await asyncio.to_thread(migrate, url)
    settings = Settings(
        _env_file=None,
        database_url=url,
        data_dir=tmp_path,
        webhook_token=WEBHOOK_TOKEN,
        api_key=API_KEY,
        feeds="",
        poller=False,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/feed", "http://2130706433/feed", "http://[::ffff:127.0.0.1]/feed", "http://169.254.169.254/"],
)
async def test_guard_refuses_private_targets_at_registration(guarded_app: FastAPI, url: str) -> None:
    transport = httpx.ASGITransport(app=guarded_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t", event_hooks=READ_KEY_HOOKS) as http:
        response = await http.post("/v1/feeds", json={"url": url}, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "blocked-url"


async def test_items_stored_by_polling_are_counted_in_the_items_metric(
    client: httpx.AsyncClient, feed_server: LoopbackServer
) -> None:
    stories = [generated_story(n) for n in range(3)]
    feed_server.route("/counted.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed(stories)))
    feed = (await client.post("/v1/feeds", json={"url": feed_server.url("/counted.xml")}, headers=ADMIN)).json()
    await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)
    feed_server.route("/counted.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed(stories[:2])))
    await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)
    text = (await client.get("/metrics")).text
    assert 'feedhook_items_total{channel="feed",outcome="created"} 3.0' in text
    assert 'feedhook_items_total{channel="feed",outcome="duplicate"} 2.0' in text


async def test_items_filter_by_feed_and_by_channel(client: httpx.AsyncClient, feed_server: LoopbackServer) -> None:
    feed_ids = []
    for number, path in enumerate(("/a.xml", "/b.xml")):
        stories = [generated_story(10 * number + n) for n in range(2 + number)]
        feed_server.route(path, Response(200, {"Content-Type": "application/rss+xml"}, rss_feed(stories)))
        feed = (await client.post("/v1/feeds", json={"url": feed_server.url(path)}, headers=ADMIN)).json()
        assert (await client.post(f"/v1/feeds/{feed['id']}/poll", headers=ADMIN)).json()["new"] == 2 + number
        feed_ids.append(feed["id"])
    hook = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
    assert (await client.post("/v1/webhooks/ifttt", content=generated_story(99).json_valid(), headers=hook)).is_success

    async def listed(**params: str | int) -> list[dict[str, object]]:
        page = await client.get("/v1/items", params=params)
        assert page.status_code == 200, page.text
        items: list[dict[str, object]] = page.json()["items"]
        return items

    assert {item["feed_id"] for item in await listed(feed_id=feed_ids[0])} == {feed_ids[0]}
    assert len(await listed(feed_id=feed_ids[1])) == 3
    assert len(await listed(feed_id=feed_ids[1], channel="webhook")) == 0
    webhook_items = await listed(channel="webhook")
    assert [item["channels"] for item in webhook_items] == [["webhook"]]
    assert len(await listed(channel="feed")) == 5
    assert len(await listed(q="story", channel="feed", feed_id=feed_ids[0])) == 2
    feed = await client.get("/v1/feed.json", params={"feed_id": feed_ids[1], "limit": 2})
    assert len(feed.json()["items"]) == 2
    assert f"feed_id={feed_ids[1]}" in feed.json()["next_url"]  # the next page keeps the filter
    assert (await client.get("/v1/items", params={"channel": "email"})).status_code == 422


async def test_a_configured_feed_the_operator_removed_stays_removed(settings: Settings) -> None:
    await asyncio.to_thread(migrate, settings.database_url)
    configured = settings.model_copy(update={"feeds": "http://127.0.0.1:9/a.xml,http://127.0.0.1:9/b.xml"})

    async def feed_urls(steps: list[tuple[str, str, dict[str, object]]]) -> list[str]:
        application = create_app(configured)
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                for method, path, body in steps:
                    answer = await http.request(method, path, json=body or None, headers=ADMIN)
                    assert answer.is_success, answer.text
                return [feed["url"] for feed in (await http.get("/v1/feeds", headers=ADMIN)).json()]

    assert await feed_urls([]) == ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml"]
    assert await feed_urls([("DELETE", "/v1/feeds/1", {})]) == ["http://127.0.0.1:9/b.xml"]
    assert await feed_urls([]) == ["http://127.0.0.1:9/b.xml"]  # a restart does not bring it back
    again = await feed_urls([("POST", "/v1/feeds", {"url": "http://127.0.0.1:9/a.xml"})])
    assert sorted(again) == ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml"]
    assert len(await feed_urls([])) == 2  # added by hand: wanted again, and registered once
