"""Feed content from the structured body: semantic HTML for every block type, every text escaped."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import html as lxml_html

from app.outputs import content_html
from tests.outputs.support import HOSTILE, Entry

STRUCTURE: tuple[Mapping[str, object], ...] = (
    {"type": "paragraph", "text": "A paragraph."},
    {"type": "heading", "level": 1, "text": "Top heading"},
    {"type": "heading", "level": 6, "text": "Deep heading"},
    {"type": "list", "ordered": True, "start": 3, "items": ["Three", "Four"]},
    {"type": "list", "ordered": True, "start": 1, "items": ["One"]},
    {"type": "list", "ordered": False, "start": 1, "items": ["Dot"]},
    {"type": "code", "text": "if x:\n    y()"},
    {"type": "quote", "text": "Said."},
    {"type": "table", "rows": [["a", "b"], ["", ""], ["c", "d"]]},
    {"type": "figure", "image": "https://img.example.com/a.jpg", "caption": "A caption"},
    {"type": "figure", "image": "javascript:alert(1)", "caption": None},
)


def test_each_block_type_renders_as_its_element() -> None:
    html = content_html(Entry(bullets=("Key point",), structure=STRUCTURE))
    assert html == (
        "<ul><li>Key point</li></ul><p>A paragraph.</p><h2>Top heading</h2><h4>Deep heading</h4>"
        '<ol start="3"><li>Three</li><li>Four</li></ol><ol><li>One</li></ol><ul><li>Dot</li></ul>'
        "<pre><code>if x:\n    y()</code></pre><blockquote><p>Said.</p></blockquote>"
        "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>"
        '<figure><img src="https://img.example.com/a.jpg" alt=""><figcaption>A caption</figcaption></figure>'
    )


def test_hostile_text_in_any_block_is_escaped() -> None:
    hostile: tuple[Mapping[str, object], ...] = (
        {"type": "heading", "level": 2, "text": HOSTILE},
        {"type": "list", "ordered": True, "start": 2, "items": [HOSTILE]},
        {"type": "code", "text": HOSTILE},
        {"type": "table", "rows": [[HOSTILE, HOSTILE]]},
        {"type": "figure", "image": 'https://i.example.com/"><script>', "caption": HOSTILE},
    )
    html = content_html(Entry(bullets=(), structure=hostile))
    assert "<script" not in html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    assert [element.tag for element in root] == ["h2", "ol", "pre", "table", "figure"]
    assert root.find("figure/img").get("src") == 'https://i.example.com/"><script>'


def test_malformed_stored_blocks_are_skipped_not_fatal() -> None:
    odd: tuple[Mapping[str, object], ...] = (
        {"type": "list", "ordered": True, "start": "3", "items": "not a list"},
        {"type": "table", "rows": [["ok", 5]]},
        {"type": "heading", "level": "2", "text": "Still a heading"},
        {"type": "unknown", "text": "Read as a paragraph"},
        {"type": "paragraph"},
    )
    html = content_html(Entry(bullets=(), structure=odd))
    assert html == (
        "<table><tbody><tr><td>ok</td></tr></tbody></table><h2>Still a heading</h2><p>Read as a paragraph</p>"
    )
