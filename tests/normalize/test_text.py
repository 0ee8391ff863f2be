"""Text helpers: entities, tags, control characters, whitespace, markers."""

from __future__ import annotations

import pytest

from app.normalize import RawItem, normalize
from app.normalize.text import clean_text, collapse, fix_mojibake, has_word, scrub, strip_marker, truncate

from .support import NOW, SETTINGS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("AT&amp;T", "AT&T"),
        ("it&#8217;s", "it’s"),
        ("a&nbsp;&nbsp;b", "a b"),
        ("company&amp;#8217;s", "company’s"),
        ("&amp;amp;quot;x&amp;amp;quot;", '"x"'),
        ("<b>bold</b> and <i>it</i>alic", "bold and italic"),
        ("line<br>break", "line break"),
        ("<script>alert(1)</script>Safe", "Safe"),
        ("<!-- hidden -->Shown", "Shown"),
        ("&lt;p&gt;decoded tag&lt;/p&gt;", "decoded tag"),
        ("a < b and c > d", "a < b and c > d"),
        ("unclosed <b tag", "unclosed < b tag"),
        # Text that names a tag keeps its words as written; only text carrying markup is stripped, and
        # what a renderer taking text for HTML would act on is neutralized: a script, an attribute, a comment.
        ("Use the &lt;canvas&gt; element", "Use the <canvas> element"),
        ("Rust's Vec<String> explained", "Rust's Vec<String> explained"),
        ("List&lt;List&lt;Integer&gt;&gt; windows", "List<List<Integer>> windows"),
        ("&lt;x&lt;script&gt;", "< x< script>"),  # "<x< script>" is an element "x<" with an attribute
        ("Mail Jane <jane@example.org>", "Mail Jane <jane@example.org>"),
        ("&lt;svg onload=alert(1)&gt; in text", "< svg onload=alert(1)> in text"),
        ("&lt;a/href=javascript:x&gt;", "< a/href=javascript:x>"),
        ("an &lt;iframe&gt; or a &lt;style&gt; block", "an < iframe> or a < style> block"),
        ("<?php echo 1; ?>", "< ?php echo 1; ?>"),
        # "<" inside a tag's name or attributes still opens a tag for an HTML parser: broken up too
        ("&lt;img x&lt; src=x onerror=alert(1)&gt;", "< img x< src=x onerror=alert(1)>"),
        ("&lt;x&lt;y autofocus onfocus=alert(1)&gt;", "< x< y autofocus onfocus=alert(1)>"),
        ("x<y", "x< y"),
        ("Never put a <script> tag inside it.", "Never put a < script> tag inside it."),
        ("Write &lt;div class=&quot;x&quot;&gt; in HTML &amp; CSS", 'Write < div class="x"> in HTML & CSS'),
        ("&amp;lt;p&amp;gt;twice escaped&amp;lt;/p&amp;gt;", "twice escaped"),
        ("&lt;img src=x&gt;caption", "caption"),
        ("<p>Hello<p>World", "Hello World"),
        ('<a href="https://x.example/">Link title', "Link title"),
        ("</", "< /"),
        ("<!", "< !"),
        ("R&D; Q&A", "R&D; Q&A"),
        ("  many \t\n spaces\u2028here\u00a0too ", "many spaces here too"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("\x93quoted\x94 \x96 dash", "“quoted” – dash"),
        ("curly ‘quotes’ — stay", "curly ‘quotes’ — stay"),
        (None, ""),
    ],
)
def test_clean_text(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


def test_deeply_nested_escapes_cannot_be_decoded_again() -> None:
    import html

    cleaned = clean_text("&amp;" * 1 + "amp;" * 10 + "lt;")
    assert html.unescape(cleaned) == cleaned


def test_scrub_keeps_newlines_and_unifies_breaks() -> None:
    assert scrub("a\r\nb\rc\u2028d\x00e") == "a\nb\nc\nde"
    assert scrub("plain") == "plain"


def test_collapse() -> None:
    assert collapse("  a  b ") == "a b"
    assert collapse("a\nb") == "a b"


def test_collapse_keeps_a_lone_ideographic_space() -> None:
    # Asahi's headlines set U+3000 between two phrases; it is typography, not a run of spacing.
    assert collapse("北海道で震度4\u3000津波の心配なし") == "北海道で震度4\u3000津波の心配なし"
    assert collapse("\u3000先頭\u3000\u3000末尾\u3000") == "先頭\u3000末尾"
    assert collapse("a \u3000 b\n\nc") == "a b c"  # mixed with other spacing: one ordinary space


def test_markers_and_words() -> None:
    assert strip_marker("- point") == "point"
    assert strip_marker("• – nested marker") == "nested marker"
    assert strip_marker("-5 degrees") == "-5 degrees"
    assert has_word("x")
    assert not has_word("— * —")
    assert not has_word("___")
    assert has_word("_x")
    assert has_word("½")
    assert has_word("— ٣")
    assert not has_word("_ —")


def test_truncate() -> None:
    assert truncate("short", 10) == "short"
    cut = truncate("word " * 100, 50)
    assert len(cut) <= 50
    assert cut.endswith("…")
    assert not cut.endswith(" …")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Itâ€™s here", "It’s here"),  # UTF-8 read as Windows-1252
        ("The â€œbestâ€\x9d phone", "The “best” phone"),  # the closing quote's 0x9D is a C1 control in cp1252
        ("Ã¼ber cafÃ©", "über café"),  # UTF-8 read as Latin-1
        ("Ã\xa0 la carte", "à la carte"),
        ("Itâ€™s &amp; more", "It’s & more"),  # entities decoded first, then the repair
        # Text as written stays: curly quotes, dashes, ligatures, full-width letters, accents.
        ("“quoted” and ‘single’", "“quoted” and ‘single’"),
        ("café–bar — naïve", "café–bar — naïve"),
        ("ﬁne Ｆｕｌｌ tschüß", "ﬁne Ｆｕｌｌ tschüß"),
        ("Ça va? À bientôt", "Ça va? À bientôt"),
    ],
)
def test_mojibake_repaired_and_typography_kept(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_fix_mojibake_leaves_clean_text_untouched() -> None:
    clean = "Zoë’s “naïve” café — ½ off"
    assert fix_mojibake(clean) is clean


def test_mojibake_repaired_in_body_and_its_html() -> None:
    content = (
        '<p>Yuva Senaâ€™s Rahool Kanal warned <a href="https://example.com/t">Kunal Kamra</a> of a'
        " â€˜Shiv Sena-styleâ€™ welcome.</p><p>â€œItâ€™s a matter of free speech,â€\x9d he said.</p>"
    )
    item = normalize(RawItem(title="T", content=content, link="https://example.com/a"), now=NOW, settings=SETTINGS)
    assert item.body == [
        "Yuva Sena’s Rahool Kanal warned Kunal Kamra of a ‘Shiv Sena-style’ welcome.",
        "“It’s a matter of free speech,” he said.",
    ]
    assert "â€" not in (item.body_html or "")


def test_soft_hyphens_are_no_characters() -> None:
    assert clean_text("Create&shy;Window&shy;Ex returned nullptr") == "CreateWindowEx returned nullptr"


def test_a_closing_quote_whose_last_byte_a_decoder_dropped() -> None:
    # "”" is E2 80 9D; Windows-1252 has no character for 0x9D, so a decoder that drops it leaves "â€".
    assert fix_mojibake("“We’re grateful,â€ said Anne Lindqvist.") == "“We’re grateful,” said Anne Lindqvist."
    assert fix_mojibake("à la carte, 3 € — “menu” café") == "à la carte, 3 € — “menu” café"


def test_markup_escaped_twice_is_read_as_the_markup_it_stands_for() -> None:
    content = "&lt;p&gt;Intro.&lt;/p&gt;\n&lt;pre&gt;&lt;code&gt;func a() {\n    b()\n}&lt;/code&gt;&lt;/pre&gt;"
    for kind in ("auto", "html"):
        item = normalize(RawItem(title="T", content=content, content_kind=kind), now=NOW, settings=SETTINGS)
        assert item.body == ["Intro.", "func a() {\n    b()\n}"]
