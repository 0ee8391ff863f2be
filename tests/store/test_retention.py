"""Item retention on both stores: old items go in batches with their sightings and unshared raw inputs."""

from __future__ import annotations

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from app.store.db import Database
from app.store.retention import delete_items_before
from app.store.tables import item_sightings, items, raw_inputs
from tests.conftest import WEBHOOK_TOKEN
from tests.samples import generated_story

DAY = 86_400_000_000


async def _count(db: Database, table: sa.Table) -> int:
    return int(await db.read(lambda conn: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()))


async def test_old_items_are_deleted_with_what_hangs_off_them(app: FastAPI, client: httpx.AsyncClient) -> None:
    db: Database = app.state.services.db
    hook = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
    for number in range(5):
        answer = await client.post("/v1/webhooks/ifttt", content=generated_story(number).json_valid(), headers=hook)
        assert answer.status_code == 201, answer.text
    raws, sightings = await _count(db, raw_inputs), await _count(db, item_sightings)
    assert (raws, sightings) == (5, 5)

    def age(conn: sa.Connection) -> None:  # the first three were stored ten days ago
        conn.execute(sa.update(items).where(items.c.id <= 3).values(received_at=items.c.received_at - 10 * DAY))

    await db.write(age)
    newest = int(await db.read(lambda conn: conn.execute(sa.select(sa.func.max(items.c.received_at))).scalar_one()))
    cutoff = newest - 5 * DAY
    assert await db.write(delete_items_before(cutoff, batch=2)) == 2
    assert await db.write(delete_items_before(cutoff, batch=2)) == 1
    assert await db.write(delete_items_before(cutoff, batch=2)) == 0

    left = (await client.get("/v1/items")).json()["items"]
    assert sorted(item["id"] for item in left) == [4, 5]
    assert (await client.get("/v1/items/1")).status_code == 404
    found = (await client.get("/v1/items", params={"q": generated_story(0).headline})).json()["items"]
    assert all(item["id"] in (4, 5) for item in found)  # the search index forgot them too
    assert (await _count(db, raw_inputs), await _count(db, item_sightings)) == (2, 2)
