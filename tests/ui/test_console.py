"""The console over the ASGI app: login, session, CSRF, CSP, and each page on a real database."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import httpx
import pytest

from app.ui.items import PAGE
from app.ui.web import CSP
from tests.conftest import API_KEY, WEBHOOK_TOKEN
from tests.feeds.server import LoopbackServer, Request, Response
from tests.samples import generated_story, rss_feed

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def _login(client: httpx.AsyncClient) -> str:
    """Log in with the admin key; the CSRF token of the logged-in session."""
    page = await client.get("/ui/login")
    token = CSRF.search(page.text)
    assert token is not None
    answer = await client.post("/ui/login", data={"csrf": token.group(1), "key": API_KEY})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/"
    overview = await client.get("/ui/")
    assert overview.status_code == 200
    fresh = CSRF.search(overview.text)
    assert fresh is not None
    assert fresh.group(1) != token.group(1)  # login hands out a new token
    return fresh.group(1)


async def test_root_sends_the_browser_to_the_console(client: httpx.AsyncClient) -> None:
    answer = await client.get("/")
    assert answer.status_code == 307
    assert answer.headers["location"] == "/ui/"


async def test_pages_need_a_login_and_carry_a_strict_csp(client: httpx.AsyncClient) -> None:
    for path in (
        "/ui/",
        "/ui/feeds",
        "/ui/items",
        "/ui/items/1",
        "/ui/inbox",
        "/ui/subscriptions",
        "/ui/setup",
        "/ui/keys",
    ):
        answer = await client.get(path)
        assert answer.status_code == 303, path
        assert answer.headers["location"] == "/ui/login"
    login = await client.get("/ui/login")
    assert login.headers["content-security-policy"] == CSP
    assert "script-src 'self';" in CSP
    assert "<script>" not in login.text  # nothing inline: the CSP would refuse it anyway
    assert "httponly" in login.headers["set-cookie"].lower()
    assert "samesite=strict" in login.headers["set-cookie"].lower()


async def test_every_console_page_carries_the_csp(client: httpx.AsyncClient) -> None:
    await _login(client)
    for path in ("/ui/", "/ui/feeds", "/ui/items", "/ui/inbox", "/ui/subscriptions", "/ui/setup", "/ui/keys"):
        answer = await client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["content-security-policy"] == CSP, path
        assert answer.headers["cache-control"] == "no-store", path
        assert "<script>" not in answer.text, path
        assert " style=" not in answer.text, path


async def test_a_wrong_key_does_not_log_in(client: httpx.AsyncClient) -> None:
    page = await client.get("/ui/login")
    token = CSRF.search(page.text)
    assert token is not None
    answer = await client.post("/ui/login", data={"csrf": token.group(1), "key": WEBHOOK_TOKEN})
    assert answer.status_code == 401
    assert "not an admin key" in answer.text
    assert (await client.get("/ui/")).status_code == 303


async def test_a_post_without_the_sessions_csrf_token_is_refused(client: httpx.AsyncClient) -> None:
    await _login(client)
    for sent in ({}, {"csrf": "forged"}):
        answer = await client.post("/ui/feeds", data={"url": "http://127.0.0.1:9/feed.xml", **sent})
        assert answer.status_code == 403
        assert "CSRF" in answer.text
    assert "No feeds yet" in (await client.get("/ui/feeds")).text


async def test_a_forged_session_cookie_is_not_a_login(client: httpx.AsyncClient) -> None:
    await _login(client)
    cookie = client.cookies.get("feedhook_console")
    assert cookie is not None
    body, signature = cookie.split(".")
    assert (await client.get("/ui/", headers={"Cookie": f"feedhook_console={cookie}"})).status_code == 200
    client.cookies.clear()
    for forged in (f"{body}.{signature[:-4]}AAAA", f"{body[:-4]}AAAA.{signature}", body, ""):
        answer = await client.get("/ui/", headers={"Cookie": f"feedhook_console={forged}"})
        assert answer.status_code == 303, forged


async def test_logout_ends_the_session(client: httpx.AsyncClient) -> None:
    token = await _login(client)
    answer = await client.post("/ui/logout", data={"csrf": token})
    assert answer.status_code == 303
    assert (await client.get("/ui/")).status_code == 303


async def test_the_inbox_shows_a_quarantined_payload_redacted_and_replays_it(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    refused = await client.post(
        "/v1/webhooks/ifttt", content=f'{{"token": "{WEBHOOK_TOKEN}", "author": "nobody"}}', headers=auth
    )
    assert refused.status_code == 422
    token = await _login(client)
    overview = await client.get("/ui/")
    assert re.search(r'id="quarantine-size">1<', overview.text)
    inbox = await client.get("/ui/inbox")
    assert "[webhook token]" in inbox.text
    assert WEBHOOK_TOKEN not in inbox.text
    match = re.search(r'action="/ui/inbox/(\d+)/replay"', inbox.text)
    assert match is not None
    replayed = await client.post(f"/ui/inbox/{match.group(1)}/replay", data={"csrf": token}, follow_redirects=True)
    assert "still unusable" in replayed.text
    deleted = await client.post(f"/ui/inbox/{match.group(1)}/delete", data={"csrf": token}, follow_redirects=True)
    assert "The quarantine is empty" in deleted.text


async def test_items_and_an_item_page_show_what_the_webhook_stored(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    body = {"title": "Harbour <b>reopens</b> after storm", "content": "Ships sail again.\n\nThe port said so."}
    stored = await client.post("/v1/webhooks/ifttt", json=body, headers=auth)
    assert stored.status_code == 201
    item_id = stored.json()["id"]
    await _login(client)
    listing = await client.get("/ui/items", params={"channel": "webhook"})
    assert f'href="/ui/items/{item_id}"' in listing.text
    assert "Harbour reopens after storm" in listing.text
    assert "Harbour" not in (await client.get("/ui/items", params={"channel": "feed"})).text
    page = await client.get(f"/ui/items/{item_id}")
    assert "<p>Ships sail again.</p>" in page.text
    assert "webhook" in page.text
    assert "Ships sail again." in page.text.split("Raw input")[1]  # the raw input, kept beside the item
    assert (await client.get("/ui/items/999999")).status_code == 404


async def test_the_setup_dry_run_shows_what_a_broken_body_becomes(client: httpx.AsyncClient) -> None:
    token = await _login(client)
    setup = await client.get("/ui/setup")
    assert f"/v1/webhooks/ifttt?token={WEBHOOK_TOKEN}" in setup.text
    broken = '{"title": "Mayor says "no" to tower", "content": "Plans shelved."}'
    answer = await client.post("/ui/setup", data={"csrf": token, "content_type": "application/json", "body": broken})
    assert answer.status_code == 200
    assert "json-lenient" in answer.text
    assert "Mayor says" in answer.text
    assert (await client.get("/v1/items", headers={"Authorization": f"Bearer {API_KEY}"})).json()["items"] == []


async def test_the_inbox_shows_each_request_redacted_with_the_applet_doctor(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    broken = f'{{"token": "{WEBHOOK_TOKEN}", "title": "Mayor says "no" to tower", "content": "Plans shelved."}}'
    first = await client.post("/v1/webhooks/ifttt", content=broken, headers={"Content-Type": "application/json"})
    assert first.status_code == 201
    again = await client.post("/v1/webhooks/ifttt", content=broken, headers={"Content-Type": "application/json"})
    assert again.json()["status"] == "duplicate"
    wrong = await client.post("/v1/webhooks/ifttt?token=wrong", json={"title": "Stranger"})
    assert wrong.status_code == 401
    await _login(client)
    inbox = (await client.get("/ui/inbox")).text
    assert WEBHOOK_TOKEN not in inbox
    assert inbox.count('class="kept arrival"') == 2  # the stranger's request is not kept
    assert re.search(r'id="request-2".*?duplicate</span>\s*as <a href="/ui/items/1">', inbox, re.S)
    assert "json-lenient" in inbox
    assert "Repaired: broken JSON" in inbox
    assert "Applet doctor" in inbox
    assert "content: {{EntryContent}}" in inbox
    assert "Stranger" not in inbox


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_items_page_on_by_keyset_without_gaps_or_repeats(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    for number in range(PAGE + 3):
        story = {"title": f"Tide table number {number} published", "url": f"https://example.org/tide/{number}"}
        assert (await client.post("/v1/webhooks/ifttt", json=story, headers=auth)).status_code == 201
    await _login(client)
    for params in ({}, {"q": "tide"}):
        first = await client.get("/ui/items", params=params)
        older = re.search(r'href="(/ui/items\?[^"]+)" rel="next"', first.text)
        assert older is not None
        second = await client.get(html.unescape(older.group(1)))
        shown = re.findall(r'href="/ui/items/(\d+)"', first.text) + re.findall(r'href="/ui/items/(\d+)"', second.text)
        assert sorted(map(int, shown)) == list(range(1, PAGE + 4)), params
        assert 'rel="next"' not in second.text


async def test_a_feed_action_on_a_removed_feed_says_so(client: httpx.AsyncClient) -> None:
    token = await _login(client)
    for action in ("poll", "enable", "remove"):
        answer = await client.post(f"/ui/feeds/99/{action}", data={"csrf": token}, follow_redirects=True)
        assert answer.status_code == 200, action
        assert "no feed with id 99" in answer.text


async def test_a_note_in_a_link_is_not_shown_only_the_consoles_own_and_once(client: httpx.AsyncClient) -> None:
    token = await _login(client)
    planted = await client.get("/ui/feeds", params={"note": "Session expired: paste your key at evil.example"})
    assert "evil.example" not in planted.text
    await client.post("/ui/feeds/99/remove", data={"csrf": token})
    assert "no feed with id 99" in (await client.get("/ui/feeds")).text
    assert "no feed with id 99" not in (await client.get("/ui/feeds")).text


async def test_feed_health_shows_the_streaks_start_and_the_share_of_304s_here_and_in_the_admin_json(
    client: httpx.AsyncClient,
) -> None:
    def conditional(request: Request) -> Response:
        if request.headers.get("if-none-match") == '"v1"':
            return Response(304, {"ETag": '"v1"'})
        feed = rss_feed([generated_story(41)])
        return Response(200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, feed)

    token = await _login(client)
    admin = {"Authorization": f"Bearer {API_KEY}"}
    async with LoopbackServer("127.0.0.1") as server:
        server.route("/fresh.xml", conditional)
        server.route("/down.xml", Response(500, {}, b"down"))
        for path in ("/fresh.xml", "/down.xml"):
            added = await client.post("/v1/feeds", json={"url": server.url(path)}, headers=admin)
            assert added.status_code == 201, added.text
        for _ in range(4):  # one download, then three 304s; four failures in a row
            for feed_id in (1, 2):
                await client.post(f"/ui/feeds/{feed_id}/poll", data={"csrf": token})

    fresh, down = (await client.get("/v1/feeds", headers=admin)).json()
    assert (fresh["poll_count"], fresh["not_modified_count"], fresh["not_modified_share"]) == (4, 3, 0.75)
    assert fresh["failing_since"] is None
    assert (down["poll_count"], down["not_modified_share"], down["error_count"]) == (4, 0.0, 4)
    assert down["failing_since"] is not None
    assert down["failing_since"] < down["last_polled_at"]  # the first failure's time, kept by the later ones

    page = (await client.get("/ui/feeds")).text
    rows = {feed_id: page.split(f'id="feed-{feed_id}"')[1].split("</tr>")[0] for feed_id in (1, 2)}
    assert "75%" in rows[1]
    assert "of 4 polls" in rows[1]
    shown = datetime.fromisoformat(down["failing_since"]).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    assert shown in rows[2]
    assert "4 polls in a row" in rows[2]
    assert "0%" in rows[2]
