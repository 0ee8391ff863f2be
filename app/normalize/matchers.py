"""Pattern unions for the rules: many regexes, each with a length limit, tested in a few calls."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ahocorasick_rs import BytesAhoCorasick, MatchKind

from app.normalize.firstchars import first_chars, last_chars, required_words

__all__ = ["Args", "Matcher", "patterns", "strings"]

Args = Mapping[str, Any]
_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _top_level_alternation(pattern: str) -> bool:
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


_CREDIT_JOINERS = ("/", "via", "by", "for", "(", ":", "|", ";", ",", ".", "•", "-", "–", "—")


def _ends_with_word(text: str, suffixes: tuple[str, ...]) -> bool:
    """The text ends with a suffix that stands apart from any sentence before it.

    "Getty Images", "… in 2016. Chip Somodevilla/Getty Images", "Jon Putman/Anadolu via Getty Images"
    end in a credit; "… after the report from Reuters." does not.
    """
    tail = text.rstrip(" )").lower()
    if not tail.endswith(suffixes):  # one C call settles most texts
        return False
    for suffix in suffixes:
        if tail.endswith(suffix):
            before = tail[: -len(suffix)].rstrip()
            if not before or before.endswith(_CREDIT_JOINERS):
                return True
    return False


Finder = Callable[[str], "re.Match[str] | None"]


_MAX_UNNAMED = 512
_MAX_SEEN = 1024
"""Answers a Matcher keeps (texts are at most its ``longest`` characters: a few hundred KB at most)."""


class _ByFirst(dict[str, "Finder | None"]):
    """An anchored union split by the text's first character: each entry holds only the alternatives
    that can start with it, so a text meets a few branches instead of every one.

    Entries are compiled on first use; characters no alternative names share ``default`` (the
    alternatives whose first character could not be read) and are not stored.
    """

    __slots__ = ("_default", "_named", "_parts")

    def __init__(self, parts: Sequence[tuple[str, frozenset[str] | None]]) -> None:
        super().__init__()
        self._parts = parts
        self._named = frozenset(char for _part, chars in parts if chars is not None for char in chars)
        unread = [part for part, chars in parts if chars is None]
        self._default = re.compile("|".join(unread)).match if unread else None

    def __missing__(self, char: str) -> Finder | None:
        if char not in self._named:
            if len(self) < _MAX_UNNAMED:  # texts choose their first characters: keep the memory bounded
                self[char] = self._default
            return self._default
        chosen = [part for part, chars in self._parts if chars is None or char in chars]
        found = self[char] = re.compile("|".join(chosen)).match
        return found


_Anchored = tuple[tuple[int, bool, Finder], ...]


class _Starts(dict[str, _Anchored]):
    """The anchored groups' entries a text's first character reads, as (limit, folded, finder): one look-up per
    text for all of them, instead of one pass per group (a folded group reads the lowercased first character,
    the lowercased text's first: ``str.lower`` maps a text's first character as it maps it alone).
    """

    __slots__ = ("groups",)

    def __init__(self, groups: Sequence[_Group]) -> None:
        super().__init__()
        self.groups = groups

    def __missing__(self, char: str) -> _Anchored:
        folded_char = char.lower()[:1]
        found = tuple(
            (limit, folded, finder)
            for limit, _requires, folded, _find, table, _last in self.groups
            if table is not None and (finder := table[folded_char if folded else char]) is not None
        )
        if len(self) < _MAX_UNNAMED:  # texts choose their first characters: keep the memory bounded
            self[char] = found
        return found


def _lower_literals(pattern: str) -> str:
    """Lowercase a case-insensitive pattern's literals, leaving escapes (``\\S``, ``\\B``, ``\\W``…) alone."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern[index] == "\\":
            out.append(pattern[index : index + 2])
            index += 2
        else:
            out.append(pattern[index].lower())
            index += 1
    return "".join(out)


def _implied_words(scoped: str, folded: bool) -> tuple[str, ...]:
    """The words a pattern that every text would meet (a search, or an anchored pattern whose first
    character cannot be read) requires, as ``requires`` (tested in the lowercased text); () when none.

    ``^.{0,200}?\\bcredits?\\s*:…`` tried every position of every screened text (~4 µs a paragraph); "credit"
    not in the text settles it in one substring scan: 1,718,772 → 1,429,614 instructions per bench.normalize
    item (−16.8 %, its 500 items), CPU-time ratio 0.70 → 0.62 (docs/benchmarks-normalize.md, 2026-12-05 (f)).
    A case-sensitive pattern's word counts only when it
    is ASCII: lowercasing then maps it alone, so it is in the lowercased text wherever it is in the text.
    """
    words = required_words(scoped)
    if words is None or not (folded or all(map(str.isascii, words))):
        return ()
    return tuple(sorted({word.lower() for word in words}))


class _Answers(dict[str, bool]):
    """A Matcher's memory: its answer for each text it was asked about; a text not in it is tested
    (``__missing__``) and remembered, at most ``_MAX_SEEN`` at a time.

    Looked up with the dict's own ``__getitem__`` (``Matcher.test``), a remembered answer costs no Python
    call: the rules ask about every paragraph, most of them already screened (1,257,715 → 1,220,344
    instructions per bench.normalize item, −3.0 %, against ``Matcher.__call__``: 14a4e9a, 2026-12-05,
    docs/benchmarks-normalize.md).
    """

    __slots__ = ("_matcher",)

    def __init__(self, matcher: Matcher) -> None:
        super().__init__()
        self._matcher = matcher

    def __missing__(self, text: str) -> bool:
        size = len(text)
        if size > self._matcher.longest:
            return False  # not remembered: a long text is settled by its length alone
        answer = self._matcher._test(text, size)
        if len(self) >= _MAX_SEEN:  # texts are the sender's to choose: keep the memory bounded
            self.clear()
        self[text] = answer
        return answer


_Group = tuple[int, tuple[str, ...], bool, Finder, "_ByFirst | None", "frozenset[str] | None"]
"""Patterns merged under one limit: (limit, required words, folded, finder, first-character table, last chars)."""


def _first_match(groups: tuple[_Group, ...], text: str, lowered: str, size: int) -> bool:
    """Whether a group's patterns match the text (``lowered``: the text lowercased, when a group needs it)."""
    for limit, requires, folded, find, table, last in groups:
        if size > limit:
            continue
        if requires:
            for word in requires:
                if word in lowered:
                    break
            else:
                continue
        subject = lowered if folded else text
        if last is not None and subject[-1:] not in last and not (subject[-1:] == "\n" and subject[-2:-1] in last):
            continue  # "$" matches at the end, or before a final newline
        if table is not None:
            chosen = table[subject[:1]]
            if chosen is None:
                continue
            find = chosen
        if find(subject) is not None:
            return True
    return False


_SEARCHED_WORDS = 4
"""From this many required words on, one search costs less than a substring scan for each (~0.25 µs)."""


def _word_finder(words: set[str]) -> Callable[[bytes], list[tuple[int, int, int]]]:
    """One search for the words (the text's UTF-8 form): it returns a match whenever one of them occurs.

    The screen's 13 words in 7 groups: a new paragraph of a bench.normalize item costs the screen 2.76 →
    1.64 µs by timeit, ~4 µs per item (2026-12-05 (l), docs/benchmarks-normalize.md).
    """
    automaton = BytesAhoCorasick([word.encode() for word in sorted(words)], matchkind=MatchKind.LeftmostFirst)
    return automaton.find_matches_as_indexes


class Matcher:
    """A union of patterns, each with the longest text it applies to; calling it tests one text."""

    __slots__ = (
        "_any_word",
        "_ended",
        "_endings",
        "_groups",
        "_lowers",
        "_seen",
        "_specs",
        "_starts",
        "_suffixes",
        "_worded",
        "longest",
        "test",
    )

    def __init__(
        self,
        patterns: Iterable[tuple[str, int, tuple[str, ...]]],
        suffixes: Iterable[tuple[str, int]] = (),
    ) -> None:
        patterns, suffixes = tuple(patterns), tuple(suffixes)
        self._specs = (patterns, suffixes)
        self._seen = _Answers(self)
        self.test: Callable[[str], bool] = self._seen.__getitem__
        """The same test as calling the Matcher, without a Python call when the answer is remembered."""
        by_limit: dict[tuple[int, bool, tuple[str, ...], bool, bool], list[str]] = {}
        for pattern, limit, requires in patterns:
            re.compile(pattern)  # fail loudly, naming the pattern, before it is merged
            flags = _FLAGS.match(pattern)
            letters = flags.group(1) if flags else ""
            body = pattern[flags.end() :] if flags else pattern
            anchored = body.startswith("^")
            if anchored and _top_level_alternation(body):
                raise ValueError(f"wrap the alternatives of an anchored pattern in a group: {pattern!r}")
            # A case-sensitive part inside ("(?-i:[A-Z])", a capital) needs the text as written: not folded.
            folded = "i" in letters and "(?-i" not in body
            if folded:  # matched against lowercased text: far faster than IGNORECASE alternations
                letters, body = letters.replace("i", ""), _lower_literals(body)
            scoped = f"(?{letters}:{body})" if letters else f"(?:{body})"
            unread = anchored and first_chars(scoped) is None
            if not requires and (not anchored or unread):
                requires = _implied_words(scoped, folded)
            # An anchored pattern whose first character cannot be read would sit in every first-character
            # entry; one that ends with ``$`` waits for its last characters instead, as a search does.
            ended = unread and not requires and last_chars(scoped) is not None
            by_limit.setdefault((limit, anchored and not ended, requires, folded, ended), []).append(scoped)
        groups: list[_Group] = []
        # Anchored patterns fail (or match) at the first characters: test them before any search.
        for (limit, anchored, requires, folded, ended), parts in sorted(
            by_limit.items(), key=lambda kv: (not kv[0][1], kv[0])
        ):
            compiled = re.compile("|".join(parts))
            if ended:
                # ``^\S{1,120}?\s*\d{2,5}\s*[×x]…(?:[kmg]i?b|bytes)$`` (a picture's file and size) read every
                # paragraph's first word: the screen 9.5 → 9.0 µs per bench.normalize item (5.3 new paragraphs),
                # −0.5 % instructions (docs/benchmarks-normalize.md (o))
                ending = frozenset(char for part in parts for char in last_chars(part) or ())
                groups.append((limit, requires, folded, compiled.match, None, ending))
            elif anchored:
                # sre tries every branch of a union in turn; split by first character, a text meets only
                # the branches that can start with its own (with take_footer's gate and the marker gates,
                # −1.8 % instructions per item, docs/benchmarks-normalize.md 2026-12-04)
                table = _ByFirst([(part, first_chars(part)) for part in parts])
                groups.append((limit, requires, folded, compiled.match, table, None))
            else:
                # A union whose every pattern ends with ``$`` (trim_trailing_link's teasers) can only match
                # a text ending with one of its last characters: others are passed over without a search
                # from every position (2.09 → 0.35 µs a distinct last line by timeit; docs/benchmarks-normalize.md).
                ends = [last_chars(part) for part in parts]
                last = None if None in ends else frozenset(char for chars in ends if chars for char in chars)
                groups.append((limit, requires, folded, compiled.search, None, last))
        # Groups that need one of their last characters last (``$``) are passed over at once by a text that ends
        # with none of them: two set look-ups instead of a pass over each group (~1.4k instructions each). The
        # screen's two such groups read every new paragraph: 1,232,967 → 1,225,270 instructions per
        # bench.normalize item (−0.6 %, docs/benchmarks-normalize.md (q)).
        self._groups = tuple(group for group in groups if not group[1] and group[4] is None and group[5] is None)
        # The anchored groups without required words by one look-up of the text's first character (``_Starts``),
        # not a pass over each group (~1.4k instructions each, the screen's two read by every new paragraph):
        # 1,225,270 → 1,213,583 instructions per bench.normalize item (−1.0 %, docs/benchmarks-normalize.md (q)).
        self._starts = _Starts([group for group in groups if not group[1] and group[4] is not None])
        self._ended = tuple(group for group in groups if not group[1] and group[4] is None and group[5] is not None)
        self._endings = tuple(
            frozenset(char for group in self._ended if group[2] == folded for char in (*(group[5] or ()), "\n"))
            for folded in (False, True)
        )
        self._worded = tuple(group for group in groups if group[1])
        self._lowers = any(requires or folded for _limit, requires, folded, *_rest in groups)
        words = {word for group in self._worded for word in group[1]}
        self._any_word = _word_finder(words) if len(words) >= _SEARCHED_WORDS else None
        by_suffix_limit: dict[int, list[str]] = {}
        for suffix, limit in suffixes:
            by_suffix_limit.setdefault(limit, []).append(suffix.lower())
        self._suffixes = tuple((limit, tuple(found)) for limit, found in sorted(by_suffix_limit.items()))
        self.longest = max([group[0] for group in groups] + [limit for limit, _s in self._suffixes] + [-1])
        """The longest text any pattern applies to: callers skip longer text without a call."""

    def __call__(self, text: str) -> bool:
        # A text is often tested again: by the plan's skip check and then by its rule, and a feed's
        # boilerplate lines (a promo, a tip line) recur on every item. The answer depends on the text alone.
        # −13 % instructions per item on bench.normalize's items (docs/benchmarks-normalize.md 2026-12-04).
        return self._seen[text]

    def _test(self, text: str, size: int) -> bool:
        lowered = text.lower() if self._lowers else ""
        for limit, folded, find in self._starts[text[:1]]:
            if size <= limit and find(lowered if folded else text) is not None:
                return True
        if self._groups and _first_match(self._groups, text, lowered, size):
            return True
        endings, endings_folded = self._endings
        if (text[-1:] in endings or lowered[-1:] in endings_folded) and _first_match(self._ended, text, lowered, size):
            return True  # "$" matches at the end, or before a final newline
        # Most texts hold none of the required words: one search passes over every worded group at once.
        any_word = self._any_word
        if (any_word is None or any_word(lowered.encode("utf-8", "surrogatepass"))) and _first_match(
            self._worded, text, lowered, size
        ):
            return True
        if not self._suffixes:
            return False
        return any(size <= limit and _ends_with_word(text, suffixes) for limit, suffixes in self._suffixes)

    def __bool__(self) -> bool:
        return bool(self._groups or self._starts.groups or self._ended or self._worded or self._suffixes)

    @classmethod
    def screen(cls, matchers: Iterable[Matcher]) -> Matcher:
        """A loose union: true for every text one of ``matchers`` matches, and for a few more.

        Every limit is raised to the largest, so patterns merge into a regex or two and a text is
        tested in one call instead of one per matcher.
        """
        chosen = list(matchers)
        found = [spec for m in chosen for spec in m._specs[0]]
        endings = [spec for m in chosen for spec in m._specs[1]]
        limit = max([lim for _p, lim, _r in found] + [lim for _s, lim in endings] + [-1])
        return cls([(p, limit, r) for p, _lim, r in found], [(s, limit) for s, _lim in endings])


def strings(args: Args, key: str) -> list[str]:
    value = args.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} must be a list of strings, not {value!r}")
    return value


def patterns(args_list: Sequence[Args], default_max: int) -> Matcher:
    found: list[tuple[str, int, tuple[str, ...]]] = []
    suffixes: list[tuple[str, int]] = []
    for args in args_list:
        limit = int(args.get("max_chars", default_max))
        requires = tuple(sorted(word.lower() for word in strings(args, "requires")))
        single = args.get("pattern")
        for pattern in [*strings(args, "patterns"), *([single] if single else [])]:
            if not isinstance(pattern, str):
                raise ValueError(f"patterns must be strings: {pattern!r}")
            found.append((pattern, limit, requires))
        suffixes.extend((suffix, limit) for suffix in strings(args, "suffixes"))
    return Matcher(found, suffixes)
