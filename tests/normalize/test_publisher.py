"""Publisher identity: an item's ``source`` is its publisher, never a feed or section label."""

from __future__ import annotations

from typing import Any

import pytest

from app.normalize import RawItem, canonical_url, normalize
from app.normalize.data import name_data
from app.normalize.publisher import (
    clean_feed_title,
    host_name,
    on_platform_removed,
    publisher_name,
    registrable_label,
    site_label,
    spelled_name,
    word_label,
    worded_label,
)

from .support import NOW, SETTINGS


@pytest.mark.parametrize(
    ("title", "hosts", "expected"),
    [
        ("World news | The Guardian", ["www.theguardian.com"], "The Guardian"),
        ("NYT > Top Stories", ["rss.nytimes.com"], "The New York Times"),
        ("NYT > World News", [], "The New York Times"),  # a short form (feed_titles.toml [aliases])
        ("CNN.com - RSS Channel - World", ["rss.cnn.com"], "CNN"),
        ("WSJ.com: World News", ["feeds.a.dj.com"], "The Wall Street Journal"),
        ("NYT", [], "NYT"),  # a bare title stays as it is
        # A title that opens with the site's domain (NetNewsWire's phpxml.rss): the domain names it
        ("www.fcutrecht.net voetbalnieuws", ["www.fcutrecht.net"], "fcutrecht.net"),
        ("example.org news", ["www.fcutrecht.net"], "example.org news"),  # another site's domain: as it is
        ("Ars Technica - All content", ["feeds.arstechnica.com"], "Ars Technica"),
        ("Better Programming - Medium", ["betterprogramming.pub"], "Better Programming"),
        ("NPR Topics: Science", ["www.npr.org"], "NPR"),
        ("Top stories - Google News", ["news.google.com"], "Google News"),
        ("TechCrunch » Startups – Venture & Funding", [], "TechCrunch"),
        ("newest submissions : selfhosted", ["www.reddit.com"], "selfhosted"),
        ("Hacker News: Front Page", ["hnrss.org", "news.ycombinator.com"], "Hacker News"),
        ("Stories by Kofi Mensah on Medium", ["medium.com"], "Kofi Mensah"),
        ("Neue Pressemitteilung bei firmenpresse", ["www.firmenpresse.de"], "firmenpresse"),
        ("Wiley: Ibis: Table of Contents", ["onlinelibrary.wiley.com"], "Ibis"),
        ("Status updates from Mirela Dragan", ["bookwyrm.social"], "Mirela Dragan"),  # BookWyrm
        ("Deseret News", [], "Deseret News"),  # a masthead the table knows, whole
        ("Platformer on Substack", [], "Platformer"),
        ("The Verge - All Posts", [], "The Verge"),
        ("BBC News - World", ["feeds.bbci.co.uk"], "BBC News"),
        ("Latest news | Sky News", ["feeds.skynews.com"], "Sky News"),
        ("Opinion | The Washington Post", [], "The Washington Post"),
        ("Reuters: World News", [], "Reuters"),
        ("CBC | Top Stories News", ["www.cbc.ca"], "CBC"),
        ("Engadget is a web magazine - Engadget", ["www.engadget.com"], "Engadget"),
        ("The Daily Beast – Latest News", ["www.thedailybeast.com"], "The Daily Beast"),
        ("Latest Science News -- ScienceDaily", ["www.sciencedaily.com"], "ScienceDaily"),
        ("Al Jazeera – Breaking News, World News and Video from Al Jazeera", ["www.aljazeera.com"], "Al Jazeera"),
        ("Deutsche Welle: DW.COM - English", ["rss.dw.com"], "Deutsche Welle"),
        ("News : NPR", ["feeds.npr.org"], "NPR"),
        ("Mastodon: Ines Moreau", ["fosstodon.org"], "Ines Moreau"),
        ("Product Hunt — The best new products, every day", ["www.producthunt.com"], "Product Hunt"),
        ("Feed: All Latest", ["www.wired.com"], None),  # only section words: nothing names the site
        # A bare title stays as it is, whatever its words.
        ("Null Pointer Notes", ["nullpointernotes.com"], "Null Pointer Notes"),
        ("Krebs on Security", ["krebsonsecurity.com"], "Krebs on Security"),
        ("Engadget RSS Feed", [], "Engadget"),  # words that name the feed go, with a separator or without
        ("Cool Feed", [], "Cool Feed"),  # but "Feed" alone may be the feed's own name
        ("Press Releases", ["www.sec.gov"], None),  # a section label alone names no publisher
        ("Journal - Fennel & Fig Bakery", ["www.fennelandfig.com"], "Fennel & Fig Bakery"),  # & spelt "and"
        ("Lanternfall: A Cooperative Deckbuilder", [], "Lanternfall: A Cooperative Deckbuilder"),  # a subtitle
        ("Lanternfall: A Cooperative Deckbuilder - Updates", [], "Lanternfall: A Cooperative Deckbuilder"),
        ("NPR Topics: Science", [], "NPR"),  # a colon before a section label still separates
        ("Cory Dransfeldt • Posts", ["coryd.dev"], "Cory Dransfeldt"),  # a bullet separates too
        # a Q&A site's feed of questions
        ("Newest questions - Home Improvement Stack Exchange", [], "Home Improvement Stack Exchange"),
        ("PyPI recent updates for tidewright", ["pypi.org"], "PyPI"),  # a site's feed about one subject
        ("연합뉴스 최신기사", ["www.yna.co.kr"], "연합뉴스"),  # "latest articles" names the feed
        ("Boston, MA Patch", ["patch.com"], "Patch"),  # the words at the end that spell the host
        ("Gibraltar Chronicle", ["www.chronicle.gi"], "Gibraltar Chronicle"),  # one word before it is the name's
        ("Cassie Kozyrkov", ["kozyrkov.com"], "Cassie Kozyrkov"),
        ("St. Charles Herald Guide", ["www.heraldguide.com"], "St. Charles Herald Guide"),
        ("Football Sky Sports", ["www.skysports.com"], "Sky Sports"),  # a section's word before it is no name's
        ("Boston Patch", ["patch.com"], "Boston Patch"),
        ("www.iberianet.com - RSS Results of type article", ["www.iberianet.com"], "iberianet.com"),
        ("Fernhill Notes", ["fernhill.dev"], "Fernhill Notes"),  # a name that starts with the host's word
        ("Toronto Police Service News Releases", ["www.tps.ca"], "Toronto Police Service"),
        ("SA Police News", ["www.police.sa.gov.au"], "SA Police"),  # a police force's name ends with "Police"
        ("Fox News Latest", [], "Fox News Latest"),  # "Fox" alone would be no name
        ("The Airbnb Tech Blog", [], "The Airbnb Tech Blog"),  # "The Airbnb" is one word of name
        ("FRB: Press Release", [], "FRB"),
        ("~wren/quillmd log", ["git.sr.ht"], "~wren/quillmd"),  # SourceHut's lowercase ending
        ("Lantern Log", ["lanternlog.example"], "Lantern Log"),  # a name that ends in "Log"
        ("Leeds Python Group Events", [], "Leeds Python Group"),
        # A dash or underscore touching CJK separates without spaces; Japanese "<site>の<feed>".
        ("人民网-时政频道", ["politics.people.com.cn"], "人民网"),
        ("新华网_科技", [], "新华网"),
        ("奇客Solidot–传递最新科技情报", ["www.solidot.org"], "奇客Solidot"),
        ("Zennのトレンド", ["zenn.dev"], "Zenn"),
        ("金門日報全球資訊網", ["www.kmdn.gov.tw"], "金門日報"),  # Chinese "<name>'s website"
        ("Wi-Fi Weekly", [], "Wi-Fi Weekly"),  # a Latin hyphen is no separator
        ("Football News", ["www.skysports.com"], None),  # a sports desk alone names nobody
        ("Snopes.com", ["www.snopes.com"], "Snopes"),  # the site's domain as its title: the name
        ("Ledgerline.com", ["www.example.com"], "Ledgerline.com"),  # another site's domain stays as written
        ("Salon.com", ["www.example.com"], "Salon"),  # unless the table names that domain's publisher
        ("CBSNews.com", [], "CBS News"),
        ("Make:", [], "Make:"),
        ("Wi-Fi Now", [], "Wi-Fi Now"),
        # a name in another script spells the host in Latin letters: the part that does is the name
        ("Коммерсантъ. Лента новостей", ["www.kommersant.ru"], "Коммерсантъ"),
        ("Ειδήσεις | Καθημερινή", ["www.kathimerini.gr"], "Καθημερινή"),
        ("Лента новостей | Вечерний город", ["www.example.ru"], "Вечерний город"),
        # the part ending with the host's name names the site, over a tagline's ("USA News and Politics")
        ("The American Spectator | USA News and Politics", ["spectator.org"], "The American Spectator"),
        # a show's subdomain on its host names it, as its gloss spells it
        ("The Twenty Minute VC (20VC): Venture Capital | The Pitch", ["20vc.libsyn.com"], "The Twenty Minute VC"),
        # a small word joins the words before the host's to the name; Hugo's "<Section> on <Site>" is a section
        ("Welcome to Night Vale", ["nightvale.libsyn.com"], "Welcome to Night Vale"),
        ("Issues on Brindle Status", ["status.brindle.io"], "Brindle Status"),
        ("blog :: Brent -> [String]", ["byorgey.wordpress.com"], "Brent -> [String]"),  # an arrow: no separator
        ("Science|Business", ["sciencebusiness.net"], "Science|Business"),  # a bar joining two words: one name
        ("World news|The Guardian", ["www.theguardian.com"], "The Guardian"),
        ("Όλες οι ειδήσεις", ["www.newsbomb.gr"], None),  # Greek "all the news": a section
        ("Lobsters: databases", ["notes.example.io"], "Lobsters"),  # a tag's feed: one word in lower case
        ("Lobsters: rust", [], "Lobsters"),
        ("Star Wars: Andor", [], "Star Wars: Andor"),  # a capital opens a subtitle, no tag
        ("47NEWS 社会", [], "47NEWS"),  # a desk after the name in Japanese
        ("共同通信 国際", [], "共同通信"),
        ("月刊 科学", [], "月刊 科学"),  # a magazine's name, no desk
        ("The Latest Issue", [], "The Latest Issue"),
        ("Gut current issue", ["gut.bmj.com"], "Gut"),  # a journal's issue feed
        ("Jornal da Unesp", ["jornal.unesp.br"], "Jornal da Unesp"),  # a Romance joiner keeps the name whole
        ("Blog de Platzi", ["platzi.com"], "Platzi"),  # unless a section stands before it
        ("Toute La Culture", [], "Toute La Culture"),  # an article before a section word: the name's own
    ],
)
def test_clean_feed_title(title: str, hosts: list[str], expected: str | None) -> None:
    assert clean_feed_title(title, hosts) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.nytimes.com", "The New York Times"),
        ("edition.cnn.com", "CNN"),  # through the parent domain
        ("feeds.bbci.co.uk", "BBC News"),
        ("www.bbc.co.uk", "BBC News"),
        ("markets.businessinsider.com", "Markets Insider"),  # the more specific entry wins
        ("www.businessinsider.com", "Business Insider"),
        ("www.spiegel.de", "Der Spiegel"),
        ("platformer.substack.com", None),  # a platform never names its publications
        ("www.gov.uk", "GOV.UK"),
        ("harbourtrust.gov.uk", None),  # a site under a registry is not the registry's own site
        ("www.harbourtrust.gov.uk", None),
        ("medium.com", None),
        ("news.google.com", None),
        ("www.example.org", None),
        ("", None),
    ],
)
def test_host_table(host: str, expected: str | None) -> None:
    assert host_name(host) == expected


def test_aggregator_origin_wins() -> None:
    name = publisher_name(
        origin="Reuters",
        origin_host="www.reuters.com",
        article_host="news.google.com",
        feed_title="Top stories - Google News",
        feed_hosts=["news.google.com"],
    )
    assert name == "Reuters"


def test_an_origin_given_only_by_its_url() -> None:
    assert publisher_name(origin_host="www.reuters.com", article_host="news.google.com") == "Reuters"
    name = publisher_name(origin_host="www.citylab-notes.org", feed_title="Top stories - Google News")
    assert name == "citylab-notes.org"


def test_aggregator_title_names_the_origin_when_no_source_element() -> None:
    name = publisher_name(
        title="Heat pump sales overtake gas furnaces - Portland Press Herald",
        article_host="news.google.com",
        feed_title="Google News",
    )
    assert name == "Portland Press Herald"
    # The same title from a publisher's own feed is only a title.
    assert publisher_name(title="Cats - a history", article_host="www.example.com") == "Example"


@pytest.mark.parametrize(
    ("host", "path", "expected"),
    [
        ("fosstodon.org", "/@tails/115601772940318654", "@tails@fosstodon.org"),  # a fediverse status
        ("bsky.app", "/profile/nuxt.com/post/3m6hzt4qwbk2d", "@nuxt.com"),  # a Bluesky post
        ("fosstodon.org", "/about", "Fosstodon"),
    ],
)
def test_a_social_posts_address_names_its_account(host: str, path: str, expected: str) -> None:
    assert publisher_name(article_host=host, article_path=path) == expected


def test_a_social_posts_poster_named_by_the_item_over_the_handle() -> None:
    name = publisher_name(article_host="fosstodon.org", article_path="/@tails/115601772940318654", author="Tails")
    assert name == "Tails"


def test_a_hashtags_feed_on_an_instance_is_the_instances() -> None:
    name = publisher_name(
        article_host="mastodon.social", article_path="/@dwiegand/115601772940318654", feed_hosts=("fosstodon.org",)
    )
    assert name != "@dwiegand@mastodon.social"


def test_the_article_host_names_the_publisher_over_the_feed_title() -> None:
    name = publisher_name(
        article_host="www.nytimes.com", feed_title="NYT > Top Stories", feed_hosts=["rss.nytimes.com"]
    )
    assert name == "The New York Times"


def test_a_feed_that_relays_other_publishers_is_the_source() -> None:
    name = publisher_name(
        article_host="www.nytimes.com",
        feed_title="Hacker News: Front Page",
        feed_hosts=["news.ycombinator.com", "hnrss.org"],
    )
    assert name == "Hacker News"


def test_a_link_blog_is_the_source_of_the_stories_it_links() -> None:
    name = publisher_name(
        article_host="www.nytimes.com", feed_title="kottke.org", feed_hosts=["kottke.org"], site_host="kottke.org"
    )
    assert name == "kottke.org"
    # A publisher whose feeds live on another domain is still the publisher of its own articles.
    own = publisher_name(
        article_host="www.wsj.com",
        feed_title="WSJ.com: World News",
        feed_hosts=["www.wsj.com", "feeds.a.dj.com"],
        site_host="www.wsj.com",
    )
    assert own == "The Wall Street Journal"
    bbc = publisher_name(
        article_host="www.bbc.co.uk",
        feed_title="BBC News - World",
        feed_hosts=["feeds.bbci.co.uk"],
        site_host="feeds.bbci.co.uk",
    )
    assert bbc == "BBC News"


@pytest.mark.parametrize(
    ("host", "feed_title", "expected"),
    [
        ("platformer.substack.com", "Platformer", "Platformer"),
        ("platformer.substack.com", None, "platformer"),
        ("inkwell-sketches.tumblr.com", "Untitled", "inkwell-sketches"),  # a platform's placeholder title
        ("www.youtube.com", "Workshop Tales", "Workshop Tales"),
        ("betterprogramming.pub", "Better Programming - Medium", "Better Programming"),
        # a profile's feed titled by its handle and its display name: the name
        ("bsky.app", "@scottmanley.bsky.social - Scott Manley", "Scott Manley"),
        ("mastodon.social", "Chaos Computer Club - @ccc@chaos.social", "Chaos Computer Club"),
        # a feed titled by its blog's address on the platform: the blog
        (None, "digitalnomadder.micro.blog", "digitalnomadder"),
        (None, "ourfamily.example.blog", "ourfamily.example.blog"),  # (no platform: the address as titled)
        (None, "news.micro.blog", "news.micro.blog"),  # (the platform's own site: the address as titled)
        (None, "staff.tumblr.com", "staff.tumblr.com"),
        # blog and podcast hosts of Europe, Japan and Korea: their own name is no publisher's
        ("www.ivoox.com", None, None),
        ("moebuntu.blog.fc2.com", "萌え萌えmoebuntu", "萌え萌えmoebuntu"),
        ("yuheiy.hatenablog.com", None, None),
    ],
)
def test_platform_hosts_leave_the_name_to_the_feed(host: str, feed_title: str | None, expected: str | None) -> None:
    assert publisher_name(article_host=host, feed_title=feed_title) == expected


def test_where_the_author_is_the_publication_the_author_names_it() -> None:
    assert publisher_name(article_host="www.youtube.com", author="Workshop Tales") == "Workshop Tales"
    # a video platform's channel (its author) names it even beside a feed title, which may be a playlist's
    assert publisher_name(article_host="www.youtube.com", feed_title="Shop projects", author="Jo") == "Jo"
    assert publisher_name(article_host="www.example.com", author="Jo") == "Example"  # a site is not its author


def test_a_github_project_is_named_from_the_link_path() -> None:
    name = publisher_name(
        article_host="github.com",
        article_path="/feedkit/feedkit/releases/tag/v2.4.0",
        feed_title="Release notes from feedkit",
    )
    assert name == "feedkit"
    assert clean_feed_title("Release notes from feedkit") == "feedkit"
    own = publisher_name(
        article_host="github.com",
        article_path="/feedkit/feedkit/commit/9f1c2ab",
        feed_title="Recent Commits to feedkit:main",
        feed_hosts=["github.com"],
    )
    assert own == "feedkit"
    # A feed that links out to a repository keeps its own name.
    relayed = publisher_name(
        article_host="github.com", article_path="/pkaur/onefile-reader", feed_title="Hacker News: Front Page"
    )
    assert relayed == "Hacker News"


def test_a_subreddit_is_named_from_the_link_path() -> None:
    name = publisher_name(
        article_host="www.reddit.com",
        article_path="/r/selfhosted/comments/1h2k9qz/moved_my_stack/",
        feed_title="newest submissions : selfhosted",
        feed_hosts=["www.reddit.com"],
    )
    assert name == "r/selfhosted"


def test_the_ifttt_footer_names_the_origin_of_a_reposted_story() -> None:
    name = publisher_name(
        footer="The Verge - All Posts",
        footer_host="www.theverge.com",
        article_host="gadgetfeed.blogspot.com",
        feed_title="Gadget Feed",
    )
    assert name == "The Verge"
    assert publisher_name(footer="TechCrunch » Startups – Venture & Funding") == "TechCrunch"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.theledgerline.com", "theledgerline.com"),
        ("campusnews.example.edu", "example.edu"),
        ("www.bbc.co.uk", "BBC"),  # two or three letters: the acronym
        ("www.sec.gov", "SEC"),
        ("ib3.org", "IB3"),  # a letter-and-digit acronym
        ("www.9to.com", "9to.com"),  # a digit first: no acronym
        ("shedlife.wordpress.com", "shedlife"),
        ("inkwell-sketches.tumblr.com", "inkwell-sketches"),
        ("www.xn--fa-hia.de", "faß.de"),
        ("prefecturedepolice.interieur.gouv.fr", "interieur.gouv.fr"),  # gouv.fr is a registry
        ("www.fire.nsw.gov.au", "fire.nsw.gov.au"),  # and so is an Australian state's under gov.au
        ("www.saopaulo.sp.gov.br", "saopaulo.sp.gov.br"),  # or a Brazilian state's under gov.br
        ("www.sa.gov.au", "SA"),  # the state's own site
        ("news.act.gov.au", "ACT"),  # and its news room
        ("192.0.2.1", None),
    ],
)
def test_site_label_is_the_registrable_domain(host: str, expected: str | None) -> None:
    assert site_label(host) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.finegardening.com", "Fine Gardening"),
        ("westseattleblog.com", "West Seattle Blog"),
        ("www.theledgerline.com", "The Ledger Line"),
        ("northcoastjournal.com", "North Coast Journal"),
        ("kottke.org", None),  # a personal name is no words
        ("fasterthanli.me", None),  # "li" is a scrap, not a word
        ("inessential.com", None),  # one word: the domain says as much
        ("loamwise.org", None),  # two short words: one coined name, its casing unknown
        ("earthsky.org", None),
        ("clareecho.ie", "Clare Echo"),  # two ordinary words, the second only a newspaper's: a paper's name
        ("firstpost.com", None),  # a brand runs "post", "mail", "news" into a word as often
        ("fastmail.com", None),
        ("bizpost.com", None),
        ("oldgodsofappalachia.com", "Old Gods of Appalachia"),  # a place's name the list lacks after "of"
        ("universityofexeter.ac.uk", "University of Exeter"),
        ("thesun.ng", "The Sun"),  # "the" opens a name of words, however short
        ("www.theverge.com", "The Verge"),
        ("citylab-notes.org", None),  # a coined word parted by a hyphen: its casing unknown
        ("front-matter.io", "Front Matter"),  # words the site parted itself
        ("www.cambrian-news.co.uk", "Cambrian News"),  # a town's name before a masthead's word
        ("www.wallstreet-online.de", None),
        ("www.sunraysiadaily.com.au", "Sunraysia Daily"),  # a town the word list lacks, run into its masthead
        ("www.pentictonwesternnews.com", "Penticton Western News"),
        ("thesangaiexpress.com", "The Sangai Express"),  # "the" stays its own word before the town's name
        ("sec.gov", None),
        ("drownedinsound.org", "Drowned in Sound"),  # a short joining word between two ordinary ones
        ("rootsofprogress.org", "Roots of Progress"),
        ("neatorama.com", None),  # "nea to rama": scraps round it
        ("fosstodon.org", None),
        ("www.finanztip.de", None),  # "fin anz tip": three letters no ordinary word are scraps, no words
        ("zenpencils.com", "Zen Pencils"),  # a three-letter word among the ordinary ones
        ("wokandkin.com", "Wok and Kin"),
        # a show's subdomain on a podcast host, parted with hyphens: its words
        ("the-secure-developer.libsyn.com", "The Secure Developer"),
        ("labor-radio.podbean.com", "Labor Radio"),
        ("django-chat.simplecast.com", None),  # a coined word's casing unknown
    ],
)
def test_worded_label_reads_a_domain_that_runs_words_together(host: str, expected: str | None) -> None:
    assert worded_label(host) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("sprudge.com", "Sprudge"),
        ("www.jurist.org", "Jurist"),
        ("nerdcore.de", "Nerdcore"),
        ("www.theradavist.com", "The Radavist"),  # "the" opens the name
        ("forum.loamwise.org", None),  # a subdomain is a part of the site, named by its domain
        ("itch.io", None),  # a name made with its top-level domain
        ("mstdn.jp", None),  # four consonants in a row: an abbreviation
        ("www.nrdlab.io", None),
        ("e27.co", None),  # digits
        ("wcpo.com", None),  # four letters: call letters as often as a word
        ("lakewtr.org", None),  # three consonants at the end: abbreviated
        ("platformer.substack.com", None),
        ("sec.gov", None),  # three letters: the acronym site_label gives
    ],
)
def test_word_label_names_a_site_by_its_one_pronounceable_label(host: str, expected: str | None) -> None:
    assert word_label(host) == expected


def test_a_platforms_own_domain_names_no_one() -> None:
    assert publisher_name(article_host="rss.com") is None  # not "RSS"
    assert publisher_name(article_host="t.me") is None  # not "T"
    assert publisher_name(article_host="inkwell-sketches.tumblr.com") == "inkwell-sketches"


def test_an_item_with_only_its_link_is_named_by_the_domain_word() -> None:
    assert publisher_name(article_host="www.sprudge.com") == "Sprudge"
    assert publisher_name(article_host="www.finegardening.com") == "Fine Gardening"
    assert publisher_name(article_host="mstdn.jp") == "mstdn.jp"


def test_a_footer_naming_only_a_section_leaves_the_name_to_the_host() -> None:
    name = publisher_name(footer="Essays", footer_host="openarchivereview.org", article_host="openarchivereview.org")
    assert name == "Open Archive Review"
    assert publisher_name(footer="Harbour Notes", article_host="openarchivereview.org") == "Harbour Notes"


@pytest.mark.parametrize(
    ("feed_title", "link", "expected"),
    [
        ("Harvard Gazette", "https://news.harvard.edu/gazette/story/2026/12/a/", "Harvard Gazette"),
        ("Xbox Wire", "https://news.xbox.com/en-us/2026/12/03/a/", "Xbox Wire"),
        # the parent's name with a section word, or a product's feed, is the parent's
        ("Harvard News", "https://news.harvard.edu/gazette/story/2026/12/a/", "Harvard University"),
        ("Xbox for PC releases", "https://news.xbox.com/en-us/2026/12/03/a/", "Xbox"),
    ],
)
def test_a_subdomains_own_publication_by_its_feed_title(feed_title: str, link: str, expected: str) -> None:
    item = RawItem(title="A story", link=link, content_text="Text of the story.", feed_title=feed_title)
    assert normalize(item, now=NOW, settings=SETTINGS).source == expected


def test_a_portal_feed_titled_by_a_topic_is_the_portals_own() -> None:
    item = RawItem(
        title="Class 2 medicines recall: lisinopril 10mg tablets",
        link="https://www.gov.uk/drug-device-alerts/class-2-medicines-recall-lisinopril",
        content_text="A batch is recalled as a precaution.",
        feed_title="Alerts, recalls and safety information: medicines and medical devices",
    )
    assert normalize(item, now=NOW, settings=SETTINGS).source == "GOV.UK"


def test_a_domain_of_words_names_the_publisher_when_nothing_else_does() -> None:
    item = RawItem(
        title="Pruning roses in winter",
        link="https://www.finegardening.com/article/pruning-roses-in-winter",
        content_text="Cut back to an outward-facing bud.",
    )
    assert normalize(item, now=NOW, settings=SETTINGS).source == "Fine Gardening"
    personal = item.model_copy(update={"link": "https://kottke.org/26/12/pruning-roses"})
    assert normalize(personal, now=NOW, settings=SETTINGS).source == "kottke.org"


def test_normalize_reads_the_aggregator_origin() -> None:
    raw = RawItem(
        title="Heat pump sales overtake gas furnaces for third straight year",
        link="https://news.google.com/rss/articles/CBMiWmh0dHBzOi8vd3d3LnJldXRlcnMuY29t?oc=5",
        feed_title="Top stories - Google News",
        feed_url="https://news.google.com/rss",
        source_name="Reuters",
        source_url="https://www.reuters.com",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Reuters"


def test_normalize_names_a_relaying_feed_by_its_site_link() -> None:
    raw = RawItem(
        title="Show HN: A job queue in 300 lines",
        link="https://www.nytimes.com/2026/11/28/technology/queues.html",
        feed_title="Hacker News: Front Page",
        feed_url="https://hnrss.org/frontpage",
        feed_site_url="https://news.ycombinator.com/",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Hacker News"
    own = raw.model_copy(update={"feed_site_url": "https://www.nytimes.com", "feed_title": "NYT > Technology"})
    assert normalize(own, now=NOW, settings=SETTINGS).source == "The New York Times"


def test_the_host_table_is_well_formed() -> None:
    data = name_data()
    assert len(data.hosts) >= 500
    for host, name in data.hosts.items():
        assert canonical_url(f"https://{host}/") == f"https://{host}/", host  # a lowercase host, nothing else
        assert name, host
        assert name.strip() == name, host
        assert host not in data.platforms, host  # a platform's host never names a publisher
    assert all(canonical_url(f"https://{host}/") for host in data.platforms)


def test_normalize_looks_up_the_origlink_host_behind_a_proxy_link() -> None:
    raw = RawItem(
        title="Apple fixes a bug",
        link="http://feedproxy.google.com/~r/techblog/~3/p0QxYz/",
        orig_link="https://www.engadget.com/2023/11/02/apple-fixes-a-bug/",
        feed_title="Tech Roundup Mirror",
        feed_url="http://feeds.feedburner.com/techblog",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Engadget"


@pytest.mark.parametrize(
    ("title", "hosts", "expected"),
    [
        # Code hosts' and video platforms' feed titles: the name before the feed's own ending.
        ("bayleaf tags", ["gitlab.example.net"], "bayleaf"),
        ("bayleaf:release/2.x commits", ["gitlab.example.net"], "bayleaf"),
        ("Releases for ada/bayleaf", ["git.example.net"], "ada/bayleaf"),
        ("Uploads from Harbour Lane Studio", ["www.flickr.com"], "Harbour Lane Studio"),
        ("Vimeo / Harbour Lane Studio’s videos", ["vimeo.com"], "Harbour Lane Studio"),
        ("DeviantArt: loish's Gallery", ["www.deviantart.com"], "loish"),
        ("AO3 works tagged 'Stardew Valley (Video Game)'", ["archiveofourown.org"], "AO3"),
        ("Wikipedia featured articles feed", ["en.wikipedia.org"], "Wikipedia"),
        (
            "National Bureau of Economic Research Working Papers",
            ["www.nber.org"],
            "National Bureau of Economic Research",
        ),
        ("老师好我叫何同学 的 bilibili 空间", ["space.bilibili.com"], "老师好我叫何同学"),
        # " on <the feed's own site>": what stands before it is a section of that site.
        ("math.CO updates on preprints.example.org", ["preprints.example.org"], "preprints.example.org"),
        # Words that only look like the endings stay.
        ("Name Tags Weekly", [], "Name Tags Weekly"),
        ("AC/DC Fans", [], "AC/DC Fans"),
    ],
)
def test_clean_feed_title_platform_endings(title: str, hosts: list[str], expected: str | None) -> None:
    assert clean_feed_title(title, hosts) == expected


def test_an_origin_on_the_items_own_site_is_not_an_origin() -> None:
    # A forum puts each post's topic in <source url="…the same forum…">: the forum is the publisher.
    name = publisher_name(
        origin="Why does the pump hum at night?",
        origin_host="talk.pumpworks.example",
        article_host="talk.pumpworks.example",
        feed_title="Pumpworks Talk",
        feed_hosts=["talk.pumpworks.example"],
    )
    assert name == "Pumpworks Talk"
    # An aggregator's origin on another site still names the publisher.
    relayed = publisher_name(
        origin="Harbour Gazette", origin_host="www.harbourgazette.example", article_host="news.google.com"
    )
    assert relayed == "Harbour Gazette"


def test_a_feed_titled_as_its_item_names_no_publisher() -> None:
    # One topic's feed: the channel title is the topic's, so the site names the publisher.
    name = publisher_name(
        title="Pump hums at night",
        feed_title="Pump hums at night",
        article_host="talk.pumpworks.example",
        feed_hosts=["talk.pumpworks.example"],
    )
    assert name == "pumpworks.example"


@pytest.mark.parametrize(
    ("host", "path", "expected"),
    [
        ("gitlab.com", "/harbour-gis/bayleaf/-/tags/v1.0.0", "bayleaf"),
        ("gitlab.com", "/harbour-gis/tools/bayleaf/-/commit/ab12cd", "bayleaf"),
        ("codeberg.org", "/ada/bayleaf/releases/tag/v1.0", "bayleaf"),
    ],
)
def test_code_hosts_name_the_project_from_the_path(host: str, path: str, expected: str) -> None:
    assert publisher_name(article_host=host, article_path=path, feed_hosts=[host]) == expected


def test_one_host_of_two_sections_names_the_broadcaster() -> None:
    # www3.nhk.or.jp serves NHK's Japanese news and NHK World alike: the host names NHK.
    assert host_name("www3.nhk.or.jp") == "NHK"
    assert host_name("arxiv.org") == "arXiv"
    assert host_name("export.arxiv.org") == "arXiv"
    assert host_name("pubmed.ncbi.nlm.nih.gov") == "PubMed"


def test_without_an_article_link_the_pictures_host_names_the_publisher() -> None:
    # IFTTT posts with an ift.tt shortlink and a section-only feed title (HuffPost's "World News - Breaking
    # News, Top Stories"): the picture's host is the one host that speaks.
    raw = RawItem(
        title="Arson attack on animation studio kills dozens",
        link="https://ift.tt/2Ykq8Wd",
        content="It was the country's worst mass killing in two decades.",
        image="https://img.huffingtonpost.com/asset/5d3002963b00004b00dacba0.jpeg?ops=224_126",
        feed_title="World News - Breaking News, Top Stories",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "HuffPost"
    # A feed title's parts: the one naming the picture's host is the publisher (Craigslist search feeds).
    listing = raw.model_copy(
        update={
            "image": "https://images.craigslist.org/00B0B_9zYx8wVu7t6_0t20CI_300x300.jpg",
            "feed_title": 'craigslist portland | furniture - by owner search "walnut"',
        }
    )
    assert normalize(listing, now=NOW, settings=SETTINGS).source == "craigslist portland"
    # An article link speaks first: a picture on a CDN or another publisher's host never overrides it.
    linked = raw.model_copy(update={"link": "https://www.theverge.com/2026/1/1/a-story"})
    assert normalize(linked, now=NOW, settings=SETTINGS).source == "The Verge"


@pytest.mark.parametrize(
    ("link", "url", "source"),
    [
        # Google Alerts (feedjira/feedjira:spec/sample_feeds/google_alerts_atom.xml): every link wrapped
        (
            "https://www.google.com/url?rct=j&sa=t&url=https://investorplace.example/2019/07/slack-stock/"
            "&ct=ga&cd=CAIyHGU4ZTJk&usg=AFQjCNEZXRyS",
            "https://investorplace.example/2019/07/slack-stock/",
            "investorplace.example",
        ),
        (
            "https://www.google.com/url?rct=j&sa=t&url=https://www.reuters.com/markets/slack-ipo-2019-06-20/"
            "&ct=ga&usg=AFQjCNH",
            "https://www.reuters.com/markets/slack-ipo-2019-06-20/",
            "Reuters",
        ),
        # Facebook's outbound link wrapper
        (
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.theverge.com%2F2026%2F1%2F1%2Fa-story&h=AT0x",
            "https://www.theverge.com/2026/1/1/a-story",
            "The Verge",
        ),
        # Not a wrapper: a search page keeps its own link
        (
            "https://www.google.com/search?q=https://example.com/",
            "https://www.google.com/search?q=https://example.com/",
            "Google Alert",
        ),
    ],
)
def test_a_redirect_wrappers_target_is_the_url_and_names_the_publisher(link: str, url: str, source: str) -> None:
    raw = RawItem(
        title="Slack Stock Has a Compelling Story",
        link=link,
        content="In the run up to the IPO, much of the coverage centered on the listing.",
        feed_title="Google Alert - Slack",
        feed_url="https://www.google.com/alerts/feeds/04175468913983673025/4428013283581841004",
    )
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.url, item.source) == (url, source)
    assert item.source_link == link  # the link as received stays the source link


@pytest.mark.parametrize(
    ("link", "url"),
    [
        # A wrapper that names itself and writes its target at the end of its path (UOL/Folha's redir).
        (
            "https://redir.folha-example.com.br/redir/online/top/rss091/*https://www1.folha-example.com.br/x.shtml",
            "https://www1.folha-example.com.br/x.shtml",
        ),
        (
            "https://click.news-example.net/out/https://www.news-example.net/2026/12/a",
            "https://www.news-example.net/2026/12/a",
        ),
        # A site's own redirector that writes its target's host into the path, without a scheme.
        (
            "https://go.theregister.com/feed/www.theregister.com/2026/12/02/att_fiber_outage_bgp/",
            "https://www.theregister.com/2026/12/02/att_fiber_outage_bgp/",
        ),
        ("https://go.example.com/feed/www.other.example/x", "https://go.example.com/feed/www.other.example/x"),
        # A URL in a path that names no wrapper (an archive's copy) stays as it is.
        (
            "https://web.archive.org/web/20200101000000/https://example.com/a",
            "https://web.archive.org/web/20200101000000/https://example.com/a",
        ),
    ],
)
def test_a_wrapper_with_its_target_in_the_path_is_unwrapped(link: str, url: str) -> None:
    raw = RawItem(title="Headline", link=link, content="A sentence of story text.")
    assert normalize(raw, now=NOW, settings=SETTINGS).url == url


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("ao512", None),  # a CMS login (Drupal, a university's accounts) names nobody
        ("sjr81", None),
        ("Dawn.com | Shahid Iqbal", "Shahid Iqbal"),  # the site first, then the person
        ("Jane Doe | The Daily", "Jane Doe"),
        ("dhh", "dhh"),  # a handle without digits is the name the writer goes by
        ("Unknown", None),  # Zola's placeholder
        ("Anonyme", None),  # the same placeholder in other languages
        ("Anónimo", None),
        ("Anonymous", None),
        ("Super User", None),  # Joomla's built-in administrator account
        ("Noa Feld (hidden)", "Noa Feld"),  # Bear Blog hides the address it would put in parentheses
    ],
)
def test_author_strings_that_name_nobody_or_the_site_first(author: str, expected: str | None) -> None:
    raw = RawItem(title="Headline", content="A sentence of story text.", author=author)
    assert normalize(raw, now=NOW, settings=SETTINGS).author == expected


@pytest.mark.parametrize(
    ("title", "hosts", "expected"),
    [
        # the words at the start spell the host and two or more section words follow
        ("Met Office UK Weather Warnings", ["www.metoffice.gov.uk"], "Met Office"),
        ("Quillpay Latest News", ["blog.quillpay.io"], "Quillpay"),
        # one word after the name may be the name's own
        ("Scripting News", ["scripting.com"], "Scripting News"),
        ("Amnesty International", ["www.amnesty.org"], "Amnesty International"),
        # a blog's own name, a name after an article, one word after the name
        ("Orbweaver Engineering Blog", ["docs.orbweaver.io"], "Orbweaver Engineering Blog"),
        ("The Cloudflare Latest News", ["blog.cloudflare.com"], "The Cloudflare Latest News"),
        ("Scripting News Latest", ["scripting.com"], "Scripting News"),
        # a word no English word list has is a coined name: the section word after it goes
        ("Caltrain News", ["www.caltrain.com"], "Caltrain"),
        ("Rigzone Latest News Headlines", [], "Rigzone"),
        # the host with its top-level domain spelled whole keeps every word
        ("Stacker News", ["stacker.news"], "Stacker News"),
        ("The Rundown AI", ["www.therundown.ai"], "The Rundown AI"),
        # section words after an institution's name label its feed; after a masthead they are its name
        ("American Heart Association News", [], "American Heart Association"),
        ("Harvard University News Releases", [], "Harvard University"),
        ("Manchester Evening News", [], "Manchester Evening News"),
        ("Cedars-Sinai Newsroom", [], "Cedars-Sinai"),
        ("TGA safety alerts", [], "TGA"),
        # a full-width colon separates as a colon does; an incident feed's words
        ("gihyo.jp：開発者向け", ["gihyo.jp"], "gihyo.jp"),
        ("NSW RFS Major Incidents", [], "NSW RFS"),
        # notice feeds' words in the part that names the site; a tail joined by "of" is the name's
        ("Binance Announcement - New Cryptocurrency Listing", [], "Binance"),
        ("SGX Company Announcements", [], "SGX"),
        ("ZDI: Published Advisories", [], "ZDI"),
        ("Perspectives | The Metropolitan Museum of Art", [], "The Metropolitan Museum of Art"),
        ("National Library of Australia", [], "National Library of Australia"),
        # a hashtag's feed names nobody
        ("#selfhosting", ["fosstodon.org"], None),
        # a name in the possessive owns the words after it
        ("Rick Steves' Europe", ["blog.ricksteves.com"], "Rick Steves' Europe"),
        # a product's or vendor's notice feeds, and a gloss after the name
        ("Obsidian Changelog", [], "Obsidian"),
        ("Better Stack status", [], "Better Stack"),
        ("FortiGuard Labs PSIRT Advisories", [], "FortiGuard Labs"),
        ("Pinboard (popular bookmarks)", [], "Pinboard"),
        # archives' and Japanese ministries' "what's new" feeds
        ("PhilSci Archive: Latest Additions", ["philsci-archive.pitt.edu"], "PhilSci Archive"),
        ("農林水産省 新着情報", ["www.maff.go.jp"], "農林水産省"),
        # after an acronym, a coined word or several words one section word goes too
        ("IMF News", ["www.imf.org"], "IMF"),
        ("PostgreSQL news", ["www.postgresql.org"], "PostgreSQL"),
        ("National Geographic News", ["www.nationalgeographic.com"], "National Geographic"),
        ("Eurogamer.net Latest Articles Feed", ["www.eurogamer.net"], "Eurogamer.net"),
        # unless those words spell the rest of the host: news.mit.edu is "MIT News"
        ("MIT News", ["news.mit.edu"], "MIT News"),
        # words after the name that are no sections
        ("Python Insider Weekly", ["blog.python.org"], "Python Insider Weekly"),
    ],
)
def test_a_title_that_opens_with_the_sites_name_and_then_sections(title: str, hosts: list[str], expected: str) -> None:
    assert clean_feed_title(title, hosts) == expected


def test_the_feed_logos_title_names_the_publisher_when_the_feed_title_names_a_section() -> None:
    common: dict[str, Any] = {"feed_title": "Football News", "article_host": "www.skysports-example.com"}
    assert publisher_name(**common, feed_image_title="Sky Sports") == "Sky Sports"
    assert publisher_name(**common) == "skysports-example.com"
    # the feed title wins when it names someone
    named = publisher_name(feed_title="Riverbend Courier", article_host="riverbend.example", feed_image_title="RC")
    assert named == "Riverbend Courier"


def test_the_feeds_description_names_the_site_a_section_title_does_not() -> None:
    # "Local News" says nothing of whose; the description spells the host: the name as written there.
    common: dict[str, Any] = {"feed_title": "Local News", "article_host": "www.wxyq.com"}
    assert publisher_name(**common, feed_description="Local news from WXYQ 7 Riverton") == "WXYQ"
    assert publisher_name(**common, feed_description="The latest stories") == "wxyq.com"


@pytest.mark.parametrize(
    ("texts", "host", "expected"),
    [
        (["Federal Reserve issues FOMC statement"], "www.federalreserve.gov", "Federal Reserve"),
        (["Brentford 2-2 Everton", "Watch highlights on Sky Sports’ app."], "www.skysports.com", "Sky Sports"),
        (["Sáng 4-12, báo Tuổi Trẻ đưa tin…"], "tuoitre.vn", "Tuổi Trẻ"),  # accents off to compare
        (["Fennel & Fig opens a second shop"], "fennelandfig.com", "Fennel & Fig"),
        # the form seen most often wins
        (["the SNOPES team", "Snopes asked", "Snopes found"], "www.snopes.com", "Snopes"),
        # prose in lower case, a URL, an address, a host too short: nothing
        (["the federal reserve of any country"], "federalreserve.gov", None),
        (["See https://www.snopes.com/fact-check/x"], "www.snopes.com", None),
        (["Write to tips@Snopes.com"], "www.snopes.com", None),
        (["The SEC charged"], "www.sec.gov", None),
        (["Nothing here names it"], "www.example-news.com", None),
        # the domain glues a country's code to the name; a CJK text sets no space after a Latin name
        (
            ["Kenya Online reported", "Kenya won the match"],
            "kenyaonline.net",
            "Kenya Online",
        ),  # a glued word is the name's
        (["Tansaが情報公開請求で入手した契約書類"], "tansajp.org", "Tansa"),
        (["A story about new lines of code"], "newlinesmag.com", None),  # lower case: prose, not a name
    ],
)
def test_the_words_of_the_item_that_spell_its_host(texts: list[str], host: str, expected: str | None) -> None:
    assert spelled_name(texts, host) == expected


def test_a_bare_domain_gives_way_to_the_name_the_item_spells() -> None:
    raw = RawItem(
        title="Lakeshore Water issues boil notice",
        content="The Lakeshore Water board on Wednesday asked residents to boil tap water.",
        link="https://www.lakeshorewater.org/notices/2026-12-16",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Lakeshore Water"
    unnamed = raw.model_copy(update={"title": "Boil notice", "content": "The board asked residents to boil water."})
    assert normalize(unnamed, now=NOW, settings=SETTINGS).source == "Lakeshore Water"  # the domain's words
    coined = unnamed.model_copy(update={"link": "https://www.lakewtr.org/notices/2026-12-16"})
    assert normalize(coined, now=NOW, settings=SETTINGS).source == "lakewtr.org"


def test_the_contents_chrome_spells_the_name_where_the_text_does_not() -> None:
    # the closing line naming the site is chrome (it leaves the body), but it still spells the host
    content = (
        "<p>The port authority approved a second container terminal on Tuesday.</p>"
        "<p>Subscribe to the TideWire newsletter for more.</p>"
    )
    raw = RawItem(title="Port approves terminal", content=content, link="https://www.tidewire.example/news/1")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.source, item.body) == (
        "TideWire",
        ["The port authority approved a second container terminal on Tuesday."],
    )
    # a platform's chrome names the platform, not the show on it
    hosted = RawItem(
        title="612. The Field of Gold",
        content="<p>Two kings met in a field.</p><p>Hosted on Acast. See acast.com/privacy for more information.</p>",
        link="https://shows.acast.com/a-history-show/episodes/612",
    )
    assert normalize(hosted, now=NOW, settings=SETTINGS).source != "Acast"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "<p>A reader wrote in about forklift batteries.</p>"
            "<p>You're receiving this because you subscribed to The Prepared. <a href='https://x.example/u'>Unsubscribe</a></p>",
            "The Prepared",
        ),  # the footer names the newsletter
        (
            '<p><a href="https://thebrowser.com/">The Browser</a> · Monday 23 November</p><p>Five links for today.</p>',
            "The Browser",
        ),  # its masthead: a link home whose words spell the home's host
        (
            '<p>We liked <a href="https://www.nytimes.com/">the paper of record</a> this week.</p>',
            None,
        ),  # a link home in words that do not spell it names no one
        ("<p>You are receiving this email because you opted in via our website.</p>", None),
        ("<p>You're receiving this because you signed up for Our Newsletter.</p>", None),  # a list's kind, no name
        ('<p>Many write: "You are receiving this because you subscribed to Apple News" and we shrug.</p>', None),
        ('<p>This week <a href="https://www.theverge.com/">The Verge</a> ran a piece on fog.</p>', None),  # a citation
    ],
)
def test_an_email_newsletters_own_words_name_it_on_a_relays_link(content: str, expected: str | None) -> None:
    unlinked = RawItem(title="This week", content=content)
    assert normalize(unlinked, now=NOW, settings=SETTINGS).source != "The Browser"  # a relay's item only
    raw = RawItem(
        title="This week",
        content=content,
        link="https://kill-the-newsletter.com/feeds/t7pq3zr8vm2kd5xw0bne/entries/h5v9c2x7n3b8.html",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == expected  # the relay is no publisher


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("telos-eu.com", "Telos"),  # a region's edition glued with a hyphen
        ("www.aravot-en.am", "Aravot"),  # a language's
        ("www.mod-en.example", None),  # (what is left is no word of a name: three letters)
        ("trust-us.com", None),  # "us" and "it" are words as often
        ("smash-it.com", None),
    ],
)
def test_an_editions_code_after_a_hyphen_is_no_part_of_the_name(host: str, expected: str | None) -> None:
    assert word_label(host) == expected


def test_a_podcast_hosts_domain_names_no_one() -> None:
    raw = RawItem(title="Épisode 12", content="<p>Un épisode.</p>", link="https://podcast.ausha.co/telecom-ideas/ep-12")
    assert normalize(raw, now=NOW, settings=SETTINGS).source != "Ausha"


def test_a_publishing_platforms_host_names_no_one() -> None:
    raw = RawItem(
        title="Нейросети недели", content="<p>Три новые модели.</p>", link="https://telegra.ph/Nejroseti-03-14"
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source is None  # not "Telegra"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://www.bbc.co.uk/sport/football/articles/c1", "BBC Sport"),
        ("https://www.bbc.com/sport/tennis/1", "BBC Sport"),
        ("https://www.nytimes.com/athletic/6912345/2026/12/03/story/", "The Athletic"),
        ("https://www.bbc.co.uk/news/articles/c2", "BBC News"),  # the host's own name elsewhere
    ],
)
def test_a_publication_under_a_bigger_publishers_host_by_its_path(link: str, expected: str) -> None:
    item = normalize(RawItem(title="A story", content="<p>Text.</p>", link=link), now=NOW, settings=SETTINGS)
    assert item.source == expected


@pytest.mark.parametrize(
    ("feed_title", "link", "expected"),
    [
        # the feed's name spells the article's host more closely than the table's name for a parent of it
        ("MIT News", "https://news.mit.edu/2026/x", "MIT News"),
        ("Mozilla Hacks – the Web developer blog", "https://hacks.mozilla.org/2026/12/x/", "Mozilla Hacks"),
        # a section of the publisher, a shorter name, another spelling: the table's name
        ("Mozilla World News", "https://quarterly.mozilla.org/2026/12/x/", "Mozilla"),
        ("MIT Technology Review", "https://www.technologyreview.com/2026/12/04/x/", "MIT Technology Review"),
    ],
)
def test_a_feed_named_for_a_publication_under_the_tables_publisher(feed_title: str, link: str, expected: str) -> None:
    raw = RawItem(title="A story", content="<p>Text.</p>", link=link, feed_title=feed_title)
    assert normalize(raw, now=NOW, settings=SETTINGS).source == expected


def test_a_domain_opening_a_title_of_sections_is_the_name_without_any_host() -> None:
    # an IFTTT footer with a shortlink: no host to compare with, the domain names the site itself
    assert clean_feed_title("Eurogamer.net Latest Articles Feed", []) == "Eurogamer.net"
    assert clean_feed_title("Eurogamer.net Reviews and Opinions Weekly", []) != "Eurogamer.net"


@pytest.mark.parametrize(
    ("title", "hosts", "expected"),
    [
        ("Blogs on Drew DeVault's blog", ["drewdevault.com"], "Drew DeVault's blog"),  # Hugo's section feed
        ("Posts on Fernhill Notes", ["fernhill.dev"], "Fernhill Notes"),
        ("Remote OK 👷 Remote Jobs", ["remoteok.com"], "Remote OK"),  # a pictograph between parts
        ("Rijksmuseum persberichten", ["www.rijksmuseum.nl"], "Rijksmuseum"),  # a lowercase label
        ("NYPL Blogs", ["www.nypl.org"], "NYPL"),
    ],
)
def test_feed_title_forms_of_site_generators_and_small_sites(title: str, hosts: list[str], expected: str) -> None:
    assert clean_feed_title(title, hosts) == expected


def test_the_feeds_own_apostrophe_over_the_tables() -> None:
    raw = RawItem(
        title="A post",
        content="<p>Text.</p>",
        link="https://simonwillison.net/2026/Dec/1/x/",
        feed_title="Simon Willison's Weblog",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Simon Willison's Weblog"


def test_an_ifttt_footers_link_through_the_sites_own_redirector_is_unwrapped() -> None:
    content = (
        "<p>Microsoft has patched an Exchange Server flaw.</p>\n\n"
        "from The Register https://go.theregister.com/feed/www.theregister.com/2026/12/02/exchange_patch/\nvia IFTTT"
    )
    item = normalize(RawItem(title="Exchange patch", content=content, content_kind="text"), now=NOW, settings=SETTINGS)
    assert item.url == "https://www.theregister.com/2026/12/02/exchange_patch/"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("自由時報 即時新聞", "自由時報"),  # a name without capitals or spaces is one word whole
        ("東京都 報道発表", "東京都"),
        ("Fox News Latest", "Fox News Latest"),  # "Fox" alone is no name
        ("News24 Top Stories", "News24"),  # a coined name is one word whole
        ("IGN All", "IGN"),
        ("CBC News", "CBC News"),  # unless only a masthead word follows it
        ("FOX Business", "FOX Business"),
        ("BBC Sport", "BBC Sport"),
    ],
)
def test_section_words_after_a_name_in_a_script_without_capitals(title: str, expected: str) -> None:
    assert clean_feed_title(title, []) == expected


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://www.bbc.com/persian/articles/c1x", "BBC News فارسی"),
        ("https://www.bbc.com/burmese/articles/c2y", "BBC News မြန်မာ"),
        ("https://www.bbc.co.uk/mundo/noticias-123", "BBC News Mundo"),
    ],
)
def test_the_world_services_language_editions(link: str, expected: str) -> None:
    item = normalize(RawItem(title="A story", content="<p>Text.</p>", link=link), now=NOW, settings=SETTINGS)
    assert item.source == expected


@pytest.mark.parametrize(
    ("title", "hosts", "expected"),
    [
        ("QuinnPlays's Twitch video", ["twitchrss.appspot.com"], "QuinnPlays"),
        ("QuinnPlays's Twitch video RSS", ["twitchrss.appspot.com"], "QuinnPlays"),
        ("Popular Information", ["popular.info"], "Popular Information"),  # section words that are the site's name
        ("Popular Stories", ["www.example.com"], None),  # section words alone name nobody
    ],
)
def test_channel_feeds_and_names_made_of_section_words(title: str, hosts: list[str], expected: str | None) -> None:
    assert clean_feed_title(title, hosts) == expected


def test_a_video_platforms_channel_is_the_publisher_beside_a_playlists_title() -> None:
    raw = RawItem(
        title="Transformers, the running sum",
        content="Every layer reads from and writes to the same running sum.",
        link="https://www.youtube.com/watch?v=abc123",
        author="3Blue1Brown",
        feed_title="Neural networks",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "3Blue1Brown"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Google Online Security Blog", "Google Online Security Blog"),  # a blog's name ends with "Blog"
        ("Pleroma's timeline", "Pleroma"),
    ],
)
def test_a_blogs_name_and_an_accounts_timeline(title: str, expected: str) -> None:
    assert clean_feed_title(title, ["security.googleblog.example"]) == expected


def test_a_department_on_its_governments_portal_and_a_blog_on_its_subdomain() -> None:
    path = "/en/health-canada/news/2026/12/a.html"
    on_portal = publisher_name(feed_title="Health Canada", article_host="www.canada.ca", article_path=path)
    assert on_portal == "Health Canada"
    assert publisher_name(feed_title="News", article_host="www.canada.ca", article_path="/en/news/a.html") == (
        "Government of Canada"
    )
    # an agency with a host of its own under the same suffix is the table's
    bom = publisher_name(feed_title="Weather Warnings for New South Wales", article_host="www.bom.gov.au")
    assert bom == "Bureau of Meteorology"
    assert clean_feed_title("ONS Release Calendar", ["www.ons.gov.uk"]) == "ONS"
    blog = publisher_name(feed_title="PlayStation.Blog", article_host="blog.playstation.com")
    assert blog == "PlayStation.Blog"
    toc = "Proceedings of the Royal Society B: Biological Sciences: Table of Contents"
    assert (
        clean_feed_title(toc, ["royalsocietypublishing.org"])
        == "Proceedings of the Royal Society B: Biological Sciences"
    )


def test_a_platforms_own_domain_and_a_creators_pitch_name_no_one() -> None:
    # A podcast on Acast with nothing else to name it: not "acast.com"; a blog on Tumblr: its own name.
    assert publisher_name(article_host="shows.acast.com") is None
    assert publisher_name(article_host="inkwell-sketches.tumblr.com") == "inkwell-sketches"
    patreon = "ContraPoints | creating Video Essays | Patreon"
    assert clean_feed_title(patreon, ["www.patreon.com"]) == "ContraPoints"


def test_a_list_of_what_a_site_covers_after_its_name_is_no_name() -> None:
    title = "Gulf News: Latest UAE news, Dubai news, Business, travel news, Dubai Gold rate, prayer time, cinema"
    assert clean_feed_title(title, []) == "Gulf News"


@pytest.mark.parametrize(
    ("title", "hosts", "expected"),
    [
        ("iTerm2 Changelog", ["iterm2.com"], "iTerm2"),
        ("Remotive Remote Jobs Feed", ["remotive.com"], "Remotive"),
        ("Pressemeldinger fra Ruter", ["www.mynewsdesk.com"], "Ruter"),
        ("Video.js Changelog", ["videojs.org"], "Video.js"),
    ],
)
def test_a_changelog_a_job_board_and_a_newsrooms_releases(title: str, hosts: list[str], expected: str) -> None:
    assert clean_feed_title(title, hosts) == expected


def test_a_subdomains_feed_that_writes_out_its_parent_domain_is_its_own_name() -> None:
    title = "Discussions on Python.org - Latest topics"
    named = publisher_name(feed_title=title, article_host="discuss.python.org", feed_hosts=["discuss.python.org"])
    assert named == "Discussions on Python.org"
    # on the parent's own host the table's name stands
    assert publisher_name(feed_title="News from Python.org", article_host="www.python.org") == "Python"


@pytest.mark.parametrize(
    ("title", "hosts", "expected"),
    [
        ("CourtListener.com: All opinions for the Ninth Circuit", ["www.courtlistener.com"], "CourtListener"),
        ("Preprints.org: latest", ["www.preprints.org"], "Preprints.org"),
        ("CME Group Inc.", [], "CME Group"),
        ("Nordwerk Energie AG", [], "Nordwerk Energie"),
    ],
)
def test_a_sites_dotcom_and_a_companys_legal_form(title: str, hosts: list[str], expected: str) -> None:
    assert clean_feed_title(title, hosts) == expected


def test_the_site_before_a_writers_name() -> None:
    raw = RawItem(
        title="T", content="<p>Text.</p>", link="https://cointelegraph.com/news/a", feed_title="Cointelegraph"
    )
    item = normalize(raw.model_copy(update={"author": "Cointelegraph by Helen Park"}), now=NOW, settings=SETTINGS)
    assert (item.source, item.author) == ("Cointelegraph", "Helen Park")


def test_an_aggregators_origin_is_named_by_the_table_where_it_knows_the_site() -> None:
    assert publisher_name(origin="Motley Fool", origin_host="www.fool.com") == "The Motley Fool"
    # a site the table does not know keeps the name the aggregator gives
    assert publisher_name(origin="Harbour Ledger", origin_host="www.harbourledger.example") == "Harbour Ledger"


def test_a_ministry_on_a_governments_portal_is_named_by_its_path() -> None:
    name = publisher_name(
        article_host="www.gov.br", article_path="/saude/pt-br/assuntos/noticias/a", feed_title="Notícias"
    )
    assert name == "Ministério da Saúde"
    assert registrable_label("www.gov.br") == "gov"  # the registry's own site: never "www"


def test_a_podcasts_episode_is_the_shows_not_its_networks() -> None:
    network = host_name("www.bbc.co.uk")
    assert network is not None  # the table names the network's site

    def name(feed_title: str, feed_hosts: list[str], *, episode: bool) -> str | None:
        return publisher_name(
            article_host="www.bbc.co.uk",
            article_path="/programmes/m0026abc",
            feed_title=feed_title,
            feed_hosts=feed_hosts,
            site_host=feed_hosts[0],
            episode=episode,
        )

    hosts = ["www.bbc.co.uk", "podcasts.files.bbci.co.uk"]
    assert name("Desert Island Discs", hosts, episode=True) == "Desert Island Discs"
    assert name("Desert Island Discs", hosts, episode=False) == network  # an article there is the masthead's
    # A show's feed title is cleaned as any other: the part that names the show's site is kept.
    assert name("Harbour Hour: Conversations About the Sea", ["harbourhour.fm"], episode=True) == "Harbour Hour"


def test_an_audio_enclosure_makes_the_feed_title_the_publisher() -> None:
    raw = {
        "title": "Episode 12",
        "content": "<p>We talk about ferries.</p>",
        "link": "https://www.bbc.co.uk/programmes/m0026abc",
        "feed_title": "Desert Island Discs",
        "feed_url": "https://podcasts.files.bbci.co.uk/b006qnmr.rss",
    }
    assert normalize(RawItem(**raw, media_kind="audio"), now=NOW, settings=SETTINGS).source == "Desert Island Discs"
    assert normalize(RawItem(**raw), now=NOW, settings=SETTINGS).source == host_name("www.bbc.co.uk")


@pytest.mark.parametrize(
    ("title", "host", "expected"),
    [
        ("Civil Discourse with Marta Quill", "martaquill.substack.com", "Civil Discourse with Marta Quill"),
        ("Tidepools avec Lise Marin", "lisemarin.example", "Tidepools avec Lise Marin"),
        ("Boston, MA Patch", "patch.com", "Patch"),  # a place before the site's name still goes
    ],
)
def test_a_show_named_with_its_host_is_named_whole(title: str, host: str, expected: str) -> None:
    assert clean_feed_title(title, [host]) == expected


@pytest.mark.parametrize(
    "title",
    [
        "All bookmarks",
        "Starred",
        "Pocket Feed for tomasz_reads",
        "Feedbin Starred Entries for jo@example.net",
        "Starred items of ana",
    ],
)
def test_a_readers_own_collection_names_no_publisher(title: str) -> None:
    assert clean_feed_title(title) is None


def test_a_read_later_feeds_items_are_their_sites() -> None:
    raw = RawItem(
        title="The lighthouse keepers who wrote everything down",
        link="https://www.theguardian.com/uk-news/2026/lighthouse-keepers",
        content="<p>For two centuries the keepers logged every ship.</p>",
        feed_title="Pocket Feed for tomasz_reads",
        feed_url="https://getpocket.com/users/tomasz_reads/feed/all",
        feed_site_url="https://getpocket.com/",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "The Guardian"


def test_a_wordpress_trailer_names_the_site_when_nothing_else_does() -> None:
    content = (
        "<p>Traders noticed the new cameras in February.</p>"
        '<p>The post <a href="https://www.harbour.example/a">New cameras</a> appeared first on '
        '<a href="https://www.harbour.example">Harbour Story</a>.</p>'
    )
    raw = RawItem(title="New cameras", link="https://ift.tt/3xQpL8d", content=content)
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.source, item.body) == ("Harbour Story", ["Traders noticed the new cameras in February."])
    # beside a feed title that names the publisher, the feed title stands
    titled = normalize(raw.model_copy(update={"feed_title": "Harbour Story Weekly"}), now=NOW, settings=SETTINGS)
    assert titled.source == "Harbour Story Weekly"
    # a site named by its domain keeps its dots
    dotted = content.replace(">Harbour Story<", ">HarbourNews.nl<")
    named = normalize(raw.model_copy(update={"content": dotted}), now=NOW, settings=SETTINGS)
    assert named.source == "HarbourNews.nl"
    # a text trailer links nowhere, and names the site all the same
    text = "Traders noticed the new cameras in February.\n\nThe post New cameras appeared first on Harbour Story."
    plain = normalize(raw.model_copy(update={"content": text, "content_kind": "text"}), now=NOW, settings=SETTINGS)
    assert (plain.source, plain.body) == ("Harbour Story", ["Traders noticed the new cameras in February."])


def test_a_video_platforms_picture_makes_the_channel_the_publisher() -> None:
    raw = RawItem(
        title="Lunar gear train, part 4",
        link="https://ift.tt/Pw6nD3r",
        author="Clock Workshop",
        image="https://i4.ytimg.com/vi/cW8rTb5nJ2E/hqdefault.jpg",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Clock Workshop"


@pytest.mark.parametrize(
    ("feed_title", "host", "expected"),
    [
        ("SPIN", "www.spin.com", "SPIN"),  # the publisher's own capitals over the table's "Spin"
        ("NJ TRANSIT - Rail Advisories", "www.njtransit.com", "NJ TRANSIT"),
        ("spin", "www.spin.com", "Spin"),  # a title in lower case is no spelling of the name
        ("Times Of Oman", "timesofoman.com", "Times of Oman"),  # nor one in title case
        ("mobiFlip.de", "www.mobiflip.de", "mobiFlip"),  # a capital inside a word is a spelling
        ("mobiflip.de", "www.mobiflip.de", "Mobiflip"),  # (a domain in lower case is none)
        ("يلا كورة", "www.yallakora.com", "يلا كورة"),  # a script without case: its own feed's word breaks
        ("اقتصادنیوز", "www.eghtesadnews.com", "اقتصادنیوز"),  # (run together or parted)
    ],
)
def test_the_table_name_as_the_publisher_writes_it(feed_title: str, host: str, expected: str) -> None:
    assert publisher_name(feed_title=feed_title, feed_hosts=[host], article_host=host) == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Capital.gr", "Capital.gr"),  # a site signing its items with its name
        ("Investing.com", "Investing.com"),
        ("marta.nowak", None),  # a person's handle
        ("Jane Doe", None),
    ],
)
def test_an_author_written_as_a_sites_name_is_the_publisher_of_last_resort(author: str, expected: str | None) -> None:
    raw = RawItem(title="Χρηματιστήριο: Άνοδος 1,2%", link="https://ift.tt/Rt5yU8p", author=author)
    assert normalize(raw, now=NOW, settings=SETTINGS).source == expected
    # where the link names a site, the site is the publisher
    linked = raw.model_copy(update={"link": "https://www.harbournews.example/markets/a"})
    assert normalize(linked, now=NOW, settings=SETTINGS).source != author


@pytest.mark.parametrize(
    ("feed_title", "expected"),
    [
        ("Cairns Post", "Cairns Post"),  # the feed's own name without the table's "The"
        ("The Cairns Post", "The Cairns Post"),
        ("Post", "The Cairns Post"),  # one word is too little to be the name
    ],
)
def test_the_table_name_without_its_the_as_the_feed_writes_it(feed_title: str, expected: str) -> None:
    host = "www.cairnspost.com.au"
    assert publisher_name(feed_title=feed_title, feed_hosts=[host], article_host=host) == expected


@pytest.mark.parametrize(
    ("author", "host", "expected"),
    [
        ("Tracy Durnell", "tracydurnell.com", "Tracy Durnell"),  # a person's own site
        ("PR Fire", "www.prfire.co.uk", "PR Fire"),  # a site signing with the name its domain spells
        ("Jane Doe", "www.harbournews.example", "Harbour News"),  # the words of the domain
        ("Kottke", "kottke.org", "kottke.org"),  # one word may be the person's or the site's
    ],
)
def test_an_author_whose_name_the_domain_spells_is_the_publisher(author: str, host: str, expected: str) -> None:
    assert publisher_name(article_host=host, article_path="/a", author=author) == expected


@pytest.mark.parametrize(
    ("feed_title", "host", "expected"),
    [
        ("newest submissions : houseplants", "www.reddit.com", "r/houseplants"),
        ("houseplants", "www.reddit.com", "r/houseplants"),
        ("newest submissions : golang", None, "r/golang"),  # a shortlink's post
        ("Gardening News", "www.reddit.com", "Gardening News"),  # a feed of its own that links to Reddit
        ("House Plants", "www.reddit.com", "r/houseplants"),  # the subreddit's own title spelling its name
    ],
)
def test_a_feed_title_naming_the_platforms_path_publication_gives_it(
    feed_title: str, host: str | None, expected: str
) -> None:
    path = "/r/houseplants/comments/1hd0v4t/my_hoya/" if host else None
    assert publisher_name(feed_title=feed_title, article_host=host, article_path=path) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Khronos Group News", "Khronos Group"),  # a consortium's news feed
        ("City of Boston News", "City of Boston"),  # a place's government
        ("City of Cape Town Newsroom", "City of Cape Town"),
        ("Expedia Group Technology", "Expedia Group Technology"),  # a company's blog named so
        ("Manchester Evening News", "Manchester Evening News"),  # a masthead
        ("Boston News", "Boston News"),
    ],
)
def test_a_companys_or_a_citys_newsroom_feed_is_theirs(title: str, expected: str) -> None:
    assert clean_feed_title(title, []) == expected


def test_a_code_hosts_lower_case_slug_never_replaces_a_projects_own_name() -> None:
    assert (
        publisher_name(
            article_host="github.com",
            article_path="/neovim/neovim/releases/tag/v0.10.0",
            feed_title="Neovim News",
            feed_hosts=["neovim.io"],
        )
        == "Neovim"
    )


@pytest.mark.parametrize(
    ("title", "hosts", "expected"),
    [
        ("It Will Never Work in Theory", ["neverworkintheory.org"], "It Will Never Work in Theory"),
        ("Boston, MA Patch", ["patch.com"], "Patch"),  # an edition's place before the name
        ("fboës - Der Blog | Startseite", ["fboes.org"], "fboës"),  # a home page's German name is no name
        ("Mon Journal | Accueil", [], "Mon Journal"),
    ],
)
def test_a_phrase_naming_the_site_stays_whole_and_a_home_page_is_no_name(
    title: str, hosts: list[str], expected: str
) -> None:
    assert clean_feed_title(title, hosts) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Kansas Ag News", "Kansas Ag News"),
        ("Western Ag Press", "Western Ag Press"),
        ("Portada", "Portada"),
        ("Revista Inicio", "Revista Inicio"),
    ],
)
def test_mastheads_near_the_newsroom_and_home_page_words_stay_whole(title: str, expected: str) -> None:
    assert clean_feed_title(title, []) == expected


def test_the_arabic_scripts_two_yehs_are_one_name_as_the_feed_writes_it() -> None:
    host = "www.asriran.com"
    assert publisher_name(feed_title="عصر ايران", feed_hosts=[host], article_host=host) == "عصر ايران"


@pytest.mark.parametrize(
    ("feed_title", "host", "expected"),
    [
        ("OpenAI Developer Community - Latest topics", "community.openai.com", "OpenAI Developer Community"),
        ("OpenAI Developer Community - Latest topics", "www.openai.com", "OpenAI"),  # not the forum's host
        ("OpenAI Developer News", "community.openai.com", "OpenAI"),  # no forum's word
    ],
)
def test_a_companys_forum_on_its_forum_host_is_the_forum(feed_title: str, host: str, expected: str) -> None:
    assert publisher_name(feed_title=feed_title, article_host=host, article_path="/t/a/1") == expected


def test_a_papers_section_under_its_owners_host_is_the_paper() -> None:
    assert publisher_name(article_host="www.news24.com", article_path="/citypress/news/a-20261206") == "City Press"
    assert publisher_name(article_host="www.bbc.co.uk", article_path="/cymrufyw/erthyglau/c4g2") == "BBC Cymru Fyw"
    assert publisher_name(article_host="www.bizjournals.com", article_path="/boston/news/2026/12/03/x.html") == (
        "Boston Business Journal"
    )


def _shortlinked(content: str, **fields: Any) -> str | None:
    raw = RawItem(title=fields.pop("title", "A headline"), content=content, link="https://ift.tt/3kFpQzW", **fields)
    return normalize(raw, now=NOW, settings=SETTINGS).source


def test_a_shortlinks_post_is_named_by_its_pictures_site_as_the_text_spells_it() -> None:
    picture = '<p><img src="https://xlr8r.com/wp-content/uploads/2026/12/mix-1200x800.jpg"></p>'
    story = "<p>Berlin-based producer Mira Kolt delivers the latest XLR8R Podcast, a 70-minute mix.</p>"
    assert _shortlinked(picture + story) == "XLR8R"
    # a CDN's label is no word of the text: no name from it
    assert _shortlinked(picture.replace("xlr8r.com", "cdn.imgix.net") + story) is None


@pytest.mark.parametrize(
    ("first", "agency"),
    [
        ("СТРУГА (МАКФАКС) – Новиот граничен премин беше пуштен во употреба.", "МАКФАКС"),
        ("Abuja, Nov. 18, 2026 (NAN) The Federal Government says it will extend mini-grids.", "NAN"),
        # a parenthesis that is no agency's mark names no one
        ("Prices rose (again) in October, the office said.", None),
        ("The council (which met on Monday) – approved it.", None),
    ],
)
def test_a_wire_datelines_agency_names_a_shortlinks_post(first: str, agency: str | None) -> None:
    assert _shortlinked(f"<p>{first}</p><p>The second paragraph of the story.</p>") == agency


def test_a_creators_patreon_post_is_the_creators() -> None:
    raw = RawItem(
        title="Page 41 & 42 are up!",
        content="<p>Two pages this week because I missed last Friday.</p>",
        link="https://www.patreon.com/posts/page-41-42-are-up-113579246",
        author="Paper Moth Comics",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Paper Moth Comics"


@pytest.mark.parametrize(
    "first",
    [
        "The World Health Organization (WHO) said on Monday that cases had fallen.",
        "Shares of Apple (AAPL) rose 3% in early trading.",
    ],
)
def test_an_acronym_in_a_sentence_is_no_datelines_agency(first: str) -> None:
    assert _shortlinked(f"<p>{first}</p><p>The second paragraph of the story.</p>") is None


@pytest.mark.parametrize(
    "content",
    [
        '<p><img src="https://upload.wikimedia.org/a.jpg"></p><p>The bridge, pictured in 1920 (Wikimedia Commons), '
        "opened in 1911.</p>",
        '<p>My cat (via Imgur) is cute.</p><p><img src="https://i.imgur.com/abc.jpg"></p>',
    ],
)
def test_a_picture_librarys_credit_in_the_text_names_no_publisher(content: str) -> None:
    assert _shortlinked(content) is None


@pytest.mark.parametrize(
    ("host", "expected"), [("nbc-news.com", None), ("wgn-news.com", None), ("kansascity-star.com", "Kansas City Star")]
)
def test_call_letters_before_a_masthead_stay_a_domain(host: str, expected: str | None) -> None:
    assert worded_label(host) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Python Brasil no Bluesky", "Python Brasil"),
        ("Le Monde sur YouTube", "Le Monde"),
        ("Bridgy Fed on Mastodon", "Bridgy Fed"),
        ("News on Sunday", "News on Sunday"),  # no platform: the name's own words
        ("Crónica en Madrid", "Crónica en Madrid"),
    ],
)
def test_a_notices_name_without_the_platform_it_posted_on(name: str, expected: str) -> None:
    assert on_platform_removed(name) == expected


def test_publisher_of_a_podcast_hosts_show_subdomain() -> None:
    assert publisher_name(article_host="the-secure-developer.libsyn.com") == "The Secure Developer"


@pytest.mark.parametrize(
    "host",
    ["share.transistor.fm", "player.captivate.fm", "traffic.libsyn.com", "www.podbean.com", "feeds.simplecast.com",
     "html5-player.libsyn.com", "feeds-free.libsyn.com"],
)  # fmt: skip
def test_a_hosting_platforms_own_servers_name_no_site(host: str) -> None:
    assert publisher_name(article_host=host, article_path="/e/1") is None


def test_a_hyphenated_account_on_a_blog_platform_is_written_as_it_is() -> None:
    assert worded_label("rust-lang.github.io") is None


def test_a_feed_title_naming_its_platform_on_the_platforms_own_host() -> None:
    # (www.tumblr.com/wilwheaton/…: the platform's host is no key to the title's parts)
    assert publisher_name(
        article_host="www.tumblr.com",
        article_path="/wilwheaton/769112340563165184",
        feed_title="WIL WHEATON dot TUMBLR",
        feed_hosts=("wilwheaton.tumblr.com",),
    ) in ("WIL WHEATON dot TUMBLR", "Wil Wheaton")


def test_a_feeds_name_that_is_its_hosts_subdomain_wins_over_the_tables_parent() -> None:
    hosts = ("gut.bmj.com",)
    assert publisher_name(article_host="gut.bmj.com", feed_title="Gut current issue", feed_hosts=hosts) == "Gut"
    # a section's word on a news site's subdomain is no name
    news = ("wiadomosci.gazeta.pl",)
    assert publisher_name(article_host=news[0], feed_title="Wiadomości", feed_hosts=news) != "Wiadomości"


@pytest.mark.parametrize(
    ("host", "expected"),
    [("plauschangriff.podbean.com", "Plauschangriff"), ("the-secure-developer.libsyn.com", "The Secure Developer")],
)
def test_a_podcast_hosts_show_subdomain_is_the_shows_name(host: str, expected: str) -> None:
    assert publisher_name(article_host=host, article_path="/412-episode") == expected


@pytest.mark.parametrize(
    ("host", "language", "expected"),
    [
        ("prensaregional.pe", "es", "Prensa Regional"),  # English's "pre nsa regional" reads more, shorter words
        ("www.theolivepress.es", "es", "The Olive Press"),  # English's ordinary words, as many: English
    ],
)
def test_the_languages_reading_wins_with_fewer_words(host: str, language: str, expected: str) -> None:
    assert worded_label(host, language) == expected


@pytest.mark.parametrize(
    ("host", "feed_title"),
    [("deportes.elpais.com", "Deportes"), ("wirtschaft.faz.net", "Wirtschaft"), ("developer.apple.com", "Developer")],
)
def test_a_section_word_on_a_subdomain_is_no_publisher(host: str, feed_title: str) -> None:
    assert publisher_name(article_host=host, feed_title=feed_title, feed_hosts=(host,)) != feed_title


def test_a_podcast_hosts_own_servers_are_no_show() -> None:
    assert publisher_name(article_host="app.podigee.io", article_path="/x") is None


def test_a_medium_publications_post_is_named_by_its_footer() -> None:
    footer = (
        '<p>Boredom is good.</p><hr><p><a href="https://medium.com/age-of-awareness/why-3f9a">Why</a> was originally '
        'published in <a href="https://medium.com/age-of-awareness">Age of Awareness</a> on Medium, where people are '
        "continuing the conversation by highlighting and responding to this story.</p>"
    )
    named = publisher_name(
        article_host="medium.com", article_path="/age-of-awareness/why-3f9a", author="Lena Hartwell", content=footer
    )
    assert named == "Age of Awareness"
    assert publisher_name(article_host="medium.com", article_path="/@lena/why-3f9a", author="Lena Hartwell") == (
        "Lena Hartwell"
    )
    # a cross-post elsewhere names its own site, not the Medium publication it first appeared in
    assert publisher_name(
        article_host="dev.to", article_path="/lena/why-3f9a", author="Lena Hartwell", content=footer
    ) != ("Age of Awareness")


@pytest.mark.parametrize(
    ("title", "host", "expected"),
    [
        # the site's name, a comma and its tagline
        (
            "Energías Renovables, el periodismo de las energías limpias",
            "www.energias-renovables.com",
            "Energías Renovables",
        ),
        # a bar drawn with a box-drawing or a full-width character parts a name from its tagline
        ("研之有物 │ 見識研究的樂趣", "research.sinica.edu.tw", "研之有物"),
        ("研之有物｜見識研究的樂趣", "research.sinica.edu.tw", "研之有物"),
        # a name with a comma of its own that does not spell the host stays whole
        ("Bread, Wine and Olives", "www.breadwine.example", "Bread, Wine and Olives"),
    ],
)
def test_a_feed_title_of_the_sites_name_and_its_tagline_after_a_comma(title: str, host: str, expected: str) -> None:
    assert clean_feed_title(title, [host]) == expected


def test_a_platforms_account_as_the_headline_spells_it_names_the_newsletter() -> None:
    raw = RawItem(
        title="Kotlin Weekly #512", link="https://mailchi.mp/kotlinweekly/kotlin-weekly-512", content="<p>News.</p>"
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Kotlin Weekly"
    # the platform's own name is no one's, where nothing spells the account
    other = raw.model_copy(update={"title": "Issue 512"})
    assert normalize(other, now=NOW, settings=SETTINGS).source is None
    # a podcast host's show the same
    show = RawItem(title="RHLSTP 531 - Nadia Brennan", link="https://shows.acast.com/rhlstp/episodes/rhlstp-531")
    assert normalize(show, now=NOW, settings=SETTINGS).source == "RHLSTP"
    # nor is another platform's section word first in its path
    journal = RawItem(title="Science of the estuary", link="https://www.sciencedirect.com/science/article/pii/S0048")
    assert normalize(journal, now=NOW, settings=SETTINGS).source != "Science"
    episode = RawItem(title="Episode 12: The harbour", link="https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk")
    assert normalize(episode, now=NOW, settings=SETTINGS).source != "Episode"


def test_a_name_with_an_elided_article_spells_the_host_without_it() -> None:
    raw = RawItem(
        title="Édition 2027 : la langue invitée",
        link="https://festival-avignon.example/fr/actualites/edition-2027",
        content="<p>Après l’espagnol, le Festival d’Avignon consacrera sa prochaine édition au portugais.</p>",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "Festival d’Avignon"


def test_a_dash_at_a_words_edge_is_no_letter_of_the_name_it_spells() -> None:
    raw = RawItem(
        title="Port volumes hit a record",
        link="https://menafn.example/1110982345/Port-Volumes",
        content="<p>(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, Oct 21 (KUNA) -- Volumes reached a record.</p>",
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).source == "MENAFN"
