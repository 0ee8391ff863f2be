"""Settings to the workers' own settings: one definition for the server (main.py) and the commands (cli.py).

Kept apart from main.py so that `feedhook poll` builds its poller exactly as the server does without
importing the web stack.
"""

from __future__ import annotations

import math
import os
from datetime import timedelta
from pathlib import Path

from app import __version__
from app.config import Settings
from app.feeds.parsepool import ParsePool, default_processes
from app.feeds.poller import PollerSettings, worker_name
from app.ops.retention import RetentionSettings
from app.outputs.webhooks import DeliverySettings

__all__ = [
    "available_cpus",
    "cpus_allowed",
    "delivery_settings",
    "parse_pool",
    "poller_settings",
    "retention_settings",
    "user_agent",
]

CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


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
    """The poller's parse workers: as configured, else one per usable CPU beyond the first (one on one CPU)."""
    processes = default_processes(available_cpus()) if settings.parse_processes is None else settings.parse_processes
    return ParsePool(processes=processes, deadline_seconds=settings.parse_timeout_seconds)


def cpus_allowed(affinity: int, cpu_max: str | None) -> int:
    """CPUs usable given the affinity mask's size and a cgroup v2 ``cpu.max`` ("QUOTA PERIOD" or "max PERIOD")."""
    quota, _, period = (cpu_max or "max").strip().partition(" ")
    if quota == "max" or not quota.isdigit() or not period.isdigit() or int(period) == 0:
        return max(1, affinity)
    return max(1, min(affinity, math.ceil(int(quota) / int(period))))


def available_cpus() -> int:
    """The CPUs this process may use: its affinity mask, lowered by a container's CPU quota (docker --cpus).

    os.cpu_count() is the host's count: in a container limited to one CPU on a 64-core host, it would
    start four parse workers fighting over that one CPU.
    """
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        cpu_max: str | None = CGROUP_CPU_MAX.read_text()
    except OSError:  # not Linux, cgroup v1, or no limit file
        cpu_max = None
    return cpus_allowed(affinity, cpu_max)


def delivery_settings(settings: Settings) -> DeliverySettings:
    return DeliverySettings(
        owner=worker_name(),
        max_attempts=settings.webhook_max_attempts,
        failure_limit=settings.webhook_failure_limit,
        deadline_seconds=settings.webhook_timeout_seconds,
        lease=timedelta(seconds=settings.webhook_timeout_seconds * 2 + 60),
        retention=timedelta(days=settings.delivery_retention_days),
    )


def retention_settings(settings: Settings) -> RetentionSettings:
    items = settings.retention_days
    return RetentionSettings(
        items=None if items is None else timedelta(days=items),
        inbox=timedelta(days=settings.inbox_retention_days),
    )
