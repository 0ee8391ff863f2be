"""The workers' settings come from the operator's Settings, the same for the server and the commands."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from app import __version__
from app.config import Settings
from app.wiring import available_cpus, cpus_allowed, delivery_settings, parse_pool, poller_settings, user_agent


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, database_url="sqlite:///unused.db", feeds="", **values)  # type: ignore[arg-type]


def test_poller_settings_follow_the_operator_settings() -> None:
    settings = _settings(poll_concurrency=7, poll_interval_seconds=900, fetch_timeout_seconds=12)
    poller = poller_settings(settings)
    assert poller.concurrency == 7
    assert poller.interval == timedelta(seconds=900)
    assert poller.deadline_seconds == 12
    assert poller.lease == timedelta(seconds=12 * 2 + 60), "a lease outlives the longest fetch it covers"
    assert poller.max_bytes == settings.fetch_max_bytes


def test_delivery_settings_follow_the_operator_settings() -> None:
    deliveries = delivery_settings(_settings(webhook_timeout_seconds=5, webhook_failure_limit=3))
    assert deliveries.deadline_seconds == 5
    assert deliveries.failure_limit == 3
    assert deliveries.lease == timedelta(seconds=5 * 2 + 60)


def test_the_user_agent_names_the_version_and_the_public_url() -> None:
    assert user_agent(_settings()) == f"feedhook/{__version__}"
    assert user_agent(_settings(public_url="https://feedhook.example")) == (
        f"feedhook/{__version__} (+https://feedhook.example)"
    )


@pytest.mark.parametrize(
    ("affinity", "cpu_max", "expected"),
    [
        (8, None, 8),  # no cgroup v2 limit file
        (8, "max 100000\n", 8),  # no quota
        (8, "100000 100000\n", 1),  # docker --cpus=1
        (8, "150000 100000", 2),  # --cpus=1.5: a second, partly usable CPU
        (2, "400000 100000", 2),  # the quota allows more than the affinity mask
        (4, "50000 100000", 1),  # less than one CPU is still one
        (4, "garbage", 4),
    ],
)
def test_usable_cpus_follow_the_affinity_mask_and_the_container_quota(
    affinity: int, cpu_max: str | None, expected: int
) -> None:
    assert cpus_allowed(affinity, cpu_max) == expected


def test_parse_workers_default_to_one_per_usable_cpu_beyond_the_first() -> None:
    assert parse_pool(_settings()).processes == max(1, min(available_cpus() - 1, 4))
    assert parse_pool(_settings(parse_processes=3)).processes == 3


def test_feeds_are_never_parsed_on_threads_of_the_serving_process() -> None:
    with pytest.raises(ValidationError, match="parse_processes"):
        _settings(parse_processes=0)
