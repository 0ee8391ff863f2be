"""Chrome at the edges only: edge runs, closing sections, trailing teaser links, widgets by markup."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from app.normalize import NormalizedItem, RawItem, normalize, plans, rules
from app.normalize.blocks import Block, Document, Line

from .support import NOW, SETTINGS

STORY = "The council voted on Tuesday to extend the program for another three years."
MORE = "Officials said the money would come from the reserve fund, not from new taxes."


def run(content: str, **fields: Any) -> NormalizedItem:
    return normalize(RawItem(title="Title", content=content, **fields), now=NOW, settings=SETTINGS)


def build(name: str, **args: Any) -> Any:
    plans.publishers()  # importing plans registers every rule module
    return rules.REGISTRY[name].build([{"name": name, **args}])


def doc(*texts: str) -> Document:
    return Document(blocks=[Block("p", [Line(t, t)]) for t in texts])


def texts(d: Document) -> list[str]:
    return [b.text for b in d.blocks]


@pytest.mark.parametrize("word", ["Home", "Print", "Email", "Comments", "Share", "Reply"])
def test_a_chrome_word_as_a_heading_mid_story_is_story(word: str) -> None:
    item = run(f"<p>{STORY}</p><h2>{word}</h2><p>{MORE}</p>")
    assert item.body == [STORY, word, MORE]


@pytest.mark.parametrize("word", ["Home", "Print", "Email", "Comments", "Share", "Reply"])
def test_the_same_word_at_the_head_or_tail_is_chrome(word: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>{word}</p>").body == [STORY, MORE]
    assert run(f"<p>{word}</p><p>{STORY}</p><p>{MORE}</p>").body == [STORY, MORE]


def test_a_blogger_tail_goes_as_a_run_through_short_lines() -> None:
    tail = (
        "<div>Posted by Jane at 9:14 AM<br>Email This<br>BlogThis!<br>Share to X</div>"
        "<div>Labels: city, budget</div><div>No comments:</div><div>Post a Comment</div>"
        "<div>Newer Post Older Post Home</div><div>Subscribe to: Post Comments (Atom)</div>"
    )
    assert run(f"<p>{STORY}</p><p>{MORE}</p>{tail}").body == [STORY, MORE]


def test_a_run_stops_at_the_first_story_line() -> None:
    d = doc("Share", STORY, "Comments", MORE, "Comments", "9:14 AM", "Print")
    build("drop_edge_lines", patterns=["(?i)^(?:share|comments|print)$"])(d)
    assert texts(d) == [STORY, "Comments", MORE, "9:14 AM"]


def test_edge_lines_inside_a_multi_line_block() -> None:
    d = Document(blocks=[Block("p", [Line(STORY, STORY), Line("Share", "Share"), Line("Tweet", "Tweet")])])
    build("drop_edge_lines", patterns=["(?i)^(?:share|tweet)$"])(d)
    assert texts(d) == [STORY]


@pytest.mark.parametrize(
    ("after", "kept"),
    [
        (["Jane Doe", "Acme Corp", "+1 555 0100", "press@acme.example"], [STORY]),
        ([MORE], [STORY, "Media Contact:", MORE]),
    ],
)
def test_a_closing_section_goes_only_when_no_story_follows(after: list[str], kept: list[str]) -> None:
    d = doc(STORY, "Media Contact:", *after)
    build("drop_tail_from_marker", patterns=["(?i)^media contacts?:"])(d)
    assert texts(d) == kept


@pytest.mark.parametrize(
    ("html", "text", "body_html"),
    [
        (
            f'<p>{STORY} <a href="https://www.heise.de/news/x.html">[mehr]</a></p>',
            STORY,
            f"<p>{STORY}</p>",
        ),
        (f"<p>{STORY} [mehr]</p>", STORY, f"<p>{STORY}</p>"),
        # the teaser in the middle of the content is not at the end of the last line
        (f"<p>{STORY} [mehr]</p><p>{MORE}</p>", None, None),
    ],
)
def test_a_trailing_teaser_link_is_cut_from_the_last_line(html: str, text: str | None, body_html: str | None) -> None:
    item = run(html, link="https://www.heise.de/news/x.html")
    if text is None:
        assert item.body == [f"{STORY} [mehr]", MORE]
    else:
        assert item.body == [text]
        assert item.body_html == body_html


def _tree(html: str) -> etree._Element:
    root = etree.fromstring(f"<div>{html}</div>", etree.HTMLParser()).find(".//div")
    assert root is not None
    return root


WIDGETS: dict[str, Any] = {
    "tags": ["aside"],
    "roles": ["navigation"],
    "attributes": ["class", "id", "data-component-name"],
    "words": ["share", "subscription", "button", "related", "ad"],
}


@pytest.mark.parametrize(
    "widget",
    [
        '<div class="share-buttons"><a href="x">Facebook</a></div>',
        '<div class="subscription-widget-wrap-editor"><p>Thanks for reading! Subscribe for free.</p></div>',
        '<p data-component-name="ButtonCreateButton"><a href="x">Subscribe now</a></p>',
        '<div id="relatedStories"><a href="y">Other story</a></div>',
        '<div class="ad-slot">Advertisement</div>',
        "<aside><p>Pull quote</p></aside>",
        '<ul role="navigation"><li>Home</li></ul>',
    ],
)
def test_widgets_are_told_by_their_markup(widget: str) -> None:
    root = _tree(f"<p>{STORY}</p>{widget}<p>{MORE}</p>")
    build("drop_widgets", **WIDGETS)(root)
    assert etree.tostring(root, method="text", encoding=str) == STORY + MORE


@pytest.mark.parametrize(
    "wrapper",
    ['<div class="post-body share-enabled">', '<div class="shadow header">', '<div data-component-name="Body">'],
)
def test_the_story_wrapper_or_lookalike_words_are_kept(wrapper: str) -> None:
    root = _tree(f"{wrapper}<p>{STORY}</p><p>{MORE}</p></div>")
    build("drop_widgets", **WIDGETS)(root)
    assert etree.tostring(root, method="text", encoding=str) == STORY + MORE


def test_a_widget_in_the_middle_of_the_story_goes_but_its_words_in_a_paragraph_stay() -> None:
    item = run(
        f"<p>{STORY}</p>"
        '<div class="subscription-widget"><p>Subscribe now</p></div>'
        f"<p>Share prices rose.</p><p>{MORE}</p>"
    )
    assert item.body == [STORY, "Share prices rose.", MORE]
