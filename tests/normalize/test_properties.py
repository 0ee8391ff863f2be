"""Property tests: any input gives a NormalizedItem or a NormalizeError; output is stable and clean."""

from __future__ import annotations

import html
import os
import re
import time
from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import NormalizeError
from app.normalize import NormalizedItem, RawItem, _run, normalize
from app.normalize.text import BULLET_MARKER
from fuzz.fuzz_normalize import active_markup

from .support import NOW, SETTINGS

FRAGMENTS = [
    "<p>", "</p>", "<br>", "<br/>", "<br><br>", "<div>", "</div>", "<ul>", "</ul>", "<ol>", "<li>", "</li>",
    '<ul class="summary-list">', "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<table><tr><td>",
    "</td></tr></table>", "<figure>", "<figcaption>", "</figcaption>", "<b>", "</b>", "<em>", "<span>",
    '<a href="https://example.com/a?utm_source=x&amp;id=1">', '<a href="javascript:alert(1)">', "<a href=/rel>",
    "</a>", '<img src="https://i.example.com/a.jpg" srcset="https://evil/x 2x" onerror="alert(1)">',
    '<img src="data:image/png;base64,AAAA">', '<img src="http://feeds.feedburner.com/~r/X/~4/a" width="1">',
    "<script>alert(1)</script>", "<style>p{color:red}</style>", "<svg><script>x</script></svg>",
    "<iframe src=https://evil></iframe>", "<pre>", "</pre>", "<ol start=3>", "</ol>", "<th>", "<thead>",
    "<!-- comment -->", "<![CDATA[ cdata ]]>", "<embed src=x>",
    "<?xml version='1.0'?>", '<div class="feedflare"><a href="x">flare</a></div>', "<noscript>n</noscript>",
    "&amp;", "&amp;amp;", "&#8217;", "&nbsp;", "&lt;b&gt;", "&amp;lt;script&amp;gt;", "&bogus;", "&#0;",
    "&#x110000;", "&copy", "\x00", "\x07", "\x1b", "\x85", "\x93", "\u200b", "\ufeff", "\u2028", "\r\n",
    "\n", "\n\n", "\t", " ", "- ", "• ", "* ", "– ", "— ", "1. ", "<", ">", "&", "</", "<!", "<b", "<?",
    "Headline words", "A sentence of story text.", "Getty Images", "Reuters/Jane Doe", "Photo by Jo",
    "from Business Insider https://ift.tt/3r0axg6", "from <a href='https://ift.tt/x'>A Site</a>", "via IFTTT",
    "Comments", "Post a Comment", "Newer Post", "Labels: x", "Read more: x", "See Also:", "SEE ALSO: x",
    "Visit Business Insider's homepage for more stories.", "Have a news tip? Email this reporter: a@b.c",
    "Read the original article on Business Insider", "The post X appeared first on Y.", "Continue reading",
    "ünïcödé", "日本語のテキスト", "emoji 👩‍👩‍👧 here", "RTL ‏עברית‎",
]  # fmt: skip
URLS = [
    "https://ift.tt/3r0axg6", "https://www.example.com/a?utm_source=x#f", "javascript:alert(1)", "data:,x",
    "HTTPS://EXAMPLE.com:443/", "//cdn.example.com/x", "https://bücher.example/x", "ftp://x", "http://[::1",
    " https://bit.ly/x ", "mailto:a@b.c", "https://ifttt.com/images/no_image_card.png",
    "http://feedproxy.google.com/~r/F/~3/a/b", "https://feeds.businessinsider.com/custom/all",
]  # fmt: skip
DATES = [
    "February 25, 2021 at 09:14PM", "Thu, 25 Feb 2021 21:14:00 +0000", "2021-02-25T21:14:00Z",
    "2021-02-25T21:14:00", "2099-01-01T00:00:00Z", "garbage", "", "0001-01-01", "9999-12-31T23:59:59-23:59",
]  # fmt: skip

texty = st.one_of(
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join),
    st.text(max_size=300),
    st.sampled_from(["", "   ", "<p>" * 3000, "word " * 3000, "<div>" * 300 + "deep", "&amp;" * 500]),
)
maybe_text = st.one_of(st.none(), texty)
maybe_url = st.one_of(st.none(), st.sampled_from(URLS), st.text(max_size=40))
struct_times = st.tuples(*[st.integers(-5, 3000)] * 9).map(time.struct_time)
date_values: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.sampled_from(DATES),
    st.text(max_size=30),
    st.datetimes(),
    st.datetimes(timezones=st.timezones()),
    struct_times,
)
raw_items = st.builds(
    RawItem,
    title=maybe_text,
    content=maybe_text,
    content_kind=st.sampled_from(["auto", "html", "text"]),
    link=maybe_url,
    orig_link=maybe_url,
    author=maybe_text,
    image=maybe_url,
    published=date_values,
    updated=date_values,
    feed_title=maybe_text,
    feed_url=maybe_url,
    guid=st.one_of(st.none(), st.sampled_from(URLS), st.text(max_size=40)),
)

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
EXAMPLES = int(os.environ.get("NORMALIZE_PROPERTY_EXAMPLES", "200"))  # raise it to hunt, keep CI fast
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _code(item: NormalizedItem) -> set[str]:
    return {block["text"] for block in item.blocks if block["type"] == "code"}


def _text_fields(item: NormalizedItem) -> list[str]:
    # A code paragraph keeps its line breaks and indentation (the body contract); it is checked apart.
    body = [text for text in item.body if text not in _code(item)]
    return [item.headline or "", *item.bullets, *body, item.source or "", item.author or ""]


@PROPERTY_SETTINGS
@given(raw_items)
def test_only_normalize_error_escapes(raw: RawItem) -> None:
    # _run is the recipe without normalize()'s last-resort net, so this checks the code, not the net.
    try:
        item = _run(raw, now=NOW, settings=SETTINGS)
    except NormalizeError:
        return
    assert isinstance(item, NormalizedItem)


@PROPERTY_SETTINGS
@given(raw_items)
def test_text_fields_hold_no_markup_entities_or_controls(raw: RawItem) -> None:
    try:
        item = normalize(raw, now=NOW, settings=SETTINGS)
    except NormalizeError:
        return
    assert item.headline != ""  # a headline, or none (an untitled post, whose text is then the body)
    assert item.headline or item.body or item.bullets
    for text in _text_fields(item):
        assert not active_markup(text), text
        assert html.unescape(text) == text, text
        assert not _CONTROL.search(text), text
        assert text == text.strip()
        assert "  " not in text
    for code in _code(item):
        assert not active_markup(code), code
        assert html.unescape(code) == code, code
        assert not _CONTROL.search(code.replace("\n", "").replace("\t", "")), code
        assert code.strip()
    assert all(item.bullets)
    assert all(item.body)
    if item.published_at is not None:
        assert item.published_at.utcoffset() is not None
    if "published_in_future_clamped" in item.flags:
        assert item.published_at == NOW


@PROPERTY_SETTINGS
@given(raw_items)
def test_body_html_is_allowlisted(raw: RawItem) -> None:
    try:
        item = normalize(raw, now=NOW, settings=SETTINGS)
    except NormalizeError:
        return
    markup = (item.body_html or "").lower()
    for bad in ("<script", "<style", "<svg", "<iframe", "<embed", "<object", "srcset", "javascript:", "data:"):
        assert bad not in markup
    assert not re.search(r"<[^>]*\son\w+\s*=", markup)
    for url in (item.url, item.image_url):
        assert url is None or url.startswith(("http://", "https://"))


def _headline_of_body(item: NormalizedItem) -> bool:
    return "headline_from_content" in item.flags and bool(item.body) and item.body[0] == item.headline


def _refeed(item: NormalizedItem) -> RawItem:
    parts = ["\n".join(f"- {bullet}" for bullet in item.bullets), *item.body]
    return RawItem(
        # an untitled item whose body kept the text its headline was made from goes back untitled: that
        # headline is a view of its text, not a title over it
        title=None if _headline_of_body(item) else item.headline,
        content="\n\n".join(part for part in parts if part),
        content_kind="text",
        link=item.source_link,
        feed_title=item.source,
        published=item.published_at,
    )


@PROPERTY_SETTINGS
@given(raw_items)
def test_normalizing_is_idempotent(raw: RawItem) -> None:
    try:
        first = normalize(raw, now=NOW, settings=SETTINGS)
    except NormalizeError:
        return
    if _code(first):
        return  # plain text has no notation for code: fed back in, its lines are ordinary text lines
    if any(block["type"] == "list" and not block["ordered"] for block in first.blocks) or any(
        BULLET_MARKER.match(paragraph) for paragraph in first.body
    ):
        # The body writes an unordered list's items as plain paragraphs, and a paragraph opening with "· "
        # reads as a list item when fed back: neither round-trips through plain text.
        return
    second = normalize(_refeed(first), now=NOW, settings=SETTINGS)
    assert (second.headline, second.bullets, second.body) == (first.headline, first.bullets, first.body)
    assert second.content_hash == first.content_hash


@settings(max_examples=60, deadline=None, database=None)
@given(st.datetimes(), st.integers(0, 10**6))
def test_future_dates_are_clamped(moment: datetime, tolerance: int) -> None:
    item = normalize(
        RawItem(title="T", content="x", published=moment),
        now=NOW,
        settings=SETTINGS.model_copy(update={"future_tolerance_seconds": tolerance}),
    )
    assert item.published_at is not None
    if "published_in_future_clamped" in item.flags:
        assert item.published_at == NOW
    else:
        assert (item.published_at - NOW).total_seconds() <= tolerance


# libxml2 keeps the control characters it parsed, but lxml refuses to be given them back: each tree rule and
# walker step that writes text read from the tree (a field's tail, a preserved line, an image's alt, a quote's
# attribution) must drop them, or the item fails with the net's ValueError.
@pytest.mark.parametrize(
    "content",
    [
        '<div class="field field-label-inline"><div class="field-label">Project:</div>\x05\x00'
        '<div class="field-items"><div class="field-item">Drupal core</div></div></div><p>The advisory text.</p>',
        '<p style="white-space:pre-wrap">Line one\x05\nLine two\x0b\n\nLine three</p>',
        '<p>Energy is <img class="latex" alt="E=mc^2\x05"> in the paper.</p><p>Second paragraph.</p>',
        "<blockquote><p>A line worth quoting.</p>\x05— A. Writer\x06</blockquote><p>The story goes on.</p>",
    ],
    ids=["inline-field-tail", "preserved-lines", "image-alt", "quote-attribution"],
)
def test_control_characters_in_the_tree_are_not_written_back(content: str) -> None:
    item = normalize(RawItem(title="Controls", content=content, content_kind="html"), now=NOW, settings=SETTINGS)
    assert item.body
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", " ".join(item.body))
