"""openapi/openapi.json is what `feedhook openapi` prints; every route is documented with examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI

DOCUMENT = Path(__file__).parent.parent / "openapi" / "openapi.json"


async def test_committed_openapi_document_matches_the_app(app: FastAPI) -> None:
    committed = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert committed == app.openapi(), "openapi/openapi.json drifted: run `make openapi`"


async def test_every_operation_has_a_summary_and_documented_errors(app: FastAPI) -> None:
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description") or operation.get("summary"), f"{method} {path}"
            statuses = set(operation["responses"])
            assert statuses & {"200", "201", "204"}, f"{method} {path}"
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], f"{method} {path} {status}"


def _has_example(document: dict[str, Any], content: dict[str, Any]) -> bool:
    if "example" in content or "examples" in content:
        return True
    schema = content.get("schema", {})
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref") or ""
    named = document["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}) if ref else {}
    return "examples" in named or "example" in named


async def test_every_operation_shows_an_example_response(app: FastAPI) -> None:
    document = app.openapi()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if set(responses) & {"200", "201"}:
                ok = [
                    _has_example(document, content)
                    for status in ("200", "201")
                    for content in responses.get(status, {}).get("content", {}).values()
                ]
                assert any(ok), f"{method} {path} has no example response"
