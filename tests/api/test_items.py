"""Read API: keyset pages stay exact while items arrive, search, filters, one item, errors."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx
import pytest
from fastapi import FastAPI

from app.api.deps import page_reader
from app.api.schemas import ItemPage
from app.document import page_json
from app.reads.pages import PageReader
from app.store.listings import ItemFilters, list_items, search_items
from app.store.tables import AnyRow
from tests.conftest import WEBHOOK_TOKEN
from tests.samples import generated_story

URL = "/v1/webhooks/ifttt"
HEADERS = {"Authorization": f"Bearer {WEBHOOK_TOKEN}", "Content-Type": "application/json"}


async def _post(client: httpx.AsyncClient, number: int, *, published: str | None = None) -> int:
    response = await client.post(
        URL, content=generated_story(number, published=published).json_valid(), headers=HEADERS
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def test_120_stories_page_without_duplicate_or_gap_while_more_arrive(client: httpx.AsyncClient) -> None:
    # Many share a publication minute, so ties on published_at are broken by id.
    stored = set(await asyncio.gather(*(_post(client, number) for number in range(120))))
    seen: list[int] = []
    cursor: str | None = None
    arriving = 1000
    while True:
        params: dict[str, str | int] = {"limit": 50}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/v1/items", params=params)).json()
        seen += [item["id"] for item in page["items"]]
        # New stories (newer and older than the page boundary) arrive between pages.
        await _post(client, arriving, published="March 1, 2021 at 10:00AM")
        await _post(client, arriving + 1, published="January 1, 2021 at 10:00AM")
        arriving += 2
        cursor = page["next_cursor"]
        if cursor is None:
            break
    originals = [item_id for item_id in seen if item_id in stored]
    assert len(originals) == len(set(originals)) == 120
    assert len(seen) == len(set(seen))


async def test_pages_are_newest_first_by_published_then_id(client: httpx.AsyncClient) -> None:
    await _post(client, 1, published="February 2, 2021 at 10:00AM")
    await _post(client, 2, published="February 3, 2021 at 10:00AM")
    await _post(client, 3, published="February 1, 2021 at 10:00AM")
    items = (await client.get("/v1/items")).json()["items"]
    assert [item["published_at"] for item in items] == [
        "2021-02-03T10:00:00Z",
        "2021-02-02T10:00:00Z",
        "2021-02-01T10:00:00Z",
    ]


async def test_search_finds_a_story_by_its_words(client: httpx.AsyncClient) -> None:
    for number in range(30):
        await _post(client, number)
    found = (await client.get("/v1/items", params={"q": "topic00017"})).json()["items"]
    assert [item["headline"] for item in found] == [generated_story(17).headline]
    # Words from bullets and body count too, in any case and order.
    body_hit = (await client.get("/v1/items", params={"q": "STORY 23 analyst"})).json()["items"]
    assert [item["headline"] for item in body_hit] == [generated_story(23).headline]
    common = (await client.get("/v1/items", params={"q": "paragraph", "limit": 20})).json()
    assert len(common["items"]) == 20
    rest = (await client.get("/v1/items", params={"q": "paragraph", "cursor": common["next_cursor"]})).json()
    assert len(rest["items"]) == 10
    assert not {i["id"] for i in common["items"]} & {i["id"] for i in rest["items"]}


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "foo*", "(((", "NEAR(a b)", "-x", "^"])
async def test_search_syntax_characters_never_error(client: httpx.AsyncClient, query: str) -> None:
    await _post(client, 1)
    response = await client.get("/v1/items", params={"q": query})
    assert response.status_code == 200


async def test_filters_by_source_and_time(client: httpx.AsyncClient) -> None:
    await _post(client, 1, published="February 2, 2021 at 10:00AM")
    await _post(client, 2, published="February 5, 2021 at 10:00AM")
    response = await client.get("/v1/items", params={"since": "2021-02-04T00:00:00Z", "source": "Business Insider"})
    assert [item["published_at"] for item in response.json()["items"]] == ["2021-02-05T10:00:00Z"]
    until = (await client.get("/v1/items", params={"until": "2021-02-03T00:00:00Z"})).json()["items"]
    assert [item["published_at"] for item in until] == ["2021-02-02T10:00:00Z"]
    other = (await client.get("/v1/items", params={"source": "Reuters"})).json()["items"]
    assert other == []


async def test_unknown_item_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/items/999999")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


@pytest.mark.parametrize(
    "params", [{"cursor": "garbage!"}, {"cursor": "WzEsInMiLDAsMV0"}, {"limit": "0"}, {"since": "yesterday"}]
)
async def test_bad_query_parameters_are_422_problems(client: httpx.AsyncClient, params: dict[str, str]) -> None:
    response = await client.get("/v1/items", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_unknown_route_and_method_are_problems(client: httpx.AsyncClient) -> None:
    missing = await client.get("/nope")
    assert (missing.status_code, missing.headers["content-type"]) == (404, "application/problem+json")
    wrong = await client.delete("/v1/items")
    assert (wrong.status_code, wrong.headers["content-type"]) == (405, "application/problem+json")


async def test_etag_and_304_on_lists_and_items(client: httpx.AsyncClient) -> None:
    item_id = await _post(client, 1)
    for path in ("/v1/items", f"/v1/items/{item_id}"):
        first = await client.get(path)
        tag = first.headers["etag"]
        again = await client.get(path, headers={"If-None-Match": tag})
        assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", tag)
        assert (await client.get(path, headers={"If-None-Match": '"other"'})).status_code == 200
    await _post(client, 2)
    changed = await client.get("/v1/items", headers={"If-None-Match": first.headers["etag"]})
    assert changed.status_code == 200


async def _mirror(client: httpx.AsyncClient, cursor: str | None, copy: dict[int, dict[str, object]]) -> str:
    params: dict[str, str | int] = {"limit": 7}
    if cursor is None:
        params["updated_after"] = "1970-01-01T00:00:00Z"
    while True:
        if cursor is not None:
            params["cursor"] = cursor
        page = (await client.get("/v1/items", params=params)).json()
        for item in page["items"]:
            copy[item["id"]] = item
        assert page["next_cursor"], "a sync page always carries a cursor"
        cursor = page["next_cursor"]
        if not page["items"]:
            return str(cursor)


async def test_incremental_sync_mirrors_the_store_exactly_including_edits(client: httpx.AsyncClient) -> None:
    for number in range(20):
        await _post(client, number)
    mirror: dict[int, dict[str, object]] = {}
    cursor = await _mirror(client, None, mirror)
    assert len(mirror) == 20
    # Two new stories and an edit of an old one; the mirror catches up from its cursor.
    await _post(client, 100)
    await _post(client, 101)
    edited = generated_story(5)
    edited.paragraphs.append("A correction was added.")
    response = await client.post(URL, content=edited.json_valid(), headers=HEADERS)
    assert response.json()["status"] == "updated"
    await _mirror(client, cursor, mirror)
    store = {item["id"]: item for item in (await client.get("/v1/items", params={"limit": 200})).json()["items"]}
    assert mirror == store


async def test_changes_are_listed_only_once_settled(client: httpx.AsyncClient, app: FastAPI) -> None:
    db = app.state.services.db
    app.dependency_overrides[page_reader] = lambda: PageReader(db=db, settle_micros=3_600_000_000)  # an hour
    await _post(client, 1)
    page = (await client.get("/v1/items", params={"updated_after": "2000-01-01T00:00:00Z"})).json()
    if db.is_sqlite:
        # One writer at a time: changes commit in the order of their numbers, and none can come late.
        assert len(page["items"]) == 1
        return
    assert page["items"] == []
    app.dependency_overrides[page_reader] = lambda: PageReader(db=db, settle_micros=0)
    page = (await client.get("/v1/items", params={"cursor": page["next_cursor"]})).json()
    assert len(page["items"]) == 1


async def test_list_and_search_bodies_are_the_response_model_of_the_stored_rows(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    for number in range(12):
        await _post(client, number, published=None if number % 3 else "February 2, 2021 at 10:00AM")
    db = app.state.services.db
    newest = await db.read(list_items, limit=6, before=None, filters=ItemFilters())
    matches = await db.read(search_items, q="paragraph", limit=6, before_id=None, filters=ItemFilters())
    cases: list[tuple[dict[str, str | int], Sequence[AnyRow]]] = [
        ({"limit": 5}, newest),
        ({"limit": 5, "q": "paragraph"}, matches),
    ]
    for params, rows in cases:
        response = await client.get("/v1/items", params=params)
        next_cursor = response.json()["next_cursor"]
        assert next_cursor is not None
        assert response.content == page_json(rows[:5], next_cursor)
        assert ItemPage.model_validate_json(response.content).model_dump_json().encode() == response.content


@pytest.mark.parametrize("path", ["/v1/items", "/v1/feed.json", "/v1/feed.atom"])
async def test_an_unknown_query_parameter_is_a_422_not_ignored(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path, params={"sorce": "Reuters", "limit": "5"})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["errors"] == [{"location": ["query", "sorce"], "message": "unknown query parameter 'sorce'"}]
    assert "query.sorce" in problem["detail"]


async def test_an_untitled_post_is_served_without_a_headline_everywhere(client: httpx.AsyncClient) -> None:
    """A toot relayed by IFTTT has an empty title: the item, the listing and both feeds say it has none."""
    toot = (
        '{"title": "", "url": "https://mastodon.example/@kew/113651027740318806", "content": "<p>Our winter'
        ' trail opens tonight. Last entry 21:00.</p>", "date": "December 4, 2026 at 06:00PM"}'
    )
    response = await client.post(URL, content=toot, headers=HEADERS)
    assert response.status_code == 201, response.text
    item_id = int(response.json()["id"])

    item = (await client.get(f"/v1/items/{item_id}")).json()
    assert (item["headline"], item["body"]) == (None, ["Our winter trail opens tonight. Last entry 21:00."])
    found = (await client.get("/v1/items", params={"q": "winter trail"})).json()["items"]
    assert [(listed["id"], listed["headline"]) for listed in found] == [(item_id, None)]
    (feed_item,) = (await client.get("/v1/feed.json")).json()["items"]
    assert "title" not in feed_item
    atom = (await client.get("/v1/feed.atom")).text
    assert '<title type="text"></title>' in atom or '<title type="text"/>' in atom
