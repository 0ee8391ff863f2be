"""Words of other languages by frequency (wordfreq): the language a text is in, and the words a domain runs together
in it, accents restored ("laopinionaustral" is "La Opinión Austral")."""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence

__all__ = ["NAME_LANGUAGES", "accented_word", "articles", "guess_language", "is_common_in", "small_words", "split_in"]

NAME_LANGUAGES = ("es", "pt", "it", "fr", "ca", "nl", "de")
"""Languages whose publishers run a name's words together in their domains, articles and all ("elimpulso",
"vozdaplanicie", "iltirreno", "destentor"); English has its own list (:mod:`app.normalize.words`)."""

_LISTED = 50_000  # words a language's list holds for splitting: "tirreno", "planície", "querétaro" are in it
_MAX_WORD = 20
_MARKERS = 100  # a language's most frequent words, which mark a text as written in it
_READ_WORDS = 200
_MIN_MARKS = 3  # the weight of markers a text must show to be said to be in a language
_MARGIN = 1.5  # and half as much again as any other language's (Romanian, Galician and Tagalog share their small
# words with several)
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

# The articles a name may open with ("La Prensa Austral", "O Interior", "Het Parool"): Spanish "o" is "or", no article.
_ARTICLES = {
    "es": frozenset({"el", "la", "los", "las"}),
    "pt": frozenset({"o", "a", "os", "as"}),
    "it": frozenset({"il", "la", "lo", "le", "i", "gli"}),
    "fr": frozenset({"le", "la", "les"}),
    "ca": frozenset({"el", "la", "els", "les"}),
    "nl": frozenset({"de", "het"}),
    "de": frozenset({"der", "die", "das"}),
}
COMMON_IN = 20_000  # a piece of three letters past this rank is a scrap of a name ("theo live press": no "theo")

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


def articles(language: str) -> frozenset[str]:
    """The articles a name in ``language`` may open with."""
    return _ARTICLES.get(language, frozenset())


def is_common_in(word: str, language: str) -> bool:
    """The word (its letters without accents, lower case) is among ``language``'s ``COMMON_IN`` most frequent."""
    return _ranks(language).get(_fold(word), _LISTED) < COMMON_IN


def small_words(language: str) -> frozenset[str]:
    """The small words a name in ``language`` keeps in lower case after its first word."""
    return _SMALL_WORDS.get(language, frozenset())


def guess_language(texts: Sequence[str], host: str | None) -> str | None:
    """The language of ``texts`` (a headline and paragraphs) by the markers each language's most frequent words make
    in it, English among them; else the one the host's country domain writes; None when neither tells."""
    weights = _markers()
    scores = dict.fromkeys(("en", *NAME_LANGUAGES), 0.0)
    for word in itertools.islice(_words(texts), _READ_WORDS):
        for language, weight in weights.get(word.casefold(), ()):
            scores[language] += weight
    best, second = sorted(scores.values(), reverse=True)[:2]
    if best >= _MIN_MARKS and best >= _MARGIN * second:
        return max(scores, key=lambda language: scores[language])
    country = host.rsplit(".", 1)[-1].lower() if host else ""
    return _COUNTRY_LANGUAGES.get(country)


def split_in(label: str, language: str) -> list[str] | None:
    """The most probable words of ``language`` that ``label`` (lower-case ASCII letters) runs together, each as the
    language writes it ("diariodequeretaro" → diario, de, querétaro); None when its words do not cover the label."""
    ranks = _ranks(language)
    scale = math.log(_LISTED)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * len(label)
    for end in range(1, len(label) + 1):
        for start in range(max(0, end - _MAX_WORD), end):
            rank = ranks.get(label[start:end])
            if rank is not None and (cost := best[start][0] + math.log((rank + 1) * scale)) < best[end][0]:
                best[end] = (cost, start)  # (Zipf's law: a word costs the log of its rank, as wordninja weighs English)
    if math.isinf(best[-1][0]):
        return None
    words: list[str] = []
    end = len(label)
    while end:
        start = best[end][1]
        words.append(accented_word(label[start:end], language))
        end = start
    return words[::-1]


def accented_word(word: str, language: str) -> str:
    """The word as ``language`` most often writes its letters, accents and all ("clarin" → "clarín"); the word as
    it is when the language lists it so or not at all."""
    return _spellings(language).get(word, word)


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


@functools.cache
def _lexicon(language: str) -> tuple[dict[str, int], dict[str, str]]:
    """Each listed word's letters without accents → its rank, the most frequent spelling's; and → that spelling,
    where it has accents. Loaded on first use, one language at a time: under 0.1 s and about 4 MB of resident
    memory a language (measured on 2026-12-07)."""
    ranks: dict[str, int] = {}
    spellings: dict[str, str] = {}
    for rank, word in enumerate(_ranked(language, _LISTED)):
        folded = _fold(word)
        if folded.isalpha() and folded.isascii() and folded not in ranks:
            ranks[folded] = rank
            if folded != word:
                spellings[folded] = word
    return ranks, spellings


def _ranks(language: str) -> dict[str, int]:
    return _lexicon(language)[0]


def _spellings(language: str) -> dict[str, str]:
    return _lexicon(language)[1]


@functools.cache
def _markers() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each of the languages' most frequent words (two letters or more) → the languages it is frequent in, each
    weighing one over their number: "los" is Spanish's alone (1), "que" shared by four (0.25 each)."""
    languages: dict[str, list[str]] = {}
    for language in ("en", *NAME_LANGUAGES):
        for word in _ranked(language, _MARKERS):
            if len(word) > 1:
                languages.setdefault(word, []).append(language)
    return {word: tuple((name, 1 / len(names)) for name in names) for word, names in languages.items()}


def _words(texts: Sequence[str]) -> Iterator[str]:
    for text in texts:
        for found in _WORD.finditer(text):
            yield found.group()


def _ranked(language: str, count: int) -> list[str]:
    """The language's ``count`` most frequent words from wordfreq's small list, read from its file: wordfreq's own
    lookups keep every list they read for the process (8 MB a language), of which a split needs a dictionary and
    a guess sixty words."""
    from wordfreq import available_languages, read_cBpack

    buckets = read_cBpack(available_languages("small")[language])
    return list(itertools.islice((word for bucket in buckets for word in bucket), count))
