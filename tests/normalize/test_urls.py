"""Canonical URLs, content links, shortlinks and placeholders."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from app.normalize import canonical_url, is_shortlink
from app.normalize.urls import clean_link, host_of, is_placeholder_image, unicode_label
from tools.clearurls_rules import host_keys


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.com/a?utm_source=x&utm_medium=y&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?b=2&fbclid=abc&a=1&gclid=z", "https://example.com/a?b=2&a=1"),
        ("https://example.com/?dclid=1&msclkid=2&mc_cid=3&mc_eid=4&ref_src=5", "https://example.com/"),
        (
            "https://example.com/?_hsenc=1&_hsmi=2&igshid=3&yclid=4&ocid=5&cmpid=6&sr_share=7&k=v",
            "https://example.com/?k=v",
        ),
        ("https://example.com/?UTM_Source=x&q=1", "https://example.com/?q=1"),
        (
            "https://www.sciencedirect.com/science/article/pii/S003?dgcid=rss_sd_all",
            "https://www.sciencedirect.com/science/article/pii/S003",
        ),
        ("https://example.com/?utm%5Fsource=x&q=1", "https://example.com/?q=1"),
        ("https://example.com/a?z=1&y=2&x=3", "https://example.com/a?z=1&y=2&x=3"),
        ("HTTPS://WWW.Example.COM/Path/To", "https://www.example.com/Path/To"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com/a#section-2", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("https://user:secret@example.com/a", "https://example.com/a"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/caf\u00e9", "https://example.com/caf%C3%A9"),
        ("https://b\u00fccher.example/x", "https://xn--bcher-kva.example/x"),
        ("https://M\u00dcNCHEN.example/", "https://xn--mnchen-3ya.example/"),
        ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
        ("//cdn.example.com/i.png", "https://cdn.example.com/i.png"),
        ("https://example.com/?a=1&amp;utm_source=x&amp;b=2", "https://example.com/?a=1&b=2"),
        ("https://example.com./a", "https://example.com/a"),
    ],
)
def test_canonical_url(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "mailto:someone@example.com",
        "ftp://example.com/file",
        "file:///etc/passwd",
        "/relative/path",
        "example.com/no-scheme",
        "https://",
        "https://exa mple.com/",
        "https://<script>/",
        "https://example.com:99999/",
        "https://example.com:abc/",
        "http://[::1",
        "https://" + "a" * 5000 + ".com/",
    ],
)
def test_not_http_or_malformed_is_none(raw: str | None) -> None:
    assert canonical_url(raw) is None


def test_clean_link_keeps_fragment_and_resolves_relative() -> None:
    base = "https://www.example.com/news/2024/story"
    assert clean_link("/about#team", base=base) == "https://www.example.com/about#team"
    assert clean_link("other?utm_campaign=x", base=base) == "https://www.example.com/news/2024/other"
    assert clean_link("#top", base=base) == "https://www.example.com/news/2024/story#top"
    assert clean_link("javascript:void(0)", base=base) is None
    assert clean_link("/about", base=None) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://ift.tt/3r0axg6",
        "http://feedproxy.google.com/~r/Foo/~3/abc/story",
        "https://bit.ly/x",
        "https://t.co/abc",
        "https://ow.ly/x",
        "https://buff.ly/x",
        "https://trib.al/x",
        "https://dlvr.it/x",
        "https://goo.gl/x",
        "https://tinyurl.com/x",
        "https://lnkd.in/x",
        "https://fb.me/x",
        "https://wp.me/p1-2",
        "https://www.bit.ly/x",
        "HTTPS://IFT.TT/X",
    ],
)
def test_shortlinks(url: str) -> None:
    assert is_shortlink(url)
    assert canonical_url(url) is not None  # canonical form still exists (identity of a repeated webhook)


@pytest.mark.parametrize(
    "url", ["https://www.businessinsider.com/x", "https://notbit.ly/x", "javascript:alert(1)", None, "bit.ly/x"]
)
def test_not_shortlinks(url: str | None) -> None:
    assert not is_shortlink(url)


def test_host_of() -> None:
    assert host_of("https://WWW.Example.com:8080/x") == "www.example.com"
    assert host_of("mailto:x@example.com") is None


def test_placeholder_image() -> None:
    assert is_placeholder_image("https://ifttt.com/images/no_image_card.png")
    assert not is_placeholder_image("https://i.insider.com/abc?width=700")
    assert is_placeholder_image("https://IFTTT.com/images/NO_IMAGE_CARD.PNG?x=1")
    assert is_placeholder_image("https://ifttt.com/images/no_image_\ncard.png")  # urlsplit drops the newline
    assert not is_placeholder_image("https://ifttt.com/no_image_card.png/x")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # IDNA 2008: "ß" is a letter of its own; IDNA 2003 (Python's codec) made faß.de into fass.de.
        ("https://fa\u00df.de/x", "https://xn--fa-hia.de/x"),
        ("https://stra\u00dfe\u3002de/", "https://xn--strae-oqa.de/"),  # UTS 46 maps the ideographic full stop
        ("https://www.\u4f8b\u3048.jp/a", "https://www.xn--r8jz45g.jp/a"),
        ("https://my_host.b\u00fccher.de/", "https://my_host.xn--bcher-kva.de/"),  # an ASCII label is kept as written
        ("https://\u2603.net/", None),  # a symbol is no letter of any script: refused under IDNA 2008
        ("https://xn--fa-hia.de/", "https://xn--fa-hia.de/"),
    ],
)
def test_idna_2008_hosts(raw: str, expected: str | None) -> None:
    assert canonical_url(raw) == expected


def test_unicode_label_shows_an_idn_label_as_written() -> None:
    assert unicode_label("xn--fa-hia") == "fa\u00df"
    assert unicode_label("xn--bcher-kva") == "b\u00fccher"
    assert unicode_label("example") == "example"
    assert unicode_label("xn--zz") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # ClearURLs' medium.com provider; Medium's custom domains by our own source=rss… rule.
        (
            "https://medium.com/@kofi.mensah/boring-tech-5e4d3c2b1a09?source=rss-8f7e6d5c4b3a------2",
            "https://medium.com/@kofi.mensah/boring-tech-5e4d3c2b1a09",
        ),
        (
            "https://betterprogramming.pub/stop-writing-boolean-parameters-7c1d?source=rss----d0b105d10f0a---4",
            "https://betterprogramming.pub/stop-writing-boolean-parameters-7c1d",
        ),
        ("https://example.com/a?source=newsletter&id=1", "https://example.com/a?source=newsletter&id=1"),
        # Engadget's src=rss and The New York Times' emc=rss (ClearURLs' global rules) & partner=rss.
        ("https://www.engadget.com/2019/11/07/x/?src=rss", "https://www.engadget.com/2019/11/07/x/"),
        ("https://www.aljazeera.com/news/2025/2/6/x?traffic_source=rss", "https://www.aljazeera.com/news/2025/2/6/x"),
        (
            "https://www.businesswire.com/news/home/1/en/x/?feedref=JjAwJuNHiy",
            "https://www.businesswire.com/news/home/1/en/x/",
        ),
        (
            "https://www.nytimes.com/2020/01/01/fires.html?emc=rss&partner=rss",
            "https://www.nytimes.com/2020/01/01/fires.html",
        ),
        (
            "https://www.bizjournals.com/boston/news/2026/12/03/x.html?ana=RSS&s=article_search",
            "https://www.bizjournals.com/boston/news/2026/12/03/x.html",
        ),
        ("https://example.com/search?s=climate", "https://example.com/search?s=climate"),  # a search is no tag
        # ClearURLs' global rules: Webtrekk's wt_mc, referral tags.
        ("https://www.example.de/a?wt_mc=rss.ressort.x&id=2", "https://www.example.de/a?id=2"),
        ("https://example.com/a?ref=rss&page=2", "https://example.com/a?page=2"),
        # Host providers apply only to their hosts: CNBC's __source, Wired's intcid.
        ("https://www.cnbc.com/2024/05/01/x.html?__source=iosappshare", "https://www.cnbc.com/2024/05/01/x.html"),
        ("https://example.com/a?__source=x", "https://example.com/a?__source=x"),
        ("https://www.wired.com/story/x/?intcid=inline_amp", "https://www.wired.com/story/x/"),
        ("https://example.com/story/x/?intcid=inline_amp", "https://example.com/story/x/?intcid=inline_amp"),
        (
            "https://www.youtube.com/watch?v=Qm3xT9pL2aB&si=x7Yk&feature=shared",
            "https://www.youtube.com/watch?v=Qm3xT9pL2aB",
        ),
        ("https://twitter.com/nasa/status/1?s=20&t=Ab12", "https://twitter.com/nasa/status/1"),
        # A provider's exception keeps what its rules would remove elsewhere on its host.
        (
            "https://www.youtube.com/signin?feature=sign_in_button",
            "https://www.youtube.com/signin?feature=sign_in_button",
        ),
        ("https://twitter.com/i/redirect?t=Ab12&url=x", "https://twitter.com/i/redirect?t=Ab12&url=x"),
        # An exception keeps what its provider would remove: GitLab's ref is a branch, not a referrer.
        ("https://gitlab.com/group/project/-/blob/x?ref=main", "https://gitlab.com/group/project/-/blob/x?ref=main"),
        ("https://example.com/group/project/-/blob/x?ref=main", "https://example.com/group/project/-/blob/x"),
    ],
)
def test_clearurls_tracking_rules(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected
    assert clean_link(raw + "#part") == expected + "#part"


@pytest.mark.parametrize(
    ("pattern", "keys"),
    [
        (r"^https?:\/\/(?:[a-z0-9-]+\.)*?amazon(?:\.[a-z]{2,}){1,}", ["amazon"]),
        (r"^https?:\/\/(?:[a-z0-9-]+\.)*?(youtube\.com|youtu\.be)", ["youtu", "youtube"]),
        (r"^https?:\/\/(?:[a-z0-9-]+\.)*?weibo\.(cn|com)", ["weibo"]),
        (r"^https?://(?:[a-z0-9-]+\.)*?nikkei\.co(?:m|\.jp)", ["nikkei"]),
        (r"^https?:\/\/(?:[a-z0-9-]+\.)*?net\-parade\.it", ["net-parade"]),
        (r"^https?:\/\/(?:[a-z0-9-]+\.)*?amazon(?:\.[a-z]{2,}){1,}\/s\?", ["amazon"]),
        (".*", []),
    ],
)
def test_clearurls_provider_keys(pattern: str, keys: list[str]) -> None:
    assert host_keys(pattern) == keys


def test_clearurls_data_is_what_the_tool_writes() -> None:
    data = json.loads((resources.files("app.normalize") / "publishers/clearurls/rules.json").read_text("utf-8"))
    assert data["global"]["rules"]
    assert len(data["providers"]) > 100
    for provider in data["providers"]:
        assert provider["keys"] == host_keys(provider["pattern"]), provider["name"]


@pytest.mark.parametrize(
    ("url", "furniture"),
    [
        ("https://a.fsdn.com/sd/twitter_icon_large.png", True),  # Slashdot's share icon
        ("https://example.com/img/share-button.gif", True),
        ("https://www.dreamwidth.org/tools/commentcount?user=x&ditemid=1", True),  # a comment counter
        ("https://cdn.example.com/photos/shareholders-meeting.jpg", False),
        ("https://cdn.example.com/img/counter-protest.jpg", False),
        ("https://cdn.example.com/a/iconic-photo.jpg", False),
    ],
)
def test_share_icons_and_counters_are_no_picture(url: str, furniture: bool) -> None:
    assert is_placeholder_image(url) is furniture


def test_naver_blogs_rss_markers_are_tracking() -> None:
    link = "https://blog.naver.com/jeju_month/224101234567?fromRss=true&trackingCode=rss"
    assert canonical_url(link) == "https://blog.naver.com/jeju_month/224101234567"


def test_wsj_rss_module_parameter_is_tracking() -> None:
    link = "https://www.wsj.com/finance/copper-prices-record-3a9f0c21?mod=rss_markets_main"
    assert canonical_url(link) == "https://www.wsj.com/finance/copper-prices-record-3a9f0c21"
    assert canonical_url("https://www.wsj.com/a?mod=hp_lead_pos1") == "https://www.wsj.com/a?mod=hp_lead_pos1"


def test_feed_tags_of_other_publishers_are_tracking() -> None:
    assert canonical_url("https://www.marketwatch.com/story/x-5b1e?mod=mw_rss_topstories") == (
        "https://www.marketwatch.com/story/x-5b1e"
    )
    assert (
        canonical_url("https://slate.com/business/2026/11/x.html?via=rss")
        == "https://slate.com/business/2026/11/x.html"
    )
    assert canonical_url("https://slate.com/a.html?via=homepage") == "https://slate.com/a.html?via=homepage"
