"""Chat services' cards read as the item they show: Slack's blocks, Teams' cards, Google Chat's cards, Telegram."""

from __future__ import annotations

import urllib.parse
from typing import Any

import orjson
import pytest

from app.ingest.payload import parse_payload

JSON = "application/json"
ADAPTIVE = "application/vnd.microsoft.card.adaptive"


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


def test_a_telegram_markdownv2_blogs_name_over_its_linked_title() -> None:
    text = (
        "*OpenStreetMap Blog*\n\n[Upcoming changes to the osm\\.org map style](https://blog.openstreetmap.example/"
        "2026/12/01/map-style/)\n\nFrom 15 December, cycle lanes show from zoom 17\\."
    )
    fields = _fields({"chat_id": "@osm", "parse_mode": "MarkdownV2", "text": text})
    assert fields == {
        "title": "Upcoming changes to the osm.org map style",  # the link's escapes off too
        "url": "https://blog.openstreetmap.example/2026/12/01/map-style/",
        "feed_title": "OpenStreetMap Blog",  # the blog on its own host
        "content": "<p>From 15 December, cycle lanes show from zoom 17.</p>",
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
    text = "**[The Best Maps of 2026](https://kottke.org/26/12/best-maps)**\nA year of cartography, from subway maps to ice."  # noqa: E501
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


def test_footer_dates_as_chat_footers_write_them_and_a_hyphenated_name() -> None:
    card = {
        "@type": "MessageCard",
        "title": "Sheriffs face contested races",
        "sections": [
            {"activityTitle": "Bolts", "activitySubtitle": "By Alejandra Ruiz-Tan · 2026-12-03T14:05:00+00:00"}
        ],
        "potentialAction": [
            {"@type": "OpenUri", "name": "Read on Bolts", "targets": [{"uri": "https://boltsmag.org/s/"}]}
        ],
    }
    fields = _fields(card)
    assert fields["author"] == "Alejandra Ruiz-Tan"
    assert fields["published"] == "2026-12-03T14:05:00+00:00"
    assert fields["feed_title"] == "Bolts"  # the activity's title over the card's own: who posted it
    for footer, date in [
        ("*Heatmap News* | Dana Whitlock | Dec 14, 2026 15:30 UTC", "Dec 14, 2026 15:30 UTC"),
        ("Published 2026-11-28T15:00:11.000Z", "2026-11-28T15:00:11.000Z"),
        ("Sat, 12 Dec 2026 19:45:00 GMT", "Sat, 12 Dec 2026 19:45:00 GMT"),
        ("zellij-org/zellij · 21 Nov 2026, 16:00 UTC", "21 Nov 2026, 16:00 UTC"),
    ]:
        blocks = {
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": "A title of a few words"}},
                {"type": "context", "elements": [{"type": "mrkdwn", "text": footer}]},
            ]
        }
        assert _fields(blocks)["published"] == date
    # no date, no person: "Heatmap News | Dana Whitlock" alone is no byline to read
    blocks["blocks"][1] = {"type": "context", "elements": [{"type": "mrkdwn", "text": "Heatmap News | Dana Whitlock"}]}
    assert "author" not in _fields(blocks)


def test_a_cards_list_lines_headings_and_byline_under_the_title() -> None:
    text = (
        "*<https://x.example/r/1|Release v0.44.0>*\n_zellij-org · 2026-12-02T11:47:09Z_\n\nThis release is small.\n\n"
        "*What's new*\n• feat: pinned panes (<https://x.example/p/1|#4311>)\n• fix: cwd\n\n*Upgrading*\nRun setup."
    )
    fields = _fields({"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]})
    assert fields["published"] == "2026-12-02T11:47:09Z"
    assert fields["content"] == (
        "<p>This release is small.</p><p><b>What's new</b></p>"
        '<ul><li>feat: pinned panes (<a href="https://x.example/p/1">#4311</a>)</li><li>fix: cwd</li></ul>'
        "<p><b>Upgrading</b></p><p>Run setup.</p>"
    )


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("New Sporkful episode: Why Is Bread Better?", "Sporkful"),
        ("New post in r/nottheonion: Why Is Bread Better?", "r/nottheonion"),
        ("Nuevo episodio de *El Hilo*", "El Hilo"),
        ("New RealLifeLore video", "RealLifeLore"),
    ],
)
def test_the_name_a_messages_line_gives(message: str, name: str) -> None:
    body = {
        "text": message,
        "blocks": [{"type": "header", "text": {"type": "plain_text", "text": "Why Is Bread Better?"}}],
    }
    assert _fields(body).get("feed_title") == name


def test_a_message_text_in_slack_markup_html_or_a_notice_over_its_linked_title() -> None:
    google = (
        "*SEPTA runs all night*\nTrains every 15 minutes.\n<https://billypenn.com/2026/12/18/septa/|Read at Billy Penn>"
    )
    assert _fields({"text": google}) == {
        "title": "SEPTA runs all night",
        "url": "https://billypenn.com/2026/12/18/septa/",
        "content": "<p>Trains every 15 minutes.</p>",
        "feed_title": "Billy Penn",
    }
    matrix = {
        "content": {"msgtype": "m.notice", "body": "New post in Ear Hustle: [The Long Count](https://e.example/l)"}
    }
    assert _fields(matrix) == {"title": "The Long Count", "url": "https://e.example/l", "feed_title": "Ear Hustle"}
    hookshot = (
        '<p><strong>New Mustard video:</strong> <a href="https://y.example/v">The Flying Wing</a></p><p>In 1947.</p>'
    )
    assert _fields({"html": hookshot}) == {
        "title": "The Flying Wing",
        "url": "https://y.example/v",
        "content": "<p>In 1947.</p>",
        "feed_title": "Mustard",
    }
    # a sentence ending with its link is no notice over a title
    said = {"text": "Our office moves next week, see [the map](https://e.example/map)"}
    assert "title" not in _fields(said)


def test_attachment_fields_and_rocket_chat_ts() -> None:
    attachment = {"title": "What Makes This Progression Sad?", "title_link": "https://y.example/w", "text": "A loop."}
    fields = _fields({"text": "New video from 12tone", "attachments": [{**attachment, "thumb_url": "https://i.example/t.jpg",
        "fields": [{"short": True, "title": "Published", "value": "2026-12-04T18:30:02+00:00"}]}]})  # fmt: skip
    assert fields["published"] == "2026-12-04T18:30:02+00:00"
    assert fields["image"] == "https://i.example/t.jpg"
    fields = _fields({"attachments": [{**attachment, "ts": "2026-12-11T10:00:00.000Z"}]})
    assert fields["published"] == "2026-12-11T10:00:00.000Z"
    assert "published" not in _fields({"attachments": [{**attachment, "ts": "soon"}]})


def test_telegram_posted_as_a_form() -> None:
    text = '<b>West Cliff Drive to reopen</b>\n<i>Dec. 17, 2026, 6:05 a.m.</i>\n\nStaff told the council.\n\n<a href="https://lookout.co/w/story">lookout.co</a>'
    body = urllib.parse.urlencode({"chat_id": "@sc", "parse_mode": "HTML", "text": text})
    fields = dict(parse_payload(body.encode(), "application/x-www-form-urlencoded").fields)
    assert fields == {
        "title": "West Cliff Drive to reopen",
        "url": "https://lookout.co/w/story",
        "content": "<p>Staff told the council.</p>",
        "published": "Dec. 17, 2026, 6:05 a.m.",
    }


def test_a_discord_line_that_pings_a_role_and_an_embeds_labelled_fields() -> None:
    body = {
        "content": "<@&1148826310023450624> **New on BoxingScene**",
        "embeds": [
            {
                "title": "Okafor Stops Reyes in Nine",
                "url": "https://www.boxingscene.com/okafor-stops-reyes--187342",
                "description": "Chidi Okafor retained his title.",
                "fields": [
                    {"name": "Author", "value": "Keith Morales", "inline": True},
                    {"name": "Category", "value": "News"},
                ],
            }
        ],
    }
    fields = _fields(body)
    assert (fields["feed_title"], fields["author"]) == ("BoxingScene", "Keith Morales")
    assert fields["content"] == "Chidi Okafor retained his title."


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("Нова стаття на DOU: Як ми переписали сервіс https://dou.ua/lenta/articles/x/", "Як ми переписали сервіс"),
        (
            "Tittel: Kystlinjen bestiller skip\nLenke: https://www.finansavisen.no/a\nInnhold: <p>Kontrakt.</p>",
            "Kystlinjen bestiller skip",
        ),
    ],
)
def test_a_text_posts_notice_and_labels_in_more_languages(body: str, title: str) -> None:
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert fields["title"] == title
    assert "Innhold" not in fields.get("content", "")
    assert "<p>" not in fields.get("image", "")


def test_an_exclaimed_notice_over_the_headline_names_the_feed_only_when_it_is_a_name() -> None:
    body = "New episode from Canadaland!\nThe Newspaper That Wouldn't Die\nListen: https://c.example/p/x/\n\nA weekly."
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert (fields["feed_title"], fields["title"]) == ("Canadaland", "The Newspaper That Wouldn't Die")
    shop = "New in the shop!\nHand-dyed yarn in winter colours\nhttps://shop.example/yarn"
    assert "feed_title" not in dict(parse_payload(shop.encode(), "text/plain").fields)
    # Spanish opens the exclamation with its own mark
    spanish = "🎙️ ¡Nuevo episodio de La Ruina!\n\nLa Ruina 298 · La cena de empresa\n\nEl público cuenta sus cenas.\n\n"
    fields = dict(parse_payload((spanish + "Escúchalo aquí 👉 https://r.example/298").encode(), "text/plain").fields)
    assert (fields["feed_title"], fields["title"]) == ("La Ruina", "La Ruina 298 · La cena de empresa")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Miniflux's ntfy and Pushover notifications: the feed's name over the entry's title
        (
            {"topic": "yt", "title": "Adam Something", "message": "Why Every City Wants a Gondola", "click": "https://y.example/w"},
            {"title": "Why Every City Wants a Gondola", "url": "https://y.example/w", "feed_title": "Adam Something"},
        ),
        # a notice over a strong first line (Pushover's HTML), and Pushover's Unix time
        (
            {"token": "t", "user": "u", "title": "New from Drachinifel", "html": 1, "timestamp": 1795719609,
             "message": "<b>Guide 401: HMS Calliope</b>\n\nToday we look at HMS Calliope.", "url": "https://y.example/c"},
            {"title": "Guide 401: HMS Calliope", "url": "https://y.example/c",
             "content": "<p>Today we look at HMS Calliope.</p>",
             "published": "1795719609", "feed_title": "Drachinifel"},
        ),
        # Gotify's Markdown and its click extra; a pointer line at the end goes
        (
            {"title": "postmarketOS in 2026-11", "priority": 4, "message": "A busy month.\n\n[Read the full post](https://p.example/b)",
             "extras": {"client::display": {"contentType": "text/markdown"}}},
            {"title": "postmarketOS in 2026-11", "url": "https://p.example/b", "content": "<p>A busy month.</p>"},
        ),
        # a release's notes opening with a Markdown heading keep the notification's title
        (
            {"topic": "r", "title": "audiobookshelf v2.31.0", "markdown": True, "click": "https://g.example/r",
             "message": "### Added\n- Podcast search\n\n### Fixed\n- Share links"},
            {"title": "audiobookshelf v2.31.0", "url": "https://g.example/r",
             "content": "<p><b>Added</b></p><ul><li>Podcast search</li></ul>"
                        "<p><b>Fixed</b></p><ul><li>Share links</li></ul>"},
        ),
    ],
)  # fmt: skip
def test_notification_services(body: dict[str, Any], expected: dict[str, str]) -> None:
    assert _fields(body) == expected


def test_a_notification_is_read_as_one_only_with_a_services_members() -> None:
    # a title and a message alone are any sender's: read by name and shape as before
    fields = _fields(
        {"title": "Council meets Monday", "message": "The agenda is posted online.", "link": "https://c.example/a"}
    )
    assert fields["title"] == "Council meets Monday"
    # a message of sentences under a short title is the story, not a headline
    body = {
        "topic": "t",
        "title": "Storm",
        "message": "Heavy snow tonight. Roads will close.",
        "click": "https://s.example/",
    }
    assert _fields(body)["title"] == "Storm"


def test_multipart_form_data() -> None:
    boundary = "------------------------a3f9c1e27b5d4086"
    parts = [("title", "New episode: Fuzzing an Exchange Gateway"), ("message", "Tomasz Wrona built a fuzzer."),
             ("priority", "5")]  # fmt: skip
    body = "".join(f'{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in parts)
    body += f"{boundary}--\r\n"
    fields = dict(parse_payload(body.encode(), "multipart/form-data; boundary=" + boundary[2:]).fields)
    assert fields == {"title": "Fuzzing an Exchange Gateway", "content": "<p>Tomasz Wrona built a fuzzer.</p>"}
    assert dict(parse_payload(body.encode(), None).fields) == fields  # sniffed without its header


def test_markdown_pictures_dates_and_links_in_a_messages_text() -> None:
    apprise = {"version": "1.0", "type": "info", "title": "A cheap charge controller, tested",
               "message": "[![thumbnail](https://i.example/t.jpg)](https://y.example/v)\n\nOne unit failed.\n\n"
               "Published: 2026-12-06T15:00:07+00:00"}  # fmt: skip
    assert _fields(apprise) == {
        "title": "A cheap charge controller, tested",
        "url": "https://y.example/v",
        "image": "https://i.example/t.jpg",
        "content": "<p>One unit failed.</p>",
        "published": "2026-12-06T15:00:07+00:00",
    }
    maubot = {"msgtype": "m.notice", "body": "**The Quiet Boom**\nPainters ship panels.\n\n_2026-12-15 13:00:00_ · "
              "[thejuggernaut.com](https://www.thejuggernaut.com/boom)"}  # fmt: skip
    assert _fields(maubot) == {
        "title": "The Quiet Boom",
        "url": "https://www.thejuggernaut.com/boom",
        "content": "<p>Painters ship panels.</p>",
        "published": "2026-12-15 13:00:00",
    }
    discord = {"content": "**Trope Talk: Cursed Heirlooms**\n<https://www.youtube.com/watch?v=Mk3s>"}
    assert _fields(discord)["url"] == "https://www.youtube.com/watch?v=Mk3s"


def test_connector_cards_without_their_type_and_labelled_fields_of_a_reader() -> None:
    pymsteams = {"title": "Bollywood's Dance Masters", "text": "Behind every song.", "themeColor": "E8432E",
                 "sections": [{"activityTitle": "By Priya Menon", "activitySubtitle": "December 8, 2026"}],
                 "potentialAction": [{"@type": "ViewAction", "name": "Read on The Juggernaut",
                                      "target": ["https://www.thejuggernaut.com/bollywood"]}]}  # fmt: skip
    fields = _fields(pymsteams)
    assert (fields["author"], fields["url"], fields["published"]) == (
        "Priya Menon",
        "https://www.thejuggernaut.com/bollywood",
        "December 8, 2026",
    )
    assert fields["feed_title"] == "The Juggernaut"
    miniflux = {"embeds": [{"title": "RSS feed update from Miniflux", "fields": [
        {"name": "Updated feed", "value": "Time Extension | Latest Updates"},
        {"name": "Article link", "value": "[Fans Rebuild an Arcade Board](https://timeextension.com/n/1)"},
    ]}]}  # fmt: skip
    fields = _fields(miniflux)
    assert (fields["title"], fields["url"], fields["feed_title"]) == (
        "Fans Rebuild an Arcade Board",
        "https://timeextension.com/n/1",
        "Time Extension | Latest Updates",
    )


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("New BobbyBroccoli video! 🥦", "BobbyBroccoli"),
        ("Oh The Urbanity! just uploaded a new video", "Oh The Urbanity!"),
    ],
)
def test_a_chat_lines_name_with_its_exclamation_or_pictograph(line: str, name: str) -> None:
    body = {"content": line, "embeds": [{"title": "The Chemist Who Sold a Battery", "url": "https://y.example/v"}]}
    assert _fields(body)["feed_title"] == name


def test_telegrams_picture_preview_is_the_picture_not_the_link() -> None:
    text = '<b>Drones over Busan</b>\n\nA show.\n\n<a href="https://d.example/a">Read on DroneDJ</a>'
    body = {"chat_id": "@d", "parse_mode": "HTML", "text": text,
            "link_preview_options": {"url": "https://d.example/p.jpg?w=1600"}}  # fmt: skip
    fields = _fields(body)
    assert (fields["url"], fields["image"], fields["content"]) == (
        "https://d.example/a",
        "https://d.example/p.jpg?w=1600",
        "<p>A show.</p>",
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("🚀 New Rocket Lab update: Next Launch https://r.example/a", ("Rocket Lab", "Next Launch")),
        ("📣 New York update: subway fares rise https://c.example/b", (None, "📣 New York update: subway fares rise")),
        ("New Rocket Lab update: Next Launch https://r.example/a", (None, "New Rocket Lab update: Next Launch")),
    ],
)  # fmt: skip
def test_a_marked_notice_naming_its_sender_between_new_and_its_noun(
    line: str, expected: tuple[str | None, str]
) -> None:
    fields = dict(parse_payload(line.encode(), "text/plain").fields)
    assert (fields.get("feed_title"), fields["title"]) == expected


def test_an_adaptive_cards_date_functions_are_the_time_they_are_given() -> None:
    card = {
        "type": "AdaptiveCard",
        "body": [
            {"type": "TextBlock", "text": "Metroak gau osoan", "weight": "Bolder", "size": "Large"},
            {
                "type": "TextBlock",
                "text": "Hamaika · {{DATE(2026-12-04T17:30:00Z, SHORT)}} {{TIME(2026-12-04T17:30:00Z)}}",
            },
            {"type": "TextBlock", "text": "Trenak 20 minuturo igaroko dira."},
        ],
        "actions": [{"type": "Action.OpenUrl", "title": "Irakurri", "url": "https://hamaika.example/a"}],
    }
    fields = _fields(card)
    assert (fields["published"], fields["content"]) == (
        "2026-12-04T17:30:00Z",
        "<p>Trenak 20 minuturo igaroko dira.</p>",
    )


# Counterexamples a review of the card readers found: each read as the message it is.


def test_a_deeply_nested_document_is_no_card_and_no_crash() -> None:
    body = '{"text": "a", "x": ' + '{"a": ' * 700 + "1" + "}" * 700 + "}"
    assert _fields(body) == {"content": "a"}
    assert _fields(
        {
            "cards": [
                {"header": {"title": "Deploy done"}, "sections": [{"widgets": [{"buttons": [{"textButton": None}]}]}]}
            ]
        }
    )


@pytest.mark.parametrize(
    "summary",
    [
        "Apple released iOS 26.2 on Monday with a redesigned Photos app.",
        "The council published the final figures late Tuesday.",
        "Our Q4 results were published this morning on the investor site.",
    ],
)
def test_a_summary_that_says_posted_or_released_is_the_story(summary: str) -> None:
    body = {
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*<https://n.example/a|A headline of words>*\n{summary}"},
            }
        ]
    }
    fields = _fields(body)
    assert fields["content"] == f"<p>{summary}</p>"
    assert "feed_title" not in fields


def test_a_short_linked_line_stays_unless_it_only_points() -> None:
    deploy = {
        "chat_id": 1,
        "parse_mode": "HTML",
        "text": 'Deploy failed, see <a href="https://ci.example/b/55">logs</a>',
    }
    assert "logs" in _fields(deploy).get("content", _fields(deploy).get("title", ""))
    build = {"content": "Build #123 failed: [logs](https://ci.example/b/123)"}
    assert _fields(build).get("title") != "logs"


def test_connector_activity_pointers_pictures_and_shortcodes() -> None:
    teams = {
        "@type": "MessageCard",
        "title": "Pull request #42 opened",
        "summary": "PR #42",
        "sections": [{"activityTitle": "Jane Doe", "activitySubtitle": "2026-12-03T14:05:00+00:00"}],
        "potentialAction": [{"@type": "OpenUri", "name": "View", "targets": [{"uri": "https://git.example/pr/42"}]}],
    }
    fields = _fields(teams)
    assert "feed_title" not in fields
    assert fields["author"] == "Jane Doe"  # the person who acted, not the publisher
    youtube = {
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": ":rotating_light: High CPU on db-1"}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Watch on YouTube"},
                        "url": "https://www.youtube.com/watch?v=x",
                    }
                ],
            },
        ]
    }
    fields = _fields(youtube)
    assert fields["title"] == "High CPU on db-1"
    assert "feed_title" not in fields  # a platform is where the item is, not whose
    attachment = {
        "title": "A headline of words",
        "title_link": "https://n.example/a",
        "text": "Words.",
        "thumb_url": "https://n.example/icon.png",
        "image_url": "https://n.example/hero.jpg",
    }
    assert _fields({"attachments": [attachment]})["image"] == "https://n.example/hero.jpg"
    team = {
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Budget approved"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "Finance Team · Dec 14, 2026"}]},
        ]
    }
    assert "author" not in _fields(team)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"text": "RSS Bot\r\n**[Do By Friday]** 512: The Spreadsheet Has Feelings\nhttps://www.dobyfriday.com/512"},
            {
                "feed_title": "Do By Friday",
                "title": "512: The Spreadsheet Has Feelings",
                "url": "https://www.dobyfriday.com/512",
            },
        ),
        (
            {"content": "**[Overly Sarcastic Productions]** Trope Talk\n<https://www.youtube.com/watch?v=Mk3s>"},
            {
                "feed_title": "Overly Sarcastic Productions",
                "title": "Trope Talk",
                "url": "https://www.youtube.com/watch?v=Mk3s",
            },
        ),
        (
            {"text": "**[Update]** see the thread below"},
            {"content": "**[Update]** see the thread below"},
        ),  # no link: a note
    ],
)
def test_a_feed_bots_bracketed_line_over_its_link(body: dict[str, str], expected: dict[str, str]) -> None:
    assert _fields(body) == expected


def test_an_adaptive_cards_kicker_over_the_title_is_the_site_or_a_label() -> None:
    def adaptive(body: list[dict[str, Any]]) -> dict[str, str]:
        content = {
            "type": "AdaptiveCard",
            "body": body,
            "actions": [{"type": "Action.OpenUrl", "url": "https://f.example/a"}],
        }
        return _fields(
            {
                "type": "message",
                "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": content}],
            }
        )

    subtle = adaptive(
        [
            {"type": "TextBlock", "text": "Follow the Money", "size": "Small", "isSubtle": True},
            {"type": "TextBlock", "text": "Hoe een gemeente haar windpark verkocht", "weight": "Bolder"},
            {"type": "TextBlock", "text": "De gemeente beloofde inwoners een windpark.", "wrap": True},
        ]
    )
    assert (subtle["title"], subtle["feed_title"]) == ("Hoe een gemeente haar windpark verkocht", "Follow the Money")
    assert "Follow the Money" not in subtle["content"]
    label = adaptive(
        [
            {"type": "TextBlock", "text": "NEWS FEATURE", "size": "Small", "weight": "Bolder"},
            {"type": "TextBlock", "text": "In the camps, a cash pilot", "size": "Large", "weight": "Bolder"},
            {"type": "TextBlock", "text": "By Hawa Idriss · 24 November 2026", "isSubtle": True},
            {"type": "TextBlock", "text": "Refugees say the transfers have helped.", "wrap": True},
        ]
    )
    assert (label["title"], label["author"], label.get("feed_title")) == (
        "In the camps, a cash pilot",
        "Hawa Idriss",
        None,
    )
    assert label["published"] == "24 November 2026"


def test_a_google_chat_widgets_bold_line_is_the_title_under_the_header_naming_the_feed() -> None:
    fields = _fields(
        {
            "cards": [
                {
                    "header": {"title": "Health-e News", "subtitle": "TB"},
                    "sections": [
                        {
                            "widgets": [
                                {
                                    "keyValue": {
                                        "topLabel": "20 Nov 2026 · 08:15 SAST",
                                        "content": "<b>Mobile TB vans reach 40,000 people</b>",
                                    }
                                },
                                {"textParagraph": {"text": "The four vans have found 1,150 people."}},
                                {"keyValue": {"topLabel": "By", "content": "Lwazi Dube"}},
                                {
                                    "buttons": [
                                        {
                                            "textButton": {
                                                "text": "READ MORE",
                                                "onClick": {"openLink": {"url": "https://h.example/a"}},
                                            }
                                        }
                                    ]
                                },
                            ]
                        }
                    ],
                }
            ]
        }
    )
    assert (fields["title"], fields["feed_title"], fields["author"]) == (
        "Mobile TB vans reach 40,000 people",
        "Health-e News",
        "Lwazi Dube",
    )
    assert fields["published"] == "20 Nov 2026 08:15 SAST"


@pytest.mark.parametrize(
    ("closing", "author", "published"),
    [
        ("<i>di Marco Tessarolo</i> · 🕗 29/11/2026 08:00", "Marco Tessarolo", "2026-11-29 08:00"),
        ("Von Tobias Marti-Keller · 01.12.2026, 05:00 MEZ", "Tobias Marti-Keller", "2026-12-01 05:00 MEZ"),
        ("✍️ Carmen Yiu · 🕔 26 Nov 2026, 17:10 HKT", "Carmen Yiu", "26 Nov 2026, 17:10 HKT"),
        ("Текст: Олена Гнатюк", "Олена Гнатюк", None),
        ("بقلم: سلمى الخطيب", "سلمى الخطيب", None),
        (
            "Reported by Nurul Azwa Rahim for BenarNews\nPublished: Thu, 19 Nov 2026 14:30:12 -0500",
            "Nurul Azwa Rahim",
            "Thu, 19 Nov 2026 14:30:12 -0500",
        ),
    ],
)
def test_a_byline_and_its_date_closing_a_message_are_the_author_and_the_date(
    closing: str, author: str, published: str | None
) -> None:
    caption = (
        "<b>The headline of the story</b>\n\nThe story's one paragraph, told plainly.\n\n"
        f'{closing}\n<a href="https://d.example/a">Read on D</a>'
    )
    fields = _fields({"chat_id": "@d", "photo": "https://d.example/p.jpg", "caption": caption, "parse_mode": "HTML"})
    assert (fields["author"], fields.get("published")) == (author, published)
    assert fields["content"] == "<p>The story's one paragraph, told plainly.</p>"


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    caption = "<b>The headline of the story</b>\n\nThe story's paragraph.\n\nBy the end of the year, the line will run."
    fields = _fields({"chat_id": "@d", "caption": caption, "parse_mode": "HTML"})
    assert "author" not in fields
    assert "By the end of the year" in fields["content"]


def test_a_markdown_quote_in_a_notification_is_its_text() -> None:
    fields = _fields(
        {
            "topic": "r",
            "title": "Netzzuschlag ab 2027",
            "message": "> Ab 2027 zahlen Haushalte mehr.\n\nZweiter Absatz.",
            "markdown": True,
            "click": "https://r.example/a",
        }
    )
    assert fields["content"] == "<p>Ab 2027 zahlen Haushalte mehr.</p><p>Zweiter Absatz.</p>"


@pytest.mark.parametrize(
    ("text", "feed_title"),
    [("#### :newspaper: Nuevo en Cerosetenta", "Cerosetenta"), ("New story on Kosovo 2.0 :newspaper:", "Kosovo 2.0")],
)
def test_a_chat_messages_notice_with_shortcodes_and_a_heading_mark_names_the_feed(text: str, feed_title: str) -> None:
    fields = _fields(
        {
            "text": text,
            "attachments": [
                {
                    "title": "Los ciclistas que mapean los huecos",
                    "title_link": "https://c.example/a",
                    "text": "Un colectivo de ciclistas ha marcado huecos.",
                }
            ],
        }
    )
    assert fields["feed_title"] == feed_title
    assert "newspaper" not in fields["content"]


def test_a_google_chat_thread_message_in_slacks_markup_is_read_as_a_card() -> None:
    text = (
        "*Kraje loni utratily za poradenství 1,4 miliardy*\nHlídací pes prošel registr smluv všech krajů.\n\n"
        "<https://hp.example/kraje/|Číst na HlídacíPes.org> · 3. 12. 2026 14:05"
    )
    fields = _fields({"text": text, "thread": {"threadKey": "feed"}})
    assert (fields["title"], fields["url"]) == (
        "Kraje loni utratily za poradenství 1,4 miliardy",
        "https://hp.example/kraje/",
    )
    assert fields["content"] == "<p>Hlídací pes prošel registr smluv všech krajů.</p>"
    assert fields["published"] == "2026-12-03 14:05"


def test_a_telegram_message_posted_as_a_form_with_the_channels_name_unencoded() -> None:
    text = urllib.parse.quote("*Coupures d’eau à Sfax*\n_Par Yasmine Ben Salah_\n\nDepuis l’été, la SONEDE rationne\\.")
    body = f"chat_id=@inkyfada_veille&parse_mode=MarkdownV2&text={text}"
    fields = dict(parse_payload(body.encode(), "application/x-www-form-urlencoded").fields)
    assert fields["title"] == "Coupures d’eau à Sfax"


def test_a_discord_footer_with_the_date_after_a_dash() -> None:
    embed = {
        "title": "Minibus fares",
        "url": "https://hk.example/a",
        "description": "Passengers will pay by card.",
        "footer": {"text": "Hong Kong Free Press HKFP - 11/25/2026 9:40 AM"},
    }
    assert _fields({"username": "FeedCord", "embeds": [embed]})["published"] == "2026-11-25 09:40"


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        ("**By Sameer Kulkarni** | 3 Dec 2026, 10:00 IST", "Sameer Kulkarni", "3 Dec 2026, 10:00 IST"),
        ("Автор: Илья Сомов", "Илья Сомов", None),
        ("作者：黃郁婷", "黃郁婷", None),
    ],
)
def test_a_byline_over_the_text_of_an_apprise_api_notification(line: str, author: str, published: str | None) -> None:
    body = f"{line}\n\nStock registers from 180 stores show half the medicines.\n\n[Read the full story](https://i.example/a)"
    fields = _fields(
        {"title": "Stores stocked half of listed medicines", "body": body, "type": "info", "format": "markdown"}
    )
    assert (fields["title"], fields["url"], fields["author"], fields.get("published")) == (
        "Stores stocked half of listed medicines",
        "https://i.example/a",
        author,
        published,
    )
    assert fields["content"] == "<p>Stock registers from 180 stores show half the medicines.</p>"


def test_a_bold_widget_under_another_label_leaves_the_headers_title() -> None:
    widget = {"keyValue": {"topLabel": "Source", "content": "<b>Health-e News</b>"}}
    cards = [{"header": {"title": "Mobile TB vans reach 40,000 people"}, "sections": [{"widgets": [widget]}]}]
    assert _fields({"cards": cards})["title"] == "Mobile TB vans reach 40,000 people"


def test_an_adaptive_cards_small_bold_title_stays_over_a_bold_subheading() -> None:
    body = [
        {"type": "TextBlock", "text": "Council approves the 2027 budget", "weight": "Bolder", "size": "Small"},
        {"type": "TextBlock", "text": "Key points", "weight": "Bolder"},
        {"type": "TextBlock", "text": "The budget passed eight votes to three.", "wrap": True},
    ]
    content = {"type": "AdaptiveCard", "body": body}
    attachment = {"contentType": "application/vnd.microsoft.card.adaptive", "content": content}
    fields = _fields({"type": "message", "attachments": [attachment]})
    assert (fields["title"], fields.get("feed_title")) == ("Council approves the 2027 budget", None)


@pytest.mark.parametrize("kicker", ["5 min read", "December 4, 2026", "Updated 2 hours ago", "By Jane Doe"])
def test_a_subtle_line_over_an_adaptive_cards_title_that_is_no_name_names_no_site(kicker: str) -> None:
    body = [
        {"type": "TextBlock", "text": kicker, "size": "Small", "isSubtle": True},
        {"type": "TextBlock", "text": "Council approves the 2027 budget", "weight": "Bolder"},
        {"type": "TextBlock", "text": "The budget passed eight votes to three.", "wrap": True},
    ]
    content = {"type": "AdaptiveCard", "body": body}
    attachment = {"contentType": "application/vnd.microsoft.card.adaptive", "content": content}
    assert "feed_title" not in _fields({"type": "message", "attachments": [attachment]})


def test_a_closing_date_that_may_be_april_or_december_is_no_date() -> None:
    caption = "<b>The headline of the story</b>\n\nThe story's paragraph.\n\nBy Jane Smith · 12/04/2026"
    fields = _fields({"chat_id": "@d", "caption": caption, "parse_mode": "HTML"})
    assert fields.get("published") is None


def test_a_notice_naming_a_place_names_no_feed() -> None:
    attachment = {
        "title": "Cantines scolaires : le bio plafonne",
        "title_link": "https://m.example/a",
        "text": "La loi.",
    }
    assert _fields({"text": "Nouvelle enquête à Lyon", "attachments": [attachment]}).get("feed_title") != "Lyon"


def test_a_bold_widget_headline_opening_with_more_is_the_title() -> None:
    widget = {"decoratedText": {"text": "<b>More than 300 volunteers rebuild the harbour wall</b>"}}
    cards = [{"header": {"title": "Harbour News"}, "sections": [{"widgets": [widget]}]}]
    fields = _fields({"cards": cards})
    assert (fields["title"], fields["feed_title"]) == (
        "More than 300 volunteers rebuild the harbour wall",
        "Harbour News",
    )


@pytest.mark.parametrize(
    "message",
    [
        # Slack's (and Google Chat's) incoming webhook: mrkdwn, a link in angle brackets under the strong title
        {"text": "*Water main repairs close Elm Street*\n<https://news.example/elm|Read the story>\n\nCrews expect to "
         "finish on Friday.", "username": "Town Crier"},
        # Discord's: Markdown, the title strong after the bot's mark
        {"content": "📰 | **Water main repairs close Elm Street**\n\nhttps://news.example/elm", "embeds": [],
         "username": "Town Crier", "avatar_url": "https://news.example/logo.png"},
        # Rocket.Chat's: the title strong, a quoted summary, the link
        {"alias": "Town Crier", "emoji": ":newspaper:", "text": "*Water main repairs close Elm Street*\n> Crews "
         "expect to finish on Friday.\nhttps://news.example/elm"},
    ],
)  # fmt: skip
def test_a_chat_messages_text_alone_opens_with_its_title(message: dict[str, Any]) -> None:
    fields = _fields(message)
    assert fields["title"] == "Water main repairs close Elm Street"
    assert fields["feed_title"] == "Town Crier"  # the name the bot is shown under


@pytest.mark.parametrize("pointer", ["Read the story", "Leer el chequeo completo", "→"])
def test_a_link_line_under_a_chat_messages_title_is_the_items_link(pointer: str) -> None:
    fields = _fields({"text": f"*Water main repairs close Elm Street*\n<https://news.example/elm|{pointer}>\n\nCrews "
                      "expect to finish on Friday."})  # fmt: skip
    assert fields["url"] == "https://news.example/elm"
    assert pointer not in fields["content"]


@pytest.mark.parametrize(
    "line",
    [
        "See <https://city.example/detours|the council's full list of detours for the week>",  # a sentence
        "Crews expect to finish on <https://city.example/schedule|Friday>.",  # words beside the link
        "<https://city.example/donate|Donate>",  # a link of its own, not a pointer to the story
        "<https://docs.example/agenda|Agenda>",
    ],
)
def test_a_line_with_words_beside_its_link_under_a_chat_title_stays(line: str) -> None:
    fields = _fields({"text": f"*Water main repairs close Elm Street*\n{line}\n\nCrews are on site."})
    assert "city.example" not in fields.get("url", "")
    assert any(word in fields["content"] for word in ("council", "Friday", "Donate", "Agenda"))


@pytest.mark.parametrize("name", ["RSS Bot", "MonitoRSS", "YouTube", "New Uploads", "Space videos", "dwhit", "feed_2"])
def test_a_bots_name_that_says_what_it_does_or_a_handle_names_no_feed(name: str) -> None:
    fields = _fields(
        {"text": "*Water main repairs close Elm Street*\n<https://news.example/elm|Read>", "username": name}
    )
    assert "feed_title" not in fields


def test_a_chat_messages_plain_text_is_no_card() -> None:
    fields = _fields({"text": "Deploy finished in 42 seconds.", "username": "CI"})
    assert "title" not in fields or fields["title"] != "Deploy finished in 42 seconds"


@pytest.mark.parametrize("message", [{"content": "✅ **Done**"}, {"text": "<https://news.example/article>"}])
def test_a_chat_messages_one_word_or_a_link_alone_is_no_title(message: dict[str, Any]) -> None:
    assert _fields(message).get("title") not in ("Done", "https://news.example/article")


def test_a_discord_message_in_markdown_beside_a_bare_link() -> None:
    # Discord's "<https://…>" (a link shown without its preview) is no Slack mrkdwn: "**" strongs the title
    fields = _fields(
        {
            "username": "HNN",
            "content": "📰 **Kauai County closes Polihale access road**\n<https://www.example.com/2026/11/03/road/>",
        }
    )
    assert fields["title"] == "Kauai County closes Polihale access road"
    assert fields["url"] == "https://www.example.com/2026/11/03/road/"


@pytest.mark.parametrize("quote", [">>> ", "> "])
def test_a_discord_quote_mark_is_no_text(quote: str) -> None:
    fields = _fields(
        {
            "username": "CS News",
            "content": f"📰 **[NRG complete roster](https://www.example.com/news/1/nrg)**\n{quote}"
            "NRG have signed a new player.\n\nHe will debut in January.",
        }
    )
    assert fields["content"] == "<p>NRG have signed a new player.</p><p>He will debut in January.</p>"


def test_a_slack_quote_mark_is_no_text() -> None:
    fields = _fields(
        {
            "username": "YouTube",
            "text": "New video from *Ben Felix*: <https://www.youtube.com/watch?v=Xb3d|Do Dividend Stocks Protect "
            "You?>\n>Dividend-paying stocks feel safer when markets fall.",
        }
    )
    assert fields["title"] == "Do Dividend Stocks Protect You?"
    assert fields["content"].startswith("<p>Dividend-paying stocks")


def test_a_notice_after_a_pictograph_over_a_discord_embed_names_the_channel() -> None:
    fields = _fields(
        {
            "username": "RSS",
            "content": "📺 **Ben Felix** uploaded a new video",
            "embeds": [
                {
                    "title": "Why Index Funds Own the Losers Too",
                    "url": "https://www.youtube.com/watch?v=Lc4v",
                    "description": "Index funds own every company.",
                }
            ],
        }
    )
    assert fields["feed_title"] == "Ben Felix"
    assert "uploaded" not in fields["content"]


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        # Slack escapes a literal ">": only a raw one quotes
        (
            {"text": "*<https://news.example/t|Turnout update>*\n&gt;50% of voters cast a ballot early."},
            "50% of voters",
        ),
        ({"text": "*<https://news.example/i|Install notes>*\n```\n> npm install foo\n```"}, " npm install foo"),
        # Discord quotes with a space after the mark
        ({"content": "📰 **Kauai road closes**\n<https://www.example.com/a>\n>50% of residents rely on it."}, "50%"),
    ],
)
def test_a_greater_than_sign_that_quotes_nothing_stays(message: dict[str, Any], kept: str) -> None:
    content = _fields(message)["content"]
    assert f">{kept}" in content or f"&gt;{kept}" in content


def test_a_slack_message_with_double_asterisks_is_still_mrkdwn() -> None:
    fields = _fields(
        {
            "text": ":rotating_light: *Storm warning for Harbour County*\n<https://news.example/storm|Read more>\n"
            "Winds up to **90 km/h** expected."
        }
    )
    assert fields["title"] == "Storm warning for Harbour County"
    assert fields["url"] == "https://news.example/storm"


def test_a_line_over_a_pointing_link_is_no_notice_over_a_title() -> None:
    fields = _fields({"text": "Quarterly results are out today\n<https://news.example/q3|Read more>"})
    assert fields.get("title") != "Read more"


def test_a_pictographs_line_that_tells_news_over_an_embed_names_no_feed() -> None:
    fields = _fields(
        {
            "content": "🚨 **Mayor Reyes** released a statement on the budget",
            "embeds": [
                {"title": "Budget 2027 passes", "url": "https://news.example/budget", "description": "It passed."}
            ],
        }
    )
    assert fields.get("feed_title") != "Mayor Reyes"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("📰 癮科技有新文章！", "癮科技"),  # (Chinese writes no space before "has a new article")
        ("@everyone **elxokas** está en directo 🔴", "elxokas"),  # a streamer's "is live", the mention no word
        ("**Papaplatte** ist jetzt live!", "Papaplatte"),
    ],
)
def test_a_notice_over_an_embed_in_other_languages_names_the_feed(content: str, name: str) -> None:
    fields = _fields(
        {
            "content": content,
            "embeds": [
                {"title": "Budget 2027 passes", "url": "https://news.example/budget", "description": "It passed."}
            ],
        }
    )
    assert fields["feed_title"] == name
    assert fields["content"] == "It passed."


def test_a_slack_templates_line_over_a_strong_title_is_no_text() -> None:
    fields = _fields(
        {
            "text": "*New QNAP security advisory* (QSA-26-41)\n*<https://www.example.com/qsa-26-41|Vulnerability in "
            "File Station 5>*\n>A path traversal vulnerability has been reported."
        }
    )
    assert fields["title"] == "Vulnerability in File Station 5"
    assert "QSA-26-41" not in fields["content"]


def test_a_strong_notice_over_a_linked_title_in_slack() -> None:
    # (the client's emoji code ends its line: the line break after it stays)
    fields = _fields(
        {
            "username": "Pocket Tactics",
            "text": "*New on Pocket Tactics* :iphone:\n<https://www.example.com/tidebound|Tidebound Tactics "
            "release date announced>\n>The game arrives on December 3.",
        }
    )
    assert fields["title"] == "Tidebound Tactics release date announced"
    assert fields["url"] == "https://www.example.com/tidebound"
    assert fields["content"] == "<p>The game arrives on December 3.</p>"


def test_a_strong_title_over_a_link_that_points_on_stays_the_title() -> None:
    fields = _fields({"text": "*Storm warning for Harbour County*\n<https://news.example/storm|Read the full story>"})
    assert fields["title"] == "Storm warning for Harbour County"
    assert fields["url"] == "https://news.example/storm"


@pytest.mark.parametrize(
    "message",
    [
        {"text": "Evacuation ordered for Harbour County\n*<https://x.example/a|Wildfire update>*\nCrews are on scene."},
        {"content": "Evacuation ordered in Harbour\n**[Wildfire update](https://x.example/a)**\nCrews on scene."},
    ],
)
def test_news_over_a_strong_title_stays_text(message: dict[str, Any]) -> None:
    assert "Evacuation ordered" in _fields(message)["content"]  # (the line is the message's own words)


@pytest.mark.parametrize(
    "content",
    [
        "🚨 Mayor Reyes released a statement on the budget",
        "🚨 **Mayor Reyes** released a statement on the budget",
        "⚠️ The county published an evacuation order",
        "Voting is now live!",
        "La votación está en directo",
    ],
)
def test_a_news_line_over_an_embed_names_no_feed(content: str) -> None:
    fields = _fields(
        {
            "content": content,
            "embeds": [
                {"title": "Budget 2027 passes", "url": "https://news.example/budget", "description": "It passed."}
            ],
        }
    )
    assert "feed_title" not in fields


def test_a_discord_embeds_description_is_markdown() -> None:
    fields = _fields(
        {
            "username": "Weblate news",
            "embeds": [
                {
                    "title": "Weblate 5.16",
                    "url": "https://weblate.example/news/5-16/",
                    "description": "It brings **glossary suggestions**; see the [upgrade notes](https://docs.example/u).",
                }
            ],
        }
    )
    assert (
        fields["content"]
        == 'It brings <b>glossary suggestions</b>; see the <a href="https://docs.example/u">upgrade notes</a>.'
    )


def test_a_markdown_links_words_may_be_bracketed() -> None:
    fields = _fields(
        {
            "content": "",
            "embeds": [
                {
                    "title": "Dublin Bus adds routes",
                    "url": "https://www.reddit.com/r/ireland/comments/1ph4q2m/x/",
                    "description": "submitted by [/u/a](https://www.reddit.com/user/a)\n[[link]](https://rte.example/a)",
                }
            ],
        }
    )
    assert '<a href="https://rte.example/a">[link]</a>' in fields["content"]


def test_slacks_inline_code_is_its_text() -> None:
    fields = _fields(
        {
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": "Snapcraft 9.0"}},
                {"type": "section", "text": {"type": "mrkdwn", "text": "Builds on the new `core26` base."}},
                {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Read"},
                                                  "url": "https://snap.example/9"}]},
            ]
        }
    )  # fmt: skip
    assert "<code>core26</code>" in fields["content"]
    assert "`" not in fields["content"]


def test_an_embeds_key_outside_discords_shape_is_no_markdown() -> None:
    fields = _fields(
        {"id": 1, "embeds": [{"title": "A post", "url": "https://b.example/1", "description": "Read **this** now."}]}
    )
    assert fields["content"] == "Read **this** now."


def test_a_telegram_channel_posts_text_ending_in_its_link() -> None:
    fields = _fields(
        {
            "update_id": 1,
            "channel_post": {
                "chat": {"id": -100, "title": "Gulf Wire Desk", "type": "channel"},
                "date": 1780911687,
                "text": "Saudi Arabia extends e-visa\n\nThe ministry extended the visa.\n\nhttps://www.spa.example/en/N1",
            },
        }
    )
    assert (fields["title"], fields["url"]) == ("Saudi Arabia extends e-visa", "https://www.spa.example/en/N1")


def test_a_matrix_messages_body_ending_in_its_link() -> None:
    fields = _fields(
        {
            "content": {
                "body": "Nufenenpass öffnet früher\nDer Kanton gibt die Passstrasse frei.\nhttps://www.1815.example/a/",
                "msgtype": "m.text",
            },
            "type": "m.room.message",
        }
    )
    assert (fields["title"], fields["url"]) == ("Nufenenpass öffnet früher", "https://www.1815.example/a/")


@pytest.mark.parametrize(
    ("words", "name"),
    [("Leer en La Jornada Maya", "La Jornada Maya"), ("Citește pe ZIUA de Constanța", "ZIUA de Constanța")],
)
def test_a_pointer_in_other_languages_names_the_site(words: str, name: str) -> None:
    fields = _fields(
        {"text": f"📰 *Nuevas rutas del Va y Ven*\nLas rutas conectarán colonias.\n<https://n.example/a|{words}>"}
    )
    assert (fields["url"], fields["feed_title"]) == ("https://n.example/a", name)


def test_n8ns_attribution_under_a_telegram_message_is_no_text() -> None:
    fields = _fields(
        {
            "chat_id": "@stiri",
            "parse_mode": "HTML",
            "text": "<b>Portul a operat un volum record</b>\n\nPrin terminalele portului au trecut 9 milioane.\n\n"
            '<em>This message was sent automatically with </em><a href="https://n8n.io/?utm_source=n8n-internal">n8n</a>',
        }
    )
    assert "n8n" not in fields["content"]


def test_a_chinese_title_linked_in_slack_text_is_the_cards_title() -> None:
    fields = _fields({"text": "<https://k.example/3|*槟城渡轮新船下月启航*>\n>两艘新渡轮已完成试航。"})
    assert (fields["title"], fields["url"]) == ("槟城渡轮新船下月启航", "https://k.example/3")
    assert "&gt;" not in fields["content"]


def test_a_telegram_notice_over_the_linked_title_as_its_own_paragraph() -> None:
    fields = _fields(
        {
            "chat_id": -100,
            "parse_mode": "HTML",
            "text": "🎙 <b>Nouvel épisode de 2 Heures de Perdues</b>\n\n"
            '<a href="https://podcast.example/le-bossu">Le Bossu de l\'espace</a>\n\nCette semaine, un space opera.',
        }
    )
    assert (fields["title"], fields["url"]) == ("Le Bossu de l'espace", "https://podcast.example/le-bossu")
    assert fields["feed_title"] == "2 Heures de Perdues"


def test_a_strong_heading_over_a_linked_paragraph_stays_the_title() -> None:
    fields = _fields(
        {
            "chat_id": -100,
            "parse_mode": "HTML",
            "text": '<b>Storm warning for the coast</b>\n\n<a href="https://n.example/storm">Read the full warning</a>',
        }
    )
    assert fields["title"] == "Storm warning for the coast"


def test_a_relays_sign_off_in_any_language_closes_no_text() -> None:
    fields = _fields(
        {
            "text": "🎙️ *DevSenior Cast* — episódio novo no ar!\n*<https://pod.example/ep48|Ep. 48 — Code review>*\n"
            "Como dar e receber feedback em pull requests.\n_Enviado via IFTTT_"
        }
    )
    assert fields["content"] == "<p>Como dar e receber feedback em pull requests.</p>"
    assert fields["feed_title"] == "DevSenior Cast"


def test_the_owners_line_naming_only_its_medium_over_an_embed_is_no_text() -> None:
    fields = _fields(
        {
            "username": "360meridianos",
            "content": "✈️ Post novo no blog!",
            "embeds": [{"title": "Montevidéu em 3 dias", "url": "https://m.example/a", "description": "Roteiro a pé."}],
        }
    )
    assert "Post novo" not in fields["content"]


def test_a_connector_cards_linked_activity_title_gives_the_items_link() -> None:
    fields = _fields(
        {
            "@type": "MessageCard",
            "summary": "Казахстан отменит визы",
            "sections": [
                {
                    "activityTitle": "**[Казахстан отменит визы](https://informburo.example/novosti/vizy)**",
                    "activitySubtitle": "Informburo.kz · Новости",
                    "text": "Безвизовый режим позволит находиться в Казахстане до 30 дней.",
                }
            ],
        }
    )
    assert (fields["title"], fields["url"]) == ("Казахстан отменит визы", "https://informburo.example/novosti/vizy")


@pytest.mark.parametrize(
    "words",
    ["Leer en inglés", "Lire sur notre site", "Read it on my blog", "Read more at https://ex.example/a"],
)
def test_a_pointer_to_a_language_a_site_or_an_address_names_no_one(words: str) -> None:
    fields = _fields(
        {"text": f"📰 *Nuevas rutas del Va y Ven*\nLas rutas conectarán colonias.\n<https://n.example/a|{words}>"}
    )
    assert "feed_title" not in fields


def test_a_strong_headline_saying_new_over_a_linked_paragraph_stays_the_title() -> None:
    fields = _fields(
        {
            "chat_id": -100,
            "parse_mode": "HTML",
            "text": '<b>New York passes congestion pricing</b>\n\n<a href="https://ex.example/r">Reuters on the '
            "vote</a>\nLawmakers approved the plan.",
        }
    )
    assert fields["title"] == "New York passes congestion pricing"


def test_a_sentence_ending_in_an_automation_service_is_text() -> None:
    fields = _fields({"text": "*Workflow update for the ops team*\nWe moved everything to Zapier."})
    assert "Zapier" in fields["content"]


@pytest.mark.parametrize("content", ["Breaking — new video!", "Friday — new video!", "Update: new episode"])
def test_a_label_before_new_over_an_embed_names_no_feed(content: str) -> None:
    fields = _fields(
        {
            "content": content,
            "embeds": [{"title": "Budget 2027 passes", "url": "https://n.example/b", "description": "It passed."}],
        }
    )
    assert fields.get("feed_title") not in {"Breaking", "Friday", "Update"}


@pytest.mark.parametrize(
    ("content", "feed_title"),
    [
        ("📢 Nowy artykuł", None),  # only that the card is new
        ("🆕 New story on Ricochet", "Ricochet"),  # (a squared pictograph)
        ("New on the Delivery Hero newsroom", "Delivery Hero"),  # the owner of a medium
        ("Nuevo en el blog de Tiendanube", "Tiendanube"),
        ("📰 Nova vest na portalu Pirotske vesti", "Pirotske vesti"),  # a medium in a Slavic locative
    ],
)
def test_a_notice_over_an_embed_is_no_text(content: str, feed_title: str | None) -> None:
    fields = _fields(
        {
            "username": "Bot",
            "content": content,
            "embeds": [
                {
                    "title": "Night buses change routes",
                    "url": "https://n.example/a",
                    "description": "Lines 240 and 245.",
                }
            ],
        }
    )
    assert fields["content"] == "Lines 240 and 245."
    assert fields.get("feed_title", "Bot") == (feed_title or "Bot")


@pytest.mark.parametrize(
    ("content", "feed_title"),
    [
        # a name opening with its own article, or with its medium's word, is the name
        ("New on The Mel Robbins Podcast", "The Mel Robbins Podcast"),
        ("New episode of The Bill Simmons Podcast", "The Bill Simmons Podcast"),
        ("New on La Web del Cole", "La Web del Cole"),
        ("Nuevo en el canal de YouTube de Luisito", "Luisito"),
    ],
)
def test_a_notices_name_keeps_its_own_article(content: str, feed_title: str) -> None:
    fields = _fields(
        {
            "content": content,
            "embeds": [{"title": "Night buses change routes", "url": "https://n.example/a", "description": "Lines."}],
        }
    )
    assert fields["feed_title"] == feed_title


@pytest.mark.parametrize(
    ("notice", "feed_title"),
    [
        ("📰 A new edition of Git Rev News is out!", "Git Rev News"),  # an issue is out, and whose
        ("📰 New from the council", None),  # whose, unnamed: the card's link says
        ("📰 Нова статия в Kaldata", "Kaldata"),  # Bulgarian
        ("خبر جديد من المال", "المال"),  # Arabic sets "new" after its noun
        ("📢 خبر جدید ورزش سه", "ورزش سه"),  # and so does Persian, the name joined to it
    ],
)
def test_a_notice_over_an_embed_that_says_only_what_is_new_is_no_text(notice: str, feed_title: str | None) -> None:
    embed = {"title": "Warm spaces open this winter", "url": "https://www.city.example/news/a", "description": "Lines."}
    fields = _fields({"content": notice, "embeds": [embed]})
    assert (fields["content"], fields.get("feed_title")) == ("Lines.", feed_title)


@pytest.mark.parametrize(
    "notice",
    [
        "📺 A new episode of The Last of Us is here!",  # an episode's is a show's name
        "فيديو جديد من موقع الحادث",  # a new video from the scene
        "خبر جدید درباره افزایش قیمت بنزین",  # news about a subject
    ],
)
def test_a_notice_naming_a_show_a_scene_or_a_subject_names_no_feed(notice: str) -> None:
    embed = {"title": "Warm spaces open this winter", "url": "https://www.city.example/news/a", "description": "Lines."}
    assert "feed_title" not in _fields({"content": notice, "embeds": [embed]})


def test_a_notice_naming_no_one_over_an_embed_names_no_feed() -> None:
    fields = _fields(
        {
            "content": "New on the engineering blog",  # no masthead's name: the notice only says the card is new
            "embeds": [{"title": "Night buses change routes", "url": "https://n.example/a", "description": "Lines."}],
        }
    )
    assert (fields["content"], "feed_title" in fields) == ("Lines.", False)


@pytest.mark.parametrize(
    ("strong", "url", "feed_title"),
    [
        ("🛍 <b>Nuevo en el blog de Tiendanube</b>", "https://www.tiendanube.com/blog/a", "Tiendanube"),
        ("📰 <b>Granada Hoy</b>", "https://www.granadahoy.com/granada/a.html", "Granada Hoy"),  # the host's masthead
        ("🌧️ <b>Novo comunicado do IPMA</b>", "https://www.ipma.pt/pt/media/a.html", "IPMA"),  # a new statement
        ("🐾 <b>RSPCA news</b>", "https://www.rspca.org.uk/-/news-a", "RSPCA"),  # the masthead and its news room
    ],
)
def test_a_telegram_masthead_or_notice_over_the_linked_title(strong: str, url: str, feed_title: str) -> None:
    fields = _fields(
        {
            "chat_id": "@canal",
            "parse_mode": "HTML",
            "text": f'{strong}\n\n<a href="{url}">La Alhambra estrena horario nocturno</a>\n\n'
            "Las visitas se adelantan.",
        }
    )
    assert (fields["title"], fields["url"], fields["feed_title"]) == (
        "La Alhambra estrena horario nocturno",
        url,
        feed_title,
    )
    assert fields["content"] == "<p>Las visitas se adelantan.</p>"


def test_a_strong_headline_over_another_linked_title_stays_the_title() -> None:
    fields = _fields(
        {
            "chat_id": -100,
            "parse_mode": "HTML",
            "text": '<b>Storm warning for the coast</b>\n\n<a href="https://n.example/storm">Flood warning for Dade '
            "County until 9 PM</a>\n\nStay off the roads.",
        }
    )
    assert fields["title"] == "Storm warning for the coast"


@pytest.mark.parametrize(
    "strong",
    [
        "New rules on short-term rentals take effect",
        "Nuevo récord en el Mundial de atletismo",
        "Neue Regeln auf Autobahnen",
    ],
)
def test_a_strong_headline_saying_new_over_a_linked_title_stays_the_title(strong: str) -> None:
    fields = _fields(
        {
            "chat_id": -100,
            "parse_mode": "HTML",
            "text": f'<b>{strong}</b>\n\n<a href="https://n.example/a">The council voted on short-term rentals</a>\n\n'
            "The rules start in May.",
        }
    )
    assert fields["title"] == strong


def test_an_events_italic_line_with_a_date_stays_text() -> None:
    fields = _fields(
        {
            "text": "*<https://n.example/a|Council to vote on rents>*\nThe vote is next week.\n"
            "_Next vote · December 3, 2026_"
        }
    )
    assert "Next vote" in fields["content"]
    assert "published" not in fields


def test_a_slack_texts_italic_footer_gives_the_date_and_is_no_text() -> None:
    fields = _fields(
        {
            "text": "*<https://nbs.example/a|NBS otvára konzultáciu>*\nNárodná banka otvára konzultáciu.\n"
            "_Národná banka Slovenska · November 12, 2026 at 10:00AM_"
        }
    )
    assert fields["content"] == "<p>Národná banka otvára konzultáciu.</p>"
    assert fields["published"] == "November 12, 2026 at 10:00AM"


def test_a_bot_api_updates_channel_post_with_entities() -> None:
    text = (
        "Bujumbura : la campagne de vaccination 😷\n\nLe ministère a lancé une campagne.\n\nLire l’article sur rtnb.bi"
    )
    title_units = len("Bujumbura : la campagne de vaccination 😷".encode("utf-16-le")) // 2
    link_at = len(text[: text.index("Lire")].encode("utf-16-le")) // 2
    fields = _fields(
        {
            "update_id": 902114467,
            "channel_post": {
                "message_id": 731,
                "chat": {"id": -1001980442713, "title": "Burundi Infos", "type": "channel"},
                "date": 1781513100,
                "text": text,
                "entities": [
                    {"offset": 0, "length": title_units, "type": "bold"},
                    {"offset": link_at, "length": 26, "type": "text_link", "url": "https://www.rtnb.example/a?id=4"},
                ],
            },
        }
    )
    assert (fields["title"], fields["url"]) == (
        "Bujumbura : la campagne de vaccination 😷",
        "https://www.rtnb.example/a?id=4",
    )
    assert fields["content"] == "<p>Le ministère a lancé une campagne.</p>"
    assert (fields["published"], fields["feed_title"]) == ("1781513100", "Burundi Infos")


@pytest.mark.parametrize(
    ("entities", "html"),
    [
        ([], "a &lt;b&gt; &amp; 😀"),
        ([{"offset": 8, "length": 2, "type": "italic"}], "a &lt;b&gt; &amp; <i>😀</i>"),  # (UTF-16 units)
        ([{"offset": 0, "length": 99, "type": "bold"}, {"type": "bold"}, "x"], "a &lt;b&gt; &amp; 😀"),  # ignored
        ([{"offset": 0, "length": 1, "type": "text_link", "url": "javascript:alert(1)"}], "a &lt;b&gt; &amp; 😀"),
    ],
)
def test_telegram_entities_as_html(entities: list[Any], html: str) -> None:
    from app.ingest.cards import entities_html

    assert entities_html("a <b> & 😀", entities) == html


def test_a_pointer_beside_the_sites_name_spelling_the_links_host() -> None:
    fields = _fields(
        {
            "text": "*Dowladda Puntland oo Garoowe ka furtay isbitaal*\nWasaaradda Caafimaadka ayaa sheegtay.\n"
            "<https://puntlandpost.net/2026/09/08/a/|Akhri warka oo dhan> · Puntland Post"
        }
    )
    assert (fields["url"], fields["feed_title"]) == ("https://puntlandpost.net/2026/09/08/a/", "Puntland Post")
    assert fields["content"] == "<p>Wasaaradda Caafimaadka ayaa sheegtay.</p>"


def test_a_feeds_name_set_off_under_the_link_closing_a_chat_text() -> None:
    text = "*Storm closes the harbour today*\nThe harbour is closed.\nhttps://www.n.example/a\n_Daily News_"
    fields = _fields({"text": text})
    assert (fields["url"], fields["feed_title"]) == ("https://www.n.example/a", "Daily News")
    assert fields["content"] == "<p>The harbour is closed.</p>"
    # typed with curly quotes, as a sender may
    curly = "{“text”: “" + text.replace("\n", "\\n") + "”}"
    assert dict(parse_payload(curly.encode(), JSON).fields)["url"] == "https://www.n.example/a"
    # a sentence set off is no name
    said = _fields({"text": text.replace("_Daily News_", "_Updated at 9: the port reopens._")})
    assert "feed_title" not in said


@pytest.mark.parametrize(
    ("content", "feed_title"),
    [
        ("📰 새 기사가 올라왔어요!", None),  # "a new article is up", naming no one
        ("RyuKahr is live on Twitch! 🔴", "RyuKahr"),  # a streamer's notice without strong
    ],
)
def test_more_notices_over_an_embed_are_no_text(content: str, feed_title: str | None) -> None:
    fields = _fields(
        {
            "username": "Bot",
            "content": content,
            "embeds": [
                {"title": "Blind level picks tonight", "url": "https://n.example/a", "description": "Chat picks."}
            ],
        }
    )
    assert fields["content"] == "Chat picks."
    assert fields.get("feed_title", "Bot") == (feed_title or "Bot")


def test_a_discord_embeds_markdown_headings_and_list_items_are_paragraphs() -> None:
    description = (
        "## What's Changed\n### Features ✨\n* Show the stash count\n* Copy a commit hash\n\n**Full Changelog**: v1"
    )
    fields = _fields(
        {
            "username": "GitHub Releases",
            "embeds": [{"title": "lazygit v0.61.0", "url": "https://g.example/r", "description": description}],
        }
    )
    content = fields["content"]
    assert "* " not in content
    for line in ("What's Changed", "Features ✨", "Show the stash count", "Copy a commit hash"):
        assert f">{line}<" in content


def test_a_footer_date_with_a_zones_abbreviation() -> None:
    text = "*출근하지 않는 회사의 하루*\n출근을 강제하지 않는다.\n🕒 2026-11-03 09:00 KST"
    fields = _fields({"text": text})
    assert fields["published"] == "2026-11-03 09:00 KST"
    assert "KST" not in fields["content"]


@pytest.mark.parametrize(
    "content", ["The council meeting is live on YouTube.", "Our new documentary is live on YouTube!"]
)
def test_what_is_live_is_no_streamers_name(content: str) -> None:
    fields = _fields(
        {
            "content": content,
            "embeds": [{"title": "Council budget vote", "url": "https://n.example/a", "description": "Vote."}],
        }
    )
    assert "feed_title" not in fields
    assert content.rstrip(".!") in fields["content"]


@pytest.mark.parametrize(
    "strong",
    ["Neue Pressemitteilung der Stadt Köln zum Hochwasser", "Nouveau communiqué de la préfecture sur la crue"],
)
def test_a_strong_headline_saying_new_over_a_linked_title_from_another_host(strong: str) -> None:
    fields = _fields(
        {
            "chat_id": -100,
            "parse_mode": "HTML",
            "text": f'<b>{strong}</b>\n\n<a href="https://www.stadt-koeln.example/a">Floods close 40 roads in the '
            "city</a>\n\nThe river rose overnight.",
        }
    )
    assert fields["title"] == strong


def test_a_fenced_code_block_or_one_dashed_line_in_an_embed_is_no_list() -> None:
    description = "Install with:\n```\npip install foo\n- not a list\n* neither\n```\nThen run it."
    fields = _fields(
        {"username": "Bot", "embeds": [{"title": "Foo 1.0", "url": "https://g.example/r", "description": description}]}
    )
    assert "<li>" not in fields["content"]
    quoted = _fields(
        {
            "username": "Bot",
            "embeds": [{"title": "A quote", "url": "https://g.example/q", "description": "“We will.”\n- John Smith"}],
        }
    )
    assert "<li>" not in quoted["content"]


@pytest.mark.parametrize("footer", ["2026-06-03 09:00 PM", "2026-06-03 09:00 NEWS"])
def test_a_footer_time_with_no_zone_after_it(footer: str) -> None:
    fields = _fields({"text": f"*Storm closes the harbour today*\nThe harbour is closed.\n🕒 {footer}"})
    assert "published" not in fields


def test_an_adaptive_cards_kicker_may_part_the_site_from_its_section() -> None:
    body = [
        {"type": "TextBlock", "text": "OCCRP · News", "size": "Small", "isSubtle": True},
        {"type": "TextBlock", "text": "Prosecutors freeze the network's assets", "size": "Large", "weight": "Bolder"},
        {"type": "TextBlock", "text": "Authorities in three countries froze accounts.", "wrap": True},
    ]
    content = {
        "type": "AdaptiveCard",
        "body": body,
        "actions": [{"type": "Action.OpenUrl", "url": "https://o.example/a"}],
    }
    fields = _fields({"type": "message", "attachments": [{"contentType": ADAPTIVE, "content": content}]})
    assert fields["title"] == "Prosecutors freeze the network's assets"
    assert "OCCRP" not in fields["content"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a kicker of two words in a sentence's case says what kind of news the card is
        ("Última hora", False),
        ("🗞 Свежая новость", False),
        ("Breaking news", False),
        ("New OCCRP investigation", False),
        ("New authentik release", False),
        ("📰 Novo na tportalu", False),
        ("#### Nova provera", False),
        # a line of the message's own: words of its own, a figure, a sentence
        ("Road closed until 9 PM", True),
        ("Tornado warning extended", True),
        ("Tornado warning", True),
        ("Evacuate now", True),
        ("New mayor elected", True),
        ("The road is closed.", True),
    ],
)
def test_a_kicker_over_a_chat_card_is_no_story(text: str, kept: bool) -> None:
    body = {
        "text": text,
        "attachments": [
            {
                "title": "Landslide closes route 27",
                "title_link": "https://r.example/nota/landslide",
                "text": "A landslide covered both lanes near kilometre 34.",
            }
        ],
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert (fields["title"], text.split()[-1] in fields["content"]) == ("Landslide closes route 27", kept)


def test_a_slack_attachments_fields_give_the_reporters_and_slacks_date() -> None:
    body = {
        "text": "New OCCRP investigation",
        "attachments": [
            {
                "title": "How a supplier won tenders",
                "title_link": "https://o.example/en/investigation/supplier",
                "text": "A distributor won at least 27 tenders.",
                "fields": [
                    {"title": "Reporters", "value": "Jelena Marković and Sara Doneva", "short": False},
                    {"title": "Published", "value": "<!date^1790589600^{date_short}|Sep 28, 2026>", "short": True},
                ],
            }
        ],
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert (fields["author"], fields["published"]) == ("Jelena Marković and Sara Doneva", "1790589600")


@pytest.mark.parametrize(
    ("author_name", "author_link", "author", "feed_title"),
    [
        # the site itself: its name spells the link's host, or it links to the site's home page
        ("The Bell", None, None, "The Bell"),
        ("Criterio.hn", "https://criterio.hn/", None, "Criterio.hn"),
        ("Disclose", "https://criterio.hn/fr", None, "Disclose"),
        # a writer, linked to a profile or to another site
        ("Jane Doe", "https://criterio.hn/author/jane-doe/", "Jane Doe", None),
        ("Jane Doe", "https://janedoe.example/", "Jane Doe", None),
        # a writer on the writer's own site stays the author
        ("Paul Graham", "https://criterio.hn/", "Paul Graham", None),
        ("Maria Lopez", "https://criterio.hn/ml", "Maria Lopez", None),
    ],
)
def test_a_chat_attachments_author_that_is_the_site_names_the_feed(
    author_name: str, author_link: str | None, author: str | None, feed_title: str | None
) -> None:
    attachment = {
        "author_name": author_name,
        "title": "Filters run short at the hospital",
        "title_link": "https://criterio.hn/pacientes-renales/" if author_name != "The Bell" else "https://thebell.io/a",
        "text": "Families say they buy the filters themselves.",
        **({"author_link": author_link} if author_link else {}),
    }
    fields = dict(parse_payload(orjson.dumps({"attachments": [attachment]}), JSON).fields)
    assert (fields.get("author"), fields.get("feed_title")) == (author, feed_title)


@pytest.mark.parametrize(
    ("content", "feed_title"),
    [
        ("📺 **Dr Nozman** a publié une nouvelle vidéo !", "Dr Nozman"),
        ("📺 Kurzgesagt hat ein neues Video hochgeladen", "Kurzgesagt"),
        ("🎬 **Luisito** publicó un nuevo video", "Luisito"),
        ("📰 New story from the Mandurah Mail", "Mandurah Mail"),
        ("📰 Nueva nota de prensa", None),
    ],
)
def test_a_notice_over_a_discord_embed_in_more_languages(content: str, feed_title: str | None) -> None:
    body = {
        "content": content,
        "embeds": [
            {
                "title": "Le sable qui ne se mouille pas",
                "url": "https://v.example/watch?v=1",
                "description": "Du sable qu'on plonge dans l'eau.",
            }
        ],
    }
    fields = _fields(body)
    assert (fields.get("feed_title"), fields["content"]) == (feed_title, "Du sable qu'on plonge dans l'eau.")


@pytest.mark.parametrize("content", ["📢 Le ministère a publié", "📢 La Casa Blanca ha publicado"])
def test_a_verb_without_what_was_posted_names_no_feed(content: str) -> None:
    body = {
        "content": content,
        "embeds": [{"title": "Décret", "url": "https://v.example/a-1", "description": "Texte."}],
    }
    fields = _fields(body)
    assert fields.get("feed_title") is None
    assert content.split()[-1] in fields["content"]
