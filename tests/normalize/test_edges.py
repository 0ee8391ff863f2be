"""Chrome at the edges only: edge runs, closing sections, trailing teaser links, widgets by markup."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from app.normalize import NormalizedItem, RawItem, normalize, plans, rules
from app.normalize.blocks import Block, Document, Line
from app.normalize.tree import Tree

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
    assert texts(d) == [STORY, "Comments", MORE]  # "9:14 AM", enclosed by chrome, goes with it


def test_a_short_line_goes_only_when_chrome_encloses_it() -> None:
    pattern = ["(?i)^(?:share|print)$"]
    d = doc(STORY, "9:14 AM", "Share", "Print")
    build("drop_edge_lines", patterns=pattern)(d)
    assert texts(d) == [STORY, "9:14 AM"]  # between the story and the chrome: kept
    d = doc(STORY, "Share", "It rained.", "Print")
    build("drop_edge_lines", patterns=pattern)(d)
    assert texts(d) == [STORY, "It rained."]  # a sentence is never enclosed chrome
    d = doc(STORY, "Share", "Podcasts", "9:14 AM", "Print")
    build("drop_edge_lines", patterns=pattern)(d)
    assert texts(d) == [STORY]


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
    build("drop_widgets", **WIDGETS)(Tree(root))
    assert etree.tostring(root, method="text", encoding=str) == STORY + MORE


@pytest.mark.parametrize(
    "wrapper",
    [
        '<div class="post-body share-enabled">',
        '<div class="shadow header">',
        '<div data-component-name="Body">',
    ],
)
def test_the_story_wrapper_or_lookalike_words_are_kept(wrapper: str) -> None:
    root = _tree(f"{wrapper}<p>{STORY}</p><p>{MORE}</p></div>")
    build("drop_widgets", **WIDGETS)(Tree(root))
    assert etree.tostring(root, method="text", encoding=str) == STORY + MORE


def test_a_heading_id_made_from_its_words_is_no_tell() -> None:
    root = _tree(f'<p>{STORY}</p><h2 id="share-prices-fall">Share prices fall</h2><p>{MORE}</p>')
    build("drop_widgets", **WIDGETS)(Tree(root))
    assert etree.tostring(root, method="text", encoding=str) == STORY + "Share prices fall" + MORE


def test_a_widget_in_the_middle_of_the_story_goes_but_its_words_in_a_paragraph_stay() -> None:
    item = run(
        f"<p>{STORY}</p>"
        '<div class="subscription-widget"><p>Subscribe now</p></div>'
        f"<p>Share prices rose.</p><p>{MORE}</p>"
    )
    assert item.body == [STORY, "Share prices rose.", MORE]


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        # a release's end mark and the contact lines under it
        ("<p>-end-</p><p>Karen Fox<br>Headquarters, Washington<br>202-358-1600</p>", [STORY, MORE]),
        ("<p>-30-</p><p>Press office: press@example.org</p>", [STORY, MORE]),
        # an end mark ends the story whatever follows it, when less follows it than stands before
        (f"<p>-end-</p><p>{STORY}</p>", [STORY, MORE]),
        (
            "<p>ENDS</p><p>Notes to editors</p><p>The full report is available on the agency's website.</p>",
            [STORY, MORE],
        ),
        (
            "<p>###</p><p><strong>About Harrow Ridge</strong><br>Harrow Ridge explores for gold in Canada.</p>",
            [STORY, MORE],
        ),
        # a mark before more than stands above it is a break between an essay's parts
        (f"<p>###</p><p>{STORY}</p><p>{MORE}</p><p>{STORY}</p>", [STORY, MORE, "###", STORY, MORE, STORY]),
        # a release's "About <Company>" heading run into its boilerplate, and a contact on the marker's line
        ("<p>About ERCOT The Electric Reliability Council of Texas (ERCOT) manages the grid.</p>", [STORY, MORE]),
        # an acronym's heading over the name it stands for, run in or on a line of its own
        ("<p>About IRENA The International Renewable Energy Agency is a global agency.</p>", [STORY, MORE]),
        (
            "<p><strong>About IRENA</strong><br>The International Renewable Energy Agency is a global agency.</p>",
            [STORY, MORE],
        ),
        (
            "<p><strong>About NATO</strong><br>Members met on Monday to talk.</p>",
            [STORY, MORE, "About NATO Members met on Monday to talk."],
        ),
        ("<p>Media Contact: Dana Lee, 312.555.0142, media@alz.example</p>", [STORY, MORE]),
        ("<p>For Media Inquiries: 214-706-1173</p>", [STORY, MORE]),
        ("<p>Contacts</p><p>Omar Fahad +966 11 000 0000</p>", [STORY, MORE]),
        ("<p><strong>Contact Information:</strong><br>info@riverbend.example</p>", [STORY, MORE]),
        ("<p>För mer information, kontakta: Linnea Berg, IR-chef, +46 70 000 00 00</p>", [STORY, MORE]),
        ("<p>Weitere Informationen und Links</p><p>Lehrstuhl für Analytische Chemie</p>", [STORY, MORE]),
        # "About 40 people …" is story
        (
            "<p>About 40 residents came to the meeting, and about 40 left before the vote.</p>",
            [STORY, MORE, "About 40 residents came to the meeting, and about 40 left before the vote."],
        ),
        # pointers to the rest, appeared-first lines, hashtags and a dash left alone
        ("<p>Lire la suite sur Les abeilles sauvages, sentinelles d’un climat qui change</p>", [STORY, MORE]),
        ("<p>Read the full essay</p>", [STORY, MORE]),
        (
            "<p> - <br> La noticia <a href='https://x.example/n'><em>Croquetas</em></a> fue publicada originalmente en "
            "<a href='https://x.example'>Directo al Paladar</a> por <a href='https://x.example/a'>Marta</a> .</p>",
            [STORY, MORE],
        ),
        # wires' furniture, a writer's follow line, a newsletter's first-published note, a link bar in Japanese
        ("<p>Media files</p><p>Download logo</p>", [STORY, MORE]),
        (
            "<p>Hashtag: #Lumina</p><p>The issuer is solely responsible for the content of this announcement.</p>",
            [STORY, MORE],
        ),
        ("<p>Datos de contacto: Lucía Ferrer</p><p>961 000 000</p><p>Categorías: Nacional</p>", [STORY, MORE]),
        ("<p>For updates, follow me on Bluesky (@righto.com), Mastodon, or RSS.</p>", [STORY, MORE]),
        ("<p>Este texto saiu primeiro na newsletter do Manual. Assine grátis.</p>", [STORY, MORE]),
        ("<p>すべて読む | 鉄道 |</p><p>関連ストーリー： ドローンの飛行が解禁 2022年12月05日</p>", [STORY, MORE]),
        ("<p>Discuss...</p>", [STORY, MORE]),
        # a mailing service's notice, a CMS's embed placeholder, a photo credit in Webedia's form
        (
            "<p>You have received this message because you are subscribed to UTA Service Alerts. Unsubscribe</p>",
            [STORY, MORE],
        ),
        ("<p>[NEWSLETTER FORM]</p>", [STORY, MORE]),
        # a video description's links, a referral block's unfilled tags, a cover's artist, labelled links
        (
            "<p>► Mon Instagram : https://www.instagram.com/x ► Ma chaîne : https://www.youtube.com/@x</p>",
            [STORY, MORE],
        ),
        ("<p>Share Pump Club</p><p>You currently have {{rp_num_referrals}} referrals.</p>", [STORY, MORE]),
        ("<p>Arte da vitrine: Randall Random</p>", [STORY, MORE]),
        ('<p>Full Newsletter: <a href="https://mailchi.mp/z/a">https://mailchi.mp/z/a</a></p>', [STORY, MORE]),
        ("<p>View</p>", [STORY, MORE]),
        ("<p>Commenti</p>", [STORY, MORE]),
        ("<p>Visit nosuchthingasafish.com for news about live shows and more episodes.</p>", [STORY, MORE]),
        ("<p>Recipe: https://www.bingingwithbabish.com/recipes/fondue</p>", [STORY, MORE]),
        (
            "<p>Like Retraction Watch? You can make a tax-deductible contribution to support our work.</p>",
            [STORY, MORE],
        ),
        ("<p>[contains quote post or other embedded content]</p>", [STORY, MORE]),
        ("<p>Imagen | Forschungszentrum Jülich</p>", [STORY, MORE]),
        # a release's contact and source lines, its About section headed apart, copyright and licence lines
        (
            "<p>Contact: Dana Whitcombe, CEO invest@harrow.example</p><p>SOURCE: Harrow Ridge Minerals Corp.</p>",
            [STORY, MORE],
        ),
        (
            "<p><strong>Media contacts</strong><br>Joe English<br>Email: je@unicef.example</p>"
            "<p><strong>About UNICEF</strong><br>UNICEF works in the toughest places. Visit unicef.example.</p>",
            [STORY, MORE],
        ),
        (
            "<p>Text © 2026. AGU. CC BY-NC-ND 3.0</p><p>Except where otherwise noted, images are copyrighted.</p>",
            [STORY, MORE],
        ),
        # "Source: …" in a sentence's case is a citation, and stays
        ("<p>Source: Cell, Volume 190, Issue 1</p>", [STORY, MORE, "Source: Cell, Volume 190, Issue 1"]),
        ("<p>FEEDBACK: Use this form to send a message to the editor of this post.</p>", [STORY, MORE]),
        # a link bar and a label alone
        ('<p><a href="https://x.example/d">Discussion</a> | <a href="https://x.example/l">Link</a></p>', [STORY, MORE]),
        ("<p>Comments · Permalink</p>", [STORY, MORE]),
    ],
)
def test_generic_tail_furniture(tail: str, kept: list[str]) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p>{tail}").body == kept


def test_a_journal_citation_line_at_the_head_goes() -> None:
    citation = (
        'Nature, Published online: 06 December 2024; <a href="https://www.nature.com/articles/d1">doi:10.1038/d1</a>'
    )
    assert run(f"<p>{citation}</p><p>{STORY}</p>").body == [STORY]


def test_a_bracketed_related_link_inside_the_story_goes() -> None:
    related = '<p><i>[<a href="https://www.example.com/other/">Read: The rebels who took Aleppo</a>]</i></p>'
    assert run(f"<p>{STORY}</p>{related}<p>{MORE}</p>").body == [STORY, MORE]
    assert run(f"<p>{STORY}</p><p>[Read: this is a note, not a link]</p>").body[0] == STORY


def test_first_appeared_on_selects_the_wordpress_trailer_rule() -> None:
    item = run(f"<p>{STORY}</p><p>The post A title first appeared on Quanta Magazine.</p>", link="https://x.example/a")
    assert item.body == [STORY]


def link_item(text: str, group: int) -> Block:
    return Block(
        "li", [Line(text, f'<a href="https://x.example/">{text}</a>', ("https://x.example/",), len(text))], group
    )


def test_short_lists_of_links_alone_are_related_boxes() -> None:
    d = doc(STORY)
    d.blocks += [link_item("Aftermath of the earthquake – a visual guide", 1)]
    d.blocks += doc(MORE).blocks
    d.blocks += [link_item(f"Link {n}", 2) for n in range(4)]  # longer than max_items: kept
    d.blocks += [Block("li", [Line("A plain point", "A plain point")], 3)]
    build("drop_link_lists", max_items=3)(d)
    assert texts(d) == [STORY, MORE, "Link 0", "Link 1", "Link 2", "Link 3", "A plain point"]


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        (
            "<p>Article URL: https://a.example/x</p><p>Comments URL: https://news.ycombinator.com/item?id=1</p>"
            "<p>Points: 212</p><p># Comments: 97</p>",
            [],
        ),
        (f"<p>{STORY}</p><p>Points: 12</p><p># Comments: 3</p>", [STORY]),
    ],
)
def test_hacker_news_counters(content: str, kept: list[str]) -> None:
    assert run(content, feed_url="https://hnrss.org/frontpage").body == kept


@pytest.mark.parametrize(
    "trailer",
    [
        "This story was originally featured on Fortune.com",
        "Get more Colorado news by signing up for our daily Your Morning Dozen email newsletter.",
        "Support the show on Patreon: https://www.patreon.com/pixelarchaeology",
        "Follow us on Bluesky: @pixelarchaeology.com",
        "Podcast powered by Blubrry PowerPress.",
        "Radiolab is supported by listeners like you. Support Radiolab by becoming a member of The Lab today.",
        "Follow our show on Instagram, and share your thoughts with us by emailing radiolab@wnyc.org.",
        "The photography is by Yuna Mori.",
        "Posted on December 2, 2026 at 7:04 AM • 14 Comments",
        "Add 9to5Mac to your Google News feed.",
        "FTC: We use income earning auto affiliate links. More.",
        "Tag: Health",
        "Related Roundup: Apple Watch Series 12",
        'This article, "Watch Alerts Expand" first appeared on MacRumors.com',
        "Discuss this article in our forums",
        "Presented by: Report URI: Guarding you from rogue JavaScript!",
        "Sent from IFTTT",
        "(Photo by Maia Lund.)",
        "김민수 기자 kimms@donga.com",
        "Hébergé par Ausha. Visitez ausha.co/politique-de-confidentialite pour plus d'informations.",
        "Listen to Business Wars on the Wondery App or wherever you get your podcasts. Go ad-free with Wondery+.",
        "Support Soft Launch by donating to the tip jar: https://tips.pinecast.example/jar/soft-launch",
        "Find out more at https://soft-launch.pinecast.example",
        "If you're reading this on the web, you can subscribe here. Updates are once a week.",
        "Posted: 12 September 2026",
        "Our website is the place for the latest breaking news. "
        "Please bookmark nationalpost.com and sign up for our newsletters here.",
    ],
)
def test_syndication_newsletter_and_show_trailers(trailer: str) -> None:
    assert run(f"<p>{STORY}</p><p>{trailer}</p>").body == [STORY]


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("<p>No content.</p>", []),
        ("(No description)", []),
        ("{{EntryContent}}", []),
        (f"<p>{{{{EntryContent}}}}</p><p>{STORY}</p>", [STORY]),
        (f"<p>{STORY}</p><p>No content here, the minister said, only promises.</p>", None),
        (f"<<<{STORY}>>>", [STORY]),
        (f"<p>&lt;&lt;&lt;{STORY}</p><p>{MORE}&gt;&gt;&gt;</p>", [STORY, MORE]),
        ("<p><<<</p><p>>>></p>" + f"<p>{STORY}</p>", [STORY]),
    ],
)
def test_placeholders_and_escape_markers(content: str, kept: list[str] | None) -> None:
    item = run(content)
    if kept is None:
        assert item.body == [STORY, "No content here, the minister said, only promises."]
    else:
        assert item.body == kept
        assert "&lt;&lt;&lt;" not in (item.body_html or "")


@pytest.mark.parametrize(
    "tail",
    [
        '<p><a href="https://www.facebook.com/sharer/sharer.php?u=x">f</a> <a href="https://twitter.com/intent/tweet?url=x">t</a></p>',
        '<p><a href="https://blog.example.com/2025/06/post/#comments">Join the discussion</a></p>',
        '<p><a href="https://example.substack.com/subscribe">Get the newsletter</a></p>',
    ],
)
def test_link_lines_at_the_edges_told_by_their_targets(tail: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p>{tail}").body == [STORY, MORE]
    assert len(run(f"<p>{STORY}</p>{tail}<p>{MORE}</p>").body) == 3  # mid-story: left alone


def test_a_story_link_at_the_edge_stays() -> None:
    link = '<p><a href="https://www.example.com/2025/06/other-story">The report in full</a></p>'
    assert run(f"<p>{STORY}</p>{link}").body == [STORY, "The report in full"]


@pytest.mark.parametrize(
    ("content", "body", "body_html"),
    [
        (
            f'<p>{STORY} Learn more about your ad choices. Visit <a href="https://podcastchoices.com/adchoices">'
            "podcastchoices.com/adchoices</a></p>",
            [STORY],
            f"<p>{STORY}</p>",
        ),
        (
            f"{STORY}\nHost: Jane Doe\nLearn more about your ad choices. Visit megaphone.fm/adchoices",
            [STORY, "Host: Jane Doe"],
            None,
        ),
        (  # a show's own wording of it, run on after the notes' last sentence
            f"<p>{STORY} Learn more about the sponsors of this episode and our ad choices: megaphone.fm/adchoices</p>",
            [STORY],
            f"<p>{STORY}</p>",
        ),
        (
            f"<p><em>{STORY}</em> Hosted on Acast. See <a href='https://acast.com/privacy'>acast.com/privacy</a> "
            "for more information.</p>",
            [STORY],
            f"<p><em>{STORY}</em></p>",
        ),
    ],
)
def test_a_podcast_host_line_at_the_end_of_the_last_paragraph(
    content: str, body: list[str], body_html: str | None
) -> None:
    item = run(content, feed_url="https://feeds.megaphone.fm/ABC123")
    assert item.body == body
    if body_html is not None:
        assert item.body_html == body_html


def test_shouted_link_to_another_story_of_the_site_is_dropped_mid_story() -> None:
    story = "https://www.example-news.com/us/strikes-in-syria"
    other = "https://www.example-news.com/world/rebels-enter-capital"
    promo = f'<p><a href="{other}"><strong>REBELS ENTER THE CAPITAL</strong></a></p>'
    item = run(f"<p>First paragraph of the story.</p>{promo}<p>Second paragraph of the story.</p>", link=story)
    assert item.body == ["First paragraph of the story.", "Second paragraph of the story."]


@pytest.mark.parametrize(
    "paragraph",
    [
        # a link elsewhere: a source the story cites
        '<p><a href="https://www.state.gov/statement"><strong>STATEMENT OF THE STATE DEPARTMENT</strong></a></p>',
        # a linked sentence in ordinary case
        '<p><a href="https://www.example-news.com/world/rebels">Rebels entered the capital on Sunday</a></p>',
        # capitals, but not all of the line is the link
        '<p>WATCH AS <a href="https://www.example-news.com/video/1">REBELS ENTER THE CAPITAL</a> ON SUNDAY</p>',
    ],
)
def test_other_linked_paragraphs_stay(paragraph: str) -> None:
    item = run(f"<p>First paragraph.</p>{paragraph}<p>Last paragraph.</p>", link="https://www.example-news.com/us/a")
    assert len(item.body) == 3, item.body


def test_a_related_story_label_and_its_link_under_the_story() -> None:
    link = '<a href="https://www.example.com/2026/x">Kuma builds a pavilion</a>'
    related = f"<p><strong>Related story</strong></p><p>{link}</p>"
    assert run(f"<p>{STORY}</p>{related}").body == [STORY]


def test_a_pictures_caption_set_as_a_paragraph_is_not_story() -> None:
    caption = '<p class="caption">Servers.</p>'
    picture = f'<div class="article-image"><img src="https://cdn.example.com/a.jpg">{caption}</div>'
    assert run(f"<p>{STORY}</p>{picture}<p>{MORE}</p>").body == [STORY, MORE]


def test_text_with_inline_markup_only_keeps_its_blank_line_paragraphs() -> None:
    content = f'<img src="https://cdn.example.com/a.jpg" width="770" height="431" />\n{STORY}\n\n{MORE}'
    item = run(content)
    assert (item.body, item.image_url) == ([STORY, MORE], "https://cdn.example.com/a.jpg")
    # with paragraphs in markup, blank lines are only spacing
    assert run(f"<p>{STORY}\n\n{MORE}</p>").body == [f"{STORY} {MORE}"]


def test_markup_paragraphs_inside_a_text_post_are_read_as_html() -> None:
    content = (
        '<p><img src="https://cdn.example.com/hero.jpg"></p>\n'
        f"<p>{STORY}</p>\n<p>Related content:</p>\n"
        '<p><a href="https://www.example.com/2024/03/older.html">An older post</a></p>\n\n'
    )
    item = normalize(RawItem(title="T", content=content, content_kind="text"), now=NOW, settings=SETTINGS)
    assert (item.body, item.image_url) == ([STORY], "https://cdn.example.com/hero.jpg")


def test_a_text_posts_markup_lines_of_several_blocks_and_figures() -> None:
    figure = (
        '<figure><img src="https://images.example.com/capex.png?format=1000w" alt="" />'
        "<figcaption><p>Source: company filings</p></figcaption></figure>"
    )
    content = (
        f"{figure}\n<h4>Standfirst of the post</h4> <p>{STORY}</p>\n\nfrom Example https://www.example.com/x\nvia IFTTT"
    )
    item = normalize(RawItem(title="T", content=content, content_kind="text"), now=NOW, settings=SETTINGS)
    assert item.body == ["Standfirst of the post", STORY]
    assert item.image_url == "https://images.example.com/capex.png?format=1000w"


@pytest.mark.parametrize(
    ("figure", "kept"),
    [
        # an italic line in the picture's own paragraph is its caption
        ('<p><img src="https://cdn.example.com/a.png"><br><i>A robot arm folding a towel.</i></p>', [STORY, MORE]),
        # a caption's pointer to the picture's larger size
        (
            '<p><img src="https://cdn.example.com/a.png"></p><p>The die. Click this image for a larger version.</p>',
            [STORY, MORE],
        ),
        # a numbered figure's caption under it
        (
            '<figure><img src="https://cdn.example.com/a.png"></figure><div>Figure 1. A request, its question.</div>',
            [STORY, MORE],
        ),
        # a short italic paragraph of its own under a picture set outside a figure is its caption (Shopify's,
        # Typepad's, Blogger's editors) ...
        (
            '<p><img src="https://cdn.example.com/a.png"></p><p><em>Skaters on Grenadier Pond, 1912.</em></p>',
            [STORY, MORE],
        ),
        # ... but under a figure (whose caption is its figcaption) it is story (a series' standfirst), and so is
        # a greeting or a lead-in under a picture
        (
            '<figure><img src="https://cdn.example.com/a.png"></figure><p><em>The Pulse is a weekly series.</em></p>',
            [STORY, "The Pulse is a weekly series.", MORE],
        ),
        (
            '<p><img src="https://cdn.example.com/a.png"></p><p><em>Dear Readers,</em></p>',
            [STORY, "Dear Readers,", MORE],
        ),
    ],
)
def test_captions_told_by_their_place_under_a_picture(figure: str, kept: list[str]) -> None:
    assert run(f"<p>{STORY}</p>{figure}<p>{MORE}</p>").body == kept


def test_a_parenthesized_photo_credit_under_a_picture() -> None:
    picture = '<p><img src="https://cdn.example.com/house.jpg" width="1200" height="1500"></p>'
    assert run(f"<p>{STORY}</p>{picture}<p>(Photo by Maia Lund.)</p><p>{MORE}</p>").body == [STORY, MORE]


@pytest.mark.parametrize(
    "closing",
    [
        "<p>For further information, contact: Investor Relations NVIDIA Corporation ir@nvidia.example</p>",
        "<p>For more information please contact (email address: first.last@wfp.example): Amina Yusuf, Mob. +249 91</p>",
        "<p>ENDS</p>",
        "<p>ENDS</p><p>Media line: +1 202 555 0100</p>",
        "<p>All trademarks used or mentioned in this release are protected by law.</p>"
        "<p>Roche Global Media Relations</p><p>Phone: +41 61 688 8888 / e-mail: media.relations@roche.example</p>",
        "<p>Contact Details</p><p>Harbor Lane Foods</p><p>+1 303-555-0142</p>"
        "<p>View source version on newsdirect.com: https://newsdirect.example/news/1</p>",
        "<p>News Source: Tidewater Regional Library</p>",
        "<p>For more information, press only: Markus Winkler, +49 6227 7-12345</p>",
        "<p>For media enquiries, please contact: Communications Directorate, communication@cdc.example</p>",
        "<p>How to cite this post: Ellen Marsh, “Just Released,” Liberty Street Economics, April 7, 2025.</p>",
    ],
)
def test_a_releases_end_mark_and_closing_contact(closing: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p>{closing}").body == [STORY, MORE]


def test_an_informative_link_line_closing_the_story_stays() -> None:
    for line in ("Release notes: https://pleroma.example/announcements/2.9.1/", "To apply: https://jobs.example/1"):
        assert run(f"<p>{STORY}</p><p>{line}</p>").body == [STORY, line]


def test_a_pointer_for_more_information_is_story_a_promo_for_more_news_is_not() -> None:
    pointer = "For more information, visit the agency’s Clean School Bus Program webpage."
    assert run(f"<p>{STORY}</p><p>{pointer}</p>").body == [STORY, pointer]
    assert run(f"<p>{STORY}</p><p>For more news, visit TPSnews.ca.</p>").body == [STORY]


def test_a_newsrooms_kind_and_date_stamp_over_the_story() -> None:
    content = f"<p><span>PRESS RELEASE</span><span>December 2, 2026</span></p><p>{STORY}</p><p>{MORE}</p>"
    assert run(content).body == [STORY, MORE]
    said = "Update on December 2, 2026 brought new rules for the harbour and the bridge."
    assert run(f"<p>{said}</p><p>{STORY}</p>").body == [said, STORY]


@pytest.mark.parametrize(("label", "bullets"), [("Takeaways", True), ("What to know", True), ("Highlights", False)])
def test_a_list_under_a_key_points_heading_is_the_summary(label: str, bullets: bool) -> None:
    content = f"<h2>{label}</h2><ul><li>First point of the story.</li><li>Second point.</li></ul><p>{STORY}</p>"
    item = run(content)
    if bullets:
        assert (item.bullets, item.body) == (["First point of the story.", "Second point."], [STORY])
    else:
        assert item.bullets == []
        assert item.body[0] == label


def test_a_key_points_label_with_a_date_in_a_paragraph() -> None:
    label = "<p><strong>Key developments on Dec. 6:</strong></p>"
    content = f"{label}<ul><li>Power is back.</li><li>Drones downed.</li></ul><p>{STORY}</p>"
    assert (run(content).bullets, run(content).body) == (["Power is back.", "Drones downed."], [STORY])


@pytest.mark.parametrize(
    "lead",
    [
        "<p>Lena Ortiz / Semafor: The Post cuts 60 newsroom jobs — The Post told staff it would cut jobs …</p>",
        "<p><a href='https://x.example/a'>Lena Ortiz / Semafor</a>:<br><b>The Post cuts 60 newsroom jobs</b>"
        " &mdash; The Post told staff it would cut jobs …</p>",
        "<p>The Post cuts 60 newsroom jobs — The Post told staff it would cut jobs …</p>",
    ],
)
def test_an_aggregators_attribution_and_headline_before_the_excerpt(lead: str) -> None:
    raw = RawItem(title="The Post cuts 60 newsroom jobs (Lena Ortiz/Semafor)", content=lead)
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert item.body == ["The Post told staff it would cut jobs …"]


def test_a_headline_quoted_in_a_sentence_is_story() -> None:
    said = "Critics said: The Post cuts 60 newsroom jobs — and nobody noticed the memo."
    raw = RawItem(title="The Post cuts 60 newsroom jobs", content=f"<p>{said}</p>")
    assert normalize(raw, now=NOW, settings=SETTINGS).body == [said]


@pytest.mark.parametrize(
    "head",
    [
        "<p>Distributed by APO Group on behalf of East African Seed Alliance.</p>",
        "<p>marisol shared this story from Hakai Magazine.</p>",
    ],
)
def test_a_distributors_or_sharers_line_over_the_story(head: str) -> None:
    assert run(f"{head}<p>{STORY}</p><p>{MORE}</p>").body == [STORY, MORE]


def test_a_quotes_paragraphs_inside_its_wrapper_stay_apart() -> None:
    quote = "<blockquote><div><p>The code was recovered.</p><p>Most sectors were readable.</p></div></blockquote>"
    assert run(f"<p>{STORY}</p>{quote}").body == [STORY, "The code was recovered.", "Most sectors were readable."]


def test_a_wires_head_lines_over_the_release() -> None:
    head = (
        "<p>EQS-News: Nordwerk Energie AG / Key word(s): Quarterly / Forecast</p>"
        "<p>Press release issued by the Registrar of the Court</p>"
    )
    assert run(f"{head}<p>{STORY}</p><p>{MORE}</p>").body == [STORY, MORE]


def test_a_quoted_page_keeps_its_headings_and_lists() -> None:
    quote = (
        "<blockquote><p><strong>About</strong></p><p>Lead a crew across a drowned archipelago.</p>"
        "<p><strong>Key Features</strong></p><ul><li>Tide-turning battles.</li><li>A raft town.</li></ul></blockquote>"
    )
    body = run(f"<p>{STORY}</p>{quote}").body
    assert body == [
        STORY,
        "About",
        "Lead a crew across a drowned archipelago.",
        "Key Features",
        "Tide-turning battles.",
        "A raft town.",
    ]


def test_a_forums_code_label_and_a_posts_own_hashtags() -> None:
    code = "<p>Command line:</p><p>Code: Select all</p><pre><code>x265 --crf 18</code></pre>"
    assert run(f"<p>{STORY}</p>{code}").body == [STORY, "Command line:", "x265 --crf 18"]
    # a post's hashtags are its own words (the owner's hashtags after an IFTTT text post go at the payload)
    assert run(f"<p>{STORY}</p><p>#selfhosting #homelab</p>").body == [STORY, "#selfhosting #homelab"]


def test_previously_and_the_links_under_it() -> None:
    links = (
        '<p><a href="https://boingboing.example/a">A working PDP-1</a></p>'
        '<p><a href="https://boingboing.example/b">A quilt</a></p>'
    )
    assert run(f"<p>{STORY}</p><p>Previously:</p>{links}").body == [STORY]


def test_a_text_posts_markup_line_opening_with_its_picture() -> None:
    picture = '<img src="https://cdn.example.com/titan.jpg" alt="">'
    content = f"{picture}<p>{STORY}</p><p>{MORE}</p>\n\nfrom Example https://ift.tt/6T\nvia IFTTT"
    item = normalize(RawItem(title="T", content=content, content_kind="text"), now=NOW, settings=SETTINGS)
    assert (item.body, item.image_url) == ([STORY, MORE], "https://cdn.example.com/titan.jpg")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Read: Orbital by Samantha Harvey, a slim Booker-winning novel about six astronauts circling the Earth.",
        "The bank urged customers to report the page, which asked them to enter your email below to receive a refund.",
        "About NASA The National Aeronautics and Space Administration has delayed the Artemis III mission to 2028.",
        "Contact information for all six centers is available on the county's website.",
        "From August, readers will need to subscribe to the Herald for full access to its archive.",
        "本文为作者原创研究成果的一部分，数据来自国家统计局。",
        "Picture: Dolby Vision, HDR10+ and HLG supported.",
        "Thanks to the supporters who raised $1.2 million, the shelter opened debt-free, its director said.",
        "Thanks to our members, the co-op has kept prices flat for two years, the board said in a statement.",
    ],
)
def test_story_sentences_like_chrome_lines_stay(paragraph: str) -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>{paragraph}</p>").body == [STORY, MORE, paragraph]


@pytest.mark.parametrize(
    "contact",
    [
        "For further information, please contact: Tuomas Laakso, Director, Valmet, tel. +358 10 672 0000",
        "För ytterligare information, vänligen kontakta: Johanna Berg, marknadschef, Essity, +46 8 555 000 00",
        "For more information, contact: Sara Lind, Press Office, press@valmet.example",
        "Lisätietoja antaa rikoskomisario Eino Laaksonen, puh. 0295 456 789.",
        "Media contact: Amani Diallo, Communication Department, email: media@afdb.example",
        # a name alone on its line under the label, the number on the next
        "Contact person for press inquiries:<br />Jana Hofer<br />Phone: +49 711 811-00000",
    ],
)
def test_a_press_contact_line_goes_wherever_it_stands(contact: str) -> None:
    about = "About Valmet"
    assert run(f"<p>{STORY}</p><p>{contact}</p><p>{about}</p><p>{MORE}</p>").body == [STORY, about, MORE]


@pytest.mark.parametrize(
    "said",
    [
        "For more information, contact the city's housing office: it opens at 9 on Monday.",
        "For more information, contact the city's housing office: 555-0100 or housing@miami.example.",
        "For more information, call the county hotline: 311 or +1 305 555 0100.",
        "Further information on the evacuation: residents can call the helpline on +61 2 9876 5432.",
        "Contact tracing resumed in three counties: anyone with symptoms should call +44 20 7946 0000.",
        "More information: the airline said passengers could rebook, by phone on +44 800 123 456.",
        "Lisätietoja: Poliisi pyytää havaintoja numeroon +358 295 000 000.",
        "Media inquiries: Call the council on +44 20 7946 0000 before noon.",
    ],
)
def test_a_sentence_giving_readers_a_number_is_story(said: str) -> None:
    assert run(f"<p>{STORY}</p><p>{said}</p><p>{MORE}</p>").body == [STORY, said, MORE]


@pytest.mark.parametrize(
    "line",
    [
        "Czytaj więcej: https://pomorska.example/bydgoszcz-nowe-linie/ar/c1-30512874",
        "Weiterlesen → https://n.example/a",
        "Veja mais: Palmeiras divulga datas de reapresentação",
    ],
)
def test_a_pointer_in_any_language_with_its_address_or_title_goes(line: str) -> None:
    assert run(f"<p>{STORY}</p><p>{line}</p><p>{MORE}</p>").body == [STORY, MORE]


def test_a_content_that_is_one_address_is_no_body() -> None:
    assert run("https://www.publico.example/2026/06/10/local/noticia/metro-porto-2135588").body == []
    assert run("<p>https://www.publico.example/a</p>").body == []
    said = "Read https://www.publico.example/a for the timetable."
    assert run(f"<p>{said}</p>").body == [said]
    assert run(f"<p>{STORY}</p><p>https://x.example/a</p>").body == [STORY, "https://x.example/a"]
    assert run("https://i.redd.example/abc123.jpg").body == ["https://i.redd.example/abc123.jpg"]  # an image post's


def test_a_german_sites_pointer_to_more_reports_goes() -> None:
    assert run(f"<p>{STORY}</p><p>{MORE}</p><p>Weitere Meldungen zu PS Plus.</p>").body == [STORY, MORE]


@pytest.mark.parametrize(
    "said",
    [
        "Weitere Nachrichten über die Entführung gab es zunächst nicht.",
        "Weitere Infos zur Anmeldung gibt es im Rathaus.",
    ],
)
def test_a_sentence_about_more_news_is_story(said: str) -> None:
    assert run(f"<p>{STORY}</p><p>{said}</p>").body == [STORY, said]
