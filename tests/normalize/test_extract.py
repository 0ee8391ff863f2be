"""Extraction behaviour: content kinds, paragraphs, bullets, headline, credits, body_html safety."""

from __future__ import annotations

import contextlib
import re

import pytest

from app.errors import NormalizeError
from app.normalize import NormalizedItem, RawItem, normalize
from app.normalize.extract import looks_like_html, parse_text

from .support import NOW, SETTINGS


def run(content: str, *, title: str | None = "Title", kind: str = "auto", **fields: str) -> NormalizedItem:
    raw = RawItem.model_validate({"title": title, "content": content, "content_kind": kind, **fields})
    return normalize(raw, now=NOW, settings=SETTINGS)


@pytest.mark.parametrize(
    ("content", "is_html"),
    [
        ("<p>x</p>", True),
        ("a<br>b", True),
        ('see <a href="u">x</a>', True),
        ("<UL><LI>x</LI></UL>", True),
        ("x<img src=y>", True),
        ("<div class='c'>x</div>", True),
        ("a < b > c", False),
        ("plain text\n- bullet", False),
        ("AT&amp;T", False),
        ("e-mail <me@example.com>", False),
    ],
)
def test_auto_kind(content: str, is_html: bool) -> None:
    assert looks_like_html(content) is is_html


def test_br_pairs_split_paragraphs_single_br_is_a_soft_break() -> None:
    item = run("<p>One<br>still one<br><br>Two</p><div>Three<br><br>Four</div>")
    assert item.body == ["One still one", "Two", "Three", "Four"]


def test_loose_lines_without_double_breaks_are_paragraphs() -> None:
    assert run("<div>One.<br>Two.<br>Three.</div>").body == ["One.", "Two.", "Three."]


def test_headings_and_quotes_are_their_own_paragraphs() -> None:
    item = run("<p>Intro.</p><h2>Section</h2><blockquote><p>Quoted</p><p>twice.</p></blockquote><p>End.</p>")
    assert item.body == ["Intro.", "Section", "Quoted twice.", "End."]
    assert "<h2>Section</h2>" in (item.body_html or "")
    assert "<blockquote>" in (item.body_html or "")


def test_a_quoted_letters_salutation_text_and_sign_off_are_its_paragraphs() -> None:
    quote = "<blockquote><p>My dear Catriona,</p><p>No, I am not lonely.</p><p>Your loving Dad</p></blockquote>"
    assert run(f"<p>He wrote back.</p>{quote}").body == [
        "He wrote back.",
        "My dear Catriona,",
        "No, I am not lonely.",
        "Your loving Dad",
    ]


def test_inline_markup_is_flattened_and_links_kept_as_text() -> None:
    item = run('<p>A <a href="https://x.com/a?utm_source=q">linked <em>word</em></a> and <span>more</span>.</p>')
    assert item.body == ["A linked word and more."]
    assert '<a href="https://x.com/a" rel="noopener noreferrer nofollow">linked <em>word</em></a>' in (
        item.body_html or ""
    )


def test_first_list_before_text_is_bullets_later_lists_are_paragraphs() -> None:
    item = run("<ul><li>K1</li><li>K2</li></ul><p>Body.</p><ol><li>Step one</li><li>Step two</li></ol>")
    assert item.bullets == ["K1", "K2"]
    assert item.body == ["Body.", "1. Step one", "2. Step two"]  # an ordered item keeps its number


def test_list_after_text_is_not_bullets() -> None:
    item = run("<p>Body first.</p><ul><li>Later item</li></ul>")
    assert item.bullets == []
    assert item.body == ["Body first.", "Later item"]


def test_summary_list_wins_wherever_it_is() -> None:
    item = run('<ul><li>Other</li></ul><p>Text.</p><ul class="summary-list"><li>Key</li></ul>')
    assert item.bullets == ["Key"]
    assert item.body == ["Other", "Text."]


def test_fake_bullets_in_html_and_text() -> None:
    assert run("<p>• One</p><p>• Two</p><p>Body.</p>").bullets == ["One", "Two"]
    text = run("Headline here\n* One\n– Two\n- Three\nBody.", title=None, kind="text")
    assert (text.headline, text.bullets, text.body) == ("Headline here", ["One", "Two", "Three"], ["Body."])


def test_text_blocks_blank_lines_and_soft_wraps() -> None:
    item = run("First para\nstill first.\n\nSecond.", kind="text")
    assert item.body == ["First para still first.", "Second."]


def test_headline_from_content_is_not_repeated() -> None:
    item = run("<p>The real headline</p><p>Body.</p>", title="  ")
    assert (item.headline, item.body) == ("The real headline", ["Body."])
    assert "headline_from_content" in item.flags


def test_the_headline_run_on_with_its_byline_and_date_is_not_body() -> None:
    # Drupal's teaser prints the title, the username and the date fields over the body, in one line.
    spans = "<span>Daily Inspiration #2881</span> <span>abduzeedo</span> <span>Apr 13, 2025</span>"
    content = f"<div>{spans}</div><p>Body.</p>"
    assert run(content, title="Daily Inspiration #2881").body == ["Body."]
    # A sentence that opens with the headline's words is story, and so is a short headline's run-on line.
    story = "<p>Budget talks resume in March 2025 after a pause.</p>"
    assert run(story, title="Budget talks resume").body == ["Budget talks resume in March 2025 after a pause."]
    assert run("<p>Fog horn 2025 edition</p>", title="Fog horn").body == ["Fog horn 2025 edition"]


def test_a_box_whose_class_declares_a_heading_is_a_heading() -> None:
    # Steam's BBCode renderer writes [h1] as <div class="bb_h1">: the list under it is that section's text.
    content = '<div class="bb_h1">Fixes</div><ul><li>Door fixed.</li><li>Fog horn fixed.</li></ul><br>Thanks!'
    item = run(content)
    assert (item.bullets, item.body) == ([], ["Fixes", "Door fixed.", "Fog horn fixed.", "Thanks!"])
    assert item.blocks[0] == {"type": "heading", "level": 1, "text": "Fixes"}
    # A class that only contains the letters ("branch", "shadow-high") declares nothing.
    assert run('<div class="shadow-high">Fixes</div><p>Door fixed.</p>').blocks[0]["type"] == "paragraph"


def test_untitled_post_keeps_its_text_in_the_body() -> None:
    # A toot or micro-blog note has no title: it has no headline, and its text is the body (an editor would not
    # print its first sentence twice).
    note = "Spent the morning bisecting a memory leak that turned out to be a log line. Always the log line."
    item = run(f"<p>{note}</p><p>#debugging #python</p>", title=None)
    assert (item.headline, item.body) == (None, [note, "#debugging #python"])
    snow = "First snow on the lake this morning"
    alone = run(f"<p>{snow}</p>", title=None)
    assert (alone.headline, alone.body) == (None, [snow])
    linked = run("<p>New release is out: https://codeberg.org/ines/feedlint</p><p>Thanks!</p>", title=None)
    assert linked.body[0] == "New release is out: https://codeberg.org/ines/feedlint"


def test_untitled_item_with_a_title_line_moves_it_to_the_headline() -> None:
    item = run("<h2>Library extends weekend hours</h2><p>The library stays open until midnight.</p>", title=None)
    assert (item.headline, item.body) == ("Library extends weekend hours", ["The library stays open until midnight."])


def test_title_repeated_at_the_top_of_content_is_dropped() -> None:
    item = run("<h1>Same Title</h1><p>Body.</p>", title="Same title")
    assert item.body == ["Body."]


def test_an_untitled_long_first_paragraph_is_text_not_a_headline() -> None:
    long = "word " * 100
    item = run(f"<p>{long}</p>", title=None)
    assert item.headline is None
    assert item.body == [long.strip()]


@pytest.mark.parametrize(
    "credit",
    [
        "Getty Images",
        "Reuters/Jonathan Ernst",
        "AP Photo/Evan Vucci",
        "Photo by Jane Doe for The Daily",
        "Photo: Jane Doe",
        "Courtesy of the company",
        "Courtesy NASA/JPL-Caltech",
        "Credit Jane Doe for The New York Times",
        "President Biden at the White House in 2021. Chip Somodevilla/Getty Images",
        "A trader on the floor.Spencer Platt/Getty Images",
        "Samantha Lee/Insider",
        "Jon Putman/Anadolu via Getty Images",
        "Shutterstock",
    ],
)
def test_credit_lines_before_the_bullets_are_not_body(credit: str) -> None:
    item = run(f"<p>{credit}</p><ul><li>Key point.</li></ul><p>Body.</p>")
    assert (item.bullets, item.body) == (["Key point."], ["Body."])
    text_item = run(f"{credit}\n- Key point.\nBody.", kind="text")
    assert (text_item.bullets, text_item.body) == (["Key point."], ["Body."])


@pytest.mark.parametrize(
    "lead",
    [
        "The company told Business Insider it would appeal.",
        "Shares fell 5% after the report from Reuters.",
        "The index closed at 3,875/3,900 resistance.",
    ],
)
def test_real_lead_paragraphs_are_kept(lead: str) -> None:
    assert run(f"<p>{lead}</p><p>More.</p>").body == [lead, "More."]


def test_figcaption_is_not_body() -> None:
    item = run('<figure><img src="https://i.example.com/a.jpg"><figcaption>A caption</figcaption></figure><p>Body.</p>')
    assert item.body == ["Body."]
    assert item.image_url == "https://i.example.com/a.jpg"


def test_no_headline_is_a_normalize_error() -> None:
    with pytest.raises(NormalizeError) as caught:
        run("<script>x</script>", title="<b></b>")
    assert caught.value.missing == ("headline", "body")


@pytest.mark.parametrize(
    "content",
    [
        "",
        "<",
        "<<<<>>>>",
        "<?xml version='1.0' encoding='latin-1'?><p>x</p>",
        "<html><head><title>t</title></head><body><p>x</p></body></html>",
        "</p></div></body></html>",
        "<![CDATA[x]]>",
        "\x00\x01\x02",
        "<p>" * 5000,
        "<div>" * 300 + "deep" + "</div>" * 300,
        "<a href='" + "x" * 100_000 + "'>long</a>",
        "&#0;&#xD800;&#x110000;&#99999999999;",
    ],
)
def test_odd_content_never_raises_anything_else(content: str) -> None:
    with contextlib.suppress(NormalizeError):
        run(content)


_TAG = re.compile(r"<[A-Za-z/!]")


def test_body_html_allowlist() -> None:
    hostile = (
        '<p onclick="x()">Hi <a href="javascript:alert(1)">j</a> <a href="data:text/html,x">d</a>'
        '<img src="https://i.example.com/a.jpg" srcset="https://evil/x 2x" onerror="alert(1)">'
        "<svg><script>alert(2)</script></svg><iframe src='https://evil'></iframe><style>p{}</style></p>"
    )
    html = run(hostile).body_html or ""
    for bad in ("javascript:", "data:", "onerror", "onclick", "srcset", "<svg", "<script", "<iframe", "<style"):
        assert bad not in html
    assert '<img src="https://i.example.com/a.jpg"' in html


def test_body_html_keeps_no_attribute_beyond_the_allowlist() -> None:
    # (nh3 lets "title" and "lang" through on any tag unless told otherwise)
    html = run('<p lang="en">Hi <a title="City council" href="https://n.example/a">there</a> now.</p>').body_html or ""
    assert "title=" not in html
    assert "lang=" not in html
    assert 'href="https://n.example/a"' in html


def test_author_is_capped_and_cleaned() -> None:
    assert run("<p>x</p>", author="<b>By Jane</b> Doe").author == "Jane Doe"
    assert len(run("<p>x</p>", author="a" * 500).author or "") <= 200
    assert run("<p>x</p>", author="   ").author is None


def test_a_site_relayed_by_a_submitter_has_no_author() -> None:
    # Lobsters: "<domain> via <user>" when the submitter is not the author
    relayed = "engineering.kestrel.example via caius"
    assert run("<p>The story starts here, as stories do.</p>", author=relayed).author is None


def test_source_fallbacks() -> None:
    assert run("<p>x</p>", link="https://www.theverge.com/a").source == "The Verge"
    assert run("<p>x</p>", link="https://news.bbc.co.uk/a").source == "BBC News"
    assert run("<p>x</p>", link="https://www.theledgerline.com/p/a").source == "The Ledger Line"
    assert run("<p>x</p>", link="https://www.kottke.org/p/a").source == "kottke.org"
    assert run("<p>x</p>", link="https://ift.tt/x").source is None
    assert run("<p>x</p>", link="https://www.theverge.com/a", feed_title="The Verge").source == "The Verge"
    assert run("<p>x</p>", feed_url="https://feeds.businessinsider.com/custom/all").source == "Business Insider"


@pytest.mark.parametrize(
    "sign_off",
    [
        "(IFTTT)",
        "— sent by my IFTTT applet",
        "Posted automatically via IFTTT.",
        "— forwarded by my IFTTT applet",
        "(ارسال خودکار با IFTTT)",  # in brackets, in any language
        "(Enviado automáticamente con IFTTT)",
    ],
)
def test_the_owners_ifttt_sign_off_is_no_body(sign_off: str) -> None:
    assert run(f"Story.\n\n{sign_off}", kind="text").body == ["Story."]
    assert run("Story about IFTTT applets.", kind="text").body == ["Story about IFTTT applets."]


def test_footer_url_becomes_the_link_when_none_was_given() -> None:
    item = run("Story.\nfrom Example Site https://www.example.com/story?utm_source=ifttt\nvia IFTTT", kind="text")
    assert item.source == "Example Site"
    assert item.source_link == "https://www.example.com/story?utm_source=ifttt"
    assert item.url == "https://www.example.com/story"
    assert item.body == ["Story."]


@pytest.mark.parametrize(
    "content",
    [
        "Story.\nfrom Tech, News & More https://ift.tt/abc via IFTTT",
        '<p>Story.</p><p>from Tech, News &amp; More <a href="https://ift.tt/abc">https://ift.tt/abc</a> via IFTTT</p>',
        '<div>Story.<br><br>from <a href="https://ift.tt/abc">Tech, News &amp; More</a><br>via IFTTT</div>',
    ],
)
def test_footer_variants(content: str) -> None:
    item = run(content)
    assert (item.body, item.source, item.source_link) == (["Story."], "Tech, News & More", "https://ift.tt/abc")


def test_orig_link_is_preferred() -> None:
    item = run(
        "<p>x</p>", link="http://feedproxy.google.com/~r/F/~3/a/b", orig_link="https://example.com/b?utm_medium=feed"
    )
    assert item.url == "https://example.com/b"
    assert item.source_link == "http://feedproxy.google.com/~r/F/~3/a/b"


def test_image_url() -> None:
    assert run("<p>x</p>", image="https://ifttt.com/images/no_image_card.png").image_url is None
    assert run("<p>x</p>", image="javascript:alert(1)").image_url is None
    assert run("<p>x</p>", image="HTTPS://I.Example.com/a.jpg?utm_source=x").image_url == "https://i.example.com/a.jpg"


def test_an_image_given_as_a_shortlink_gives_way_to_the_contents_own() -> None:
    inline = '<p><img src="https://cdn.example.com/a.jpg" width="800" height="450"></p><p>Story text.</p>'
    assert run(inline, image="https://ift.tt/4bTnImg").image_url == "https://cdn.example.com/a.jpg"
    # alone, a shortlink is no picture's address either: it cannot be shown without being resolved
    assert run("<p>Story text.</p>", image="https://ift.tt/4bTnImg").image_url is None


def test_escaped_tag_names_in_prose_keep_their_words() -> None:
    item = run(
        "<p>Use the &lt;canvas&gt; element to draw. Call <code>Vec&lt;String&gt;::new()</code> here.</p>"
        "<p>Never put a &lt;script&gt; tag inside a &lt;dialog&gt;, whatever the docs say.</p>",
        title="When to use the <dialog> element",
    )
    assert item.headline == "When to use the <dialog> element"
    assert item.body == [
        "Use the <canvas> element to draw. Call Vec<String>::new() here.",
        "Never put a < script> tag inside a <dialog>, whatever the docs say.",  # a script tag is neutralized
    ]
    assert item.body_html is not None
    assert "&lt;canvas&gt;" in item.body_html
    assert "<code>Vec&lt;String&gt;::new()</code>" in item.body_html
    assert "&lt;script&gt; tag inside a &lt;dialog&gt;" in item.body_html


@pytest.mark.parametrize(
    "lead",
    [
        "Credit card balances rose to a record $1.17 trillion in the quarter, the New York Fed said.",
        "Credit Suisse shares fell 24% on Wednesday after its top shareholder ruled out more help.",
        "Courtesy costs nothing, but it buys a great deal, the etiquette columnist wrote.",
    ],
)
def test_a_lead_that_starts_like_a_credit_is_kept(lead: str) -> None:
    item = run(f"<p>{lead}</p><p>The second paragraph of the story follows here.</p>")
    assert item.body[0] == lead


@pytest.mark.parametrize(
    "sentence",
    [
        "The publisher said it had been unable to contact the author, who lives abroad.",
        "Police said the suspect had tried to reach the journalist by phone twice last week.",
    ],
)
def test_news_that_mentions_contacting_a_reporter_is_kept(sentence: str) -> None:
    item = run(f"<p>The story starts here, as stories do.</p><p>{sentence}</p>")
    assert item.body == ["The story starts here, as stories do.", sentence]


@pytest.mark.parametrize(
    "tip",
    [
        "Have a news tip? Email this reporter: jdoe@example.com",
        "Contact the reporter at jdoe@example.com.",
        "Got a story idea? Reach the author on Signal at +1 555 0100.",
    ],
)
def test_tip_lines_are_dropped(tip: str) -> None:
    item = run(f"<p>The story starts here, as stories do.</p><p>{tip}</p>")
    assert item.body == ["The story starts here, as stories do."]


def test_a_from_line_followed_by_more_story_is_not_the_ifttt_footer() -> None:
    item = run(
        "<p>The festival opens on Friday. Tickets cost $20 and can be bought<br>"
        'from <a href="https://tickets.example.com/">the festival website</a>.</p>'
        "<p>Parking is free for ticket holders on both days.</p><p>Last year, 12,000 people came.</p>",
        link="https://gazette.example.com/festival",
    )
    assert item.body == [
        "The festival opens on Friday. Tickets cost $20 and can be bought from the festival website.",
        "Parking is free for ticket holders on both days.",
        "Last year, 12,000 people came.",
    ]
    assert item.source != "the festival website."


def test_the_footer_is_found_above_blogger_comment_furniture() -> None:
    item = run(
        "<p>The story starts here, as stories do.</p>"
        "<p>from Business Insider https://ift.tt/3r0axg6</p><p>via IFTTT</p>"
        "<p>No comments:</p><p>Post a Comment</p><p>Note: Only a member of this blog may post a comment.</p>"
        "<p>Newer Post Older Post Home</p><p>Subscribe to: Post Comments (Atom)</p>"
    )
    assert item.body == ["The story starts here, as stories do."]
    assert (item.source, item.source_link) == ("Business Insider", "https://ift.tt/3r0axg6")


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("jdoe@businessinsider.com (Jane Doe)", "Jane Doe"),
        ("noreply@blogger.com (Ticker Bot)", "Ticker Bot"),
        ("By Jane Doe", "Jane Doe"),
        ("Jane Doe, John Roe", "Jane Doe, John Roe"),
        ("jdoe@example.com", "jdoe@example.com"),
        # a byline with its writer's address after the name (TownNews BLOX)
        ("ANNA BERGSTROM anna.bergstrom@wcfcourier.example", "ANNA BERGSTROM"),
        ("Jane Doe <jane@example.org>", "Jane Doe"),
        ("Jane Doe | jdoe@example.org", "Jane Doe"),  # a bar between the name and the address
        ("Jane Doe / jdoe@example.org", "Jane Doe"),
        ("Jane Doe (Reuters)", "Jane Doe (Reuters)"),
        ("@" * 150 + " (" + "a" * 40, "@" * 150 + " (" + "a" * 40),  # no name: kept as it came
        # Aggregators credit a site and its submitter (lobsters/lobsters:app/views/home/stories.rss.builder)
        ("blog.tindall.example by tindall", "tindall"),
        (" by caius", "caius"),
        # Blogs and newsletters set the name apart from the site it writes for.
        ("Jane Doe | The Ledger Line", "Jane Doe"),
        ("Jane Doe via Reuters", "Jane Doe"),
        ("Jane Doe and Bob Roe", "Jane Doe, Bob Roe"),  # several people: joined by commas
        # a Chinese byline's place ("reporting from Taichung") is no part of the name
        ("記者陳俊宏／台中報導", "記者陳俊宏"),
        ("林怡萱/综合报道", "林怡萱"),
    ],
)
def test_author_is_the_name(author: str, expected: str) -> None:
    assert run("<p>The story starts here, as stories do.</p>", author=author).author == expected


@pytest.mark.parametrize(
    "trailer",
    [
        '<p><a href="https://arstechnica.com/?p=1">Read 12 remaining paragraphs</a> | '
        '<a href="https://arstechnica.com/?p=1#comments">Comments</a></p>',
        '<hr><p><a href="https://medium.com/p/1">Why we moved to Rust</a> was originally published in '
        '<a href="https://medium.com/eng">Acme Engineering</a> on Medium, where people are continuing the '
        "conversation by highlighting and responding to this story.</p>",
        "<p>Platformer is a reader-supported publication. To receive new posts and support my work, consider "
        "becoming a free or paid subscriber.</p>",
        "<p>© 2024 TechCrunch. All rights reserved. For personal use only.</p>",
    ],
)
def test_platform_trailers_are_dropped(trailer: str) -> None:
    item = run(f"<p>The story starts here, as stories do.</p><p>And it goes on for a while.</p>{trailer}")
    assert item.body == ["The story starts here, as stories do.", "And it goes on for a while."]


def test_a_story_about_copyright_keeps_its_sentences() -> None:
    sentence = "The court ruled that the copyright holder had reserved all rights to the film in 1998."
    assert run(f"<p>The story starts here, as stories do.</p><p>{sentence}</p>").body[1] == sentence


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/posts/moving-to-nixos/", "https://jo.example.net/posts/moving-to-nixos/"),
        ("../posts/x.html", "https://jo.example.net/posts/x.html"),
        ("www.example.com/story", None),  # not taken for a path under the feed's folder
        ("//cdn.example.org/a", "https://cdn.example.org/a"),
        ("https://elsewhere.example.com/a", "https://elsewhere.example.com/a"),
        ("javascript:alert(1)", None),
        ("http://[::1", None),
    ],
)
def test_a_relative_item_link_is_resolved_against_the_feed_url(link: str, expected: str | None) -> None:
    item = run(
        "<p>The story starts here, as stories do.</p>", link=link, feed_url="https://jo.example.net/blog/index.xml"
    )
    assert item.url == expected


@pytest.mark.parametrize(
    "intro",
    [
        "The report names three causes of the outage:",
        "Here is what the company announced on Tuesday:",
        "Researchers found that:",
    ],
)
def test_a_list_introduced_by_a_sentence_is_body_and_the_sentence_stays(intro: str) -> None:
    item = run(f"<p>{intro}</p><ul><li>Power</li><li>Cooling</li></ul><p>The rest of the story.</p>")
    assert item.bullets == []
    assert item.body == [intro, "Power", "Cooling", "The rest of the story."]


@pytest.mark.parametrize("label", ["Key points:", "In brief", "Cannes Lions"])
def test_a_label_before_a_leading_list_still_makes_key_points(label: str) -> None:
    item = run(f"<p>{label}</p><ul><li>Power</li><li>Cooling</li></ul><p>The rest of the story.</p>")
    assert (item.bullets, item.body) == (["Power", "Cooling"], ["The rest of the story."])


def test_a_sentence_in_chinese_or_japanese_before_a_list_is_story_not_a_label() -> None:
    # no spaces between the words, but a full stop of its own script: a sentence, never a label to drop
    first = "最近在做一个浏览器插件，想把网页里的表格一键导出成 Markdown。"
    item = run(f"<p>{first}</p><p>目前支持：</p><ul><li>合并单元格</li><li>保留链接</li></ul><p>源码在 GitHub 上。</p>")
    assert item.bullets == []
    assert item.body == [first, "目前支持：", "合并单元格", "保留链接", "源码在 GitHub 上。"]


def test_a_list_under_the_first_of_several_section_names_is_that_sections_body() -> None:
    content = "<p><strong>Longreads</strong></p><ul><li>A history of ports.</li><li>A bank profile.</li></ul>"
    content += "<p><strong>Books</strong></p><p>An economic history of credit.</p>"
    item = run(content)
    assert item.bullets == []
    assert item.body == [
        "Longreads",
        "A history of ports.",
        "A bank profile.",
        "Books",
        "An economic history of credit.",
    ]


def test_a_list_that_is_the_whole_content_is_body_not_key_points() -> None:
    item = run("<ul><li>Clean and oil the tools.</li><li>Lift and store the dahlias.</li></ul>")
    assert (item.bullets, item.body) == ([], ["Clean and oil the tools.", "Lift and store the dahlias."])


def test_a_list_under_a_heading_is_that_sections_body() -> None:
    item = run(
        "<h2>What's Changed</h2><ul><li>Parse authors</li><li>Fix a crash</li></ul>"
        "<h2>Upgrading</h2><p>pip install x</p>"
    )
    assert item.bullets == []
    assert item.body == ["What's Changed", "Parse authors", "Fix a crash", "Upgrading", "pip install x"]


def test_plain_text_hard_wrapped_at_a_column_is_one_paragraph() -> None:
    wrapped = (
        "  We count how often harbour tide gauges drift between two calibrations, for\n"
        "forty stations over twelve years. Drift grows with the age of the sensor,\n"
        "and replacing the float cuts it by half. We publish the paired readings as\n"
        "an open dataset."
    )
    assert [b.text for b in parse_text(wrapped).blocks] == [" ".join(wrapped.split())]


def test_short_lines_of_varied_length_stay_lines() -> None:
    # A video description: a sentence, then links and credits, one a line.
    description = (
        "In this video we take the old ferry across the estuary and talk to its last crew about the winter.\n"
        "Music by Harbour Lane Studio\n"
        "https://harbourlane.example/music\n"
        "Filmed on a borrowed camera"
    )
    assert len(parse_text(description).blocks) == 4
    # Full lines that end sentences, each followed by a capital: lines of their own.
    sentences = (
        "The first line of this note is a whole sentence that ends right here, ok.\n"
        "The second line of this note is a whole sentence too and it ends here ok.\n"
        "Short one."
    )
    assert len(parse_text(sentences).blocks) == 3


def test_a_quote_of_whole_paragraphs_keeps_them_apart() -> None:
    # A forum reply quoted in full: two paragraphs, each ending a sentence.
    item = run("<blockquote><p>The fix is rolling out now.</p><p>You do not need to re-pair.</p></blockquote>")
    assert item.body == ["The fix is rolling out now.", "You do not need to re-pair."]


def test_markup_paragraphs_one_a_line_in_a_text_post_stay_apart() -> None:
    content = "<p>The winter timetable starts on Monday.</p>\n<p>Two early sailings are cut.</p>\n\nfrom Desk https://d.example/x"
    doc = parse_text(content)
    assert [b.text for b in doc.blocks][:2] == ["The winter timetable starts on Monday.", "Two early sailings are cut."]


def test_a_list_of_full_width_titles_is_not_wrapped_text() -> None:
    titles = (
        "Harbour council approves the new ferry timetable for the winter season\n"
        "Tide gauge readings drift more than expected at the northern stations\n"
        "Volunteers clear forty tonnes of rubbish from the estuary beaches today"
    )
    assert len(parse_text(titles).blocks) == 3


def test_a_byline_line_at_an_edge_is_the_author_not_body() -> None:
    # InfoQ's news feed ends each description with "<i>By Name</i>" after the paragraph (and has dc:creator)
    story = "Empirical data from 288 engineers in 101 countries backs the report's claims."
    content = f"<p>{story}</p> <i>By Matthew Coughlan</i>"
    assert run(content, author="Matthew Coughlan").body == [story]
    # With no author field, the byline is the author (FIDELITY principle 4); at the head as well.
    item = run("<p>Par Jeanne Dupont et Luc Martin</p><p>The council voted to extend the program.</p>")
    assert (item.author, item.body) == ("Jeanne Dupont et Luc Martin", ["The council voted to extend the program."])
    # A sentence that starts with "By" is story; a byline mid-story is story; a lone byline with no author
    # named is the author (an applet's "by Dana Feld, J.D." under its link), beside another author it stays.
    told = run("<p>The council voted.</p><p>By the time we arrived, it was over.</p>")
    assert (told.author, told.body) == (None, ["The council voted.", "By the time we arrived, it was over."])
    middle = run("<p>The council voted.</p><p>By Ann Lee</p><p>It was over by noon.</p>")
    assert middle.body == ["The council voted.", "By Ann Lee", "It was over by noon."]
    alone = run("<p>By Ann Lee</p>")
    assert (alone.author, alone.body) == ("Ann Lee", [])
    assert run("<p>By Ann Lee</p>", author="Bo Park").body == ["By Ann Lee"]


@pytest.mark.parametrize(
    ("first", "image"),
    [
        # InfoQ's news feed opens every description with the site's logo, then (some items) the story's picture
        (
            '<img src="https://www.infoq.example/styles/i/logo_bigger.jpg"/>',
            "https://res.infoq.example/news/header.jpg",
        ),
        (
            '<img src="https://blog.example/wp-content/themes/x/feed-icon-28x28.png"/>',
            "https://res.infoq.example/news/header.jpg",
        ),
        ('<img src="https://img.example/silicon-wafer.jpg"/>', "https://img.example/silicon-wafer.jpg"),
        # a button's picture
        ('<img src="https://www.korea.example/rss/btn_textview.gif"/>', "https://res.infoq.example/news/header.jpg"),
        # an avatar's folder says whose picture it is
        (
            '<img src="https://s3.example.com/avatars.example.com/avatars/2045/thumbnail_profile_1.jpg"/>',
            "https://res.infoq.example/news/header.jpg",
        ),
        # a file named "icon-…" whose alt text says what it shows is the story's picture
        (
            '<img src="https://img.example/icon-log-stats.png" alt="A chart of icon redraws per year"/>',
            "https://img.example/icon-log-stats.png",
        ),
    ],
)
def test_a_logo_or_icon_is_never_the_items_image(first: str, image: str) -> None:
    content = (
        f'{first}<p>Research teams announced new benchmarks.</p><img src="https://res.infoq.example/news/header.jpg"/>'
    )
    assert run(content).image_url == image
    assert run(f"{first}<p>Research teams announced new benchmarks.</p>").image_url == (
        None if any(word in first for word in ("logo", "feed-icon", "avatars", "btn_")) else image
    )


def test_markdown_headings_in_text_are_headings_of_their_own() -> None:
    # An issue tracker's description: "#### Label" lines over their text, a hashtag is no heading.
    content = (
        "#### Steps to reproduce:\n1. Draw a box\n2. Export it\n\n#### What happened?\nIt crashed.\n\n#rss ## Not one"
    )
    doc = parse_text(content)
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("h", 4, "Steps to reproduce:"),
        ("li", 0, "Draw a box"),
        ("li", 0, "Export it"),
        ("h", 4, "What happened?"),
        ("p", 0, "It crashed."),
        ("p", 0, "#rss ## Not one"),
    ]
    assert run(content, kind="text").body[:2] == ["Steps to reproduce:", "1. Draw a box"]


def test_a_list_item_wrapped_at_a_column_goes_on_in_the_next_line() -> None:
    # A weather alert's summary: "* " items hard-wrapped mid-sentence, blank lines between items.
    content = (
        "* WHAT...Heavy snow expected. Total snow accumulations of 10 to 18\ninches. Winds gusting to 40 mph.\n\n"
        "* WHERE...The Palmer Divide.\n\n- Key point that ends here.\nthen lowercase stays its own line"
    )
    assert [b.text for b in parse_text(content).blocks] == [
        "WHAT...Heavy snow expected. Total snow accumulations of 10 to 18 inches. Winds gusting to 40 mph.",
        "WHERE...The Palmer Divide.",
        "Key point that ends here.",
        "then lowercase stays its own line",
    ]


def test_markup_written_over_several_lines_of_a_text_post_is_read_whole() -> None:
    content = (
        "Futures closed higher Tuesday.\n<table>\n<thead><tr><th>Contract</th><th>Close</th></tr></thead>\n"
        "<tbody><tr><td>December corn</td><td>$4.41</td></tr></tbody>\n</table>\n"
        "<pre><code>def f():\n    return 1</code></pre>\n<p>The USDA said sales rose.</p>"
    )
    item = run(content, kind="text")
    assert item.body == [
        "Futures closed higher Tuesday.",
        "Contract | Close",
        "December corn | $4.41",
        "def f():\n    return 1",
        "The USDA said sales rose.",
    ]


def test_a_pages_header_copied_over_the_story_goes() -> None:
    header = (
        '<div class="post-heading"><div class="post-category">Harbour Life</div>'
        "<h1>The Ferry That Never Came</h1><div>Mar 27, 2025</div><div>5 min read</div></div>"
    )
    story = "<p>The council voted on Tuesday to extend the program.</p><p>It runs for three more years.</p>"
    item = run(header + story, title="The Ferry That Never Came")
    assert item.body == ["The council voted on Tuesday to extend the program.", "It runs for three more years."]


def test_short_lines_before_other_text_and_a_date_in_the_story_stay() -> None:
    # no headline among the first blocks: the labels are the story's own
    story = "<p>Harbour Life</p><p>The council voted on Tuesday.</p><p>The Ferry That Never Came</p>"
    assert run(story, title="The Ferry That Never Came").body == [
        "Harbour Life",
        "The council voted on Tuesday.",
        "The Ferry That Never Came",
    ]
    # an event's date over its place is the listing's text, not a header's date
    event = "<p>Sunday, December 13, 2026 at 3:00pm</p><p>Sage Chapel</p><p>Carols for the longest night.</p>"
    assert run(event, title="Winter Concert").body[0] == "Sunday, December 13, 2026 at 3:00pm"


def test_text_whose_style_keeps_its_line_breaks_reads_as_its_reader_sees_it() -> None:
    content = (
        '<div><a href="https://yewtu.be/watch?v=x"><img src="https://yewtu.be/vi/x/mqdefault.jpg"></a>'
        '<p style="word-break:break-word;white-space:pre-wrap">Adam visits a warehouse of spacesuits.\n\n'
        "The collection includes a lost helmet.\nFound in 2024.</p></div>"
    )
    assert run(content).body == [
        "Adam visits a warehouse of spacesuits.",
        "The collection includes a lost helmet. Found in 2024.",
    ]
    # without the style, HTML's own reading: the line breaks are spaces
    plain = "<p>Adam visits a warehouse of spacesuits.\n\nThe collection includes a lost helmet.</p>"
    assert run(plain).body == ["Adam visits a warehouse of spacesuits. The collection includes a lost helmet."]


def test_plain_paragraphs_under_a_pictures_own_paragraph_stay_apart() -> None:
    content = (
        '<p><img src="https://thumbs.example/a.webp" width="480" alt="thumbnail" /></p>'
        "A new release of a window manager landed this week.\n\nLet's install it and see."
    )
    item = run(content)
    assert item.body == ["A new release of a window manager landed this week.", "Let's install it and see."]
    assert item.image_url == "https://thumbs.example/a.webp"


_RELEASE_NOTES = (
    "## Highlights\r\n\r\nWelcome to `v2.0` of Tool.\r\n\r\n- Faster start\r\n- Smaller files\r\n\r\n"
    '<img width="800" alt="the new view" src="https://github.com/user-attachments/assets/abc" />\r\n\r\n'
    "<!-- generated from .github/release.yml -->\r\n\r\n### Fixes\r\n* fix(cli): exit code by @dev in "
    "https://github.com/acme/tool/pull/12\r\n\r\n```\r\ntool --init\r\n  --force\r\n```\r\n\r\n"
    "**Full Changelog**: https://github.com/acme/tool/compare/v1.9...v2.0"
)


def test_markdown_text_reads_as_the_document_it_writes() -> None:
    """A release's notes in Markdown: headings, list items, code and strong text as an editor prints them."""
    item = run(_RELEASE_NOTES, title="v2.0.0")
    assert item.body == [
        "Highlights",
        "Welcome to v2.0 of Tool.",
        "Faster start",
        "Smaller files",
        "Fixes",
        "fix(cli): exit code by @dev in https://github.com/acme/tool/pull/12",
        "tool --init\n  --force",
        "Full Changelog: https://github.com/acme/tool/compare/v1.9...v2.0",
    ]
    assert item.image_url == "https://github.com/user-attachments/assets/abc"


@pytest.mark.parametrize(
    "text",
    [
        "#breaking Storm closes the bridge.\n- Reopens Monday",  # a hashtag is no heading
        "Line one of a post.\n- a dash line\n- another",  # a list alone is what plain text does too
        "## Heading\n<p>Already HTML.</p>",  # block markup: HTML, not Markdown
    ],
)
def test_text_without_markdowns_structure_is_not_read_as_markdown(text: str) -> None:
    from app.normalize.markdown import looks_like_markdown

    assert not looks_like_markdown(text)


def test_an_owners_word_after_a_marked_name_leaves_the_name() -> None:
    from app.normalize.publisher import marked_lead

    assert marked_lead("⚠️ VICSES update: Prepare now for storms") == ("Prepare now for storms", "VICSES")
    assert marked_lead("🔴 Breaking update: Prepare now for storms") is None  # no name is left


def test_a_quote_whose_sentence_runs_on_into_the_next_paragraph_is_one() -> None:
    quote = "<blockquote><p>The plan includes</p><p>New bike lanes on Main Street.</p></blockquote>"
    assert run(f"<p>He said:</p>{quote}").body == ["He said:", "The plan includes New bike lanes on Main Street."]


def test_key_points_under_highlights_with_a_colon_but_not_a_release_notes_heading() -> None:
    listed = "<ul><li>Longer battery life on watches</li><li>Devices from the second half</li></ul>"
    led = run(f"<p>Highlights:</p>{listed}<p>Qualcomm today introduced the W6 platform.</p>")
    assert led.bullets == ["Longer battery life on watches", "Devices from the second half"]
    headed = run(f"<h2>Highlights</h2>{listed}<p>Upgrade with the new command.</p>")
    assert headed.bullets == []


def test_a_list_under_the_headlines_own_heading_is_that_sections_text() -> None:
    content = (
        "<h4>0.91.0</h4><ul><li>Initial support for Amazfit Balance 3</li><li>Fix a crash on empty replies</li></ul>"
        "<p>Also available on F-Droid once the build has finished.</p>"
    )
    item = normalize(RawItem(title="0.91.0", content=content), now=NOW, settings=SETTINGS)
    assert (item.bullets, item.body[:2]) == (
        [],
        ["Initial support for Amazfit Balance 3", "Fix a crash on empty replies"],
    )
    # a paragraph repeating the headline over a list leaves the list the key points it was
    lead = content.replace("<h4>0.91.0</h4>", "<p>0.91.0</p>")
    assert normalize(RawItem(title="0.91.0", content=lead), now=NOW, settings=SETTINGS).bullets


def test_key_points_under_the_headlines_own_heading_over_a_longer_story_stay_key_points() -> None:
    content = (
        "<h1>Council approves $2bn housing plan</h1><ul><li>The plan funds 12,000 new homes over ten years</li>"
        "<li>Construction begins in March</li></ul><p>The city council voted 9-2 on Tuesday to approve the plan,"
        " which the mayor called the largest housing investment in the city's history.</p><p>Opponents said the"
        " plan relies on land the city does not yet own, and asked for a review of its costs.</p>"
    )
    item = normalize(RawItem(title="Council approves $2bn housing plan", content=content), now=NOW, settings=SETTINGS)
    assert item.bullets == ["The plan funds 12,000 new homes over ten years", "Construction begins in March"]


def test_a_press_releases_header_over_its_repeated_headline_is_not_story() -> None:
    header = (
        "<h1>For Immediate Release</h1><p>Contact: Renee Calloway<br>614-645-0187<br>rc@columbus.example</p>"
        "<p>Web – Facebook – Twitter</p><p><strong>Bridge Repairs to Close Lanes</strong></p>"
    )
    raw = RawItem(title="Bridge Repairs to Close Lanes", content=header + "<p>Crews will close one lane.</p>")
    assert normalize(raw, now=NOW, settings=SETTINGS).body == ["Crews will close one lane."]
    # a sentence or a byline over the repeat is no header: it stays
    said = raw.model_copy(update={"content": "<p>The city said so.</p>" + header[header.index("<p>Web") :]})
    assert normalize(said, now=NOW, settings=SETTINGS).body[0] == "The city said so."
    signed = raw.model_copy(update={"content": "<p>By Ann Lee</p><p>Bridge Repairs to Close Lanes</p><p>Text.</p>"})
    assert normalize(signed, now=NOW, settings=SETTINGS).author == "Ann Lee"


def test_key_points_from_this_article_label_the_bullets() -> None:
    content = (
        "<p><strong>KEY POINTS FROM THIS ARTICLE</strong></p><ul><li>Three races move toward Democrats.</li>"
        "<li>Republicans still hold a narrow edge.</li></ul><p><strong>Table 1: Rating changes</strong></p>"
        "<table><tr><td>IA-3</td><td>Toss-up</td></tr></table><p>With two weeks to go, the map is shifting.</p>"
    )
    item = normalize(RawItem(title="T", content=content), now=NOW, settings=SETTINGS)
    assert item.bullets == ["Three races move toward Democrats.", "Republicans still hold a narrow edge."]
    assert item.body == ["Table 1: Rating changes", "IA-3 | Toss-up", "With two weeks to go, the map is shifting."]


def test_an_events_day_place_and_contact_over_its_repeated_title_stay() -> None:
    content = (
        "<p>Saturday, April 12</p><p>Riverside Park, Pavilion B</p><p>Contact: Parks Department</p>"
        "<p>Spring Cleanup Day</p><p>Volunteers meet at nine.</p>"
    )
    item = normalize(RawItem(title="Spring Cleanup Day", content=content), now=NOW, settings=SETTINGS)
    assert "Riverside Park, Pavilion B" in item.body


def test_sentence_lines_over_an_applets_footer_are_paragraphs() -> None:
    lines = (
        "Danish councils spent 412 million kroner on temporary staff last year.\n"
        "The figures come from 61 of the country's 98 councils, obtained under access rules.\n"
        "Around 2,300 care posts stand empty at the same time, the ministry says.\n"
        "from Frihedsbrevet https://frihedsbrevet.example/a/\nvia IFTTT\n\nLabels: care"
    )
    body = normalize(RawItem(title="T", content=lines, content_kind="text"), now=NOW, settings=SETTINGS).body
    assert body[:3] == [
        "Danish councils spent 412 million kroner on temporary staff last year.",
        "The figures come from 61 of the country's 98 councils, obtained under access rules.",
        "Around 2,300 care posts stand empty at the same time, the ministry says.",
    ]
    # two such lines are two paragraphs too (a blog applet's post of two paragraphs)
    two = (
        "Jedes Jahr schließen in Deutschland Dutzende Freibäder, vor allem in kleinen Gemeinden.\n"
        "Besonders lesenswert ist der Abschnitt über die Betriebskosten der Bäder.\n\n00:00 Intro"
    )
    assert len(normalize(RawItem(title="T", content=two, content_kind="text"), now=NOW, settings=SETTINGS).body) == 3


def test_de_un_vistazo_labels_the_key_points() -> None:
    content = (
        "<h3>De un vistazo</h3><ul><li>Las noches más cálidas afectan la floración.</li><li>Las pérdidas serían "
        "mayores.</li></ul><p>Un estudio regional advierte sobre el frijol.</p>"
    )
    item = normalize(RawItem(title="T", content=content), now=NOW, settings=SETTINGS)
    assert item.bullets == ["Las noches más cálidas afectan la floración.", "Las pérdidas serían mayores."]


@pytest.mark.parametrize(
    "pointer",
    [
        "Leggi tutto about Perché le api selvatiche contano più di quanto pensiamo",  # Drupal, its hidden words shown
        "Continue reading: Why wild bees matter more than we think →",
        "Read more about Why wild bees matter more than we think",
    ],
)
def test_a_closing_pointer_to_the_item_itself_is_no_story(pointer: str) -> None:
    headline = pointer.split(" ", 3)[3] if pointer.startswith("Leggi") else "Why wild bees matter more than we think"
    item = run(
        f"<p>Honeybees are only part of the story.</p><ul><li><a href='/a'>{pointer}</a></li></ul>", title=headline
    )
    assert item.body == ["Honeybees are only part of the story."]


def test_a_closing_line_that_names_something_else_stays() -> None:
    item = run("<p>Honeybees are only part of the story.</p><p>Read more about sales market trends.</p>", title="Bees")
    assert item.body == ["Honeybees are only part of the story.", "Read more about sales market trends."]


def test_a_blog_applets_short_line_over_a_capital_is_a_paragraph_of_its_own() -> None:
    # A press release's dateline line over its sentences, one paragraph a line over the applet's footer.
    content = (
        "Communiqué de presse – Brive-la-Gaillarde, le 12 mars 2026\n"
        "La 5e édition du Salon se tiendra du 17 au 19 avril 2026 et réunira 80 artisans de la région.\n"
        "L'entrée sera gratuite et des ateliers seront proposés aux enfants chaque après-midi.\n\n"
        "from Categories https://ift.tt/3kXw9Pq\nvia IFTTT"
    )
    assert [b.text for b in parse_text(content).blocks][:3] == content.split("\n")[:3]


def test_prose_wrapped_before_a_capital_stays_one_paragraph() -> None:
    wrapped = (
        "The harbour board met on Tuesday to discuss the winter timetable with\n"
        "President Alma Reyes of the ferry union, who asked for two more sailings.\n\n"
        "Next paragraph."
    )
    assert parse_text(wrapped).blocks[0].text == " ".join(wrapped.split("\n\n")[0].split())
