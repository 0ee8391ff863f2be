"""Syndication routes: JSON Feed and Atom over the real app, the filters of /v1/items, paging by next links."""

from __future__ import annotations

import dataclasses
from typing import Any

import feedparser
import httpx
import orjson
import pytest
from fastapi import FastAPI
from lxml import etree

from app.config import Settings
from app.main import create_app
from app.outputs.atom import ATOM_NS
from tests.conftest import READ_KEY_HOOKS, WEBHOOK_TOKEN
from tests.outputs.support import HAVE_JSONSCHEMA, blocks, schema_errors
from tests.samples import Story, generated_story

URL = "/v1/webhooks/ifttt"
HEADERS = {"Authorization": f"Bearer {WEBHOOK_TOKEN}", "Content-Type": "application/json"}
BASE = "http://feedhook.test"


async def _post(client: httpx.AsyncClient, story: Story) -> int:
    response = await client.post(URL, content=story.json_valid(), headers=HEADERS)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def _json_feed(client: httpx.AsyncClient, url: str, **params: str | int) -> dict[str, Any]:
    response = await client.get(url, params=params or None)  # httpx drops a URL's own query for params={}
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/feed+json"
    document: dict[str, Any] = orjson.loads(response.content)
    return document


async def _atom(client: httpx.AsyncClient, url: str, **params: str | int) -> Any:
    response = await client.get(url, params=params or None)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml"
    assert etree.fromstring(response.content).tag == f"{{{ATOM_NS}}}feed"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def _ids(document: dict[str, Any]) -> list[int]:
    return [item["_feedhook"]["id"] for item in document["items"]]


async def test_both_feeds_carry_the_item_as_the_api_serves_it(client: httpx.AsyncClient) -> None:
    item_id = await _post(client, generated_story(1))
    item = (await client.get(f"/v1/items/{item_id}")).json()
    (entry,) = (await _json_feed(client, "/v1/feed.json"))["items"]
    assert entry["id"] == f"urn:feedhook:item:{item_id}"
    assert entry["title"] == item["headline"]
    assert entry["url"] == item["url"] == generated_story(1).link
    assert entry["_feedhook"] == {"id": item_id, "source": "Business Insider"}
    expected = [("li", text) for text in item["bullets"]] + [("p", text) for text in item["body"]]
    assert blocks(entry["content_html"]) == expected
    (atom_entry,) = (await _atom(client, "/v1/feed.atom")).entries
    assert (atom_entry.id, atom_entry.title, atom_entry.link) == (entry["id"], entry["title"], entry["url"])
    assert blocks(atom_entry.content[0].value) == expected


async def test_the_json_feed_validates_against_the_json_feed_1_1_schema(client: httpx.AsyncClient) -> None:
    for number in range(3):
        await _post(client, generated_story(number))
    first = await _json_feed(client, "/v1/feed.json", limit=2)
    last = await _json_feed(client, first["next_url"])
    assert schema_errors(first) == schema_errors(last) == []


async def test_following_next_url_visits_every_item_once(client: httpx.AsyncClient) -> None:
    stored = {await _post(client, generated_story(number)) for number in range(23)}
    seen: list[int] = []
    url: str | None = f"{BASE}/v1/feed.json?limit=5"
    while url is not None:
        page = await _json_feed(client, url)
        assert page["feed_url"] == f"{BASE}/v1/feed.json?limit=5"  # the same identity on every page
        seen += _ids(page)
        url = page.get("next_url")
    assert len(seen) == len(set(seen)) == 23
    assert set(seen) == stored


async def test_following_atom_next_links_visits_every_item_once(client: httpx.AsyncClient) -> None:
    stored = {await _post(client, generated_story(number)) for number in range(12)}
    seen: list[str] = []
    url: str | None = f"{BASE}/v1/feed.atom?limit=5"
    while url is not None:
        parsed = await _atom(client, url)
        links = {link.rel: link.href for link in parsed.feed.links}
        assert parsed.feed.id == links["first"] == f"{BASE}/v1/feed.atom?limit=5"
        assert links["self"] == url
        seen += [entry.id for entry in parsed.entries]
        url = links.get("next")
    assert len(seen) == len(set(seen)) == 12
    assert set(seen) == {f"urn:feedhook:item:{item_id}" for item_id in stored}


async def test_source_and_time_filters_apply_and_stay_in_the_links(client: httpx.AsyncClient) -> None:
    await _post(client, generated_story(1, published="February 2, 2021 at 10:00AM"))
    newer = await _post(client, generated_story(2, published="February 5, 2021 at 10:00AM"))
    reuters = dataclasses.replace(generated_story(3), feed_title="Reuters", link="https://www.reuters.com/world/3")
    other = await _post(client, reuters)
    params: dict[str, str | int] = {"since": "2021-02-04T00:00:00+00:00", "source": "Business Insider", "limit": 1}
    page = await _json_feed(client, "/v1/feed.json", **params)
    assert _ids(page) == [newer]
    assert page["title"] == "feedhook · Business Insider"
    # Canonical query: fixed order, the instant in UTC with a Z, whatever form the request used.
    assert page["feed_url"] == f"{BASE}/v1/feed.json?source=Business+Insider&since=2021-02-04T00%3A00%3A00Z&limit=1"
    assert _ids(await _json_feed(client, "/v1/feed.json", source="Reuters")) == [other]
    until = await _atom(client, "/v1/feed.atom", until="2021-02-03T00:00:00Z", source="Business Insider")
    assert [entry.published for entry in until.entries] == ["2021-02-02T10:00:00Z"]


async def test_search_pages_by_its_own_cursor(client: httpx.AsyncClient) -> None:
    for number in range(8):
        await _post(client, generated_story(number))
    (hit,) = (await _json_feed(client, "/v1/feed.json", q="topic00005"))["items"]
    assert hit["title"] == generated_story(5).headline
    seen: list[int] = []
    url: str | None = "/v1/feed.atom?q=paragraph&limit=3"
    while url is not None:
        parsed = await _atom(client, url)
        assert parsed.feed.title == "feedhook · “paragraph”"
        seen += [int(entry.id.rpartition(":")[2]) for entry in parsed.entries]
        url = {link.rel: link.href for link in parsed.feed.links}.get("next")
    assert len(seen) == len(set(seen)) == 8


async def test_an_empty_listing_is_a_valid_empty_feed(client: httpx.AsyncClient) -> None:
    document = await _json_feed(client, "/v1/feed.json", source="Nobody")
    assert document["items"] == []
    assert "next_url" not in document
    assert (await _atom(client, "/v1/feed.atom", source="Nobody")).entries == []


@pytest.mark.parametrize("path", ["/v1/feed.json", "/v1/feed.atom"])
@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "garbage!"},
        {"cursor": "WzEsInMiLDAsMV0"},  # [1, "s", 0, 1]: a search cursor
        {"cursor": "WzEsImMiLDAsMV0"},  # [1, "c", 0, 1]: a sync cursor, whose pages never end: no feed takes one
        {"cursor": "WzEsInQiLDAsMV0", "q": "word"},  # [1, "t", 0, 1]: a time cursor on a search
        {"limit": "0"},
        {"limit": "201"},
        {"since": "yesterday"},
        {"q": "x" * 257},
    ],
    ids=["garbage", "search-cursor", "sync-cursor", "time-cursor-on-search", "limit-0", "limit-201", "since", "long-q"],
)
async def test_bad_parameters_are_422_problems(client: httpx.AsyncClient, path: str, params: dict[str, str]) -> None:
    response = await client.get(path, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["instance"] == path


async def test_openapi_documents_both_feeds_with_examples_and_problems(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    for path, media_type in (("/v1/feed.json", "application/feed+json"), ("/v1/feed.atom", "application/atom+xml")):
        operation = paths[path]["get"]
        assert operation["description"]
        names = {p["name"] for p in operation["parameters"]}
        assert names == {"limit", "cursor", "source", "since", "until", "q", "feed_id", "channel"}
        assert list(operation["responses"]["200"]["content"]) == [media_type]
        assert list(operation["responses"]["422"]["content"]) == ["application/problem+json"]
    json_example = paths["/v1/feed.json"]["get"]["responses"]["200"]["content"]["application/feed+json"]["example"]
    assert json_example["items"][0]["id"] == "urn:feedhook:item:42"
    if HAVE_JSONSCHEMA:
        assert schema_errors(json_example) == []
    atom_example = paths["/v1/feed.atom"]["get"]["responses"]["200"]["content"]["application/atom+xml"]["example"]
    assert feedparser.parse(atom_example.encode()).bozo == 0


@pytest.mark.parametrize("path", ["/v1/feed.json", "/v1/feed.atom"])
async def test_feeds_answer_304_to_a_reader_that_has_them(client: httpx.AsyncClient, path: str) -> None:
    await _post(client, generated_story(1))
    first = await client.get(path)
    again = await client.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")


async def test_a_sync_cursor_is_not_a_feed_page(client: httpx.AsyncClient) -> None:
    await _post(client, generated_story(1))
    sync = (await client.get("/v1/items", params={"updated_after": "2000-01-01T00:00:00Z"})).json()
    response = await client.get("/v1/feed.json", params={"cursor": sync["next_cursor"]})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


STRUCTURED = (
    "<p>The story opens with a paragraph.</p><h2>A section</h2>"
    '<ol start="3"><li>Third step</li><li>Fourth step</li></ol>'
    "<pre><code>def f():\n    return 1</code></pre>"
    "<table><thead><tr><th>City</th><th>Rain</th></tr></thead><tbody><tr><td>Oslo</td><td>76</td></tr></tbody></table>"
    "<blockquote><p>Someone said this.</p></blockquote>"
)


async def test_the_structured_body_reaches_the_api_and_both_feeds(client: httpx.AsyncClient) -> None:
    payload = {"title": "A structured story", "content": STRUCTURED, "url": "https://example.com/structured"}
    response = await client.post(URL, content=orjson.dumps(payload), headers=HEADERS)
    assert response.status_code == 201, response.text
    item_id = int(response.json()["id"])
    item = (await client.get(f"/v1/items/{item_id}")).json()
    assert item["blocks"] == [
        {"type": "paragraph", "text": "The story opens with a paragraph."},
        {"type": "heading", "level": 2, "text": "A section"},
        {"type": "list", "ordered": True, "start": 3, "items": ["Third step", "Fourth step"]},
        {"type": "code", "text": "def f():\n    return 1"},
        {"type": "table", "rows": [["City", "Rain"], ["Oslo", "76"]]},
        {"type": "quote", "text": "Someone said this."},
    ]
    assert item["body"][2:4] == ["3. Third step", "4. Fourth step"]
    (listed,) = (await client.get("/v1/items")).json()["items"]
    assert listed["blocks"] == item["blocks"]
    semantic = (
        "<h2>A section</h2>",
        '<ol start="3"><li>Third step</li><li>Fourth step</li></ol>',
        "<pre><code>def f():\n    return 1</code></pre>",
        "<table><tbody><tr><td>City</td><td>Rain</td></tr><tr><td>Oslo</td><td>76</td></tr></tbody></table>",
        "<blockquote><p>Someone said this.</p></blockquote>",
    )
    (entry,) = (await _json_feed(client, "/v1/feed.json"))["items"]
    (atom_entry,) = (await _atom(client, "/v1/feed.atom")).entries
    for html in (entry["content_html"], atom_entry.content[0].value):
        for part in semantic:
            assert part in html
    assert "    return 1" in entry["content_text"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_output_feeds_title_is_configurable(settings: Settings, client: httpx.AsyncClient) -> None:
    # The fixture's app is built from `settings`; a second app shows the configured title.
    titled = create_app(settings.model_copy(update={"feed_title": "Harbour desk"}))
    async with titled.router.lifespan_context(titled):
        transport = httpx.ASGITransport(app=titled)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://feedhook.test", event_hooks=READ_KEY_HOOKS
        ) as other:
            assert (await _json_feed(other, "/v1/feed.json", source="Reuters"))["title"] == "Harbour desk · Reuters"
            assert (await _atom(other, "/v1/feed.atom")).feed.title == "Harbour desk"
    assert (await _json_feed(client, "/v1/feed.json"))["title"] == "feedhook"
