"""Per-field accuracy of the fidelity corpus: ``python -m tests.corpus.report [FOLDER ...] [--diff]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the runner beside it, `app` from PYTHONPATH or the cwd
    sys.path[:0] = [str(Path.cwd()), str(Path(__file__).resolve().parent)]
    from runner import CORPUS, FIELDS, EntryResult, cases, run_case  # type: ignore[import-not-found]
else:
    from .runner import CORPUS, FIELDS, EntryResult, cases, run_case


def _table(title: str, results: Sequence[EntryResult]) -> list[str]:
    if not results:
        return [f"{title}: no cases"]
    total = len(results)
    publishers = len({r.case.publisher for r in results})
    exact = sum(r.exact for r in results)
    lines = [f"{title}: {total} cases from {publishers} publishers, exact {exact}/{total} = {exact / total:.1%}"]
    for name in FIELDS:
        right = sum(r.error is None and name not in r.wrong for r in results)
        lines.append(f"  {name:<13} {right / total:6.1%}")
    return lines


def _diff(result: EntryResult) -> list[str]:
    head = f"- {result.case.id} #{result.index}"
    if result.error is not None:
        return [f"{head}: {result.error}"]
    assert result.actual is not None
    lines = [head]
    for name in result.wrong:
        want = json.dumps(result.expected.get(name), ensure_ascii=False)
        got = json.dumps(result.actual.get(name), ensure_ascii=False)
        lines.append(f"    {name}: expected {want}\n    {' ' * len(name)}  actual   {got}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", type=Path, default=[CORPUS])
    parser.add_argument("--diff", action="store_true", help="print every wrong field")
    parser.add_argument(
        "--write-known-failures",
        action="store_true",
        help="rewrite known_failures.txt with the entries that are not exact now (never the expectations)",
    )
    args = parser.parse_args(argv)
    results = [r for case in cases(args.folders) for r in run_case(case)]
    tuned = [r for r in results if not r.case.holdout]
    holdout = [r for r in results if r.case.holdout]
    for line in _table("all", results) + _table("tuned", tuned) + _table("holdout", holdout):
        print(line)
    if args.write_known_failures:
        path = CORPUS / "known_failures.txt"
        header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(";")]
        failing = [f"{r.case.id}#{r.index}" for r in results if not r.exact]
        path.write_text("\n".join(header + failing) + "\n", encoding="utf-8")
    if args.diff:
        for result in results:
            if not result.exact:
                print("\n".join(_diff(result)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
