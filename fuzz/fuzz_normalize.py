"""Fuzz target: the normalizer (`app.normalize.normalize`), one RawItem per input.

Input format (atheris.FuzzedDataProvider): the last bytes choose `content_kind` and whether
`published` is the text field or a `time.struct_time` (as feedparser hands dates over); the rest is
UTF-8 text (undecodable bytes become U+FFFD) cut at U+001E (RECORD SEPARATOR) into the RawItem text
fields, in FIELDS order; missing fields are None. `python -m fuzz.seeds` writes the seed corpus in
this format from the golden fixtures and checks that each seed reads back as its fixture.

Contract under test: a NormalizedItem or a NormalizeError. A NormalizeError that normalize()'s
last-resort net made out of another exception is a finding too (the net hides a bug; the property
tests check `_run` for the same reason). And a NormalizedItem is clean: a non-empty headline, or none
and a body; text fields without active markup (`active_markup`; a tag named in prose stays as written), character
references, control characters, untrimmed or doubled blanks (a code paragraph keeps its line breaks,
tabs and indentation, nothing else)
(tests/normalize/test_properties.py states the same); body_html holding only the
sanitizer's allowlist (tags, attributes, http(s) URLs); http(s) url and image_url.

    python -m fuzz.fuzz_normalize [libFuzzer flags] [corpus dirs or a crash file to replay]
"""

from __future__ import annotations

import html
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fuzz._atheris import FuzzedData

if TYPE_CHECKING:
    from app.normalize.model import NormalizedItem, RawItem

__all__ = ["FIELDS", "KINDS", "NOW", "SEPARATOR", "check", "split", "test_one_input"]

FIELDS = (
    "title",
    "content",
    "link",
    "orig_link",
    "author",
    "image",
    "published",
    "updated",
    "feed_title",
    "feed_url",
    "guid",
)
KINDS = ("auto", "html", "text")
SEPARATOR = "\x1e"
NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)  # the golden tests' clock: nothing volatile

# What a renderer that took a text field for HTML would act on (the output contract: text is text, a tag named
# in prose or code stays as written, "the <details> element", but nothing an HTML parser reads as acting: a
# comment or processing instruction, an element with an attribute, a scripting or embedding element). An HTML
# parser decides (libxml2's, through lxml), not a copy of the normalizer's own pattern.
_ACTIVE_ELEMENTS = frozenset(
    {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "meta",
     "link", "template", "noscript"}
)  # fmt: skip


def active_markup(text: str) -> bool:
    """Whether ``text``, parsed as HTML, holds a comment, a processing instruction, an element with an attribute
    or a scripting or embedding element."""
    if "<" not in text:
        return False
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(text, create_parent="div")
    for element in root.iterdescendants():
        if not isinstance(element.tag, str) or element.attrib or element.tag.lower() in _ACTIVE_ELEMENTS:
            return True
    return False


_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,7});")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_ATTRIBUTES = {"a": frozenset({"href", "rel"}), "img": frozenset({"src", "alt"}), "ol": frozenset({"start"})}


def split(data: bytes) -> RawItem:
    """The RawItem one fuzzer input stands for."""
    from app.normalize.model import RawItem

    provider = FuzzedData(data)
    kind = KINDS[provider.int_in_range(0, len(KINDS) - 1)]
    struct_date = provider.int_in_range(0, 1) == 1
    published: time.struct_time | None = None
    if struct_date:
        published = time.struct_time(tuple(provider.int_in_range(-5, 3000) for _ in range(9)))
    text = provider.bytes(provider.remaining_bytes()).decode("utf-8", "replace")
    values: dict[str, str | None] = dict.fromkeys(FIELDS)
    values.update(zip(FIELDS, text.split(SEPARATOR), strict=False))
    return RawItem(
        title=values["title"],
        content=values["content"],
        content_kind=kind,
        link=values["link"],
        orig_link=values["orig_link"],
        author=values["author"],
        image=values["image"],
        published=published if struct_date else values["published"],
        updated=values["updated"],
        feed_title=values["feed_title"],
        feed_url=values["feed_url"],
        guid=values["guid"],
    )


def _code(item: NormalizedItem) -> set[str]:
    return {block["text"] for block in item.blocks if block["type"] == "code"}


def _text_fields(item: NormalizedItem) -> list[str]:
    # A code paragraph keeps its line breaks and indentation (the body contract); check() tests it apart.
    body = [text for text in item.body if text not in _code(item)]
    return [item.headline or "", *item.bullets, *body, item.source or "", item.author or ""]


def _check_markup(markup: str) -> None:
    """body_html holds only the sanitizer's allowlist: its tags, its attributes, http(s) URLs."""
    from lxml import html as lxml_html

    from app.normalize.sanitize import ALLOWED_TAGS

    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    for element in root.iterdescendants():
        tag = element.tag
        assert isinstance(tag, str), f"{tag!r} in body_html"  # a comment or processing instruction
        assert tag in ALLOWED_TAGS, f"<{tag}> in body_html"
        allowed = _ATTRIBUTES.get(tag, frozenset())
        for name, value in element.attrib.items():
            assert name in allowed, f"{name}= on <{tag}> in body_html"
            if name in ("href", "src"):
                assert value.startswith(("http://", "https://")), f"{name}={value[:80]!r} in body_html"


def check(raw: RawItem) -> None:
    """Raise AssertionError (or the exception the net caught) when the contract is broken."""
    from app.errors import NormalizeError
    from app.normalize import NormalizedItem, NormalizeSettings, normalize

    try:
        item = normalize(raw, now=NOW, settings=NormalizeSettings())
    except NormalizeError as error:
        cause = error.__cause__
        if cause is not None and not isinstance(cause, NormalizeError):
            raise AssertionError(f"normalize()'s net caught {type(cause).__name__}: {cause}") from cause
        return
    assert isinstance(item, NormalizedItem), type(item)
    assert item.headline != "", "empty headline"  # None: an untitled post, whose text is then the body
    assert item.headline or item.body or item.bullets, "no headline and no text"
    for text in _text_fields(item):
        assert not active_markup(text), f"markup in {text[:120]!r}"
        for reference in _REFERENCE.findall(text):
            assert html.unescape(reference) == reference, f"character reference {reference} in {text[:120]!r}"
        assert _CONTROL.search(text) is None, f"control character in {text[:120]!r}"
        assert text == text.strip(), f"untrimmed {text[:120]!r}"
        assert "  " not in text, f"double blank in {text[:120]!r}"
    for code in _code(item):
        assert not active_markup(code), f"markup in code {code[:120]!r}"
        assert _CONTROL.search(code.replace("\n", "").replace("\t", "")) is None, f"control character in {code[:120]!r}"
        assert code.strip(), "empty code block"
    assert all(item.bullets), "empty bullet"
    assert all(item.body), "empty paragraph"
    if item.body_html is not None:
        _check_markup(item.body_html)
    for url in (item.url, item.image_url):
        assert url is None or url.startswith(("http://", "https://")), url


def test_one_input(data: bytes) -> None:
    check(split(data))


_SEEDS = Path(__file__).parent / "corpus" / "normalize"
_WARM_UP_SEEDS = 8


def main() -> None:
    from fuzz._atheris import fuzz, instrumented

    with instrumented(["app"]):
        import app.normalize  # noqa: F401  (instrumented for coverage feedback)
    # The normalizer's tables, rule files and word model load on first use: a few seeds run before the fuzzer's
    # clock, so that the per-input timeout measures an input, not the first input's loading (6 s on a loaded
    # 2-vCPU guest, 2026-12-07, over a 5 s timeout).
    for seed in sorted(_SEEDS.iterdir())[:_WARM_UP_SEEDS]:
        test_one_input(seed.read_bytes())
    fuzz(test_one_input)


if __name__ == "__main__":
    main()
