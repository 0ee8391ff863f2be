"""The fidelity corpus as golden tests: every entry is exact, except the failures listed in known_failures.txt.

The list is strict both ways: an entry that starts passing must leave the list (its expectation is never
edited to match the program; see README.md).
"""

from __future__ import annotations

import pytest

from .runner import CORPUS, Case, cases, run_case

CASES = cases()
KNOWN_FAILURES = frozenset(
    line.split("#", 2)[0].strip() + "#" + line.split("#", 2)[1].strip()
    for line in (CORPUS / "known_failures.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith(";")
)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: Case) -> None:
    results = run_case(case)
    failing = {f"{case.id}#{r.index}" for r in results if not r.exact}
    known = {key for key in KNOWN_FAILURES if key.startswith(f"{case.id}#")}
    assert failing == known, [(r.index, r.error or r.wrong) for r in results if not r.exact]


def test_corpus_is_large_and_varied_with_publishers_held_out() -> None:
    entries = [(case, len(case.expected()["entries"])) for case in CASES]
    assert sum(count for _, count in entries) >= 150
    assert len({case.publisher for case in CASES}) >= 50
    assert len({case.publisher for case in CASES if case.holdout}) >= 10
