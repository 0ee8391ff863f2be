"""The one place errors become HTTP: RFC 9457 problem+json for every 4xx and 5xx."""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.errors import (
    Conflict,
    FeedhookError,
    Forbidden,
    InputError,
    NotFound,
    PayloadTooLarge,
    QuarantinedError,
    Unauthorized,
    Unavailable,
)

__all__ = [
    "PROBLEM_TYPE",
    "Problem",
    "ProblemResponse",
    "install_problem_handlers",
    "install_problem_openapi",
    "status_for",
]

log = logging.getLogger("app.api")
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")

PROBLEM_TYPE = "urn:feedhook:problem:"
# Most specific first: the first class an error is an instance of gives its status.
_STATUS: tuple[tuple[type[FeedhookError], int], ...] = (
    (PayloadTooLarge, 413),
    (InputError, 422),
    (Unauthorized, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (Unavailable, 503),
)


class ProblemResponse(JSONResponse):
    media_type = "application/problem+json"


def status_for(error: FeedhookError) -> int:
    for kind, status in _STATUS:
        if isinstance(error, kind):
            return status
    return 500


def problem(status: int, *, code: str, title: str, detail: str, instance: str, **extra: Any) -> ProblemResponse:
    body = {
        "type": PROBLEM_TYPE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        "code": code,
    }
    body.update({key: value for key, value in extra.items() if value is not None})
    return ProblemResponse(body, status_code=status)


async def _feedhook_error(request: Request, error: Exception) -> ProblemResponse:
    assert isinstance(error, FeedhookError)
    extra: dict[str, Any] = {}
    if isinstance(error, QuarantinedError):
        # The client is told why its payload was refused, and where it is kept.
        extra["quarantine_id"] = error.quarantine_id
        error = error.reason
    if error.missing:
        extra["missing"] = list(error.missing)
    response = problem(
        status_for(error), code=error.code, title=error.title, detail=error.detail, instance=request.url.path, **extra
    )
    if isinstance(error, Unavailable):
        response.headers["Retry-After"] = str(error.retry_after)
    if isinstance(error, Unauthorized):
        response.headers["WWW-Authenticate"] = 'Bearer realm="feedhook"'
    return response


async def _http_error(request: Request, error: Exception) -> ProblemResponse:
    assert isinstance(error, StarletteHTTPException)
    phrase = HTTPStatus(error.status_code).phrase
    detail = error.detail if isinstance(error.detail, str) else phrase
    response = problem(
        error.status_code,
        code=phrase.lower().replace(" ", "-"),
        title=phrase,
        detail=detail,
        instance=request.url.path,
    )
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    if error.status_code == 405:
        # Starlette names only the methods of the first route matching the path; RFC 9110 §15.5.6
        # wants every method the resource supports (GET and POST /v1/feeds are two routes).
        response.headers["Allow"] = _allowed_methods(request) or response.headers.get("Allow", "")
    return response


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at the request's path, found as the router finds a route."""
    allowed = []
    for method in _METHODS:
        scope = {"type": "http", "path": request.scope["path"], "root_path": request.scope.get("root_path", "")}
        scope["method"] = method
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return ", ".join(allowed)


async def _validation_error(request: Request, error: Exception) -> ProblemResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"location": [str(part) for part in entry.get("loc", ())], "message": entry.get("msg", "")}
        for entry in error.errors()
    ]
    where = ", ".join(".".join(item["location"]) for item in errors) or "the request"
    return problem(
        422,
        code="invalid-request",
        title="Invalid request",
        detail=f"invalid value for {where}",
        instance=request.url.path,
        errors=errors,
    )


async def _unexpected_error(request: Request, error: Exception) -> ProblemResponse:
    log.exception("unhandled error on %s", request.url.path)
    return problem(
        500,
        code="internal-error",
        title="Internal Server Error",
        detail="something went wrong on our side; the error is logged",
        instance=request.url.path,
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(FeedhookError, _feedhook_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)


class Problem(BaseModel):
    """An RFC 9457 problem document, as every 4xx and 5xx answer of this API is."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:feedhook:problem:unusable-item",
                    "title": "Unusable item",
                    "status": 422,
                    "detail": "no headline or text could be recovered",
                    "instance": "/v1/webhooks/ifttt",
                    "code": "unusable-item",
                    "missing": ["headline", "body"],
                    "quarantine_id": 7,
                }
            ]
        },
    )

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    missing: list[str] | None = None
    quarantine_id: int | None = None
    errors: list[dict[str, Any]] | None = None


def install_problem_openapi(app: FastAPI, *, finish: Callable[[dict[str, Any]], None] | None = None) -> None:
    """Document every error response as problem+json (FastAPI's default 422 schema is not what we send).

    ``finish`` completes the document once it is built (e.g. examples rendered then, not at import).
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
                if "$ref" in body.get("schema", {}):
                    # A body FastAPI parses into a model: one it cannot even decode (not UTF-8) is a 400.
                    operation["responses"].setdefault("400", {"description": "The body is not readable JSON."})
                if operation.get("security"):  # a guarded route (app/api/access.py): say what a refusal is
                    responses = operation["responses"]
                    responses.setdefault("401", {"description": "Missing, unknown or revoked key (problem+json)."})
                    responses.setdefault("403", {"description": "The key's scope does not allow this (problem+json)."})
                for status, response in operation.get("responses", {}).items():
                    if status[0] in "45":
                        response["content"] = {
                            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                        }
                        if status == "422" and response.get("description") == "Validation Error":
                            response["description"] = "Invalid parameters (problem+json)."
        if finish is not None:
            finish(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
