"""Console keys page: create (secret shown once), list, revoke, rotate the webhook token; CSRF on each."""

from __future__ import annotations

import html
import re

import httpx

from tests.conftest import API_KEY, WEBHOOK_TOKEN
from tests.samples import generated_story
from tests.ui.test_console import CSRF, _login

SECRET = re.compile(r'<code id="new-key-secret">(fhk_[^<]+)</code>')
TOKEN = re.compile(r'<code id="new-webhook-token-value">([^<]+)</code>')


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


async def _create(client: httpx.AsyncClient, csrf: str, name: str, scope: str) -> str:
    answer = await client.post("/ui/keys", data={"csrf": csrf, "name": name, "scope": scope})
    assert answer.status_code == 200, answer.text
    found = SECRET.search(answer.text)
    assert found is not None, answer.text
    return found.group(1)


async def test_a_key_created_in_the_console_is_shown_once_reads_and_is_refused_once_revoked(
    client: httpx.AsyncClient,
) -> None:
    csrf = await _login(client)
    empty = await client.get("/ui/keys")
    assert "No keys yet" in empty.text
    assert 'href="/ui/keys"' in empty.text  # in the console's navigation

    answer = await client.post("/ui/keys", data={"csrf": csrf, "name": "reader-1", "scope": "read"})
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    found = SECRET.search(answer.text)
    assert found is not None
    secret = found.group(1)
    assert 'hx-history="false"' in answer.text  # htmx keeps no snapshot of the page that shows it
    # The answer to the POST itself, not a redirect: the secret is in no URL and no cookie.
    assert secret not in str(answer.url)
    assert "set-cookie" not in answer.headers
    assert (await client.get("/v1/items", headers=_bearer(secret))).status_code == 200

    listing = await client.get("/ui/keys")
    assert secret not in listing.text  # shown that once
    row = re.search(r'<tr id="key-(\d+)".*?</tr>', listing.text, re.S)
    assert row is not None
    key_id, cells = row.group(1), row.group(0)
    for shown in ("reader-1", ">read<", secret[:12] + "…", "UTC"):
        assert shown in cells, shown
    assert "never" not in cells  # it has read /v1/items: its last use is listed
    assert "Revoke" in cells

    revoked = await client.post(f"/ui/keys/{key_id}/revoke", data={"csrf": csrf}, follow_redirects=True)
    assert revoked.status_code == 200
    assert "Key &#39;reader-1&#39; revoked." in revoked.text
    assert (await client.get("/v1/items", headers=_bearer(secret))).status_code == 401
    row = re.search(rf'<tr id="key-{key_id}".*?</tr>', revoked.text, re.S)
    assert row is not None
    assert "Revoke" not in row.group(0)
    assert "—" not in row.group(0).split("</td>")[5]  # its revocation time


async def test_a_console_session_ends_when_the_key_that_opened_it_is_revoked(client: httpx.AsyncClient) -> None:
    csrf = await _login(client)
    secret = await _create(client, csrf, "operator-2", "admin")
    assert (await client.post("/ui/logout", data={"csrf": csrf})).status_code == 303

    login = await client.get("/ui/login")
    token = CSRF.search(login.text)
    assert token is not None
    opened = await client.post("/ui/login", data={"csrf": token.group(1), "key": secret})
    assert opened.headers["location"] == "/ui/"
    page = await client.get("/ui/keys")
    fresh = CSRF.search(page.text)
    assert fresh is not None
    key_id = re.search(r'<tr id="key-(\d+)"', page.text)
    assert key_id is not None
    answer = await client.post(f"/ui/keys/{key_id.group(1)}/revoke", data={"csrf": fresh.group(1)})
    assert answer.status_code == 303
    # The keys page it sends the browser to already refuses the session.
    landed = await client.get(answer.headers["location"])
    assert (landed.status_code, landed.headers["location"]) == (303, "/ui/login")
    login = await client.get("/ui/login")
    assert "log in with another admin key" in html.unescape(login.text)
    assert (await client.get("/ui/")).status_code == 303


async def test_a_bad_or_taken_name_is_shown_in_the_page(client: httpx.AsyncClient) -> None:
    csrf = await _login(client)
    await _create(client, csrf, "dashboard", "read")
    cases = (
        ({"name": "dashboard", "scope": "admin"}, 409, "exists already"),
        ({"name": "has space", "scope": "read"}, 422, "a key name is 1 to 64 letters"),
        ({"name": "12345", "scope": "read"}, 422, "cannot be all digits"),
        ({"name": "", "scope": "read"}, 422, "a key name is 1 to 64 letters"),
        ({"name": "writer", "scope": "write"}, 422, "unknown scope"),
    )
    for sent, status, reason in cases:
        answer = await client.post("/ui/keys", data={"csrf": csrf, **sent})
        assert answer.status_code == status, sent
        assert answer.headers["content-type"].startswith("text/html"), sent
        assert reason in html.unescape(answer.text), sent
        assert 'role="alert"' in answer.text, sent
        assert SECRET.search(answer.text) is None, sent
    listed = (await client.get("/v1/keys", headers=_bearer(API_KEY))).json()
    assert [(key["name"], key["scope"]) for key in listed] == [("dashboard", "read")]


async def test_rotating_the_webhook_token_shows_the_new_one_once_and_the_old_one_stops(
    client: httpx.AsyncClient,
) -> None:
    csrf = await _login(client)
    answer = await client.post("/ui/keys/webhook-token", data={"csrf": csrf})
    assert answer.status_code == 200
    found = TOKEN.search(answer.text)
    assert found is not None
    token = found.group(1)
    assert token != WEBHOOK_TOKEN
    assert "IFTTT applet" in answer.text
    assert 'id="new-webhook-token" hx-history="false"' in answer.text
    assert token not in (await client.get("/ui/keys")).text
    body = generated_story(3).json_valid()
    old = await client.post("/v1/webhooks/ifttt", content=body, params={"token": WEBHOOK_TOKEN})
    assert old.status_code == 401
    new = await client.post("/v1/webhooks/ifttt", content=body, params={"token": token})
    assert new.status_code == 201, new.text
    assert token in (await client.get("/ui/setup")).text  # the applet's URL carries it


async def test_key_actions_without_the_sessions_csrf_token_are_refused(client: httpx.AsyncClient) -> None:
    csrf = await _login(client)
    secret = await _create(client, csrf, "kept", "read")
    key_id = re.search(r'<tr id="key-(\d+)"', (await client.get("/ui/keys")).text)
    assert key_id is not None
    for sent in ({}, {"csrf": "forged"}):
        actions: tuple[tuple[str, dict[str, str]], ...] = (
            ("/ui/keys", {"name": "sneaky", "scope": "admin"}),
            (f"/ui/keys/{key_id.group(1)}/revoke", {}),
            ("/ui/keys/webhook-token", {}),
        )
        for path, fields in actions:
            answer = await client.post(path, data={**fields, **sent})
            assert answer.status_code == 403, path
            assert "CSRF" in answer.text, path
    listed = (await client.get("/v1/keys", headers=_bearer(API_KEY))).json()
    assert [(key["name"], key["revoked_at"]) for key in listed] == [("kept", None)]
    assert (await client.get("/v1/items", headers=_bearer(secret))).status_code == 200
    webhook = await client.post(
        "/v1/webhooks/ifttt", content=generated_story(4).json_valid(), params={"token": WEBHOOK_TOKEN}
    )
    assert webhook.status_code == 201  # the token was not rotated


async def test_the_keys_page_needs_a_login(client: httpx.AsyncClient) -> None:
    for method, path in (("GET", "/ui/keys"), ("POST", "/ui/keys"), ("POST", "/ui/keys/webhook-token")):
        answer = await client.request(method, path)
        assert (answer.status_code, answer.headers["location"]) == (303, "/ui/login"), path
