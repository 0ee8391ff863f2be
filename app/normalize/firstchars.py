"""The characters a regex match can start with, read from the pattern's parse tree (for first-character dispatch)."""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["anchored_first_chars", "first_chars", "last_chars", "required_chars", "required_words"]

_MAX_RANGE = 256  # a wider class ([^…], \w over Unicode) says too little to be worth a table


class _Unknown(Exception):
    """The pattern holds a construct this reader does not follow: any first character is possible."""


def first_chars(pattern: str) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can start with (a superset), or None when any text may match.

    None also when the pattern can match the empty string, is case-insensitive anywhere (a literal's
    other case would be missed) or uses a construct not read here (backreferences, negated or wide
    classes, ``.``). Zero-width items (``^``, ``\\b``, lookarounds) are passed over: they narrow a
    match, never widen its first character.
    """
    parser: Any = importlib.import_module("re._parser")  # the stdlib's own parser; typeshed lists it only as sre_parse
    try:
        parsed = parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    try:
        chars, nullable = _sequence(parser, parsed)
    except _Unknown:
        return None
    return None if nullable else frozenset(chars)


def anchored_first_chars(pattern: str) -> frozenset[str] | None:
    """``first_chars`` of a pattern that can only match at the start of the text (it opens with ``^`` or
    ``\\A``, outside any alternation, without MULTILINE), so ``search`` cannot match where the text's
    first character is not among them; None for any other pattern.
    """
    parser: Any = importlib.import_module("re._parser")
    try:
        parsed = parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & re.MULTILINE or not len(parsed.data):
        return None
    op, value = parsed.data[0]
    if op is not parser.AT or value not in (parser.AT_BEGINNING, parser.AT_BEGINNING_STRING):
        return None
    return first_chars(pattern)


def last_chars(pattern: str) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can end with (a superset), for a pattern whose every match
    ends at the end of the text (``$`` or ``\\Z`` last, in every branch, without MULTILINE); else None.

    ``$`` also matches before a final newline: the match then ends with the text's last character but one.
    None under the same conditions as ``first_chars``.
    """
    parser: Any = importlib.import_module("re._parser")
    try:
        parsed = parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    try:
        if not _ends_at_end(parser, list(parsed.data)):
            return None
        chars, nullable = _sequence(parser, parsed.data, reverse=True)
    except _Unknown:
        return None
    return None if nullable else frozenset(chars)


_SHORTEST_WORD = 4
_MOST_WORDS = 4


def _parsed(pattern: str) -> tuple[Any, Any] | None:
    """The regex parser and ``pattern``'s parse tree; None when it does not parse or ignores case (a literal's
    other case would be missed)."""
    parser: Any = importlib.import_module("re._parser")
    try:
        parsed = parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return parser, parsed.data


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Words of which every match of ``pattern`` holds one (a Matcher's ``requires``, read from the parse
    tree), or None: a run of literals outside any optional part, or one such word per branch of an
    alternation. Only words of at least 4 characters, at most 4 of them, are worth a substring test.

    None when the pattern is case-insensitive (a literal's other case would be missed) or has no such word.
    """
    read = _parsed(pattern)
    return None if read is None else _required(*read)


def _required(parser: Any, items: Iterable[tuple[Any, Any]]) -> tuple[str, ...] | None:
    """The best of the words a sequence requires: the longest shortest word, then the fewest words."""
    best: tuple[str, ...] | None = None
    candidates: list[tuple[str, ...] | None] = []
    run: list[str] = []
    for op, value in items:
        if op is parser.LITERAL:
            run.append(chr(value))
            continue
        if run:
            candidates.append(("".join(run),))
            run = []
        candidates.append(_required_item(parser, op, value))
    if run:
        candidates.append(("".join(run),))
    for words in candidates:
        if words is None or len(words) > _MOST_WORDS or min(map(len, words)) < _SHORTEST_WORD:
            continue
        if best is None or (min(map(len, words)), -len(words)) > (min(map(len, best)), -len(best)):
            best = words
    return best


def _required_item(parser: Any, op: Any, value: Any) -> tuple[str, ...] | None:
    found = _through(parser, op, value, _required)
    return None if found is None else tuple(sorted(found))


def _through(
    parser: Any, op: Any, value: Any, sequence: Callable[[Any, Iterable[tuple[Any, Any]]], Iterable[str] | None]
) -> frozenset[str] | None:
    """What a group, an alternation, a repeat or an atomic group requires, read by ``sequence`` on the items
    inside it (any of the words or characters each branch of an alternation requires); None for another
    item, a case-insensitive group, a repeat that may be absent, or a branch that requires nothing."""
    if op is parser.SUBPATTERN:
        _group, add_flags, _del_flags, sub = value
        found = None if add_flags & re.IGNORECASE else sequence(parser, sub)
    elif op is parser.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            found = sequence(parser, branch)
            if found is None:
                return None  # a branch that requires nothing: the alternation requires nothing
            union.update(found)
        return frozenset(union)
    elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT):
        low, _high, sub = value
        found = sequence(parser, sub) if low >= 1 else None
    elif op is parser.ATOMIC_GROUP:
        found = sequence(parser, value)
    else:
        return None
    return None if found is None else frozenset(found)


_MOST_CHARS = 4
# How common a character is in prose: letters and digits, and the commonest of them with space and the
# period and comma above; any other punctuation (a dash, a bracket) is rarer, a non-ASCII character rarest.
_PROSE = frozenset(" ,.etaoinshrdlu")


def _commonness(chars: Iterable[str]) -> int:
    return sum(3 if c in _PROSE else 2 if c.isascii() and c.isalnum() else 1 if c.isascii() else 0 for c in chars)


def required_chars(pattern: str) -> tuple[str, ...] | None:
    """Characters of which every match of ``pattern`` holds one, read from the parse tree, or None.

    Each item a match must pass (a literal, a small class, a group or an alternation each of whose
    branches requires some) offers its characters; the rarest in prose of at most 4 is chosen. Only
    characters rarer than any letter are given (punctuation but the period and comma, or non-ASCII), so
    that ``char in text`` for each rules out most texts that cannot match. None when the pattern is
    case-insensitive or no item offers such a set.
    """
    read = _parsed(pattern)
    found = None if read is None else _required_set(*read)
    if found is None or _commonness(found) > len(found):
        return None
    return tuple(sorted(found))


def _required_set(parser: Any, items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    """The rarest of the character sets a sequence's items require (at most ``_MOST_CHARS`` characters)."""
    best: frozenset[str] | None = None
    for op, value in items:
        found = _required_set_item(parser, op, value)
        if found is None or len(found) > _MOST_CHARS:
            continue
        if best is None or (_commonness(found), len(found)) < (_commonness(best), len(best)):
            best = found
    return best


def _required_set_item(parser: Any, op: Any, value: Any) -> frozenset[str] | None:
    if op is parser.LITERAL:
        return frozenset(chr(value))
    if op is parser.IN:
        try:
            return frozenset(_charset(parser, value))
        except _Unknown:
            return None
    return _through(parser, op, value, _required_set)


def _ends_at_end(parser: Any, items: list[tuple[Any, Any]]) -> bool:
    """The sequence's last item is ``$`` or ``\\Z`` (or a group or alternation each of whose branches ends so)."""
    if not items:
        return False
    op, value = items[-1]
    if op is parser.AT:
        return value in (parser.AT_END, parser.AT_END_STRING)
    if op is parser.SUBPATTERN:
        _group, add_flags, _del_flags, sub = value
        if add_flags & (re.IGNORECASE | re.MULTILINE):
            raise _Unknown
        return _ends_at_end(parser, list(sub))
    if op is parser.BRANCH:
        return all(_ends_at_end(parser, list(branch)) for branch in value[1])
    if op is parser.ATOMIC_GROUP:
        return _ends_at_end(parser, list(value))
    return False


def _sequence(parser: Any, items: Iterable[tuple[Any, Any]], reverse: bool = False) -> tuple[set[str], bool]:
    """First (or, reversed, last) characters of a sequence, and whether all of it can match empty (then
    what follows, or precedes, counts too)."""
    found: set[str] = set()
    for op, value in reversed(list(items)) if reverse else items:
        chars, nullable = _item(parser, op, value, reverse)
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _item(parser: Any, op: Any, value: Any, reverse: bool) -> tuple[set[str], bool]:
    if op is parser.LITERAL:
        return {chr(value)}, False
    if op is parser.IN:
        return _charset(parser, value), False
    if op in (parser.AT, parser.ASSERT, parser.ASSERT_NOT):
        return set(), True
    if op is parser.BRANCH:
        found: set[str] = set()
        nullable = False
        for branch in value[1]:
            chars, empty = _sequence(parser, branch, reverse)
            found |= chars
            nullable = nullable or empty
        return found, nullable
    if op is parser.SUBPATTERN:
        _group, add_flags, _del_flags, sub = value
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _sequence(parser, sub, reverse)
    if op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT):
        low, _high, sub = value
        chars, empty = _sequence(parser, sub, reverse)
        return chars, empty or low == 0
    if op is parser.ATOMIC_GROUP:
        return _sequence(parser, value, reverse)
    raise _Unknown


def _charset(parser: Any, members: Iterable[tuple[Any, Any]]) -> set[str]:
    found: set[str] = set()
    for op, value in members:
        if op is parser.LITERAL:
            found.add(chr(value))
        elif op is parser.RANGE and value[1] - value[0] <= _MAX_RANGE:
            found.update(map(chr, range(value[0], value[1] + 1)))
        elif op is parser.CATEGORY and value is parser.CATEGORY_SPACE:
            found |= _spaces()
        elif op is parser.CATEGORY and value is parser.CATEGORY_DIGIT:
            found |= _digits()
        else:  # NEGATE, \w, \S, \D, a wide range
            raise _Unknown
    return found


@functools.cache
def _spaces() -> frozenset[str]:
    """What ``\\s`` matches in a str pattern (``str.isspace``; the last such code point is U+3000)."""
    return frozenset(c for c in map(chr, range(0x3001)) if c.isspace())


@functools.cache
def _digits() -> frozenset[str]:
    """What ``\\d`` matches in a str pattern (``str.isdecimal``: every script's digits, all below U+20000)."""
    return frozenset(c for c in map(chr, range(0x20000)) if c.isdecimal())
