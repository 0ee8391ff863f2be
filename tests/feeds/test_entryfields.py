"""feedparser's pitfalls on real-shaped feeds: captions, zones, authors, images, xml:base, plain text, origins.

Each document goes through ``parse_feed`` on every path (the fast tiers and feedparser must agree, see
tests/feeds/test_fastfeed.py) and, where the item is what counts, through ``clean_feed``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.feeds.cleaning import clean_feed
from app.feeds.entryfields import author_name
from app.feeds.parser import parse_feed
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from tests.feeds.test_fastfeed import assert_same

URL = "https://feeds.example/feed.xml"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
RSS = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom"'
    ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/">'
    "<channel><title>World News</title><link>https://news.example/world</link>{items}</channel></rss>"
)
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"'
    ' xmlns:media="http://search.yahoo.com/mrss/"{attrs}><title>Blog</title>'
    '<link rel="alternate" type="text/html" href="https://blog.example/"/>'
    '<link rel="self" href="https://blog.example/feeds/posts/default"/><id>tag:blog</id>{entries}</feed>'
)
# What sends a well-formed document to each path: nothing (emulated), an element only feedparser models
# (replayed), an undefined entity (feedparser's loose parser).
TIERS = {"emulated": "", "replayed": "<itunes:explicit>no</itunes:explicit>", "feedparser": "<x>&nbsp;</x>"}


def rss(items: str) -> bytes:
    return RSS.format(items=items).encode()


def entry(body: bytes) -> RawItem:
    assert_same(body)
    return parse_feed(body, url=URL).entries[0]


def item(body: bytes) -> NormalizedItem:
    cleaned = clean_feed(body, headers={}, url=URL, now=NOW, settings=NormalizeSettings())
    assert cleaned.rejected == 0
    return cleaned.items[0]


# --- 1. a photo caption is not the story ---------------------------------------------------------------

STORY = "Flooding forced thousands from their homes on Tuesday, officials said."
CAPTION = "Residents wade through a flooded street in the city centre."
NYT_CAPTIONED = (
    "<item><title>Floods hit the coast</title><link>https://news.example/floods</link>"
    f"<description>{STORY}</description>"
    '<media:content height="1024" width="1536" medium="image" url="https://img.example/floods.jpg">'
    f"<media:credit>Photo Agency</media:credit><media:description>{CAPTION}</media:description>"
    "</media:content>{tier}</item>"
)
LE_MONDE_CAPTIONED = (  # the caption first, in a media:group, and the description after it
    "<item><title>Floods hit the coast</title><link>https://news.example/floods</link>"
    '<media:group><media:content url="https://img.example/floods.jpg" width="644" height="322">'
    f"<media:description>{CAPTION}</media:description></media:content></media:group>"
    f"<description>{STORY}</description>{{tier}}</item>"
)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("shape", [NYT_CAPTIONED, LE_MONDE_CAPTIONED], ids=["caption-after", "caption-first"])
def test_the_description_is_the_story_not_the_media_caption(shape: str, tier: str) -> None:
    body = rss(shape.format(tier=TIERS[tier]))
    assert assert_same(body) == tier
    raw = parse_feed(body, url=URL).entries[0]
    assert raw.content == STORY
    assert raw.image == "https://img.example/floods.jpg"
    assert item(body).body == [STORY]


# AOL's HuffPost Canada feed (feedjira/feedjira:spec/sample_feeds/HuffPostCanada.xml): the description, then a
# media:content per picture and per video, each with a media:description; the video's is empty.
AOL_MEDIA_GROUPS = (
    "<item><title>Floods hit the coast</title><link>https://news.example/floods</link>"
    f"<description><![CDATA[<p>{STORY}</p>]]></description>"
    '<media:content url="https://img.example/floods.png" width="" height="" medium="image">'
    f"<media:credit>Photo Agency</media:credit><media:description>{CAPTION}</media:description></media:content>"
    '<media:content url="https://video.example/redirect/1.mp4" medium="video">'
    "<media:description><![CDATA[]]></media:description></media:content>{tier}</item>"
)


@pytest.mark.parametrize("tier", TIERS)
def test_an_empty_media_description_does_not_blank_the_story(tier: str) -> None:
    body = rss(AOL_MEDIA_GROUPS.format(tier=TIERS[tier]))
    assert assert_same(body) == tier
    assert parse_feed(body, url=URL).entries[0].content == f"<p>{STORY}</p>"
    assert item(body).body == [STORY]


def test_real_content_wins_over_description_and_caption() -> None:
    body = rss(
        "<item><title>T</title><content:encoded><![CDATA[<p>Full story.</p>]]></content:encoded>"
        f"<description>{STORY}</description><media:description>{CAPTION}</media:description></item>"
    )
    assert entry(body).content == "<p>Full story.</p>"


@pytest.mark.parametrize("tier", TIERS)
def test_the_html_description_wins_over_its_flattened_itunes_summary(tier: str) -> None:
    paragraphs = "<p>Sigge learns the accordion.</p><p>Alex gives a speech to the wrong person.</p>"
    plain = "Sigge learns the accordion. Alex gives a speech to the wrong person."
    body = rss(
        f"<item><title>Episode 851</title><description><![CDATA[{paragraphs}]]></description>"
        f"<itunes:summary>{plain}</itunes:summary>{TIERS[tier]}</item>"
    )
    assert item(body).body == ["Sigge learns the accordion.", "Alex gives a speech to the wrong person."]
    # a summary that says more than the description stays the story
    longer = rss(
        "<item><title>Episode 852</title><description><![CDATA[<p>Short.</p>]]></description>"
        f"<itunes:summary>{plain}</itunes:summary>{TIERS[tier]}</item>"
    )
    assert item(longer).body == [plain]


@pytest.mark.parametrize("tier", TIERS)
def test_the_first_episode_keeps_its_description_beside_the_channels_itunes_summary(tier: str) -> None:
    # The channel's own description and itunes:summary make feedparser file the first item's
    # itunes:summary over its HTML description (Acast): the description is read beside it.
    paragraphs = "<p>Sigge learns the accordion.</p><p>Alex gives a <b>speech</b>.</p>"
    plain = "Sigge learns the accordion. Alex gives a speech."
    episode = (
        f"<item><title>Episode 851</title><description><![CDATA[{paragraphs}]]></description>"
        f"<itunes:summary>{plain}</itunes:summary>{TIERS[tier]}</item>"
    )
    channel = "<description>Two friends talk.</description><itunes:summary>Two friends talk.</itunes:summary>"
    body = rss(channel + episode + episode.replace("851", "850"))
    assert entry(body).content == paragraphs
    cleaned = clean_feed(body, headers={}, url=URL, now=NOW, settings=NormalizeSettings()).items
    assert [i.body for i in cleaned] == [["Sigge learns the accordion.", "Alex gives a speech."]] * 2
    # an item whose description says something else than its summary keeps feedparser's choice
    other = rss(channel + episode.replace(paragraphs, "<p>Another text.</p>"))
    assert entry(other).content == plain


def test_a_media_description_alone_is_the_story_with_its_paragraphs() -> None:
    # YouTube: the video's description is all the text there is, plain text with blank lines.
    youtube = (
        "<entry><id>yt:video:x1</id><title>Launch day</title>"
        '<link rel="alternate" href="https://www.youtube.com/watch?v=x1"/>'
        "<published>2025-03-01T10:00:00+00:00</published><author><name>Space Channel</name></author>"
        '<media:group><media:title>Launch day</media:title><media:content url="https://www.youtube.com/v/x1"'
        ' type="application/x-shockwave-flash" width="640" height="390"/>'
        '<media:thumbnail url="https://i.ytimg.example/vi/x1/hqdefault.jpg" width="480" height="360"/>'
        "<media:description>We launched today.\n\nThanks to everyone who watched.\nMore soon."
        "</media:description></media:group></entry>"
    )
    body = ATOM.format(attrs="", entries=youtube).encode()
    raw = entry(body)
    assert (raw.content_kind, raw.image) == ("auto", "https://i.ytimg.example/vi/x1/hqdefault.jpg")
    assert item(body).body == ["We launched today.", "Thanks to everyone who watched. More soon."]


# --- 2. zone abbreviations ---------------------------------------------------------------------------


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("Thu, 25 Feb 2021 21:14:00 CEST", datetime(2021, 2, 25, 19, 14, tzinfo=UTC)),
        ("Thu, 25 Feb 2021 21:14:00 JST", datetime(2021, 2, 25, 12, 14, tzinfo=UTC)),
        ("Thu, 25 Feb 2021 21:14:00 AEDT", datetime(2021, 2, 25, 10, 14, tzinfo=UTC)),
        ("Thu, 25 Feb 2021 21:14:00 IST", datetime(2021, 2, 25, 15, 44, tzinfo=UTC)),
        ("Thu, 25 Feb 2021 21:14:00 PDT", datetime(2021, 2, 26, 4, 14, tzinfo=UTC)),  # feedparser's own
        # a 12-hour time: feedparser reads the hour and drops the "PM"
        ("Thu, 25 Feb 2021 9:14:07 PM", datetime(2021, 2, 25, 21, 14, 7, tzinfo=UTC)),
    ],
)
def test_a_zone_abbreviation_is_not_utc(written: str, utc: datetime, tier: str) -> None:
    body = rss(f"<item><title>T</title><pubDate>{written}</pubDate>{TIERS[tier]}</item>")
    assert assert_same(body) == tier
    assert item(body).published_at == utc


def test_a_year_first_date_with_dots_is_read_as_written() -> None:
    body = rss("<item><title>T</title><pubDate>2024.02.05</pubDate></item>")
    assert item(body).published_at == datetime(2024, 2, 5, tzinfo=UTC)  # feedparser alone: 2024-12-01


# --- 3. authors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Jo Writer (noreply@blogger.com)", "Jo Writer"),
        ("noreply@blogger.com (Jo Writer)", "Jo Writer"),
        ("Jo Writer <jo@mail.example>", "Jo Writer"),
        ("desk@biz.example (Energy Desk)", "Energy Desk"),
        ("noreply@blogger.com", None),
        ("mailto:jo@mail.example", None),
        ("Jo Writer (Editor)", "Jo Writer (Editor)"),
        ("Jo Writer", "Jo Writer"),
        ("  ", None),
    ],
)
def test_author_names(written: str, name: str | None) -> None:
    assert author_name(written) == name


def test_blogger_authors() -> None:
    blogger = (
        "<entry><id>tag:blog,1999:post-1</id><title>Post</title><content type='html'>&lt;p&gt;x&lt;/p&gt;</content>"
        "<author><name>Jo Writer</name><uri>https://www.blogger.example/profile/1</uri>"
        "<email>noreply@blogger.com</email></author></entry>"
        "<entry><id>tag:blog,1999:post-2</id><title>Hidden</title>"
        "<author><email>noreply@blogger.com</email></author></entry>"
    )
    body = ATOM.format(attrs="", entries=blogger).encode()
    assert_same(body)
    assert [e.author for e in parse_feed(body, url=URL).entries] == ["Jo Writer", None]


def test_rss_authors_and_creator_lists() -> None:
    body = rss(
        "<item><title>A</title><author>noreply@blogger.com (Jo Writer)</author></item>"
        "<item><title>B</title><dc:creator>Ann Lee</dc:creator><dc:creator>Bo Park</dc:creator></item>"
        "<item><title>C</title><author>jo@mail.example</author></item>"
    )
    assert_same(body)
    assert [e.author for e in parse_feed(body, url=URL).entries] == ["Jo Writer", "Ann Lee, Bo Park", None]


def test_a_writer_named_only_in_the_publishers_own_element() -> None:
    body = rss(
        '<item><title>A</title><sa:author_name xmlns:sa="https://sa.example/ns">Ravi Monteiro</sa:author_name></item>'
        '<item><title>B</title><note:creatorName xmlns:note="https://note.example/">小川みどり</note:creatorName></item>'
        "<item><title>C</title><author_name>Ursula K. Le Guin</author_name></item>"
        "<item><title>D</title><dc:creator>Ann Lee</dc:creator>"
        '<x:author_name xmlns:x="x">Not Her</x:author_name></item>'
        '<item><title>E</title><x:company_name xmlns:x="x">NVIDIA Corporation</x:company_name></item>'
    )
    assert_same(body)
    authors = [e.author for e in parse_feed(body, url=URL).entries]
    assert authors == ["Ravi Monteiro", "小川みどり", "Ursula K. Le Guin", "Ann Lee", None]


# --- 4. images ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("media", "image"),
    [
        ('<media:content url="https://img.example/a.JPG?w=800"/>', "https://img.example/a.JPG?w=800"),
        ('<media:content url="https://img.example/a.avif"/>', "https://img.example/a.avif"),
        (
            '<media:content url="https://cdn.example/photo/123" width="800" height="600"/>',
            "https://cdn.example/photo/123",
        ),
        ('<media:content url="https://cdn.example/clip.jpg" medium="video"/>', None),
        ('<media:content url="https://cdn.example/ep.mp3" type="audio/mpeg"/>', None),
        ('<media:content url="https://cdn.example/photo/123"/>', None),
        (
            '<media:thumbnail url="https://img.example/s.jpg" width="140" height="84"/>'
            '<media:content url="https://img.example/l.jpg" medium="image" width="1024" height="614"/>'
            '<media:content url="https://img.example/m.jpg" medium="image" width="460" height="276"/>',
            "https://img.example/l.jpg",
        ),
        (
            '<media:thumbnail url="https://img.example/t.jpg"/><media:content url="https://img.example/c.jpg"/>',
            "https://img.example/t.jpg",
        ),
        # sizes in the address's path where the attributes give none (Reach's regional titles)
        (
            '<media:thumbnail url="https://img.example/a.ece/ALTERNATES/s98/0_x.jpg"/>'
            '<media:content url="https://img.example/a.ece/ALTERNATES/s615/0_x.jpg" medium="image"/>',
            "https://img.example/a.ece/ALTERNATES/s615/0_x.jpg",
        ),
        # one measure for all: a size in the path does not outweigh another picture's attributes
        (
            '<media:thumbnail url="https://img.example/crop/3000x2000/resize/300/x.jpg"/>'
            '<media:content url="https://img.example/crop/3000x2000/resize/1200/x.jpg" medium="image" width="1200"'
            ' height="800"/>',
            "https://img.example/crop/3000x2000/resize/1200/x.jpg",
        ),
        # an unsized original beside a sized crop: no measure for both, the first stays
        (
            '<media:thumbnail url="https://img.example/o.jpg"/>'
            '<media:thumbnail url="https://img.example/o.jpg?w=150&amp;h=150&amp;crop=1"/>',
            "https://img.example/o.jpg",
        ),
        # sizes in the address's query where the attributes give none (WordPress VIP's Photon)
        (
            '<media:content url="https://img.example/c.jpg?w=1000" medium="image"/>'
            '<media:thumbnail url="https://img.example/c.jpg?w=150&amp;h=150&amp;crop=1"/>',
            "https://img.example/c.jpg?w=1000",
        ),
    ],
)
def test_media_images(media: str, image: str | None) -> None:
    assert entry(rss(f"<item><title>T</title>{media}</item>")).image == image


@pytest.mark.parametrize(
    ("media", "image"),
    [
        # GitHub's feeds: the author's 30 px avatar as the thumbnail
        (
            '<media:thumbnail url="https://avatars.githubusercontent.com/u/1?s=30&amp;v=4" width="30" height="30"/>',
            None,
        ),
        # WordPress.com: the author's Gravatar as an image, beside the post's own picture
        (
            '<media:content url="https://2.gravatar.com/avatar/5e3b?s=96&amp;d=identicon" medium="image"/>'
            '<media:content url="https://blog.example/wp-content/uploads/garden.jpg" medium="image"/>',
            "https://blog.example/wp-content/uploads/garden.jpg",
        ),
        ('<media:content url="https://cdn.example/u/avatar/jane.png" medium="image"/>', None),
        ('<media:content url="https://img.example/icon.png" medium="image" width="64" height="64"/>', None),
        # Phys.org's 90 px story thumbnail is the story's picture, not an icon
        (
            '<media:thumbnail url="https://scx1.example/csz/news/tmb/2026/river.jpg" width="90" height="90"/>',
            "https://scx1.example/csz/news/tmb/2026/river.jpg",
        ),
        # Blogger's 72 px square thumbnail is the post's own picture, cropped
        (
            '<media:thumbnail url="https://blogger.googleusercontent.com/img/b/R29v/s72-c/logo.png" width="72"/>',
            "https://blogger.googleusercontent.com/img/b/R29v/s72-c/logo.png",
        ),
        (
            '<media:thumbnail url="http://2.bp.blogspot.com/-kR4m/UZI7/AAAA/p0Lq/s72-c/portrait.jpg" width="72"/>',
            "http://2.bp.blogspot.com/-kR4m/UZI7/AAAA/p0Lq/s72-c/portrait.jpg",
        ),
    ],
)
def test_avatars_and_icons_are_never_the_items_image(media: str, image: str | None) -> None:
    assert entry(rss(f"<item><title>T</title>{media}</item>")).image == image


@pytest.mark.parametrize(
    ("enclosure", "image"),
    [
        # Craigslist's RSS 1.0 search feeds (rbren/rss-parser:test/input/craigslist.rss): the enclosure module
        (
            '<enc:enclosure resource="https://images.listings.example/00A0A_3x_300x300.jpg" type="image/jpeg"/>',
            "https://images.listings.example/00A0A_3x_300x300.jpg",
        ),
        (
            '<enc:enclosure rdf:resource="https://img.example/a.png" enc:type="image/png"'
            ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            "https://img.example/a.png",
        ),
        ('<enc:enclosure resource="https://cdn.example/ep.mp3" type="audio/mpeg"/>', None),
        # An RSS 2.0 enclosure without a type (length="0" and no type, as many CMS templates write it)
        ('<enclosure url="https://img.example/w/photo.jpeg?x=1" length="0"/>', "https://img.example/w/photo.jpeg?x=1"),
        ('<enclosure url="https://img.example/w/photo.jpg" length="0" type=""/>', "https://img.example/w/photo.jpg"),
        ('<enclosure url="https://cdn.example/ep.mp3" length="0"/>', None),
    ],
)
def test_enclosure_images(enclosure: str, image: str | None) -> None:
    body = rss(f"<item><title>T</title>{enclosure}</item>").replace(
        b"<rss ", b'<rss xmlns:enc="http://purl.oclc.org/net/rss_2.0/enc#" '
    )
    assert entry(body).image == image


@pytest.mark.parametrize("tier", TIERS)
def test_plain_picture_elements_of_a_cms(tier: str) -> None:
    # Livemint (NetNewsWire's livemint.xml): <thumbnail> 90x90, <smallimage> 250x250, <bigimage> 600x338
    pictures = (
        "<thumbnail>https://images.news.example/img/90x90/a.jpg</thumbnail>"
        "<smallimage>https://images.news.example/img/250x250/a.jpg</smallimage>"
        "<bigimage>https://images.news.example/img/600x338/a.jpg</bigimage>"
    )
    body = rss(f"<item><title>T</title>{pictures}{TIERS[tier]}</item>")
    assert assert_same(body) == tier
    assert parse_feed(body, url=URL).entries[0].image == "https://images.news.example/img/600x338/a.jpg"
    only_thumb = rss(
        f"<item><title>T</title><thumbnail>https://images.news.example/t.jpg</thumbnail>{TIERS[tier]}</item>"
    )
    assert entry(only_thumb).image == "https://images.news.example/t.jpg"
    assert entry(rss("<item><title>T</title><thumbnail>not a link</thumbnail></item>")).image is None


def test_an_rss_1_0_enclosure_image() -> None:
    body = (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/" xmlns:enc="http://purl.oclc.org/net/rss_2.0/enc#">'
        b'<channel rdf:about="https://city.listings.example/search"><title>listings | for sale</title>'
        b"<link>https://city.listings.example/search</link><description></description></channel>"
        b'<item rdf:about="https://city.listings.example/d/desk/1.html"><title>Desk</title>'
        b"<link>https://city.listings.example/d/desk/1.html</link><description>Walnut desk.</description>"
        b'<enc:enclosure resource="https://images.listings.example/00B_300x300.jpg" type="image/jpeg"/></item>'
        b"</rdf:RDF>"
    )
    assert entry(body).image == "https://images.listings.example/00B_300x300.jpg"


# --- 5. xml:base -------------------------------------------------------------------------------------


def test_content_links_resolve_against_the_xml_base_in_scope() -> None:
    post = (
        "<entry><id>tag:blog,2025:1</id><title>Post</title>"
        '<link rel="alternate" type="text/html" href="https://mirror.example/2025/post"/>'
        '<content type="html" xml:base="https://blog.example/2025/">'
        "&lt;p&gt;See &lt;a href=&quot;notes/more&quot;&gt;the notes&lt;/a&gt;.&lt;/p&gt;"
        "&lt;p&gt;&lt;img src=&quot;../img/chart.png&quot;&gt;&lt;/p&gt;</content></entry>"
        "<entry><id>tag:blog,2025:2</id><title>Other</title>"
        '<link rel="alternate" type="text/html" href="https://mirror.example/2025/other"/>'
        '<summary type="html">&lt;p&gt;&lt;a href=&quot;/about&quot;&gt;About us&lt;/a&gt;'
        " and more.&lt;/p&gt;</summary>"
        "</entry>"
    )
    body = ATOM.format(attrs=' xml:base="https://feeds.blog.example/"', entries=post).encode()
    assert assert_same(body) == "feedparser"
    first, second = parse_feed(body, url=URL).entries
    assert (first.content_base, second.content_base) == ("https://blog.example/2025/", "https://feeds.blog.example/")
    cleaned = clean_feed(body, headers={}, url=URL, now=NOW, settings=NormalizeSettings()).items
    assert 'href="https://blog.example/2025/notes/more"' in (cleaned[0].body_html or "")
    assert cleaned[0].image_url == "https://blog.example/img/chart.png"
    assert 'href="https://feeds.blog.example/about"' in (cleaned[1].body_html or "")


def test_a_relative_xml_base_resolves_against_the_document() -> None:
    body = rss(
        '<item xml:base="/2025/"><title>T</title><description>&lt;a href="x"&gt;x&lt;/a&gt;</description></item>'
    )
    assert entry(body).content_base == "https://feeds.example/2025/"


def test_without_xml_base_the_content_base_is_none() -> None:
    assert (
        entry(rss("<item><title>T</title><description>&lt;a href='x'&gt;x&lt;/a&gt;</description></item>")).content_base
        is None
    )


# --- 6. plain text keeps its paragraphs --------------------------------------------------------------


@pytest.mark.parametrize("tier", TIERS)
def test_a_plain_text_description_keeps_its_paragraphs(tier: str) -> None:
    body = rss(
        "<item><title>Notes</title><description>First paragraph here.\n\nSecond one, "
        f"with a line\nbreak.</description>{TIERS[tier]}</item>"
    )
    assert assert_same(body) == tier
    assert item(body).body == ["First paragraph here.", "Second one, with a line break."]


def test_atom_text_content_keeps_its_paragraphs() -> None:
    post = "<entry><id>1</id><title>T</title><content type='text'>One.\n\nTwo &amp; three.</content></entry>"
    body = ATOM.format(attrs="", entries=post).encode()
    assert_same(body)
    assert item(body).body == ["One.", "Two & three."]


def test_an_html_description_is_still_html() -> None:
    body = rss(
        "<item><title>T</title><description>&lt;p&gt;One.&lt;/p&gt;\n\n&lt;p&gt;Two.&lt;/p&gt;</description></item>"
    )
    assert item(body).body == ["One.", "Two."]


# --- 7. the aggregator's origin and the feed's site ------------------------------------------------------


@pytest.mark.parametrize("tier", TIERS)
def test_rss_source_is_the_origin(tier: str) -> None:
    body = rss(
        "<item><title>Markets fall</title><link>https://news.google.example/articles/x</link>"
        f'<source url="https://www.reuters.example/rss">Reuters</source>{TIERS[tier]}</item>'
    )
    assert assert_same(body) == tier
    raw = parse_feed(body, url=URL).entries[0]
    assert (raw.source_name, raw.source_url) == ("Reuters", "https://www.reuters.example/rss")
    assert raw.feed_site_url == "https://news.example/world"


@pytest.mark.parametrize("tier", TIERS)
def test_a_journals_name_in_its_item_is_the_origin(tier: str) -> None:
    body = rss(
        "<item><title>Heat pumps and peak demand</title><link>https://www.nature.example/articles/s41560</link>"
        f"<prism:publicationName>Nature Energy</prism:publicationName>{TIERS[tier]}</item>"
    )
    assert assert_same(body) == tier
    assert (entry(body).source_name, entry(body).source_url) == ("Nature Energy", None)


def test_atom_source_is_the_origin() -> None:
    relayed = (
        "<entry><id>tag:planet,1</id><title>Relayed</title>"
        '<source><id>tag:orig</id><title>Original Blog</title><link rel="alternate" href="https://orig.example/"/>'
        "</source></entry>"
    )
    body = ATOM.format(attrs="", entries=relayed).encode()
    assert assert_same(body) == "replayed"
    raw = parse_feed(body, url=URL).entries[0]
    assert (raw.source_name, raw.source_url, raw.feed_site_url) == (
        "Original Blog",
        "https://orig.example/",
        "https://blog.example/",
    )


# --- JSON Feed: the same fields ----------------------------------------------------------------------


def json_feed(items: str) -> bytes:
    return (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Notes", "home_page_url": "https://notes.example/",'
        ' "authors": [{"name": "Notes Desk"}], "items": [' + items + "]}"
    ).encode()


def test_json_content_text_keeps_its_paragraphs_and_an_empty_html_is_no_content() -> None:
    body = json_feed(
        '{"id": "1", "title": "T", "content_html": " ", "content_text": "One line.\\n\\nAnother line.",'
        ' "banner_image": "https://notes.example/banner.png"}'
    )
    raw = parse_feed(body, url=URL).entries[0]
    assert (raw.content_kind, raw.image, raw.feed_site_url) == (
        "text",
        "https://notes.example/banner.png",
        "https://notes.example/",
    )
    assert item(body).body == ["One line.", "Another line."]


def test_json_content_text_that_holds_html_is_read_as_html() -> None:
    # A site's own build script writes its HTML into content_text.
    body = json_feed('{"id": "1", "title": "T", "content_text": "<p>One <code>bb</code> line.</p><p>Another.</p>"}')
    assert parse_feed(body, url=URL).entries[0].content_kind == "html"
    assert item(body).body == ["One bb line.", "Another."]
    # text that only mentions a tag stays text
    plain = json_feed('{"id": "1", "title": "T", "content_text": "Use <p> for paragraphs.\\n\\nThat is all."}')
    assert parse_feed(plain, url=URL).entries[0].content_kind == "text"


def test_json_authors_are_names() -> None:
    body = json_feed(
        '{"id": "1", "title": "A", "content_text": "x", "authors": [{"name": "Jo Writer (jo@mail.example)"}]},'
        '{"id": "2", "title": "B", "content_text": "x", "authors": [{"name": "jo@mail.example"}]},'
        '{"id": "3", "title": "C", "content_text": "x", "authors": [{"name": "Ann"}, {"name": "Bo"}]},'
        # a template that writes bare names (Spotlight PA's Hugo feed)
        '{"id": "4", "title": "D", "content_text": "x", "authors": ["Nora Whitfield", "Caleb Ostrowski"]}'
    )
    authors = [e.author for e in parse_feed(body, url=URL).entries]
    assert authors == ["Jo Writer", "Notes Desk", "Ann, Bo", "Nora Whitfield, Caleb Ostrowski"]


@pytest.mark.parametrize("tier", TIERS)
def test_an_empty_content_leaves_the_summary_as_the_story(tier: str) -> None:
    # A code host's tag entry: the tag message in <summary>, an empty <content> when no release notes exist.
    body = ATOM.format(
        attrs=' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
        entries=(
            "<entry><id>tag:blog,v1.2.1</id><title>v1.2.1</title>"
            '<link href="https://blog.example/tags/v1.2.1"/><updated>2025-11-20T08:00:00Z</updated>'
            f'<summary>Fix the tide offset south of 60°S</summary><content type="html"></content>{TIERS[tier]}</entry>'
        ),
    ).encode()
    assert assert_same(body) == tier
    assert parse_feed(body, url=URL).entries[0].content == "Fix the tide offset south of 60°S"


def test_the_notes_in_markup_win_over_the_plain_itunes_summary() -> None:
    # feedparser files <itunes:summary> as a text/plain content before <content:encoded>'s HTML.
    body = rss(
        '<item><title>Ep. 212</title><itunes:summary xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">'
        "One. Two.</itunes:summary><content:encoded><![CDATA[<p>One.</p><p>Two.</p>]]></content:encoded></item>"
    )
    assert entry(body).content == "<p>One.</p><p>Two.</p>"
    assert item(body).body == ["One.", "Two."]


def test_a_card_without_words_as_content_gives_way_to_the_described_story() -> None:
    # Slickdeals: the content is a card (picture, score, store link); the description is the deal.
    card = (
        '<div><img src="https://static.example/200x200/1.thumb" alt="Bundle"></div><br /><div>Thumb Score: +61 </div>'
        '<div><a href="https://deals.example/click?trd=Walmart">Walmart</a></div>'
    )
    deal = "Walmart has the Nintendo Switch 2 bundle on sale for $429. Shipping is free for members today."
    body = rss(
        f"<item><title>Bundle $429</title><description>{deal}</description>"
        f"<content:encoded><![CDATA[{card}]]></content:encoded></item>"
    )
    told = entry(body)
    assert (told.content, told.image) == (deal, "https://static.example/200x200/1.thumb")
    # content with a story of its own stays the story
    story = "<p>The council voted on Monday to keep the library open.</p>"
    kept = entry(
        rss(
            f"<item><title>T</title><description>{deal}</description>"
            f"<content:encoded><![CDATA[{story}]]></content:encoded></item>"
        )
    )
    assert kept.content == story


def test_a_picture_in_a_publishers_own_module() -> None:
    # ARD's metaplus module (tagesschau, BR24): <mp:image><mp:data>URL</mp:data>…</mp:image>.
    body = rss(
        '<item><title>A9 wieder frei</title><mp:image xmlns:mp="http://www.tagesschau.de/rss/1.0/modules/metaplus/1.2.0/">'
        "<mp:data>https://img.br.de/3f5a.jpeg?q=80&amp;w=2000</mp:data><mp:alt>Polizeiauto</mp:alt></mp:image></item>"
        '<item><title>B</title><x:data xmlns:x="x">https://not.example/a-picture.jpg</x:data></item>'
    )
    assert [e.image for e in parse_feed(body, url=URL).entries] == ["https://img.br.de/3f5a.jpeg?q=80&w=2000", None]
    assert_same(body)


def test_an_aggregators_picture_element_and_its_rss_marker() -> None:
    # Bing News: <News:Image>URL</News:Image>; SoylentNews' links end in "&from=rss".
    body = rss(
        "<item><title>A</title><link>https://soylentnews.example/article.pl?sid=26/12/01/2314206&amp;from=rss</link>"
        '<News:Image xmlns:News="https://www.bing.com/news/search">http://www.bing.com/th?id=OVFT.Yq3&amp;pid=News'
        "</News:Image><description>A plant recovers lithium from scrapped packs at scale.</description></item>"
    )
    assert entry(body).image == "http://www.bing.com/th?id=OVFT.Yq3&pid=News"
    assert item(body).url == "https://soylentnews.example/article.pl?sid=26/12/01/2314206"


@pytest.mark.parametrize(
    ("enclosure", "kind"),
    [
        ('<enclosure url="https://cdn.example/ep.mp3" length="1" type="audio/mpeg"/>', "audio"),
        ('<enclosure url="https://cdn.example/ep.mp4" length="1" type="video/mp4"/>', "video"),
        ('<media:content url="https://cdn.example/ep.m4a" medium="audio"/>', "audio"),
        ('<enclosure url="https://cdn.example/a.jpg" length="1" type="image/jpeg"/>', None),
        ("", None),
    ],
)
def test_the_kind_of_an_items_enclosure(enclosure: str, kind: str | None) -> None:
    assert entry(rss(f"<item><title>T</title>{enclosure}</item>")).media_kind == kind
