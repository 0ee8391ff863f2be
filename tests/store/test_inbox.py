"""The webhook inbox log: written in the save's transaction, token-free, pruned past its retention."""

from __future__ import annotations

from app.clock import from_micros
from app.normalize import normalize
from app.normalize.model import NormalizeSettings, RawItem
from app.store.db import Database
from app.store.inbox import InboxEntry, recent_requests, with_inbox_entry
from app.store.items import save_item
from app.store.quarantine import keep_payload
from app.store.tables import CHANNEL_WEBHOOK

DAY = 24 * 3600 * 1_000_000
NOW = 1_800_000_000_000_000


async def test_a_request_is_logged_with_its_outcome_and_old_ones_are_pruned(db: Database) -> None:
    item = normalize(
        RawItem(title="Bridge opens", content="Traffic flows."), now=from_micros(NOW), settings=NormalizeSettings()
    )
    old = InboxEntry(body=b"old", content_type="text/plain", received_at=NOW - 8 * DAY)
    await db.write(
        with_inbox_entry(keep_payload(body=b"old", content_type=None, reason="r", detail="d", received_at=1), old)
    )
    saved = await db.write(
        with_inbox_entry(
            save_item(item, channel=CHANNEL_WEBHOOK, received_at=NOW),
            InboxEntry(body=b"title: Bridge opens", content_type="text/plain", received_at=NOW),
        )
    )
    rows = await db.read(recent_requests, limit=10)
    assert [(row.outcome, row.item_id, bytes(row.body)) for row in rows] == [
        ("created", saved.id, b"title: Bridge opens")
    ]
    kept = await db.write(
        with_inbox_entry(
            keep_payload(body=b"?", content_type=None, reason="r", detail="d", received_at=NOW),
            InboxEntry(body=b"?", content_type=None, received_at=NOW + 1),
        )
    )
    rows = await db.read(recent_requests, limit=10)
    assert [(row.outcome, row.quarantine_id) for row in rows] == [("quarantined", kept), ("created", None)]
