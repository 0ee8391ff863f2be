"""Learned boilerplate: which profile an item is cleaned with, and mining a source's profile again when due.

A source is a feed (``feed:<id>``), else the feed an IFTTT post names (``feedurl:<url>``), else the article's
host (``host:<name>``). Its profile is mined (app/normalize/boilerplate.py) from the raw inputs of its newest
items, each normalized without a profile, so text the profile removed still counts as evidence next time.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from app.clock import to_micros
from app.errors import NormalizeError
from app.normalize import canonical_url, normalize
from app.normalize.boilerplate import BoilerplateProfile, mine_profile
from app.normalize.model import NormalizeSettings, RawItem
from app.normalize.raw import decode_raw
from app.normalize.urls import host_of_canonical, is_shortlink_host
from app.store.db import Database
from app.store.feeds import find_feed_by_url
from app.store.profiles import (
    ProfileRow,
    claim_refresh,
    due_profiles,
    profile_row,
    recent_inputs,
    store_profile,
)

__all__ = [
    "MINE_LAST",
    "MIN_ITEMS",
    "MIN_SHARE",
    "REFRESH_AFTER",
    "feed_source_key",
    "mine",
    "profile_of",
    "refresh_due",
    "source_keys_for",
    "webhook_source_key",
]

MIN_ITEMS = 5
"""A profile needs this many items of the source: below it, nothing can be told to recur."""
MIN_SHARE = 0.6
"""A line is boilerplate when it stands at the head or tail of at least this share of the mined items."""
MINE_LAST = 50
"""Profiles are mined from the source's newest items: boilerplate changes with a site's redesign."""
REFRESH_AFTER = 20
"""Mine again after this many new items (and first when MIN_ITEMS have arrived)."""


def feed_source_key(feed_id: int) -> str:
    return f"feed:{feed_id}"


def webhook_source_key(raw: RawItem) -> str | None:
    """The feed the post names (IFTTT's FeedUrl), else the article's host; None when neither is known."""
    feed = canonical_url(raw.feed_url) if raw.feed_url else None
    if feed is not None:
        return f"feedurl:{feed}"[:300]
    link = canonical_url(raw.link) if raw.link else None
    host = host_of_canonical(link) if link else None
    return f"host:{host}" if host and not is_shortlink_host(host) else None


async def source_keys_for(db: Database, name: str) -> list[str]:
    """The source keys an operator may mean by ``name``: a key itself, a feed's id or URL, or a host."""
    name = name.strip()
    if name.isdigit():
        return [feed_source_key(int(name))]
    if name.startswith(("feed:", "feedurl:", "host:")):
        return [name]
    if "://" in name:
        feed = await db.read(find_feed_by_url, name)
        canonical = canonical_url(name)
        keys = [feed_source_key(int(feed.id))] if feed is not None else []
        return keys + ([f"feedurl:{canonical}"] if canonical else [])
    return [f"host:{name.lower()}"]


def _profile(row: ProfileRow | None) -> BoilerplateProfile | None:
    if row is None or row.profile is None:
        return None
    return BoilerplateProfile.model_validate_json(row.profile)


async def profile_of(db: Database, source_key: str | None) -> BoilerplateProfile | None:
    """The source's learned profile, or None (no key, or nothing learned yet)."""
    return None if source_key is None else _profile(await db.read(profile_row, source_key))


def _mined(inputs: list[bytes], *, now: datetime, settings: NormalizeSettings) -> BoilerplateProfile:
    bodies: list[list[str]] = []
    for data in inputs:
        try:
            bodies.append(normalize(decode_raw(data), now=now, settings=settings).body)
        except NormalizeError:
            continue
    return mine_profile(bodies, min_items=MIN_ITEMS, min_share=MIN_SHARE)


async def mine(db: Database, source_key: str, *, now: datetime, settings: NormalizeSettings) -> BoilerplateProfile:
    """Mine the source's profile from its newest items and keep it."""
    inputs = await db.read(recent_inputs, source_key, limit=MINE_LAST)
    profile = await asyncio.to_thread(_mined, inputs, now=now, settings=settings)
    await db.write(
        store_profile(source_key, profile=profile.model_dump_json(), items_mined=len(inputs), now=to_micros(now))
    )
    return profile


async def refresh_due(db: Database, *, now: datetime, settings: NormalizeSettings, limit: int = 20) -> list[str]:
    """Mine the profiles of the sources with enough new items (at most ``limit``); the keys mined.

    The saves only count arrivals (app/store/raw_inputs.py); the poller calls this after each cycle, so
    no request waits for mining.
    """
    due = await db.read(due_profiles, first_after=MIN_ITEMS, again_after=REFRESH_AFTER, limit=limit)
    mined: list[str] = []
    for source_key in due:
        if await db.write(claim_refresh(source_key, first_after=MIN_ITEMS, again_after=REFRESH_AFTER)):
            await mine(db, source_key, now=now, settings=settings)
            mined.append(source_key)
    return mined
