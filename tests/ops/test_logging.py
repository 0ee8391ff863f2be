"""Log lines: structured fields in both formats, secrets redacted from every line."""

from __future__ import annotations

import json
import logging

from app.ops.logging import RedactingFormatter, remember_secrets


def _record(message: str, **fields: object) -> logging.LogRecord:
    record = logging.LogRecord("app.feeds.poller", logging.INFO, __file__, 1, message, None, None)
    for key, value in fields.items():
        setattr(record, f"fh_{key}", value)
    return record


def test_text_lines_keep_the_structured_fields() -> None:
    line = RedactingFormatter().format(_record("polled", feed_id=7, new=3))
    assert line.endswith("polled feed_id=7 new=3")


def test_json_lines_carry_the_fields_and_redact_secrets() -> None:
    remember_secrets(["s3cret-token-value"])
    try:
        line = RedactingFormatter(json_lines=True).format(
            _record("GET /v1/webhooks/ifttt?token=s3cret-token-value&x=1 200 s3cret-token-value", feed_id=7)
        )
    finally:
        remember_secrets([])
    entry = json.loads(line)
    assert entry["feed_id"] == 7
    assert "s3cret" not in line
    assert entry["message"] == "GET /v1/webhooks/ifttt?token=[redacted]&x=1 200 [redacted]"
