"""Edge lines in other languages and forms: gone at the tail, kept mid-story; fields left unfilled; empty blocks."""

from __future__ import annotations

from typing import Any

import pytest

from app.normalize import NormalizedItem, RawItem, normalize

from .support import NOW, SETTINGS

STORY = "The council voted on Tuesday to extend the program for another three years."
MORE = "Officials said the money would come from the reserve fund, not from new taxes."
TAIL_LINES = [
    "Seguir leyendo",
    "Lire la suite…",
    "Weiterlesen »",
    "[mehr]",
    "Leggi tutto",
    "Leia mais",
    "(Image credit: Omar Haj Kadour/AFP via Getty Images)",
    "(Photo: Jane Doe/Reuters)",
    "» E-Mail This » Add to Del.icio.us",
    "Share | Tweet | Email",
    "Subscribe: Spotify | Apple Podcasts | Overcast | Pocket Casts | More",
    "Listen on: Apple Podcasts · Spotify",
    "Thanks for reading! If you found this useful, subscribe to get new posts by email.",
    "∞ Permalink",  # One Foot Tsunami (NetNewsWire's OneFootTsunami.atom)
    "[If the formatting looks odd in your feed reader, visit the original article]",  # leancrew.com
    "View this post on the web",
    "Take the poll and tell us who won the draft!",
    "Vote in our poll: which phone is best?",
    # a creator's call to action naming where to go
    "Support us on Patreon: patreon.com/maintenancephase",
    "Get 50% off your first year of Nebula at https://go.nebula.tv/hai",
    "Find our transcript here: https://bit.ly/ScienceVsMelatonin",
    "Photo by Luis M.",
    "Image by Tomasz Wren, used under a CC BY 2.0 licence.",
    "The Allusionist is part of the Radiotopia podcast network.",
    "Síguenos en redes: @leyendaslegendarias",
    # Discourse's counter in the forum's language
    "12 个帖子 - 8 位参与者",
    "4 Beiträge - 3 Teilnehmer",
    "Further Reading: Diversification is Working Again",
    "By subscribing you’ll join over 52,000 people who read this weekly!",
    "Join our daily and weekly newsletters for the latest updates and exclusive coverage. Learn More",
    "Want TWIR in your inbox? Subscribe here.",
    "Email list hosting is sponsored by The Rust Foundation",
    "(c) SANS Internet Storm Center. https://isc.sans.edu Creative Commons Attribution-Noncommercial 3.0 License.",
    "Discuss on r/rust",
    # a newsletter's ask
    "Enjoying the Weekly Dispatch? Forward it to a friend or subscribe here. Thanks for reading!",
    "Get our free daily farm news straight to your inbox – Click here",
    "And, to receive pieces like this in your inbox and support our work, subscribe below:",
    "Would you like to be notified via email when we publish a new article? Sign up here.",
    "Get the inside scoop on our climate reporting by signing up for our free newsletter. Sign up here.",
    "Read the story on The Valley Ledger here: Council approves its first rental registry.",
    # a newsletter's thanks and ask, a picture's credit whose picture is elsewhere
    "Thanks for reading! If you enjoy the Orbital Index, please share it with a friend.",
    "Illustration: Dom Guzman",
    "Photograph © Ines Varga",
    # a picture's source in brackets, a reprint notice, a subscription ask
    "[Image: Ford]",
    "（首圖來源：台積電）",
    "*头图来源：iFixit",
    "图片来源@视觉中国",
    "Photography: Ocotillo Light Photography",
    "CHS is supported by readers. Subscribe to keep neighborhood news coming.",
    "To read more United Methodist news, subscribe to the free Daily or Weekly Digests.",
    "News media contact: UM News newsdesk at newsdesk@umcom.example.",
    "Czytaj dalej o Zupa krem z dyni z imbirem",
    "O artigo Google Maps passa a mostrar limites aparece primeiro em 4gnews.",
    "L’articolo A Bologna una mostra sembra essere il primo su Artribune.",
    "L'entrada Vic amplia l’horari de la deixalleria apareix primer a El 9 Nou.",
    "Įrašas Trys darbai sode pirmą kartą pasirodė Bernardinai.lt.",
    "Discuss on our Facebook page, HERE.",
    "Image d’ouverture © Inès Marchal",
    "© Inès Marchal",
    "Like what you've read? To receive our daily and weekly newsletters click here.",
    "Haber-Kamera: Emre KARAKUŞ/KIZILCAHAMAM (Ankara), (DHA)",
    "本文为极客公园原创文章，转载请联系极客君微信 geekparkGO",
    "Become a TTAC insider. Get the latest news first by subscribing to our newsletter.",
    "Trains News Wire is your source for railroad news. Subscribe to Trains for full access.",
    # a creator's thanks to a sponsor and to patrons, a transcript pointer, an ad sales address, a sender's address
    "Thanks to PCBWay for sponsoring this video! https://pcbway.example/g/parts",
    "Thanks to my Patreon supporters who make these videos possible.",
    "Please click here to see the transcript of this episode.",
    "Sponsorship inquiries: sponsor@show.example",
    "113 Cherry St #92768, Seattle, WA 98104-2205",
    # a podcast network's membership ask and transcript pointer
    "Listen to The Daily Fold ad-free by becoming a Fold Member.",
    "Transcript at fold.example/daily-podcast",
    # a sign-up form's text
    "Receive News & Ratings for Harbor Foods Daily - Enter your email address below to receive a daily summary.",
    "Image: U.S. Navy",  # an agency's initials keep their dots
    "Foto di Marco Zen",  # the pictures' credit in Italian, Spanish, Portuguese
    "Fotos de Ana Ruiz",
    "🎧 Listen on Spotify, Apple music and more → https://label.example/cozywinter",  # a video's music pointer
    # R-bloggers' lines round a syndicated post
    "To leave a comment for the author, please follow the link and comment on their blog: Data Rambles.",
    "R-bloggers.com offers daily e-mail updates about R news and tutorials about learning R and many other topics.",
    "Want to share your content on R-bloggers? click here if you have a blog, or here if you don't.",
]


def run(content: str, **fields: Any) -> NormalizedItem:
    return normalize(RawItem(title="Title", content=content, **fields), now=NOW, settings=SETTINGS)


@pytest.mark.parametrize("line", TAIL_LINES)
def test_a_label_credit_or_share_line_under_the_story_is_chrome(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>{line}</p>").body == [STORY, MORE]


@pytest.mark.parametrize("line", TAIL_LINES)
def test_the_same_line_between_story_paragraphs_is_story(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{line}</p><p>{MORE}</p>").body == [STORY, line, MORE]


@pytest.mark.parametrize("field", ["author", "feed_title", "title"])
def test_an_unfilled_ingredient_is_a_missing_field(field: str) -> None:
    placeholder = "{{Entry" + field.title() + "}}"
    fields: dict[str, Any] = {"title": "Title", "content": f"<p>{STORY}</p>", field: placeholder}
    item = normalize(RawItem(**fields), now=NOW, settings=SETTINGS)
    assert "{{" not in (item.author or "") + (item.source or "") + (item.headline or "")
    if field == "author":
        assert item.author is None


def test_a_layout_row_left_without_text_is_no_table() -> None:
    # A Reddit-style layout row: the thumbnail's cell and a cell of chrome that the rules empty.
    content = (
        '<table><tr><td><a href="https://example.com/a"><img src="https://i.example.com/t.jpg" alt="t"></a></td>'
        "<td>submitted by <a href='https://www.reddit.com/user/x'>/u/x</a> <br> <a href='#'>[link]</a> "
        "<a href='#'>[comments]</a></td></tr></table>"
    )
    item = run(content, link="https://www.reddit.com/r/news/comments/abc/x/")
    assert [b["type"] for b in item.blocks] == ["figure"]
    assert "<table" not in (item.body_html or "")


def test_a_code_block_whose_first_line_was_the_headline_starts_at_its_code() -> None:
    item = run("<pre>Title\n\nfirst line\n    indented\n</pre>")
    assert item.body == ["first line\n    indented"]
    assert item.blocks == [{"type": "code", "text": "first line\n    indented"}]


def test_a_wordpress_more_link_and_screen_reader_text_are_not_story() -> None:
    content = (
        f"<p>{STORY} … <a href='https://blog.example/2026/x/' class='more-link'>Continue reading"
        "<span class='screen-reader-text'> “Photos: market opens”</span></a></p>"
    )
    assert run(content).body == [f"{STORY} …"]
    shown = f"<p>{STORY} <span class='sr-only'>(opens in a new tab)</span></p><p>{MORE}</p>"
    assert run(shown).body == [STORY, MORE]


def test_chrome_above_a_teaser_cut_short_at_the_tail_is_still_chrome() -> None:
    # The Verge's podcast posts (Atom feed, 2025-07): a poll link and a subscribe bar, then the first words
    # of the rest of the story cut mid-word, then "Read the full story at …". The teaser is kept.
    teaser = "There are only a few rules in the game. Rule No. 1: You c …"
    content = (
        f"<p>{STORY}</p><p>{MORE}</p>"
        '<p><strong><a href="https://forms.example/poll">Take the poll and tell us who won the draft!</a></strong></p>'
        '<p><strong><em>Subscribe: <a href="https://bit.example/1">Spotify</a> | '
        '<a href="https://podcasts.example/vc">Apple Podcasts</a> | <a href="https://bit.example/2">Overcast</a>'
        "</em></strong></p>"
        f"<p>{teaser}</p>"
        '<p><a href="https://www.news.example/vc/1">Read the full story at The Example.</a></p>'
    )
    assert run(content).body == [STORY, MORE, teaser]
    # Mid-story, the same lines are story: only the tail's run is read.
    middle = f"<p>{STORY}</p><p>Take the poll and tell us who won the draft!</p><p>{MORE} And more…</p>"
    assert run(middle).body == [STORY, "Take the poll and tell us who won the draft!", f"{MORE} And more…"]


def test_a_lead_in_left_last_is_dropped_but_one_that_leads_in_stays() -> None:
    # HuffPost Canada (feedjira/feedjira:spec/sample_feeds/HuffPostCanada.xml): "Also on HuffPost:" above
    # a video player that the feed carries as a script.
    video = '<div class="vdb_player"><script src="https://delivery.video.example/p.js"></script></div>'
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p><strong>Also on HuffPost:</strong></p>{video}").body == [STORY, MORE]
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>Watch:</p><p></p>").body == [STORY, MORE]
    led = run(f"<p>{STORY}</p><p>The changes are:</p><ul><li>{MORE}</li></ul>").body
    assert led == [STORY, "The changes are:", MORE]
    assert run("<p>Coming up next:</p>").body == ["Coming up next:"]  # never the only line


def test_a_signature_under_a_post_is_dropped() -> None:
    # The AWS blog on TypePad (feedjira/feedjira:spec/sample_feeds/AmazonWebServicesBlog.xml) signs "-- Jeff;"
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>-- Jeff;</p>").body == [STORY, MORE]
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>— Ann Lee</p>").body == [STORY, MORE]


def test_a_pull_quote_is_not_said_twice() -> None:
    # HuffPost's blockquote.pull-quote repeats a sentence of the story with its attribution
    quote = "We're the second school in Canada to have done this."
    pulled = (
        f'<p>{STORY}</p><blockquote class="pull-quote"><span class="quote">{quote}</span>'
        f'<span class="attribution">Nusaybah Mohamed</span></blockquote><p>{MORE}</p>'
        f'<p>"{quote}" said Nusaybah.</p>'
    )
    assert run(pulled).body == [STORY, MORE, f'"{quote}" said Nusaybah.']


@pytest.mark.parametrize(
    "marker",
    [
        "Sponsored by:",
        "This episode of Mac Power Users is sponsored by:",
        "Brought to you by",
        "Thanks to our sponsors!",
    ],
)
def test_a_shows_sponsor_list_is_not_story(marker: str) -> None:
    # ATP's and Relay FM's show notes (NetNewsWire's atp.rss and KatieFloyd.rss): topics, then the sponsors
    sponsors = (
        '<ul><li><a href="https://sponsor.example/a">Bedmaker</a>: Get $50 off a mattress with code show.</li>'
        '<li><a href="https://sponsor.example/b">Routerco</a>: Fast, reliable WiFi in every room.</li></ul>'
    )
    body = run(
        f"<p>{STORY}</p><ul><li>Follow-up: the lighting problem</li><li>{MORE}</li></ul><p>{marker}</p>{sponsors}"
    ).body
    assert body == [STORY, "Follow-up: the lighting problem", MORE]


def test_a_syndicated_excerpts_read_in_full_line_is_not_story() -> None:
    # IDG's feeds (Macworld, NetNewsWire's macworld.rss) end every excerpt so
    trailer = '<p>To read this article in full, please <a href="https://www.macworld.example/a">click here</a></p>'
    assert run(f"<p>{STORY}</p><p>{MORE}</p>{trailer}").body == [STORY, MORE]


def test_a_last_line_that_only_names_the_site_is_a_sign_off() -> None:
    # Medscape's headline feeds (NetNewsWire's medscape.rss) end each summary with "Medscape News Canada"
    link = "https://www.medscape.example/viewarticle/virtual-care-2025a1000uja"
    assert run(f"<p>{STORY}</p><p>Medscape News Canada</p>", link=link).body == [STORY]
    assert run(f"<p>{STORY}</p><p>Medscape</p>", link=link).body == [STORY]
    assert run(f"<p>{STORY}</p><p>Medscape 2 December 2026</p>", link=link).body == [STORY]  # and the day it signed
    assert run(f"<p>{STORY}</p><p>Reuters 2 December 2026</p>", link=link).body == [STORY, "Reuters 2 December 2026"]
    # Another site's name, a sentence naming the site, or the only line: story.
    assert run(f"<p>{STORY}</p><p>Reuters Health</p>", link=link).body == [STORY, "Reuters Health"]
    assert run(f"<p>{STORY}</p><p>Medscape asked readers.</p>", link=link).body == [STORY, "Medscape asked readers."]
    assert run("<p>Medscape News Canada</p>", link=link).body == ["Medscape News Canada"]
    # A platform's name on the platform's own host is story ("GitHub Actions" ending a release note).
    release = "https://github.com/owner/project/releases/tag/v1.2.0"
    assert run(f"<p>{STORY}</p><p>GitHub Actions</p>", link=release).body == [STORY, "GitHub Actions"]


@pytest.mark.parametrize(
    "teaser",
    [
        ' <a href="https://comic.example/2019/05/17/budgets">[read more]</a>',
        ' <a href="https://blog.example/p/1#more">Continue reading →</a>',
        " [Weiterlesen]",
    ],
)
def test_a_teaser_link_ending_the_last_line_is_cut(teaser: str) -> None:
    # Don't Hit Save (NetNewsWire's donthitsave.xml): "… This lasted until I... [read more]"
    last = "A decade ago, I woke up every morning at 4:30 to go running. This lasted until I..."
    assert run(f"<p>{STORY}</p><p>{last}{teaser}</p>").body == [STORY, last]
    # Mid-story, or as words of a sentence, it stays.
    said = "The page said read more about it, so we did."
    assert run(f"<p>{STORY}</p><p>{said}</p>").body == [STORY, said]


def test_a_credit_line_under_a_picture_mid_story_is_not_story() -> None:
    # tablix.org's blog (feedjira's DuplicateContentAtomFeed.xml): a picture mid-post, "Image by …" under it
    picture = '<p><img src="https://blog.example/images/capacitor.jpg" alt="A capacitor"/></p>'
    content = f"<p>{STORY}</p>{picture}<p>Image by Shawn West</p><p>{MORE}</p>"
    assert run(content).body == [STORY, MORE]
    # Not under a picture, or a sentence: story.
    assert run(f"<p>{STORY}</p><p>Image by Shawn West</p><p>{MORE}</p>").body == [STORY, "Image by Shawn West", MORE]
    said = "Photos by the rover show a dry lake bed."
    assert run(f"<p>{STORY}</p>{picture}<p>{said}</p>").body == [STORY, said]
    # the label in other languages
    for credit in ("Sursa foto: Inquam Photos / Mihai Dobre", "Kuva: Lehtikuva / Heikki Saukkomaa", "Fotó: MTI"):
        assert run(f"<p>{STORY}</p>{picture}<p>{credit}</p><p>{MORE}</p>").body == [STORY, MORE]
    # A labelled line under the picture says what it shows (beehiiv's image__source "Map: …").
    assert run(f"<p>{STORY}</p>{picture}<p>Map: Pacific Reef Survey</p><p>{MORE}</p>").body == [STORY, MORE]


def test_a_short_line_between_two_chrome_lines_at_the_tail_goes_with_them() -> None:
    # the label between a share bar and a subscribe call is part of the same block of chrome
    tail = "<p>Share | Tweet | Email</p><p>More from us</p><p>Subscribe: Spotify | Apple Podcasts | Overcast</p>"
    assert run(f"<p>{STORY}</p><p>{MORE}</p>{tail}").body == [STORY, MORE]
    # a short line between the story and the first chrome line is not enclosed by chrome: it stays
    kept = run(f"<p>{STORY}</p><p>Thanks, Jane</p><p>Share | Tweet | Email</p>")
    assert kept.body == [STORY, "Thanks, Jane"]


@pytest.mark.parametrize("kind", ["MEDIA RELEASE", "Press release", "Communiqué de presse", "Pressemitteilung:"])
def test_the_kind_of_release_over_it_and_the_headline_under_that_go(kind: str) -> None:
    item = run(f"<p>{kind}</p><p>Title</p><p>{STORY}</p><p>{MORE}</p>")
    assert item.body == [STORY, MORE]
    # the words inside the story are the story's
    assert run(f"<p>{STORY}</p><p>{kind}</p><p>{MORE}</p>").body == [STORY, kind, MORE]


def test_a_medium_publications_closing_block_goes_from_its_thank_you() -> None:
    tail = (
        "<p>Thanks for being a part of our community! Before you go:</p>"
        "<p>👏 Clap for the story and follow the author 👉</p>"
        "<p>📰 View more content in the Level Up Coding publication</p>"
        "<p>🔔 Follow us: Twitter | LinkedIn | Newsletter</p>"
    )
    assert run(f"<p>{STORY}</p><p>{MORE}</p>{tail}").body == [STORY, MORE]


@pytest.mark.parametrize(
    "related",
    [
        '<p><strong>LEGGI ANCHE</strong> <a href="https://d.example/b">Shampoo antigiallo: come si usa</a></p>',
        '<p><strong>LEER MÁS:</strong></p><ul><li><a href="https://v.example/b">Cáritas alerta del aumento</a></li>'
        '<li><a href="https://v.example/c">Las parroquias abren sus salones</a></li></ul>',
        '<p>Relacionado:</p><ul><li><a href="https://m.example/b">Cómo medían el tiempo las clepsidras</a></li></ul>',
        '<p>LEÉ MÁS: <a href="https://g.example/b">El tren vuelve a funcionar en marzo</a></p>',
        '<p>Llegiu també: <a href="https://c.example/b">La Bressola supera els 1.200 alumnes</a></p>',  # Catalan
    ],
)
def test_a_related_link_under_a_label_in_capitals_or_a_read_more_heading_is_no_story(related: str) -> None:
    assert run(f"<p>{STORY}</p>{related}<p>{MORE}</p>").body == [STORY, MORE]


def test_a_writers_bio_set_off_by_a_dash_is_no_story() -> None:
    bio = "<p><em>– Hannah Corwin is a reporter for Episcopal News Service. She can be reached at h@e.example.</em></p>"
    item = run(f"<p>{STORY}</p><p>{MORE}</p>{bio}", author="Hannah Corwin")
    assert item.body == [STORY, MORE]


def test_a_credit_for_the_words_beside_one_for_the_pictures_is_the_byline() -> None:
    item = run(f"<p>Texto: Ana Lúcia Prado | Fotos: Rafael Lins</p><p>{STORY}</p><p>{MORE}</p>", author="ascom")
    assert (item.author, item.body) == ("Ana Lúcia Prado", [STORY, MORE])


def test_drupals_submitted_line_over_the_post_is_no_story() -> None:
    assert run(f"<p>jrockowitz Mon, 12/07/2026 - 08:00</p><p>{STORY}</p><p>{MORE}</p>").body == [STORY, MORE]


@pytest.mark.parametrize(("author", "expected"), [("hidden (rostre)", "rostre"), ("Jane Doe (hidden)", "Jane Doe")])
def test_a_hidden_address_beside_the_name(author: str, expected: str) -> None:
    assert run(f"<p>{STORY}</p>", author=author).author == expected


@pytest.mark.parametrize(
    "line",
    [
        "The clinic is supported by members of the local Rotary club.",
        "The choir is supported by its members. New singers can join at the spring open rehearsal.",
        "To get more housing built, the mayor wants developers to subscribe to a new fee scheme.",
        "Photography: the hobby that got her through lockdown",
        "Image: the storm hit at noon. Then it moved east.",  # sentences, not a credit
        "Foto de familia en el puerto",  # a picture's subject, in lower case
    ],
)
def test_a_story_sentence_like_a_support_line_or_a_credit_stays_at_the_tail(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>{line}</p>").body == [STORY, MORE, line]


def test_a_capitalized_see_also_that_goes_on_in_lower_case_is_story() -> None:
    line = "SEE ALSO the mayor's own statement on the matter, published Friday"
    assert run(f"<p>{STORY}</p><p>{line}</p><p>{MORE}</p>").body == [STORY, line, MORE]


def test_a_text_label_alone_is_no_byline() -> None:
    item = run(f"<p>Text: President Biden's Remarks</p><p>{STORY}</p><p>{MORE}</p>")
    assert (item.author, item.body[0]) == (None, "Text: President Biden's Remarks")


def test_r_bloggers_syndication_line_over_the_post_is_chrome() -> None:
    lead = (
        "[This article was first published on Data Rambles, and kindly contributed to R-bloggers]. "
        "(You can report issue about the content on this page here)"
    )
    assert run(f"<p>{lead}</p><p>{STORY}</p><p>{MORE}</p>").body == [STORY, MORE]


@pytest.mark.parametrize(
    "line",
    [
        "Listen on Spotify, where it debuted at number one in twelve countries.",  # a sentence about the music
        "→ https://www.who.int/publications/report",  # the story's reference
        "Fotos de Madrid",  # a place, one word
    ],
)
def test_a_pointer_or_credit_like_line_that_is_story_stays(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>{line}</p>").body == [STORY, MORE, line]
