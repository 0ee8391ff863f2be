"""The application factory: routes and middleware; the lifespan opens the services (app.services) and workers."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import __version__
from app.api import feeds, items, keys, ops, outputs, subscriptions, webhooks
from app.api.problems import install_problem_handlers, install_problem_openapi
from app.config import Settings, ensure_secrets
from app.net.guard import Resolver
from app.ops.metrics import Metrics, MetricsMiddleware
from app.services import open_services, run_workers
from app.ui import install_console

__all__ = ["create_app"]

DESCRIPTION = """
feedhook ingests news from IFTTT webhooks and RSS/Atom feeds, cleans every item into a typed record
(headline, bullets, body paragraphs, source name and link) and serves it.

Errors are RFC 9457 `application/problem+json` documents.
"""


def create_app(settings: Settings | None = None, *, resolver: Resolver | None = None) -> FastAPI:
    """Build the app; nothing connects until the lifespan starts (uvicorn's factory mode calls this).

    `resolver` replaces the system's DNS for outbound connections (see app.services.open_services).
    """
    settings = settings or Settings()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with (
            open_services(settings, secrets=ensure_secrets(settings), metrics=metrics, resolver=resolver) as services,
            run_workers(services),
        ):
            app.state.services = services
            # What exists now (modules, the app, its routes and schemas) lives as long as the process: freeze it
            # so that a full collection walks only what requests left behind. Unfrozen, such a collection
            # stopped the server ~45 ms every ~1,000 reads, the largest share of p99 (docs/benchmarks-reads.md).
            gc.collect()
            gc.freeze()
            try:
                yield
            finally:
                gc.unfreeze()  # several apps in one process (tests): what this one built can be collected again

    app = FastAPI(
        title="feedhook",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    install_problem_handlers(app)
    install_problem_openapi(app, finish=outputs.document_examples)
    app.include_router(webhooks.router)
    app.include_router(items.router)
    app.include_router(feeds.router)
    app.include_router(subscriptions.router)
    app.include_router(keys.router)
    app.include_router(outputs.router)
    app.include_router(ops.router)
    ops.install_docs(app)
    install_console(app)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app
