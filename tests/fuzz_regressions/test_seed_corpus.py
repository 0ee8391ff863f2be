"""Every committed seed (fuzz/corpus/<target>/) passes its harness's checks.

A harness change that breaks its own input format, or a parser/normalizer change that breaks the
contract on a real body, shows here in the normal suite rather than at the next fuzzing run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz import fuzz_normalize, fuzz_payload

CORPUS = Path(fuzz_payload.__file__).parent / "corpus"


def _files(target: str) -> list[Path]:
    return sorted((CORPUS / target).iterdir())


@pytest.mark.parametrize("path", _files("payload"), ids=lambda path: path.name)
def test_payload_seed_keeps_the_parser_contract(path: Path) -> None:
    fuzz_payload.test_one_input(path.read_bytes())


@pytest.mark.parametrize("path", _files("normalize"), ids=lambda path: path.name)
def test_normalize_seed_keeps_the_normalizer_contract(path: Path) -> None:
    fuzz_normalize.test_one_input(path.read_bytes())
