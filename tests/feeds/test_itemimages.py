"""An item's own <image>URL</image>, which feedparser drops, reaches the entry's image."""

from __future__ import annotations

from app.feeds.itemimages import item_images
from app.feeds.parser import parse_feed

DOCUMENT = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Latest</title>
<link>https://www.news.example/</link>
<image><title>News</title><url>https://www.news.example/logo.png</url><link>https://www.news.example/</link></image>
<item><title>A</title><link>https://www.news.example/a</link><image>https://cdn.news.example/a.jpg</image></item>
<item><title>B</title><link>https://www.news.example/b</link></item>
<item><title>C</title><link>https://www.news.example/c</link><image><![CDATA[https://cdn.news.example/c.jpg]]></image></item>
</channel></rss>"""


def test_each_items_own_image_in_document_order() -> None:
    assert item_images(DOCUMENT) == ["https://cdn.news.example/a.jpg", None, "https://cdn.news.example/c.jpg"]
    # the channel's logo is no item's image; a document without item images costs two byte searches
    assert item_images(DOCUMENT.replace(b"<image>https", b"<thumb>https").replace(b"<image><!", b"<x><!")) is None


def test_the_parsed_entries_carry_it_on_both_parsers() -> None:
    for fast in (True, False):
        feed = parse_feed(DOCUMENT, url="https://www.news.example/rss", fast=fast)
        assert [e.image for e in feed.entries] == [
            "https://cdn.news.example/a.jpg",
            None,
            "https://cdn.news.example/c.jpg",
        ]


def test_an_items_image_written_as_a_channels_with_its_url_inside() -> None:
    document = DOCUMENT.replace(
        b"<image>https://cdn.news.example/a.jpg</image>",
        b"<image><url>https://cdn.newsapi.example/image/v1/9a3f?width=650</url><title>A tram. Picture: J</title>"
        b"<link>https://www.news.example/a</link></image>",
    )
    assert item_images(document) == [
        "https://cdn.newsapi.example/image/v1/9a3f?width=650",
        None,
        "https://cdn.news.example/c.jpg",
    ]
    for fast in (True, False):
        feed = parse_feed(document, url="https://www.news.example/rss", fast=fast)
        assert feed.entries[0].image == "https://cdn.newsapi.example/image/v1/9a3f?width=650"


def test_an_item_repeating_the_channels_logo_has_no_picture() -> None:
    document = DOCUMENT.replace(
        b"<image>https://cdn.news.example/a.jpg</image>",
        b"<image><url>https://www.news.example/logo.png</url><title>News</title></image>",
    )
    assert item_images(document) == [None, None, "https://cdn.news.example/c.jpg"]
