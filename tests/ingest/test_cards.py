"""Chat services' cards read as the item they show: Slack's blocks, Teams' cards, Google Chat's cards, Telegram."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from app.ingest.payload import parse_payload

JSON = "application/json"


def _fields(body: dict[str, Any] | str) -> dict[str, str]:
    raw = body.encode() if isinstance(body, str) else orjson.dumps(body)
    return dict(parse_payload(raw, JSON).fields)


def test_slack_blocks_title_link_text_and_footer() -> None:
    fields = _fields(
        {
            "text": "New video from Cody'sLab: Building a Battery That Only Works at 500°C",
            "blocks": [
                {
                    "type": "section",
                    "text": {
                        "type": "mrkdwn",
                        "text": "*<https://www.youtube.com/watch?v=Hq3v|Building a Battery That Only Works at 500°C>*\n"
                        "Molten salt batteries sound like _science fiction_.\n\nNothing about this is safe.",
                    },
                    "accessory": {"type": "image", "image_url": "https://i.ytimg.com/vi/Hq3v/hq.jpg", "alt_text": ""},
                },
                {
                    "type": "context",
                    "elements": [{"type": "mrkdwn", "text": "Cody'sLab · December 5, 2026 at 06:00PM"}],
                },
            ],
        }
    )
    assert fields == {
        "title": "Building a Battery That Only Works at 500°C",
        "url": "https://www.youtube.com/watch?v=Hq3v",
        "content": "<p>Molten salt batteries sound like <i>science fiction</i>.</p><p>Nothing about this is safe.</p>",
        "image": "https://i.ytimg.com/vi/Hq3v/hq.jpg",
        "published": "December 5, 2026 at 06:00PM",
        "feed_title": "Cody'sLab",
    }


def test_slack_header_fields_and_button() -> None:
    fields = _fields(
        {
            "text": "Storm closes Route 9",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": "Storm closes Route 9"}},
                {"type": "section", "text": {"type": "mrkdwn", "text": "Crews expect to reopen the road by *Friday*."}},
                {
                    "type": "section",
                    "fields": [
                        {"type": "mrkdwn", "text": "*Author:*\nDana Whitfield"},
                        {"type": "mrkdwn", "text": "*Published:*\n2026-12-01T08:00:00Z"},
                    ],
                },
                {"type": "divider"},
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": "Read"},
                            "url": "https://x.example/a_b_c",
                        }
                    ],
                },
            ],
        }
    )
    assert fields == {
        "title": "Storm closes Route 9",
        "url": "https://x.example/a_b_c",
        "content": "<p>Crews expect to reopen the road by <b>Friday</b>.</p>",
        "author": "Dana Whitfield",
        "published": "2026-12-01T08:00:00Z",
    }


def test_slack_footer_names_the_redditor_and_the_line_the_subreddit() -> None:
    fields = _fields(
        {
            "text": "New post in r/nottheonion: Town votes to name roundabout",
            "blocks": [
                {
                    "type": "section",
                    "text": {
                        "type": "mrkdwn",
                        "text": "*<https://www.reddit.com/r/nottheonion/comments/1r2/town_votes/|Town votes to name roundabout>*",  # noqa: E501
                    },
                },
                {
                    "type": "context",
                    "elements": [
                        {"type": "mrkdwn", "text": "submitted by /u/kettle_on_lad · December 2, 2026 at 03:47PM"}
                    ],
                },
            ],
        }
    )
    assert fields["feed_title"] == "r/nottheonion"
    assert fields["author"] == "/u/kettle_on_lad"
    assert fields["url"] == "https://www.reddit.com/r/nottheonion/comments/1r2/town_votes/"
    assert "content" not in fields


def test_slack_blocks_without_a_title_or_link_are_read_as_text() -> None:
    # a message with no card in it: its words, not an empty item
    fields = _fields(
        {"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Deploy finished in 4 minutes."}}]}
    )
    assert "Deploy finished in 4 minutes." in " ".join(fields.values())
    # blocks of an unknown type are no Slack message
    other = {"title": "A title", "url": "https://a.example/", "blocks": [{"type": "paragraph", "text": "x"}]}
    assert _fields(other)["title"] == "A title"


def test_teams_message_card() -> None:
    fields = _fields(
        {
            "@type": "MessageCard",
            "@context": "http://schema.org/extensions",
            "summary": "Cat bond returns",
            "sections": [
                {
                    "activityTitle": "Cat bond returns for $275m",
                    "activitySubtitle": "Artemis.bm",
                    "facts": [
                        {"name": "Published", "value": "2025-03-04T09:12:37+00:00"},
                        {"name": "Author", "value": "Sarah Pike"},
                    ],
                    "text": "<p>Coastal Mutual is back.</p>",
                    "heroImage": {"image": "https://www.artemis.bm/a.jpg"},
                }
            ],
            "potentialAction": [
                {
                    "@type": "OpenUri",
                    "name": "Read",
                    "targets": [{"os": "default", "uri": "https://www.artemis.bm/news/x/"}],
                }
            ],
        }
    )
    assert fields == {
        "title": "Cat bond returns for $275m",
        "url": "https://www.artemis.bm/news/x/",
        "content": "<p>Coastal Mutual is back.</p>",
        "image": "https://www.artemis.bm/a.jpg",
        "published": "2025-03-04T09:12:37+00:00",
        "author": "Sarah Pike",
    }


@pytest.mark.parametrize("enveloped", [True, False])
def test_adaptive_card(enveloped: bool) -> None:
    card = {
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": "Is there any way to respec?", "weight": "Bolder", "size": "Medium"},
            {
                "type": "Container",
                "items": [
                    {
                        "type": "TextBlock",
                        "text": "I put everything into **Heatstamp** early.\n\nCan I respec?",
                        "wrap": True,
                    },
                    {"type": "Image", "url": "https://cdn.example/shot.png"},
                ],
            },
            {
                "type": "FactSet",
                "facts": [
                    {"title": "Asked by", "value": "coldhearth"},
                    {"title": "Published", "value": "2026-12-05T14:02:11+00:00"},
                ],
            },
        ],
        "actions": [
            {"type": "Action.OpenUrl", "title": "View question", "url": "https://gaming.stackexchange.com/q/1"}
        ],
    }
    body = {
        "type": "message",
        "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}],
    }
    fields = _fields(body if enveloped else card)
    assert fields == {
        "title": "Is there any way to respec?",
        "url": "https://gaming.stackexchange.com/q/1",
        "content": "<p>I put everything into <b>Heatstamp</b> early.</p><p>Can I respec?</p>",
        "image": "https://cdn.example/shot.png",
        "author": "coldhearth",
        "published": "2026-12-05T14:02:11+00:00",
    }


def test_google_chat_card_and_its_line() -> None:
    card: dict[str, Any] = {
        "header": {
            "title": "The Stir Fry Framework",
            "subtitle": "Ethan Chlebowski · December 10, 2026 at 04:00PM",
            "imageUrl": "https://i.ytimg.com/vi/mT4q/hqdefault.jpg",
            "imageType": "SQUARE",
        },
        "sections": [
            {
                "widgets": [
                    {"textParagraph": {"text": "Most stir fries go wrong.\n\nI also test <b>three</b> ratios."}},
                    {
                        "buttonList": {
                            "buttons": [
                                {
                                    "text": "Watch",
                                    "onClick": {"openLink": {"url": "https://www.youtube.com/watch?v=mT4q"}},
                                }
                            ]
                        }
                    },
                ]
            }
        ],
    }
    fields = _fields({"text": "New video from Ethan Chlebowski", "cardsV2": [{"cardId": "c", "card": card}]})
    assert fields == {
        "title": "The Stir Fry Framework",
        "url": "https://www.youtube.com/watch?v=mT4q",
        "content": "<p>Most stir fries go wrong.</p><p>I also test <b>three</b> ratios.</p>",
        "image": "https://i.ytimg.com/vi/mT4q/hqdefault.jpg",
        "published": "December 10, 2026 at 04:00PM",
        "author": "Ethan Chlebowski",
        "feed_title": "Ethan Chlebowski",
    }
    # a round header picture is the sender's avatar; a line of the message's own words stays its text
    card["header"]["imageType"] = "CIRCLE"
    fields = _fields({"text": "Heads up: the kitchen is closed Friday", "cards": [card]})
    assert "image" not in fields
    assert fields["content"].startswith("<p>Heads up: the kitchen is closed Friday</p>")


@pytest.mark.parametrize(
    ("mode", "text"),
    [
        (
            "HTML",
            '<b>Snow Days Are Back</b>\n\nIn episode 1990, Jack and Miles talk.\n\n🎧 <a href="https://omny.fm/shows/x/snow">Listen</a>',
        ),
        (
            "MarkdownV2",
            "*Snow Days Are Back*\n\nIn episode 1990, Jack and Miles talk\\.\n\n🎧 [Listen](https://omny.fm/shows/x/snow)",
        ),
    ],
)
def test_telegram_message(mode: str, text: str) -> None:
    fields = _fields({"chat_id": "@tdz", "parse_mode": mode, "text": text})
    assert fields == {
        "title": "Snow Days Are Back",
        "url": "https://omny.fm/shows/x/snow",
        "content": "<p>In episode 1990, Jack and Miles talk.</p>",
    }


def test_telegram_photo_caption_and_a_link_inside_a_sentence() -> None:
    fields = _fields(
        {
            "chat_id": 1,
            "photo": "https://cdn.example/p.jpg",
            "parse_mode": "HTML",
            "caption": '<b>Bridge reopens</b>\nThe council says <a href="https://city.example/notice">the notice</a>'
            " explains the detour in full.",
            "link_preview_options": {"url": "https://news.example/bridge"},
        }
    )
    assert fields["title"] == "Bridge reopens"
    assert fields["url"] == "https://news.example/bridge"
    assert fields["image"] == "https://cdn.example/p.jpg"
    assert "the notice</a> explains the detour" in fields["content"]  # a sentence's link is the sentence's


def test_a_message_opening_with_its_title_as_a_markdown_link() -> None:
    text = "**[The Best Maps of 2026](https://kottke.org/26/12/best-maps)**\nA year of cartography, from subway maps to ice."
    assert _fields({"text": text, "username": "RSS"}) == {
        "title": "The Best Maps of 2026",
        "url": "https://kottke.org/26/12/best-maps",
        "content": "<p>A year of cartography, from subway maps to ice.</p>",
    }
    assert _fields({"text": "[The Best Maps of 2026](https://kottke.org/26/12/best-maps)"}) == {
        "title": "The Best Maps of 2026",
        "url": "https://kottke.org/26/12/best-maps",
    }
    # a link inside a sentence is the sentence's
    said = "Read [the notes](https://kottke.org/26/12/best-maps) before Friday."
    assert _fields({"text": said}) == {"content": said}


def test_ntfy_click_is_the_link_only_when_it_is_one() -> None:
    body = {"topic": "news", "title": "Maps of 2026", "message": "A year of maps.", "click": "https://kottke.org/m"}
    assert _fields(body)["url"] == "https://kottke.org/m"
    assert "url" not in _fields({**body, "click": "view"})
