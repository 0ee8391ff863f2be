"""Forum, link-aggregator, video and research-index chrome at the edges; labels and profile-URL authors."""

from __future__ import annotations

from typing import Any

import pytest

from app.normalize import NormalizedItem, RawItem, normalize
from app.normalize.extract import parse_html
from fuzz.fuzz_normalize import active_markup

from .support import NOW, SETTINGS

STORY = "The council voted on Tuesday to extend the program for another three years."
MORE = "Officials said the money would come from the reserve fund, not from new taxes."
LINK = "https://www.harbourgazette.example/2026/11/council-votes/"

_STORY = "<p>The council approved the plan on Monday.</p><p>Work starts in the spring.</p>"
_STORY_BODY = ["The council approved the plan on Monday.", "Work starts in the spring."]


def assert_not_story(tail: str) -> None:
    """``tail`` (markup) after a two-paragraph story leaves the story alone."""
    assert run(_STORY + tail).body == _STORY_BODY


def assert_story(line: str) -> None:
    """``line`` after a story's paragraph stays the story's last paragraph."""
    assert run(f"<p>The council approved the plan on Monday.</p><p>{line}</p>").body[-1] == line


def run(content: str, **fields: Any) -> NormalizedItem:
    return normalize(RawItem(title="Title", content=content, **fields), now=NOW, settings=SETTINGS)


@pytest.mark.parametrize(
    "line",
    [
        "4 posts - 3 participants",
        "1 post - 1 participant",
        "87 points | 23 comments",
        "PMID:40012345 | DOI:10.1000/xyz.2026.01.004",
        "Tags: council, budget and taxes",
        "Read full topic",
    ],
)
def test_counters_identifiers_and_tag_lists_under_the_story_are_chrome(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>{line}</p>").body == [STORY, MORE]


def test_the_same_words_inside_the_story_stay() -> None:
    middle = "Tags: council, budget and taxes"
    assert run(f"<p>{STORY}</p><p>{middle}</p><p>{MORE}</p>").body == [STORY, middle, MORE]


def test_a_forum_quote_head_and_a_submitted_by_line_are_chrome() -> None:
    content = '<p><a href="https://talk.example/u/ana">@ana</a> wrote:</p><blockquote><p>' + STORY + "</p></blockquote>"
    assert run(content).body == [STORY]
    aggregator = (
        'submitted by <a href="https://lemmy.example/u/ana">ana</a> to <a href="https://lemmy.example/c/news">news</a>'
        f"<br>12 points | <a href='https://lemmy.example/post/1'>6 comments</a><p>{STORY}</p>"
    )
    assert run(aggregator).body == [STORY]


def test_a_link_only_line_back_to_the_items_own_url_is_chrome() -> None:
    content = f'<p>{STORY}</p><p><a href="{LINK}">Read full topic</a></p>'
    assert run(content, link=LINK).body == [STORY]
    # The bare URL under a link post, with the feed's tracking parameters on it.
    bare = f'<p>{STORY}</p><p><a href="{LINK}?utm_source=rss">{LINK}?utm_source=rss</a></p>'
    assert run(bare, link=LINK).body == [STORY]
    # A link elsewhere is not the item's own.
    other = f'<p>{STORY}</p><p><a href="https://elsewhere.example/x">Listen to the meeting</a></p>'
    assert run(other, link=LINK).body == [STORY, "Listen to the meeting"]


def test_a_link_after_a_line_break_belongs_to_its_own_line() -> None:
    doc = parse_html(
        f'ana wrote <a href="https://a.example/u/ana">here</a><br><a href="{LINK}">{LINK}</a>',
        base=None,
        clean_tree=lambda _root: None,
    )
    assert [line.hrefs for block in doc.blocks for line in block.lines] == [("https://a.example/u/ana",), (LINK,)]


def test_an_abstract_label_is_cut_from_the_first_line_only() -> None:
    content = f"<p>Abstract: {STORY}</p><p>Abstract: {MORE}</p>"
    item = run(content)
    assert item.body == [STORY, f"Abstract: {MORE}"]
    assert "Abstract" not in (item.body_html or "").split("</p>")[0]


def test_arxiv_announce_line_and_vimeo_cast_line() -> None:
    arxiv = f"<p>arXiv:2612.00001v1 Announce Type: new <br>Abstract: {STORY}</p>"
    assert run(arxiv, link="https://arxiv.org/abs/2612.00001").body == [STORY]
    vimeo = f"<p>{STORY}</p><p>Cast: Harbour Lane Studio</p>"
    assert run(vimeo, link="https://vimeo.com/1000001").body == [STORY]


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("https://lemmy.example/u/ana_b", "ana_b"),
        ("https://social.example/@ana", "ana"),
        ("https://forum.example/users/ana.b/", "ana.b"),
        ("https://www.example.com/about", None),  # a URL that is no profile names nobody
        ("Ana Braga", "Ana Braga"),
    ],
)
def test_an_author_given_as_a_profile_url_is_the_name_in_its_path(author: str, expected: str | None) -> None:
    assert run(f"<p>{STORY}</p>", author=author).author == expected


def test_a_feed_flare_image_is_not_the_items_picture() -> None:
    flare = "http://feeds.feedburner.com/~ff/HarbourNotes?d=aB3dE5fG7h"
    assert run(f"<p>{STORY}</p>", image=flare).image_url is None
    own = "https://www.harbourgazette.example/img/council.jpg"
    assert run(f"<p>{STORY}</p>", image=own).image_url == own


def test_a_teaser_sentence_linked_to_the_story_stays() -> None:
    content = f'<p>{STORY}</p><p><a href="{LINK}">{MORE}</a></p>'
    assert run(content, link=LINK).body == [STORY, MORE]


def test_a_licence_notice_and_field_under_the_story_are_not_story() -> None:
    # Drupal's licence field and Creative Commons notice under every University of Cambridge story.
    licence = (
        '<div class="field field-name-field-license-type"><div class="field-label">License type:&nbsp;</div>'
        '<div class="field-items"><a href="/taxonomy/imagecredit/attribution">Attribution</a></div></div>'
        '<div class="field-cc-attribute-text"><p><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
        '<img alt="Creative Commons License" src="https://i.creativecommons.org/l/by/4.0/88x31.png"/></a><br/>'
        "The text in this work is licensed under a Creative Commons Attribution 4.0 International License. "
        "Images are Copyright ©University of Cambridge. All rights reserved.</p></div>"
    )
    story = "<p>Researchers tracked 600 tagged bees across 14 sites.</p>"
    assert run(story + licence).body == ["Researchers tracked 600 tagged bees across 14 sites."]
    # A story about a licence is story.
    said = "The city said the software is licensed under a Creative Commons licence since May."
    assert run(f"{story}<p>{said}</p>").body[-1] == said


def test_for_more_news_visit_the_site_is_not_story() -> None:
    story = "<p>Anyone with information is asked to contact police.</p>"
    assert run(f"{story}<p>For more news, visit TPSnews.ca.</p>").body == [
        "Anyone with information is asked to contact police."
    ]


@pytest.mark.parametrize(
    "chrome",
    [
        "Read more of this story at Slashdot.",
        "See omnystudio.com/listener for privacy information.",
        "Statistics: Posted by valvehead — Fri Nov 27, 2026 6:04 pm — Replies 1 — Views 42",
    ],
)
def test_platform_trailers_at_the_tail_are_not_story(chrome: str) -> None:
    story = "<p>A library in Ohio started lending telescopes in October.</p>"
    assert run(f"{story}<p>{chrome}</p>").body == ["A library in Ohio started lending telescopes in October."]


def test_a_newsletters_web_view_line_and_mailing_footer_are_not_story() -> None:
    content = (
        "<p>View this email in your browser (https://us14.campaign-archive.com/?u=4f2a&amp;id=b71c)</p>"
        "<p>The laser cutter is working again.</p><p>We close from 24 December to 2 January.</p>"
        "<p>Our mailing address is:</p><p>Fernbrook Makerspace, 14 Mill Lane, Fernbrook, OR 97000</p>"
        "<p>Want to change how you receive these emails? You can update your preferences or unsubscribe.</p>"
    )
    assert run(content).body == ["The laser cutter is working again.", "We close from 24 December to 2 January."]


def test_a_first_line_that_introduces_the_picture_is_not_story() -> None:
    picture = (
        '<p><a href="https://www.flickr.com/photos/x/1"><img src="https://live.staticflickr.com/1/2_m.jpg"/></a></p>'
    )
    lead_in = '<p><a href="https://www.flickr.com/people/x/">Dana Pike</a> posted a photo:</p>'
    content = f"{lead_in}{picture}<p>The last ferry.</p>"
    assert run(content).body == ["The last ferry."]
    # Mid-story, a lead-in to a chart stays with the story.
    middle = f"<p>Sales rose.</p><p>Here is the chart:</p>{picture}<p>They fell later.</p>"
    assert run(middle).body == ["Sales rose.", "Here is the chart:", "They fell later."]


def test_permalink_marks_in_headings_and_footnote_returns_go() -> None:
    content = (
        '<h2>Upgrading<a class="headerlink" href="#upgrading" title="Link">¶</a></h2>'
        '<h2>The register write<a class="zola-anchor" href="#the-register-write">🔗</a></h2>'
        '<p>Pin 5 lights up.<a href="#fnref1">↩</a> See <a href="#table">the table below</a>.</p>'
        # Eleventy's direct link: the page's own URL with the fragment, before the heading's words
        '<h2 id="cache"><a href="https://www.zachleat.com/web/builds/#cache" class="direct-link">#</a> Cache</h2>'
        '<p>A mark linking <a href="https://example.com/other">→</a> elsewhere stays.</p>'
    )
    assert run(content).body == [
        "Upgrading",
        "The register write",
        "Pin 5 lights up. See the table below.",
        "Cache",
        "A mark linking → elsewhere stays.",
    ]


def test_a_table_of_line_numbers_beside_code_is_the_code() -> None:
    # Hexo's highlight: td.gutter with the numbers, td.code with the lines.
    content = (
        '<figure class="highlight python"><table><tr><td class="gutter"><pre><span class="line">1</span><br>'
        '<span class="line">2</span><br></pre></td><td class="code"><pre><span class="line">import os</span><br>'
        '<span class="line">print(os.listdir("."))</span><br></pre></td></tr></table></figure><p>Done.</p>'
    )
    item = run(content)
    assert item.body == ['import os\nprint(os.listdir("."))', "Done."]
    assert item.blocks[0]["type"] == "code"
    # A data table with a numbers column stays a table.
    table = "<table><tr><td>1</td><td>Oslo</td></tr><tr><td>2</td><td>Bergen</td></tr></table>"
    assert run(table).body == ["1 | Oslo", "2 | Bergen"]


@pytest.mark.parametrize(
    "trailer",
    [
        "ظهرت المقالة أمطار الخير تنعش آمال الفلاحين أولاً على هسبريس - Hespress.",
        "L’article Les pluies reviennent est apparu en premier sur Le Site.",
        "Der Beitrag Regen kehrt zurück erschien zuerst auf Die Seite.",
        "La entrada Vuelve la lluvia se publicó primero en El Sitio.",
        "L’entrada Torna la pluja ha aparegut primer a El Lloc.",
    ],
)
def test_the_appeared_first_on_trailer_in_other_languages_is_not_story(trailer: str) -> None:
    story = "<p>Rain returned to the plain after three dry months.</p>"
    assert run(f"{story}<p>{trailer}</p>").body == ["Rain returned to the plain after three dry months."]


@pytest.mark.parametrize(
    "label",
    [
        "بیشتر بخوانید: قطع اینترنت در زاهدان",
        "Lesen Sie auch: Der Streik geht weiter",
        "延伸阅读：新品发布",
        "Zobacz też: Nowe rozkłady jazdy od stycznia",
        "Read: Dubai rents rise 9% in Q3",
    ],
)
def test_read_also_labels_in_other_languages_are_not_story(label: str) -> None:
    content = f"<p>The network was cut for six hours.</p><p>{label}</p><p>Residents described the outage.</p>"
    assert run(content).body == [
        "The network was cut for six hours.",
        "Residents described the outage.",
    ]


def test_a_chinese_sites_ad_statement_and_tip_credit_are_not_story() -> None:
    content = (
        "<p>感谢IT之家网友 夜雨声烦 的线索投递！</p><p>微软今日推送 Windows 11 预览版。</p>"
        "<p>广告声明：文内含有的对外跳转链接，用于传递更多信息，IT之家所有文章均包含本声明。</p>"
    )
    assert run(content).body == ["微软今日推送 Windows 11 预览版。"]


def test_a_newsletter_link_and_sign_up_line_under_the_story_are_not_story() -> None:
    story = "<p>The central bank left its rate at 3.75 per cent.</p>"
    link = '<p><a href="https://www.haaretz.co.il/newsletters">הירשמו לניוזלטר של הארץ</a></p>'
    assert run(story + link).body == ["The central bank left its rate at 3.75 per cent."]
    sign_up = "<p>The Download is published every weekday. Sign up here to receive it in your inbox.</p>"
    assert run(story + sign_up).body == ["The central bank left its rate at 3.75 per cent."]


def test_a_digests_read_the_full_story_drops_the_marker_not_the_next_sections() -> None:
    content = (
        "<h3>How grid batteries cope with a cold snap</h3><p>Utilities are testing heated enclosures.</p>"
        "<p><em><strong>Read the full story</strong>.</em></p>"
        "<h3>The must-reads</h3><p>I have combed the internet to find you the day's best stories.</p>"
    )
    assert run(content).body == [
        "How grid batteries cope with a cold snap",
        "Utilities are testing heated enclosures.",
        "The must-reads",
        "I have combed the internet to find you the day's best stories.",
    ]
    # Without a next section, the marker still cuts what follows it (related links, promos).
    teaser = "<p>Utilities are testing heated enclosures.</p><p>Read the full story.</p><p>More from us: a list.</p>"
    assert run(teaser).body == ["Utilities are testing heated enclosures."]


def test_accesswire_and_ein_presswire_trailers_are_not_story() -> None:
    story = "<p>Tessera Foods, Inc. today announced that its chief executive will present at a conference.</p>"
    accesswire = (
        "<p>Contact: Dana Whitcombe, President and CEO invest@tessera.example</p>"
        "<p>SOURCE: Tessera Foods, Inc.</p><p>View the original press release on ACCESSWIRE.com</p>"
    )
    assert run(story + accesswire).body == [
        "Tessera Foods, Inc. today announced that its chief executive will present at a conference."
    ]
    ein = (
        '<p>Legal Disclaimer:</p><p>EIN Presswire provides this news content "as is" without warranty of any '
        "kind. We do not accept any responsibility or liability for the accuracy of this article.</p>"
    )
    assert run(story + ein, link="https://www.einpresswire.com/article/1/x").body == [
        "Tessera Foods, Inc. today announced that its chief executive will present at a conference."
    ]


def test_a_business_wire_release_carried_by_another_site_ends_before_its_contacts() -> None:
    # Business Wire's dateline names the wire wherever the release is carried (a regional wire's own feed)
    story = (
        "<p>RIYADH, Saudi Arabia--(BUSINESS WIRE)--Nordvik Pay today launched a mobile wallet.</p>"
        "<p>The wallet sends money to 38 countries.</p>"
    )
    contacts = "<p>Contacts</p><p>Ingrid Holm press@nordvik.example</p>"
    assert run(story + contacts, link="https://www.gulfwire.example/en/news/1").body[-1] == (
        "The wallet sends money to 38 countries."
    )


def test_an_institutions_closing_contacts_section_is_not_story() -> None:
    story = "<p>The Commission has approved a €2.1 billion scheme to support offshore wind farms.</p>"
    closing = (
        "<h3>For More Information</h3><p>SA.118842</p><p>Press contacts:</p><p>Marta Kowalczyk (+32 2 295 00 00)</p>"
    )
    assert run(story + closing).body == [
        "The Commission has approved a €2.1 billion scheme to support offshore wind farms."
    ]
    # Followed by story, the heading is story's.
    more = "<h3>For more information</h3><p>The scheme will run until 2030 and be reviewed every year.</p>"
    assert len(run(story + more).body) == 3


@pytest.mark.parametrize(
    "line",
    [
        "See Privacy Policy at https://art19.com/privacy and California Privacy Notice at https://art19.com/privacy.",
        "Please subscribe to the RSS feed in your favourite RSS application to be updated of new posts.",
        "Te puede interesar: Cuánto cuesta el dólar hoy",
    ],
)
def test_host_notes_and_spanish_related_links_at_the_tail_are_not_story(line: str) -> None:
    story = "<p>The central bank bought 120 million dollars on Friday.</p>"
    assert run(f"{story}<p>{line}</p>").body == ["The central bank bought 120 million dollars on Friday."]


def test_images_standing_for_words_are_their_words() -> None:
    # WordPress.com's TeX formulas and emoji are images inside the sentence: the sentence keeps their text,
    # and none of them is the item's picture.
    content = (
        '<p>Let <img src="https://s0.wp.com/latex.php?latex=%7BG%7D&amp;bg=ffffff" alt="{G}" class="latex" /> be a'
        ' group of order <img src="https://s0.wp.com/latex.php?latex=%7Bn%7D" alt="{n}" class="latex" />.'
        ' Nice <img class="wp-smiley" src="https://s.w.org/images/core/emoji/15.0.3/72x72/1f642.png" alt="🙂" /></p>'
    )
    item = run(content)
    assert item.body == ["Let {G} be a group of order {n}. Nice 🙂"]
    assert item.image_url is None
    # a picture with an alt text is a picture still
    picture = run('<p>Text.</p><img src="https://img.example/a.jpg" alt="A bridge">')
    assert (picture.body, picture.image_url) == (["Text."], "https://img.example/a.jpg")


def test_notices_round_a_story_go_and_the_story_stays() -> None:
    content = (
        "<p>This story also ran on The Nevada Independent. It can be republished for free.</p>"
        "<p>The county’s only ambulance is 90 minutes away.</p>"
        "<p>Free Newsletter: Sign up for a free roundup of the top news, in one daily email from Spotlight PA.</p>"
        "<p>Copyright lawyers say the rule of 2026 stands.</p>"
        "<p>Subscribe to Block Club Chicago, an independent newsroom. Every dime funds reporting.</p>"
        "<p>While You’re Here: If you learned something, become a member of Spotlight PA.</p>"
        "<p>Listen to “It’s All Good: A Block Club Chicago Podcast”:</p>"
        "<p>(c) Copyright Thomson Reuters 2026.</p>"
    )
    assert run(content).body == [
        "The county’s only ambulance is 90 minutes away.",
        "Copyright lawyers say the rule of 2026 stands.",
    ]


def test_a_video_descriptions_channel_section_and_chapters() -> None:
    # Under the first rule line ("▀▀▀", "~~~") a channel puts the same links and calls under every video;
    # chapters are one a line; calls to click and fund go.
    description = (
        "Moons can have moons, in theory. Why do so few survive?\n"
        "Help fund future projects: https://www.patreon.com/example\n\n"
        "0:00 - The question\n4:12 - Tides\n11:40 - What survives\n\n"
        "OUR CHANNELS\n▀▀▀▀▀▀▀▀▀▀▀▀\nGerman: https://kgs.example/de\n\n"
        "HOW CAN YOU SUPPORT US?\n▀▀▀▀▀▀▀▀▀▀▀▀\nThis is free content for everyone, made possible by viewers like you."
    )
    link = "https://www.youtube.com/watch?v=hT4nM2pQe8s"
    item = run(description, link=link, content_kind="text")
    assert item.body == [
        "Moons can have moons, in theory. Why do so few survive?",
        "0:00 - The question",
        "4:12 - Tides",
        "11:40 - What survives",
    ]
    clicked = run(
        "We filmed a hive.\n⇊ Click below for more links! ⇊\n~~~~~~~~~~~~~~~~", link=link, content_kind="text"
    )
    assert clicked.body == ["We filmed a hive."]
    # elsewhere a rule line between two parts of a story is the story's
    story = run("Part one of the story.\n\n~~~~~~~~\n\nPart two goes on here.", content_kind="text")
    assert story.body == ["Part one of the story.", "Part two goes on here."]


@pytest.mark.parametrize(
    "call", ["👉 Iscriviti al canale e attiva la campanella!", "▼チャンネル登録はこちら", "Suscríbete para más videos"]
)
def test_a_video_descriptions_subscribe_call_in_the_channels_language_goes(call: str) -> None:
    text = f"Every crater on Mercury is named for a dead artist.\n\n{call}"
    item = run(text, link="https://www.youtube.com/watch?v=Qm7xK2pLs9A", content_kind="text")
    assert item.body == ["Every crater on Mercury is named for a dead artist."]


def test_a_video_descriptions_closing_links_and_music_credit_go() -> None:
    link = "https://www.youtube.com/watch?v=Qm7xK2pLs9A"
    description = (
        "Every crater on Mercury is named for a dead artist.\n\n"
        "Discuss this video: https://www.reddit.com/r/example/comments/1gk7x2q/\n\n"
        "Wordpress: https://example.wordpress.com/ Patreon page: https://www.patreon.com/user?u=2945881\n\n"
        'Music: "Snowfall" by Chillhop Music'
    )
    assert run(description, link=link, content_kind="text").body == [
        "Every crater on Mercury is named for a dead artist."
    ]
    # a labelled link inside the description's own text stays, and so does one on a page that is no video's
    middle = "We took a paper apart.\n\nThe paper: https://arxiv.org/abs/2401.00001\n\nWe read it closely."
    assert run(middle, link=link, content_kind="text").body == [
        "We took a paper apart.",
        "The paper: https://arxiv.org/abs/2401.00001",
        "We read it closely.",
    ]
    news = "Officials published the ruling on Monday.\n\nThe ruling: https://example.gov/ruling.pdf"
    assert run(news, link="https://www.example.com/news/1", content_kind="text").body == [
        "Officials published the ruling on Monday.",
        "The ruling: https://example.gov/ruling.pdf",
    ]


def test_a_shows_notes_go_from_their_first_heading_and_only_under_an_episode() -> None:
    notes = (
        "<p>Our guest explains how tides shape coastal towns, on this podcast.</p><p>We also answer listener mail.</p>"
        "<p>Sponsors:</p><p>Tidewell makes a sleep ring. It is great.</p><p>Featuring:</p><p>Ana Ruiz – GitHub</p>"
    )
    assert run(notes, media_kind="audio").body == [
        "Our guest explains how tides shape coastal towns, on this podcast.",
        "We also answer listener mail.",
    ]
    # the same heading in an article that is no episode is the article's
    article = "<p>The festival named its lineup on Monday.</p><p>Featuring:</p><p>Ana Ruiz and the Tide Band.</p>"
    assert run(article).body == [
        "The festival named its lineup on Monday.",
        "Featuring:",
        "Ana Ruiz and the Tide Band.",
    ]


def test_a_podcast_networks_promo_under_the_notes_goes() -> None:
    content = (
        "<p>In 1994, two companies raced to put a browser on every desktop.</p>"
        "<p>Listen to Business Wars on the Wondery App or wherever you get your podcasts. Experience all episodes"
        " ad-free and be the first to binge the newest season.</p>"
    )
    assert run(content).body == ["In 1994, two companies raced to put a browser on every desktop."]
    # reported in the story, the same words are the story's
    said = "Listeners will find the show wherever you get your podcasts, the network said on Monday."
    first, last = "The network announced the new season on Monday.", "The first episode comes out in May, it said."
    assert run(f"<p>{first}</p><p>{said}</p><p>{last}</p>").body == [first, said, last]


@pytest.mark.parametrize(
    ("content", "feed_url"),
    [
        (
            "<p>Scott talks with Priya.</p><p>Hosted by Simplecast, an AdsWizz company. See pcm.adswizz.com for"
            " information about our collection and use of personal data for advertising.</p>",
            None,  # found by the host's own name in the notes, on any feed
        ),
        (
            '<p><a href="https://www.buzzsprout.com/twilio/text_messages/1/open">Send us a text</a></p>'
            "<p>Scott talks with Priya.</p>",
            "https://feeds.buzzsprout.com/2014652.rss",
        ),
        ('<p>Scott talks with Priya.</p><p><a href="https://www.beehiiv.com/">Powered by beehiiv</a></p>', None),
    ],
)
def test_a_podcast_or_newsletter_hosts_own_line_goes(content: str, feed_url: str | None) -> None:
    assert run(content, feed_url=feed_url).body == ["Scott talks with Priya."]


def test_the_lead_pictures_credit_under_the_story_goes() -> None:
    content = "<p>Koalas are clearing infections on their own, the study finds.</p><p>Banner: Getty Images</p>"
    assert run(content).body == ["Koalas are clearing infections on their own, the study finds."]


def test_a_newsletters_forwarding_box_goes() -> None:
    content = (
        "<p>Two payment networks will settle merchant payouts in stablecoins next quarter, they said.</p>"
        "<p>Was this forwarded to you? Sign up here</p>"
        "<p>That sounds boring. It is the opposite of boring for anyone who has waited for a wire.</p>"
    )
    assert run(content).body == [
        "Two payment networks will settle merchant payouts in stablecoins next quarter, they said.",
        "That sounds boring. It is the opposite of boring for anyone who has waited for a wire.",
    ]


def test_a_dash_that_opens_speech_is_the_speakers_and_a_dashed_run_a_list() -> None:
    said = "– Vi ser at stadig flere reiser hjem etter midnatt, sier Kari Nygaard."
    item = run(f"<p>Nattbussene går oftere fra januar.</p><p>{said}</p>")
    assert item.body == ["Nattbussene går oftere fra januar.", said]
    listed = run("<p>Endringer:</p><p>– linje 1</p><p>– linje 2</p>")
    assert listed.body == ["Endringer:", "linje 1", "linje 2"]
    footnote = run("<p>The cover folds flat on a desk, the company said.</p><p>* Availability may vary by market.</p>")
    assert footnote.body == ["The cover folds flat on a desk, the company said.", "* Availability may vary by market."]


@pytest.mark.parametrize(
    "furniture",
    [
        "Noot voor de redactie, niet voor publicatie: Voor meer informatie: persvoorlichting, 030 555 0142",
        "Rückfragehinweis: Wiener Linien Pressestelle presse@wienerlinien.example",
        "Weitere Auskünfte: Swisscom AG, Media Relations 058 221 98 04",
        "Gracias por leer Error500. Suscríbete gratis para recibir nuevos posts y apoyar mi trabajo.",
        "Dieser Beitrag ist Teil unseres Briefings für Abonnent:innen. Jetzt Social Media Watchblog abonnieren",
        "Podcast powstaje dzięki wsparciu słuchaczy na Patronite: patronite.pl/dzialzagraniczny",
        'This article is also available in English on my Medium page, "Sodium batteries are no longer an experiment"',
        "Pour plus d’informations : service de presse, 01 55 00 00 00",
        "Contact Info: Name: Jenna Park Email: Send Email Organization: Bluefin Robotics",
        "Denna information är sådan som Sandvik AB är skyldigt att offentliggöra enligt EU:s"
        " marknadsmissbruksförordning.",
        "READ MORE ON WEATHER",
        "Top image via LTA/Facebook",
        "Posted by maria_k | 3 comments",
        "Support HKFP | Policies & Ethics | Error/typo? | Contact Us | Newsletter",
        "#欢迎关注爱范儿官方微信公众号：爱范儿（微信号：ifanr），更多精彩内容第一时间为您奉上。",
        "Pilihan Editor: Stok Beras Aman hingga Lebaran",
        "mockup1280×720 84.2 KB",
        "You’re reading Ubuntu 26.10 switches terminals, a blog post from OMG! Ubuntu",
        "Do stories like this matter to you? Become a Colossal Member today and support the work.",
        "Contacts presse Service de presse Danone presse@danone.example",
        "Original contents copyright 2026 by Michael Johnston and/or the bylined author. All Rights Reserved. Links in"
        " this post may be to our affiliates; sales through affiliate links may benefit this site.",
        "Türkiye’de 5G abone sayısı 10 milyonu aştı yazısı ilk önce ShiftDelete.Net üzerinde ortaya çıktı.",
        "Articolul Simularea va avea loc în martie apare prima dată în Edupedu.ro.",
        "Lue myös: Terveyskeskusmaksut nousevat tammikuussa",
        "Pic: Colm Breen",
        "Previously: The Parklet Wars",
        "Don’t miss out on the knowledge you need to succeed. Sign up for the Daily Brief, Silicon Republic’s digest of"
        " need-to-know sci-tech news.",
    ],
)
def test_wire_and_site_furniture_under_the_story_goes(furniture: str) -> None:
    story = "The new line opens in February, the operator said on Monday after a board vote."
    assert run(f"<p>{story}</p><p>{furniture}</p>").body == [story]


@pytest.mark.parametrize(
    "said",
    [
        "Çocuğun el yazısı ilk önce annesinin bulduğu defterin üzerinde ortaya çıktı.",
        "Contacts presse et syndicats ont été reçus ce mardi au ministère.",
        "Für Rückfragen steht die Pressestelle der Stadt bis Freitag zur Verfügung, sagte der Sprecher.",
        "Template is free on my Ko-fi: ko-fi.com/paperlanternfox",
        "Renseignements : concerts gratuits les après-midi au jardin, billets du soir de 35 à 60 euros.",
    ],
)
def test_a_story_sentence_like_furniture_stays(said: str) -> None:
    story = "The new line opens in February, the operator said on Monday after a board vote."
    assert run(f"<p>{story}</p><p>{said}</p>").body == [story, said]


def test_a_wires_editors_initials_come_off_the_last_sentence() -> None:
    last = 'Die Lufthansa nannte den Streik "völlig unverhältnismäßig".'
    assert run(f"<p>Die Lufthansa streicht 600 Flüge.</p><p>{last}/hba/DP/mis</p>").body[-1] == last


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (
            "Washington D.C., Dec. 1, 2026 — The Commission today charged two executives.",
            "The Commission today charged two executives.",
        ),
        (
            "NEW YORK, 2 December 2026 – Fourteen million children missed a dose.",
            "Fourteen million children missed a dose.",
        ),
        (
            "BRATISLAVA, MONTREAL — March 5, 2026 — ESET researchers have found a backdoor.",
            "ESET researchers have found a backdoor.",
        ),
        # a wire's own stamp names the wire: it stays; so does a sentence that starts with a place
        (
            "TOKYO, Dec 3, 2026 - (JCN Newswire) - Kanto Precision announced a cell.",
            "TOKYO, Dec 3, 2026 - (JCN Newswire) - Kanto Precision announced a cell.",
        ),
        ("Paris, the city of light, glowed on Monday.", "Paris, the city of light, glowed on Monday."),
    ],
)
def test_a_dateline_stamp_the_date_already_gives(first: str, expected: str) -> None:
    assert run(f"<p>{first}</p><p>The rest follows.</p>").body == [expected, "The rest follows."]


@pytest.mark.parametrize(
    ("content", "body"),
    [
        # A Chinese caption ending in its photographer, and the closing editor and proofreader credits.
        (
            '<p>房价回落。</p><p><img src="https://img.example.cn/a.jpg"></p>'
            "<p>图为一处在建住宅项目。新京报记者 王晓 摄</p>"
            "<p>开发商表示将放缓开工。</p><p>编辑 刘洋 校对 赵琳</p>",
            ["房价回落。", "开发商表示将放缓开工。"],
        ),
        # A Korean picture credit heading the first paragraph.
        ("<p>[사진 = 연합뉴스] 한국은행이 기준금리를 동결했다.</p>", ["한국은행이 기준금리를 동결했다."]),
        # The pictures' credit closing the story, and Instagram's embed fallback.
        ("<p>The couple arrived at LAX.</p><p>Photos: Backgrid</p>", ["The couple arrived at LAX."]),
        (
            "<p>The band shared the news.</p><blockquote><p>View this post on Instagram</p>"
            "<p>A post shared by Glass Cathedral (@glasscathedralband)</p></blockquote>"
            "<p>Tickets go on sale Friday.</p>",
            ["The band shared the news.", "Tickets go on sale Friday."],
        ),
        # An authority's sign-off and date closing its release; the same words inside the story stay.
        (
            "<p>The Bank extended the scheme.</p><p>Hong Kong Monetary Authority<br>6 March 2026</p>",
            ["The Bank extended the scheme."],
        ),
        (
            "<p>The Hong Kong Monetary Authority extended the scheme on 6 March 2026.</p><p>More follows.</p>",
            ["The Hong Kong Monetary Authority extended the scheme on 6 March 2026.", "More follows."],
        ),
        # A list of the site's other recent features under a marker.
        (
            "<p>Marguerite Fenwick was an English botanist.</p><p>Recently featured:</p>"
            "<ul><li><a href='https://en.wikipedia.example/wiki/A'>Siege of Harrowgate</a></li>"
            "<li><a href='https://en.wikipedia.example/wiki/B'>Tern Island rail</a></li></ul>",
            ["Marguerite Fenwick was an English botanist."],
        ),
        # The credits closing a video's or a photo story's notes; a sentence about photos is story.
        (
            "<p>The ship lift balances the tank.</p><p>Video written by Lena Oakes Edited by Marco Villanueva</p>"
            "<p>Music from Epidemic Sound</p>",
            ["The ship lift balances the tank."],
        ),
        (
            "<p>Plant the bulbs in autumn.</p><p>Photography by Hana Kim for Gardenista.</p>",
            ["Plant the bulbs in autumn."],
        ),
        (
            "<p>Teams tested new rotors.</p><p>Photos from a junior race show two teams running small rotors.</p>",
            ["Teams tested new rotors.", "Photos from a junior race show two teams running small rotors."],
        ),
        # A follow prompt for a handle closing the story.
        ("<p>The talks resume on Monday.</p><p>Follow @IPSNewsUNBureau for more.</p>", ["The talks resume on Monday."]),
    ],
)
def test_press_credits_in_other_scripts_and_follow_prompts(content: str, body: list[str]) -> None:
    assert run(content).body == body


def test_a_dateline_under_the_key_points_list() -> None:
    points = "<ul><li>Study met its primary endpoint</li><li>Filing planned for 2026</li></ul>"
    item = run(f"{points}<p>Basel, 12 March 2026 - Roche today announced results.</p><p>The rest follows.</p>")
    assert item.body == ["Roche today announced results.", "The rest follows."]


def test_a_pictures_caption_and_credit_before_the_story() -> None:
    caption = "<p>Faro de Finisterre. Fotografía: Cordon Press.</p>"
    content = f"{caption}<p>Durante treinta y dos años subió cada noche al faro.</p>"
    assert run(content).body == ["Durante treinta y dos años subió cada noche al faro."]


def test_nprs_sponsor_message_line_and_privacy_link_under_the_notes_go() -> None:
    content = (
        "<p>She talks with Terry Gross about writing it.</p>"
        '<p>Learn more about sponsor message choices: <a href="https://podcastchoices.com/adchoices">'
        "podcastchoices.com/adchoices</a></p>"
        '<p><a href="https://www.npr.org/about-npr/179878450/privacy-policy">NPR Privacy Policy</a></p>'
    )
    assert run(content).body == ["She talks with Terry Gross about writing it."]


def test_an_episodes_enclosure_chooses_the_show_notes_rules() -> None:
    notes = "<p>Two maintainers on free-threaded Python.</p><p>Episode sponsors</p><p>Sentry, code TALKPYTHON</p>"
    story = "Two maintainers on free-threaded Python."
    assert run(notes, media_kind="audio").body == [story]
    # the same words under an item with no audio or video, from a site that is no podcast host, stay
    assert run(notes).body == [story, "Episode sponsors", "Sentry, code TALKPYTHON"]


def test_a_long_run_of_link_fragments_in_a_video_description_is_read_in_linear_time() -> None:
    # one token of many "www." pieces: a repeat of \S+ alone would try every split of it, exponentially
    line = "www." * 60 + " !"
    item = run(f"Intro of the video.\n\n{line}", link="https://www.youtube.com/watch?v=x1", content_kind="text")
    assert item.body[0] == "Intro of the video."


@pytest.mark.parametrize(
    "lead",
    [
        "Watch how TikTok's new feature changes what teenagers see first.",
        "Get ready: Twitter is changing how replies are ranked.",
        "Find out why Apple Podcasts is dropping the old app.",
    ],
)
def test_a_platforms_name_in_an_articles_first_line_is_no_call_to_action(lead: str) -> None:
    more = "Regulators said on Monday they would look at the change."
    assert run(f"<p>{lead}</p><p>{more}</p>").body == [lead, more]


def test_an_article_that_mentions_a_podcast_keeps_its_own_headings() -> None:
    content = (
        "<p>The council will discuss the budget, the mayor said on her weekly podcast.</p>"
        "<p>Resources</p><p>The draft budget is 120 pages long and open for comment until May.</p>"
    )
    assert run(content).body == [
        "The council will discuss the budget, the mayor said on her weekly podcast.",
        "Resources",
        "The draft budget is 120 pages long and open for comment until May.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Join the Slack",
        "Escucha el episodio completo y sin anuncios en Spotify.",
        "Folgt uns auf Instagram und TikTok",
        "Abonnez-vous au podcast sur Spotify",
    ],
)
def test_a_call_to_action_naming_only_a_platform_goes_under_an_episodes_notes(line: str) -> None:
    story = "Our guest explains how tides shape coastal towns."
    assert run(f"<p>{story}</p><p>{line}</p>", media_kind="audio").body == [story]
    # under an article it may be the story's own last line
    assert run(f"<p>{story}</p><p>{line}</p>").body == [story, line]


@pytest.mark.parametrize(
    ("marker", "title"),
    [
        ("<strong>Further Reading:</strong><br>", "Why Rates Matter"),  # the marker and its link in one paragraph
        ("<strong>Lire aussi</strong></p><p>", "Le budget adopté en commission"),
        ("<strong>ALSO ON HARBOUR GAZETTE</strong></p><p>", "The Ferry That Never Came"),
        ("<strong>Previously in The Gazette:</strong></p><p>", "Ten Years of the Harbour Plan"),
        ("<strong>Leia também</strong></p><p>", "Prefeitura anuncia novo plano"),
    ],
)
def test_a_read_also_heading_and_the_links_under_it_are_chrome(marker: str, title: str) -> None:
    content = (
        f'<p>{STORY}</p><p>{marker}<a href="https://www.harbourgazette.example/older">{title}</a></p><p>{MORE}</p>'
    )
    assert run(content).body == [STORY, MORE]


def test_a_heading_followed_by_words_that_are_not_links_keeps_them() -> None:
    content = f"<p>{STORY}</p><p><strong>Further Reading:</strong><br>{MORE}</p>"
    assert run(content).body == [STORY, f"Further Reading: {MORE}"]


def test_a_rebelmouse_pictures_caption_and_credit_are_not_story() -> None:
    picture = (
        '<p class="shortcode-media"><img src="https://www.harbourgazette.example/media-library/ferry.jpg" alt="">'
        '<small class="image-media media-caption">The ferry at its berth.</small>'
        '<small class="image-media media-photo-credit">Harbour Gazette</small></p>'
    )
    item = run(f"<p>{STORY}</p>{picture}<p>{MORE}</p>")
    assert item.body == [STORY, MORE]
    assert item.image_url == "https://www.harbourgazette.example/media-library/ferry.jpg"


def test_a_newsletter_ask_naming_the_newsletter_and_a_bracketed_teaser_close_no_story() -> None:
    ask = (
        '<p><strong>Never miss a story: <a href="https://harbour.example/nl">'
        "Join the Harbour Daily newsletter.</a></strong></p>"
    )
    assert run(f"<p>{STORY}</p><p>{MORE}</p>{ask}").body == [STORY, MORE]
    teaser = '<p><a href="https://harbour.example/a">[continue reading...]</a></p>'
    assert run(f"<p>{STORY}</p>{teaser}").body == [STORY]


def test_a_references_doi_on_the_line_under_it_is_the_references() -> None:
    reference = (
        "<p>Reference: “A ferry study” by L. Meier, 2 April 2025, Harbour Journal.<br>"
        'DOI: <a href="https://doi.org/10.1000/hj.2025.1">10.1000/hj.2025.1</a></p>'
    )
    ask = '<p><a href="https://harbour.example/nl">Join the Harbour Daily newsletter.</a></p>'
    assert run(f"<p>{STORY}</p>{reference}{ask}").body == [
        STORY,
        "Reference: “A ferry study” by L. Meier, 2 April 2025, Harbour Journal. DOI: 10.1000/hj.2025.1",
    ]
    # an identifier paragraph of its own under an abstract is the index's
    assert run(f"<p>{STORY}</p><p>PMID:40012345 | DOI:10.1000/xyz.2026.01.004</p>").body == [STORY]


def test_a_line_repeating_the_pictures_description_under_it_is_its_caption() -> None:
    picture = (
        '<img src="https://harbour.example/ferry.jpg" alt="The ferry at its berth"><br>'
        "<em>The ferry at its berth</em><br>"
    )
    item = run(f"{picture}<p>{STORY}</p>")
    assert item.body == [STORY]
    assert item.image_url == "https://harbour.example/ferry.jpg"
    # the same words as a paragraph of the story, away from the picture, stay
    assert run(f"<p>{STORY}</p><p>The ferry at its berth</p>").body == [STORY, "The ferry at its berth"]


def test_an_email_newsletter_read_through_a_feed_bridge_keeps_only_its_issue() -> None:
    spacers = "\u034f \u200c \u034f \u200c \u034f \u200c"
    content = (
        f"<p>Also ferries, tides and the harbour budget.{spacers}</p>"
        '<p><a href="https://harbour.example/web">View in browser</a></p>'
        "<p>Harbour Notes · Issue 4,812</p>"
        f"<p>{STORY}</p><p>{MORE}</p>"
        '<p>From the Archives: <a href="https://harbour.example/old">The Lake That Vanished</a></p>'
        "<p>You’re receiving this because you subscribed to Harbour Notes. Unsubscribe</p>"
        "<p>Forward this email to a friend · Subscribe · Unsubscribe</p>"
        '<p><a href="https://kill-the-newsletter.com/feeds/abc">Delete Kill the Newsletter! feed</a></p>'
    )
    item = run(content, author="Kill the Newsletter!")
    assert item.body == [STORY, MORE]
    assert item.author is None  # the bridge signs every item; it names no writer


def test_a_sentence_naming_an_unsubscribe_link_inside_the_story_stays() -> None:
    middle = "Readers who unsubscribe · rejoin · unsubscribe again were counted twice."
    assert run(f"<p>{STORY}</p><p>{middle}</p><p>{MORE}</p>").body == [STORY, middle, MORE]


def test_drupals_inline_fields_read_as_label_and_value_on_one_line() -> None:
    field = (
        '<div class="field field-name-project field-label-inline clearfix">'
        '<div class="field-label">Project:&nbsp;</div><div class="field-items">'
        '<div class="field-item even">Harbour Core</div></div></div>'
        '<div class="field field--name-risk field--label-inline"><div class="field__label">Security risk</div>'
        '<div class="field__item">Moderately critical</div></div>'
    )
    assert run(f"{field}<p>{STORY}</p>").body == ["Project: Harbour Core", "Security risk: Moderately critical", STORY]
    # a field shown above its value keeps its own line
    above = '<div class="field field-label-above"><div class="field-label">Project:</div><div>Harbour Core</div></div>'
    assert run(f"{above}<p>{STORY}</p>").body == ["Project:", "Harbour Core", STORY]


@pytest.mark.parametrize(
    "line",
    [
        "Found this article interesting? Follow Dana Pike on LinkedIn, Bluesky, or Mastodon to read more.",
        "Suivez Harbour Gazette sur Google News.",
        "Find more Harbour Hour: Facebook / Instagram / TikTok / Our weekly Newsletter.",
        "We want to hear from you. Email us at harbourhour@harbour.example. Find us on YouTube.",
        "Always free at these links: Apple Podcasts, Spotify, the NPR app or anywhere you get podcasts.",
        "Help support Harbour Hour and hear our bonus episodes by subscribing to Harbour Hour+ in Apple Podcasts.",
    ],
)
def test_a_shows_or_a_writers_asks_under_the_story_are_chrome(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>{line}</p>").body == [STORY, MORE]


@pytest.mark.parametrize(
    "line",
    [
        "Support for the measure has grown, and two more councillors may join the vote next month.",
        "The show is available on Apple Podcasts starting Monday.",
    ],
)
def test_a_storys_last_sentence_about_support_or_a_podcast_stays(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{line}</p>").body == [STORY, line]


@pytest.mark.parametrize(
    "hostile",
    [
        "<pre>a" + "\u2007" * 60 + "x</pre>",  # spacers that are whitespace too: each split tried, exponentially
        "<p>" + ("a" + " " * 39 + "·") * 5 + "x unsubscribe</p>",  # spaces either side of a link bar's marks
        "<h1>Title</h1><pre>Mar 27, 2025 10:02" + " " * 20_000 + "x</pre>",  # a header date's spaces in code
    ],
)
def test_hostile_lines_at_the_edges_are_read_in_linear_time(hostile: str) -> None:
    item = run(f"<p>{STORY}</p>{hostile}")
    assert item.body[0] == STORY


@pytest.mark.parametrize(
    "content",
    [
        "<p>Also on the ballot:</p><ul><li>A school levy.</li><li>A park bond.</li></ul>",
        "<p>From the archives: In 1925, the city council voted to build the first ferry pier.</p>",
        "<p>You are receiving this because your county opted into the new alert system, officials said.</p>",
        "<p>The story first appeared on HBO in 2019 and was renewed twice.</p>",
    ],
)
def test_story_that_reads_like_a_footer_stays(content: str) -> None:
    assert len(run(f"<p>{STORY}</p>{content}").body) > 1


def test_a_digest_of_links_under_its_heading_keeps_its_links() -> None:
    digest = (
        '<p>Top stories<br><a href="https://a.example/1">Ferry resumes</a><br>'
        '<a href="https://a.example/2">Budget passes</a></p>'
    )
    assert run(digest).body


def test_a_recipe_step_repeating_its_pictures_description_stays() -> None:
    step = (
        '<p><img src="https://a.example/step1.jpg" alt="Whisk the eggs and milk."></p><p>Whisk the eggs and milk.</p>'
    )
    assert run(f"<p>{STORY}</p>{step}").body == [STORY, "Whisk the eggs and milk."]


@pytest.mark.parametrize(
    ("lead", "kept"),
    [
        ("<p>Hello friends</p><p>Welcome back</p>", ["Hello friends", "Welcome back"]),
        ("<p>Serves 4</p><p>Prep 10 minutes</p>", ["Serves 4", "Prep 10 minutes"]),
    ],
)
def test_lines_over_a_repeated_headline_that_are_no_kicker_stay(lead: str, kept: list[str]) -> None:
    raw = RawItem(title="The Ferry Pie", content=f"{lead}<h2>The Ferry Pie</h2><p>{STORY}</p>")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert item.body[: len(kept)] == kept


def test_drupal_8s_inline_field_gets_its_colon_and_its_values_their_commas() -> None:
    field = (
        '<div class="field field--name-project field--label-inline"><div class="field__label">Project</div>'
        '<div class="field__items"><div class="field__item">Harbour Core</div><div class="field__item">Views</div>'
        "</div></div>"
    )
    assert run(f"{field}<p>{STORY}</p>").body == ["Project: Harbour Core, Views", STORY]
    paragraphs = (
        '<div class="field field--label-inline"><div class="field__label">Description</div>'
        f'<div class="field__item"><p>{STORY}</p><p>{MORE}</p></div></div>'
    )
    assert run(paragraphs).body == ["Description", STORY, MORE]


@pytest.mark.parametrize(
    "line",
    [
        "Twitter / X, which Musk bought in 2022, lost half its advertisers.",
        "Follow the money on TikTok and YouTube, analysts say, where budgets doubled.",
        "Listeners can find the show free on Apple Podcasts and Spotify, the network said, after the deal closed.",
    ],
)
def test_a_storys_last_sentence_naming_platforms_stays(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{line}</p>").body == [STORY, line]


@pytest.mark.parametrize("tag", ["img src=x onerror=alert(1)", "script", "svg onload=alert(1)", "!-- x --"])
def test_a_headline_from_a_code_line_with_a_soft_hyphen_after_its_lt_holds_no_tag(tag: str) -> None:
    item = normalize(RawItem(title=None, content=f"<pre>&lt;\xad{tag}&gt;</pre>"), now=NOW, settings=SETTINGS)
    assert item.headline is not None
    assert not active_markup(item.headline)


def test_what_an_email_hides_and_its_footer_under_a_bridge_are_not_story() -> None:
    preheader = '<div style="display:none;max-height:0px;overflow:hidden;">Why notes feel useless, and a fix</div>'
    story = "<p>Hi friend,</p><p>Most notes are never read again. That is fine: writing them is how you think.</p>"
    footer = (
        '<p><a href="https://unsubscribe.mail.example/a1">Unsubscribe</a> | <a href="https://prefs.mail.example/a1">'
        "Update your profile</a> | 113 Cherry St #92768, Seattle, WA 98104-2205</p>"
        '<hr /><p><small><a href="https://kill-the-newsletter.com/feeds/k4n8">Kill the Newsletter! feed settings</a>'
        "</small></p>"
    )
    assert run(preheader + story + footer).body == [
        "Hi friend,",
        "Most notes are never read again. That is fine: writing them is how you think.",
    ]
    # shown text stays, whatever its style says, and so does a page's collapsed section
    shown = '<div style="display:block">Most notes are never read again.</div>'
    assert run(shown).body == ["Most notes are never read again."]
    collapsed = '<p>Most notes are never read again.</p><div style="display:none"><p>Writing is thinking.</p></div>'
    assert run(collapsed).body == ["Most notes are never read again.", "Writing is thinking."]


@pytest.mark.parametrize(
    ("dateline", "trailer"),
    [
        ("CIUDAD DE MÉXICO, 2 de diciembre de 2026 /PRNewswire/ -- ", ["FUENTE Solares del Norte"]),
        ("SÃO PAULO, 2 de dezembro de 2026 /PRNewswire/ -- ", ["FONTE Solares do Norte"]),
        (
            "サンノゼ--(BUSINESS WIRE)--",
            [
                "本記者発表文の公式バージョンはオリジナル言語版です。翻訳言語版は、読者の便宜を図る目的で提供されています。",
                "businesswire.comでソースバージョンを見る：https://www.businesswire.com/news/home/1/en/",
            ],
        ),
        ("サンノゼ--(BUSINESS WIRE)--", ["お問い合わせ先", "報道関係者お問い合わせ先 ノーヴァ広報担当"]),
        (
            "Sarasota, FL -- (ReleaseWire) -- 12/02/2026 -- ",
            [
                "For more information on this press release visit: http://www.releasewire.com/press-releases/x-1.htm",
                "Media Relations Contact",
                "Mark Delgado",
            ],
        ),
    ],
)
def test_a_releases_trailer_in_the_wires_other_languages_is_not_story(dateline: str, trailer: list[str]) -> None:
    story = f"<p>{dateline}Solares del Norte opened a 150 MW solar park.</p><p>It powers 90,000 homes.</p>"
    body = run(story + "".join(f"<p>{line}</p>" for line in trailer)).body
    assert body[-1] == "It powers 90,000 homes."


def test_a_closing_sentence_opening_with_the_word_contacts_is_story() -> None:
    story = "<p>MÜNCHEN--(BUSINESS WIRE)--Nordwerk hat seinen Umsatz gesteigert.</p>"
    last = "Kontakte zu chinesischen Partnern sollen 2026 weiter ausgebaut werden, so das Unternehmen."
    assert run(story + f"<p>{last}</p>").body[-1] == last


@pytest.mark.parametrize(
    "tail",
    [
        [
            "This video was made possible by my Patreon supporters: https://www.patreon.com/dana",
            "Twitter: https://twitter.com/dana",
        ],
        ["Sígueme en Instagram: https://www.instagram.com/dana Twitter: https://twitter.com/dana"],
        ["Wer den Podcast unterstützen möchte, kann das hier tun: https://www.patreon.com/sterne"],
    ],
)
def test_a_creators_profile_and_support_links_closing_the_notes_are_not_story(tail: list[str]) -> None:
    story = "<p>Malls were built to be full. What happens once the crowd is gone?</p>"
    assert run(story + "".join(f"<p>{line}</p>" for line in tail)).body == [
        "Malls were built to be full. What happens once the crowd is gone?"
    ]
    # a post's link (not a profile) closing a story stays
    post = "<p>The full thread: https://twitter.com/dana/status/1234567890</p>"
    assert run(story + post).body[-1] == "The full thread: https://twitter.com/dana/status/1234567890"


@pytest.mark.parametrize(
    "line",
    [
        "Citește și: Satele fără drum asfaltat",
        "Διαβάστε επίσης: Ποια σχολεία θα είναι κλειστά",
        "Čtěte také: Nový most",
    ],
)
def test_read_also_lines_in_more_languages_are_not_story(line: str) -> None:
    story = "<p>The village built its own small hydro plant.</p><p>It cost 310,000 lei.</p>"
    assert run(f"<p>The village built its own small hydro plant.</p><p>{line}</p><p>It cost 310,000 lei.</p>").body == [
        "The village built its own small hydro plant.",
        "It cost 310,000 lei.",
    ]
    assert run(story + f"<p>{line}</p>").body[-1] == "It cost 310,000 lei."


@pytest.mark.parametrize(
    "line",
    [
        "estimated reading time: 4 min",
        "5 min read",
        "Photo of a comment box by J. Rivera used under a Creative Commons license.",
    ],
)
def test_a_reading_time_and_a_free_licences_photo_credit_are_not_story(line: str) -> None:
    story = "<p>Local newsrooms are switching comments off again.</p><p>Most cited the cost of moderation.</p>"
    assert (
        run(f"<p>{line}</p>" + story).body
        == run(story + f"<p>{line}</p>").body
        == [
            "Local newsrooms are switching comments off again.",
            "Most cited the cost of moderation.",
        ]
    )


def test_a_byline_box_and_a_pictures_inline_credit_are_not_story() -> None:
    content = (
        '<div class="author-infos">Publié le 4 Décembre 2026 par <b>Julien Lefèvre</b></div>'
        '<div class="article-image"><img src="https://img.example/a.jpg" alt="Cnil">'
        '<span class="credit">Crédit Photo: D.R.</span></div>'
        "<p>L'autorité a infligé une amende de 450 000 euros à un hébergeur.</p>"
    )
    assert run(content).body == ["L'autorité a infligé une amende de 450 000 euros à un hébergeur."]


@pytest.mark.parametrize(
    "line",
    [
        "Her final post before the crash: https://www.instagram.com/p/C9xYz12AbCd/",
        "The agency posts live updates at https://x.com/NWS",
        "Statement: https://t.me/mod_russia_en/12345",
        "Photo agencies say pictures used under a Creative Commons license are being scraped by AI firms.",
    ],
)
def test_a_posts_link_a_sentence_naming_a_profile_and_news_of_licences_are_story(line: str) -> None:
    story = "<p>The storm reached the coast on Monday night.</p>"
    assert run(story + f"<p>{line}</p>").body[-1] == line


@pytest.mark.parametrize(
    ("link", "trailer"),
    [
        (
            "https://www.newsfilecorp.com/release/275902/a",
            "To view the source version of this press release, please visit https://www.newsfilecorp.com/release/275902",
        ),
        (
            "https://www.24-7pressrelease.com/press-release/1/a",
            "For the original version of this press release, please visit 24-7PressRelease.com here",
        ),
    ],
)
def test_a_distributors_pointer_to_its_own_copy_is_not_story(link: str, trailer: str) -> None:
    story = "<p>The company closed the first tranche of its placement.</p>"
    assert run(f"{story}<p>{trailer}</p>", link=link).body == ["The company closed the first tranche of its placement."]


def test_beehiivs_rendered_header_is_not_story() -> None:
    web = (
        "<div class='rendered-post'><div id='web-header'><h1>Title</h1><p class='subtitle'>PLUS: three tools</p>"
        "<div class='authors'>Matt Village</div></div><div id='content-blocks'>"
        '<p class="paragraph">Google shipped a model with a large context window.</p></div></div>'
    )
    assert run(web).body == ["Google shipped a model with a large context window."]


@pytest.mark.parametrize(
    "tail",
    [
        "<p>ये भी पढ़ें: दिल्ली मेट्रो का नया किराया लागू</p>",  # Hindi "also read"
        "<p>לקריאה נוספת: הכלכלנים צופים הורדת ריבית</p>",  # Hebrew "further reading"
        "<p>Now read: Vumatel price increase for 2026</p>",
        "<p><strong>延伸閱讀：</strong></p><ul><li><a href='https://a.example/1'>監委糾正內政部</a></li></ul>",
        "<p>更多三立新聞網報導<br><a href='https://a.example/2'>捷運萬大線第一期　明年試運轉</a></p>",
        "<p>LISTEN ABOVE</p>",
        "<p>Watch the video above.</p>",
        "<p>If you'd like to support me in creating more videos like this, you can do so here: https://www.patreon.com/x</p>",
        "<p>Sponsor: Precision Fuel &amp; Hydration. Use code TTS for 15% off your first order.</p>",
        "<p>Show notes and links: scientifictriathlon.com/tts482</p>",
        "<p>SHARE THE BREW</p><p>Share Tech Brew with your coworkers and earn rewards.</p><p>Click to Share</p>"
        "<p>ADVERTISE // CAREERS // SHOP // FAQ</p>"
        "<p>Update your email preferences or unsubscribe here.<br>View our privacy policy here.</p>",
    ],
)
def test_read_also_lines_player_pointers_creators_asks_and_newsletter_bars_are_not_story(tail: str) -> None:
    assert_not_story(tail)


@pytest.mark.parametrize(
    "line",
    [
        "Listen to the podcast and read the transcript.",  # no pointer at a player
        "Share the road: cyclists and drivers both have rights.",
        "Sponsors say the bill will pass by spring.",  # no label's colon
        "If you'd like to support the fund, the council says, give at the library.",  # no address
    ],
)
def test_sentences_near_those_words_stay_story(line: str) -> None:
    assert_story(line)


def test_a_newsletters_web_view_bar_over_the_story_is_not_story() -> None:
    assert run("<p>View Online | Sign Up</p><p>Good morning. AWS raised list prices.</p>").body == [
        "Good morning. AWS raised list prices."
    ]


@pytest.mark.parametrize(
    "content",
    [
        "<p>[서울=뉴시스] 사진공동취재단 = 총재가 회의를 주재하고 있다. photo@newsis.com *재판매 및 DB 금지</p>"
        "<p>한국은행이 기준금리를 동결했다.</p>",
        "<p>한국은행이 기준금리를 동결했다.</p><p>◎공감언론 뉴시스 leesh@newsis.com</p>",
        "<p>한국은행이 기준금리를 동결했다.</p><p>&lt;저작권자(c) 연합뉴스, 무단 전재-재배포 금지&gt;</p>",
    ],
)
def test_a_korean_agencys_caption_sign_off_and_notice_are_not_story(content: str) -> None:
    assert run(content).body == ["한국은행이 기준금리를 동결했다."]


@pytest.mark.parametrize(
    "tail",
    [
        "<p>Originalversion auf businesswire.com ansehen: https://www.businesswire.com/news/home/20260310518244/de/</p>",
        "<p>CleanTechnica uses affiliate links. See our policy here.</p>",
        "<p>Advertisement</p>",
        "<p>Qualcomm Contacts: Corporate Communications corpcomm@qualcomm.com</p>",
    ],
)
def test_a_wires_translated_trailer_an_affiliate_note_an_ad_label_and_a_contacts_line_are_not_story(tail: str) -> None:
    story = "<p>The council approved the plan on Monday.</p><p>Work starts in the spring.</p>"
    assert run(story + tail, link="https://www.businesswire.com/news/home/1/de/").body == [
        "The council approved the plan on Monday.",
        "Work starts in the spring.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        # the counterexamples of a review: a how-to's last step, a charity's address, a bill's sponsor, advice
        "Update your preferences at myadcenter.google.com before the change takes effect.",
        "If you would like to support the Garcia family, donations can be made at https://www.gofundme.com/f/garcia",
        "Sponsor: Sen. Bryan Hughes (R-Mineola)",
        "Sponsors: Rep. Jane Doe and Rep. John Roe, who say the bill closes a loophole.",
        "Share your screen with colleagues by clicking the green button at the bottom of the window.",
        "Share the road!",
        "AAPL • MSFT • NVDA • GOOGL",
        "행사 문의는 서울시 문화정책과 culture@seoul.go.kr",
    ],
)
def test_story_lines_near_the_chrome_rules_words_stay(line: str) -> None:
    assert_story(line)


@pytest.mark.parametrize(
    "tail",
    [
        "<p>Sigue leyendo:</p><ul><li><a href='https://a.example/1'>Hoteles advierten despidos</a></li></ul>",
        "<p>Lire la suite de Metro Express : la ligne mise en service le 15 janvier</p>",
        "<p>Подробнее о В Душанбе откроют три новых пункта обмена</p>",
        "<p>Puede leer: Teleférico de Santo Domingo recibe nuevas cabinas</p>",
        "<p>Lea también:</p><ul><li><a href='https://a.example/2'>Sequía en la cuenca del Paraná</a></li></ul>",
        "<p>AM/ZS</p>",
        "<p>JPF // JMR</p>",
        "<p>共同通信</p>",
        "<p>Arizona Mirror is part of States Newsroom, a nonprofit news network supported by grants and a coalition "
        "of donors as a 501c(3) public charity. Contact the editor for questions: info@azmirror.example.</p>",
        "<p>Het artikel ‘Apple brengt derde bèta uit’ lees je op iCulture.</p>",
        "<p>Copyright © Truthout. May not be reprinted without permission.</p>",
        "<p>Please direct any comments or questions about this article to desk@news.example.</p>",
    ],
)
def test_more_languages_read_on_pointers_reprint_notes_and_a_desks_address_are_not_story(tail: str) -> None:
    assert_not_story(tail)


@pytest.mark.parametrize(
    "line",
    [
        "Leer más de un libro al mes es un hábito del 10% de los españoles.",
        "Lire la suite du discours du Premier ministre, prononcé devant l’Assemblée.",
        "Copyright lawyers say the photos may not be reproduced without consent.",
        "Please send comments on the draft plan to parksplan@city.example.",
        "The FTC says any blog that uses affiliate links must disclose them.",
        "Volunteers should contact: Maria Lopez at maria@shelter.example",
    ],
)
def test_sentences_like_the_pointers_notes_and_contacts_stay_story(line: str) -> None:
    assert_story(line)


@pytest.mark.parametrize(
    "tail",
    [
        "<p><strong>Leer más:</strong> <a href='https://a.example/1'>Simas anuncia tarifas 2027</a></p>",
        "<p>A lire aussi Logement : la crise en cinq graphiques</p>",
        "<p>Suscríbete para seguir leyendo</p>",
        "<p>Suscribite a nuestro newsletter y recibí las noticias de Santa Fe en tu correo.</p>",
        "<p>Subscribe now</p>",
        "<p>Yazının devamı için tıklayın</p>",
        "<p>Leé también: Cuánto cobran los jubilados en enero</p>",
        "<p>Subscriu-te per continuar llegint</p>",
        "<p>Assine para continuar lendo esta reportagem</p>",
        "<p><em>Kiemelt kép: A felújítás alatt álló szálloda bejárata. Fotó: Átlátszó</em></p>",
        "<p>Featured image: Volunteers at the river clean-up in May. Photo by Dana Ruiz.</p>",
        "<p>For more by The B1M subscribe now - http://ow.ly/GxW7y</p>",
        "<p>Orbital Operations is a free weekly newsletter. If you were forwarded this, you can subscribe here.</p>",
    ],
)
def test_read_on_and_subscription_asks_in_more_languages_are_not_story(tail: str) -> None:
    assert_not_story(tail)


@pytest.mark.parametrize(
    "credit", ["STAFF REPORTER", "Excelsior Correspondent", "Our Special Correspondent", "Web Desk"]
)
def test_a_desks_credit_over_the_story_is_not_story(credit: str) -> None:
    assert run(f"<p>{credit}</p><p>The council approved the plan on Monday.</p>").body == [
        "The council approved the plan on Monday."
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Abonnez-vous au podcast sur Spotify",  # (under an article: may be the story's own last line)
        "Assine a petição e compartilhe com seus amigos.",
        "Iscriviti entro il 15 settembre sul portale dell'ateneo.",
        "Meet the Correspondent",
        "Ask the Reporter",
    ],
)
def test_a_third_reviews_story_lines_stay(line: str) -> None:
    assert_story(line)


@pytest.mark.parametrize(
    "tail",
    [
        "<p>Support On London for just £5 a month or £50 a year and get much more in return. Details HERE.</p>",
        "<p>Leave a reply with your requests for future episodes.</p>",
        "<p>On Twitter - http://twitter.com/ZacksJerryRig On Instagram - http://instagram.com/zacksjerryrig</p>",
        "<p>Send us Fan Mail</p>",
        "<p>Current Photo via Jack Spitser/Spitser Photography</p>",
        "<p>Want more analysis of the most important news of the day, plus a little fun? Subscribe to the Up First"
        " newsletter.</p>",
        "<p>Sign up to Economist Podcasts+ to get full access to all our podcasts.</p>",
        "<p>Our journalism needs your support. Please subscribe today to lehighvalleylive.com.</p>",
        "<p>Read more about November 2026 ENSO update: La Niña is here</p>",
        "<p>Also Read | Guwahati: Smart city bus shelters to get live arrival boards</p>",
        "<p>Feature image courtesy Tidewell.</p>",
        "<p>SPECIAL OFFER (Sponsored) Binance Free $600 (CryptoPotato Exclusive): Use this link to register.</p>",
        "<p>For additional insights from TrendForce analysts on the latest tech industry news, please visit"
        " https://www.trendforce.com/news/</p>",
        "<p>This blog is totally free, but if you like it, please consider supporting it.</p>",
        "<p>Want to be featured in the In Your Bag series? Check out the submission guidelines here.</p>",
        "<h3>More Chili Recipes You’ll Love</h3><ul><li><a href='https://x.example/a'>White Chicken Chili</a></li>"
        "<li><a href='https://x.example/b'>Slow Cooker Beef Chili</a></li></ul>",
        "<p>See also earlier post.</p>",
        "<p><em>Featured image adapted from ACRES on Facebook.</em></p>",
        "<h3>Related Episodes</h3><ul><li><a href='https://se-radio.net/615/'>SE Radio 615: Static Analysis</a></li>"
        "<li><a href='https://se-radio.net/684/'>SE Radio 684: Build Systems</a></li></ul>",
    ],
)
def test_creators_asks_a_sites_support_price_and_a_featured_pictures_credit_are_not_story(tail: str) -> None:
    assert_not_story(tail)


@pytest.mark.parametrize(
    "line",
    [
        "Support for the measure fell by 12 points after the debate.",
        "This site is free to use and supported by advertising revenue, the company said.",
        "For additional analysis, the union published its own figures on Monday evening.",
        "Want more housing? Join the council meeting on Tuesday, the campaign group told residents.",
        "Our work depends on your support, and this winter demand has doubled; the food bank needs 500 volunteers.",
        "For further coverage of the wildfire and evacuation orders, visit https://fire.example.gov/evac",
        "Read more about the trail's history in our 2019 series on the valley's rail lines",
        "(Sponsored) Acme Bank today launched a savings account that pays 5% on balances up to $50,000.",
        "Read more about the plan and have your say at the library until March.",
        "Leave a comment here or connect with us on X/Twitter, BlueSky or LinkedIn:",
        "See also the council's earlier decision on parking, which the court upheld in March.",
        "Featured image competitions draw thousands of entries each year.",
        "Leave a reply to the council by 5 March if you want your objection counted, the planning office said.",
        "Abbonati per continuare a leggere: è la richiesta che molti quotidiani italiani fanno ormai ai lettori.",
    ],
)
def test_sentences_like_the_asks_and_credits_stay_story(line: str) -> None:
    assert_story(line)


def test_a_caption_pointing_at_the_picture_over_it_is_not_story() -> None:
    content = (
        "<p>The main cluster had 96 data nodes.</p><p><img src='https://tech.example/img/shards.png' alt='x'></p>"
        "<p><em>Diagram above:- Shard layout of the main index before and after the migration.</em></p>"
        "<p>Most of the heap went to field data.</p>"
    )
    assert run(content).body == ["The main cluster had 96 data nodes.", "Most of the heap went to field data."]
    # a plain line pointing down is the story's lead-in to what follows (an italic line of its own under a
    # picture is that picture's caption, whatever it says)
    chart = "Chart below: unemployment rose to 4.6% in December, the highest level since 2021."
    caption = "<em>Diagram above:- Shard layout of the main index before and after the migration.</em>"
    assert chart in run(content.replace(caption, chart)).body


def test_reddits_chrome_beside_a_posts_thumbnail_is_chrome() -> None:
    # Reddit's feed sets a picture post's thumbnail and its text side by side in a one-row table.
    post = "https://www.reddit.com/r/mycology/comments/1p6c2wq/found/"
    content = (
        f'<table> <tr><td> <a href="{post}"> <img src="https://preview.redd.it/a.jpeg" alt="Found" /> </a> </td><td> '
        f'<!-- SC_OFF --><div class="md"><p>{STORY}</p> </div><!-- SC_ON --> &#32; submitted by &#32; '
        '<a href="https://www.reddit.com/user/fernwood_walker"> /u/fernwood_walker </a> <br/> <span>'
        f'<a href="https://i.redd.it/a.jpeg">[link]</a></span> &#32; <span><a href="{post}">[comments]</a></span> '
        "</td></tr></table>"
    )
    assert run(content, link=post).body == [STORY]


def test_the_outlets_follow_call_closing_a_story_is_chrome() -> None:
    call = "Follow esports.gg on X for the latest Valorant news and updates!"
    assert run(f"<p>{STORY}</p><p>{call}</p>").body == [STORY]
    for told in (  # sentences of the story
        "Follow the money on Facebook for a year and you will see where the ads go.",
        "Follow Step 3 on YouTube to get your channel verified before you apply.",
    ):
        assert told in run(f"<p>{STORY}</p><p>{told}</p>").body


def test_a_german_pointer_to_more_closing_a_story_is_chrome() -> None:
    assert run(f"<p>{STORY}</p><p>Mehr zum Programm lesen Sie <a href='https://nw.example/p'>hier</a>.</p>").body == [
        STORY
    ]
    kept = "Mehr zum Programm sagte der Bürgermeister nichts."  # a sentence of the story
    assert kept in run(f"<p>{STORY}</p><p>{kept}</p>").body


def test_key_notes_over_a_list_are_the_key_points() -> None:
    content = f"<h4>Key Notes</h4><ul><li>Validators voted for it.</li><li>Fees are burned.</li></ul><p>{STORY}</p>"
    item = run(content)
    assert (item.bullets, item.body) == (["Validators voted for it.", "Fees are burned."], [STORY])


def test_a_one_row_table_of_data_stays_a_row() -> None:
    content = "<table><tr><td>Wins</td><td>12</td></tr></table>"
    assert run(content).body == ["Wins | 12"]
    flags = '<img src="https://cdn.example/fr.png">'
    row = f"<td>{flags}</td><td>France</td><td>2 – 1</td><td>Spain</td><td>{flags}</td>"
    score = f"<p>Final score:</p><table><tr>{row}</tr></table>"
    assert run(score).body == ["Final score:", "France | 2 – 1 | Spain"]


def test_reddits_chrome_in_markdown_as_a_chat_card_carries_it() -> None:
    content = (
        "submitted by [/u/liffeyside_lad](https://www.reddit.com/user/liffeyside_lad)\n"
        "[[link]](https://www.rte.ie/news/a/) [[comments]](https://www.reddit.com/r/ireland/comments/1ph4q2m/d/)"
    )
    item = run(content, link="https://www.reddit.com/r/ireland/comments/1ph4q2m/d/", content_kind="text")
    assert item.body == []


def test_a_featured_pictures_credit_is_not_story_wherever_it_stands() -> None:
    content = (
        "<p>The council approved the plan.</p><p><em>Featured image adapted from Google Maps.</em></p>"
        "<p>Work starts soon.</p>"
    )
    assert run(content).body == ["The council approved the plan.", "Work starts soon."]
    story = "Cover photo by Annie Leibovitz of the First Lady drew sharp criticism from both parties on Tuesday."
    cover = content.replace("<em>Featured image adapted from Google Maps.</em>", story)
    assert story in run(cover.replace("Work starts soon.", "More story here today.")).body


@pytest.mark.parametrize(
    "field",
    [
        '<div class="field field-name-field-caption field-type-text"><div class="field-items">'
        '<div class="field-item even">Farmers pick olives near the village in November.</div></div></div>',
        '<div class="field field--name-field-image-credit field--type-string">Lena Park, village archive</div>',
    ],
)
def test_drupals_caption_and_credit_fields_are_not_story(field: str) -> None:
    picture = '<div class="field-name-field-image"><img src="https://www.example.org/sites/default/files/a.jpg"></div>'
    story = "<p>The harvest ended with heavy losses.</p><p>Councils counted the groves left unpicked.</p>"
    item = run(picture + field + story)
    assert item.body == ["The harvest ended with heavy losses.", "Councils counted the groves left unpicked."]


def test_feedblitzs_pixel_on_a_publishers_feed_host_is_no_picture() -> None:
    content = (
        "<p>Volunteers planted 2,000 coral fragments in the bay.</p>"
        '<img src="http://rssfeeds.example-daily.com/~/i/612345678/0/example/news">'
    )
    item = run(content)
    assert item.image_url is None
    assert item.body == ["Volunteers planted 2,000 coral fragments in the bay."]
    # a picture whose path merely holds a tilde stays
    assert run(content.replace("/~/i/", "/~images/")).image_url is not None


@pytest.mark.parametrize(
    "line",
    [
        "Like us on Facebook and follow us on Twitter.",
        "Більше новин економіки читайте тут",
        "Чытайце таксама: Колькі каштуе набор прадуктаў на тыдзень",
        "(NAN)(www.nannews.ng)",
        "(AP)",
        "Подписывайтесь на наш Telegram-канал, чтобы не пропустить важные новости.",
        "Únete a nuestro canal de WhatsApp para recibir las noticias del día.",
        "Comments on GAO’s WatchBlog? Contact blog@gao.gov.",
        "Le puede interesar: Metro de Medellín amplía horario en diciembre",
        "Medienkontakt: Presse Deutsche Börse +49-(0) 69-2 11-1 15 00 media-relations@deutsche-boerse.example",
        "ขอบคุณภาพ : เดลินิวส์",
        "© Riproduzione riservata",
        "Meer nieuws uit Utrecht",
        "CPR News is a member-supported newsroom. Support independent local journalism.",
        "Citation: BMC Medicine 2026 24:118",
        "Content type: Research article",
    ],
)
def test_social_asks_and_pointers_to_more_news_under_the_story(line: str) -> None:
    assert_not_story(f"<p>{line}</p>")
    # the same words inside a sentence of the story stay
    said = f"She said: {line.rstrip('.')} was the council's plan."
    assert (
        said
        in run(f"<p>The council approved the budget on Tuesday.</p><p>{said}</p><p>Work starts in the spring.</p>").body
    )


def test_a_services_questions_line_stays_story() -> None:
    story = ["Crews will fit free smoke alarms through March.", "Questions? Email alarms@fire.example.gov."]
    assert run("".join(f"<p>{text}</p>" for text in story)).body == story


def test_a_labelled_authors_line_alone_is_the_credit_not_the_story() -> None:
    item = run("<p>Authors: Tomás Varela and Hee-Jin Moon</p>")
    assert (item.body, item.author) == ([], "Tomás Varela, Hee-Jin Moon")


def test_a_thai_related_news_heading_over_its_links_is_not_story() -> None:
    story = "<p>กรมอุตุนิยมวิทยาออกประกาศเตือนฉบับที่ 3</p><p>ประชาชนควรติดตามข่าวสาร</p>"
    related = '<p>อ่านข่าวที่เกี่ยวข้อง</p><p><a href="https://www.dailynews.example/news/1/">เช็กเส้นทางพายุ</a></p>'
    assert run(story + related).body == ["กรมอุตุนิยมวิทยาออกประกาศเตือนฉบับที่ 3", "ประชาชนควรติดตามข่าวสาร"]


@pytest.mark.parametrize(
    "line",
    [
        "The new skate park is community-funded, with residents raising $40,000 over two years.",
        "The clinic is a donor-funded project that will serve 3,000 patients a year.",
        "More news is expected later this week.",
        "Mehr Nachrichten gibt es derzeit nicht.",
        "ขอบคุณภาพยนตร์เรื่องนี้ที่ทำให้เราคิดถึงบ้าน",
        "Follow our correspondent along the Channel crossing, where 30,000 people arrived this year.",
    ],
)
def test_story_sentences_like_the_new_edge_lines_stay(line: str) -> None:
    assert_story(line)


@pytest.mark.parametrize(
    "italic",
    ["What made you start the cafe?", "“We will not give up,” she said.", "Update, Dec. 3: The road has reopened."],
)
def test_a_question_quote_or_note_in_italics_under_a_picture_stays(italic: str) -> None:
    content = (
        f'<p>Intro to the piece.</p><p><img src="https://ex.example/a.jpg"></p><p><em>{italic}</em></p><p>More.</p>'
    )
    assert italic in run(content).body


def test_drupal_fields_whose_names_only_begin_like_a_caption_stay() -> None:
    content = (
        '<div class="field field-name-field-credit-union-news">Members voted to merge the two credit unions.</div>'
        '<div class="field field--name-field-caption-body"><p>The whole story is in this field.</p></div>'
        '<div class="field field--name-field-image-caption">A caption.</div>'
    )
    assert run(content).body == ["Members voted to merge the two credit unions.", "The whole story is in this field."]


def test_a_stations_story_continues_below_box_of_links_is_not_story() -> None:
    promo = (
        "<p><strong>Story continues below</strong></p><ul><li><strong>Crime:</strong> "
        "<a href='https://tv.example/a'>Police investigate overnight shooting</a></li><li><strong>Weather:</strong> "
        "<a href='https://tv.example/b'>Cold front brings wind</a></li></ul>"
    )
    item = run(f"<p>The city plans six cameras.</p>{promo}<p>Drivers will be fined by mail.</p>")
    assert item.body == ["The city plans six cameras.", "Drivers will be fined by mail."]


@pytest.mark.parametrize("line", ["AC/DC", "共同通信", "Story continues below the fold in print, the mayor joked."])
def test_lines_like_desk_initials_or_a_slot_note_between_paragraphs_stay(line: str) -> None:
    item = run(f"<p>The council approved the plan on Monday.</p><p>{line}</p><p>It takes effect in May.</p>")
    assert item.body[1] == line


@pytest.mark.parametrize(
    "tail",
    [
        "<p>Left Foot Forward doesn’t have the backing of big business or billionaires. We rely on the kind and "
        "generous support of ordinary people like you.</p>",
        "<p>Who funds spiked? You do</p><p>We are funded by you. And in this era of advertiser boycotts, we rely on "
        "your donations more than ever. Support spiked</p>",
    ],
)
def test_a_newsrooms_ask_for_its_readers_support_is_not_story(tail: str) -> None:
    assert_not_story(tail)


def test_a_quoted_charity_relying_on_donations_closes_its_story() -> None:
    assert_story("“We rely on donations from people like you,” the shelter’s director said.")


@pytest.mark.parametrize(
    "tail",
    [
        "<p>LÄS ÄVEN: Djurgården klart med ny assisterande tränare</p>",
        "<p>MORE: The best-dressed stars at the 2026 British Independent Film Awards</p>",
        "<p>[Image via Cass Whitley/Instagram/MEGA/WENN]</p>",
        "<p>Du willst keine News mehr verpassen? Abonniere jetzt den BTC-ECHO Newsletter.</p>",
        "<p>For comments and feedback contact: editorial@rttnews.example</p>",
        "<p>Editor’s Note: Help us continue to report the truth about the border. Join Townhall VIP and use promo code "
        "FIGHT to get 60% off your membership.</p>",
        "<p>Have an opinion about this article? To sound off, please email letters@signal.example.</p>",
        "<p>Feel free to distribute or cite this material, but please credit OpenSecrets.</p>",
        "<p>Sign up for Devex Newswire to get the latest global development news every weekday.</p>",
        "<p>Upgrade to our Insider newsletter to get access to this and over 50+ articles in our archive.</p>",
        "<p>Otros artículos interesantes:</p><ul><li><a href='https://h.example/1'>Análisis para PS5</a></li></ul>",
    ],
)
def test_closing_asks_notes_credits_and_related_labels_in_more_forms_are_not_story(tail: str) -> None:
    assert_not_story(tail)


@pytest.mark.parametrize(
    "line",
    [
        "Find Out: 8 Things the Middle Class Should Stop Buying",
        "関連：ビットコイン現物ETFとは",
        "Още по темата: Започна ремонтът на булеварда",
    ],
)
def test_a_labelled_related_title_inside_the_story_is_not_story(line: str) -> None:
    item = run(f"<p>The council approved the plan on Monday.</p><p>{line}</p><p>It takes effect in May.</p>")
    assert item.body == ["The council approved the plan on Monday.", "It takes effect in May."]


@pytest.mark.parametrize(
    "lead",
    ["<p>Contact: Maya Russo, press@fairdrugs.example</p>", "<p>9:14 AM – Friday, October 16, 2026</p>"],
)
def test_a_releases_contact_or_a_sites_stamp_over_the_story_is_not_story(lead: str) -> None:
    assert run(f"{lead}{_STORY}").body == _STORY_BODY


def test_a_heading_under_a_picture_credit_is_the_storys() -> None:
    listicle = (
        "<p>People shared the strangest finds.</p><h2>#1 A Tiny Door</h2><img src='https://b.example/1.jpg'>"
        "<p>Image credits: quietfox</p><h2>#2 A Time Capsule</h2><img src='https://b.example/2.jpg'>"
        "<p>Image credits: oldnail</p>"
    )
    assert run(listicle).body == ["People shared the strangest finds.", "#1 A Tiny Door", "#2 A Time Capsule"]


@pytest.mark.parametrize(
    "line",
    [
        "HIV/AIDS",
        "LOPEZ: Right now we depend on donations from people in the community, and your readers have been amazing.",
        "Help us keep Riverside Park beautiful: join volunteers at the pavilion at 9 a.m. on Saturday.",
        "Upgrade to the Family plan costs $19.99 a month, the company said.",
        "The Colorado Sun is part of the Civic Media network, a nonprofit news organization founded in 2018.",
        "Du willst keine Verspätung mehr verpassen? Dann fahr früher los, sagt ein Sprecher.",
        "Puedes leer: novelas, ensayos y poesía en la biblioteca municipal.",
        "[Video from the scene shows firefighters on the roof]",
        "MORE: I think the ship will sail on Monday.",
        "Explore: the Alfama's lanes, the castle and the riverside market",
    ],
)
def test_story_lines_near_the_new_asks_credits_and_labels_stay(line: str) -> None:
    assert_story(line)


def test_a_list_under_an_ad_slots_note_stays_unless_it_links_away() -> None:
    wage = "<p>Story continues below</p><ul><li>The minimum wage rises to $17.</li><li>Tips count.</li></ul>"
    assert "The minimum wage rises to $17." in run(f"<p>The city plans six cameras.</p>{wage}").body


def test_a_heading_over_links_after_a_contact_marker_is_cut_with_it() -> None:
    tail = "<p>Media Contact:</p><p>Jane Doe<br>press@acme.example</p><h3>Follow Us</h3><p>Twitter<br>Facebook</p>"
    assert_not_story(tail)


@pytest.mark.parametrize(
    "tail",
    [
        "<p>mdelorme@postmedia.example</p>",
        '<p>Feedback: <a href="mailto:litia.vula@sun.example">litia.vula@sun.example</a></p>',  # under a label
        "<p>For more information or to set up interviews, please contact: IUCN Media Relations, press@iucn.example</p>",
        "<p>Writer/contact: Dana Whitcomb, Science Writer and Public Information Officer</p>",
        "<p>Translation by Alan Ng</p><p>[Chinese version 中文版]</p>",
        "<p>Third-party trademarks mentioned are the property of their respective owners.</p>",
        "<p>The statements or opinions expressed in this article reflect the views of the authors.</p>"
        "<p>If you would like to submit an article for consideration, send a Word version to ed@mja.example.</p>",
        "<p>A blog post from Software Freedom Conservancy.</p>",
        "<p>In a laboratory of the cancer genetics unit. © Noémie Garnier / Institut Curie</p>",
        "<p>Pour nous aider à mener ce combat, faites un don à La Quadrature du Net !</p>",
        "<p>Apache is onafhankelijk en advertentievrij. Word abonnee en steun onderzoeksjournalistiek.</p>",
        "<p>Подкрепете независимата журналистика на „Биволъ“! Дарете тук.</p>",
        "<p>Sie möchten weiterlesen? Mit Finanz-Szene Premium lesen Sie alle Artikel.</p>"
        "<p>Der Finanz-Szene-Newsletter: Jetzt kostenlos abonnieren!</p>",
        "<p>This is a subscriber-only story. Subscribe to The Ken to read the full story.</p>",
        "<p>| 本文系美团技术团队出品，著作权归属美团。</p>",
    ],
)
def test_closing_addresses_credits_notes_and_asks_in_more_languages_are_not_story(tail: str) -> None:
    assert_not_story(tail)


@pytest.mark.parametrize(
    "line",
    [
        "Write to the council at council@city.example if you want to comment on the plan.",
        "Translation by machine is not yet good enough for court documents, the judge said.",
        "The photo was taken in 1962 and donated to the archive by the family.",
    ],
)
def test_story_lines_near_the_closing_furniture_stay(line: str) -> None:
    assert_story(line)


def test_radio_frances_duration_stamp_closing_an_episodes_summary_is_not_story() -> None:
    summary = "Chauffage des écoles, piscines : une économiste revient sur l'hiver des collectivités."
    item = run(
        f"{summary} durée : 00:23:41 - L'invité de 8h20 : le grand entretien",
        feed_url="https://radiofrance-podcast.net/podcast09/rss_10239.xml",
    )
    assert item.body == [summary]
    # a duration said in a story elsewhere stays
    said = "Le film, d'une durée : 01:52:00 - selon le distributeur, sort mercredi."
    assert run(f"<p>{said}</p>").body == [said]


@pytest.mark.parametrize(
    "note",
    [
        "This article was originally published on Grist.",
        "Esta nota fue publicada originalmente en Agencia Presentes y se reproduce con licencia Creative Commons.",
        "Esta reportagem foi publicada originalmente no Joio e o Trigo.",
        "Cet article a été initialement publié sur Reporterre.",
        "Dieser Beitrag erschien zuerst bei Netzpolitik.",
        "Questo articolo è stato originariamente pubblicato su Valigia Blu.",
        "Dit artikel verscheen eerder bij Follow the Money.",
        "Republished with permission from The Conversation.",
    ],
)
def test_a_republished_storys_note_of_where_it_ran_first_is_no_story(note: str) -> None:
    content = f"<p>The council voted to close the landfill by 2030.</p><p><em>{note}</em></p>"
    assert run(content).body == ["The council voted to close the landfill by 2030."]


@pytest.mark.parametrize(
    "line",
    [
        "First published in 1962, the novel has sold more than 40 million copies worldwide.",
        "The report was first published in March and has since been revised twice by the agency.",
        "The report was first published in March.",
        "The interview was first posted on YouTube, where it drew two million views.",
        "Reprinted from the 1922 edition, the map shows the old harbour.",
        "Esta crónica fue publicada por primera vez en 1967 por García Márquez y hoy se reedita.",
        "Cet article a été publié par erreur avant la levée de l'embargo, a reconnu le journal.",
        "Questo articolo è stato pubblicato per errore e poi rimosso dal sito.",
    ],
)
def test_a_storys_sentence_on_where_something_first_ran_stays_at_an_edge(line: str) -> None:
    content = f"<p>The council voted to close the landfill by 2030.</p><p>Residents welcomed it.</p><p>{line}</p>"
    assert run(content).body[-1] == line


def test_a_pointer_into_the_archive_under_the_story_is_chrome() -> None:
    assert_not_story('<p><strong>See more from our archive:</strong> <a href="/content/a">Fishermen renew call</a></p>')


@pytest.mark.parametrize("handle", ["X: @clarawhitmore_", "Bluesky: @jdoe.bsky.social", "Twitter: @jdoe"])
def test_a_reporters_handle_under_the_story_is_chrome(handle: str) -> None:
    assert_not_story(f"<p><em>Email: jdoe@u.example.edu</em></p><p><em>{handle}</em></p>")


@pytest.mark.parametrize(
    "note",
    [
        "(This story has not been edited by Devdiscourse staff and is auto-generated from a syndicated feed.)",
        "(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated "
        "feed.)",
        "-foto Italpress-",  # an Italian agency's photo credit
    ],
)
def test_a_syndicators_note_or_an_agencys_photo_credit_under_the_story_is_chrome(note: str) -> None:
    assert_not_story(f"<p>{note}</p>")


def test_a_sentence_about_syndicated_feeds_in_the_story_stays() -> None:
    assert_story("(The agency said the syndicated feed had not been edited since March.) The board met on Friday.")
