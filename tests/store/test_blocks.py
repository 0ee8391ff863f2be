"""The ``blocks`` column: migration 0005 fills stored items from their body; saves and reads carry it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import TypeVar

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import create_async_engine

from app.document import item_document
from app.normalize import RawItem, normalize
from app.store.db import MIGRATIONS, Database, async_url, migrate, sync_url
from app.store.items import save_item, save_items
from app.store.listings import ItemFilters, get_item, list_items
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK, items
from tests.normalize.support import NOW, SETTINGS

T = TypeVar("T")
BEFORE = "0004"  # the revision before 0005_blocks
_OLD_ROW = {
    "identity": "url:https://example.com/old",
    "headline": "Stored before blocks",
    "bullets": "[]",
    "body": orjson.dumps(
        ["First paragraph, with “quotes” and ünïcödé.", 'A "second" one \\ with a backslash.']
    ).decode(),
    "body_html": "<p>First</p>",
    "received_at": 1,
    "updated_at": 1,
    "sort_at": 1,
    "channels": CHANNEL_WEBHOOK,
    "content_hash": "h",
}


def _run(url: str, work: Callable[[sa.Connection], T]) -> T:
    """``work`` on a connection to ``url`` in one transaction (PostgreSQL through asyncpg's run_sync)."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(sync_url(url))
        try:
            with engine.begin() as conn:
                return work(conn)
        finally:
            engine.dispose()

    async def run() -> T:
        engine = create_async_engine(async_url(url))
        try:
            async with engine.begin() as conn:
                return await conn.run_sync(work)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _columns(conn: sa.Connection) -> list[str]:
    return [column["name"] for column in sa.inspect(conn).get_columns("items")]


def test_migration_fills_blocks_from_the_body_on_both_databases(empty_database: str) -> None:
    migrate(empty_database, BEFORE)
    old_items = sa.table("items", *(sa.column(name) for name in _OLD_ROW))
    rows = [_OLD_ROW, _OLD_ROW | {"identity": "url:e", "body": "[]"}]
    _run(empty_database, lambda conn: conn.execute(sa.insert(old_items), rows))
    migrate(empty_database)
    selected = _run(empty_database, lambda conn: conn.execute(sa.select(items.c.identity, items.c.blocks)).all())
    stored = dict(selected)
    paragraphs = json.loads(str(_OLD_ROW["body"]))
    expected = [{"type": "paragraph", "text": text} for text in paragraphs]
    # the same bytes the save path writes: old and new rows go out alike
    assert stored["url:https://example.com/old"] == orjson.dumps(expected).decode()
    assert stored["url:e"] == "[]"


def test_migration_downgrades_and_upgrades_again(empty_database: str) -> None:
    migrate(empty_database)
    assert "blocks" in _run(empty_database, _columns)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    is_sqlite = empty_database.startswith("sqlite")
    config.set_main_option("sqlalchemy.url", sync_url(empty_database) if is_sqlite else async_url(empty_database))
    command.downgrade(config, BEFORE)
    assert "blocks" not in _run(empty_database, _columns)
    migrate(empty_database)
    assert "blocks" in _run(empty_database, _columns)


def _structured(identity: str) -> RawItem:
    content = (
        "<p>A paragraph of the story.</p><ol start='2'><li>Second</li><li>Third</li></ol>"
        "<pre>x = 1\n    y = 2</pre><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
    )
    return RawItem(title=f"Structured {identity}", content=content, link=f"https://example.com/{identity}")


async def test_saved_items_carry_their_blocks(db: Database) -> None:
    single = normalize(_structured("one"), now=NOW, settings=SETTINGS)
    batch = [normalize(_structured(f"b{n}"), now=NOW, settings=SETTINGS) for n in range(3)]
    saved = await db.write(save_item(single, channel=CHANNEL_WEBHOOK, received_at=10))
    await db.write(save_items(batch, channel=CHANNEL_FEED, received_at=11))
    rows = await db.read(list_items, limit=10, before=None, filters=ItemFilters())
    assert len(rows) == 4
    assert all(orjson.loads(row.blocks) == single.blocks for row in rows)
    stored = await db.read(get_item, saved.id)
    assert stored is not None
    document = item_document(stored)
    assert document["blocks"] == single.blocks
    assert document["body"] == [
        "A paragraph of the story.",
        "2. Second",
        "3. Third",
        "x = 1\n    y = 2",
        "A | B",
        "1 | 2",
    ]


async def test_an_update_rewrites_the_blocks(db: Database) -> None:
    first = normalize(_structured("u"), now=NOW, settings=SETTINGS)
    raw = _structured("u").model_copy(update={"content": "<p>Now a single paragraph.</p>"})
    second = normalize(raw, now=NOW, settings=SETTINGS)
    saved = await db.write(save_item(first, channel=CHANNEL_WEBHOOK, received_at=10))
    again = await db.write(save_item(second, channel=CHANNEL_WEBHOOK, received_at=20))
    assert (again.id, again.status) == (saved.id, "updated")
    row = await db.read(get_item, saved.id)
    assert row is not None
    assert orjson.loads(row.blocks) == [{"type": "paragraph", "text": "Now a single paragraph."}]
