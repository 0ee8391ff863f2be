"""Migration 0008 (keys, service secrets, removed feeds): down and up on both stores; names and scopes checked."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import IntegrityError

from app.store.db import migrate
from app.store.tables import api_keys
from tests.store.test_blocks import _run
from tests.store.test_migration_raw_inputs import _config

BEFORE = "0007_raw_inputs"


def _tables(conn: sa.Connection) -> set[str]:
    return set(sa.inspect(conn).get_table_names())


def _key(name: str, scope: str = "read", digest: str = "a" * 64) -> dict[str, object]:
    return {"name": name, "scope": scope, "prefix": "fhk_x", "secret_hash": digest, "created_at": 1}


def test_api_keys_migration_goes_down_and_up(empty_database: str) -> None:
    migrate(empty_database)
    assert {"api_keys", "service_secrets", "removed_feeds"} <= _run(empty_database, _tables)
    command.downgrade(_config(empty_database), BEFORE)
    assert not {"api_keys", "service_secrets", "removed_feeds"} & _run(empty_database, _tables)
    migrate(empty_database)
    _run(empty_database, lambda conn: conn.execute(sa.insert(api_keys).values(_key("reader"))))
    assert _run(empty_database, lambda conn: conn.execute(sa.select(api_keys.c.name)).scalar_one()) == "reader"


@pytest.mark.parametrize(
    "second",
    [_key("reader", digest="b" * 64), _key("other", digest="a" * 64), _key("x", scope="root", digest="c" * 64)],
)
def test_the_store_refuses_a_second_name_a_second_hash_or_an_unknown_scope(
    empty_database: str, second: dict[str, object]
) -> None:
    migrate(empty_database)
    _run(empty_database, lambda conn: conn.execute(sa.insert(api_keys).values(_key("reader"))))
    with pytest.raises(IntegrityError):
        _run(empty_database, lambda conn: conn.execute(sa.insert(api_keys).values(second)))
