"""Run the fuzz harnesses for a bounded time each; exit 1 with the crash file's path on a finding.

    python -m fuzz.run --seconds 60            # every target, one after the other
    python -m fuzz.run --seconds 300 normalize # one target

Each target runs in its own process (libFuzzer owns the process and exits on the first finding) with
a total time, a per-input timeout and an RSS limit. New inputs the fuzzer keeps go to a temporary
corpus seeded from fuzz/corpus/<target>/ (the committed seeds are never written to), and crashes to
a temporary artifacts folder that is kept and printed when something is found. Replay one with
`python -m fuzz.fuzz_<target> <file>`; tests/fuzz_regressions/ keeps every finding as a test.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["TARGETS", "Result", "main", "run_target"]

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
TARGETS = ("payload", "normalize")
ARTIFACT_PREFIXES = ("crash-", "timeout-", "oom-", "leak-", "slow-unit-")


@dataclass(frozen=True)
class Result:
    target: str
    returncode: int
    seconds: float
    artifacts: list[Path]
    log: Path

    @property
    def found(self) -> bool:
        return self.returncode != 0 or bool(self.artifacts)


def run_target(
    target: str,
    *,
    seconds: int,
    timeout: int,
    rss_limit_mb: int,
    max_len: int,
    work: Path,
    seed: int | None = None,
    corpus: Path | None = None,
    flags: Sequence[str] = (),
) -> Result:
    """One bounded libFuzzer run of `fuzz.fuzz_<target>` in a subprocess.

    `corpus` (default: a fresh folder in `work`) receives the inputs the fuzzer keeps; pass the same
    folder again to go on from where a previous run stopped.
    """
    corpus = corpus or work / "corpus" / target
    artifacts = work / "artifacts" / target
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True)
    log = work / f"{target}.log"
    command = [
        sys.executable,
        "-m",
        f"fuzz.fuzz_{target}",
        f"-max_total_time={seconds}",
        f"-timeout={timeout}",
        f"-rss_limit_mb={rss_limit_mb}",
        f"-max_len={max_len}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        *flags,
        str(corpus),  # the first folder receives new inputs
        str(FUZZ / "corpus" / target),  # read only: the committed seeds
    ]
    if seed is not None:
        command.insert(3, f"-seed={seed}")
    dictionary = FUZZ / "dicts" / f"{target}.dict"
    if dictionary.exists():
        command.insert(3, f"-dict={dictionary}")
    started = time.monotonic()
    with log.open("wb") as output:
        # A fixed argv of our own modules, no shell: nothing here comes from outside.
        process = subprocess.run(  # noqa: S603
            command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, check=False, timeout=seconds * 2 + 120
        )
    elapsed = time.monotonic() - started
    found = sorted(path for path in artifacts.iterdir() if path.name.startswith(ARTIFACT_PREFIXES))
    return Result(target, process.returncode, elapsed, found, log)


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--seconds", type=int, default=60, help="fuzzing time per target (default 60)")
    parser.add_argument("--timeout", type=int, default=5, help="seconds one input may take (default 5)")
    parser.add_argument("--rss-limit-mb", type=int, default=2048, help="memory limit of a run (default 2048)")
    parser.add_argument("--max-len", type=int, default=16384, help="largest input in bytes (default 16384)")
    parser.add_argument("--seed", type=int, default=None, help="libFuzzer's random seed (default: random)")
    parser.add_argument(
        "--flag",
        action="append",
        default=[],
        metavar="-NAME=VALUE",
        help="another libFuzzer flag, e.g. --flag=-use_value_profile=1 (repeatable)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder even without findings")
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=None,
        help="keep each target's working corpus in DIR/<target> and go on from it next time (default: temporary)",
    )
    args = parser.parse_args(argv)
    targets = args.targets or list(TARGETS)
    unknown = sorted(set(targets) - set(TARGETS))
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}: choose from {', '.join(TARGETS)}")

    work = Path(tempfile.mkdtemp(prefix="feedhook-fuzz-"))
    results = []
    for target in targets:
        print(f"fuzz {target}: {args.seconds} s ...", flush=True)
        result = run_target(
            target,
            seconds=args.seconds,
            timeout=args.timeout,
            rss_limit_mb=args.rss_limit_mb,
            max_len=args.max_len,
            work=work,
            seed=args.seed,
            corpus=args.corpus_dir / target if args.corpus_dir else None,
            flags=args.flag,
        )
        results.append(result)
        status = "FINDING" if result.found else "ok"
        print(f"fuzz {target}: {status} after {result.seconds:.0f} s (exit {result.returncode})", flush=True)
        if result.found:
            print(_tail(result.log), flush=True)
            for artifact in result.artifacts:
                print(f"fuzz {target}: crash file {artifact}", flush=True)
                print(f"  replay: {sys.executable} -m fuzz.fuzz_{target} {artifact}", flush=True)
            if not result.artifacts:
                print(f"fuzz {target}: no crash file; the log is {result.log}", flush=True)
    if any(result.found for result in results):
        print(f"findings kept in {work}", flush=True)
        return 1
    if args.keep:
        print(f"work folder kept: {work}", flush=True)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
