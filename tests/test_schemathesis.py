"""schemathesis against the OpenAPI document: every operation, every check, positive and negative data.

The real app of the `app` fixture answers (so on SQLite and on PostgreSQL). Its lifespan, database
and group-commit writer live on the test's event loop, so schemathesis (which is synchronous) runs in
a worker thread, and each request it sends crosses back to that loop (`_LoopAdapter`) and reaches the
app through httpx's ASGI transport, with the app's own exceptions turned into its 500 answers.
Nothing leaves the process: hosts "resolve" to a documentation address, and every outbound request
(feed fetches, webhook deliveries) gets a canned RSS document from a mock transport.

Per operation, every phase runs: the documented examples, the coverage phase (boundary and negative
values of each parameter, missing and unexpected parts, other methods) and MAX_EXAMPLES fuzzed cases,
positive and negative, derandomized. Hunting locally: FEEDHOOK_SCHEMATHESIS_EXAMPLES=500.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import io
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import hypothesis
import pytest
import requests
import requests.adapters
import schemathesis
import urllib3
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase
from schemathesis.checks import CHECKS, is_check_class, load_all_checks
from schemathesis.core.result import Ok
from schemathesis.pytest.lazy import get_all_tests

from app.config import Settings
from app.main import create_app
from app.store.db import migrate
from tests.conftest import API_KEY, WEBHOOK_TOKEN
from tests.feeds.server import LoopbackServer, Response, loopback_dns
from tests.samples import generated_story, rss_feed

DOCUMENT = Path(__file__).parent.parent / "openapi" / "openapi.json"
BASE_URL = "http://feedhook.test"
# Fuzzed cases per operation (the examples and coverage phases add their own) and stateful scenarios.
MAX_EXAMPLES = int(os.environ.get("FEEDHOOK_SCHEMATHESIS_EXAMPLES", "50"))
STATEFUL_EXAMPLES = max(MAX_EXAMPLES // 2, 1)
SEED = 20210225

# Operations not run, each with its reason.
SKIPPED: dict[tuple[str, str], str] = {
    # An endless server-sent event stream: it answers 200 and never ends, so every case would wait out
    # the request timeout. tests/api/test_items.py covers it (events, resume, a bad Last-Event-ID).
    ("GET", "/v1/items/stream"): "endless SSE stream",
    # Rotating the webhook token locks every later webhook case out (they send the configured token), so
    # the run would test 401s only. tests/api/test_access.py covers the rotation.
    ("POST", "/v1/webhook-token"): "rotates the token the other cases send",
}

# positive_data_acceptance: what schema-valid data may get (schemathesis' default), and what one
# operation may answer besides, with why.
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
ALSO_ACCEPTED: dict[tuple[str, str], tuple[list[str], str]] = {
    ("POST", "/v1/webhooks/ifttt"): (
        ["422"],
        "any body is well-formed, yet one may hold no story (no headline): 422 unusable-item is the contract",
    ),
}

# Every check schemathesis 4 has; a newer version with fewer would go unnoticed without this list.
EXPECTED_CHECKS = {
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "positive_data_acceptance",
    "negative_data_rejection",
    "missing_required_header",
    "ignored_auth",
    "use_after_free",
    "ensure_resource_availability",
    "unsupported_method",
    "allow_header_conformance",
}


def _documented_operations() -> list[tuple[str, str]]:
    """Every (METHOD, path) of the committed document (tests/test_openapi.py keeps it equal to the app's)."""
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    return [(method.upper(), path) for path, operations in document["paths"].items() for method in operations]


OPERATIONS = [operation for operation in _documented_operations() if operation not in SKIPPED]


# Checks not run, each with its reason.
UNRUN_CHECKS: dict[str, str] = {
    # Its probes (the request without, then with a made-up key) go out on a session of their own, not on
    # this test's bridge to the in-process app, so they would reach for DNS. tests/api/test_access.py sends
    # every guarded operation of the document without a key and with a wrong one instead.
    "ignored_auth": "probes bypass the in-process session",
}


def _all_checks() -> list[schemathesis.CheckFunction]:
    load_all_checks()
    return [check for check in CHECKS.get_all() if not is_check_class(check)]


def _headers(path: str) -> dict[str, str]:
    """The webhook token on the webhook, the admin key everywhere else (public routes ignore it)."""
    token = WEBHOOK_TOKEN if path.startswith("/v1/webhooks/") else API_KEY
    return {"Authorization": f"Bearer {token}"}


def _config() -> schemathesis.Config:
    operations = [
        {
            "include-method": method,
            "include-path": path,
            "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, *extra]}},
        }
        for (method, path), (extra, _why) in ALSO_ACCEPTED.items()
    ]
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "base-url": BASE_URL,
            "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                # The document's own links only: dependency analysis also links an item's null
                # `feed_id` to /v1/feeds/{feed_id} and then sends /v1/feeds/None as valid data.
                "stateful": {"enabled": True, "inference": {"algorithms": []}},
            },
            "checks": {"enabled": True, **{name: {"enabled": False} for name in UNRUN_CHECKS}},
            "operations": operations,
        }
    )


SETTINGS = hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # no example database: it would write into the shared tree
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
)


# --- the bridge: requests (schemathesis' transport) → the test's event loop → the ASGI app ---------


class _LoopAdapter(requests.adapters.HTTPAdapter):
    """A requests adapter that hands each request to the app on the event loop that owns the app."""

    def __init__(self, transport: httpx.ASGITransport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport = transport
        self._loop = loop

    async def _send(self, request: requests.PreparedRequest) -> httpx.Response:
        body = request.body or b""
        content = body.encode("utf-8") if isinstance(body, str) else body
        assert isinstance(content, bytes), type(content)
        headers = [
            (name, value if isinstance(value, str) else value.decode("latin-1"))
            for name, value in request.headers.items()
        ]
        outgoing = httpx.Request(str(request.method), str(request.url), headers=headers, content=content)
        response = await self._transport.handle_async_request(outgoing)
        await response.aread()
        return response

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None, **kwargs: Any
    ) -> requests.Response:
        answer = asyncio.run_coroutine_threadsafe(self._send(request), self._loop).result(timeout=60)
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(answer.content),
            headers=urllib3.HTTPHeaderDict(answer.headers.multi_items()),
            status=answer.status_code,
            reason=answer.reason_phrase,
            version=11,
            preload_content=False,
            request_method=request.method,
        )
        return self.build_response(request, raw)


def _session(transport: httpx.ASGITransport, loop: asyncio.AbstractEventLoop) -> requests.Session:
    session = requests.Session()
    adapter = _LoopAdapter(transport, loop)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# --- no network: feed hosts resolve to a documentation address, fetches get a canned feed ------------

FEED = rss_feed([generated_story(n) for n in range(3)])


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    """The app with every outbound name resolving to loopback: a component that dials out reaches the
    loopback server below or fails, never the internet."""
    await asyncio.to_thread(migrate, settings.database_url)
    application = create_app(settings, resolver=loopback_dns)
    async with application.router.lifespan_context(application):
        yield application


@contextlib.asynccontextmanager
async def _isolated() -> AsyncIterator[str]:
    """Yields the URL of a canned feed, served on loopback (the app resolves its host there)."""
    async with LoopbackServer("127.0.0.1") as server:
        server.route("/rss", Response(200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, FEED))
        yield f"http://feeds.example:{server.port}/rss"


async def _seed(transport: httpx.ASGITransport, feed_url: str) -> dict[str, str]:
    """Stored stories and a polled feed, so reads also answer 200 and 304; returns a cursor of each kind
    the service issues."""
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
        webhook = _headers("/v1/webhooks/")
        for number in range(3):
            story = generated_story(100 + number).json_valid()
            answer = await http.post("/v1/webhooks/ifttt", content=story, headers=webhook)
            assert answer.status_code == 201, answer.text
        admin = _headers("/v1/feeds")
        feed = await http.post("/v1/feeds", json={"url": feed_url}, headers=admin)
        assert feed.status_code == 201, feed.text
        polled = await http.post(f"/v1/feeds/{feed.json()['id']}/poll", headers=admin)
        assert polled.status_code == 200, polled.text
        cursors = {}
        listings = {"time": {}, "search": {"q": "story"}, "changes": {"updated_after": "2000-01-01T00:00:00Z"}}
        for kind, query in listings.items():
            page = await http.get("/v1/items", params={"limit": "1", **query}, headers=admin)
            assert page.status_code == 200, page.text
            cursors[kind] = page.json()["next_cursor"]
            assert cursors[kind], (kind, page.text)
        return cursors


def _cursor_kind(path: str, query: dict[str, Any]) -> str:
    """Which listing a query continues (app.api.items.read_page)."""
    if path == "/v1/items" and query.get("updated_after") is not None:
        return "changes"
    q = query.get("q")
    return "search" if isinstance(q, str) and q.strip() else "time"


def _with_issued_cursor(case: schemathesis.Case[Any], cursors: dict[str, str]) -> None:
    """A cursor is an opaque token only the service issues: a made-up string is not one, whatever the
    schema says, and 422 invalid-cursor is the right answer to it. So positive cases get a real cursor
    of the kind their query continues; negative ones keep their made-up cursors (and get 422)."""
    meta = case.meta
    positive = meta is not None and meta.generation.mode.is_positive
    if positive and case.query and case.query.get("cursor") is not None:
        case.query["cursor"] = cursors[_cursor_kind(case.path, case.query)]


def _run(schema: Any, session: requests.Session, label: str, cursors: dict[str, str]) -> int:
    """Every phase for one operation, all checks on every response; returns how many cases were sent."""
    path = label.partition(" ")[2]
    checks = [check for check in _all_checks() if check.__name__ not in UNRUN_CHECKS]
    sent = 0

    def test(case: schemathesis.Case[Any]) -> None:
        nonlocal sent
        sent += 1
        _with_issued_cursor(case, cursors)
        case.call_and_validate(base_url=BASE_URL, session=session, headers=_headers(path), checks=checks)

    for result in get_all_tests(schema=schema, test_func=test, settings=SETTINGS, given_kwargs=None):
        assert isinstance(result, Ok), result.err()
        operation, hypothesis_test = result.ok()
        if operation.label == label:
            hypothesis_test()
            return sent
    raise AssertionError(f"{label} is not in the app's OpenAPI document")


def test_every_check_of_the_installed_schemathesis_runs() -> None:
    assert {check.__name__ for check in _all_checks()} >= EXPECTED_CHECKS


def test_every_documented_operation_is_exercised_or_skipped_with_a_reason() -> None:
    documented = set(_documented_operations())
    assert set(SKIPPED) <= documented, "a skipped operation is no longer documented"
    assert set(ALSO_ACCEPTED) <= documented, "an exception is for an operation no longer documented"
    assert set(OPERATIONS) == documented - set(SKIPPED)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{method} {path}" for method, path in OPERATIONS])
async def test_operation_conforms_to_the_document(app: FastAPI, method: str, path: str) -> None:
    async with _isolated() as feed_url:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        cursors = await _seed(transport, feed_url)
        schema = schemathesis.openapi.from_dict(copy.deepcopy(app.openapi()), config=_config())
        session = _session(transport, asyncio.get_running_loop())
        sent = await asyncio.to_thread(_run, schema, session, f"{method} {path}", cursors)
        assert sent > 0


async def test_stateful_feed_workflows_conform_to_the_document(app: FastAPI) -> None:
    """Sequences of feed calls joined by the document's links (create a feed, then read, change, poll
    and remove the one returned, in any order). The checks that need history run here: use_after_free
    (a removed feed stays gone) and ensure_resource_availability (a created one can be read).

    Feeds only, removed after each scenario: hypothesis replays scenarios, so each must start from the
    same state, and a stored story cannot be removed (the webhook's answer depends on what came before).
    """
    async with _isolated() as feed_url:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        cursors = await _seed(transport, feed_url)
        schema = schemathesis.openapi.from_dict(copy.deepcopy(app.openapi()), config=_config())
        session = _session(transport, asyncio.get_running_loop())
        admin = _headers("/v1/feeds")
        workflow = schema.include(path_regex="^/v1/feeds").as_state_machine()
        if not any("_201_" in name or "_200_" in name for name in dir(workflow)):
            pytest.skip("the OpenAPI document links no feed operation to another")

        class FeedWorkflow(workflow):  # type: ignore[valid-type,misc]  # a class built at run time
            def before_call(self, case: schemathesis.Case[Any]) -> None:
                _with_issued_cursor(case, cursors)

            def get_call_kwargs(self, case: schemathesis.Case[Any]) -> dict[str, Any]:
                return {"base_url": BASE_URL, "session": session, "headers": admin}

            def teardown(self) -> None:
                for feed in session.get(f"{BASE_URL}/v1/feeds", headers=admin).json():
                    session.delete(f"{BASE_URL}/v1/feeds/{feed['id']}", headers=admin)

        settings = hypothesis.settings(SETTINGS, max_examples=STATEFUL_EXAMPLES, stateful_step_count=10)
        await asyncio.to_thread(FeedWorkflow.run, settings=settings)
