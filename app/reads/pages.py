"""The one reader of item pages: /v1/items' listing, search and sync, the feed outputs and the live stream."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.clock import to_micros
from app.document import CHANNEL_BITS, Channel
from app.errors import InvalidCursor, NotFound
from app.reads.pagination import Cursor, decode_cursor, encode_cursor, peek_kind
from app.store.db import Database
from app.store.listings import ItemFilters, get_item, latest_change, list_changes, list_items, search_items
from app.store.tables import AnyRow

__all__ = ["ItemFilters", "PageReader", "Row", "item_filters"]

Row = AnyRow
"""A stored item as a page carries it (the item document is rendered from it)."""


def item_filters(
    source: str | None,
    since: datetime | None,
    until: datetime | None,
    *,
    feed_id: int | None = None,
    channel: Channel | None = None,
) -> ItemFilters:
    return ItemFilters(
        source=source,
        since=to_micros(since) if since else None,
        until=to_micros(until) if until else None,
        feed_id=feed_id,
        channel=CHANNEL_BITS[channel] if channel else None,
    )


class PageReader:
    """Pages of stored items and the cursor after each; a change is read once it is `settle_micros` old."""

    def __init__(self, *, db: Database, settle_micros: int) -> None:
        self._db = db
        self._settle = settle_micros

    async def page(
        self,
        *,
        limit: int,
        cursor: str | None,
        filters: ItemFilters,
        q: str | None,
        updated_after: datetime | None,
    ) -> tuple[list[AnyRow], str | None]:
        """One page of rows and the cursor after it: newest first, search matches, or changes in order."""
        kind = peek_kind(cursor) if cursor is not None else None
        if updated_after is not None or kind in ("changes", "numbered"):
            return await self._changes(limit=limit, cursor=cursor, kind=kind, filters=filters, since=updated_after)
        if q is not None and q.strip():
            before_id = decode_cursor(cursor, expected="search").id if cursor else None
            found = await self._db.read_quick(search_items, q=q, limit=limit + 1, before_id=before_id, filters=filters)
            page = list(found[:limit])
            more = len(found) > limit
            return page, encode_cursor(Cursor(kind="search", sort_at=0, id=page[-1].id)) if more else None
        boundary = decode_cursor(cursor, expected="time") if cursor else None
        before = (boundary.sort_at, boundary.id) if boundary else None
        newest = await self._db.read_quick(list_items, limit=limit + 1, before=before, filters=filters)
        page = list(newest[:limit])
        more = len(newest) > limit
        return page, encode_cursor(Cursor(kind="time", sort_at=page[-1].sort_at, id=page[-1].id)) if more else None

    async def _changes(
        self, *, limit: int, cursor: str | None, kind: str | None, filters: ItemFilters, since: datetime | None
    ) -> tuple[list[AnyRow], str]:
        after_micros: int | None = None
        if cursor is not None and kind == "numbered":
            after = decode_cursor(cursor, expected="numbered").sort_at
        elif cursor is not None:  # a cursor from before changes were numbered: its instant starts the sync again
            after_micros, after = decode_cursor(cursor, expected="changes").sort_at, 0
        else:
            assert since is not None
            after_micros, after = to_micros(since), 0
        rows = list(
            await self._db.read_quick(
                list_changes, limit=limit, after=after, since=after_micros, settle_micros=self._settle, filters=filters
            )
        )
        last = (rows[-1].change_seq, rows[-1].id) if rows else (after, 0)
        if not rows and after_micros is not None:
            # Nothing changed since that instant: go on from the numbers, which a replica's clock cannot fool.
            return rows, await self.latest_position()
        # A mirror always gets a cursor back: an empty page means "nothing new yet, ask again with this".
        return rows, encode_cursor(Cursor(kind="numbered", sort_at=last[0], id=last[1]))

    async def listing_page(
        self, *, limit: int, cursor: str | None, filters: ItemFilters, q: str | None
    ) -> tuple[list[AnyRow], str | None]:
        """A page of a listing with an end (a feed output): a sync cursor, which always has a next page, is refused."""
        if cursor is not None and peek_kind(cursor) in ("changes", "numbered"):
            raise InvalidCursor("a sync cursor belongs to /v1/items?updated_after=…, not to a feed")
        return await self.page(limit=limit, cursor=cursor, filters=filters, q=q, updated_after=None)

    async def latest_position(self) -> str:
        """The cursor of "now" in the numbered changes: a live reader starts here."""
        latest = await self._db.read(latest_change, settle_micros=self._settle)
        return encode_cursor(Cursor(kind="numbered", sort_at=latest, id=0))

    @staticmethod
    def check_position(position: str) -> None:
        """A resume position (Last-Event-ID) a stream can go on from; InvalidCursor otherwise."""
        decode_cursor(position, expected="changes" if peek_kind(position) == "changes" else "numbered")

    @staticmethod
    def position_of(row: AnyRow) -> str:
        """The stream position just after this changed row."""
        return encode_cursor(Cursor(kind="numbered", sort_at=row.change_seq, id=row.id))

    async def newest(self, *, limit: int, before: tuple[int, int] | None, filters: ItemFilters) -> Sequence[AnyRow]:
        """Up to `limit` rows, newest first, before the (sort_at, id) key: the console's own keyset pages."""
        return await self._db.read(list_items, limit=limit, before=before, filters=filters)

    async def matches(self, *, q: str, limit: int, before_id: int | None, filters: ItemFilters) -> Sequence[AnyRow]:
        """Up to `limit` full-text matches of `q` before the item `before_id`: the console's search."""
        return await self._db.read(search_items, q=q, limit=limit, before_id=before_id, filters=filters)

    async def item(self, item_id: int) -> AnyRow:
        """One item by id (an id merged into another story reads as that story); NotFound when there is none."""
        row = await self._db.read_quick(get_item, item_id)
        if row is None:
            raise NotFound(f"no item with id {item_id}")
        return row
