"""Webhook subscriptions: subscribe (after the guard's check), read, unsubscribe, and read the deliveries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.clock import to_micros
from app.errors import NotFound
from app.net.guard import OutboundGuard
from app.outputs.webhooks import new_secret
from app.store.db import Database
from app.store.deliveries import DeliveryView, list_deliveries
from app.store.subscription_actions import queue_test_event, reactivate_subscription
from app.store.subscriptions import add_subscription, delete_subscription, get_subscription, list_subscriptions
from app.store.tables import AnyRow

__all__ = ["DeliveryView", "NewSubscription", "SubscriptionRegistry", "SubscriptionRow"]

SubscriptionRow = AnyRow
"""A stored subscription as the registry reads it."""


@dataclass(frozen=True, slots=True)
class NewSubscription:
    """A subscription just made, with its signing secret: the only time the secret is shown."""

    row: AnyRow
    secret: str


class SubscriptionRegistry:
    """The webhook targets, with the guard's check on every URL."""

    def __init__(self, *, db: Database, guard: OutboundGuard, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._guard = guard
        self._clock = clock

    async def subscribe(self, url: str, *, filters: dict[str, Any]) -> NewSubscription:
        """Subscribe a URL to new and updated items, with a fresh signing secret."""
        await self._guard.check_url(url)
        secret = new_secret()
        subscription_id = await self._db.write(
            add_subscription(url=url, secret=secret, filters=filters, now=to_micros(self._clock()))
        )
        return NewSubscription(await self.get(subscription_id), secret)

    async def get(self, subscription_id: int) -> AnyRow:
        row = await self._db.read(get_subscription, subscription_id)
        if row is None:
            raise NotFound(f"no subscription with id {subscription_id}")
        return row

    async def all(self) -> Sequence[AnyRow]:
        return await self._db.read(list_subscriptions)

    async def unsubscribe(self, subscription_id: int) -> None:
        """Pending deliveries are dropped along with the delivery history."""
        await self._db.write(delete_subscription(subscription_id))

    async def deliveries(
        self, subscription_id: int, *, limit: int, before_id: int | None
    ) -> tuple[list[DeliveryView], int | None]:
        """A page of a subscription's deliveries, newest first, and the `before` of the next page."""
        await self.get(subscription_id)
        views = await self._db.read(
            list_deliveries, subscription_id=subscription_id, limit=limit + 1, before_id=before_id
        )
        page = views[:limit]
        return page, page[-1].delivery.id if len(views) > limit else None

    async def latest_deliveries(self, subscription_id: int, *, limit: int) -> Sequence[DeliveryView]:
        """The subscription's newest `limit` deliveries, each with all its attempts (no lookup of the row first)."""
        return await self._db.read(list_deliveries, subscription_id=subscription_id, limit=limit)

    async def reactivate(self, subscription_id: int) -> None:
        """Enable a disabled subscription again; its secret is kept (NotFound when there is none)."""
        await self._db.write(reactivate_subscription(subscription_id))

    async def send_test_event(self, subscription_id: int) -> str:
        """Queue a test event to the subscription; the id of the webhook event queued."""
        return await self._db.write(queue_test_event(subscription_id, now=to_micros(self._clock())))
