"""The scope decision: admin covers read, read does not cover admin, an unknown scope grants nothing."""

from __future__ import annotations

import pytest

from app.access.scopes import allows, key_name_problem


@pytest.mark.parametrize(
    ("granted", "needed", "allowed"),
    [
        ("read", "read", True),
        ("admin", "read", True),
        ("admin", "admin", True),
        ("read", "admin", False),
        ("", "read", False),
        ("Admin", "admin", False),
        ("write", "read", False),
    ],
)
def test_admin_covers_read_and_nothing_else_covers_anything(granted: str, needed: str, allowed: bool) -> None:
    assert allows(granted, needed) is allowed  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["newsreader", "grafana.prod", "a", "x" * 64, "ci_bot-2"])
def test_ordinary_names_are_accepted(name: str) -> None:
    assert key_name_problem(name) is None


@pytest.mark.parametrize("name", ["", "x" * 65, "-leading", "with space", "ümlaut", "a/b", "12345", "a\x00"])
def test_names_that_would_confuse_a_listing_or_a_lookup_are_refused(name: str) -> None:
    assert key_name_problem(name)
