"""IFTTT's value1..value3: a slot holding a date, a picture, a name or a link alone is read as that field."""

from __future__ import annotations

import orjson
import pytest

from app.ingest.payload import parse_payload
from app.ingest.service import raw_item_from
from app.ingest.slots import shape_of

STORY = "https://www.example.org/news/2026/12/river-reopens"
TEXT = "<p>The river path reopens on Monday after repairs to the flood wall.</p>"


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        ("December 4, 2026 at 09:00AM", "date"),
        ("2026-12-04T09:00:00Z", "date"),
        ("2026-12-04", "date"),
        ("28 Oct 2026 08:31 AEDT", "date"),
        ("Fri, 04 Dec 2026 09:00:00 +0000", "date"),
        ("https://cdn.example.org/uploads/2026/12/river.jpg?w=1200&h=630", "picture"),
        (STORY, "link"),
        ("Monday, the river path reopens", None),
        ("December 4, 2026 was a Friday at the river", None),
        ("see https://www.example.org/a", None),
        ("Ali Abdaal", "name"),
        ("Wendover Productions", "name"),
        ("José María Ruiz-Gómez", "name"),
        ("Breaking", None),  # one ordinary word: a label as often as a name
        ("politics", None),
        ("DirtyBiology", "label"),  # one word no dictionary has: a feed's or a channel's name
        ("7am", "label"),
        ("eli.garden", "label"),
        ("Underscore_", "label"),
        ("はじめしゃちょー", None),  # (a word in a script without spaces: a name or a sentence)
        ("Politik", None),  # a section in another language
        ("Bitcoin", None),
        ("COVID-19", None),
        ("N/A", None),
        ("Selenskyj:", None),
        ("H5N1", None),  # a code in capitals and digits
        ("MH370", None),
        ("Ausgezeichnet!", None),  # a one-word sentence
        ("ついにやってみました。", None),
        ("東京都心は最低気温が今シーズン初めての冬日となりました", None),  # a sentence in a script without spaces
        ("Breaking News", None),  # ordinary words, or a title: a label as often as a name
        ("Live Updates", None),
        ("The Verge", None),
        ("River path reopens", None),  # a sentence's lower-case words
        ("The River Path Reopens On Monday At Noon", None),  # more words than a name has
        ("Apollo 11", None),
        ("harbourtimes - חדשות", "label"),  # a feed's name and section
        ("@dana.example - Dana Reyes", "label"),
        ("Harbour Times | Science", "label"),
        ("Rates hold - for now.", None),  # a sentence
        ("Arsenal 2 - 1 Chelsea", None),  # a score
        ("Price: $42 | In stock", None),
        ("Rates hold", None),
    ],
)
def test_shape_of(value: str, shape: str | None) -> None:
    assert shape_of(value) == shape


def _raw(value2: str, value3: str) -> tuple[object, ...]:
    body = orjson.dumps({"value1": "River path reopens", "value2": value2, "value3": value3})
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    return raw.link, raw.content, raw.image, raw.published


def test_a_date_in_the_third_slot_is_the_date() -> None:
    assert _raw(STORY, "December 4, 2026 at 09:00AM") == (STORY, None, None, "December 4, 2026 at 09:00AM")


def test_a_picture_in_the_third_slot_is_the_image() -> None:
    picture = "https://cdn.example.org/uploads/river.jpg?w=1200"
    assert _raw(STORY, picture) == (STORY, None, picture, None)


def test_text_in_the_second_slot_and_the_link_in_the_third() -> None:
    assert _raw(TEXT, STORY) == (STORY, TEXT, None, None)


def test_a_name_in_the_third_slot_is_the_author() -> None:
    body = orjson.dumps({"value1": "How Airlines Pick Routes", "value2": STORY, "value3": "Wendover Productions"})
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert (raw.author, raw.content) == ("Wendover Productions", None)
    # beside an author the sender gave, the name stays the content
    both = orjson.dumps({"title": "Routes", "url": STORY, "author": "Sam Lee", "content": "Wendover Productions"})
    raw = raw_item_from(parse_payload(both, "application/json"), secret="")
    assert (raw.author, raw.content) == ("Sam Lee", "Wendover Productions")


@pytest.mark.parametrize("channel", ["Jet Lag: The Game", "Terra X Natur & Wissen", "Jenny Nicholson"])
def test_a_few_words_beside_a_videos_link_are_its_channel(channel: str) -> None:
    video = "https://www.youtube.com/watch?v=Qz6tB1nVm3K"
    body = orjson.dumps({"value1": "We Raced Across Japan (Ep 1)", "value2": video, "value3": channel})
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert (raw.author, raw.content) == (channel, None)
    # beside an article's link the same words may be its text
    assert _raw(STORY, channel)[1] == channel
    # and a sentence beside a video's link is its description
    said = orjson.dumps({"value1": "Ep 1", "value2": video, "value3": "We raced across Japan."})
    assert raw_item_from(parse_payload(said, "application/json"), secret="").content == "We raced across Japan."


def test_text_in_the_third_slot_stays_the_content() -> None:
    assert _raw(STORY, TEXT) == (STORY, TEXT, None, None)


def test_a_feeds_label_in_the_third_slot_names_the_feed_and_is_no_text() -> None:
    body = orjson.dumps({"value1": "River path reopens", "value2": STORY, "value3": "Harbour Times - News"})
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert (raw.feed_title, raw.content) == ("Harbour Times - News", None)


def test_the_sites_one_word_name_in_the_third_slot_names_the_feed() -> None:
    body = orjson.dumps(
        {"value1": "Who owns the past?", "value2": "https://www.harbourpost.example/a", "value3": "Harbourpost"}
    )
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert (raw.feed_title, raw.content) == ("Harbourpost", None)
    # a word that is not the site's stays the text
    other = orjson.dumps(
        {"value1": "Who owns the past?", "value2": "https://www.harbourpost.example/a", "value3": "Archives"}
    )
    assert raw_item_from(parse_payload(other, "application/json"), secret="").content == "Archives"


def test_an_untitled_posts_link_first_its_markup_second_and_its_date_third() -> None:
    toot = (
        '<p>Today is Human Rights Day. Read our statement: <a href="https://fsfe.example/news/1">fsfe.example</a></p>'
    )
    body = orjson.dumps(
        {
            "value1": "https://mastodon.example/@fsfe/113651027740318806",
            "value2": toot,
            "value3": "December 10, 2026 at 02:30PM",
        }
    )
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert (raw.title, raw.link, raw.content, raw.published) == (
        None,
        "https://mastodon.example/@fsfe/113651027740318806",
        toot,
        "December 10, 2026 at 02:30PM",
    )


def test_a_link_in_angle_brackets_in_the_second_slot_is_no_markup() -> None:
    body = orjson.dumps(
        {"value1": "River path reopens", "value2": "<https://www.example.com/a>", "value3": "The council voted."}
    )
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert raw.content == "The council voted."  # (the bracketed link is left to the link reader, as before)


def test_a_posts_text_that_is_its_pictures_address_is_no_text() -> None:
    picture = "https://i.redd.it/q8v3n2k7x45e1.jpeg"
    body = orjson.dumps({"title": "Andromeda from a backyard", "image": picture, "content": picture})
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert (raw.image, raw.content) == (picture, None)


def test_markup_with_links_in_the_second_slot_and_the_link_in_the_third() -> None:
    markup = (
        f'<p>The river path reopens on Monday.</p><p>The post <a href="{STORY}">River path reopens</a> appeared.</p>'
    )
    assert _raw(markup, STORY) == (STORY, markup, None, None)


def test_a_social_posts_sentences_in_the_title_slot_are_its_text() -> None:
    text = "Router v2 release candidate is live. Typed search params got a rewrite."
    body = orjson.dumps(
        {"value1": text, "value2": "https://bsky.app/profile/tanstack.com/post/3mf2kq7wz5s2c", "value3": "@x - X"}
    )
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert (raw.title, raw.content) == (None, text)
    # beside an article's link, or in one sentence, the words stay the headline
    article = orjson.dumps({"value1": text, "value2": STORY})
    assert raw_item_from(parse_payload(article, "application/json"), secret="").title == text
    one = orjson.dumps({"value1": "U.S. rates hold", "value2": "https://bsky.app/profile/a.example/post/3mf2"})
    assert raw_item_from(parse_payload(one, "application/json"), secret="").title == "U.S. rates hold"


@pytest.mark.parametrize(
    "words",
    [
        "LIVE: Senate hearing on AI",
        "Music: Epidemic Sound",
        "Wow",
        "N/A",
        "Watch the full interview",
        "Subscribe for more",
    ],
)
def test_a_label_or_a_phrase_beside_a_videos_link_stays_its_text(words: str) -> None:
    video = "https://www.youtube.com/watch?v=Qz6tB1nVm3K"
    body = orjson.dumps({"value1": "We Raced Across Japan (Ep 1)", "value2": video, "value3": words})
    raw = raw_item_from(parse_payload(body, "application/json"), secret="")
    assert raw.author is None


@pytest.mark.parametrize("channel", ["NASA", "CNN"])
def test_a_channels_name_in_capitals_beside_a_videos_link(channel: str) -> None:
    body = orjson.dumps(
        {"value1": "Artemis update", "value2": "https://www.youtube.com/watch?v=Qz6t", "value3": channel}
    )
    assert raw_item_from(parse_payload(body, "application/json"), secret="").author == channel
