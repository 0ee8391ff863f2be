"""Items per hour by channel as stacked SVG bars (pure: counts in, rectangles out; the template draws them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["CHANNEL_NAMES", "Bar", "Chart", "Tick", "hourly_chart"]

CHANNEL_NAMES = {1: "webhook", 2: "feed"}
"""Origin channels (app.store.tables); 0 is a row stored before origins were recorded."""
BAR_WIDTH = 4
HEIGHT = 120


@dataclass(frozen=True, slots=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    channel: str
    title: str


@dataclass(frozen=True, slots=True)
class Tick:
    """A UTC midnight on the time axis."""

    x: int
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    """The bars' area; the day labels go below it."""
    bars: list[Bar]
    peak: int
    total: dict[str, int]
    ticks: list[Tick]


def hourly_chart(counts: Iterable[tuple[int, int, int]], *, last_hour: int, hours: int) -> Chart:
    """A bar per hour from `last_hour - hours + 1` to `last_hour`, one stacked segment per channel."""
    first = last_hour - hours + 1
    per_hour: dict[int, dict[str, int]] = {}
    total: dict[str, int] = {}
    for hour, channel, count in counts:
        if not first <= hour <= last_hour:
            continue
        name = CHANNEL_NAMES.get(channel, "other")
        per_hour.setdefault(hour, {})[name] = per_hour.get(hour, {}).get(name, 0) + count
        total[name] = total.get(name, 0) + count
    peak = max((sum(by.values()) for by in per_hour.values()), default=0)
    bars: list[Bar] = []
    for hour, by in sorted(per_hour.items()):
        x, base = (hour - first) * BAR_WIDTH, HEIGHT
        for name in ("webhook", "feed", "other"):
            count = by.get(name, 0)
            if count == 0:
                continue
            height = max(1, round(count * HEIGHT / peak))
            base -= height
            ago = last_hour - hour
            bars.append(Bar(x, base, BAR_WIDTH - 1, height, name, f"{count} by {name}, {ago} h ago"))
    ticks = [
        Tick((hour - first) * BAR_WIDTH, datetime.fromtimestamp(hour * 3600, UTC).strftime("%a %d %b"))
        for hour in range(first, last_hour + 1)
        if hour % 24 == 0
    ]
    return Chart(hours * BAR_WIDTH, HEIGHT, bars, peak, total, ticks)
