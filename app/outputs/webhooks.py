"""Outbound webhooks: Standard Webhooks signing, and the worker that claims due deliveries → POST → record.

Each attempt is signed afresh (``webhook-timestamp`` is the attempt's time) over the delivery's frozen body
under its stable ``webhook-id``; 2xx is delivered, 410 disables the subscription, anything else is retried
with capped exponential backoff and jitter (Retry-After honoured on 429/503) until the attempts run out.
Claims are leases (store/subscriptions.py): any number of workers can share one database.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx

from app.clock import to_micros, utcnow
from app.errors import BlockedURL
from app.net.guard import validate_url
from app.net.headers import retry_after_seconds
from app.net.retry import backoff
from app.store.db import Database
from app.store.deliveries import (
    Attempt,
    ClaimedDelivery,
    Verdict,
    claim_due_deliveries,
    next_due_at,
    prune_deliveries,
    record_attempt,
    release_deliveries,
)

__all__ = [
    "SECRET_PREFIX",
    "DeliveryOutcome",
    "DeliverySettings",
    "DeliveryWorker",
    "new_secret",
    "sign",
    "webhook_headers",
]

log = logging.getLogger("app.outputs.webhooks")

SECRET_PREFIX = "whsec_"  # noqa: S105 - the public prefix of Standard Webhooks secrets, not a secret
PRUNE_BATCH = 1000


def new_secret() -> str:
    """A signing secret as Standard Webhooks writes them: ``whsec_`` and a base64 key of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,`` and the base64 HMAC-SHA256 of ``{id}.{timestamp}.{body}`` under the secret's key."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def webhook_headers(secret: str, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The request headers of one attempt."""
    return {
        "Content-Type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
    }


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """How one worker sends: retry policy, deadline, lease and batch sizes (main.py builds it from Settings)."""

    owner: str
    max_attempts: int = 10
    """Attempts per delivery before it is dead (M)."""
    failure_limit: int = 50
    """Consecutive failed attempts (any delivery) that disable a subscription (N)."""
    retry_base: timedelta = timedelta(seconds=30)
    retry_max: timedelta = timedelta(hours=6)
    deadline_seconds: float = 10.0
    """Whole-attempt deadline: connect, send and the response head."""
    lease: timedelta = timedelta(seconds=60)
    claim_batch: int = 16
    concurrency: int = 16
    """Attempts in flight at once; a finished one frees its slot for the next due delivery at once."""
    per_subscription: int = 2
    """Attempts in flight at once for one subscription: a slow endpoint holds at most this many slots."""
    slow_seconds: float = 5.0
    """An attempt that took longer is slow (answered or not)."""
    slow_flag_after: int = 5
    """Consecutive slow attempts after which an endpoint is flagged persistently slow (a warning, and listed
    in DeliveryWorker.slow_subscriptions)."""
    idle_seconds: float = 15.0
    """Longest sleep when nothing is due (a saved item wakes the worker at once)."""
    min_sleep_seconds: float = 0.5
    retention: timedelta = timedelta(days=30)
    """How long a delivered delivery (its attempts and payload) is kept before the worker prunes it."""
    prune_every: timedelta = timedelta(hours=1)

    def __post_init__(self) -> None:
        # A claimed delivery starts at once (claims never exceed the free slots); the lease must outlive
        # its attempt, or another worker could take it while it is still being sent.
        if self.lease.total_seconds() <= self.deadline_seconds:
            raise ValueError("the lease must outlast an attempt: raise lease or lower deadline_seconds")
        if self.concurrency < 1 or self.per_subscription < 1:
            raise ValueError("concurrency and per_subscription must be at least 1")
        if self.max_attempts < 1 or self.failure_limit < 1:
            raise ValueError("max_attempts and failure_limit must be at least 1")


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """What one attempt did, as `run_once` reports it."""

    delivery_id: int
    webhook_id: str
    status: str | None
    """The delivery's status after the attempt; None when the lease was lost (nothing recorded)."""
    status_code: int | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Response:
    status_code: int | None
    headers: httpx.Headers
    error: str | None


class DeliveryWorker:
    """Sends due deliveries; one instance per process, sharing the app's database and guarded client."""

    def __init__(
        self,
        *,
        db: Database,
        client: httpx.AsyncClient,
        settings: DeliverySettings,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.client = client
        self.settings = settings
        self.clock = clock
        self.rng = rng or random.Random()
        self._wake = asyncio.Event()
        self._lease_micros = int(settings.lease.total_seconds() * 1_000_000)
        self._next_prune = self.clock()
        self._in_flight: dict[int, int] = {}  # subscription id -> attempts running
        self._slow_streak: dict[int, int] = {}
        self.slow_subscriptions: set[int] = set()
        """Subscriptions whose last `slow_flag_after` attempts were all slow; one fast attempt clears it."""

    def wake(self) -> None:
        """Look for due deliveries now (an item was saved)."""
        self._wake.set()

    async def run_forever(self, stop: asyncio.Event) -> None:
        log.info("delivery worker started", extra={"fh_owner": self.settings.owner})
        while not stop.is_set():
            # Cleared before the pass, so a wake that arrives during it starts the next one at once.
            self._wake.clear()
            try:
                await self.run_once()
                delay = await self._idle_delay()
            except Exception:  # the database was unavailable, say: log, wait, try again; never die
                log.exception("delivery pass failed")
                delay = self.settings.idle_seconds
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
            await asyncio.wait(waiters, timeout=delay, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()
        log.info("delivery worker stopped", extra={"fh_owner": self.settings.owner})

    async def prune(self) -> int:
        """Delete what was delivered longer than the retention ago; how many deliveries went."""
        before = to_micros(self.clock() - self.settings.retention)
        total = 0
        while True:  # in batches: one transaction never holds the writer long
            pruned: int = await self.db.write(prune_deliveries(delivered_before=before, limit=PRUNE_BATCH))
            total += pruned
            if pruned < PRUNE_BATCH:
                return total

    async def run_once(self) -> list[DeliveryOutcome]:
        """Attempt every delivery due now, each once, keeping up to `concurrency` attempts in flight.

        A slot is refilled as soon as its attempt ends (before, a batch was awaited whole: one endpoint
        answering after 8 s held back every other subscription's deliveries), and a subscription with
        `per_subscription` attempts running gets no more until one ends.

        Every `prune_every`, delivered deliveries older than the retention are pruned first.
        """
        if self.clock() >= self._next_prune:
            self._next_prune = self.clock() + self.settings.prune_every
            pruned = await self.prune()
            if pruned:
                log.info("deliveries pruned", extra={"fh_count": pruned})
        outcomes: list[DeliveryOutcome] = []
        running: set[asyncio.Task[DeliveryOutcome]] = set()
        try:
            while True:
                free = self.settings.concurrency - len(running)
                claimed: list[ClaimedDelivery] = []
                if free > 0:
                    full = [sub for sub, count in self._in_flight.items() if count >= self.settings.per_subscription]
                    claimed = await self.db.write(
                        claim_due_deliveries(
                            owner=self.settings.owner,
                            now=to_micros(self.clock()),
                            lease_micros=self._lease_micros,
                            limit=min(free, self.settings.claim_batch),
                            skip_subscriptions=full,
                        )
                    )
                started, over_cap = self._within_cap(claimed)
                if over_cap:
                    await self.db.write(release_deliveries([d.id for d in over_cap], owner=self.settings.owner))
                for delivery in started:
                    self._in_flight[delivery.subscription_id] = self._in_flight.get(delivery.subscription_id, 0) + 1
                    running.add(asyncio.create_task(self._deliver_counted(delivery)))
                if claimed and len(running) < self.settings.concurrency:
                    continue  # slots left, and other subscriptions may have deliveries due: claim again now
                if not running:
                    return outcomes
                done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                outcomes += [task.result() for task in done]
        finally:
            for task in running:  # cancelled (shutdown): their leases run out and they are retried
                task.cancel()

    def _within_cap(self, claimed: list[ClaimedDelivery]) -> tuple[list[ClaimedDelivery], list[ClaimedDelivery]]:
        """The claimed deliveries to start (at most `per_subscription` in flight per subscription) and the
        rest, which a claim of several of one subscription's deliveries returns, to give back."""
        counts = dict(self._in_flight)
        kept: list[ClaimedDelivery] = []
        over: list[ClaimedDelivery] = []
        for delivery in claimed:
            if counts.get(delivery.subscription_id, 0) < self.settings.per_subscription:
                counts[delivery.subscription_id] = counts.get(delivery.subscription_id, 0) + 1
                kept.append(delivery)
            else:
                over.append(delivery)
        return kept, over

    async def _deliver_counted(self, delivery: ClaimedDelivery) -> DeliveryOutcome:
        try:
            return await self._deliver_limited(delivery)
        finally:
            left = self._in_flight.get(delivery.subscription_id, 1) - 1
            if left > 0:
                self._in_flight[delivery.subscription_id] = left
            else:
                self._in_flight.pop(delivery.subscription_id, None)

    async def _idle_delay(self) -> float:
        due = await self.db.read(next_due_at)
        if due is None:
            return self.settings.idle_seconds
        wait = (due - to_micros(self.clock())) / 1_000_000
        return min(self.settings.idle_seconds, max(self.settings.min_sleep_seconds, wait))

    async def _deliver_limited(self, delivery: ClaimedDelivery) -> DeliveryOutcome:
        try:
            return await self.deliver(delivery)
        except Exception:  # a bug or an outage costs one attempt's record; the lease runs out and it is retried
            log.exception("delivery failed", extra={"fh_delivery_id": delivery.id})
            return DeliveryOutcome(delivery.id, delivery.webhook_id, None, error="internal error")

    def _note_duration(self, subscription_id: int, seconds: float) -> None:
        """Count consecutive slow attempts per subscription; flag (and log, once) a persistently slow one."""
        if seconds < self.settings.slow_seconds:
            self._slow_streak.pop(subscription_id, None)
            self.slow_subscriptions.discard(subscription_id)
            return
        streak = self._slow_streak[subscription_id] = self._slow_streak.get(subscription_id, 0) + 1
        if streak >= self.settings.slow_flag_after and subscription_id not in self.slow_subscriptions:
            self.slow_subscriptions.add(subscription_id)
            log.warning(
                "subscription endpoint persistently slow",
                extra={"fh_subscription_id": subscription_id, "fh_slow_attempts": streak},
            )

    async def deliver(self, delivery: ClaimedDelivery) -> DeliveryOutcome:
        """The recipe for one claimed delivery: sign → POST → verdict → record."""
        started = self.clock()
        began = time.monotonic()
        answer = await self._post(delivery, timestamp=int(started.timestamp()))
        duration_ms = int((time.monotonic() - began) * 1000)
        self._note_duration(delivery.subscription_id, duration_ms / 1000)
        verdict, next_attempt_at = self._judge(delivery, answer)
        attempt = Attempt(
            delivery_id=delivery.id,
            attempted_at=to_micros(started),
            duration_ms=duration_ms,
            status_code=answer.status_code,
            error=answer.error,
            verdict=verdict,
            next_attempt_at=next_attempt_at,
        )
        status = await self.db.write(
            record_attempt(attempt, owner=self.settings.owner, failure_limit=self.settings.failure_limit)
        )
        log.info(
            "delivery attempted",
            extra={
                "fh_delivery_id": delivery.id,
                "fh_subscription_id": delivery.subscription_id,
                "fh_http_status": answer.status_code,
                "fh_error": answer.error,
                "fh_outcome": status,
            },
        )
        return DeliveryOutcome(delivery.id, delivery.webhook_id, status, answer.status_code, answer.error)

    def _judge(self, delivery: ClaimedDelivery, answer: _Response) -> tuple[Verdict, int | None]:
        code = answer.status_code
        if code is not None and 200 <= code < 300:
            return "delivered", None
        if code == 410:  # Standard Webhooks: the receiver asks us to stop sending to this endpoint
            return "gone", None
        if delivery.attempts + 1 >= self.settings.max_attempts:
            return "give_up", None
        now = self.clock()
        hint = retry_after_seconds(code, answer.headers, now) if code is not None else None
        due = backoff(
            now=now,
            error_count=delivery.attempts + 1,
            base=self.settings.retry_base,
            max_interval=self.settings.retry_max,
            rng=self.rng,
            retry_after=None if hint is None else timedelta(seconds=hint),
        )
        return "retry", to_micros(due)

    async def _post(self, delivery: ClaimedDelivery, *, timestamp: int) -> _Response:
        """POST once; network trouble, the guard and the deadline come back as an error, never raised."""
        headers = webhook_headers(delivery.secret, delivery.webhook_id, timestamp, delivery.payload)
        deadline = self.settings.deadline_seconds
        try:
            url = validate_url(delivery.url)
            # One deadline over connect, send and the response head: httpx's timeouts are per operation.
            # (No per-host slot as the poller takes: waiting for one could outlast the lease.)
            async with asyncio.timeout(deadline):
                request = self.client.build_request("POST", url, content=delivery.payload, headers=headers)
                response = await self.client.send(request, stream=True)
                # The body is not needed: the status says it all, and a large one must not be read.
                await response.aclose()
        except TimeoutError:
            return _Response(None, httpx.Headers(), f"timed out: no answer within {deadline:g} s")
        except BlockedURL as exc:
            return _Response(None, httpx.Headers(), f"blocked: {exc.detail}")
        except httpx.HTTPError as exc:
            return _Response(None, httpx.Headers(), f"{type(exc).__name__}: {exc}"[:300])
        code = response.status_code
        error = None if 200 <= code < 300 else f"HTTP {code} {response.reason_phrase}".strip()
        if 300 <= code < 400:
            error = f"{error} (redirects are not followed)"
        return _Response(code, response.headers, error)
