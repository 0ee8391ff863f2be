"""Learned boilerplate: mining recurring head and tail lines, and removing them only at the edges."""

from __future__ import annotations

import pytest

from app.normalize import BoilerplateProfile, RawItem, normalize
from app.normalize.blocks import Block, Line
from app.normalize.boilerplate import EDGE_DEPTH, BoilerplateLine, apply_profile, mine_profile

from .support import NOW, SETTINGS

PROMO = "Our morning briefing reaches readers every weekday at six."
TIP = "Have a story idea? Write to the newsroom at desk@example.org"
LABEL = "Local news"


def story(n: int) -> list[str]:
    return [f"Story {n} opens with its own lead paragraph.", f"Story {n} goes on with more of its own text."]


def lines(profile: BoilerplateProfile) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    return [(x.text, x.count) for x in profile.head], [(x.text, x.count) for x in profile.tail]


@pytest.mark.parametrize(
    ("contents", "min_items", "min_share", "head", "tail"),
    [
        # a tail line in every item, a head label in most
        (
            [[LABEL, *story(i), PROMO] for i in range(4)] + [[*story(9), PROMO]],
            3,
            0.5,
            [(LABEL, 4)],
            [(PROMO, 5)],
        ),
        # too few items: nothing is learned, however often a line recurs
        ([[*story(i), PROMO] for i in range(3)], 5, 0.5, [], []),
        # below the share: seen in 2 of 10
        ([[*story(i), PROMO] for i in range(2)] + [story(i) for i in range(2, 10)], 3, 0.3, [], []),
        # a line seen in one item never qualifies, even when the thresholds would allow it
        ([[*story(1), PROMO], story(2)], 1, 0.1, [], []),
        # case and spacing do not matter; the first-seen text is shown
        ([[*story(1), PROMO], [*story(2), "  " + PROMO.upper()]], 2, 1.0, [], [(PROMO, 2)]),
        # a line in the middle of long bodies is not at an edge
        (
            [
                [*(f"{i}{n}." for n in range(EDGE_DEPTH)), TIP, *(f"{i}{n}'." for n in range(EDGE_DEPTH))]
                for i in range(4)
            ],
            2,
            0.5,
            [],
            [],
        ),
        # an item counts a line once per edge, however often it repeats there
        ([[PROMO, PROMO, *story(i)] for i in range(2)] + [story(7), story(8)], 2, 0.5, [(PROMO, 2)], []),
        # in short bodies a promo block near both ends is learned whole, each line at the edge it is nearer
        (
            [[f"{i}a.", f"{i}b.", f"{i}c.", PROMO, TIP, LABEL] for i in range(3)],
            3,
            1.0,
            [],
            [(PROMO, 3), (TIP, 3), (LABEL, 3)],
        ),
        ([[LABEL, PROMO, f"{i}a.", f"{i}b."] for i in range(3)], 3, 1.0, [(LABEL, 3), (PROMO, 3)], []),
        # a line nearer the head that closes the items in a run of recurring lines is a tail line
        (
            [[f"{i}a.", PROMO, TIP, LABEL, "Music by Nick Bain."] for i in range(2)],
            2,
            1.0,
            [],
            [(PROMO, 2), (TIP, 2), (LABEL, 2), ("Music by Nick Bain.", 2)],
        ),
        # a podcast's promo block of several lines is learned whole
        (
            [[f"{i}a.", f"{i}b.", "Get more:", *(f"Link {n}: https://x/{n}" for n in range(5))] for i in range(2)],
            2,
            1.0,
            [],
            [("Get more:", 2), *((f"Link {n}: https://x/{n}", 2) for n in range(5))],
        ),
        # a line as near to both edges on the whole is kept at both
        ([[f"{i}a.", TIP, f"{i}b."] for i in range(3)], 3, 1.0, [(TIP, 3)], [(TIP, 3)]),
        # empty bodies count as items but add no lines
        ([[], [], [*story(1), PROMO], [*story(2), PROMO]], 4, 0.5, [], [(PROMO, 2)]),
    ],
)
def test_mine_profile(
    contents: list[list[str]],
    min_items: int,
    min_share: float,
    head: list[tuple[str, int]],
    tail: list[tuple[str, int]],
) -> None:
    mined = mine_profile(iter(contents), min_items=min_items, min_share=min_share)
    assert lines(mined) == (head, tail)


def test_a_writers_greeting_and_sign_off_are_never_boilerplate() -> None:
    """The same in every issue, and still the writer's: "Hello Zcashers," and "David." stay; a promo goes."""
    contents = [["Hello Zcashers,", *story(i), "David.", PROMO] for i in range(4)]
    head, tail = lines(mine_profile(contents, min_items=3, min_share=0.5))
    assert (head, tail) == ([], [(PROMO, 4)])
    # a promo's word with a full stop or an exclamation is no name signing off
    promos = [[*story(i), "Advertisement.", "Subscribe Now!"] for i in range(4)]
    assert lines(mine_profile(promos, min_items=3, min_share=0.5))[1] == [("Advertisement.", 4), ("Subscribe Now!", 4)]
    # a bare capitalized word heading a section is no name signing off
    sections = [[*story(i), "Links", PROMO] for i in range(4)]
    assert lines(mine_profile(sections, min_items=3, min_share=0.5))[1] == [("Links", 4), (PROMO, 4)]


def test_mined_lines_come_most_frequent_first() -> None:
    contents = [[*story(i), TIP, PROMO] for i in range(3)] + [[*story(i), PROMO] for i in range(3, 6)]
    assert lines(mine_profile(contents, min_items=3, min_share=0.4))[1] == [(PROMO, 6), (TIP, 3)]


PROFILE = BoilerplateProfile(
    head=(BoilerplateLine(text=LABEL, count=9),),
    tail=(BoilerplateLine(text=PROMO, count=9), BoilerplateLine(text=TIP, count=4)),
)


def blocks(*texts: str) -> list[Block]:
    return [
        Block("img", src="https://x/i.jpg")
        if t == "IMG"
        else Block("h", [Line(t[8:], t[8:])])
        if t.startswith("HEADING:")
        else Block("p", [Line(t, t)])
        for t in texts
    ]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ([LABEL, "Lead.", "More.", PROMO, TIP], ["Lead.", "More."]),
        (["Lead.", PROMO, "More."], ["Lead.", PROMO, "More."]),  # mid-story: kept
        ([LABEL, "IMG", "Lead.", TIP, "IMG"], ["IMG", "Lead.", "IMG"]),  # images are passed over, kept
        (["Lead.", TIP, PROMO, "Closing line.", TIP], ["Lead.", TIP, PROMO, "Closing line."]),
        ([PROMO, "Lead."], [PROMO, "Lead."]),  # a tail line at the head is not a head line
        ([LABEL, PROMO], [LABEL, PROMO]),  # never the whole body
        ([PROMO], [PROMO]),
        ([], []),
        ([" local  NEWS ", "Lead."], ["Lead."]),
        # a heading is the item's structure, however often it recurs: it ends the leading run; a learned
        # heading over the trailing run heads only boilerplate, and goes with it
        (["HEADING:" + LABEL, "Lead.", "More."], [LABEL, "Lead.", "More."]),
        (["Lead.", "HEADING:" + PROMO, TIP], ["Lead."]),
    ],
)
def test_apply_profile_only_at_the_edges(given: list[str], kept: list[str]) -> None:
    out = apply_profile(blocks(*given), PROFILE)
    assert ["IMG" if b.kind == "img" else b.text for b in out] == kept


def test_bullets_are_passed_over_and_kept() -> None:
    given = blocks(LABEL, "Key one", "Lead.", PROMO)
    given[1].bullet = True
    assert [b.text for b in apply_profile(given, PROFILE)] == ["Key one", "Lead."]


def test_an_empty_profile_changes_nothing() -> None:
    given = blocks(LABEL, "Lead.", PROMO)
    assert apply_profile(given, BoilerplateProfile()) == given
    assert not BoilerplateProfile()


def test_normalize_takes_a_profile() -> None:
    raw = RawItem(title="Title", content=f"<p>{LABEL}</p><p>Lead.</p><p>{PROMO}</p><p>Share</p>")
    plain = normalize(raw, now=NOW, settings=SETTINGS)
    learned = normalize(raw, now=NOW, settings=SETTINGS, profile=PROFILE)
    assert plain.body == [LABEL, "Lead.", PROMO]
    assert learned.body == ["Lead."]
    assert learned.content_hash != plain.content_hash
    only = RawItem(title="Title", content=f"<p>{PROMO}</p>")
    assert normalize(only, now=NOW, settings=SETTINGS, profile=PROFILE).body == [PROMO]


def test_a_profile_round_trips_as_json() -> None:
    assert BoilerplateProfile.model_validate_json(PROFILE.model_dump_json()).at_tail(PROMO.lower())
