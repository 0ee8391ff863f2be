"""The webhook token never reaches a public item in a form that decodes to it, nor a log line."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import unquote

import httpx
import pytest

from app.ops.logging import redact, remember_secrets
from tests.conftest import WEBHOOK_TOKEN

URL = "/v1/webhooks/ifttt"
STORY = "The council approved the new harbour plan on Thursday after a long debate over costs."


def _entities(text: str) -> str:
    return "".join(f"&#{ord(char)};" if n % 3 == 0 else char for n, char in enumerate(text))


def _percent(text: str) -> str:
    return "".join(f"%{ord(char):02X}" for char in text)


def _split_by_tags(text: str) -> str:
    return "<b>".join(text[n : n + 4] for n in range(0, len(text), 4)) + "</b>" * (len(text) // 4)


HIDDEN = {
    "entity-in-html-content": {"content": f"<p>{STORY} Sent with {_entities(WEBHOOK_TOKEN)} today.</p>"},
    "one-entity": {"content": f"<p>{STORY} {WEBHOOK_TOKEN[:5]}&#x{ord(WEBHOOK_TOKEN[5]):x};{WEBHOOK_TOKEN[6:]}</p>"},
    "split-by-tags": {"content": f"<p>{STORY} key {_split_by_tags(WEBHOOK_TOKEN)} end.</p>"},
    "percent-in-link": {"url": f"https://example.com/story?ref={_percent(WEBHOOK_TOKEN)}", "content": STORY},
    "percent-in-content-link": {
        "content": f'<p>{STORY} <a href="https://x.example/?t={_percent(WEBHOOK_TOKEN)}">more</a></p>'
    },
    "entity-in-title": {"title": f"Harbour plan {_entities(WEBHOOK_TOKEN)}", "content": STORY},
}


def _decoded_strings(value: object) -> list[str]:
    if isinstance(value, str):
        text = html.unescape(unquote(html.unescape(value)))
        return [text, re.sub(r"<[^>]*>", "", text)]
    if isinstance(value, list):
        return [s for entry in value for s in _decoded_strings(entry)]
    if isinstance(value, dict):
        return [s for entry in value.values() for s in _decoded_strings(entry)]
    return []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("case", sorted(HIDDEN))
async def test_the_token_in_an_encoded_form_never_reaches_a_stored_item(client: httpx.AsyncClient, case: str) -> None:
    body = {"title": "Harbour plan approved", **HIDDEN[case]}
    posted = await client.post(URL, params={"token": WEBHOOK_TOKEN}, content=json.dumps(body).encode())
    assert posted.status_code == 201, posted.text
    item = await client.get(f"/v1/items/{posted.json()['id']}")
    assert item.status_code == 200
    assert item.json()["headline"]
    for text in _decoded_strings(item.json()):
        assert WEBHOOK_TOKEN not in text, text
    for path in ("/v1/feed.json", "/v1/feed.atom"):
        feed = (await client.get(path)).text
        assert all(WEBHOOK_TOKEN not in text for text in _decoded_strings(feed)), path


@pytest.mark.parametrize(
    "line",
    [
        f"GET /v1/webhooks/ifttt?%74oken={WEBHOOK_TOKEN} HTTP/1.1",
        f"GET /v1/webhooks/ifttt?%74%6F%6b%65%6e={_percent(WEBHOOK_TOKEN)} HTTP/1.1",
        f"GET /v1/webhooks/ifttt?x={_percent(WEBHOOK_TOKEN)} HTTP/1.1",
        f"GET /v1/webhooks/ifttt?TOKEN={WEBHOOK_TOKEN[::-1]} HTTP/1.1",  # a wrong token is still not logged
    ],
)
def test_an_encoded_token_parameter_is_redacted_from_log_lines(line: str) -> None:
    remember_secrets([WEBHOOK_TOKEN])
    try:
        logged = redact(line)
    finally:
        remember_secrets([])
    assert WEBHOOK_TOKEN not in unquote(logged)
    assert WEBHOOK_TOKEN[::-1] not in logged
    assert "[redacted]" in logged


@pytest.mark.parametrize(
    "query",
    ["access_token=abc123", "auth=abc123", "X-Amz-Signature=abc123&X-Amz-Date=1", "sig=abc123", "k=abc123#frag"],
)
def test_feed_urls_are_logged_without_their_query(query: str) -> None:
    logged = redact(f"fetch failed url=https://publisher.example/feed.xml?{query} error=timeout")
    assert "abc123" not in logged
    assert "https://publisher.example/feed.xml?[query hidden]" in logged
    assert logged.endswith("error=timeout")
