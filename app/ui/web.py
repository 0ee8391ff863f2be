"""What every console page shares: templates, the security headers, the session and the CSRF-checked form."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, quote, unquote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from app.api.deps import services as opened_services
from app.clock import to_micros
from app.errors import BadForm, LoginNeeded
from app.services import Services
from app.ui.session import COOKIE, SESSION_SECONDS, Session, new_session, read_session, seal, signing_key

__all__ = [
    "CSP",
    "HERE",
    "MAX_FORM_BYTES",
    "Console",
    "ConsoleDep",
    "form_of",
    "fresh_session",
    "html_error",
    "logged_in",
    "redirect",
    "render",
    "secure",
    "session_of",
    "set_session",
    "templates",
    "webhook_token",
]

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""No inline script or style anywhere in the console: an injected `<script>` in a stored item cannot run."""
NOTE_COOKIE = "feedhook_console_note"
MAX_NOTE = 1000
"""A note longer than this (an OPML import's report) is cut: a cookie holds at most ~4 KB."""
MAX_FORM_BYTES = 1024 * 1024
"""An OPML file pasted into a form is the largest thing the console reads."""

templates = Jinja2Templates(directory=HERE / "templates")


def _when(moment: int | datetime | None) -> str:
    """A stored time (microseconds since the epoch, or an aware datetime) as the console shows times."""
    if moment is None:
        return "—"
    if isinstance(moment, int):
        moment = datetime.fromtimestamp(moment / 1_000_000, UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


templates.env.filters["when"] = _when


class Console:
    """A logged-in request's services and session."""

    def __init__(self, services: Services, session: Session) -> None:
        self.services = services
        self.session = session


def session_of(request: Request, services: Services) -> Session | None:
    key = signing_key(_api_key(services))
    return read_session(request.cookies.get(COOKIE), key, now=to_micros(services.clock()) // 1_000_000)


async def logged_in(services: Services, session: Session | None) -> bool:
    """Whether `session` is an admin login whose key (when a stored one opened it) is still live."""
    if session is None or not session.admin:
        return False
    # A stored key is looked up each time: revoking it ends the sessions it opened at their next request.
    return session.key_id is None or (services.access is not None and await services.access.is_live(session.key_id))


async def _console(request: Request) -> Console:
    services = await opened_services(request)
    session = session_of(request, services)
    if session is None or not await logged_in(services, session):
        raise LoginNeeded("log in to the console with an admin key")
    return Console(services, session)


ConsoleDep = Annotated[Console, Depends(_console)]


def secure(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def render(request: Request, template: str, session: Session, status_code: int = 200, **context: Any) -> Response:
    """A page, with the session's CSRF token for its forms and the console's security headers."""
    note = unquote(request.cookies.get(NOTE_COOKIE, ""))[:MAX_NOTE] or None
    values = {"csrf": session.csrf, "admin": session.admin, "note": note, **context}
    page = templates.TemplateResponse(request, template, values, status_code=status_code)
    if note is not None:
        page.delete_cookie(NOTE_COOKIE, path="/ui")  # shown once
    return secure(page)


def redirect(path: str, note: str | None = None) -> Response:
    """After a POST, the page to show (303: the browser follows with a GET), with what the action did.

    The note travels in a SameSite=Strict cookie, not the URL: a link from elsewhere cannot make a
    console page say something the console did not ("session expired, paste your key at ...").
    """
    response = RedirectResponse(path, status_code=303)
    if note is not None:
        response.set_cookie(
            NOTE_COOKIE, quote(note[:MAX_NOTE]), max_age=60, path="/ui", httponly=True, samesite="strict"
        )
    return secure(response)


def fresh_session(services: Services, *, admin: bool, key_id: int | None = None) -> Session:
    """A new session with a new CSRF token (at login, so a token seen before it is worthless after)."""
    return new_session(admin=admin, now=to_micros(services.clock()) // 1_000_000, key_id=key_id)


def set_session(response: Response, request: Request, services: Services, session: Session) -> None:
    """Hand the browser its session cookie: HttpOnly, SameSite=Strict, for /ui only, Secure over HTTPS."""
    response.set_cookie(
        COOKIE,
        seal(session, signing_key(_api_key(services))),
        max_age=SESSION_SECONDS,
        path="/ui",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


async def form_of(request: Request, session: Session) -> dict[str, str]:
    """The POSTed form's fields, once its CSRF token (field `csrf` or header `X-CSRF-Token`) is the session's."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise BadForm("form too large")
    fields = {
        name: values[-1] for name, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()
    }
    presented = fields.pop("csrf", None) or request.headers.get("x-csrf-token", "")
    if not hmac.compare_digest(presented.encode(), session.csrf.encode()):
        raise BadForm("missing or stale CSRF token: reload the page and try again")
    return fields


def html_error(status: int, message: str) -> Response:
    page = f"<!doctype html><title>{status}</title><p>{escape(message)}</p><p><a href=/ui/>Back to the console</a></p>"
    return secure(HTMLResponse(page, status_code=status))


async def webhook_token(services: Services) -> str:
    """The webhook token in force: a rotated one (app.access.keys) over the configured one."""
    if services.access is None:  # the server always opens its services with the secrets
        raise RuntimeError("the console needs the services opened with the secrets")
    return await services.access.webhook_token()


def _api_key(services: Services) -> str:
    """The configured admin key, from which the session cookie's signing key is derived."""
    if services.secrets is None:  # the server always opens its services with the secrets
        raise RuntimeError("the console needs the services opened with the secrets")
    return services.secrets.api_key
