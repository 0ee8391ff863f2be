"""JSON Feed 1.1 renderer: valid against the spec's schema for any text, bullets as a list, paragraphs, links."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.outputs import clean
from app.outputs.jsonfeed import render_json_feed
from tests.outputs.support import HAVE_JSONSCHEMA, HOSTILE, Entry, blocks, meta, schema_errors, texts

BARE = Entry(
    id=7,
    bullets=(),
    body=(),
    source=None,
    source_link=None,
    url=None,
    author=None,
    image_url=None,
    published_at=None,
)


def _render(*entries: Entry, **meta_fields: Any) -> dict[str, Any]:
    document: dict[str, Any] = orjson.loads(render_json_feed(entries, meta(**meta_fields)))
    if HAVE_JSONSCHEMA:  # every document a test renders is validated, when the validator is installed
        assert schema_errors(document) == []
    return document


def test_documents_validate_against_the_json_feed_1_1_schema() -> None:
    hostile = Entry(headline=HOSTILE, bullets=(HOSTILE,), body=(HOSTILE,), author=HOSTILE, source=HOSTILE)
    document = _render(Entry(), BARE, hostile, Entry(url=None), next_url="https://feedhook.test/v1/feed?cursor=b")
    assert schema_errors(document) == []  # skips, saying why, without jsonschema


def test_a_full_item_carries_every_field_in_its_json_feed_place() -> None:
    document = _render(Entry(), next_url="https://feedhook.test/v1/feed?cursor=abc")
    assert next(iter(document)) == "version"
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["next_url"] == "https://feedhook.test/v1/feed?cursor=abc"
    assert document["items"] == [
        {
            "id": "urn:feedhook:item:42",
            "url": "https://www.businessinsider.com/biden-airstrikes-syria-2021-2",
            "external_url": "https://ift.tt/3r0axg6",
            "title": "Biden orders airstrikes in Syria",
            "content_html": "<ul><li>The US launched airstrikes Thursday night.</li>"
            "<li>The Pentagon confirmed it.</li></ul>"
            "<p>US President Joe Biden ordered the strikes.</p><p>Officials said more may follow.</p>",
            "content_text": "• The US launched airstrikes Thursday night.\n• The Pentagon confirmed it.\n\n"
            "US President Joe Biden ordered the strikes.\n\nOfficials said more may follow.",
            "summary": "The US launched airstrikes Thursday night.",
            "image": "https://i.insider.com/603826.jpg",
            "date_published": "2021-02-25T21:14:00Z",
            "date_modified": "2021-02-25T21:15:03.120000Z",
            "authors": [{"name": "Charles Davis"}],
            "_feedhook": {"id": 42, "source": "Business Insider"},
        }
    ]


def test_an_item_with_no_link_date_content_or_people_is_still_valid() -> None:
    (item,) = _render(BARE)["items"]
    assert item == {
        "id": "urn:feedhook:item:7",
        "title": "Biden orders airstrikes in Syria",
        "content_html": "",
        "content_text": "",
        "date_published": "2021-02-25T21:15:03.120000Z",  # received: the instant the listing sorts by
        "date_modified": "2021-02-25T21:15:03.120000Z",
        "_feedhook": {"id": 7},
    }


def test_an_untitled_post_has_no_title_and_its_text_as_content() -> None:
    toot = Entry(headline=None, bullets=(), body=("Snow overnight. The cat is furious about it.",))
    (item,) = _render(toot)["items"]
    assert "title" not in item  # optional in JSON Feed 1.1, and absent rather than null or made up
    assert item["content_text"] == "Snow overnight. The cat is furious about it."
    if HAVE_JSONSCHEMA:
        assert schema_errors(_render(toot)) == []


def test_the_link_as_received_stands_in_for_a_missing_canonical_url() -> None:
    (item,) = _render(Entry(url=None))["items"]
    assert item["url"] == "https://ift.tt/3r0axg6"
    assert "external_url" not in item
    (same,) = _render(Entry(source_link="https://www.businessinsider.com/biden-airstrikes-syria-2021-2"))["items"]
    assert "external_url" not in same


def test_a_summary_falls_back_to_the_first_paragraph() -> None:
    (item,) = _render(Entry(bullets=(" ", "")))["items"]
    assert item["summary"] == "US President Joe Biden ordered the strikes."
    assert item["content_html"].startswith("<p>")


def test_hostile_text_is_escaped_in_html_and_kept_as_text_everywhere_else() -> None:
    entry = Entry(headline=HOSTILE, bullets=(HOSTILE,), body=(HOSTILE, HOSTILE), author=HOSTILE, source=HOSTILE)
    (item,) = _render(entry)["items"]
    text = clean(HOSTILE)
    assert not {"\x00", "\ud800", "\uffff"} & set(text)
    assert "<script>" in text
    assert item["title"] == text
    assert item["authors"] == [{"name": text.strip()}]
    assert item["_feedhook"]["source"] == text
    assert "<script>" not in item["content_html"]
    assert blocks(item["content_html"]) == [("li", text.strip()), ("p", text.strip()), ("p", text.strip())]


def test_a_later_page_points_on_and_the_last_page_has_no_next_url() -> None:
    later = _render(Entry(), self_url="https://feedhook.test/v1/feed?cursor=a", next_url="https://x.test/f?cursor=b")
    assert (later["feed_url"], later["next_url"]) == ("https://feedhook.test/v1/feed", "https://x.test/f?cursor=b")
    assert "next_url" not in _render(Entry())


def test_entries_keep_the_order_they_are_given() -> None:
    entries = [dataclasses.replace(BARE, id=number) for number in (5, 9, 1)]
    assert [item["_feedhook"]["id"] for item in _render(*entries)["items"]] == [5, 9, 1]


def test_naive_datetimes_are_taken_as_utc() -> None:
    (item,) = _render(Entry(published_at=datetime(2021, 2, 25, 21, 14)))["items"]
    assert item["date_published"] == "2021-02-25T21:14:00Z"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda doc: doc.update(next_url="/v1/feed?cursor=b"), "is not a 'uri'"),
        (lambda doc: doc["items"][0].update(date_published="25 Feb 2021"), "is not a 'date-time'"),
        (lambda doc: doc["items"][0].pop("id"), "'id' is a required property"),
        (lambda doc: [doc["items"][0].pop(k) for k in ("content_html", "content_text")], "is not valid under any"),
        (lambda doc: doc["items"][0].update(id=42), "is not of type 'string'"),
        (lambda doc: doc["items"][0].update(feedhook={}), "does not match any of the regexes"),
        (lambda doc: doc["items"][0].update(_feedhook="x"), "is not of type 'object'"),
        (lambda doc: doc["items"][0].update(authors=[{}]), "is not valid under any"),
        (lambda doc: doc.update(version="https://jsonfeed.org/version/1"), "was expected"),
    ],
    ids=[
        "relative-url",
        "bad-date",
        "no-id",
        "no-content",
        "numeric-id",
        "unknown-key",
        "extension-not-object",
        "empty-author",
        "old-version",
    ],
)
def test_the_schema_and_its_format_checks_refuse_broken_documents(change: Any, complaint: str) -> None:
    document = _render(Entry())
    change(document)
    assert any(complaint in error for error in schema_errors(document)), schema_errors(document)


@settings(max_examples=200, deadline=None)
@given(
    headline=texts(),
    bullets=st.lists(texts(max_size=40), max_size=3),
    body=st.lists(texts(max_size=40), max_size=3),
    author=st.none() | texts(max_size=20),
)
def test_any_text_renders_to_a_valid_feed(
    headline: str, bullets: list[str], body: list[str], author: str | None
) -> None:
    entry = Entry(headline=headline, bullets=tuple(bullets), body=tuple(body), author=author, source=author)
    (item,) = _render(entry)["items"]
    assert item.get("title", "") == clean(headline)
    expected = [("li", clean(b).strip()) for b in bullets] + [("p", clean(p).strip()) for p in body]
    assert blocks(item["content_html"]) == [block for block in expected if block[1]]
