"""Shared pieces of the normalizer tests: the fixed clock, default settings and golden-case loading."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.errors import NormalizeError
from app.normalize import NormalizeSettings, RawItem, normalize

__all__ = ["FIXTURES", "NOW", "SETTINGS", "GoldenCase", "golden_cases", "run_case"]

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
SETTINGS = NormalizeSettings()
_SIDE_FILES = (".input.json", ".expected.json")


@dataclass(frozen=True)
class GoldenCase:
    """One input file (``.html``, ``.txt`` or ``.json``) and the expected-output file beside it."""

    path: Path

    @property
    def stem(self) -> str:
        return self.path.name.rsplit(".", 1)[0]

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"

    @property
    def expected_path(self) -> Path:
        return self.path.with_name(f"{self.stem}.expected.json")

    def raw(self) -> RawItem:
        """The RawItem: a ``.json`` holds all fields; content files take the rest from ``.input.json``."""
        if self.path.suffix == ".json":
            fields: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        else:
            sidecar = self.path.with_name(f"{self.stem}.input.json")
            fields = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
            fields["content"] = self.path.read_text(encoding="utf-8")
            fields.setdefault("content_kind", "html" if self.path.suffix == ".html" else "text")
        return RawItem.model_validate(fields)


def golden_cases() -> list[GoldenCase]:
    """Every input under fixtures/<publisher>/, sorted."""
    found = [
        path
        for path in FIXTURES.glob("*/*")
        if path.suffix in (".html", ".txt", ".json") and not path.name.endswith(_SIDE_FILES)
    ]
    return [GoldenCase(path) for path in sorted(found)]


def run_case(case: GoldenCase) -> dict[str, Any]:
    """Normalize a case; the full output as JSON-ready data (or the NormalizeError it raised)."""
    try:
        item = normalize(case.raw(), now=NOW, settings=SETTINGS)
    except NormalizeError as error:
        return {"error": type(error).__name__, "detail": error.detail, "missing": list(error.missing)}
    return item.model_dump(mode="json")
