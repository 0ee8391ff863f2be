"""The structured body: each structure through ``normalize`` to ``blocks``, ``body`` and ``body_html``."""

from __future__ import annotations

from app.normalize import NormalizedItem, RawItem, normalize
from app.normalize.model import BodyBlock, ContentKind
from app.normalize.outline import body_of

from .support import NOW, SETTINGS

LEAD = "<p>The story starts here, in a paragraph of its own.</p>"


def run(content: str, *, kind: ContentKind = "html") -> NormalizedItem:
    raw = RawItem(title="A headline", content=content, content_kind=kind, link="https://example.com/story")
    return normalize(raw, now=NOW, settings=SETTINGS)


def test_pre_with_br_keeps_its_lines() -> None:
    item = run(LEAD + "<pre>first line<br>  second, indented<br><br>after a blank</pre>")
    text = "first line\n  second, indented\n\nafter a blank"
    assert item.blocks[1] == {"type": "code", "text": text}
    assert item.body[1] == text
    assert "<pre><code>first line\n  second, indented\n\nafter a blank</code></pre>" in (item.body_html or "")


def test_pre_code_keeps_indentation_and_escapes_markup() -> None:
    source = '<pre><code class="language-python">def f(x):\n    if x &lt; 2:\n        return "&lt;b&gt;"\n</code></pre>'
    item = run(LEAD + source)
    code = item.blocks[1]
    assert code["type"] == "code"
    lines = code["text"].split("\n")
    assert lines[0] == "def f(x):"
    assert lines[1] == "    if x < 2:"
    assert lines[2].startswith("        return ")
    assert lines[2] == '        return "<b>"'  # code is verbatim: a tag it names stays as written
    assert "<pre><code>def f(x):\n    if x &lt; 2:\n" in (item.body_html or "")
    assert "return &quot;&lt;b&gt;&quot;" in (item.body_html or "") or 'return "&lt;b&gt;"' in (item.body_html or "")


def test_ordered_list_start_numbers_body_and_html() -> None:
    item = run(LEAD + '<ol start="3"><li>Third</li><li>Fourth</li></ol>')
    assert item.blocks[1] == {"type": "list", "ordered": True, "start": 3, "items": ["Third", "Fourth"]}
    assert item.body[1:] == ["3. Third", "4. Fourth"]
    assert '<ol start="3"><li>Third</li><li>Fourth</li></ol>' in (item.body_html or "")


def test_li_value_restarts_the_numbering() -> None:
    item = run(LEAD + '<ol><li>One</li><li value="7">Seven</li><li>Eight</li></ol>')
    assert item.body[1:] == ["1. One", "7. Seven", "8. Eight"]
    assert body_of(item.blocks) == item.body


def test_unordered_list_has_no_marker_and_start_one() -> None:
    item = run(LEAD + "<ul><li>Apples</li><li>Pears</li></ul>")
    assert item.blocks[1] == {"type": "list", "ordered": False, "start": 1, "items": ["Apples", "Pears"]}
    assert item.body[1:] == ["Apples", "Pears"]


def test_nested_lists_keep_their_own_numbering() -> None:
    item = run(LEAD + "<ol><li>Outer one<ul><li>Inner a</li><li>Inner b</li></ul></li><li>Outer two</li></ol>")
    assert item.body[1:] == ["1. Outer one", "Inner a", "Inner b", "2. Outer two"]
    assert item.blocks[1:] == [
        {"type": "list", "ordered": True, "start": 1, "items": ["Outer one"]},
        {"type": "list", "ordered": False, "start": 1, "items": ["Inner a", "Inner b"]},
        {"type": "list", "ordered": True, "start": 2, "items": ["Outer two"]},
    ]
    html = '<ol><li>Outer one</li></ol><ul><li>Inner a</li><li>Inner b</li></ul><ol start="2"><li>Outer two</li></ol>'
    assert html in (item.body_html or "")


def test_table_with_thead_is_rows_of_cells() -> None:
    table = (
        "<table><thead><tr><th>City</th><th>Rain (mm)</th></tr></thead>"
        '<tbody><tr><td><a href="https://example.com/oslo">Oslo</a></td><td><b>76</b></td></tr>'
        "<tr><td>Lima</td><td>1</td></tr></tbody></table>"
    )
    item = run(LEAD + table)
    assert item.blocks[1] == {"type": "table", "rows": [["City", "Rain (mm)"], ["Oslo", "76"], ["Lima", "1"]]}
    assert item.body[1:] == ["City | Rain (mm)", "Oslo | 76", "Lima | 1"]
    html = item.body_html or ""
    assert "<table><thead><tr><th>City</th><th>Rain (mm)</th></tr></thead><tbody><tr><td><a " in html
    assert "<td><strong>76</strong></td>" in html


def test_layout_table_is_its_content() -> None:
    item = run("<table><tr><td><p>First paragraph of text.</p><p>Second paragraph of text.</p></td></tr></table>")
    assert item.blocks == [
        {"type": "paragraph", "text": "First paragraph of text."},
        {"type": "paragraph", "text": "Second paragraph of text."},
    ]
    assert "<table" not in (item.body_html or "")


def test_a_table_of_a_picture_over_its_caption_is_a_captioned_figure() -> None:
    # Blogger's tr-caption-container: one row holds the picture, the next its caption.
    table = (
        '<table class="tr-caption-container"><tbody><tr><td><a href="https://img.example.com/big.png">'
        '<img src="https://img.example.com/radar.png" width="640" height="400"></a></td></tr>'
        '<tr><td class="tr-caption">Radar at 4 PM Tuesday.</td></tr></tbody></table>'
    )
    item = run(LEAD + table + "<p>More story text after the picture.</p>")
    assert "Radar at 4 PM Tuesday." not in item.body
    assert {
        "type": "figure",
        "image": "https://img.example.com/radar.png",
        "caption": "Radar at 4 PM Tuesday.",
    } in item.blocks
    # two rows of text are the table's content
    text = run("<table><tr><td>First row of text.</td></tr><tr><td>Second row of text.</td></tr></table>")
    assert text.body == ["First row of text.", "Second row of text."]


def test_figure_caption_is_not_body() -> None:
    figure = (
        '<figure><img src="https://img.example.com/a.jpg" alt="A dog">'
        "<figcaption>A dog on a beach. Photo: Jo Doe</figcaption></figure>"
    )
    item = run(LEAD + figure + "<p>More story text after the picture.</p>")
    assert item.blocks[1] == {
        "type": "figure",
        "image": "https://img.example.com/a.jpg",
        "caption": "A dog on a beach. Photo: Jo Doe",
    }
    assert item.body == ["The story starts here, in a paragraph of its own.", "More story text after the picture."]
    assert (
        '<figure><img src="https://img.example.com/a.jpg" alt="A dog"><figcaption>A dog on a beach. Photo: Jo Doe'
        "</figcaption></figure>" in (item.body_html or "")
    )


def test_heading_levels_kept_in_blocks_clamped_in_html() -> None:
    item = run(LEAD + "<h1>Top</h1><h3>Middle</h3><h6>Deep</h6>")
    assert [(b["type"], b.get("level")) for b in item.blocks[1:]] == [("heading", 1), ("heading", 3), ("heading", 6)]
    assert item.body[1:] == ["Top", "Middle", "Deep"]
    assert "<h2>Top</h2><h3>Middle</h3><h4>Deep</h4>" in (item.body_html or "")


def test_blockquote_is_a_quote() -> None:
    item = run(LEAD + "<blockquote><p>Words someone said.</p></blockquote>")
    assert item.blocks[1] == {"type": "quote", "text": "Words someone said."}
    assert item.body[1] == "Words someone said."
    assert "<blockquote><p>Words someone said.</p></blockquote>" in (item.body_html or "")


def test_bullets_are_not_blocks() -> None:
    item = run("<ul><li>Key point one</li><li>Key point two</li></ul>" + LEAD)
    assert item.bullets == ["Key point one", "Key point two"]
    assert item.blocks == [{"type": "paragraph", "text": "The story starts here, in a paragraph of its own."}]


def test_text_content_gives_paragraphs_and_lists() -> None:
    text = "Intro paragraph of the post.\n\n1. Do this first\n2. Then this\n\nMiddle words.\n\n- one thing\n- another"
    item = run(text, kind="text")
    assert item.blocks == [
        {"type": "paragraph", "text": "Intro paragraph of the post."},
        {"type": "list", "ordered": True, "start": 1, "items": ["Do this first", "Then this"]},
        {"type": "paragraph", "text": "Middle words."},
        {"type": "list", "ordered": False, "start": 1, "items": ["one thing", "another"]},
    ]
    assert item.body == [
        *("Intro paragraph of the post.", "1. Do this first", "2. Then this", "Middle words."),
        *("one thing", "another"),
    ]


def test_a_lone_numbered_line_stays_a_paragraph() -> None:
    item = run("Intro paragraph of the post.\n\n2024. What a year it was.", kind="text")
    assert item.blocks[1] == {"type": "paragraph", "text": "2024. What a year it was."}


def test_body_is_derived_from_blocks() -> None:
    blocks: list[BodyBlock] = [
        {"type": "heading", "level": 2, "text": "H"},
        {"type": "list", "ordered": True, "start": 9, "items": ["a", "b"]},
        {"type": "table", "rows": [["x", "", "z"]]},
        {"type": "figure", "image": "https://i.example.com/a.jpg", "caption": "c"},
        {"type": "code", "text": "a\n  b"},
    ]
    assert body_of(blocks) == ["H", "9. a", "10. b", "x | z", "a\n  b"]


def test_numbered_lines_leading_a_post_stay_body_not_key_points() -> None:
    item = run("1. Preheat the oven\n2. Mix the flour\n\nThen bake for an hour.", kind="text")
    assert item.bullets == []
    assert item.body == ["1. Preheat the oven", "2. Mix the flour", "Then bake for an hour."]
    assert item.blocks[0] == {
        "type": "list",
        "ordered": True,
        "start": 1,
        "items": ["Preheat the oven", "Mix the flour"],
    }


def test_numbered_lines_in_html_are_an_ordered_list() -> None:
    item = run(LEAD + "<p>1. First step<br>2. Second step</p>")
    assert item.body[1:] == ["1. First step", "2. Second step"]
    assert "<ol><li>First step</li><li>Second step</li></ol>" in (item.body_html or "")


def test_a_code_block_that_repeats_the_headline_loses_it_and_its_blank_line() -> None:
    # GitHub's commit feed: the message in a pre, its first line the commit's title (the headline).
    pre = "<pre style='white-space:pre-wrap'>A headline\n\nThe commit message,\nwrapped.\n\nFixes #879</pre>"
    item = run(pre)
    assert item.blocks == [{"type": "code", "text": "The commit message,\nwrapped.\n\nFixes #879"}]
    assert item.body == ["The commit message,\nwrapped.\n\nFixes #879"]
    assert item.body_html == "<pre><code>The commit message,\nwrapped.\n\nFixes #879</code></pre>"


def test_a_row_the_rules_emptied_is_no_table() -> None:
    # Reddit's feed: a thumbnail cell and a "submitted by … [link] [comments]" cell the reddit rules remove.
    content = (
        '<table><tr><td><a href="https://www.reddit.com/r/news/comments/1/x/"><img src="https://b.thumbs.redditmedia.com/a.jpg"'
        ' alt="A"></a></td><td> submitted by <a href="https://www.reddit.com/user/someone"> /u/someone </a><br>'
        '<span><a href="https://example.com/a">[link]</a></span> <span><a href="https://www.reddit.com/r/news/comments/1/x/">'
        "[comments]</a></span></td></tr></table>"
    )
    raw = RawItem(title="A link post", content=content, link="https://www.reddit.com/r/news/comments/1/x/")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert [block["type"] for block in item.blocks] == ["figure"]
    assert "<table" not in (item.body_html or "")


def test_an_embedded_posts_attribution_is_a_line_of_its_own_under_its_words() -> None:
    tweet = (
        '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Gilt yields rose again. The headroom is gone.</p>'
        '&mdash; Rowena Pike (@rowenapike) <a href="https://twitter.com/rowenapike/status/1">November 11, 2024</a>'
        "</blockquote>"
    )
    item = run(LEAD + tweet)
    assert item.body[1:] == [
        "Gilt yields rose again. The headroom is gone.",
        "— Rowena Pike (@rowenapike) November 11, 2024",
    ]
    assert [block["type"] for block in item.blocks[1:]] == ["quote", "paragraph"]
    # a quote's closing <cite>, the source it quotes, is a line of its own
    cited = run(
        LEAD + "<blockquote><p>The driver has been rewritten.</p><cite><a href='https://h.example/r'>"
        "Haiku activity report</a></cite></blockquote>"
    )
    assert cited.body[1:] == ["The driver has been rewritten.", "Haiku activity report"]
    # (a cite that words run on after is part of the quote's last line)
    run_on = run(
        LEAD + "<blockquote><p>We had no choice.</p><cite>Mayor Jane Doe</cite>, speaking on Tuesday</blockquote>"
    )
    assert run_on.body[1:] == ["We had no choice. Mayor Jane Doe, speaking on Tuesday"]
    # a quote whose loose words open with no dash reads as one quote, as before
    plain = run(LEAD + "<blockquote><p>Words.</p> and more words</blockquote>")
    assert plain.body[1:] == ["Words. and more words"]
