"""Aggregator items: the headline's `` - Outlet`` suffix and descriptions that are only link digests."""

from __future__ import annotations

from typing import Any

import pytest

from app.normalize import RawItem, normalize
from app.normalize.aggregator import drop_source_suffix

from .support import NOW, SETTINGS

ECHO = (
    '<a href="https://news.google.com/rss/articles/x?oc=5">{title}</a>&nbsp;&nbsp;<font color="#6f6f6f">{outlet}</font>'
)
GOOGLE = "https://news.google.com/rss/articles/CBMiAAA?oc=5"


@pytest.mark.parametrize(
    ("title", "source_name", "content", "expected"),
    [
        ("Fed holds rates - Reuters", "Reuters", "", "Fed holds rates"),
        ("Fed holds rates – The Wall Street Journal", "the wall street journal", "", "Fed holds rates"),
        ("Fed holds rates | BBC News", "BBC News", "", "Fed holds rates"),
        ("Fed holds rates - Reuters", "Bloomberg", "", "Fed holds rates - Reuters"),  # not its source
        ("Paris - a history", None, "<p>Paris is old.</p>", "Paris - a history"),  # nothing to compare
        ("Fed holds rates - Reuters", None, ECHO.format(title="Fed holds rates", outlet="Reuters"), "Fed holds rates"),
        ("Q&A - AT&T", None, ECHO.format(title="Q&amp;A", outlet="AT&amp;T"), "Q&A"),
        ("Fed - Reuters - Reuters", "Reuters", "", "Fed - Reuters"),  # only the last suffix
        ("- Reuters", "Reuters", "", "- Reuters"),  # nothing would be left
    ],
)
def test_drop_source_suffix(title: str, source_name: str | None, content: str, expected: str) -> None:
    assert drop_source_suffix(title, source_name=source_name, content=content) == expected


def run(content: str, **fields: Any) -> Any:
    return normalize(RawItem(content=content, link=GOOGLE, **fields), now=NOW, settings=SETTINGS)


def test_a_google_news_echo_is_neither_bullets_nor_body() -> None:
    item = run(
        ECHO.format(title="Storm hits coast", outlet="The Washington Post"),
        title="Storm hits coast - The Washington Post",
    )
    assert (item.headline, item.bullets, item.body) == ("Storm hits coast", [], [])


def test_a_google_news_cluster_list_is_neither_bullets_nor_body() -> None:
    cluster = "".join(
        f"<li>{ECHO.format(title=t, outlet=o)}</li>"
        for t, o in [("Storm hits coast", "CNN"), ("Live: the storm", "NBC News")]
    )
    item = run(
        f"<ol>{cluster}<li><strong><a href='{GOOGLE}'>View Full Coverage on Google News</a></strong></li></ol>",
        title="Storm hits coast - CNN",
    )
    assert (item.headline, item.bullets, item.body) == ("Storm hits coast", [], [])


def test_story_text_from_an_aggregator_stays() -> None:
    text = "The storm reached the coast on Monday night, and thousands of homes lost power."
    item = run(f"<p>{text}</p>{ECHO.format(title='Storm', outlet='CNN')}", title="Storm - CNN", source_name="CNN")
    assert item.body == [text]  # (the echo of the title and its outlet beside it goes)


def test_a_link_digest_elsewhere_is_left_alone() -> None:
    item = normalize(
        RawItem(title="Links", content=ECHO.format(title="Other story", outlet="Blog"), link="https://example.com/a"),
        now=NOW,
        settings=SETTINGS,
    )
    assert item.body == ["Other story Blog"]


def test_a_google_news_links_title_loses_its_outlet_without_a_description() -> None:
    """An applet posts a Google News item's title and link alone: the link says the suffix is the outlet."""
    from app.normalize import RawItem, normalize
    from tests.normalize.support import NOW, SETTINGS

    raw = RawItem(
        title="NNPC and Dangote sign new crude supply deal - Punch Newspapers",
        link="https://news.google.com/rss/articles/CBMilAFBVV95?oc=5",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).headline == "NNPC and Dangote sign new crude supply deal"
    elsewhere = RawItem(title="Paris - a history", link="https://blog.example/paris")
    assert normalize(elsewhere, now=NOW, settings=SETTINGS).headline == "Paris - a history"


def test_an_aggregators_echo_is_no_body_and_its_outlet_the_source() -> None:
    """A Google News item passed on by an applet: the description is the headline and the outlet, nothing more."""
    from app.normalize import RawItem, normalize
    from tests.normalize.support import NOW, SETTINGS

    raw = RawItem(
        title="Gardaí appeal for witnesses after city centre assault - Irish Independent",
        link="https://ift.tt/Jm5vC1x",
        feed_title="Top stories - Google News",
        content='<a href="https://news.google.com/rss/articles/CBMi?oc=5">Gardaí appeal for witnesses after city centre'
        ' assault</a>&nbsp;&nbsp;<font color="#6f6f6f">Irish Independent</font>',
    )
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.headline, item.body, item.source) == (
        "Gardaí appeal for witnesses after city centre assault",
        [],
        "Irish Independent",
    )


@pytest.mark.parametrize(
    ("feed_title", "content"),
    [
        # an applet's shortened link hides news.google.com: the feed's title names the aggregator, in its language
        ("Galvenās ziņas - Google ziņas", "<p>Saeima pieņem 2027. gada budžetu&nbsp;&nbsp;LSM</p>"),
        (
            None,
            "Saeima pieņem 2027. gada budžetu  LSM\n"
            "from Galvenās ziņas - Google ziņas https://ift.tt/3xYz9Ab\nvia IFTTT",
        ),
    ],
)
def test_an_aggregators_feed_named_by_its_title_gives_the_origin(feed_title: str | None, content: str) -> None:
    raw = RawItem(title="Saeima pieņem 2027. gada budžetu - LSM", link="https://ift.tt/3xYz9Ab", content=content,
                  feed_title=feed_title, content_kind="text" if feed_title is None else "html")  # fmt: skip
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.headline, item.source, item.body) == ("Saeima pieņem 2027. gada budžetu", "LSM", [])
    # a feed about Google's own news is no aggregator's, nor a feed whose link shows its own host
    for feed, link in (
        ("Google News Initiative", "https://ift.tt/1"),
        ("Top stories - Google News", "https://a.example/x"),
    ):
        own = RawItem(title="Training reporters - Part 2", link=link, feed_title=feed, content="<p>Text.</p>")
        assert normalize(own, now=NOW, settings=SETTINGS).headline == "Training reporters - Part 2"
