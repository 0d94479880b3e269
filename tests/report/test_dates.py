"""Dates as Moodle writes them into its downloads."""
from __future__ import annotations

from datetime import datetime

import pytest

from course_builder.report.dates import DateError, parse_moodle_date
from course_builder.report.moodle_strings import LANGUAGES, SiteLanguage

ENGLISH = LANGUAGES[0]


@pytest.mark.parametrize("text, expected", [
    ("Sunday, 22 November 2026, 10:38 AM", datetime(2026, 11, 22, 10, 38)),
    ("22 November 2026, 10:38 AM", datetime(2026, 11, 22, 10, 38)),
    ("5 March 2026, 12:05 AM", datetime(2026, 3, 5, 0, 5)),
    ("5 March 2026, 12:05 PM", datetime(2026, 3, 5, 12, 5)),
    ("Thursday, 5 March 2026, 1:05 PM", datetime(2026, 3, 5, 13, 5)),
    ("2026-11-22 10:38:12", datetime(2026, 11, 22, 10, 38, 12)),
    ("46348.5", datetime(2026, 11, 22, 12, 0)),  # a date cell of a re-saved workbook
    ("-", None),
    ("", None),
])
def test_english_site_dates(text, expected):
    assert parse_moodle_date(text, ENGLISH) == expected


def test_another_language_reads_its_own_month_names():
    strings = dict(ENGLISH.strings)
    strings["langconfig:months"] = "januar februar marts april maj juni juli august september oktober november december"
    strings["langconfig:monthsabbr"] = "jan feb mar apr maj jun jul aug sep okt nov dec"
    danish_like = SiteLanguage("da-test", strings)
    assert parse_moodle_date("søndag, 22. november 2026, 10:38", danish_like) == datetime(2026, 11, 22, 10, 38)
    assert parse_moodle_date("1. maj 2026, 08:00", danish_like) == datetime(2026, 5, 1, 8, 0)


@pytest.mark.parametrize("text", ["i går", "22 Brumaire 2026", "31 February 2026, 10:00 AM", "2026-13-01"])
def test_what_is_not_a_date(text):
    with pytest.raises(DateError):
        parse_moodle_date(text, ENGLISH)
