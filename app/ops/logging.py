"""Log setup for the service and uvicorn: text or JSON lines, with secrets redacted from every line."""

from __future__ import annotations

import json
import logging
import logging.config
import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.ingest.encoded import encoded_pattern

if TYPE_CHECKING:  # the type only: the server never loads rich for its logs
    from rich.console import Console

__all__ = [
    "ConsoleLogHandler",
    "RedactingFormatter",
    "TracebackThrottle",
    "configure_logging",
    "logging_through",
    "redact",
    "remember_secrets",
    "uvicorn_log_config",
]

# Query or form parameters that carry credentials; uvicorn's access log prints full query strings, and a
# name may arrive percent-encoded (?%74oken=…), which the server decodes all the same.
_SECRET_NAMES = ("token", "api_key", "apikey", "key", "secret", "password", "access_token", "auth", "signature")
_SECRET_PARAMS = re.compile(
    r"(?i)(?<![\w%])((?:[\w-]*?(?:" + "|".join(encoded_pattern(name) for name in _SECRET_NAMES) + r"))(?:=|%3d))"
    r"([^&\s\"']+)"
)
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")
# Absolute URLs (feed URLs, in messages and errors) lose their query and fragment: publishers put
# access_token=, auth=, X-Amz-Signature= and the like there.
_URL_QUERY = re.compile(r"(?i)\b(https?://[^\s?#\"'<>]+)[?#][^\s\"'<>]*")

_secrets: list[re.Pattern[str]] = []


def redact(text: str) -> str:
    text = _URL_QUERY.sub(r"\1?[query hidden]", text)
    text = _SECRET_PARAMS.sub(r"\1[redacted]", text)
    text = _BEARER.sub(r"\1 [redacted]", text)
    for secret in _secrets:
        text = secret.sub("[redacted]", text)
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


class TracebackThrottle(logging.Filter):
    """One traceback per failure point per window; later ones within it are one line.

    An unexpected error is logged twice per request (our handler, then uvicorn's "Exception in ASGI
    application"), 80-260 lines each: without this, any client that finds a 500 can flood the log.
    """

    def __init__(self, window_seconds: float = 60.0) -> None:
        super().__init__()
        self.window_seconds = window_seconds
        self._last: dict[tuple[str, str, int], float] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is None:
            return True
        trace = error.__traceback__
        while trace is not None and trace.tb_next is not None:
            trace = trace.tb_next
        where = (trace.tb_frame.f_code.co_filename, trace.tb_lineno) if trace is not None else ("", 0)
        key = (type(error).__qualname__, *where)
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is None or now - last >= self.window_seconds:
                if len(self._last) >= 1024:  # distinct failure points are few; never let them grow without end
                    self._last.clear()
                self._last[key] = now
                return True
        record.exc_info = None
        record.exc_text = None
        record.msg = f"{record.msg} ({type(error).__name__}; its traceback was logged less than a minute ago)"
        return True


def uvicorn_log_config(*, json_lines: bool, level: str) -> dict[str, Any]:
    """A dictConfig for uvicorn and our own loggers, every handler behind the redacting formatter."""
    formatter = {"()": RedactingFormatter, "json_lines": json_lines}
    handler = {"class": "logging.StreamHandler", "formatter": "redacting", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"redacting": formatter},
        "filters": {"throttle": {"()": TracebackThrottle}},
        "handlers": {"default": {**handler, "filters": ["throttle"]}},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["default"], "level": level, "propagate": False},
            "app": {"handlers": ["default"], "level": level, "propagate": False},
        },
    }


def remember_secrets(secrets: Iterable[str]) -> None:
    """Secret values to remove from every line, wherever they appear (not only as `token=`)."""
    _secrets[:] = [re.compile(encoded_pattern(secret)) for secret in secrets if secret]  # %-encoded forms too


def configure_logging(*, json_lines: bool, level: str, secrets: Iterable[str]) -> dict[str, Any]:
    """Remember the secrets to redact and apply the config; returns it for uvicorn.run(log_config=…)."""
    remember_secrets(secrets)
    config = uvicorn_log_config(json_lines=json_lines, level=level)
    logging.config.dictConfig(config)
    return config


class ConsoleLogHandler(logging.Handler):
    """Prints each formatted line through a rich Console: while a live display (a progress bar) runs on that
    console, rich clears the bar, prints the line whole above it, and draws the bar again below.

    A handler writing to the same stream by itself would land in the middle of the bar's line, and the
    bar's next redraw would overwrite part of it.
    """

    def __init__(self, console: Console) -> None:
        super().__init__()
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            # No markup, no highlighting, no wrapping: the line as the formatter wrote it, on one line.
            self.console.print(line, markup=False, highlight=False, soft_wrap=True, emoji=False)
        except Exception:  # logging never raises into the code that logged
            self.handleError(record)


@contextmanager
def logging_through(console: Console, *, loggers: Iterable[str] = ("app", "")) -> Iterator[None]:
    """Within the block, the stream handlers of `loggers` (ours, and the root's) print through `console`,
    keeping their formatter, level and filters; on exit the handlers are put back as they were."""
    swapped: list[tuple[logging.Logger, logging.Handler, logging.Handler]] = []
    for name in loggers:
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            if not isinstance(handler, logging.StreamHandler) or isinstance(handler, logging.FileHandler):
                continue  # a log file is no terminal: a bar cannot break its lines
            through = ConsoleLogHandler(console)
            through.setLevel(handler.level)
            through.setFormatter(handler.formatter)
            for log_filter in handler.filters:
                through.addFilter(log_filter)
            logger.removeHandler(handler)
            logger.addHandler(through)
            swapped.append((logger, handler, through))
    try:
        yield
    finally:
        for logger, handler, replacement in reversed(swapped):
            logger.removeHandler(replacement)
            logger.addHandler(handler)
