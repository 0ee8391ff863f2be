"""Re-derivation repository: the stored items with their raw inputs, and an item re-derived as an edit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy import Connection

from app.document import ITEM_FIELDS, blocks_json
from app.normalize.model import NormalizedItem
from app.store.items import CONTENT_COLUMNS, _content_values, content_fields
from app.store.subscriptions import enqueue_for_item
from app.store.tables import items, raw_inputs
from app.store.writer import WriteOp

__all__ = ["PUBLIC_FIELDS", "StoredInput", "apply_rederived", "stored_inputs"]

PUBLIC_FIELDS: tuple[str, ...] = tuple(
    name for name in ITEM_FIELDS if name in CONTENT_COLUMNS and name != "source_link"
)
"""The fields a re-derivation compares and rewrites: the public ones the normalizer makes, but the link as
received (identity, links and channels stay the story's own)."""


class StoredInput(NamedTuple):
    """One stored item: its id, its public fields as stored, and its raw input's stored form."""

    id: int
    source: str | None
    source_key: str | None
    """Whose learned boilerplate the item is cleaned with (items.source_key)."""
    fields: dict[str, Any]
    raw: bytes


def stored_inputs(conn: Connection, *, source: str | None, after_id: int, limit: int) -> list[StoredInput]:
    """The next ``limit`` items (by id, after ``after_id``) that kept their raw input, of one source or all."""
    query = (
        sa.select(items, raw_inputs.c.data)
        .join(raw_inputs, raw_inputs.c.digest == items.c.raw_digest)
        .where(items.c.id > after_id)
        .order_by(items.c.id)
        .limit(limit)
    )
    if source is not None:
        query = query.where(items.c.source == source)
    found: list[StoredInput] = []
    for row in conn.execute(query).mappings():
        # A row written without blocks gets them from its body first (app.document's rule for such rows).
        content = content_fields(dict(row) | {"blocks": blocks_json(row["blocks"], row["body"])})
        fields = {name: content[name] for name in PUBLIC_FIELDS}
        found.append(StoredInput(int(row["id"]), row["source"], row["source_key"], fields, bytes(row["data"])))
    return found


def apply_rederived(changed: Sequence[tuple[int, NormalizedItem]], *, version: str, now: int) -> WriteOp[int]:
    """Rewrite re-derived items as edits: new fields, a new ``updated_at``, an ``item.updated`` event each."""

    def op(conn: Connection) -> int:
        for item_id, item in changed:
            values = _content_values(item) | {"updated_at": now, "normalizer_version": version}
            values.pop("guid", None)  # the story's identity fields stay as first stored
            if values["published_at"] is not None:
                values["sort_at"] = values["published_at"]
            conn.execute(items.update().where(items.c.id == item_id).values(**values))
            enqueue_for_item(conn, item_id=item_id, event="item.updated", now=now, active=None)
        return len(changed)

    return op
