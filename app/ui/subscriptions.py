"""Console subscriptions: each webhook target with its deliveries and every attempt; re-enable, test event."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from app.api.deps import MAX_ID
from app.ui.web import ConsoleDep, form_of, redirect, render

__all__ = ["router"]

router = APIRouter(prefix="/ui/subscriptions", include_in_schema=False)
DELIVERIES_SHOWN = 20
SubscriptionId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("")
async def subscriptions_page(request: Request, console: ConsoleDep) -> Response:
    """Every subscription with its latest deliveries, each with all its attempts."""
    registry = console.services.subscriptions
    rows = await registry.all()
    deliveries = {row.id: await registry.latest_deliveries(row.id, limit=DELIVERIES_SHOWN) for row in rows}
    return render(request, "subscriptions.html", console.session, subscriptions=rows, deliveries=deliveries)


@router.post("/{subscription_id}/enable")
async def enable(request: Request, subscription_id: SubscriptionId, console: ConsoleDep) -> Response:
    """Re-enable a disabled subscription; its secret is kept, so the receiver changes nothing."""
    await form_of(request, console.session)
    await console.services.subscriptions.reactivate(subscription_id)
    console.services.wake(deliveries=True)
    return redirect("/ui/subscriptions", f"Subscription {subscription_id} enabled again.")


@router.post("/{subscription_id}/test")
async def send_test(request: Request, subscription_id: SubscriptionId, console: ConsoleDep) -> Response:
    """Queue a test event to the subscription; the delivery worker sends it at once."""
    await form_of(request, console.session)
    services = console.services
    webhook_id = await services.subscriptions.send_test_event(subscription_id)
    services.wake(deliveries=True)
    note = f"Test event {webhook_id} queued for subscription {subscription_id}."
    return redirect("/ui/subscriptions", note)
