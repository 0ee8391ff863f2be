"""Words of other languages by frequency (wordfreq): the language a text is in, and the words a domain runs together
in it, accents restored ("laopinionaustral" is "La Opinión Austral")."""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence

__all__ = ["NAME_LANGUAGES", "accented_word", "guess_language", "small_words", "split_in"]

NAME_LANGUAGES = ("es", "pt", "it", "fr", "ca", "nl", "de")
"""Languages whose publishers run a name's words together in their domains, articles and all ("elimpulso",
"vozdaplanicie", "iltirreno", "destentor"); English has its own list (:mod:`app.normalize.words`)."""

_LISTED = 50_000  # words a language's list holds for splitting: "tirreno", "planície", "querétaro" are in it
_MAX_WORD = 20
_MARKERS = 60  # a language's most frequent words, which mark a text as written in it
_READ_WORDS = 200
_MIN_MARKS = 4  # markers a text must show to be said to be in a language
_WORD = re.compile(r"[^\W\d_]+")

# The small words a name keeps in lower case after its first word ("Diario de Querétaro", "Voz da Planície"), and
# the only words of one or two letters a split may hold.
_SMALL_WORDS = {
    "es": frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "en", "a", "al", "o"}),
    "pt": frozenset({"de", "do", "da", "dos", "das", "e", "em", "o", "a", "os", "as", "no", "na", "ao"}),
    "it": frozenset({"di", "del", "della", "dei", "delle", "il", "la", "lo", "le", "e", "in", "a", "al", "da"}),
    "fr": frozenset({"de", "du", "des", "la", "le", "les", "et", "en", "à", "au", "aux"}),
    "ca": frozenset({"de", "del", "la", "les", "el", "els", "i", "a", "al", "en"}),
    "nl": frozenset({"de", "het", "van", "en", "in", "op", "t"}),
    "de": frozenset({"der", "die", "das", "und", "von", "zu", "im", "am", "an"}),
}

# Country domains whose sites write in one language, for a text too short to tell (not .co: a company's as often as
# Colombia's).
_COUNTRY_LANGUAGES = {
    **dict.fromkeys(("ar", "mx", "es", "cl", "pe", "ve", "uy", "py", "bo", "ec", "hn", "gt", "sv", "ni", "cr", "pa",
                     "do", "cu"), "es"),
    **dict.fromkeys(("br", "pt", "ao", "mz"), "pt"),
    "it": "it",
    "fr": "fr",
    "cat": "ca",
    "nl": "nl",
    **dict.fromkeys(("de", "at"), "de"),
}  # fmt: skip


def small_words(language: str) -> frozenset[str]:
    """The small words a name in ``language`` keeps in lower case after its first word."""
    return _SMALL_WORDS.get(language, frozenset())


def guess_language(texts: Sequence[str], host: str | None) -> str | None:
    """The language of ``texts`` (a headline and paragraphs) by the markers each language's most frequent words make
    in it, English among them; else the one the host's country domain writes; None when neither tells."""
    words = [word.casefold() for text in texts for word in _WORD.findall(text)][:_READ_WORDS]
    scores = {language: sum(word in _markers(language) for word in words) for language in ("en", *NAME_LANGUAGES)}
    best = max(scores, key=lambda language: scores[language])
    if scores[best] >= _MIN_MARKS and list(scores.values()).count(scores[best]) == 1:
        return best
    country = host.rsplit(".", 1)[-1].lower() if host else ""
    return _COUNTRY_LANGUAGES.get(country)


def split_in(label: str, language: str) -> list[str] | None:
    """The most probable words of ``language`` that ``label`` (lower-case ASCII letters) runs together, each as the
    language writes it ("diariodequeretaro" → diario, de, querétaro); None when its words do not cover the label."""
    costs = _costs(language)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * len(label)
    for end in range(1, len(label) + 1):
        for start in range(max(0, end - _MAX_WORD), end):
            cost = costs.get(label[start:end])
            if cost is not None and best[start][0] + cost[0] < best[end][0]:
                best[end] = (best[start][0] + cost[0], start)
    if math.isinf(best[-1][0]):
        return None
    words: list[str] = []
    end = len(label)
    while end:
        start = best[end][1]
        words.append(costs[label[start:end]][1])
        end = start
    return words[::-1]


def accented_word(word: str, language: str) -> str:
    """The word as ``language`` most often writes its letters, accents and all ("clarin" → "clarín"); the word as
    it is when the language lists it so or not at all."""
    found = _costs(language).get(word)
    return found[1] if found else word


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


@functools.cache
def _costs(language: str) -> dict[str, tuple[float, str]]:
    """Each listed word's letters without accents → its cost in a split (Zipf's law: the log of its rank, as
    wordninja weighs English) and the word as written, the most frequent spelling first. Loaded on first use, one
    language at a time: 0.06 s and 8 MB of resident memory a language (measured on 2026-12-07)."""
    costs: dict[str, tuple[float, str]] = {}
    scale = math.log(_LISTED)
    for rank, word in enumerate(_ranked(language, _LISTED)):
        folded = _fold(word)
        if folded.isalpha() and folded.isascii() and folded not in costs:
            costs[folded] = (math.log((rank + 1) * scale), word)
    return costs


@functools.cache
def _markers(language: str) -> frozenset[str]:
    return frozenset(word for word in _ranked(language, _MARKERS) if len(word) > 1)  # ("a", "e": in many)


def _ranked(language: str, count: int) -> list[str]:
    """The language's ``count`` most frequent words from wordfreq's small list, read from its file: wordfreq's own
    lookups keep every list they read for the process (8 MB a language), of which a split needs a dictionary and
    a guess sixty words."""
    from wordfreq import available_languages, read_cBpack

    buckets = read_cBpack(available_languages("small")[language])
    return list(itertools.islice((word for bucket in buckets for word in bucket), count))
