"""Dates as channels send them, parsed to aware UTC datetimes (or ``None``, never an error).

Accepted: IFTTT's ``February 25, 2021 at 09:14PM`` (12-hour clock, no seconds, no zone), RFC 822/2822
(RSS ``pubDate``, via :mod:`email.utils`), ISO 8601 / RFC 3339 (Atom, JSON), ``time.struct_time``
(feedparser's ``*_parsed`` tuples, which are UTC) and ``datetime``. A value without a zone is read in
the caller's zone (``NormalizeSettings.timezone``); a zone abbreviation RFC 822 does not name (``CEST``,
``JST``, ``AEDT``) is read from the table in ``zones.toml``, and so are month names in other languages
(``Seg, 24 Set 2018 19:42:40 -0300``).
"""

from __future__ import annotations

import email.utils
import functools
import re
import time
import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from importlib import resources
from types import MappingProxyType
from zoneinfo import ZoneInfo

from app.normalize.model import DateInput

__all__ = ["clamp_future", "month_names", "parse_date", "zone", "zone_abbreviation", "zone_offsets"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# IFTTT's form; the "at", and the time itself, are optional (other senders write "Oct 8, 2024 9:14 PM"
# or just "April 14, 2018", which is midnight in the caller's zone).
_IFTTT = re.compile(
    r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?(?:\s+at)?\s+(\d{1,2}):(\d{2})\s*([AaPp])\.?\s*[Mm]\.?)?$"
)
_MERIDIEM = re.compile(r"\d\s*[AaPp]\.?\s*[Mm]\b")
_ISO_START = re.compile(r"^\d{4}-?\d{2}")
_SPACED_ZONE = re.compile(r"\s+([+-]\d{2}:?\d{2}|Z)$")
_NUMERIC_ZONE = re.compile(r"[+-]\d{2}:?\d{2}")
MAX_DATE_CHARS = 100


@functools.cache
def zone_offsets() -> Mapping[str, str]:
    """Zone abbreviation (upper case) → offset (``+02:00``), from the package's ``zones.toml``."""
    table = tomllib.loads(resources.files("app.normalize").joinpath("zones.toml").read_text(encoding="utf-8"))
    return MappingProxyType({str(name).upper(): str(offset) for name, offset in table["offsets"].items()})


_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WORD = re.compile(r"[^\W\d_]{3,}\.?")


@functools.cache
def month_names() -> Mapping[str, int]:
    """Month names in other languages (lower case) → the month's number, from ``zones.toml`` ``[months]``."""
    table = tomllib.loads(resources.files("app.normalize").joinpath("zones.toml").read_text(encoding="utf-8"))
    return MappingProxyType({str(name).casefold(): int(number) for name, number in table["months"].items()})


def _english(text: str) -> str:
    """The date with month names of other languages written as English abbreviations ("Set" → "Sep"),
    and Arabic's marks of the afternoon and the morning (م, ص) after the time as PM and AM."""
    names = month_names()

    def english(match: re.Match[str]) -> str:
        number = names.get(match.group(0).rstrip(".").casefold())
        return _ENGLISH_MONTHS[number - 1] if number else match.group(0)

    return _ARABIC_MERIDIEM.sub(lambda m: " PM" if m.group(1) == "م" else " AM", _WORD.sub(english, text))


_ARABIC_MERIDIEM = re.compile(r"(?<=\d)\s*(م|ص)$")
# "04 Dec 2026 03:00 PM" after a weekday in any language ("الجمعة، …"): day, month, year, a 12-hour time.
_DAY_MONTH_YEAR = re.compile(
    r"^(?:[^\d,،]{1,20}[,،]\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])[Mm]$"
)


def zone_abbreviation(value: str) -> str | None:
    """The listed zone abbreviation a date string ends with (``… 21:14:00 CEST`` or ``(CEST)``), upper case.

    Only right after the time or date: ``+0200 (CEST)`` already says its offset in digits.
    """
    head, _, last = value.strip().rpartition(" ")
    name = last.strip("()").upper()
    if name not in zone_offsets() or not head.rstrip()[-1:].isdigit():
        return None
    return None if _NUMERIC_ZONE.fullmatch(head.rpartition(" ")[2]) else name


def _with_offset(text: str) -> str:
    """The string with a trailing listed abbreviation written as its offset (``CEST`` → ``+0200``)."""
    name = zone_abbreviation(text) if text[-1:].isalpha() or text[-1:] == ")" else None
    if name is None:
        return text
    return text.rpartition(" ")[0] + " " + zone_offsets()[name].replace(":", "")


@functools.cache
def zone(name: str) -> tzinfo:
    """The IANA zone called ``name``; UTC when the name is unknown or malformed."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return UTC


def _aware(value: datetime, local: tzinfo) -> datetime | None:
    try:
        if value.tzinfo is None or value.utcoffset() is None:
            value = value.replace(tzinfo=local)
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _ifttt(match: re.Match[str], local: tzinfo) -> datetime | None:
    return _twelve_hour(match.group(3), match.group(1), match.group(2), match.group(4, 5, 6), local)


def _twelve_hour(
    year: str, month_name: str, day: str, time: tuple[str | None, ...], local: tzinfo, second: str | None = None
) -> datetime | None:
    """A date written with a month's English name and a 12-hour time (hour, minute, "A" or "P"; no time: noon)."""
    month = _MONTHS.get(month_name.lower())
    hour_text, minute, meridiem = time
    hour = int(hour_text or 12)
    if month is None or not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if (meridiem or "A") in "Pp" else 0)
    try:
        naive = datetime(int(year), month, int(day), hour, int(minute or 0), int(second or 0))
    except ValueError:
        return None
    return _aware(naive, local)


# A Unix time, as senders write a date a program made (Inoreader's "published": 1744729200, a JavaScript
# sender's milliseconds): ten digits (2001 to 2286) or thirteen, a fraction allowed; never a shorter number.
_UNIX_TIME = re.compile(r"(\d{10}|\d{13})(?:\.\d{1,9})?")


def _from_string(value: str, local: tzinfo) -> datetime | None:
    text = " ".join(value.split())
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    if text[0].isdigit() and (unix := _UNIX_TIME.fullmatch(text)) is not None:
        digits = unix.group(1)
        return datetime.fromtimestamp(int(digits) // (1000 if len(digits) == 13 else 1), UTC)
    parsed = _read(_with_offset(text), local)
    if parsed is None and any(c.isalpha() for c in text):
        english = _english(text)  # only when the English reading failed: most feeds never get here
        if english != text:
            return _read(_with_offset(english), local)
    return parsed


# "2024.02.05", "2024/02/05 13:20": year first with dots or slashes (Korean, Chinese and Japanese feeds).
_DOTTED = re.compile(r"(\d{4})[./](\d{1,2})[./](\d{1,2})\.?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


# "25.11.2026 10:40", "3. 12. 2026 14:05", "01.12.2026, 05:00 +0100": day first with dots (as Europe writes it);
# "11/25/2026 9:40 AM": with slashes, month first or day first where only one reading is a date (never a guess).
_DAY_DOTTED = re.compile(
    r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\.?,?(?:\s+(?:um\s+|kl\.?\s+|klo\s+|à\s+|alle\s+)?(\d{1,2})[:.h](\d{2})"
    r"(?::(\d{2}))?(?:\s*(?:Uhr|h))?)?(?:\s*([+-]\d{4}))?"
)
_SLASHED = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?(?:\s*([+-]\d{4}))?"
)


def _numeric(text: str, local: tzinfo) -> datetime | None:
    """A date in numbers with its day and month apart by dots or slashes (see :data:`_DAY_DOTTED`)."""
    if (found := _DAY_DOTTED.fullmatch(text)) is not None:
        day, month, year, hour, minute, second, offset = found.groups()
        meridiem = None
    elif (found := _SLASHED.fullmatch(text)) is not None:
        first, second_number, year, hour, minute, second, meridiem, offset = found.groups()
        if int(first) <= 12 < int(second_number):
            month, day = first, second_number
        elif int(second_number) <= 12 < int(first):
            day, month = first, second_number
        else:
            return None  # "04/12/2026": April or December, nothing says which
    else:
        return None
    clock = int(hour or 0)
    if meridiem is not None:
        if not 1 <= clock <= 12:
            return None
        clock = clock % 12 + (12 if meridiem in "Pp" else 0)
    try:
        naive = datetime(int(year), int(month), int(day), clock, int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if offset is None:
        return _aware(naive, local)
    return _aware(datetime.fromisoformat(f"{naive.isoformat()}{offset[:3]}:{offset[3:]}"), local)


def _read(text: str, local: tzinfo) -> datetime | None:
    match = _IFTTT.match(text)
    if match:
        return _ifttt(match, local)
    if (dotted := _DOTTED.fullmatch(text)) is not None:
        year, month, day, hour, minute, second = (int(part or 0) for part in dotted.groups())
        try:
            return datetime(year, month, day, hour, minute, second, tzinfo=local).astimezone(UTC)
        except ValueError:
            return None
    if text[1:3].strip(".0123456789/ ") == "" and (numeric := _numeric(text, local)) is not None:
        return numeric
    if (day_first := _DAY_MONTH_YEAR.match(text)) is not None:
        written_year, written_month, written_day = day_first.group(3, 2, 1)
        return _twelve_hour(written_year, written_month, written_day, day_first.group(4, 5, 7), local, day_first[6])
    if _ISO_START.match(text):
        try:
            return _aware(datetime.fromisoformat(_SPACED_ZONE.sub(r"\1", text)), local)
        except ValueError:
            pass
    if _MERIDIEM.search(text):
        return None  # email.utils reads "9:14 PM" as 09:14: no date beats a date twelve hours off
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None and text.endswith("-0000"):
        parsed = parsed.replace(tzinfo=UTC)  # RFC 2822 §3.3: -0000 is UTC with no local zone known
    return _aware(parsed, local)


def parse_date(value: DateInput, *, timezone: str = "UTC") -> datetime | None:
    """Parse any accepted date form to an aware UTC datetime; ``None`` when it cannot be read."""
    local = zone(timezone)
    if isinstance(value, datetime):
        return _aware(value, local)
    if isinstance(value, time.struct_time):
        try:
            return datetime(*value[:5], min(value[5], 59), tzinfo=UTC)
        except (TypeError, ValueError, OverflowError):
            return None
    if isinstance(value, str):
        return _from_string(value, local)
    return None


def clamp_future(value: datetime, *, now: datetime, tolerance_seconds: int) -> tuple[datetime, bool]:
    """Clamp a date further than the tolerance past ``now`` to ``now``; say whether it was clamped."""
    if value > now + timedelta(seconds=max(tolerance_seconds, 0)):
        return now, True
    return value, False
