"""What schemathesis (tests/test_schemathesis.py) found in the API, one test per finding (docs/fuzzing.md).

Each pins the smallest request that showed the problem, so a finding stays fixed even where the
derandomized generation no longer happens to send that request. Every answer here is problem+json.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import API_KEY, WEBHOOK_TOKEN

ADMIN = {"Authorization": f"Bearer {API_KEY}"}
WEBHOOK = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
BEYOND_BIGINT = "206609441183130139743070715904"


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


async def _feed(client: httpx.AsyncClient) -> int:
    created = await client.post("/v1/feeds", json={"url": "https://127.0.0.1/feed.xml"}, headers=ADMIN)
    assert created.status_code == 201, created.text
    feed_id: int = created.json()["id"]
    return feed_id


# --- F1: 405 answers named only one route's methods in Allow ----------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("OPTIONS", "/v1/feeds", {"GET", "POST"}),
        ("PUT", "/v1/feeds/1", {"GET", "PATCH", "DELETE"}),
        ("DELETE", "/v1/items", {"GET"}),
    ],
)
async def test_f1_405_allow_lists_every_method_of_the_path(
    client: httpx.AsyncClient, method: str, path: str, allowed: set[str]
) -> None:
    response = await client.request(method, path, headers=ADMIN)
    _problem(response, 405)
    assert {part.strip() for part in response.headers["allow"].split(",")} == allowed


# --- F2: ids beyond BIGINT reached the driver (OverflowError / DataError: 500) ----------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/v1/items/{BEYOND_BIGINT}"),
        ("GET", f"/v1/feeds/{BEYOND_BIGINT}"),
        ("PATCH", f"/v1/feeds/{BEYOND_BIGINT}"),
        ("DELETE", f"/v1/feeds/{BEYOND_BIGINT}"),
        ("POST", f"/v1/feeds/{BEYOND_BIGINT}/poll"),
        ("GET", "/v1/items/0"),
        ("GET", "/v1/feeds/-1"),
    ],
)
async def test_f2_ids_outside_bigint_are_422(client: httpx.AsyncClient, method: str, path: str) -> None:
    body = {"title": "x"} if method == "PATCH" else None
    _problem(await client.request(method, path, json=body, headers=ADMIN), 422)


# --- F3: date-time parameters took Unix timestamps, bare dates and offset-less times ----------------


@pytest.mark.parametrize("path", ["/v1/items", "/v1/feed.json", "/v1/feed.atom"])
@pytest.mark.parametrize("value", ["0.5", "1614287640", "2021-02-25", "2021-02-25T21:14:00", "2021-02-25 21:14:00Z"])
async def test_f3_date_time_parameters_take_rfc3339_only(client: httpx.AsyncClient, path: str, value: str) -> None:
    for name in ("since", "until"):
        _problem(await client.get(path, params={name: value}), 422)
    if path == "/v1/items":
        _problem(await client.get(path, params={"updated_after": value}), 422)


@pytest.mark.parametrize("value", ["2021-02-25T21:14:00Z", "2021-02-25T21:14:00.5+01:00", "2021-02-25t21:14:00z"])
async def test_f3_rfc3339_date_times_still_work(client: httpx.AsyncClient, value: str) -> None:
    for params in ({"since": value}, {"until": value}, {"updated_after": value}):
        assert (await client.get("/v1/items", params=params)).status_code == 200


# --- F4: the webhook's documented body schemas refused bodies it reads (a bare JSON string) ---------


async def test_f4_the_webhook_documents_any_body_as_it_reads_any_body(app: FastAPI, client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/webhooks/ifttt?dry_run=true", content=b'"A bare JSON string is a headline"', headers=WEBHOOK
    )
    assert response.status_code == 200, response.text
    assert response.json()["item"]["headline"] == '"A bare JSON string is a headline"'
    content = app.openapi()["paths"]["/v1/webhooks/ifttt"]["post"]["requestBody"]["content"]
    for media_type in ("application/json", "application/x-www-form-urlencoded", "text/plain"):
        assert "type" not in content[media_type]["schema"], media_type


# --- F5: PATCH took null for fields that cannot be null (409 "another feed has that URL", 422 blocked) -


@pytest.mark.parametrize("field", ["url", "interval_seconds", "disabled"])
async def test_f5_patch_refuses_null_for_a_field_that_cannot_be_null(client: httpx.AsyncClient, field: str) -> None:
    feed_id = await _feed(client)
    body = _problem(await client.patch(f"/v1/feeds/{feed_id}", json={field: None}, headers=ADMIN), 422)
    assert body["code"] == "invalid-request"
    unchanged = await client.get(f"/v1/feeds/{feed_id}", headers=ADMIN)
    assert unchanged.json()[field] is not None


async def test_f5_patch_still_clears_the_title_with_null(client: httpx.AsyncClient) -> None:
    feed_id = await _feed(client)
    await client.patch(f"/v1/feeds/{feed_id}", json={"title": "Named"}, headers=ADMIN)
    cleared = await client.patch(f"/v1/feeds/{feed_id}", json={"title": None}, headers=ADMIN)
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["title"] is None


# --- F6: an undecodable JSON body got an undocumented 400 -----------------------------------------------


@pytest.mark.parametrize(("method", "path"), [("POST", "/v1/feeds"), ("PATCH", "/v1/feeds/{id}")])
async def test_f6_an_undecodable_json_body_is_a_documented_400(
    app: FastAPI, client: httpx.AsyncClient, method: str, path: str
) -> None:
    target = path.replace("{id}", str(await _feed(client)))
    headers = {**ADMIN, "Content-Type": "application/json"}
    _problem(await client.request(method, target, content=b"\xff\xfe{", headers=headers), 400)
    documented = app.openapi()["paths"][path.replace("{id}", "{feed_id}")][method.lower()]["responses"]
    assert list(documented["400"]["content"]) == ["application/problem+json"]


# --- F7: U+0000 in a text input reached PostgreSQL (invalid byte sequence: 500) -----------------------


@pytest.mark.parametrize(
    "path",
    ["/v1/items?source=a%00b", "/v1/items?q=a%00b", "/v1/feed.json?source=a%00b", "/v1/feed.atom?q=a%00b"],
)
async def test_f7_nul_in_a_query_text_is_422(client: httpx.AsyncClient, path: str) -> None:
    _problem(await client.get(path), 422)


async def test_f7_nul_in_a_feed_title_is_422(client: httpx.AsyncClient) -> None:
    body = {"url": "https://127.0.0.1/feed.xml", "title": "a\u0000b"}
    _problem(await client.post("/v1/feeds", json=body, headers=ADMIN), 422)
    feed_id = await _feed(client)
    _problem(await client.patch(f"/v1/feeds/{feed_id}", json={"title": "a\u0000b"}, headers=ADMIN), 422)


# --- F8: JSON bodies took "900" and true for integers, 0 for a boolean --------------------------------


async def test_f8_feed_fields_take_json_types_only(client: httpx.AsyncClient) -> None:
    url = "https://127.0.0.1/feed.xml"
    for interval in ("900", True):
        body = {"url": url, "interval_seconds": interval}
        _problem(await client.post("/v1/feeds", json=body, headers=ADMIN), 422)
    created = await client.post("/v1/feeds", json={"url": url, "interval_seconds": 900.0}, headers=ADMIN)
    assert created.status_code == 201, created.text  # 900.0 is an integer in JSON Schema
    assert created.json()["interval_seconds"] == 900
    feed = created.json()["id"]
    for change in ({"disabled": 0}, {"disabled": "false"}, {"interval_seconds": "3600"}):
        _problem(await client.patch(f"/v1/feeds/{feed}", json=change, headers=ADMIN), 422)


# --- F9: no links between feed operations, so no stateful testing (and no hint for clients) ----------


async def test_f9_a_created_feed_links_to_its_operations(app: FastAPI) -> None:
    document = app.openapi()
    links = document["paths"]["/v1/feeds"]["post"]["responses"]["201"]["links"]
    targets = {(link["operationRef"], tuple(link["parameters"].values())) for link in links.values()}
    assert targets == {
        ("#/paths/~1v1~1feeds~1{feed_id}/get", ("$response.body#/id",)),
        ("#/paths/~1v1~1feeds~1{feed_id}/patch", ("$response.body#/id",)),
        ("#/paths/~1v1~1feeds~1{feed_id}/delete", ("$response.body#/id",)),
        ("#/paths/~1v1~1feeds~1{feed_id}~1poll/post", ("$response.body#/id",)),
    }
