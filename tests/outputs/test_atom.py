"""Atom 1.0 renderer: well-formed for any text, read back by feedparser and lxml, RFC 5005 paging links."""

from __future__ import annotations

import dataclasses
from typing import Any

import feedparser
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from app.outputs import clean
from app.outputs.atom import ATOM_NS, render_atom
from tests.outputs.support import HOSTILE, Entry, blocks, meta, texts

NS = {"a": ATOM_NS}
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


def _tree(*entries: Entry, **meta_fields: Any) -> etree._Element:
    # A parser that recovers nothing: any well-formedness error fails the test.
    return etree.fromstring(render_atom(entries, meta(**meta_fields)), etree.XMLParser(recover=False))


def _parsed(*entries: Entry, **meta_fields: Any) -> Any:
    parsed = feedparser.parse(render_atom(entries, meta(**meta_fields)))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _links(element: etree._Element) -> dict[str, str]:
    return {str(link.get("rel")): str(link.get("href")) for link in element.iterfind("a:link", NS)}


def test_feedparser_reads_every_entry_back() -> None:
    entries = [Entry(), dataclasses.replace(Entry(), id=43, headline="Second story", url=None)]
    parsed = _parsed(*entries)
    assert [e.id for e in parsed.entries] == ["urn:feedhook:item:42", "urn:feedhook:item:43"]
    assert [e.title for e in parsed.entries] == ["Biden orders airstrikes in Syria", "Second story"]
    assert [e.link for e in parsed.entries] == [
        "https://www.businessinsider.com/biden-airstrikes-syria-2021-2",
        "https://ift.tt/3r0axg6",
    ]
    first = parsed.entries[0]
    assert first.content[0].type == "text/html"
    assert blocks(first.content[0].value) == [
        ("li", "The US launched airstrikes Thursday night."),
        ("li", "The Pentagon confirmed it."),
        ("p", "US President Joe Biden ordered the strikes."),
        ("p", "Officials said more may follow."),
    ]
    assert first.summary == "The US launched airstrikes Thursday night."
    assert first.author == "Charles Davis"
    assert first.source.title == "Business Insider"
    assert first.published == "2021-02-25T21:14:00Z"
    assert first.updated == "2021-02-25T21:15:03.120000Z"
    assert {link.rel: link.href for link in first.links}["via"] == "https://ift.tt/3r0axg6"


def test_the_document_is_atom_with_the_elements_rfc_4287_requires() -> None:
    feed = _tree(Entry())
    assert feed.tag == f"{{{ATOM_NS}}}feed"
    assert feed.nsmap == {None: ATOM_NS}
    for path in ("a:id", "a:title", "a:updated", "a:author/a:name", "a:generator"):
        assert feed.find(path, NS) is not None, path
    assert feed.findtext("a:id", namespaces=NS) == "https://feedhook.test/v1/feed"
    assert feed.findtext("a:updated", namespaces=NS) == "2021-02-26T00:00:00Z"
    (entry,) = feed.iterfind("a:entry", NS)
    for path in ("a:id", "a:title", "a:updated", "a:content"):
        assert entry.find(path, NS) is not None, path
    assert entry.find("a:content", NS).get("type") == "html"  # type: ignore[union-attr]


def test_pages_link_to_themselves_the_first_page_and_the_next() -> None:
    page = _tree(Entry(), self_url="https://feedhook.test/v1/feed?cursor=a", next_url="https://feedhook.test/n?c=b")
    assert _links(page) == {
        "self": "https://feedhook.test/v1/feed?cursor=a",
        "first": "https://feedhook.test/v1/feed",
        "next": "https://feedhook.test/n?c=b",
        "alternate": "https://feedhook.test/docs",
    }
    assert "next" not in _links(_tree(Entry()))
    parsed = _parsed(Entry(), next_url="https://feedhook.test/v1/feed?cursor=b&limit=2")
    assert {link.rel: link.href for link in parsed.feed.links}[
        "next"
    ] == "https://feedhook.test/v1/feed?cursor=b&limit=2"


def test_an_entry_with_no_link_date_content_or_people_is_still_valid() -> None:
    (entry,) = _tree(BARE).iterfind("a:entry", NS)
    assert [child.tag.partition("}")[2] for child in entry] == ["id", "title", "updated", "published", "content"]
    assert entry.findtext("a:published", namespaces=NS) == "2021-02-25T21:15:03.120000Z"  # received instead
    assert entry.findtext("a:content", namespaces=NS) == ""
    (parsed,) = _parsed(BARE).entries
    assert parsed.id == "urn:feedhook:item:7"
    assert not parsed.get("links")  # (feedparser then offers the id as `link`: guidislink)


def test_an_untitled_post_has_the_required_title_empty_and_its_text_as_content() -> None:
    toot = Entry(headline=None, bullets=(), body=("Snow overnight. The cat is furious about it.",))
    (entry,) = _tree(toot).iterfind("a:entry", NS)
    assert entry.find("a:title", NS) is not None  # RFC 4287 §4.1.2: exactly one, even with no title to give
    assert entry.findtext("a:title", namespaces=NS) == ""
    (parsed,) = _parsed(toot).entries
    assert "Snow overnight." in parsed.content[0].value


def test_the_via_link_appears_only_when_it_differs_from_the_canonical_one() -> None:
    image = {"enclosure": "https://i.insider.com/603826.jpg"}  # the entry's image, beside its links
    (entry,) = _tree(Entry(url=None)).iterfind("a:entry", NS)
    assert _links(entry) == {"alternate": "https://ift.tt/3r0axg6", **image}
    canonical = "https://www.businessinsider.com/biden-airstrikes-syria-2021-2"
    (same,) = _tree(Entry(source_link=canonical)).iterfind("a:entry", NS)
    assert _links(same) == {"alternate": canonical, **image}


def test_hostile_text_is_well_formed_escaped_once_and_read_back() -> None:
    entry = Entry(headline=HOSTILE, bullets=(HOSTILE,), body=(HOSTILE,), author=HOSTILE, source=HOSTILE)
    text = clean(HOSTILE)
    assert not {"\x00", "\x0b", "\x85", "\ud800", "\ufffe"} & set(text)
    (element,) = _tree(entry, title=HOSTILE).iterfind("a:entry", NS)
    assert element.findtext("a:title", namespaces=NS) == text
    assert element.findtext("a:author/a:name", namespaces=NS) == text.strip()
    assert element.findtext("a:source/a:title", namespaces=NS) == text.strip()
    html = element.findtext("a:content", namespaces=NS)
    assert html is not None
    assert "<script>" not in html
    assert blocks(html) == [("li", text.strip()), ("p", text.strip())]
    (parsed,) = _parsed(entry, title=HOSTILE).entries
    assert parsed.title == text.strip()  # feedparser strips the ends of a title
    assert blocks(parsed.content[0].value) == [("li", text.strip()), ("p", text.strip())]


@settings(max_examples=200, deadline=None)
@given(
    headline=texts(),
    bullets=st.lists(texts(max_size=40), max_size=3),
    body=st.lists(texts(max_size=40), max_size=3),
    author=st.none() | texts(max_size=20),
)
def test_any_text_gives_a_well_formed_feed_that_reads_back(
    headline: str, bullets: list[str], body: list[str], author: str | None
) -> None:
    entry = Entry(headline=headline, bullets=tuple(bullets), body=tuple(body), author=author, source=author)
    (element,) = _tree(entry).iterfind("a:entry", NS)
    assert element.findtext("a:title", namespaces=NS) == clean(headline)
    expected = [("li", clean(b).strip()) for b in bullets] + [("p", clean(p).strip()) for p in body]
    assert blocks(element.findtext("a:content", namespaces=NS) or "") == [block for block in expected if block[1]]
    (parsed,) = _parsed(entry).entries
    assert parsed.id == "urn:feedhook:item:42"


def test_an_entry_carries_its_image_as_an_enclosure_link() -> None:
    with_image = dataclasses.replace(Entry(), image_url="https://cdn.example.org/a/photo.JPG?w=600")
    [entry] = _parsed(with_image).entries
    [enclosure] = [link for link in entry.links if link.rel == "enclosure"]
    assert (enclosure.href, enclosure.type) == ("https://cdn.example.org/a/photo.JPG?w=600", "image/jpeg")
    untyped = dataclasses.replace(Entry(), image_url="https://img.example.org/render?id=9")
    assert [link.type for link in _parsed(untyped).entries[0].links if link.rel == "enclosure"] == ["image/*"]
    not_http = dataclasses.replace(Entry(), image_url="javascript:alert(1)")
    assert all(link.rel != "enclosure" for link in _parsed(not_http).entries[0].links)
