"""feedhook's app with gc.freeze() once started: `bench.reads --freeze-gc` measures that change before it is made.

Under read load a full (generation 2) garbage collection walks the ~110,000 objects that imports and
start-up leave behind: ~45 ms with the event loop stopped, about once per 1,000 requests, which is the p99
of 16 connections. gc.freeze() after start-up moves them out of the collector's reach (a full pass then
takes ~0.3 ms). Its place in the app: app.main's lifespan, once everything is built.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.main import create_app as create_feedhook_app


def create_app() -> FastAPI:
    app = create_feedhook_app()
    started = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[None]:
        async with started(application):
            gc.freeze()
            yield

    app.router.lifespan_context = lifespan
    return app
