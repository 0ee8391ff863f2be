"""Settings and first-start secrets."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config import Settings, ensure_secrets


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, database_url=f"sqlite:///{tmp_path}/db/feedhook.db", **values)  # type: ignore[arg-type]


def test_first_start_generates_secrets_once_in_a_private_file(tmp_path: Path) -> None:
    first = ensure_secrets(_settings(tmp_path))
    assert first.created
    assert first.path == tmp_path / "db" / "secrets.json"
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    again = ensure_secrets(_settings(tmp_path))
    assert not again.created
    assert (again.webhook_token, again.api_key) == (first.webhook_token, first.api_key)
    assert first.webhook_token != first.api_key


def test_configured_secrets_win_and_nothing_is_written(tmp_path: Path) -> None:
    chosen = ensure_secrets(_settings(tmp_path, webhook_token="t" * 20, api_key="k" * 20))
    assert (chosen.webhook_token, chosen.api_key, chosen.created) == ("t" * 20, "k" * 20, False)
    assert not (tmp_path / "db" / "secrets.json").exists()


def test_environment_is_read_with_the_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEEDHOOK_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("FEEDHOOK_MAX_BODY_BYTES", "2048")
    settings = Settings(_env_file=None)
    assert (settings.timezone, settings.max_body_bytes) == ("Europe/Paris", 2048)


def test_unknown_time_zone_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="time zone"):
        _settings(tmp_path, timezone="Mars/Olympus")


def test_feed_keepalive_is_seconds_from_none_to_five_minutes(tmp_path: Path) -> None:
    assert _settings(tmp_path).fetch_keepalive_seconds == 2.0
    assert _settings(tmp_path, fetch_keepalive_seconds=0).fetch_keepalive_seconds == 0
    for wrong in (-1, 301):
        with pytest.raises(ValidationError, match="fetch_keepalive_seconds"):
            _settings(tmp_path, fetch_keepalive_seconds=wrong)


def test_inbox_retention_is_a_positive_number_of_days_a_week_by_default(tmp_path: Path) -> None:
    assert _settings(tmp_path).inbox_retention_days == 7
    assert _settings(tmp_path, inbox_retention_days=0.5).inbox_retention_days == 0.5
    for wrong in (0, -1, "a week"):
        with pytest.raises(ValidationError, match="inbox_retention_days"):
            _settings(tmp_path, inbox_retention_days=wrong)
