"""Per-test PostgreSQL databases, cloned from one migrated template (fast: CREATE DATABASE … TEMPLATE)."""

from __future__ import annotations

import asyncio
import os
import uuid

import asyncpg
from sqlalchemy.engine import make_url

from app.store.db import migrate

POSTGRES_URL = os.environ.get("FEEDHOOK_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


def database_url(name: str) -> str:
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _dsn() -> str:
    return make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)


async def _execute(*statements: str) -> None:
    connection = await asyncpg.connect(_dsn(), timeout=5)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


def reachable() -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        asyncio.run(_execute("SELECT 1"))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"PostgreSQL at {make_url(POSTGRES_URL).render_as_string()} is not reachable: {exc}"
    return None


def create_template() -> str:
    name = f"feedhook_template_{os.getpid()}"
    asyncio.run(_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'))
    migrate(database_url(name))
    return name


def create_empty() -> str:
    """A new database without any schema (for migration tests that start from an older revision)."""
    name = f"feedhook_empty_{uuid.uuid4().hex[:12]}"
    asyncio.run(_execute(f'CREATE DATABASE "{name}"'))
    return name


def clone(template: str) -> str:
    name = f"feedhook_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    return name


def drop(name: str) -> None:
    asyncio.run(_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
