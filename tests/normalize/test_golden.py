"""Golden files: every fixture normalizes to exactly its reviewed ``.expected.json``.

``UPDATE_GOLDEN=1 pytest tests/normalize/test_golden.py`` rewrites the expected files; review each diff
by hand before keeping it (an expected file is the correct answer, not what the code printed).
"""

from __future__ import annotations

import json
import os

import pytest

from .support import GoldenCase, golden_cases, run_case

CASES = golden_cases()


def test_enough_cases_over_enough_publishers() -> None:
    assert len(CASES) >= 30
    assert len({case.path.parent.name for case in CASES}) >= 5


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_golden(case: GoldenCase) -> None:
    actual = run_case(case)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        text = json.dumps(actual, indent=2, ensure_ascii=False) + "\n"
        case.expected_path.write_text(text, encoding="utf-8")
    assert case.expected_path.exists(), f"no expected file; run with UPDATE_GOLDEN=1 and review {case.id}"
    assert actual == json.loads(case.expected_path.read_text(encoding="utf-8"))
