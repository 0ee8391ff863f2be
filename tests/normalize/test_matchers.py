"""Matcher: first-character dispatch and remembered answers give the same answers as the plain union."""

from __future__ import annotations

import re

import pytest

from app.normalize import matchers
from app.normalize.matchers import Matcher

_PATTERNS = [
    (r"(?i)^(?:share|tweet|email)$", 40, ()),
    (r"(?i)^\(?(?:no content|no description)\)?\.?$", 40, ()),
    (r"(?i)^[\w .&:-]{1,20},\s*published online", 80, ()),  # \w: its first character is not read
    (r"^\d+ comments?$", 40, ()),
    (r"(?i)\bemail this reporter\b", 120, ("reporter",)),
]
_TEXTS = [
    "Share",
    "share",
    "TWEET",
    "(No content).",
    "Nature, Published online: 06 December",
    "3 comments",
    "٣ comments",  # an Arabic-Indic digit: \d matches it
    "Have a news tip? Email this reporter: x@example.com",
    "A story paragraph that matches nothing at all.",
    "",
    " share",
]


def _plain(text: str) -> bool:
    """The answer without dispatch or memory: every pattern searched as written."""
    for pattern, limit, requires in _PATTERNS:
        if len(text) > limit or (requires and not any(word in text.lower() for word in requires)):
            continue
        if re.search(pattern, text):
            return True
    return False


def test_answers_match_the_plain_union_and_stay_the_same_when_asked_again() -> None:
    matcher = Matcher(_PATTERNS)
    first = [matcher(text) for text in _TEXTS]
    assert first == [_plain(text) for text in _TEXTS]
    assert [matcher(text) for text in reversed(_TEXTS)] == first[::-1]
    assert sum(first) == 8  # all but the story, the empty text and the indented label


def test_remembered_answers_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    matcher = Matcher(_PATTERNS)
    monkeypatch.setattr(matchers, "_MAX_SEEN", 8)
    answers = [matcher(f"{n} comments") for n in range(50)]
    assert all(answers)
    assert len(matcher._seen) <= 8
