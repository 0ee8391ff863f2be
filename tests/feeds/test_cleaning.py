"""A feed document's own items tell its boilerplate: lines that close most of them are no story."""

from __future__ import annotations

from datetime import UTC, datetime

from app.feeds.cleaning import DOCUMENT_MIN_ITEMS, clean_feed
from app.normalize.model import NormalizeSettings

NOW = datetime(2027, 1, 1, 12, tzinfo=UTC)
SETTINGS = NormalizeSettings()
SIGN_OFF = "The Riverbend Courier is an independent newsroom serving the valley since 1891."


def _document(count: int, *, signed: int) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>https://riverbend.example/{n}</link>"
        f"<description><![CDATA[<p>The council met on day {n} and approved budget line {n * 7}.</p>"
        f"<p>Residents asked about the bridge repairs scheduled for week {n}.</p>"
        f"{f'<p>{SIGN_OFF}</p>' if n < signed else ''}]]></description></item>"
        for n in range(count)
    )
    return (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Riverbend Courier</title>'
        b"<link>https://riverbend.example/</link>" + items.encode() + b"</channel></rss>"
    )


def _bodies(document: bytes) -> list[list[str]]:
    cleaned = clean_feed(document, headers={}, url="https://riverbend.example/rss", now=NOW, settings=SETTINGS)
    return [item.body for item in cleaned.items]


def test_a_line_closing_most_of_the_documents_items_is_boilerplate() -> None:
    bodies = _bodies(_document(6, signed=5))
    assert all(SIGN_OFF not in body for body in bodies)
    assert all(len(body) == 2 for body in bodies)


def test_too_few_items_or_too_few_carrying_it_tell_nothing() -> None:
    assert all(body[-1] == SIGN_OFF for body in _bodies(_document(DOCUMENT_MIN_ITEMS - 1, signed=9)))
    sparse = _bodies(_document(6, signed=2))  # two of six: no evidence
    assert [body[-1] == SIGN_OFF for body in sparse] == [True, True, False, False, False, False]
