"""Settings from the environment and `.env` (prefix FEEDHOOK_); built only by main.py and cli.py."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["GeneratedSecrets", "Settings", "ensure_secrets"]

SECRETS_FILE = "secrets.json"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MIN_SECRET_LENGTH = 16
"""Shortest webhook token or admin key accepted (generated ones are 32 and 47 characters)."""


class Settings(BaseSettings):
    """Everything an operator can set; see README.md for the table."""

    # hide_input_in_errors: a refused value may be a secret, and errors end up on the terminal and in logs.
    model_config = SettingsConfigDict(
        env_prefix="FEEDHOOK_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    database_url: str = "sqlite:///./data/feedhook.db"
    data_dir: Path | None = None
    """Where generated secrets live; defaults to the SQLite file's folder, else ./data."""
    webhook_token: SecretStr | None = None
    api_key: SecretStr | None = None
    """The bootstrap admin key; more keys, read or admin, live in the database (`feedhook keys create`)."""
    public_reads: bool = False
    """Serve items, the feed outputs and the live stream without a key (by default they need a read key)."""
    metrics_key: SecretStr | None = None
    """When set, /metrics needs it as `Authorization: Bearer <key>` (an admin key also works)."""
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    timezone: str = "UTC"
    log_format: Literal["json", "text"] = "text"
    log_level: str = "INFO"
    """DEBUG, INFO, WARNING, ERROR or CRITICAL (any case)."""
    public_url: str | None = None
    """Base URL the service is reached at: the printed IFTTT setup and the absolute URLs inside the JSON
    Feed and Atom outputs (default http://HOST:PORT, and the outputs use the address a request came in on)."""
    feed_title: str = Field(default="feedhook", min_length=1, max_length=200)
    """The title of the JSON Feed and Atom outputs (a listing's source or search is appended to it)."""
    trusted_hosts: str = ""
    """Comma-separated Host header values (``news.example.org``, ``news.example.org:8443``) whose requests
    the feed outputs may build their URLs from when FEEDHOOK_PUBLIC_URL is not set; any other Host is
    ignored for them, so a client cannot plant its own host in a feed that caches and readers pass on."""
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    """How long a SQLite statement waits for a lock held elsewhere before the request gets a 503."""
    write_batch_max: int = Field(default=256, ge=1)
    """Most items one group commit writes in one transaction."""

    changes_settle_seconds: float = Field(default=2.0, ge=0)
    """Incremental sync lists a change once it is this old, so a late commit elsewhere is never skipped."""
    resolve_shortlinks: bool = True
    """Follow `ift.tt`-style shortlinks in the background to set each item's article URL."""
    feeds: str = "https://feeds.businessinsider.com/custom/all"
    """Comma-separated feed URLs registered at start; an empty value registers none."""
    allow_private_networks: bool = False
    """Let outbound requests reach loopback and private addresses (local use and tests only)."""
    poller: bool = True
    """Run the feed poller inside `feedhook serve` (`--no-poller` turns it off for that process)."""
    deliveries: bool = True
    """Run the outbound-webhook delivery worker inside `feedhook serve`."""
    webhook_max_attempts: int = Field(default=10, ge=1)
    """Attempts per webhook delivery before it is given up (dead)."""
    webhook_failure_limit: int = Field(default=50, ge=1)
    """Consecutive failed attempts that disable a subscription (a 410 Gone disables it at once)."""
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    """Deadline on one delivery attempt: connect, send and the response head."""
    retention_days: float | None = Field(default=None, gt=0)
    """Days an item is kept after it was stored; `feedhook serve` deletes older ones hourly, and so does
    `feedhook cleanup`. Unset: kept forever."""
    inbox_retention_days: float = Field(default=7, gt=0)
    """Days the webhook inbox (the console's Inbox: each request with its raw body) keeps a request."""
    delivery_retention_days: float = Field(default=30, gt=0)
    """Days a delivered webhook delivery (its attempts and payload) is kept, then pruned; failed ones stay."""
    poll_interval_seconds: int = Field(default=900, ge=60)
    poll_min_interval_seconds: int = Field(default=60, ge=1)
    poll_max_interval_seconds: int = Field(default=86_400, ge=60)
    poll_concurrency: int = Field(default=32, ge=1)
    parse_processes: int | None = Field(default=None, ge=1, le=64)
    """Worker processes that parse and normalize fetched feeds, so polling uses more than one core
    (~50 MiB each); unset: one per CPU beyond the first, at least 1, at most 4. Never 0: a feed is never
    parsed on a thread of a serving process, where a crafted document could stall every request."""
    parse_timeout_seconds: float = Field(default=60.0, gt=0)
    """Longest a feed may take to parse and normalize in a worker process before it is stopped (an error
    for that feed); waiting for a free worker counts."""
    fetch_per_host: int = Field(default=4, ge=1)
    """Concurrent requests to one host: politeness towards a publisher with many feeds."""
    fetch_max_bytes: int = Field(default=10 * 2**20, ge=1024)
    fetch_timeout_seconds: float = Field(default=30.0, gt=0)
    """Deadline on a whole fetch (every redirect hop and the body), not per read."""
    fetch_keepalive_seconds: float = Field(default=2.0, ge=0, le=300)
    """How long an idle feed connection is kept for the same host's next feed or a redirect hop; 0: none.
    Idle sockets number about this many seconds times the rate of new connections."""

    def trusted_host_names(self) -> frozenset[str]:
        return frozenset(host.strip().lower() for host in self.trusted_hosts.split(",") if host.strip())

    def feed_urls(self) -> list[str]:
        return [url.strip() for url in self.feeds.split(",") if url.strip()]

    @field_validator("webhook_token", "api_key", "metrics_key")
    @classmethod
    def _usable_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Never echo the value: pydantic would print it in the error, and it is a secret.
        if value is None:
            return None
        secret = value.get_secret_value()
        if secret != secret.strip():
            raise ValueError("has whitespace around it, so it would never match what a client sends: remove it")
        if len(secret) < MIN_SECRET_LENGTH:
            raise ValueError(f"is too short to be a secret: use at least {MIN_SECRET_LENGTH} characters")
        return value

    @field_validator("public_url")
    @classmethod
    def _absolute_url(cls, value: str | None) -> str | None:
        if value is not None and (not value.startswith(("http://", "https://")) or value.endswith("://")):
            raise ValueError("needs a scheme and a host, e.g. https://news.example.org")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.strip().upper() not in LOG_LEVELS:
            raise ValueError(f"is not a log level: use one of {', '.join(LOG_LEVELS)}")
        return value.strip().upper()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone: {value!r}") from exc
        return value

    def resolved_data_dir(self) -> Path:
        if self.data_dir is not None:
            return self.data_dir
        sqlite_path = sqlite_file(self.database_url)
        return sqlite_path.parent if sqlite_path is not None else Path("data")


def sqlite_file(database_url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another database or an in-memory one."""
    if not database_url.startswith("sqlite"):
        return None
    _, _, rest = database_url.partition(":///")
    path = rest.split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(path)


class GeneratedSecrets:
    """The webhook token and admin key in force, and whether they were just created."""

    def __init__(self, webhook_token: str, api_key: str, *, created: bool, path: Path | None) -> None:
        self.webhook_token = webhook_token
        self.api_key = api_key
        self.created = created
        self.path = path


def ensure_secrets(settings: Settings) -> GeneratedSecrets:
    """Use configured secrets; generate missing ones once and keep them in the data folder (mode 0600)."""
    token = settings.webhook_token.get_secret_value() if settings.webhook_token else None
    key = settings.api_key.get_secret_value() if settings.api_key else None
    if token and key:
        return GeneratedSecrets(token, key, created=False, path=None)
    path = settings.resolved_data_dir() / SECRETS_FILE
    stored: dict[str, str] = {}
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
    created = False
    if not token and not stored.get("webhook_token"):
        stored["webhook_token"] = secrets.token_urlsafe(24)
        created = True
    if not key and not stored.get("api_key"):
        stored["api_key"] = "fhk_" + secrets.token_urlsafe(32)
        created = True
    if created:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Create with 0600 from the start: never a moment where the secret is world-readable.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(stored, handle, indent=2)
        os.chmod(path, 0o600)
    return GeneratedSecrets(token or stored["webhook_token"], key or stored["api_key"], created=created, path=path)
