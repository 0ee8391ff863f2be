"""Requests that used to be 500s: out-of-range cursors, empty and null ones, extreme offsets, a log flood."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.ops.logging import TracebackThrottle
from tests.conftest import API_KEY

INT64_MAX = 2**63 - 1


def _cursor(kind: str, first: int, second: int) -> str:
    raw = json.dumps([1, kind, first, second]).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


OUT_OF_RANGE = [_cursor("t", INT64_MAX + 1, 1), _cursor("t", 1, -(2**63) - 1), _cursor("s", 0, 10**30)]


async def test_a_cursor_outside_int64_is_422(client: httpx.AsyncClient) -> None:
    for path in ("/v1/items", "/v1/feed.json", "/v1/feed.atom"):
        for cursor in OUT_OF_RANGE:
            answer = await client.get(path, params={"cursor": cursor})
            assert answer.status_code == 422, (path, answer.text)
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.json()["code"] == "invalid-cursor"


async def test_a_last_event_id_outside_int64_is_422_before_the_stream_starts(client: httpx.AsyncClient) -> None:
    sync = await client.get("/v1/items", params={"cursor": _cursor("c", 1, INT64_MAX + 1)})
    assert sync.status_code == 422
    answer = await client.get("/v1/items/stream", headers={"Last-Event-ID": _cursor("c", INT64_MAX + 1, 0)})
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid-cursor"


async def test_an_empty_cursor_is_the_first_page(client: httpx.AsyncClient) -> None:
    for path in ("/v1/items", "/v1/feed.json", "/v1/feed.atom"):
        first, empty = await client.get(path), await client.get(f"{path}?cursor=")
        assert empty.status_code == 200, empty.text
        if path != "/v1/feed.atom":  # an empty Atom feed is dated now
            assert empty.content == first.content


async def _first_chunk(app: FastAPI, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """The status and first body chunk of an endless response; then the client goes away."""
    sent: list[MutableMapping[str, Any]] = []
    got_body = asyncio.Event()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()],
        "client": ("127.0.0.1", 1),
        "server": ("feedhook.test", 80),
    }

    async def receive() -> dict[str, Any]:
        await got_body.wait()
        return {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body":
            got_body.set()

    task = asyncio.create_task(app(scope, receive, send))
    await asyncio.wait_for(got_body.wait(), timeout=10)
    await asyncio.wait_for(task, timeout=10)
    return sent[0]["status"], sent[1]["body"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("value", ["null", ""])
async def test_a_null_or_empty_last_event_id_streams_from_now(app: FastAPI, value: str) -> None:
    headers = {"Last-Event-ID": value, "Authorization": f"Bearer {API_KEY}"}
    status, first = await _first_chunk(app, "/v1/items/stream", headers)
    assert (status, first) == (200, b"retry: 2000\n\n")


EXTREME = [
    {"since": "9999-12-31T23:59:59.999999-23:59"},
    {"until": "9999-12-31T23:59:59-23:59"},
    {"since": "0001-01-01T00:00:00+23:59"},
    {"until": "0001-01-01T00:00:00+23:59", "since": "0001-01-01T00:00:00+23:59"},
]


async def test_extreme_offsets_on_the_listings_are_answered(client: httpx.AsyncClient) -> None:
    for path in ("/v1/feed.json", "/v1/feed.atom", "/v1/items"):
        for query in EXTREME:
            answer = await client.get(path, params=query)
            assert answer.status_code == 200, (path, query, answer.text)


def _raise_here() -> None:
    raise ValueError("boom")


def test_a_repeated_failure_logs_its_traceback_once_a_minute() -> None:
    throttle = TracebackThrottle(window_seconds=60)
    records = []
    for _ in range(3):
        try:
            _raise_here()
        except ValueError:
            record = logging.LogRecord(
                "app.api", logging.ERROR, __file__, 1, "unhandled error on %s", ("/x",), sys.exc_info()
            )
        assert throttle.filter(record)
        records.append(record)
    assert records[0].exc_info is not None
    assert [r.exc_info for r in records[1:]] == [None, None]
    assert "logged less than a minute ago" in records[1].getMessage()
    assert records[1].getMessage().startswith("unhandled error on /x")
    try:
        raise KeyError("elsewhere")
    except KeyError:
        other = logging.LogRecord("app.api", logging.ERROR, __file__, 1, "m", None, sys.exc_info())
    assert throttle.filter(other)
    assert other.exc_info is not None  # another failure point: its own traceback
