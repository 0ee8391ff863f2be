"""The webhook over HTTP on a real SQLite file: every body form, auth, limits, quarantine, dedup."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from tests.conftest import WEBHOOK_TOKEN
from tests.samples import Story, generated_story, sample_story

URL = "/v1/webhooks/ifttt"
SAMPLE = sample_story()

BODY_FORMS: dict[str, tuple[Callable[[Story], bytes], str | None]] = {
    "json-valid": (Story.json_valid, "application/json"),
    "json-pasted-raw": (Story.json_pasted_raw, "application/json"),
    "json-curly-ingredient-keys": (Story.json_ifttt_names_curly, "application/json"),
    "form-encoded": (Story.form_encoded, "application/x-www-form-urlencoded"),
    "form-raw": (Story.form_raw, "application/x-www-form-urlencoded"),
    "text-fields": (Story.text_fields, "text/plain"),
    "rendered-post": (Story.rendered_post, "text/plain"),
    "json-no-content-type": (Story.json_pasted_raw, None),
    "form-declared-as-json": (Story.form_raw, "application/json"),
    "rendered-post-declared-as-json": (Story.rendered_post, "application/json"),
}


def _headers(content_type: str | None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
    if content_type:
        headers["Content-Type"] = content_type
    return headers


@pytest.mark.parametrize("form", sorted(BODY_FORMS))
async def test_sample_in_every_body_form_yields_the_clean_item(client: httpx.AsyncClient, form: str) -> None:
    build, content_type = BODY_FORMS[form]
    response = await client.post(URL, content=build(SAMPLE), headers=_headers(content_type))
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "created"

    item = (await client.get(f"/v1/items/{response.json()['id']}")).json()
    assert item["headline"] == SAMPLE.headline
    assert item["bullets"] == SAMPLE.bullets
    assert item["body"] == SAMPLE.paragraphs
    assert item["source"] == "Business Insider"
    assert item["source_link"] == "https://ift.tt/3r0axg6"
    assert item["channels"] == ["webhook"]
    if form != "rendered-post" and form != "rendered-post-declared-as-json":
        assert item["published_at"] == "2021-02-25T21:14:00Z"


async def test_repeat_is_a_duplicate_and_changed_content_an_update(client: httpx.AsyncClient) -> None:
    first = await client.post(URL, content=SAMPLE.json_valid(), headers=_headers("application/json"))
    again = await client.post(URL, content=SAMPLE.form_raw(), headers=_headers("application/x-www-form-urlencoded"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == {"id": first.json()["id"], "status": "duplicate"}

    edited = Story(**{**SAMPLE.__dict__, "paragraphs": [*SAMPLE.paragraphs, "An added paragraph."]})
    update = await client.post(URL, content=edited.json_valid(), headers=_headers("application/json"))
    assert update.status_code == 200
    assert update.json() == {"id": first.json()["id"], "status": "updated"}
    item = (await client.get(f"/v1/items/{first.json()['id']}")).json()
    assert item["body"][-1] == "An added paragraph."
    assert item["updated_at"] >= item["received_at"]


@pytest.mark.parametrize("place", ["bearer", "header", "query", "json-field", "form-field", "text-field"])
async def test_token_is_accepted_from_every_place(client: httpx.AsyncClient, place: str) -> None:
    story = generated_story(1)
    fields = story.fields()
    headers: dict[str, str] = {}
    params: dict[str, str] = {}
    body = story.json_valid()
    content_type = "application/json"
    if place == "bearer":
        headers["Authorization"] = f"Bearer {WEBHOOK_TOKEN}"
    elif place == "header":
        headers["X-Feedhook-Token"] = WEBHOOK_TOKEN
    elif place == "query":
        params["token"] = WEBHOOK_TOKEN
    elif place == "json-field":
        body = Story.json_valid(story).replace(b"{", b'{"token": "%s", ' % WEBHOOK_TOKEN.encode(), 1)
    elif place == "form-field":
        body = b"token=" + WEBHOOK_TOKEN.encode() + b"&" + story.form_encoded()
        content_type = "application/x-www-form-urlencoded"
    else:
        body = f"token: {WEBHOOK_TOKEN}\ntitle: {fields['title']}\nurl: {fields['url']}\n".encode()
        content_type = "text/plain"
    response = await client.post(URL, content=body, params=params, headers={**headers, "Content-Type": content_type})
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"X-Feedhook-Token": WEBHOOK_TOKEN[:-1]},
        {"Authorization": "Basic x"},
    ],
)
async def test_missing_or_wrong_token_is_401_problem_and_nothing_is_stored(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.post(
        URL, content=SAMPLE.json_valid(), headers={**headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert (await client.get("/v1/items")).json()["items"] == []


TOKEN_IN_THE_BODY = {
    "text-post-token-line": (f"Token leak title\nSome body text here.\ntoken: {WEBHOOK_TOKEN}\n", "text/plain"),
    "json-token-in-content": (
        '{"title": "Token in content", "url": "https://example.com/t1", '
        f'"content": "<p>Body text.</p><p>token: \\"{WEBHOOK_TOKEN}\\"</p>'
        f'<p><a href=\\"https://example.com/x?token={WEBHOOK_TOKEN}\\">link</a> more text.</p>"}}',
        "application/json",
    ),
    "form-token-in-title": (f"title=Story {WEBHOOK_TOKEN} here&url=https://example.com/t2&content=Words", None),
}


@pytest.mark.parametrize("case", sorted(TOKEN_IN_THE_BODY))
async def test_the_token_never_reaches_a_stored_item(client: httpx.AsyncClient, case: str) -> None:
    body, content_type = TOKEN_IN_THE_BODY[case]
    headers = {"Content-Type": content_type} if content_type else {}
    response = await client.post(URL, params={"token": WEBHOOK_TOKEN}, content=body.encode(), headers=headers)
    assert response.status_code == 201, response.text
    item = await client.get(f"/v1/items/{response.json()['id']}")
    assert item.status_code == 200
    assert item.json()["headline"]
    assert WEBHOOK_TOKEN not in item.text


async def test_body_over_the_limit_is_413_from_the_declared_length(client: httpx.AsyncClient) -> None:
    body = b'{"title": "x", "content": "' + b"a" * (70 * 1024) + b'"}'
    response = await client.post(URL, content=body, headers=_headers("application/json"))
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


async def test_chunked_body_over_the_limit_is_cut_while_streaming(client: httpx.AsyncClient) -> None:
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        for _ in range(1000):  # 8 MB offered, far past the 64 KiB test limit
            sent += 8192
            yield b"a" * 8192

    response = await client.post(URL, content=chunks(), headers=_headers("text/plain"))
    assert response.status_code == 413
    assert sent < 1000 * 8192


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        (b'{"url": "https://example.com/a", "content": ""}', "headline"),
        (b"\xff\xfe\xfa\x00\xc3\x28 not utf-8 \x80\x81", None),
        (b"   \n  ", None),
        (b"null", None),
    ],
)
async def test_unusable_payload_is_422_and_kept_in_quarantine(
    client: httpx.AsyncClient, body: bytes, missing: str | None
) -> None:
    response = await client.post(URL, content=body, params={"token": WEBHOOK_TOKEN})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert problem["quarantine_id"] >= 1
    if missing:
        assert missing in problem["missing"]
    assert (await client.get("/v1/items")).json()["items"] == []


async def test_dry_run_returns_the_item_and_stores_nothing(client: httpx.AsyncClient) -> None:
    response = await client.post(
        URL, params={"dry_run": "1"}, content=SAMPLE.json_pasted_raw(), headers=_headers("application/json")
    )
    assert response.status_code == 200
    preview = response.json()
    assert preview["status"] == "dry_run"
    assert preview["item"]["bullets"] == SAMPLE.bullets
    assert (await client.get("/v1/items")).json()["items"] == []


@pytest.mark.parametrize(("value", "stored"), [("false", True), ("off", True), ("yes", False), ("TRUE", False)])
async def test_dry_run_reads_booleans_as_fastapi_does(client: httpx.AsyncClient, value: str, stored: bool) -> None:
    body = generated_story(7).json_valid()
    response = await client.post(URL, params={"dry_run": value}, content=body, headers=_headers("application/json"))
    assert response.status_code == (201 if stored else 200)
    assert len((await client.get("/v1/items")).json()["items"]) == int(stored)


async def test_a_bad_query_parameter_is_a_422_problem_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.post(
        URL, params={"dry_run": "maybe"}, content=SAMPLE.json_valid(), headers=_headers("application/json")
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "invalid-request"
    assert problem["errors"][0]["location"] == ["query", "dry_run"]
    assert (await client.get("/v1/items")).json()["items"] == []


async def test_ifttt_event_values_are_kept_and_events_with_one_headline_stay_apart(
    client: httpx.AsyncClient,
) -> None:
    events = [
        {"value1": "Stock alert", "value2": "AAPL up 5%", "value3": "Apple shares rose 5% today."},
        {"value1": "Stock alert", "value2": "MSFT down 2%", "value3": "Microsoft shares fell 2% today."},
    ]
    ids = []
    for event in events:
        response = await client.post(URL, json=event, headers=_headers(None))
        assert (response.status_code, response.json()["status"]) == (201, "created")
        ids.append(response.json()["id"])
        item = (await client.get(f"/v1/items/{ids[-1]}")).json()
        assert item["body"] == [event["value2"], event["value3"]]
        assert item["url"] is None
    again = await client.post(URL, json=events[0], headers=_headers(None))
    assert again.json() == {"id": ids[0], "status": "duplicate"}


async def test_concurrent_identical_posts_make_one_item(client: httpx.AsyncClient) -> None:
    import asyncio

    story = generated_story(7)
    responses = await asyncio.gather(
        *(client.post(URL, content=story.json_valid(), headers=_headers("application/json")) for _ in range(50))
    )
    statuses = sorted(response.json()["status"] for response in responses)
    assert statuses.count("created") == 1
    assert statuses.count("duplicate") == 49
    assert len({response.json()["id"] for response in responses}) == 1


async def test_a_whole_post_in_markup_on_one_line_gets_its_headline_body_and_footer(client: httpx.AsyncClient) -> None:
    body = (
        "<p><strong>Single line post title</strong></p><p>Body paragraph of the post, in full.</p>"
        "<p>from Cool Feed https://ift.tt/3abcdef</p><p>via IFTTT</p>"
    )
    response = await client.post(URL, content=body.encode(), headers=_headers("text/plain"))
    assert response.status_code == 201, response.text
    item = (await client.get(f"/v1/items/{response.json()['id']}")).json()
    assert item["headline"] == "Single line post title"
    assert item["body"] == ["Body paragraph of the post, in full."]
    assert (item["source"], item["source_link"]) == ("Cool Feed", "https://ift.tt/3abcdef")
