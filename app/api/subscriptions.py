"""Subscriptions API (admin key): outbound webhook targets, and the deliveries and attempts made to them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from app.api.access import AdminDep
from app.api.deps import MAX_ID, SubscriptionsDep
from app.api.responses import problem
from app.api.schemas import NO_NUL
from app.clock import from_micros
from app.outputs.subscriptions import DeliveryView, SubscriptionRow

__all__ = [
    "AttemptOut",
    "DeliveryOut",
    "DeliveryPage",
    "SubscriptionCreate",
    "SubscriptionCreated",
    "SubscriptionFilters",
    "SubscriptionOut",
    "router",
]

ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {401: problem("Missing or wrong admin API key (problem+json).")}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: problem("No such subscription.")}
router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"], responses=ADMIN_ERRORS)

SubscriptionId = Annotated[int, Path(ge=1, le=MAX_ID)]

EXAMPLE_SUBSCRIPTION: dict[str, Any] = {
    "id": 3,
    "url": "https://hooks.example.com/feedhook",
    "filters": {"source": "Business Insider", "channels": ["feed"]},
    "active": True,
    "failure_count": 0,
    "disabled_reason": None,
    "created_at": "2021-02-25T21:00:00Z",
}
EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # noqa: S105 - the example of the Standard Webhooks spec
EXAMPLE_ATTEMPT: dict[str, Any] = {
    "attempted_at": "2021-02-25T21:15:04Z",
    "status_code": 500,
    "error": "HTTP 500 Internal Server Error",
    "duration_ms": 41,
}
EXAMPLE_DELIVERY: dict[str, Any] = {
    "id": 17,
    "item_id": 42,
    "event": "item.created",
    "webhook_id": "msg_2b4f0c9d7e8a4b1c9f3e5d6a7b8c9d0e",
    "status": "delivered",
    "next_attempt_at": None,
    "last_status_code": 200,
    "last_error": None,
    "created_at": "2021-02-25T21:15:03.120000Z",
    "delivered_at": "2021-02-25T21:15:40Z",
    "attempts": [EXAMPLE_ATTEMPT, {**EXAMPLE_ATTEMPT, "attempted_at": "2021-02-25T21:15:40Z", "status_code": 200}],
}


class SubscriptionFilters(BaseModel):
    """Which items a subscription receives; an absent filter lets every item through."""

    model_config = ConfigDict(extra="forbid")

    source: str | None = Field(
        default=None, max_length=500, pattern=NO_NUL, description="Only items of this source (exact)."
    )
    channels: list[Literal["webhook", "feed"]] | None = Field(
        default=None, min_length=1, description="Only items that came by one of these channels."
    )


class SubscriptionCreate(BaseModel):
    """A webhook target to register."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"url": EXAMPLE_SUBSCRIPTION["url"], "filters": {"source": "Business Insider"}}]
        },
    )

    url: HttpUrl
    filters: SubscriptionFilters | None = None


class SubscriptionOut(BaseModel):
    """A webhook target and its health."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_SUBSCRIPTION]})

    id: int
    url: str
    filters: SubscriptionFilters
    active: bool = Field(description="False once disabled: by a 410 Gone, or too many failed attempts in a row.")
    failure_count: int = Field(description="Failed attempts since the last success.")
    disabled_reason: str | None
    created_at: datetime


class SubscriptionCreated(SubscriptionOut):
    """A new subscription with its signing secret, which is shown only here."""

    model_config = ConfigDict(json_schema_extra={"examples": [{**EXAMPLE_SUBSCRIPTION, "secret": EXAMPLE_SECRET}]})

    secret: str = Field(description="Standard Webhooks signing secret: verify `webhook-signature` with it.")


class AttemptOut(BaseModel):
    """One POST of a delivery."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_ATTEMPT]})

    attempted_at: datetime
    status_code: int | None = Field(description="Null when no answer came (network error, timeout).")
    error: str | None
    duration_ms: int


class DeliveryOut(BaseModel):
    """One item event for one subscription, with every attempt made to deliver it."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_DELIVERY]})

    id: int
    item_id: int
    event: Literal["item.created", "item.updated"]
    webhook_id: str = Field(description="The `webhook-id` header: the same on every attempt.")
    status: Literal["pending", "failed", "delivered", "dead"] = Field(
        description="`failed`: the last attempt failed and a retry is due at `next_attempt_at`; `dead`: given up."
    )
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    attempts: list[AttemptOut]


class DeliveryPage(BaseModel):
    """Deliveries newest first; pass `next_before` back as `before` for the next page."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"deliveries": [EXAMPLE_DELIVERY], "next_before": 17}]})

    deliveries: list[DeliveryOut]
    next_before: int | None = Field(description="Null on the last page.")


def _instant(micros: int | None) -> datetime | None:
    return None if micros is None else from_micros(micros)


def _subscription(row: SubscriptionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "url": row.url,
        "filters": SubscriptionFilters(**orjson.loads(row.filters)),
        "active": bool(row.active),
        "failure_count": row.failure_count,
        "disabled_reason": row.disabled_reason,
        "created_at": from_micros(row.created_at),
    }


def _delivery(view: DeliveryView) -> DeliveryOut:
    row = view.delivery
    attempts = [
        AttemptOut(
            attempted_at=from_micros(a.attempted_at),
            status_code=a.status_code,
            error=a.error,
            duration_ms=a.duration_ms,
        )
        for a in view.attempts
    ]
    return DeliveryOut(
        id=row.id,
        item_id=row.item_id,
        event=row.event,
        webhook_id=row.webhook_id,
        status=row.status,
        next_attempt_at=_instant(row.next_attempt_at),
        last_status_code=row.last_status_code,
        last_error=row.last_error,
        created_at=from_micros(row.created_at),
        delivered_at=_instant(row.delivered_at),
        attempts=attempts,
    )


@router.post(
    "",
    status_code=201,
    response_model=SubscriptionCreated,
    responses={422: problem("Invalid URL or filters, or URL refused by the outbound-URL guard.")},
)
async def create_subscription(
    body: SubscriptionCreate, subscriptions: SubscriptionsDep, _: AdminDep
) -> SubscriptionCreated:
    """Subscribe a URL to new and updated items; the answer carries the signing secret, shown only once."""
    filters = body.filters.model_dump(exclude_none=True) if body.filters else {}
    made = await subscriptions.subscribe(str(body.url), filters=filters)
    return SubscriptionCreated(**_subscription(made.row), secret=made.secret)


@router.get("", response_model=list[SubscriptionOut])
async def read_subscriptions(subscriptions: SubscriptionsDep, _: AdminDep) -> list[SubscriptionOut]:
    """Every subscription with its health (secrets are not shown)."""
    return [SubscriptionOut(**_subscription(row)) for row in await subscriptions.all()]


@router.get("/{subscription_id}", response_model=SubscriptionOut, responses=NOT_FOUND)
async def read_subscription(
    subscription_id: SubscriptionId, subscriptions: SubscriptionsDep, _: AdminDep
) -> SubscriptionOut:
    """One subscription with its health."""
    return SubscriptionOut(**_subscription(await subscriptions.get(subscription_id)))


@router.delete("/{subscription_id}", status_code=204, responses=NOT_FOUND)
async def remove_subscription(
    subscription_id: SubscriptionId, subscriptions: SubscriptionsDep, _: AdminDep
) -> Response:
    """Unsubscribe: pending deliveries are dropped along with the delivery history."""
    await subscriptions.unsubscribe(subscription_id)
    return Response(status_code=204)


@router.get("/{subscription_id}/deliveries", response_model=DeliveryPage, responses=NOT_FOUND)
async def read_deliveries(
    subscription_id: SubscriptionId,
    subscriptions: SubscriptionsDep,
    _: AdminDep,
    limit: Annotated[int, Query(ge=1, le=200, description="Deliveries per page.")] = 50,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID, description="`next_before` of the previous page.")] = None,
) -> DeliveryPage:
    """A subscription's deliveries, newest first, each with its attempts."""
    page, next_before = await subscriptions.deliveries(subscription_id, limit=limit, before_id=before)
    return DeliveryPage(deliveries=[_delivery(view) for view in page], next_before=next_before)
