"""The renormalize recipe: stored raw input → current normalizer → field-level diff → edit (or only report)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.clock import to_micros
from app.derive.profiles import profile_of
from app.errors import NormalizeError
from app.normalize import normalize
from app.normalize.boilerplate import BoilerplateProfile
from app.normalize.model import NormalizedItem, NormalizeSettings
from app.normalize.raw import decode_raw, normalizer_version
from app.store.db import Database
from app.store.rederive import PUBLIC_FIELDS, StoredInput, apply_rederived, stored_inputs

__all__ = ["FieldChange", "Rederived", "renormalize"]

_PAGE = 200


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One public field of an item, as stored and as derived now."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Rederived:
    """One stored item derived again: what changed (nothing: as stored), or why it could not be derived."""

    item_id: int
    source: str | None
    changes: list[FieldChange] = field(default_factory=list)
    error: str | None = None


def _changes(stored: StoredInput, item: NormalizedItem) -> list[FieldChange]:
    now = item.model_dump(include=set(PUBLIC_FIELDS))
    if item.url is None:  # a shortlink-only copy: the URL resolved since stays
        now["url"] = stored.fields["url"]
    return [
        FieldChange(name, stored.fields[name], now[name]) for name in PUBLIC_FIELDS if stored.fields[name] != now[name]
    ]


Finish = Callable[[NormalizedItem], NormalizedItem]


def _derive(
    stored: StoredInput,
    *,
    now: datetime,
    settings: NormalizeSettings,
    profile: BoilerplateProfile | None,
    finish: Finish,
) -> tuple[Rederived, NormalizedItem | None]:
    try:
        item = finish(normalize(decode_raw(stored.raw), now=now, settings=settings, profile=profile))
    except NormalizeError as error:
        return Rederived(stored.id, stored.source, error=error.detail), None
    changes = _changes(stored, item)
    if item.url is None and stored.fields["url"] is not None:
        item = item.model_copy(update={"url": stored.fields["url"]})
    return Rederived(stored.id, stored.source, changes), item if changes else None


def _derive_page(
    page: list[StoredInput],
    *,
    now: datetime,
    settings: NormalizeSettings,
    profiles: dict[str | None, BoilerplateProfile | None],
    finish: Finish,
) -> list[tuple[Rederived, NormalizedItem | None]]:
    return [_derive(s, now=now, settings=settings, profile=profiles.get(s.source_key), finish=finish) for s in page]


def _as_derived(item: NormalizedItem) -> NormalizedItem:
    return item


async def renormalize(
    *,
    db: Database,
    now: datetime,
    settings: NormalizeSettings,
    source: str | None = None,
    dry_run: bool = False,
    finish: Finish = _as_derived,
) -> AsyncIterator[Rederived]:
    """Every stored item (of ``source``, or all) derived again from its raw input, page by page.

    Each page's changed items are yielded (so the caller can print the diff) before the page is written as
    edits: a new ``updated_at`` (sync cursors and the live stream see them) and an ``item.updated`` event to
    subscribers. Nothing is written with ``dry_run``. Items stored before raw inputs were kept are skipped.
    Each item is cleaned with its source's learned boilerplate profile, as a new item of that source is,
    and then goes through ``finish`` (the webhook token's removal: a raw input may hold it encoded).
    """
    after = 0
    version = normalizer_version()
    profiles: dict[str | None, BoilerplateProfile | None] = {}
    while True:
        page = await db.read(stored_inputs, source=source, after_id=after, limit=_PAGE)
        if not page:
            return
        after = page[-1].id
        for key in {stored.source_key for stored in page} - profiles.keys():
            profiles[key] = await profile_of(db, key)
        derived = await asyncio.to_thread(
            _derive_page, page, now=now, settings=settings, profiles=profiles, finish=finish
        )
        changed: list[tuple[int, NormalizedItem]] = []
        for result, item in derived:
            if result.changes or result.error:
                yield result
            if item is not None:
                changed.append((result.item_id, item))
        if changed and not dry_run:
            await db.write(apply_rederived(changed, version=version, now=to_micros(now)))
