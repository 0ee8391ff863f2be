"""Fixtures of the store tests: an empty database of each kind, for migrations built step by step."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema yet, to migrate from an older revision (CI always runs PostgreSQL)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'steps.db'}"
        return
    problem = postgres.reachable()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the PostgreSQL tests: {problem}")
        pytest.skip(problem)
    name = postgres.create_empty()
    yield postgres.database_url(name)
    postgres.drop(name)
