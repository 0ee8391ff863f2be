"""An item's provenance for its console page: the raw input it was derived from and where it was seen."""

from __future__ import annotations

from collections.abc import Sequence

from app.store.db import Database
from app.store.raw_inputs import raw_input
from app.store.sightings import sightings_of
from app.store.tables import AnyRow

__all__ = ["ItemDetailReader"]


class ItemDetailReader:
    """The stored raw input and the sightings of one item."""

    def __init__(self, *, db: Database) -> None:
        self._db = db

    async def raw_input(self, digest: str) -> bytes | None:
        """The kept raw input with this digest; None once it was pruned."""
        return await self._db.read(raw_input, digest)

    async def sightings(self, item_id: int) -> Sequence[AnyRow]:
        return await self._db.read(sightings_of, item_id)
