"""Query parameters read through one pydantic model, with the OpenAPI parameters and 422s FastAPI would give."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

__all__ = ["openapi_parameters", "read_query"]

QueryModel = TypeVar("QueryModel", bound=BaseModel)


def openapi_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The model's fields as OpenAPI query parameters, the way FastAPI writes declared ones."""
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    parameters = []
    for name, field in schema["properties"].items():
        parameter: dict[str, Any] = {"name": name, "in": "query", "required": name in required, "schema": field}
        if "description" in field:
            parameter["description"] = field["description"]
        parameters.append(parameter)
    return parameters


def read_query(
    model: type[QueryModel], request: Request, *, refuse_unknown: bool = False, also: frozenset[str] = frozenset()
) -> QueryModel:
    """The request's query as `model`; invalid values raise FastAPI's own validation error (a 422 problem).

    Read here rather than declared as FastAPI parameters: FastAPI solves each declared parameter on its
    own, ~45 µs per request for the item listing's seven, half of a bare FastAPI request (measured here).
    With `refuse_unknown`, a parameter that is neither a field nor in `also` is a 422 too: a misspelt filter
    (`?feed=3`) silently ignored would answer with every item, as if it had matched.
    """
    errors: list[dict[str, Any]] = []
    if refuse_unknown:
        known = model.model_fields.keys() | also
        errors = [
            {"type": "extra_forbidden", "loc": ("query", name), "msg": f"unknown query parameter {name!r}", "input": ""}
            for name in dict.fromkeys(request.query_params.keys())
            if name not in known
        ]
    try:
        query = model.model_validate(dict(request.query_params))
    except ValidationError as exc:
        errors += [{**error, "loc": ("query", *error["loc"])} for error in exc.errors()]
        raise RequestValidationError(errors) from None
    if errors:
        raise RequestValidationError(errors)
    return query
