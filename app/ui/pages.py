"""Console login, logout and the overview page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.api.deps import services as opened_services
from app.clock import to_micros
from app.reads.overview import HOUR_MICROS
from app.ui.auth import admin_principal
from app.ui.chart import hourly_chart
from app.ui.web import ConsoleDep, form_of, fresh_session, logged_in, redirect, render, session_of, set_session

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False)
WEEK_HOURS = 7 * 24


@router.get("/login")
async def login_page(request: Request) -> Response:
    """The login form; a browser without a session gets one (its CSRF token guards the login itself)."""
    services = await opened_services(request)
    session = session_of(request, services)
    if await logged_in(services, session):
        return redirect("/ui/")
    if session is not None and not session.admin:
        return render(request, "login.html", session)
    # No session, or a login whose key was revoked since (sending that one to /ui/ would loop back here).
    session = fresh_session(services, admin=False)
    response = render(request, "login.html", session)
    set_session(response, request, services, session)
    return response


@router.post("/login")
async def login(request: Request) -> Response:
    """Accept the admin key: a fresh session (new CSRF token) marked as logged in."""
    services = await opened_services(request)
    session = session_of(request, services)
    if session is None:
        return redirect("/ui/login")
    fields = await form_of(request, session)
    principal = await admin_principal(services, fields.get("key", "").strip())
    if principal is None:
        return render(request, "login.html", session, status_code=401, error="That is not an admin key.")
    response = redirect("/ui/")
    set_session(response, request, services, fresh_session(services, admin=True, key_id=principal.key_id))
    return response


@router.post("/logout")
async def logout(request: Request, console: ConsoleDep) -> Response:
    await form_of(request, console.session)
    response = redirect("/ui/login")
    set_session(response, request, console.services, fresh_session(console.services, admin=False))
    return response


@router.get("/")
async def overview(request: Request, console: ConsoleDep) -> Response:
    """Arrivals over the last week, feeds in error, the quarantine and the delivery backlog."""
    now = to_micros(console.services.clock())
    last_hour = now // HOUR_MICROS
    since = (last_hour - WEEK_HOURS + 1) * HOUR_MICROS
    overview_reader = console.services.overview
    counts = await overview_reader.arrivals_per_hour(since=since)
    waiting = await overview_reader.backlog()
    failing = await overview_reader.feeds_in_error()
    oldest_age = None if waiting.oldest_pending_at is None else (now - waiting.oldest_pending_at) // 1_000_000
    return render(
        request,
        "overview.html",
        console.session,
        chart=hourly_chart(counts, last_hour=last_hour, hours=WEEK_HOURS),
        backlog=waiting,
        oldest_age=oldest_age,
        failing=failing,
    )
