"""Raw inputs are kept with every saved item, and `renormalize` re-derives stored items from them as edits."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson
import sqlalchemy as sa

from app.clock import to_micros
from app.derive.renormalize import renormalize
from app.feeds.cleaning import clean_feed, normalize_entries
from app.ingest.redact import without_secret
from app.normalize import NormalizedItem, NormalizeSettings, RawItem, normalize
from app.normalize.raw import decode_raw, encode_raw, normalizer_version
from app.store.db import Database
from app.store.items import save_item
from app.store.raw_inputs import with_raw_inputs
from app.store.tables import CHANNEL_WEBHOOK, items, raw_inputs
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed
from tests.test_cli import feedhook

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
SETTINGS = NormalizeSettings()
RAW = RawItem(
    title="Harbour bridge reopens after repairs",
    content="<p>The bridge reopened on Monday.</p><p>Traffic returned within the hour.</p>",
    link="https://news.example.com/2026/bridge?utm_source=rss",
    author="Jane Doe",
    published=time.gmtime(1_764_000_000),
    feed_title="Example News",
)


def test_raw_form_round_trips_with_instants_and_text_dates() -> None:
    raw = RAW.model_copy(update={"updated": "Tue, 01 Dec 2026 10:00:00 CET"})
    encoded = encode_raw(raw)
    again = decode_raw(encoded.data)
    assert normalize(again, now=NOW, settings=SETTINGS) == normalize(raw, now=NOW, settings=SETTINGS)
    assert again.updated == "Tue, 01 Dec 2026 10:00:00 CET"
    assert encode_raw(again).digest == encoded.digest  # content-addressed: the same input, the same key
    assert len(encoded.data) < len(orjson.dumps(raw.model_dump(mode="json")))


def test_clean_feed_keeps_each_items_raw_entry_in_order() -> None:
    stories = [generated_story(n) for n in range(3)]
    cleaned = clean_feed(
        rss_feed(stories),
        headers={"content-type": "application/rss+xml"},
        url="https://x.test/f",
        now=NOW,
        settings=SETTINGS,
    )
    assert len(cleaned.raws) == len(cleaned.items) == 3
    entries = [decode_raw(raw.data) for raw in cleaned.raws]
    assert normalize_entries(entries, now=NOW, settings=SETTINGS) == cleaned.items


async def _stored(db: Database) -> int:
    item = normalize(RAW, now=NOW, settings=SETTINGS)
    save = save_item(item, channel=CHANNEL_WEBHOOK, received_at=to_micros(NOW))
    saved = await db.write(
        with_raw_inputs(save, [encode_raw(RAW)], source_key="host:news.example.com", version="old", now=to_micros(NOW))
    )
    return int(saved.id)


def _row(conn: sa.Connection, item_id: int) -> sa.RowMapping:
    return conn.execute(sa.select(items).where(items.c.id == item_id)).mappings().one()


async def test_saved_item_points_at_its_kept_raw_input(db: Database) -> None:
    item_id = await _stored(db)
    row = await db.read(_row, item_id)
    assert row["normalizer_version"] == "old"
    data = await db.read(lambda c: c.execute(sa.select(raw_inputs.c.data)).scalar_one())
    assert row["raw_digest"] == encode_raw(RAW).digest
    assert decode_raw(bytes(data)) == decode_raw(encode_raw(RAW).data)


async def test_renormalize_reports_then_writes_changed_fields_as_an_edit(db: Database) -> None:
    item_id = await _stored(db)
    # As an older normalizer had derived it: a different headline, body and source.
    await db.write(
        lambda c: c.execute(
            items.update().where(items.c.id == item_id).values(headline="Old", body='["old text"]', source="Old")
        )
    )
    dry = [r async for r in renormalize(db=db, now=LATER, settings=SETTINGS, dry_run=True)]
    assert [(r.item_id, sorted(c.name for c in r.changes)) for r in dry] == [(item_id, ["body", "headline", "source"])]
    assert (await db.read(_row, item_id))["headline"] == "Old"  # a dry run writes nothing

    done = [r async for r in renormalize(db=db, now=LATER, settings=SETTINGS)]
    assert [c.after for c in done[0].changes if c.name == "headline"] == [RAW.title]
    row = await db.read(_row, item_id)
    assert row["headline"] == RAW.title
    assert orjson.loads(row["body"]) == ["The bridge reopened on Monday.", "Traffic returned within the hour."]
    assert row["updated_at"] == to_micros(LATER)  # an edit: mirrors and the live stream see it
    assert row["normalizer_version"] == normalizer_version()
    assert [r async for r in renormalize(db=db, now=LATER, settings=SETTINGS)] == []  # nothing left to change


async def test_renormalize_only_touches_the_named_source(db: Database) -> None:
    item_id = await _stored(db)
    await db.write(lambda c: c.execute(items.update().where(items.c.id == item_id).values(headline="Old")))
    assert [r async for r in renormalize(db=db, now=LATER, settings=SETTINGS, source="Nobody")] == []
    found = [r async for r in renormalize(db=db, now=LATER, settings=SETTINGS, source="Example News", dry_run=True)]
    assert [r.item_id for r in found] == [item_id]


async def test_renormalize_command_prints_a_field_diff_before_it_writes(tmp_path: Path) -> None:
    async with LoopbackServer("127.0.0.1") as server:
        server.route("/a.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([generated_story(1)])))
        await feedhook(tmp_path, "migrate")
        await feedhook(tmp_path, "feeds", "add", server.url("/a.xml"))
        await feedhook(tmp_path, "poll", "--once")
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        (headline,) = conn.execute("SELECT headline FROM items").fetchone()
        conn.execute("UPDATE items SET headline = 'Stale headline'")

    (changed,) = json.loads(await feedhook(tmp_path, "renormalize", "--dry-run", "--json"))
    assert [(c["field"], c["before"], c["after"]) for c in changed["changes"]] == [
        ("headline", "Stale headline", headline)
    ]
    dry = await feedhook(tmp_path, "renormalize", "--dry-run")
    assert "- Stale headline" in dry
    assert f"+ {headline}" in dry
    assert "1 item(s) would change" in dry
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        assert conn.execute("SELECT headline FROM items").fetchone() == ("Stale headline",)

    done = await feedhook(tmp_path, "renormalize")
    assert "1 item(s) changed" in done
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        assert conn.execute("SELECT headline FROM items").fetchone() == (headline,)


async def test_renormalize_removes_a_token_the_kept_input_holds_encoded(db: Database) -> None:
    token = "wh_secret_token_0123456789abcdef"
    encoded = token.replace("k", "&#107;")  # only the decoded text is the token
    raw = RAW.model_copy(update={"content": f"<p>The bridge reopened on Monday. {encoded}</p>"})
    item = without_secret(normalize(raw, now=NOW, settings=SETTINGS), token)
    save = save_item(item, channel=CHANNEL_WEBHOOK, received_at=to_micros(NOW))
    saved = await db.write(with_raw_inputs(save, [encode_raw(raw)], source_key=None, version="old", now=to_micros(NOW)))
    await db.write(lambda c: c.execute(items.update().where(items.c.id == saved.id).values(headline="Old")))

    def finish(derived: NormalizedItem) -> NormalizedItem:
        return without_secret(derived, token)

    results = [r async for r in renormalize(db=db, now=LATER, settings=SETTINGS, finish=finish)]
    assert [c.name for c in results[0].changes] == ["headline"]  # the body stays as stored: no token back in
    row = await db.read(_row, saved.id)
    assert token not in row["body"]
    assert token not in (row["body_html"] or "")
    assert token not in (row["blocks"] or "")
