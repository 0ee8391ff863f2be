"""Hostile documents: entity expansion in every form, oversized fields, and the linear rewrites that defuse them."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from app.errors import FeedParseError
from app.feeds.fastfeed.tree import _attribute_items
from app.feeds.parser import ParsedFeed, parse_feed
from app.feeds.xmlsafety import (
    MAX_ATTRIBUTES,
    MAX_DEPTH,
    PERSON_FIELD_BYTES,
    cap_fields,
    check_attributes,
    check_depth,
    strip_doctype,
)

MIB = 2**20
RSS_HEAD = '<rss version="2.0"><channel><title>T</title>'
PASSWD = Path("/etc/passwd")


@pytest.fixture
def traced() -> Iterator[None]:
    """tracemalloc on for the test body; read the peak with ``_peak()``."""
    tracemalloc.start()
    try:
        yield
    finally:
        tracemalloc.stop()


def _peak() -> int:
    return tracemalloc.get_traced_memory()[1]


def _texts(feed: ParsedFeed) -> str:
    values = [feed.title or ""]
    for entry in feed.entries:
        values += [v for v in (entry.title, entry.content, entry.author, entry.link) if v]
    return "\n".join(values)


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 "lol">\n'
    + "".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))
    + "]>\n"
    + RSS_HEAD
    + "<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"
)
LARGE_LITERAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY big "'
    + "x" * 100_000
    + '">\n]>\n'
    + RSS_HEAD
    + "<item><title>big</title><description>"
    + "&big;" * 20_000
    + "</description></item></channel></rss>"
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
    '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">\n%remote;\n]>\n'
    + RSS_HEAD
    + "<item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>"
)
EXTERNAL_DTD = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file:///etc/passwd">\n'
    + RSS_HEAD
    + "<item><title>x</title></item></channel></rss>"
)


@pytest.mark.parametrize(
    ("document", "encoding"),
    [
        (BILLION_LAUGHS, "utf-8"),
        (LARGE_LITERAL, "utf-8"),
        (LARGE_LITERAL.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>'), "utf-16"),
        (LARGE_LITERAL.replace("<!DOCTYPE", "<!-- <a> -->\n<!DOCTYPE"), "utf-8"),  # fools feedparser's "<\w" head
        (EXTERNAL, "utf-8"),
        (EXTERNAL_DTD, "utf-8"),
    ],
    ids=[
        "billion-laughs",
        "large-literal",
        "large-literal-utf16",
        "after-comment",
        "external-entities",
        "external-dtd",
    ],
)
def test_entities_are_never_expanded(traced: None, document: str, encoding: str) -> None:
    feed = parse_feed(document.encode(encoding), headers={"Content-Type": "application/rss+xml"}, url="u")
    peak = _peak()
    assert [e.title for e in feed.entries][:1] != [None]
    text = _texts(feed)
    assert "lollol" not in text
    assert "x" * 1000 not in text
    if PASSWD.exists():
        assert PASSWD.read_text().splitlines()[0] not in text
    assert "root:" not in text
    # Expanded, the large literal alone would be 2 GB; the document itself is 2.2 MB.
    assert peak < 64 * MIB, f"peak {peak / MIB:.1f} MiB"


@pytest.mark.parametrize("element", ["author", "managingEditor", "dc:creator", "AUTHOR", "itunes:author"])
def test_oversized_author_is_cut_before_parsing(element: str) -> None:
    # 64 KB in one person element: feedparser's quadratic e-mail regex would take about 15 s on it.
    namespaces = 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
    doc = f'<rss version="2.0" {namespaces}><channel><title>T</title>'
    doc += f"<item><title>a</title><{element}>{'a' * 65_536}</{element}><guid>g</guid></item></channel></rss>"
    entry = parse_feed(doc.encode(), url="u").entries[0]
    if element != "managingEditor":  # a channel field, not the item's
        assert entry.author is not None
        assert 0 < len(entry.author) <= PERSON_FIELD_BYTES
    assert (entry.title, entry.guid) == ("a", "g")


def test_oversized_author_split_by_comments_and_tags_is_cut_too() -> None:
    run = "<!-- -->".join(["a" * 4000] * 16) + "<b/>" + "a" * 4000
    doc = RSS_HEAD + f"<item><title>a</title><author>{run}</author></item></channel></rss>"
    entry = parse_feed(doc.encode(), url="u").entries[0]
    assert entry.author is None or len(entry.author) <= PERSON_FIELD_BYTES


def test_unclosed_author_cannot_grow_without_bound() -> None:
    doc = RSS_HEAD + "<item><title>a</title><author>" + "a<b/>" * 20_000 + "</item></channel></rss>"
    feed = parse_feed(doc.encode(), url="u")
    assert all(len(e.author or "") <= PERSON_FIELD_BYTES for e in feed.entries)


DECLARATIONS = {
    "element": "<!ELEMENT x ANY>",
    "attlist": '<!ATTLIST item a CDATA "x>y">',
    "entity": '<!ENTITY e "e">',
    "parameter-entity": '<!ENTITY % p "p">',
    "notation": '<!NOTATION n SYSTEM "n>">',
    "unknown": "<!FOO [x]>",
    "lowercase": "<!element x ANY>",
    "comment-holding-a-declaration": "<!--\n<!ENTITY e 'e'>\n-->",
    "pi-holding-a-declaration": "<?pi\n<!ENTITY e 'e'>\n?>",
    "stray-end-tag": "</x>",
    "stray-lt": "< x",
    "digit-tag": "<1x>",
}


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("declaration", list(DECLARATIONS.values()), ids=list(DECLARATIONS))
def test_no_declaration_around_the_doctype_lets_an_entity_through(traced: None, declaration: str, where: str) -> None:
    # A 100 KB literal referenced 2,000 times: 200 MB if any parser expands it.
    doctype = '<!DOCTYPE rss [\n<!ENTITY big "' + "x" * 100_000 + '">\n]>'
    prolog = f"{declaration}\n{doctype}" if where == "before" else f"{doctype}\n{declaration}"
    body = RSS_HEAD + "<item><title>t</title><description>" + "&big;" * 2_000 + "</description></item></channel></rss>"
    document = f'<?xml version="1.0"?>\n{prolog}\n{body}'.encode()
    assert b"<!ENTITY" not in strip_doctype(document)
    assert b"<!DOCTYPE" not in strip_doctype(document)
    feed = parse_feed(document, headers={"Content-Type": "application/rss+xml"}, url="u")
    assert "x" * 1000 not in _texts(feed)
    assert _peak() < 64 * MIB, f"peak {_peak() / MIB:.1f} MiB"


# --- strip_doctype ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"<rss/>", b"<rss/>"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE rss>\n<rss/>', b'<?xml version="1.0"?>\n\n<rss/>'),
        (b"<!doctype rss><rss/>", b"<rss/>"),
        (b'<!DOCTYPE rss SYSTEM "a>b"><rss/>', b"<rss/>"),
        (b'<!DOCTYPE rss [<!ENTITY a "]>"><!-- ]> --><?pi ]> ?>]><rss>&a;</rss>', b"<rss>&a;</rss>"),
        (b"<!DOCTYPE a><!DOCTYPE b [ ]><rss/>", b"<rss/>"),
        (b"<!-- c --><!DOCTYPE rss [<!ENTITY a 'x'>]><rss/>", b"<!-- c --><rss/>"),
        (b"<!DOCTYPE rss [<!ENTITY a 'x'>", b""),  # unterminated: nothing after it is kept
        # Only the prolog: a DOCTYPE inside content is text, not a declaration.
        (b"<rss><d><![CDATA[<!DOCTYPE html [>]]></d></rss>", b"<rss><d><![CDATA[<!DOCTYPE html [>]]></d></rss>"),
        (b"<!ELEMENT x ANY><!DOCTYPE r [<!ENTITY a 'x'>]><r/>", b"<r/>"),  # any declaration, not only a DOCTYPE
        (b"</x><!DOCTYPE r><r/>", b"</x><r/>"),  # a stray '<' is not the root
        (b"<!--\n<!ENTITY a 'x'>--><?keep?><r/>", b"<?keep?><r/>"),
    ],
)
def test_strip_doctype(before: bytes, after: bytes) -> None:
    assert strip_doctype(before) == after


def test_strip_doctype_is_linear_on_a_huge_subset() -> None:
    subset = b"<!ENTITY e '" + b"x" * (8 * MIB) + b"'>"
    assert strip_doctype(b"<!DOCTYPE r [" + subset + b"]><r/>") == b"<r/>"


# --- cap_fields -------------------------------------------------------------------------------


def test_small_fields_are_left_alone() -> None:
    doc = b"<rss><item><title>short</title><author>me</author></item></rss>"
    assert cap_fields(doc, short_bytes=100) is doc


@pytest.mark.parametrize(
    ("inner", "kept"),
    [
        (b"a" * 20, b"a" * 10),
        (b"aaaaaaa&amp;bbbb", b"aaaaaaa"),  # never half an entity reference
        ("aaaaaaaaaé".encode() + b"zz", b"a" * 9),  # never half a UTF-8 sequence (é is bytes 9 and 10)
        (b"<![CDATA[" + b"c" * 20 + b"]]>", b"<![CDATA[" + b"c" * 10 + b"]]>"),
        (b"aaaa<!-- drop -->" + b"b" * 20, b"aaaa" + b"b" * 6),
        (b"<name>" + b"n" * 30 + b"</name>", b"<name>" + b"n" * 10 + b"</name>"),
    ],
)
def test_cap_fields_cuts_text_but_keeps_markup(inner: bytes, kept: bytes) -> None:
    doc = b"<rss><title>" + inner + b"</title></rss>"
    assert cap_fields(doc, short_bytes=10) == b"<rss><title>" + kept + b"</title></rss>"


def test_cap_fields_leaves_embedded_html_alone() -> None:
    # A <title> inside CDATA content is HTML, not a feed field; long content is not a short field.
    content = b"<![CDATA[<title>" + b"t" * 50 + b"</title><link rel=x>" + b"p" * 500 + b"]]>"
    doc = b"<rss><item><description>" + content + b"</description><link>u</link></item></rss>"
    assert cap_fields(doc, short_bytes=10) is doc


def test_cap_fields_is_linear_with_many_unclosed_fields() -> None:
    doc = b"<rss>" + b"<title>x<p1:id>y<link>z" * 200_000 + b"</rss>"
    assert cap_fields(doc, short_bytes=10) is doc


# --- attributes and depth ---------------------------------------------------------------------


def _rss_with_item_tag(tag: str, inner: str = "<title>t</title>") -> bytes:
    return (RSS_HEAD + f"{tag}{inner}</item><item><title>next</title></item></channel></rss>").encode()


@pytest.mark.parametrize(
    "attributes",
    [
        " ".join(f'a{n}="v"' for n in range(MAX_ATTRIBUTES + 1)),
        " ".join(f"a{n}='v>'" for n in range(MAX_ATTRIBUTES + 1)),  # '>' inside a quoted value
        " ".join(f"a{n}=v" for n in range(MAX_ATTRIBUTES + 1)),  # soup: unquoted
        " ".join(f"a{n}" for n in range(MAX_ATTRIBUTES + 1)),  # soup: no values
        "\n".join(f'x:a{n} = "v"' for n in range(100_000)),  # the reported 1.1 MB <item>
    ],
    ids=["quoted", "gt-in-value", "unquoted", "valueless", "100k-namespaced"],
)
def test_an_element_with_too_many_attributes_is_refused_before_parsing(attributes: str) -> None:
    document = _rss_with_item_tag(f'<item xmlns:x="urn:x" {attributes}>')
    with pytest.raises(FeedParseError, match="attributes"):
        check_attributes(document)
    with pytest.raises(FeedParseError, match="attributes"):
        parse_feed(document, url="u")


def test_attributes_up_to_the_cap_and_markup_in_cdata_or_comments_are_fine() -> None:
    many = " ".join(f'a{n}="v"' for n in range(MAX_ATTRIBUTES))
    crowded_html = "<p " + " ".join(f'a{n}="v"' for n in range(500)) + ">"
    inner = f"<title>t</title><description><![CDATA[{crowded_html}]]></description><!-- {crowded_html} -->"
    document = _rss_with_item_tag(f"<item {many}>", inner)
    check_attributes(document)
    assert [e.title for e in parse_feed(document, url="u").entries] == ["t", "next"]


def test_unterminated_sections_and_tags_do_not_stop_the_attribute_check() -> None:
    for document in (b"<rss><![CDATA[" + b"]" * 10_000, b"<rss><!--" + b"-" * 10_000, b"<rss a='" + b"x" * 10_000):
        check_attributes(document)


def test_the_tree_walk_reads_many_attributes_as_lxml_does() -> None:
    # Past a few attributes the walk reads them through XPath, in one pass (lxml's items() is quadratic).
    attributes = " ".join(f'a{n}="{n}&amp;"' for n in range(60)) + ' x:b="x" xml:lang="en"'
    element = etree.fromstring(f'<e xmlns:x="urn:x" {attributes}/>'.encode())
    assert _attribute_items(element) == list(element.attrib.items())
    assert len(_attribute_items(element)) == 62


def test_a_feed_item_with_many_attributes_parses_the_same_on_both_paths() -> None:
    attributes = " ".join(f'data-{n}="v"' for n in range(40))
    document = _rss_with_item_tag(f'<item {attributes} xml:lang="en">')
    fast, slow = parse_feed(document, url="u"), parse_feed(document, url="u", fast=False)
    assert fast == slow
    assert [e.title for e in fast.entries] == ["t", "next"]


def _nested(depth: int) -> bytes:
    return _rss_with_item_tag("<item>", "<title>t</title><x>" + "<x>" * depth + "</x>" * depth + "</x>")


def test_elements_nested_past_the_limit_are_refused_before_feedparser() -> None:
    with pytest.raises(FeedParseError, match="deep"):
        check_depth(_nested(MAX_DEPTH))
    with pytest.raises(FeedParseError):
        parse_feed(_nested(MAX_DEPTH), url="u", fast=False)
    with pytest.raises(FeedParseError):
        parse_feed(_nested(MAX_DEPTH), url="u")
    check_depth(_nested(MAX_DEPTH - 10))
    assert len(parse_feed(_nested(MAX_DEPTH - 10), url="u", fast=False).entries) == 2


def test_unclosed_tags_in_soup_end_with_their_element() -> None:
    # A broken feed with raw <br> and <P> in each description: as deep as one item, however many items.
    item = "<item><title>t</title><description>a<br>b<P>c<br/>d<img src=x></description></item>"
    document = (RSS_HEAD + item * 500 + "</channel></rss>").encode()
    check_depth(document)
    assert len(parse_feed(document, url="u").entries) == 500
