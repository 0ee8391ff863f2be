"""Settings to the workers' own settings: one definition for the server (main.py) and the commands (cli.py).

Kept apart from main.py so that `feedhook poll` builds its poller exactly as the server does without
importing the web stack.
"""

from __future__ import annotations

import os
from datetime import timedelta

from app import __version__
from app.config import Settings
from app.feeds.parsepool import ParsePool, default_processes
from app.feeds.poller import PollerSettings, worker_name
from app.outputs.webhooks import DeliverySettings

__all__ = ["delivery_settings", "parse_pool", "poller_settings", "user_agent"]


def user_agent(settings: Settings) -> str:
    """Names the service and where it runs, so publishers can tell who polls them."""
    contact = f" (+{settings.public_url})" if settings.public_url else ""
    return f"feedhook/{__version__}{contact}"


def poller_settings(settings: Settings) -> PollerSettings:
    return PollerSettings(
        owner=worker_name(),
        interval=timedelta(seconds=settings.poll_interval_seconds),
        min_interval=timedelta(seconds=settings.poll_min_interval_seconds),
        max_interval=timedelta(seconds=settings.poll_max_interval_seconds),
        concurrency=settings.poll_concurrency,
        max_bytes=settings.fetch_max_bytes,
        deadline_seconds=settings.fetch_timeout_seconds,
        lease=timedelta(seconds=settings.fetch_timeout_seconds * 2 + 60),
    )


def parse_pool(settings: Settings) -> ParsePool:
    """The poller's parse workers: as configured, else one per CPU beyond the first (none on one CPU)."""
    processes = settings.parse_processes
    return ParsePool(processes=default_processes(os.cpu_count()) if processes is None else processes)


def delivery_settings(settings: Settings) -> DeliverySettings:
    return DeliverySettings(
        owner=worker_name(),
        max_attempts=settings.webhook_max_attempts,
        failure_limit=settings.webhook_failure_limit,
        deadline_seconds=settings.webhook_timeout_seconds,
        lease=timedelta(seconds=settings.webhook_timeout_seconds * 2 + 60),
    )
