"""Write the seed corpus (fuzz/corpus/<target>/) from the test fixtures, in each harness's input format.

    python -m fuzz.seeds

payload: every body of tests/ingest/fixtures/payload/ under its declared Content-Type.
normalize: every golden case of tests/normalize/fixtures/ that the input format can carry (its text fields and
content_kind; a case setting another RawItem field, such as media_kind, is left out), checked to read back as its
fixture (the same NormalizedItem, or the same NormalizeError).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fuzz import fuzz_normalize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
PAYLOAD_FIXTURES = ROOT / "tests" / "ingest" / "fixtures" / "payload"

__all__ = ["carried", "normalize_seed", "payload_seeds", "write"]


def payload_seeds() -> dict[str, bytes]:
    seeds = {}
    for expected_path in sorted(PAYLOAD_FIXTURES.glob("*.expected.json")):
        name = expected_path.name.removesuffix(".expected.json")
        (body_path,) = (p for p in PAYLOAD_FIXTURES.glob(f"{name}.*") if p != expected_path)
        content_type = json.loads(expected_path.read_text(encoding="utf-8"))["content_type"] or ""
        seeds[name] = content_type.encode("latin-1") + b"\n" + body_path.read_bytes()
    return seeds


def _outcome(raw: Any) -> object:
    from app.errors import NormalizeError
    from app.normalize import NormalizeSettings, normalize

    try:
        return normalize(raw, now=fuzz_normalize.NOW, settings=NormalizeSettings()).model_dump()
    except NormalizeError as error:
        return ("NormalizeError", error.detail, error.missing)


def carried(raw: Any) -> bool:
    """Whether the fuzzer's input format carries every field `raw` sets (the text fields and content_kind)."""
    from app.normalize.model import RawItem

    blank = RawItem(title="")
    kept = {*fuzz_normalize.FIELDS, "content_kind"}
    return all(getattr(raw, name) == getattr(blank, name) for name in RawItem.model_fields if name not in kept)


def normalize_seed(raw: Any) -> bytes:
    """The fuzzer input that reads back as `raw` (text fields and content_kind; dates as text)."""
    values = [getattr(raw, name) or "" for name in fuzz_normalize.FIELDS]
    assert all(isinstance(value, str) and fuzz_normalize.SEPARATOR not in value for value in values)
    while values and not values[-1]:
        values.pop()
    text = fuzz_normalize.SEPARATOR.join(values).encode("utf-8")
    # The provider reads its choices from the end: the last byte picks the kind, the one before it
    # the date form. Try byte values until the input reads back as the fixture.
    for kind_byte in range(256):
        for date_byte in range(256):
            candidate = text + bytes([date_byte, kind_byte])
            decoded = fuzz_normalize.split(candidate)
            if decoded.content_kind == raw.content_kind and not hasattr(decoded.published, "tm_year"):
                assert _outcome(decoded) == _outcome(raw), raw
                return candidate
    raise AssertionError(f"no seed reads back as {raw!r}")


def write() -> dict[str, int]:
    from tests.normalize.support import golden_cases

    counts = {}
    targets = {
        "payload": payload_seeds(),
        "normalize": {
            case.id.replace("/", "--"): normalize_seed(case.raw()) for case in golden_cases() if carried(case.raw())
        },
    }
    for target, seeds in targets.items():
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*"):  # a fuzz finding kept as a seed (finding-*) stays
            if old.name.startswith("finding-"):
                continue
            old.unlink()
        for name, data in seeds.items():
            digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:8]
            (folder / f"{name}-{digest}").write_bytes(data)
        counts[target] = len(seeds)
    return counts


if __name__ == "__main__":
    for target, count in write().items():
        print(f"fuzz/corpus/{target}: {count} seeds")
