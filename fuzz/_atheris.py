"""The few atheris calls the harnesses make, typed: atheris ships no type information.

Only `main()` of a harness imports this module, so the harnesses' pure checks (and the regression
tests that replay findings through them) import without atheris.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import cast

import atheris  # type: ignore[import-untyped]  # no stubs or py.typed; this module is its typed face

__all__ = ["FuzzedData", "fuzz", "instrumented"]


class FuzzedData:
    """atheris.FuzzedDataProvider, the methods the harnesses use."""

    def __init__(self, data: bytes) -> None:
        self._provider = atheris.FuzzedDataProvider(data)

    def int_in_range(self, low: int, high: int) -> int:
        return cast(int, self._provider.ConsumeIntInRange(low, high))

    def remaining_bytes(self) -> int:
        return cast(int, self._provider.remaining_bytes())

    def bytes(self, count: int) -> bytes:
        return cast(bytes, self._provider.ConsumeBytes(count))


def instrumented(include: Sequence[str]) -> AbstractContextManager[object]:
    """Instrument the modules imported inside the block (packages in `include`) for coverage feedback."""
    return cast(AbstractContextManager[object], atheris.instrument_imports(include=list(include)))


def fuzz(test_one_input: Callable[[bytes], None], argv: Sequence[str] | None = None) -> None:
    """Hand `test_one_input` to libFuzzer with the command line's libFuzzer flags; never returns."""
    atheris.Setup(list(sys.argv if argv is None else argv), test_one_input)
    atheris.Fuzz()
