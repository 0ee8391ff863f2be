"""Operator routes: liveness, readiness, Prometheus metrics, and the offline API docs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.api.access import MetricsDep
from app.api.deps import RuntimeDep
from app.clock import to_micros
from app.ops.metrics import CONTENT_TYPE_LATEST
from app.store.overview import backlog, feeds_in_error

__all__ = ["install_docs", "router"]

router = APIRouter(tags=["operations"])

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}


@router.get("/healthz", responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}})
async def healthz() -> dict[str, str]:
    """Alive: the process answers HTTP."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    responses={
        200: {"content": {"application/json": {"example": {"status": "ready", "database": "ok"}}}},
        503: {"description": "The database does not answer (problem+json).", **PROBLEM},
    },
)
async def readyz(runtime: RuntimeDep) -> dict[str, str]:
    """Ready: the database answers a query through its schema (and a SQLite file is still the one open,
    with room to write)."""
    await runtime.db.check_ready()
    return {"status": "ready", "database": "ok"}


METRICS_EXAMPLE = (
    "# HELP feedhook_items_total Items ingested, by outcome: created, duplicate, updated, quarantined.\n"
    "# TYPE feedhook_items_total counter\n"
    'feedhook_items_total{channel="webhook",outcome="created"} 42.0\n'
)


@router.get(
    "/metrics",
    response_class=Response,
    responses={
        200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}, "example": METRICS_EXAMPLE}}},
        401: {"description": "FEEDHOOK_METRICS_KEY is set and was not sent (problem+json).", **PROBLEM},
        403: {"description": "A read key, where the metrics key or an admin key is needed (problem+json).", **PROBLEM},
    },
)
async def metrics(runtime: RuntimeDep, _: MetricsDep) -> Response:
    """Prometheus metrics: requests, items and polls by outcome, parse time, feeds in error, backlogs
    (FEEDHOOK_METRICS_KEY guards it)."""
    state = runtime.metrics.store_state
    waiting = await runtime.db.read(backlog)
    state.feed_streaks = {row.id: row.error_count for row in await runtime.db.read(feeds_in_error)}
    state.quarantined, state.deliveries_pending = waiting.quarantined, waiting.deliveries_pending
    oldest = waiting.oldest_pending_at
    state.oldest_delivery_age_seconds = 0.0 if oldest is None else max(0.0, to_micros(runtime.clock()) - oldest) / 1e6
    return Response(runtime.metrics.render(), media_type=CONTENT_TYPE_LATEST)


def _docs_assets() -> Path:
    # fastapi-offline ships Swagger UI 5 (which renders OpenAPI 3.1); we only use its files.
    spec = importlib.util.find_spec("fastapi_offline")
    assert spec is not None
    assert spec.origin is not None
    return Path(spec.origin).parent / "static"


def install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs, its assets served by the service itself: works with no network."""
    app.mount("/docs/assets", StaticFiles(directory=str(_docs_assets())), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="feedhook API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon.png",
        )
