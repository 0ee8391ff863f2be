"""Entries and metadata for renderer tests, hostile text, and the JSON Feed 1.1 schema validator."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import strategies as st
from lxml import html as lxml_html

from app.outputs import FeedMeta

__all__ = ["HAVE_JSONSCHEMA", "HOSTILE", "Entry", "blocks", "meta", "schema_errors", "texts"]

SCHEMA = Path(__file__).parent / "fixtures" / "jsonfeed-1.1.schema.json"
HAVE_JSONSCHEMA = importlib.util.find_spec("jsonschema") is not None
"""Without it the schema tests skip (saying why) and the other tests still check structure."""

# Markup, entities, quotes, every XML-forbidden control, a lone surrogate, noncharacters, bidi, emoji.
HOSTILE = (
    "He said \"no\" & 'yes' <script>alert(1)</script> &amp; &#x3C; ]]> "
    "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f\ud800\ufffe\uffff "
    "שלום עולם مرحبا \u202eevil\u202c 👩🏽‍💻 🎉"
)

# Any code point, lone surrogates included (st.text() leaves them out), weighted toward the troublemakers.
_CHARACTERS = st.characters(exclude_categories=()) | st.sampled_from("\x00\x0b\x1f\x85\ud800\uffff\r\n <>&\"'")


def texts(max_size: int | None = None) -> st.SearchStrategy[str]:
    return st.text(_CHARACTERS, max_size=max_size)


@dataclass(frozen=True, slots=True)
class Entry:
    """A stored item as the renderers see it (the FeedEntry protocol), with realistic defaults."""

    id: int = 42
    headline: str | None = "Biden orders airstrikes in Syria"
    bullets: tuple[str, ...] = ("The US launched airstrikes Thursday night.", "The Pentagon confirmed it.")
    body: tuple[str, ...] = ("US President Joe Biden ordered the strikes.", "Officials said more may follow.")
    source: str | None = "Business Insider"
    source_link: str | None = "https://ift.tt/3r0axg6"
    url: str | None = "https://www.businessinsider.com/biden-airstrikes-syria-2021-2"
    author: str | None = "Charles Davis"
    image_url: str | None = "https://i.insider.com/603826.jpg"
    published_at: datetime | None = datetime(2021, 2, 25, 21, 14, tzinfo=UTC)
    received_at: datetime = datetime(2021, 2, 25, 21, 15, 3, 120000, tzinfo=UTC)
    updated_at: datetime = datetime(2021, 2, 25, 21, 15, 3, 120000, tzinfo=UTC)
    structure: tuple[Mapping[str, object], ...] | None = None
    """The structured body; None: a paragraph per body paragraph (what migration 0005 gave older items)."""

    @property
    def blocks(self) -> tuple[Mapping[str, object], ...]:
        if self.structure is not None:
            return self.structure
        return tuple({"type": "paragraph", "text": text} for text in self.body)


def meta(
    *, next_url: str | None = None, self_url: str = "https://feedhook.test/v1/feed", title: str = "feedhook"
) -> FeedMeta:
    return FeedMeta(
        title=title,
        feed_url="https://feedhook.test/v1/feed",
        self_url=self_url,
        next_url=next_url,
        home_page_url="https://feedhook.test/docs",
        updated=datetime(2021, 2, 26, tzinfo=UTC),
    )


def blocks(fragment: str) -> list[tuple[str, str]]:
    """An HTML fragment as (tag, text) per list item and paragraph, in order: its structure, parsed."""
    if not fragment:
        return []
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return [(element.tag, element.text_content()) for element in root.iter("li", "p")]


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_RFC3339 = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")


def _is_uri(value: object) -> bool:
    """RFC 3986 absolute URI: ASCII, no spaces, a scheme, and a host for http(s)."""
    if not isinstance(value, str):
        return True
    if not value.isascii() or any(char.isspace() or not char.isprintable() for char in value):
        return False
    parts = urlsplit(value)
    if not _SCHEME.fullmatch(parts.scheme):
        return False
    return bool(parts.netloc) if parts.scheme in ("http", "https") else bool(parts.netloc or parts.path)


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return False
    return True


@functools.cache
def _validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema", reason="the JSON Feed schema tests need jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    # jsonschema checks "uri" and "date-time" only with optional extras installed; these checkers need none.
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("uri")(_is_uri)
    formats.checks("date-time")(_is_date_time)
    return jsonschema.Draft202012Validator(schema, format_checker=formats)


def schema_errors(document: object) -> list[str]:
    """Every way the document breaks the JSON Feed 1.1 schema, as "path: message" lines; [] when valid."""
    errors = _validator().iter_errors(document)
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors)
