"""Console subscriptions: each webhook target with its deliveries and every attempt; re-enable, test event."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from app.api.deps import MAX_ID
from app.clock import to_micros
from app.store.deliveries import list_deliveries
from app.store.subscription_actions import queue_test_event, reactivate_subscription
from app.store.subscriptions import list_subscriptions
from app.ui.web import ConsoleDep, form_of, redirect, render

__all__ = ["router"]

router = APIRouter(prefix="/ui/subscriptions", include_in_schema=False)
DELIVERIES_SHOWN = 20
SubscriptionId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("")
async def subscriptions_page(request: Request, console: ConsoleDep) -> Response:
    """Every subscription with its latest deliveries, each with all its attempts."""
    db = console.services.db
    rows = await db.read(list_subscriptions)
    deliveries = {
        row.id: await db.read(list_deliveries, subscription_id=row.id, limit=DELIVERIES_SHOWN) for row in rows
    }
    return render(request, "subscriptions.html", console.session, subscriptions=rows, deliveries=deliveries)


@router.post("/{subscription_id}/enable")
async def enable(request: Request, subscription_id: SubscriptionId, console: ConsoleDep) -> Response:
    """Re-enable a disabled subscription; its secret is kept, so the receiver changes nothing."""
    await form_of(request, console.session)
    await console.services.db.write(reactivate_subscription(subscription_id))
    console.services.wake(deliveries=True)
    return redirect("/ui/subscriptions", f"Subscription {subscription_id} enabled again.")


@router.post("/{subscription_id}/test")
async def send_test(request: Request, subscription_id: SubscriptionId, console: ConsoleDep) -> Response:
    """Queue a test event to the subscription; the delivery worker sends it at once."""
    await form_of(request, console.session)
    services = console.services
    webhook_id = await services.db.write(queue_test_event(subscription_id, now=to_micros(services.clock())))
    services.wake(deliveries=True)
    note = f"Test event {webhook_id} queued for subscription {subscription_id}."
    return redirect("/ui/subscriptions", note)
