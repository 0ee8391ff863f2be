"""U+0000 from a sender never reaches the database as text (PostgreSQL refuses it): stored cleanly or 422."""

from __future__ import annotations

import json

import httpx

from tests.conftest import WEBHOOK_TOKEN


async def test_nul_characters_in_a_webhook_are_cleaned_not_a_500(client: httpx.AsyncClient) -> None:
    body = json.dumps(
        {
            "title": "Head\u0000line",
            "url": "https://example.com/a\u0000b",
            "content": "<p>Para\u0000graph</p>",
            "author": "A\u0000B",
            "feed_title": "Src\u0000",
        }
    ).encode()
    response = await client.post("/v1/webhooks/ifttt", content=body, params={"token": WEBHOOK_TOKEN})
    assert response.status_code in (201, 422), response.text
    if response.status_code == 201:
        item = (await client.get(f"/v1/items/{response.json()['id']}")).json()
        assert "\u0000" not in json.dumps(item, ensure_ascii=False)
