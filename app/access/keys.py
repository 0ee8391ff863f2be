"""Key use cases: create (the secret shown once), list, revoke, authenticate; the webhook token's rotation.

A key is ``fhk_`` and 256 random bits; only its SHA-256 is stored. A slow password hash buys nothing for a
secret nobody can guess, and a fast one keeps every authenticated read one indexed lookup. The configured
FEEDHOOK_API_KEY is the bootstrap admin key and lives in no table. Revocation takes effect on the next
request (every request looks its key up), so keys rotate without a restart; so does the webhook token, kept
in ``service_secrets`` once rotated and read again by every process within TOKEN_REFRESH_SECONDS.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from app.access.scopes import SCOPES, Principal, Scope, allows, key_name_problem
from app.clock import from_micros, to_micros, utcnow
from app.errors import Conflict, Forbidden, InputError, NotFound, Unauthorized, Unavailable
from app.store import api_keys as store
from app.store.db import Database
from app.store.tables import AnyRow

__all__ = [
    "KEY_PREFIX",
    "LAST_USED_EVERY_MICROS",
    "TOKEN_REFRESH_SECONDS",
    "Access",
    "KeyRecord",
    "create_key",
    "hash_secret",
    "keys_out",
    "list_keys",
    "new_webhook_token",
    "revoke_key",
    "rotate_webhook_token",
    "stored_webhook_token",
]

log = logging.getLogger("app.access")

KEY_PREFIX = "fhk_"
DISPLAY_CHARS = 12
"""How much of a key a listing shows (``fhk_`` and 8 characters, 48 bits: enough to tell keys apart)."""
LAST_USED_EVERY_MICROS = 60_000_000
"""A key's last-used time is written at most once a minute: a burst of reads costs no burst of writes."""
TOKEN_REFRESH_SECONDS = 5.0
"""How often a process reads the webhook token again (a rotation by another process or the CLI)."""
WEBHOOK_TOKEN = "webhook_token"  # noqa: S105 (the row name in service_secrets, not a secret)


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """A stored key as listings show it: never its secret."""

    id: int
    name: str
    scope: Scope
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_row(cls, row: AnyRow) -> KeyRecord:
        return cls(
            id=row.id,
            name=row.name,
            scope=row.scope,
            prefix=row.prefix,
            created_at=from_micros(row.created_at),
            last_used_at=None if row.last_used_at is None else from_micros(row.last_used_at),
            revoked_at=None if row.revoked_at is None else from_micros(row.revoked_at),
        )


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def new_webhook_token() -> str:
    return secrets.token_urlsafe(24)


async def create_key(db: Database, *, name: str, scope: str, now: datetime) -> tuple[KeyRecord, str]:
    """A new key and its secret, which is shown this once and never stored."""
    if (problem := key_name_problem(name)) is not None:
        raise InputError(problem)
    if scope not in SCOPES:
        raise InputError(f"unknown scope {scope!r}: use one of {', '.join(SCOPES)}")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key_id = await db.write(
        store.insert_key(
            name=name,
            scope=scope,
            prefix=secret[:DISPLAY_CHARS],
            secret_hash=hash_secret(secret),
            created_at=to_micros(now),
        )
    )
    if key_id is None:
        raise Conflict(f"a key named {name!r} exists already (revoked keys keep their names): choose another name")
    row = await db.read(store.find_key, str(name))
    assert row is not None
    return KeyRecord.from_row(row), secret


async def list_keys(db: Database) -> list[KeyRecord]:
    return [KeyRecord.from_row(row) for row in await db.read(store.list_keys)]


async def revoke_key(db: Database, name_or_id: str, *, now: datetime) -> KeyRecord:
    """Revoke a key by name or id; it is refused from the next request on. Revoking twice is harmless."""
    row = await db.read(store.find_key, name_or_id)
    if row is None:
        raise NotFound(f"no key named {name_or_id!r} (`feedhook keys list` shows them)")
    await db.write(store.revoke_key(row.id, at=to_micros(now)))
    revoked = await db.read(store.find_key, str(row.id))
    assert revoked is not None
    return KeyRecord.from_row(revoked)


async def rotate_webhook_token(db: Database, *, now: datetime) -> str:
    """A new webhook token, stored so that it overrides FEEDHOOK_WEBHOOK_TOKEN; the old one stops working."""
    token = new_webhook_token()
    await db.write(store.write_secret(WEBHOOK_TOKEN, token, at=to_micros(now)))
    return token


async def stored_webhook_token(db: Database) -> str | None:
    """The rotated webhook token, or None while the configured (or generated) one is in force."""
    return await db.read(store.read_secret, WEBHOOK_TOKEN)


class Access:
    """The access decisions of one serving process: keys, public reads, the metrics key, the webhook token."""

    def __init__(
        self,
        *,
        db: Database,
        bootstrap_key: str,
        webhook_token: str,
        public_reads: bool = False,
        metrics_key: str | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.public_reads = public_reads
        self.metrics_key = metrics_key
        self.clock = clock
        self._bootstrap_key = bootstrap_key
        self._configured_token = webhook_token
        self._token = webhook_token
        self._token_read_at = float("-inf")
        self._marked: dict[int, int] = {}

    async def authenticate(self, secret: str | None) -> Principal | None:
        """The principal a presented key stands for, or None when it is unknown or revoked."""
        if not secret:
            return None
        if hmac.compare_digest(secret.encode("utf-8", "surrogatepass"), self._bootstrap_key.encode("utf-8")):
            return Principal(name="FEEDHOOK_API_KEY", scope="admin")
        if not secret.startswith(KEY_PREFIX) or len(secret) > 200:
            return None
        digest = hash_secret(secret)
        row = await self.db.read_quick(store.find_key_by_hash, digest)
        # The lookup found the row by this digest; comparing again in constant time costs nothing and keeps the
        # decision independent of how the index compared strings.
        if row is None or not hmac.compare_digest(row.secret_hash, digest) or row.revoked_at is not None:
            return None
        await self._mark_used(row)
        return Principal(name=row.name, scope=row.scope, key_id=row.id)

    async def is_live(self, key_id: int) -> bool:
        """Whether the stored key `key_id` still exists and is not revoked (a console session asks each time)."""
        row = await self.db.read_quick(store.key_by_id, key_id)
        return row is not None and row.revoked_at is None

    async def require(self, secret: str | None, needed: Scope) -> Principal:
        """The principal behind ``secret`` when it may do what needs ``needed``; Unauthorized or Forbidden."""
        principal = await self.authenticate(secret)
        if principal is None:
            how = "a read or admin key" if needed == "read" else "an admin key"
            if secret:
                raise Unauthorized(f"this key is unknown or revoked: send {how} as 'Authorization: Bearer <key>'")
            raise Unauthorized(f"send {how} as 'Authorization: Bearer <key>' (`feedhook keys create` makes one)")
        if not allows(principal.scope, needed):
            raise Forbidden(f"the key {principal.name!r} has scope {principal.scope!r}; this needs {needed!r}")
        return principal

    def matches_metrics_key(self, secret: str) -> bool:
        expected = self.metrics_key
        return expected is not None and hmac.compare_digest(secret.encode("utf-8", "surrogatepass"), expected.encode())

    async def _mark_used(self, row: AnyRow) -> None:
        now = to_micros(self.clock())
        last = max(row.last_used_at or 0, self._marked.get(row.id, 0))
        if now - last < LAST_USED_EVERY_MICROS:
            return
        self._marked[row.id] = now
        # A busy store must not turn an authenticated read into a 503: the last-used time is a hint.
        with contextlib.suppress(Unavailable):
            await self.db.write(store.mark_used(row.id, at=now))

    async def webhook_token(self) -> str:
        """The webhook token in force: a rotated one from the store, else the configured (or generated) one."""
        if time.monotonic() - self._token_read_at >= TOKEN_REFRESH_SECONDS:
            try:
                stored = await self.db.read_quick(store.read_secret, WEBHOOK_TOKEN)
            except Unavailable:
                return self._token  # the last one known: a busy store does not lock IFTTT out
            self._token = stored or self._configured_token
            self._token_read_at = time.monotonic()
        return self._token

    async def rotate_webhook_token(self) -> str:
        token = await rotate_webhook_token(self.db, now=self.clock())
        self._token, self._token_read_at = token, time.monotonic()
        log.warning("webhook token rotated: IFTTT applets need the new one (`feedhook ifttt` shows it)")
        return token


def keys_out(records: Sequence[KeyRecord]) -> list[dict[str, object]]:
    """Records as JSON-ready dicts (the CLI's --json)."""
    return [
        {
            "id": record.id,
            "name": record.name,
            "scope": record.scope,
            "prefix": record.prefix,
            "created_at": record.created_at.isoformat(),
            "last_used_at": record.last_used_at.isoformat() if record.last_used_at else None,
            "revoked_at": record.revoked_at.isoformat() if record.revoked_at else None,
        }
        for record in records
    ]
