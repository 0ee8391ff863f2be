"""Key use cases on a real store (SQLite and PostgreSQL): create, list, revoke, authenticate, rotate the token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.access import keys
from app.access.keys import Access, create_key, list_keys, revoke_key
from app.errors import Conflict, Forbidden, InputError, NotFound, Unauthorized
from app.store import api_keys as store
from app.store.db import Database

BOOTSTRAP = "fhk_bootstrap-admin-key-0123456789"
START = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _access(db: Database, clock: Clock | None = None) -> Access:
    return Access(db=db, bootstrap_key=BOOTSTRAP, webhook_token="configured-webhook-token-0123", clock=clock or Clock())


async def test_a_created_key_is_kept_only_as_a_hash_and_shown_once(db: Database) -> None:
    record, secret = await create_key(db, name="newsreader", scope="read", now=START)
    assert secret.startswith("fhk_")
    assert len(secret) >= 40
    assert record.prefix == secret[:12]
    assert (record.name, record.scope, record.created_at, record.revoked_at) == ("newsreader", "read", START, None)
    rows = await db.read(store.list_keys)
    assert len(rows) == 1
    stored = " ".join(str(value) for value in rows[0])
    assert secret not in stored
    assert rows[0].secret_hash == keys.hash_secret(secret)


async def test_two_keys_get_different_secrets_and_a_name_is_taken_once(db: Database) -> None:
    _, first = await create_key(db, name="one", scope="read", now=START)
    _, second = await create_key(db, name="two", scope="admin", now=START)
    assert first != second
    await revoke_key(db, "one", now=START)
    with pytest.raises(Conflict):
        await create_key(db, name="one", scope="read", now=START)  # a revoked key keeps its name
    assert [record.name for record in await list_keys(db)] == ["one", "two"]


@pytest.mark.parametrize(("name", "scope"), [("bad name", "read"), ("ok", "write"), ("123", "read")])
async def test_a_bad_name_or_scope_is_refused(db: Database, name: str, scope: str) -> None:
    with pytest.raises(InputError):
        await create_key(db, name=name, scope=scope, now=START)
    assert await list_keys(db) == []


async def test_authenticate_knows_live_keys_and_the_bootstrap_key_only(db: Database) -> None:
    access = _access(db)
    _, secret = await create_key(db, name="reader", scope="read", now=START)
    principal = await access.authenticate(secret)
    assert principal is not None
    assert (principal.name, principal.scope) == ("reader", "read")
    bootstrap = await access.authenticate(BOOTSTRAP)
    assert bootstrap is not None
    assert (bootstrap.scope, bootstrap.key_id) == ("admin", None)
    for wrong in (None, "", secret[:-1], secret + "x", "fhk_" + "a" * 43, BOOTSTRAP.upper()):
        assert await access.authenticate(wrong) is None


async def test_a_revoked_key_is_refused_on_the_very_next_call(db: Database) -> None:
    access = _access(db)
    _, secret = await create_key(db, name="reader", scope="read", now=START)
    assert await access.authenticate(secret) is not None
    revoked = await revoke_key(db, "reader", now=START + timedelta(seconds=1))
    assert revoked.revoked_at == START + timedelta(seconds=1)
    assert await access.authenticate(secret) is None
    again = await revoke_key(db, str(revoked.id), now=START + timedelta(days=1))  # by id; the first time stays
    assert again.revoked_at == START + timedelta(seconds=1)
    with pytest.raises(NotFound):
        await revoke_key(db, "nobody", now=START)


async def test_require_tells_a_missing_key_from_a_key_without_the_scope(db: Database) -> None:
    access = _access(db)
    _, reader = await create_key(db, name="reader", scope="read", now=START)
    _, admin = await create_key(db, name="admin", scope="admin", now=START)
    assert (await access.require(reader, "read")).name == "reader"
    assert (await access.require(admin, "read")).name == "admin"
    assert (await access.require(admin, "admin")).name == "admin"
    with pytest.raises(Forbidden):
        await access.require(reader, "admin")
    with pytest.raises(Unauthorized):
        await access.require(None, "read")
    with pytest.raises(Unauthorized):
        await access.require("fhk_unknown", "read")


async def test_last_use_is_written_at_most_once_a_minute(db: Database) -> None:
    clock = Clock()
    access = _access(db, clock)
    record, secret = await create_key(db, name="reader", scope="read", now=START)
    assert record.last_used_at is None

    async def last_used() -> datetime | None:
        return next(key for key in await list_keys(db) if key.name == "reader").last_used_at

    await access.authenticate(secret)
    assert await last_used() == START
    clock.now = START + timedelta(seconds=59)
    for _ in range(20):
        await access.authenticate(secret)
    assert await last_used() == START  # a burst of reads is no burst of writes
    clock.now = START + timedelta(seconds=61)
    await access.authenticate(secret)
    assert await last_used() == START + timedelta(seconds=61)
    # Another process (a fresh Access) sees the stored time and does not write again within the minute.
    other = _access(db, clock)
    clock.now = START + timedelta(seconds=90)
    await other.authenticate(secret)
    assert await last_used() == START + timedelta(seconds=61)


async def test_a_rotated_webhook_token_overrides_the_configured_one_in_every_process(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    access, other = _access(db), _access(db)
    assert await access.webhook_token() == "configured-webhook-token-0123"
    assert await other.webhook_token() == "configured-webhook-token-0123"
    rotated = await access.rotate_webhook_token()
    assert rotated != "configured-webhook-token-0123"
    assert len(rotated) >= 32
    assert await access.webhook_token() == rotated  # at once in the process that rotated it
    monkeypatch.setattr(keys, "TOKEN_REFRESH_SECONDS", 0.0)  # the other process reads it at its next refresh
    assert await other.webhook_token() == rotated
    again = await keys.rotate_webhook_token(db, now=START)  # the CLI's path: straight to the store
    assert await other.webhook_token() == again != rotated
