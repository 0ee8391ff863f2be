"""The webhook inbox: the logged requests and the kept (quarantined) payloads, read and forgotten."""

from __future__ import annotations

from collections.abc import Sequence

from app.store.db import Database
from app.store.inbox import recent_requests
from app.store.quarantine import delete_payload, get_payload, recent_payloads
from app.store.tables import AnyRow

__all__ = ["Inbox", "InboxRow"]

InboxRow = AnyRow
"""A logged request or a kept payload: its body, content type and what became of it."""


class Inbox:
    """What the webhook received lately and what it could not store."""

    def __init__(self, *, db: Database) -> None:
        self._db = db

    async def recent_requests(self, *, limit: int) -> Sequence[AnyRow]:
        return await self._db.read(recent_requests, limit=limit)

    async def recent_payloads(self, *, limit: int) -> Sequence[AnyRow]:
        return await self._db.read(recent_payloads, limit=limit)

    async def payload(self, quarantine_id: int) -> AnyRow | None:
        """One kept payload, replayed or not."""
        return await self._db.read(get_payload, quarantine_id)

    async def forget(self, quarantine_id: int) -> bool:
        """Drop a kept payload for good; whether there was one."""
        if await self.payload(quarantine_id) is None:
            return False
        return bool(await self._db.write(delete_payload(quarantine_id)))
