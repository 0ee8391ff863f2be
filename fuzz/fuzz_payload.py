"""Fuzz target: the lenient webhook payload parser (`app.ingest.payload.parse_payload`).

Input format: the Content-Type header up to the first newline (read as latin-1, as a server reads
a header; an empty line means no Content-Type), then the body bytes. The seed corpus files in
fuzz/corpus/payload/ are real bodies in this format, so they read as what they are.

Contract under test: a Payload or a PayloadError, nothing else; and a Payload holds only canonical
field names with stripped, non-empty values that can be stored (encodable as UTF-8).

    python -m fuzz.fuzz_payload [libFuzzer flags] [corpus dirs or a crash file to replay]
"""

from __future__ import annotations

__all__ = ["check", "split", "test_one_input"]

FORMS = frozenset({"json", "json-lenient", "form", "form-lenient", "text-fields", "text-post"})
CANONICAL = frozenset({"title", "url", "content", "author", "image", "published", "feed_title", "feed_url", "token"})


def split(data: bytes) -> tuple[str | None, bytes]:
    """(Content-Type or None, body) of one fuzzer input."""
    header, newline, body = data.partition(b"\n")
    if not newline:
        return None, data
    return (header.decode("latin-1") or None), body


def check(content_type: str | None, body: bytes) -> None:
    """Raise AssertionError (or let the unexpected exception through) when the contract is broken."""
    from app.errors import PayloadError
    from app.ingest.payload import Payload, parse_payload

    try:
        payload = parse_payload(body, content_type)
    except PayloadError:
        return
    assert isinstance(payload, Payload), type(payload)
    assert payload.form in FORMS, payload.form
    for name, value in payload.fields.items():
        assert name in CANONICAL, name
        assert isinstance(value, str), (name, type(value))
        assert value, name
        assert value == value.strip(), (name, value[:80])
        value.encode("utf-8")  # a lone surrogate cannot be stored: UnicodeEncodeError is a finding


def test_one_input(data: bytes) -> None:
    content_type, body = split(data)
    check(content_type, body)


def main() -> None:
    from fuzz._atheris import fuzz, instrumented

    with instrumented(["app"]):
        import app.ingest.payload  # noqa: F401  (instrumented for coverage feedback)
    fuzz(test_one_input)


if __name__ == "__main__":
    main()
