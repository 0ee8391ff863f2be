"""The ingest recipe's normalization step: items of one event-loop pass are normalized back to back."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from app.errors import NormalizeError
from app.ingest import service
from app.normalize import normalize
from app.normalize.boilerplate import BoilerplateProfile
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem

NOW = datetime(2021, 2, 25, 21, 14, tzinfo=UTC)
SETTINGS = NormalizeSettings()


def _raw(number: int) -> RawItem:
    return RawItem(
        title=f"Story {number} moves the markets",
        content=f"<p>Paragraph {number} of a story about the markets.</p>",
        link=f"https://www.example.com/story-{number}",
    )


async def test_one_pass_of_requests_is_normalized_back_to_back(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real = normalize

    def recording(
        raw: RawItem, *, now: datetime, settings: NormalizeSettings, profile: BoilerplateProfile | None = None
    ) -> NormalizedItem:
        events.append("normalize")
        return real(raw, now=now, settings=settings, profile=profile)

    monkeypatch.setattr(service, "normalize", recording)
    batch = service._batch_for(asyncio.get_running_loop())

    async def request(number: int) -> str:
        item = await batch.submit(_raw(number), NOW, SETTINGS)
        events.append("answer")
        return item.headline

    headlines = await asyncio.gather(*(request(number) for number in range(3)))
    assert headlines == [f"Story {number} moves the markets" for number in range(3)]
    assert events == ["normalize"] * 3 + ["answer"] * 3


async def test_one_failing_item_fails_only_its_own_request(monkeypatch: pytest.MonkeyPatch) -> None:
    real = normalize

    def failing_second(
        raw: RawItem, *, now: datetime, settings: NormalizeSettings, profile: BoilerplateProfile | None = None
    ) -> NormalizedItem:
        if raw.title and raw.title.startswith("Story 1 "):
            raise NormalizeError("nothing usable")
        return real(raw, now=now, settings=settings, profile=profile)

    monkeypatch.setattr(service, "normalize", failing_second)
    batch = service._batch_for(asyncio.get_running_loop())
    outcomes = await asyncio.gather(
        *(batch.submit(_raw(number), NOW, SETTINGS) for number in range(3)), return_exceptions=True
    )
    assert isinstance(outcomes[0], NormalizedItem)
    assert isinstance(outcomes[1], NormalizeError)
    assert isinstance(outcomes[2], NormalizedItem)


async def test_a_request_that_went_away_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    normalized: list[str | None] = []
    real = normalize

    def recording(
        raw: RawItem, *, now: datetime, settings: NormalizeSettings, profile: BoilerplateProfile | None = None
    ) -> NormalizedItem:
        normalized.append(raw.title)
        return real(raw, now=now, settings=settings, profile=profile)

    monkeypatch.setattr(service, "normalize", recording)
    batch = service._batch_for(asyncio.get_running_loop())
    gone = batch.submit(_raw(0), NOW, SETTINGS)
    kept = batch.submit(_raw(1), NOW, SETTINGS)
    gone.cancel()
    assert (await kept).headline == "Story 1 moves the markets"
    assert normalized == ["Story 1 moves the markets"]
