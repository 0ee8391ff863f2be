"""text/plain ``key: value`` bodies: a field's key after the content ends it, in any case."""

from __future__ import annotations

import pytest

from app.ingest.payload import parse_payload


@pytest.mark.parametrize(
    ("author_key", "date_key"),
    [("author", "published"), ("Author", "Published"), ("AUTHOR", "published_at"), ("EntryAuthor", "EntryPublished")],
)
def test_a_fields_key_after_the_content_ends_the_content(author_key: str, date_key: str) -> None:
    body = (
        "title: Harbour plan approved\n"
        "content: The council approved the plan.\n"
        "It will cost less than feared.\n"
        f"{author_key}: Jane Doe\n"
        f"{date_key}: 2024-05-01T10:00:00Z\n"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["content"] == "The council approved the plan.\nIt will cost less than feared."
    assert fields["author"] == "Jane Doe"
    assert fields["published"] == "2024-05-01T10:00:00Z"


def test_the_rest_of_the_keys_after_the_content_in_lower_case() -> None:
    body = (
        "content: Body text.\nurl: https://example.com/a\nimage: https://example.com/a.jpg\nfeed_title: Desk\ntitle: T"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields == {
        "content": "Body text.",
        "url": "https://example.com/a",
        "image": "https://example.com/a.jpg",
        "feed_title": "Desk",
        "title": "T",
    }


def test_prose_that_looks_like_a_key_stays_in_the_content() -> None:
    body = (
        "title: A review\n"
        "author: Jane Doe\n"
        "content: A fine novel.\n"
        "Title: The Great Gatsby\n"  # title was given: this is the review's prose
        "Author: F. Scott Fitzgerald\n"  # likewise
        "Source: the publisher\n"  # an alias that is an everyday word
        "Link: see below\n"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["title"] == "A review"
    assert fields["author"] == "Jane Doe"
    assert fields["content"].endswith("Link: see below")
    assert "Title: The Great Gatsby" in fields["content"]
    assert "feed_title" not in fields
