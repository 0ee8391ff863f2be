"""First-character reading of regexes: a superset of where a match can start, or None when it cannot tell."""

from __future__ import annotations

import re

import pytest

from app.normalize.firstchars import anchored_first_chars, first_chars, last_chars, required_chars, required_words
from app.normalize.matchers import Matcher
from app.normalize.plans import publishers


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^from\s+(?P<name>\S.*?)$", {"f"}),
        (r"^(?:x)?y", {"x", "y"}),
        (r"^\(?(?:no|yes)", {"(", "n", "y"}),
        (r"ab|cd", {"a", "c"}),
        (r"[a-c]z", {"a", "b", "c"}),
        (r"^(?=a)b", {"b"}),  # a lookahead narrows, never widens
        (r"\bword", {"w"}),
    ],
)
def test_first_chars_of_readable_patterns(pattern: str, expected: set[str]) -> None:
    assert first_chars(pattern) == frozenset(expected)


@pytest.mark.parametrize(
    "pattern",
    [
        r"^(?:x)?",  # matches the empty string: any text
        r"(?i)^a",  # "A" would be missed
        r"^(?i:a)b",
        r"^[^a]",
        r"^.x",
        r"^\w+",
        r"(a)?\1",
        "",
    ],
)
def test_first_chars_gives_up_where_it_cannot_tell(pattern: str) -> None:
    assert first_chars(pattern) is None


def test_space_and_digit_classes_are_read_as_python_matches_them() -> None:
    spaces = first_chars(r"\s")
    digits = first_chars(r"\d")
    assert spaces is not None
    assert digits is not None
    assert {" ", "\t", "\n", "\xa0", "\u3000"} <= spaces
    assert "a" not in spaces
    assert {"0", "9", "٣", "५"} <= digits
    assert "a" not in digits


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [(r"^from\s", {"f"}), (r"\Aab", {"a"}), (r"^a|b", None), (r"(?m)^a", None), (r"a^", None), (r"ab", None)],
)
def test_anchored_first_chars_only_for_patterns_bound_to_the_start(pattern: str, expected: set[str] | None) -> None:
    assert anchored_first_chars(pattern) == (None if expected is None else frozenset(expected))


def _rule_patterns() -> list[str]:
    found: list[str] = []
    for publisher in publishers():
        for _name, args in publisher.rules:
            for key in ("patterns", "targets"):
                found.extend(p for p in args.get(key, []) if isinstance(p, str))
            if isinstance(args.get("pattern"), str):
                found.append(args["pattern"])
    return found


_TEXTS = [
    "Comments",
    "3 comments:",
    "\xa0Share this",
    " share",
    "(Photo: Jane Doe/Reuters)",
    "from The Verge https://theverge.com/x",
    "Read more: https://example.com",
    "Have a news tip? Email this reporter: ben@insider.com",
    "Visit the Business section of Insider for more stories.",
    "Nature, Published online: 06 December 2024; doi:10.1038/x",
    "» E-Mail This » Add to Del.icio.us",
    "Subscribe: Spotify | Apple Podcasts | Overcast",
    "thanks for reading! subscribe now",
    "[link] [comments]",
    "Weiterlesen »",
    "lire la suite…",
    "See the rest of the story at example.com",
    "The story goes on, and on.",
    "",
]


def test_every_rule_pattern_matches_only_texts_starting_with_a_character_it_names() -> None:
    """The soundness the dispatch relies on, over the rule files' own patterns and texts they aim at."""
    checked = 0
    for pattern in _rule_patterns():
        compiled = re.compile(pattern)
        first = first_chars(pattern)
        for text in _TEXTS + [t.lower() for t in _TEXTS] + [t.upper() for t in _TEXTS]:
            for start in range(len(text)):
                if compiled.match(text, start) is not None:
                    checked += 1
                    assert first is None or text[start] in first, (pattern, text, start)
    assert checked > 20  # the texts do reach the patterns


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\[\s*(?:read more|more)\s*\]$", {"]"}),
        (r"(?:keep reading)\s*(?:»|→)$", {"»", "→"}),
        (r"(?:a$|bc\Z)", {"a", "c"}),
        (r"x(?:y)?$", {"x", "y"}),
        (r"a$(?<=a)", None),  # something after the end anchor: not read
        (r"a$|b", None),  # one branch may end anywhere
        (r"(?m)a$", None),  # "$" at every line's end
        (r"(?i)a$", None),
        (r"(?:x|)$", None),  # matches the empty string
        (r"\w+$", None),
        (r"abc", None),
    ],
)
def test_last_chars_only_for_patterns_bound_to_the_end(pattern: str, expected: set[str] | None) -> None:
    assert last_chars(pattern) == (None if expected is None else frozenset(expected))


def test_a_matcher_of_end_bound_patterns_answers_as_a_search_would() -> None:
    """The end gate (Matcher's last characters) changes no answer, with "$" before a final newline too."""
    patterns = [r"\[\s*(?:read more|more)\s*\]$", r"(?i)(?:keep reading)\s*(?:»|→)$", r"x\s*$"]
    matcher = Matcher([(p, 500, ()) for p in patterns])
    texts = ["Story. [Read more]", "Story. [more]\n", "Story [more].", "Keep reading »", "keep reading →\n"]
    texts += ["x \n", "x\n\n"]
    texts += ["Story ends here.", "", "]", "\n"]
    for text in texts:
        expected = any(re.search(p, text.lower() if p.startswith("(?i)") else text) for p in patterns)
        assert matcher(text) == expected, text


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^.{0,200}?\b(?:photo )?credits?\s*:", ("credit",)),
        (r"(?:abcd|efgh)x", ("abcd", "efgh")),
        (r"(?:abcde){2}", ("abcde",)),
        (r"ab(?:cdef)?", None),  # optional: not required; "ab" is too short to pay
        (r"(?:abcd|e)", None),  # one branch without a word
        (r"(?i)abcd", None),  # "ABCD" would be missed
        (r"(?i:abcd)", None),
        (r"\w+", None),
    ],
)
def test_required_words(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_words(pattern) == expected


def test_every_rule_pattern_matches_only_texts_holding_a_required_word() -> None:
    """The soundness Matcher's implied ``requires`` relies on, over the rule files' patterns and texts."""
    checked = 0
    for pattern in _rule_patterns():
        compiled = re.compile(pattern)
        words = required_words(pattern)
        for text in _TEXTS + [t.lower() for t in _TEXTS] + [t.upper() for t in _TEXTS]:
            if compiled.search(text) is not None and words is not None:
                checked += 1
                assert any(word in text for word in words), (pattern, text)
    assert checked > 2


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^[A-Z]\w{1,40},?\s+\d{4}\s*(?:[—–]|--|-)\s+", ("-", "–", "—")),  # rarer than the capitals or ","
        (r"^.{0,200}\{\{\s*\w+\s*\}\}", ("{",)),
        (r"(?:a\||b\[)", ("[", "|")),  # the rarer of each branch's characters
        (r"(?:x|)\|", ("|",)),  # a branch that can be empty requires nothing
        (r"a?;", (";",)),
        (r"(?:a#){2}", ("#",)),
        (r"(?=#)\w", None),  # a lookahead consumes nothing: not read
        (r"(?:ab|cd)", None),  # letters are too common to test
        (r"a, b", None),
        (r"[^,]+", None),
        (r"\w+\s\d", None),  # classes too wide to test
        (r"(?i)a#", None),  # case-insensitive: not read
        (r"(?i:ab)#", ("#",)),
    ],
)
def test_required_chars(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_chars(pattern) == expected


def test_every_rule_pattern_matches_only_texts_holding_a_required_char() -> None:
    """The soundness strip_lead_label's gate relies on, over the rule files' patterns and texts."""
    checked = 0
    texts = _TEXTS + [t.lower() for t in _TEXTS] + [t.upper() for t in _TEXTS]
    texts += ["Washington D.C., Dec. 1, 2026 — The", "NEW YORK, 2 December 2026 – A", "[사진 = 연합뉴스] 한국은행"]
    for pattern in _rule_patterns():
        compiled = re.compile(pattern)
        chars = required_chars(pattern)
        for text in texts:
            if compiled.search(text) is not None and chars is not None:
                checked += 1
                assert any(char in text for char in chars), (pattern, text)
    assert checked > 5


def test_every_rule_pattern_answers_alone_in_a_matcher_as_a_search_would() -> None:
    """A Matcher of one rule pattern (folded, implied words and all) against ``re.search`` of the pattern."""
    texts = _TEXTS + [t.lower() for t in _TEXTS] + [t.upper() for t in _TEXTS]
    texts += ["Photo credit: Jane Doe", "Sign up for our newsletter", "Image: Credits: AP", "Σ credit: Σ"]
    matched = 0
    for pattern in _rule_patterns():
        matcher = Matcher([(pattern, 100_000, ())])
        flags = re.match(r"\(\?([aiLmsux]+)\)", pattern)
        folded = flags is not None and "i" in flags.group(1)  # matched against lowercased text, as Matcher does
        for text in texts:
            expected = re.search(pattern, text.lower() if folded else text) is not None
            matched += expected
            assert matcher(text) == expected, (pattern, text)
    assert matched > 20


def test_a_matcher_with_implied_words_answers_as_a_search_would() -> None:
    patterns = [r"(?i)^.{0,200}?\bcredits?\s*:\s*[^.!?]{1,80}\.?$", r"via Getty$", r"(?i)^\w+ says?\b"]
    matcher = Matcher([(p, 500, ()) for p in patterns])
    texts = ["Photo CREDIT: Jane Doe", "Credits: x", "credit where due", "The story. VIA GETTY", "x via Getty"]
    texts += ["Ben says hi", "Nobody SAID", "", "Σ credit: Σ"]
    for text in texts:
        expected = any(re.search(p, text.lower() if p.startswith("(?i)") else text) for p in patterns)
        assert matcher(text) == expected, text
