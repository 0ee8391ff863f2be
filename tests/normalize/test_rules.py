"""Rule files and the named rule functions, one at a time."""

from __future__ import annotations

import copy
import subprocess
import sys
from typing import Any

import pytest
from lxml import etree

from app.normalize import plans, rules
from app.normalize.blocks import Block, Document, Line
from app.normalize.data import publisher_files
from app.normalize.matchers import Matcher
from app.normalize.tree import Tree

from .support import FIXTURES


def doc(*texts: str) -> Document:
    return Document(blocks=[Block("p", [Line(t, t)]) for t in texts])


def texts(d: Document) -> list[str]:
    return [b.text for b in d.blocks]


def build(name: str, **args: Any) -> Any:
    return rules.REGISTRY[name].build([{"name": name, **args}])


def test_every_rule_file_loads_and_has_a_golden_folder() -> None:
    loaded = plans.publishers()
    names = {p.name for p in loaded}
    assert {"businessinsider", "wordpress", "feedburner", "ifttt", "generic"} <= names
    for publisher in loaded:
        assert publisher.rules, publisher.name
        cases = list((FIXTURES / publisher.name).glob("*.expected.json"))
        assert cases, f"publisher {publisher.name} has no golden case in fixtures/{publisher.name}/"
    assert [p.name for p in loaded if p.always] == ["generic", "ifttt"]


def test_rule_files_are_read_lazily_not_at_import() -> None:
    code = "import app.normalize, app.normalize.data as d; print(d.publisher_files.cache_info().currsize)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"


def test_bad_rule_files_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        plans._publisher("x", {"rules": [{"name": "drop_everything"}]})
    with pytest.raises(ValueError, match="unknown arguments"):
        plans._publisher("x", {"rules": [{"name": "drop_paragraph_matching", "patern": "x"}]})
    with pytest.raises(ValueError, match="anchored"):
        plans._publisher("x", {"rules": [{"name": "drop_paragraph_matching", "patterns": ["^a|b"]}]})
    with pytest.raises(ValueError, match="selector"):
        plans._publisher("x", {"rules": [{"name": "drop_elements", "selectors": ["div > p"]}]})
    with pytest.raises(ValueError, match="bad pattern"):
        plans._publisher("x", {"rules": [{"name": "drop_inline_lines", "patterns": ["("]}]})


def test_all_shipped_patterns_compile() -> None:
    for stem, table in publisher_files():
        for args in table.get("rules", []):
            rules.REGISTRY[args["name"]].build([args]), stem


def test_select_by_domain_title_footer_and_markers() -> None:
    by_domain, site = plans.select(hosts=["feeds.businessinsider.com"], titles=[], content="")
    assert "businessinsider" in by_domain
    assert site == "Business Insider"
    by_title, _ = plans.select(hosts=["ift.tt"], titles=["Insider"], content="")
    assert "businessinsider" in by_title
    by_marker, site = plans.select(hosts=["example.com"], titles=[], content="<p>x</p> appeared first on Y")
    assert "wordpress" in by_marker
    assert site is None
    plain, _ = plans.select(hosts=["example.com"], titles=["Example"], content="<p>x</p>")
    assert plain == ("generic", "ifttt")


def test_matcher_limits_requires_and_suffixes() -> None:
    match = Matcher([("(?i)^see also\\b", 20, ()), ("contact", 100, ("reporter",))], [("getty images", 50)])
    assert match("SEE ALSO: x")
    assert not match("see also: " + "x" * 30)  # longer than its limit
    assert match("please contact this reporter")
    assert not match("please contact us")  # required word missing
    assert match("A caption. Jane Doe/Getty Images")
    assert not match("Frogetty Images")  # suffix must stand apart
    assert not match("Shares fell after the report from Getty Images.")


def test_screen_accepts_whatever_one_of_its_matchers_accepts() -> None:
    see_also = Matcher([("(?i)^see also\\b", 20, ())])
    contact = Matcher([("contact", 100, ("reporter",))], [("getty images", 50)])
    screen = Matcher.screen([see_also, contact])
    for text in ["SEE ALSO: x", "please contact this reporter", "A caption. Jane Doe/Getty Images"]:
        assert screen(text)
    assert screen("see also: " + "x" * 30)  # loose: every limit is the largest
    assert not screen("please contact us")
    assert not screen("x" * 101)
    assert not Matcher.screen([])("anything")


def test_every_plan_screens_only_texts_no_block_rule_matches() -> None:
    names = tuple(p.name for p in plans.publishers())
    plan = plans.plan_for(names)
    lines = ["Have a news tip? Email this reporter: a@b.com", "via IFTTT", "See Also:", "Read more: x", "Story."]
    rejected = [t for t in lines if not plan.screen(t)]
    assert rejected == ["Story."]
    for rule in plan.blocks:
        if rule.matches is not None:
            assert not any(rule.matches(t) for t in rejected)
    screened = doc(*lines)
    plan.clean_blocks(screened)
    unscreened = doc(*lines)
    for rule in plan.blocks:
        rule(unscreened)
    assert texts(screened) == texts(unscreened) == ["Story."]


def test_a_plan_skips_no_rule_that_would_change_the_document() -> None:
    plan = plans.plan_for(tuple(p.name for p in plans.publishers()))
    multi = Block("p", [Line("Story line.", "x"), Line("Read more: Other story", "y")])
    lineless = Block("p", [])  # drop_inline_lines drops it without any match
    for blocks in ([multi], [lineless, *doc("Story.").blocks], doc("Story.", "via IFTTT").blocks):
        screened, unscreened = Document(blocks=copy.deepcopy(blocks)), Document(blocks=copy.deepcopy(blocks))
        plan.clean_blocks(screened)
        for rule in plan.blocks:
            rule(unscreened)
        assert texts(screened) == texts(unscreened) == (["Story line."] if blocks == [multi] else ["Story."])


def test_drop_paragraph_and_inline_lines() -> None:
    d = doc("Keep me.", "Have a news tip? Email this reporter: a@b.com", "Comments")
    build("drop_paragraph_matching", patterns=["(?i)^have a news tip\\b"])(d)
    build("drop_inline_lines", patterns=["(?i)^comments$"])(d)
    assert texts(d) == ["Keep me."]
    multi = Document(blocks=[Block("p", [Line("Story line.", "x"), Line("Read more: Other story", "y")])])
    build("drop_inline_lines", patterns=["(?i)^read more:"])(multi)
    assert texts(multi) == ["Story line."]


def test_drop_from_marker_cuts_the_rest() -> None:
    d = doc("One.", "Two.", "See the rest of the story at Business Insider", "See Also:", "Promo")
    build("drop_from_marker", patterns=["(?i)^see the rest of the story at\\b"])(d)
    assert texts(d) == ["One.", "Two."]


def test_drop_list_after_marker() -> None:
    d = doc("Story.", "See Also:")
    d.blocks += [Block("li", [Line("Link one", "")], group=7), Block("li", [Line("Link two", "")], group=7)]
    d.blocks += doc("After the list.").blocks
    build("drop_list_after_marker", patterns=["(?i)^see also:?$"])(d)
    assert texts(d) == ["Story.", "After the list."]


def test_take_footer_reads_from_the_right() -> None:
    d = doc("Story.", "from Tech: News, Reviews & More https://ift.tt/abc", "via IFTTT", "Comments")
    build("take_footer", pattern=r"^from\s+(?P<name>\S.*?)(?:\s+(?P<url>https?://\S+))?\s*$")(d)
    assert (d.footer_name, d.footer_url) == ("Tech: News, Reviews & More", "https://ift.tt/abc")
    assert texts(d) == ["Story."]
    linked = Document(
        blocks=[Block("p", [Line("Story.", "")]), Block("p", [Line("from Foo", "", ("https://x.co/1",))])]
    )
    build("take_footer", pattern=r"^from\s+(?P<name>\S.*?)(?:\s+(?P<url>https?://\S+))?\s*$")(linked)
    assert (linked.footer_name, linked.footer_url) == ("Foo", "https://x.co/1")


def _tree(html: str) -> etree._Element:
    root = etree.fromstring(f"<div>{html}</div>", etree.HTMLParser()).find(".//div")
    assert root is not None
    return root


def test_drop_elements_keeps_tails() -> None:
    root = _tree('<p>a<span class="x feedflare">flare</span>b</p><div id="comments">c</div><a href="u/~ff/1">f</a>')
    build("drop_elements", selectors=[".feedflare", "#comments", "a[href*='/~ff/']"])(Tree(root))
    assert etree.tostring(root, encoding=str) == "<div><p>ab</p></div>"


def test_drop_tracking_images() -> None:
    root = _tree(
        '<p>x<img src="https://i.example.com/a.jpg" width="600" height="400">'
        '<img src="https://i.example.com/p.gif" width="1" height="1">'
        '<a href="https://x"><img src="http://feeds.feedburner.com/~r/F/~4/abc"></a>'
        '<img src="https://i.example.com/h.gif" style="display: none">y</p>'
    )
    build("drop_tracking_images", hosts=["feeds.feedburner.com/~r/"])(Tree(root))
    assert (
        etree.tostring(root, encoding=str)
        == '<div><p>x<img src="https://i.example.com/a.jpg" width="600" height="400"/>y</p></div>'
    )
