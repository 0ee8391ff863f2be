"""Log setup for the service and uvicorn: text or JSON lines, with secrets redacted from every line."""

from __future__ import annotations

import json
import logging
import logging.config
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

__all__ = ["RedactingFormatter", "configure_logging", "redact", "remember_secrets", "uvicorn_log_config"]

# Query or form parameters that carry credentials; uvicorn's access log prints full query strings.
_SECRET_PARAMS = re.compile(r"(?i)\b(token|api_key|apikey|key|secret|password)=([^&\s\"']+)")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")

_secrets: list[str] = []


def redact(text: str) -> str:
    text = _SECRET_PARAMS.sub(r"\1=[redacted]", text)
    text = _BEARER.sub(r"\1 [redacted]", text)
    for secret in _secrets:
        text = text.replace(secret, "[redacted]")
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as text or one JSON object per line, then removes anything that looks like a secret."""

    def __init__(self, fmt: str | None = None, *, json_lines: bool = False) -> None:
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s %(message)s")
        self.json_lines = json_lines

    def format(self, record: logging.LogRecord) -> str:
        if not self.json_lines:
            fields = " ".join(f"{key[3:]}={value}" for key, value in record.__dict__.items() if key.startswith("fh_"))
            line = super().format(record)
            return redact(f"{line} {fields}" if fields else line)
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key.startswith("fh_"):  # structured fields passed as extra={"fh_…": …}
                entry[key[3:]] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, default=str))


def uvicorn_log_config(*, json_lines: bool, level: str) -> dict[str, Any]:
    """A dictConfig for uvicorn and our own loggers, every handler behind the redacting formatter."""
    formatter = {"()": RedactingFormatter, "json_lines": json_lines}
    handler = {"class": "logging.StreamHandler", "formatter": "redacting", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"redacting": formatter},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["default"], "level": level, "propagate": False},
            "app": {"handlers": ["default"], "level": level, "propagate": False},
        },
    }


def remember_secrets(secrets: Iterable[str]) -> None:
    """Secret values to remove from every line, wherever they appear (not only as `token=`)."""
    _secrets[:] = [secret for secret in secrets if secret]


def configure_logging(*, json_lines: bool, level: str, secrets: Iterable[str]) -> dict[str, Any]:
    """Remember the secrets to redact and apply the config; returns it for uvicorn.run(log_config=…)."""
    remember_secrets(secrets)
    config = uvicorn_log_config(json_lines=json_lines, level=level)
    logging.config.dictConfig(config)
    return config
