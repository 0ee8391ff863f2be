"""The OpenAPI description of shared responses: every error is an RFC 9457 problem+json document."""

from __future__ import annotations

from typing import Any

__all__ = ["NOT_MODIFIED", "PROBLEM", "problem"]

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
"""The media type of every error answer (app.api.problems writes them)."""

NOT_MODIFIED: dict[str, Any] = {"description": "The client's copy (If-None-Match) is current."}


def problem(description: str) -> dict[str, Any]:
    """An error response of the OpenAPI document: its description, as problem+json."""
    return {"description": description, **PROBLEM}
