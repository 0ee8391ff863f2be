"""What atheris (fuzz/fuzz_normalize.py) found in the normalizer, one test per finding (docs/fuzzing.md).

Each pins a small input that showed the problem, written out by hand from the crash file, and checks it
with the harness's own contract (`fuzz_normalize.check`) and the output a reader should get.
"""

from __future__ import annotations

from app.normalize import NormalizeSettings, normalize
from app.normalize.model import RawItem
from fuzz import fuzz_normalize


def _ifttt_body(content: str) -> RawItem:
    # The IFTTT rules (and their strip_literals) are chosen by the footer this text carries.
    return RawItem(
        title="Cape Cod's Fishing Season Is Starting Late Again",
        content=f"{content}<br><br>via IFTTT",
        content_kind="html",
        link="https://www.businessinsider.com/cape-cod-fishing-season-late-2014-3",
    )


# --- N1: removing IFTTT's ">>>" escape markers joined "<" to a letter ("<>>>a >" → "<a >") -------------


def test_stripped_escape_markers_leave_no_tag_in_the_text() -> None:
    for content in (
        "<p>&lt;&gt;&gt;&gt;p&gt;w after the marker</p><p>Second paragraph of the story.</p>",
        '<p>"We\'ve never seen anything like it," one captain told the &lt;&gt;&gt;&gt;a &gt;</p>',
    ):
        raw = _ifttt_body(content)
        fuzz_normalize.check(raw)
        item = normalize(raw, now=fuzz_normalize.NOW, settings=NormalizeSettings())
        assert not any(fuzz_normalize.active_markup(text) for text in item.body), item.body


def test_stripped_escape_markers_keep_the_text_around_them() -> None:
    item = normalize(
        _ifttt_body("<p>&gt;&gt;&gt;Boats stay in the harbor until May.&lt;&lt;&lt;</p>"),
        now=fuzz_normalize.NOW,
        settings=NormalizeSettings(),
    )
    assert item.body == ["Boats stay in the harbor until May."]


# --- N2: a picture's unparsable src ("https://[é/…") raised out of the placeholder check ---------------------


def test_an_unparsable_picture_source_is_no_error() -> None:
    raw = RawItem(
        title="Headline",
        content='<p>A sentence of story text.</p><p><img src="https://[é/no_image_card.png"></p>',
        content_kind="html",
    )
    fuzz_normalize.check(raw)
    item = normalize(raw, now=fuzz_normalize.NOW, settings=NormalizeSettings())
    assert item.body == ["A sentence of story text."]
