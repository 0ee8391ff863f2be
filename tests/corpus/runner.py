"""Runs the fidelity corpus: each case's input through the real pure path, compared field by field."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.errors import FeedhookError
from app.feeds.cleaning import normalize_entries
from app.feeds.parser import parse_feed
from app.ingest.service import raw_item_from, read_payload
from app.normalize import NormalizeSettings
from app.normalize.model import RawItem

__all__ = ["CORPUS", "FIELDS", "NOW", "Case", "EntryResult", "cases", "run_case"]

CORPUS = Path(__file__).parent
NOW = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)
SETTINGS = NormalizeSettings()
FIELDS = ("headline", "bullets", "body", "source", "url", "author", "image_url", "published_at")
_EXPECTED = ".expected.json"
_INPUT_SUFFIXES = (".webhook.json", ".xml", ".json")


@dataclass(frozen=True)
class Case:
    """One input document and its expectation (``<case>.expected.json`` beside it)."""

    input_path: Path
    expected_path: Path

    @property
    def id(self) -> str:
        parts = self.input_path.parts
        return "/".join(parts[-3:])

    @property
    def holdout(self) -> bool:
        return "holdout" in self.input_path.parts

    @property
    def publisher(self) -> str:
        return self.input_path.parent.name

    def expected(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.expected_path.read_text(encoding="utf-8"))
        return data


@dataclass
class EntryResult:
    """One entry of a case: the fields that differ from the expectation (none: exact)."""

    case: Case
    index: int
    expected: dict[str, Any]
    actual: dict[str, Any] | None
    error: str | None = None
    wrong: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return self.error is None and not self.wrong


def cases(roots: Iterable[Path] = (CORPUS,)) -> list[Case]:
    """Every case under the given folders, sorted by path."""
    found: list[Case] = []
    for root in roots:
        for expected in sorted(root.rglob(f"*{_EXPECTED}")):
            stem = expected.name[: -len(_EXPECTED)]
            inputs = [expected.with_name(stem + suffix) for suffix in _INPUT_SUFFIXES]
            existing = next((path for path in inputs if path.exists()), None)
            if existing is not None:
                found.append(Case(existing, expected))
    return found


def _matches(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict) and set(expected) == {"any_of"}:
        return any(_matches(option, actual) for option in expected["any_of"])
    return bool(expected == actual)


def _raw_items(case: Case, spec: dict[str, Any]) -> list[RawItem]:
    data = case.input_path.read_bytes()
    if case.input_path.name.endswith(".webhook.json"):
        request = json.loads(data)
        payload = read_payload(request["body"].encode("utf-8"), request.get("content_type"))
        if isinstance(payload, FeedhookError):
            raise payload
        return [raw_item_from(payload, secret=request.get("token", ""))]
    headers = {"content-type": spec.get("content_type") or "application/xml"}
    return parse_feed(data, headers=headers, url=spec.get("feed_url") or "https://example.invalid/feed").entries


def _entries(case: Case) -> Iterator[EntryResult]:
    spec = case.expected()
    wanted: list[dict[str, Any]] = spec["entries"]
    try:
        raws = _raw_items(case, spec)
    except Exception as exc:  # a case that cannot even be read fails every entry
        for index, expected in enumerate(wanted):
            yield EntryResult(case, index, expected, None, error=f"{type(exc).__name__}: {exc}")
        return
    try:
        items = normalize_entries(raws, now=NOW, settings=SETTINGS)
    except Exception as exc:  # never expected: the normalizer raises only its own error, mapped to None
        for index, expected in enumerate(wanted):
            yield EntryResult(case, index, expected, None, error=f"{type(exc).__name__}: {exc}")
        return
    for index, expected in enumerate(wanted):
        if index >= len(raws):
            yield EntryResult(case, index, expected, None, error="entry missing")
            continue
        normalized = items[index]
        if normalized is None:
            yield EntryResult(case, index, expected, None, error="NormalizeError: the normalizer could not use it")
            continue
        item = normalized.model_dump(mode="json")
        wrong = [name for name in FIELDS if not _matches(expected.get(name), item.get(name))]
        yield EntryResult(case, index, expected, item, wrong=wrong)
    for index in range(len(wanted), len(raws)):
        yield EntryResult(case, index, {}, None, error="entry not in the expectation")


def run_case(case: Case) -> list[EntryResult]:
    """Every entry of one case, compared."""
    return list(_entries(case))
