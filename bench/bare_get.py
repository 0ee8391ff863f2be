"""The ceiling for reads: a bare FastAPI GET returning {}, served with the same uvicorn settings as feedhook."""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI()


@app.get("/v1/items")
async def bare() -> dict[str, str]:
    return {}
