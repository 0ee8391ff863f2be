"""The ceiling: a bare FastAPI POST endpoint returning {}, served with the same uvicorn settings as feedhook."""

from __future__ import annotations

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/v1/webhooks/ifttt")
async def bare(request: Request) -> dict[str, str]:
    await request.body()
    return {}
