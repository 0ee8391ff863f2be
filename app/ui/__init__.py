"""The operator console at `/ui/`: server-rendered pages behind an admin login."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from app.errors import BadForm, LoginNeeded
from app.ui import feeds, inbox, items, keys, pages, setup, subscriptions
from app.ui.web import HERE, html_error, secure

__all__ = ["install_console"]


async def _to_login(request: Request, exc: Exception) -> Response:
    return secure(RedirectResponse("/ui/login", status_code=303))


async def _bad_form(request: Request, exc: Exception) -> Response:
    return html_error(403, str(exc))


async def _home(request: Request) -> Response:
    return RedirectResponse("/ui/", status_code=307)


def install_console(app: FastAPI) -> None:
    """Mount the console's pages and static files, send `/` to it, and turn its two refusals into pages."""
    for module in (pages, feeds, items, inbox, subscriptions, setup, keys):
        app.include_router(module.router)
    app.mount("/ui/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.add_api_route("/", _home, include_in_schema=False)
    app.add_exception_handler(LoginNeeded, _to_login)
    app.add_exception_handler(BadForm, _bad_form)
