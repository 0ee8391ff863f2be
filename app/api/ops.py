"""Operator routes: liveness, readiness, Prometheus metrics, and the offline API docs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import APIRouter, FastAPI, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.api.access import MetricsKeyDep
from app.api.deps import ReadinessDep, ServicesDep
from app.api.responses import problem
from app.ops.metrics import CONTENT_TYPE_LATEST

__all__ = ["install_docs", "router"]

router = APIRouter(tags=["operations"])


@router.get("/healthz", responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}})
async def healthz() -> dict[str, str]:
    """Alive: the process answers HTTP."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    responses={
        200: {"content": {"application/json": {"example": {"status": "ready", "database": "ok"}}}},
        503: problem("The database does not answer (problem+json)."),
    },
)
async def readyz(_: ReadinessDep) -> dict[str, str]:
    """Ready: the database answers a query through its schema (and a SQLite file is still the one open,
    with room to write)."""
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
        401: problem("FEEDHOOK_METRICS_KEY is set and was not sent (problem+json)."),
        403: problem("A read key, where the metrics key or an admin key is needed (problem+json)."),
    },
)
async def metrics(services: ServicesDep, _: MetricsKeyDep) -> Response:
    """Prometheus metrics: requests, items and polls by outcome, parse time, feeds in error, backlogs
    (FEEDHOOK_METRICS_KEY guards it)."""
    await services.refresh_store_figures()
    return Response(services.metrics.render(), media_type=CONTENT_TYPE_LATEST)


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
