"""The overview chart: stacked bars per hour by channel, scaled to the busiest hour, midnight ticks."""

from __future__ import annotations

from app.ui.chart import BAR_WIDTH, HEIGHT, hourly_chart

LAST = 491_256  # an hour number since the epoch: 2026-01-16 00:00 UTC (a midnight: 491256 % 24 == 0)


def test_bars_stack_by_channel_and_the_busiest_hour_fills_the_height() -> None:
    counts = [(LAST, 1, 3), (LAST, 2, 1), (LAST - 1, 2, 2), (LAST - 5, 0, 1), (LAST - 200, 1, 99), (LAST + 1, 1, 7)]
    chart = hourly_chart(counts, last_hour=LAST, hours=168)
    assert chart.peak == 4  # the last hour: 3 + 1; hours outside the window are left out
    assert chart.total == {"webhook": 3, "feed": 3, "other": 1}
    last = [bar for bar in chart.bars if bar.x == 167 * BAR_WIDTH]
    assert [(bar.channel, bar.height) for bar in last] == [("webhook", 90), ("feed", 30)]
    assert last[0].y + last[0].height == HEIGHT  # webhook at the bottom
    assert last[1].y + last[1].height == last[0].y  # feed on top of it
    assert last[0].title == "3 by webhook, 0 h ago"
    assert [tick.label for tick in chart.ticks][-1] == "Fri 16 Jan"
    assert len(chart.ticks) == 7  # one midnight a day (the window starts just after one)


def test_an_empty_week_has_no_bars() -> None:
    chart = hourly_chart([], last_hour=LAST, hours=168)
    assert (chart.bars, chart.peak, chart.total) == ([], 0, {})
