"""Migration 0007 (raw inputs, profiles): down and up again on both stores, the change numbering kept."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from app.store.db import MIGRATIONS, async_url, migrate, sync_url
from app.store.tables import items
from tests.store.test_blocks import _columns, _run

BEFORE = "0006_integrity"


def _config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sync_url(url) if url.startswith("sqlite") else async_url(url))
    return config


def _insert_and_number(conn: sa.Connection) -> int | None:
    row = {
        "identity": "url:https://example.com/n",
        "headline": "H",
        "bullets": "[]",
        "body": "[]",
        "received_at": 1,
        "updated_at": 1,
        "sort_at": 1,
        "channels": 1,
        "content_hash": "c",
    }
    conn.execute(sa.insert(items).values(**row))
    seq: int | None = conn.execute(sa.select(items.c.change_seq)).scalar_one()
    return seq


def test_raw_inputs_migration_goes_down_and_up_and_keeps_the_change_numbering(empty_database: str) -> None:
    migrate(empty_database)
    assert {"raw_digest", "normalizer_version", "source_key"} <= set(_run(empty_database, _columns))
    command.downgrade(_config(empty_database), BEFORE)
    assert not {"raw_digest", "normalizer_version", "source_key"} & set(_run(empty_database, _columns))
    migrate(empty_database)
    assert "source_key" in _run(empty_database, _columns)
    # 0006's triggers still number a new row: no table copy dropped them on the way down or up
    assert _run(empty_database, _insert_and_number) == 1
