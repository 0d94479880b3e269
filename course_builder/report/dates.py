"""Dates as Moodle writes them in its downloads.

Seen in the reference downloads (English site):
- SCORM "CSV": `Sunday, 22 November 2026, 10:38 AM` (langconfig strftimedaydatetime)
- SCORM Excel and ODS: `22 November 2026, 10:38 AM` (strftimedatetime)
- completion reports: `2026-11-22 10:38:12` (%F %T, the same in every language)
Other languages order and punctuate these differently (`22. november 2026, 10:38`), or write the
day as numbers (`22/11/2026 10.38`, day first), so the parser looks for the parts (day, month, year,
time) rather than one fixed pattern. Month names are looked up in every known language; a date
whose month name is in none is an UnknownMonth (the reader leaves that date out and says so).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from course_builder.report.moodle_strings import SiteLanguage, Vocabulary

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?!\d)\s*([^\W\d_]+\.?[^\W\d_]*\.?)?")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")  # a re-saved workbook may hold real date cells
_EXCEL_EPOCH = datetime(1899, 12, 30)

NO_DATE = {"", "-", "never"}
# The usual shape in every language seen: [weekday,] day[.] month year, hour:minute [marker].
_COMMON = re.compile(r"^(?:[^\W\d_]+\.?,?\s+)?(\d{1,2})\.?\s+([^\W\d_]+)\.?\s+(\d{4}),?\s+(\d{1,2})[:.](\d{2})"
                     r"(?:\s*([^\W\d_]+\.?(?:[^\W\d_]+\.?)?))?$")


# The same shape cut at its last ", " (where the SCORM reports put it): the calendar day, then the clock.
_COMMON_DAY = re.compile(r"^(?:[^\W\d_]+\.?,?\s+)?(\d{1,2})\.?\s+([^\W\d_]+)\.?\s+(\d{4})$")
_COMMON_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?:\s*([^\W\d_]+\.?(?:[^\W\d_]+\.?)?))?$")


# Day first, as every Moodle language pack that writes numeric dates does: 22/11/2026, 22.11.2026, 22-11-26,
# perhaps after a weekday and with words before the clock ("22.11.2026 kl. 10.38").
_NUMERIC = re.compile(r"^\D*?(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)"
                      r"(?:\D+?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([^\W\d_]+\.?(?:[^\W\d_]+\.?)?))?)?$")
_NUMERIC_YEAR_FIRST = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2}),?(?:\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$")
# What a Moodle date looks like in any language: a four-digit year and a clock, or an Excel serial.
_DATE_SHAPE = re.compile(r"(?<!\d)\d{4}(?!\d).*?(?<!\d)\d{1,2}[:.]\d{2}(?!\d)|(?<!\d)\d{1,2}[:.]\d{2}(?!\d).*?"
                         r"(?<!\d)\d{4}(?!\d)|^\d{5}(?:\.\d+)?$|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)\D+\d{1,2}[:.]\d{2}")


class DateError(ValueError):
    pass


class UnknownMonth(DateError):
    """A date in the shape of one, whose month name is in no known language."""


def looks_like_date(text: str) -> bool:
    """A cell that holds a moment, in whichever language it is written."""
    return bool(_DATE_SHAPE.search(text))


class DateReader:
    """parse_moodle_date for the many cells of one download. A large SCORM report repeats the same few
    hundred days and clock times over hundreds of thousands of cells, so each part is read once;
    anything not in the common shape goes to parse_moodle_date itself."""

    def __init__(self, language: SiteLanguage | Vocabulary):
        self.language = language
        self._days: dict[str, tuple[int, int, int] | None] = {}
        self._clocks: dict[str, tuple[int, int] | None] = {}
        self._others: dict[str, datetime | None] = {}  # other shapes (numeric dates), whole

    def parse(self, text: str) -> datetime | None:
        value = " ".join(text.split())
        day_text, comma, clock_text = value.rpartition(", ")
        if comma:
            if day_text not in self._days:
                self._days[day_text] = self._calendar_day(day_text)
            if clock_text not in self._clocks:
                self._clocks[clock_text] = self._clock(clock_text)
            day, clock = self._days[day_text], self._clocks[clock_text]
            if day and clock:
                return datetime(*day, *clock)
        if value in self._others:
            return self._others[value]
        moment = parse_moodle_date(value, self.language)
        if len(self._others) < 100_000:
            self._others[value] = moment
        return moment

    def _calendar_day(self, text: str) -> tuple[int, int, int] | None:
        match = _COMMON_DAY.match(text)
        if not match or match.group(2).casefold() not in self.language.month_numbers:
            return None
        day, month, year = int(match.group(1)), self.language.month_numbers[match.group(2).casefold()], \
            int(match.group(3))
        try:
            datetime(year, month, day)
        except ValueError:
            return None  # parse_moodle_date says why
        return year, month, day

    def _clock(self, text: str) -> tuple[int, int] | None:
        match = _COMMON_CLOCK.match(text)
        if not match:
            return None
        hour = _hour_of(int(match.group(1)), match.group(3) or "", self.language)
        minute = int(match.group(2))
        return (hour, minute) if hour < 24 and minute < 60 else None


def parse_moodle_date(text: str, language: SiteLanguage | Vocabulary) -> datetime | None:
    """The moment a cell names, None for an empty cell; DateError if it is not a date."""
    value = " ".join(text.split())
    if value.casefold() in NO_DATE:
        return None
    common = _COMMON.match(value)  # the SCORM reports' shape first: the three patterns exclude each other
    if common and common.group(2).casefold() in language.month_numbers:
        day, month, year, hour, minute, marker = common.groups()
        return _make(value, int(year), language.month_numbers[month.casefold()], int(day),
                     _hour_of(int(hour), marker or "", language), int(minute), 0)
    numeric = _NUMERIC.match(value)
    if numeric:
        day, month, year, hour, minute, second, marker = numeric.groups()
        return _make(value, int(year) + (2000 if len(year) == 2 else 0), int(month), int(day), _hour_of(int(hour or 0), marker or "", language),
                     int(minute or 0), int(second or 0))
    iso = _ISO.match(value) or _NUMERIC_YEAR_FIRST.match(value)
    if iso:
        year, month, day, hour, minute, second = (int(part or 0) for part in iso.groups())
        return _make(value, year, month, day, hour, minute, second)
    if _EXCEL_SERIAL.match(value):
        return (_EXCEL_EPOCH + timedelta(days=float(value))).replace(microsecond=0)
    return _parse_words(value, language)


def _hour_of(hour: int, marker: str, language: SiteLanguage | Vocabulary) -> int:
    """The 24-hour clock from a 12-hour one with its AM/PM marker (a 24-hour clock has none)."""
    if not marker:
        return hour
    marker = marker.replace(".", "").casefold()
    am, pm = language.markers
    if marker in pm and hour < 12:
        return hour + 12
    if marker in am and hour == 12:
        return 0
    return hour


def _parse_words(value: str, language: SiteLanguage | Vocabulary) -> datetime:
    hour = minute = second = 0
    rest = value
    time = _TIME.search(rest)
    if time:
        hour = _hour_of(int(time.group(1)), time.group(4) or "", language)
        minute, second = int(time.group(2)), int(time.group(3) or 0)
        rest = rest[: time.start()] + " " + rest[time.end():]
    year = _YEAR.search(rest)
    if not year:
        raise DateError(f"{value!r} is not a date (no year)")
    rest = rest[: year.start()] + " " + rest[year.end():]
    month = next((language.month_numbers[word.casefold()] for word in _WORD.findall(rest)
                  if word.casefold() in language.month_numbers), None)
    day = _DAY.search(rest)
    if month is None and day is not None and _WORD.search(rest):
        raise UnknownMonth(f"{value!r} names its month in a language this tool does not know")
    if month is None or day is None:
        raise DateError(f"{value!r} is not a date this tool can read")
    return _make(value, int(year.group(1)), month, int(day.group(1)), hour, minute, second)


def _make(value: str, year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime:
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise DateError(f"{value!r} is not a valid date") from None
