"""Tests of app.feeds.parser: golden fixtures for every format, recovery from broken feeds, not-a-feed cases."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import FeedParseError
from app.feeds.parser import ParsedFeed, parse_feed
from app.normalize.model import RawItem

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".expected.json"))
PROPERTY = settings(max_examples=150, deadline=None, database=None)


def _plain(value: Any) -> Any:
    # struct_time (feedparser's parsed dates, in UTC) is written {"utc": ...}; raw date strings stay strings.
    if isinstance(value, time.struct_time):
        return {"utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", value)}
    return value


def _summary(feed: ParsedFeed) -> dict[str, Any]:
    skip = {"feed_url", "feed_title"}
    return {
        "version": feed.version,
        "title": feed.title,
        "site_url": feed.site_url,
        "ttl_seconds": feed.ttl_seconds,
        "bozo": feed.bozo,
        "entries": [{k: _plain(getattr(e, k)) for k in RawItem.model_fields if k not in skip} for e in feed.entries],
    }


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fixture_feeds_yield_the_expected_entries(path: Path) -> None:
    url = f"https://fixture.test/{path.name}"
    feed = parse_feed(path.read_bytes(), headers={}, url=url)
    expected = json.loads(Path(f"{path}.expected.json").read_text(encoding="utf-8"))
    assert _summary(feed) == expected
    assert feed.entries, "every format must yield entries"
    assert {(e.feed_url, e.feed_title) for e in feed.entries} == {(url, feed.title)}


def test_every_format_is_covered() -> None:
    versions = {parse_feed(p.read_bytes(), url="https://fixture.test/").version for p in CASES}
    assert versions == {"rss091u", "rss10", "rss20", "atom03", "atom10", "json10", "json11"}


def test_http_charset_wins_over_the_xml_declaration() -> None:
    # RFC 3023: for application/*+xml the HTTP charset decides; the bytes here are Latin-1.
    doc = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Café</title></channel></rss>'
    feed = parse_feed(
        doc.encode("latin-1"), headers={"Content-Type": "application/rss+xml; charset=iso-8859-1"}, url="u"
    )
    assert feed.title == "Café"


def test_utf16_feed() -> None:
    doc = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>Ünïcode</title>'
    doc += "<item><title>è</title></item></channel></rss>"
    feed = parse_feed(doc.encode("utf-16"), headers={"content-type": "application/xml"}, url="u")
    assert (feed.title, [e.title for e in feed.entries]) == ("Ünïcode", ["è"])


def test_a_truncated_feed_keeps_what_it_has() -> None:
    doc = b'<rss version="2.0"><channel><title>Cut</title><item><title>Whole</title><guid>1</guid></item>'
    doc += b"<item><title>Half"
    feed = parse_feed(doc, headers={"Content-Type": "application/rss+xml"}, url="u")
    assert feed.bozo
    assert feed.bozo_message
    assert [e.title for e in feed.entries][:1] == ["Whole"]


def test_an_empty_channel_is_a_feed() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', url="u")
    assert (feed.title, feed.entries, feed.bozo) == ("Quiet", [], False)


def test_ttl_in_minutes_becomes_seconds() -> None:
    def ttl(value: str) -> int | None:
        doc = f'<rss version="2.0"><channel><title>t</title><ttl>{value}</ttl></channel></rss>'
        return parse_feed(doc.encode(), url="u").ttl_seconds

    assert [ttl("60"), ttl(" 5 "), ttl("0"), ttl("-3"), ttl("soon")] == [3600, 300, None, None, None]
    assert [ttl("²"), ttl("9" * 5000)] == [None, None]  # never int("²"), never past int's digit limit


def test_links_and_guids_stay_as_written() -> None:
    # No base URL is given to feedparser, so a GUID that is not a URL is not turned into one.
    doc = b'<rss version="2.0"><channel><title>t</title><item><guid>42</guid><link>/rel</link></item></channel></rss>'
    entry = parse_feed(doc, headers={"Content-Location": "https://x.example/feed"}, url="https://x.example/feed")
    assert (entry.entries[0].guid, entry.entries[0].link) == ("42", "/rel")


def test_javascript_links_are_passed_on_for_the_normalizer_to_judge() -> None:
    doc = b'<rss version="2.0"><channel><title>t</title><item><link>javascript:alert(1)</link></item></channel></rss>'
    assert parse_feed(doc, url="u").entries[0].link == "javascript:alert(1)"


def test_long_titles_are_cut_to_max_field_chars() -> None:
    doc = (
        f'<rss version="2.0"><channel><title>{"T" * 500}</title><item><title>{"x" * 500}</title></item></channel></rss>'
    )
    feed = parse_feed(doc.encode(), url="u", max_field_chars=100)
    assert (feed.title, feed.entries[0].title) == ("T" * 100, "x" * 100)


@pytest.mark.parametrize(
    ("content", "headers", "message"),
    [
        (b"", None, "not a feed: the document is empty"),
        (b"  \n ", None, "not a feed: the document is empty"),
        (b"<html><head><title>Hi</title></head><body><p>x</p></body></html>", {"Content-Type": "text/html"}, ""),
        (b"hello world", {"Content-Type": "text/plain"}, ""),
        (b"<?xml version='1.0'?><config><x>1</x></config>", None, "not a feed: no feed elements found"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": ', None, "invalid JSON"),
        (b'{"name": "not a feed", "items": []}', None, "JSON without a JSON Feed version and items"),
        (b"{" * 100_000, None, "invalid JSON"),
        (b"\x00\xff\xfe\x01garbage", None, ""),
    ],
)
def test_documents_that_are_no_feed(content: bytes, headers: dict[str, str] | None, message: str) -> None:
    with pytest.raises(FeedParseError, match=message or None):
        parse_feed(content, headers=headers, url="u")


@PROPERTY
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_arbitrary_bytes_never_raise_anything_but_feed_parse_error(content: bytes) -> None:
    with contextlib.suppress(FeedParseError):
        parse_feed(content, url="u")


_XMLISH = st.lists(
    st.sampled_from(
        [
            "<rss>",
            "</rss>",
            "<channel>",
            "<item>",
            "</item>",
            "<title>",
            "</title>",
            "<author>",
            "</author>",
            "x",
            "&amp;",
            "&big;",
            "<![CDATA[",
            "]]>",
            "<!--",
            "-->",
            "<!DOCTYPE r [",
            "<!ENTITY big 'b'>",
            "]>",
            "é",
            '"',
        ]
    ),
    max_size=40,
).map(lambda parts: "".join(parts).encode())


@PROPERTY
@given(_XMLISH)
def test_xml_like_fragments_never_raise_anything_but_feed_parse_error(content: bytes) -> None:
    with contextlib.suppress(FeedParseError):
        parse_feed(content, url="u")


def test_the_channel_logos_title_reaches_every_item() -> None:
    document = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Football News</title>
    <link>https://www.sport.example/</link><image><title>Sport Daily</title>
    <url>https://www.sport.example/logo.gif</url><link>https://www.sport.example/</link></image>
    <item><title>A</title><link>https://www.sport.example/a</link></item>
    <item><title>B</title><link>https://www.sport.example/b</link></item></channel></rss>"""
    for fast in (True, False):
        feed = parse_feed(document, url="https://www.sport.example/rss", fast=fast)
        assert feed.title == "Football News"
        assert [entry.feed_image_title for entry in feed.entries] == ["Sport Daily", "Sport Daily"]


def test_the_channels_description_reaches_every_item() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local News</title>
    <link>https://www.wcpo.example/</link>
    <description><![CDATA[Local news from <b>WCPO 9</b> Cincinnati]]></description>
    <item><title>A</title><description>Not this one</description></item></channel></rss>"""
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
    <subtitle type="html">From KUNM &amp;amp; friends</subtitle>
    <entry><title>A</title><summary>S</summary></entry></feed>"""
    bare = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>A</title><description>An item's</description></item></channel></rss>"""
    for fast in (True, False):
        described = [parse_feed(doc, url="https://f.example/rss", fast=fast).entries[0] for doc in (rss, atom, bare)]
        assert [e.feed_description for e in described] == [
            "Local news from WCPO 9 Cincinnati",
            "From KUNM & friends",
            None,
        ]


def test_a_json_feed_items_audio_attachment_is_its_media_kind() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "A Show",
        "items": [
            {
                "id": "1",
                "content_text": "Notes.",
                "attachments": [{"url": "https://a.example/1.mp3", "mime_type": "audio/mpeg"}],
            },
            {"id": "2", "content_text": "Text."},
        ],
    }
    items = parse_feed(
        json.dumps(doc).encode(), headers={"content-type": "application/feed+json"}, url="https://a.example/feed.json"
    ).entries
    assert [item.media_kind for item in items] == ["audio", None]
