"""Dates as Moodle writes them into its downloads."""
from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, strategies as st

from course_builder.report.dates import DateError, DateReader, parse_moodle_date
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


def danish_like_language() -> SiteLanguage:
    strings = dict(ENGLISH.strings)
    strings["langconfig:months"] = "januar februar marts april maj juni juli august september oktober november december"
    strings["langconfig:monthsabbr"] = "jan feb mar apr maj jun jul aug sep okt nov dec"
    return SiteLanguage("da-test", strings)


def test_another_language_reads_its_own_month_names():
    danish_like = danish_like_language()
    assert parse_moodle_date("søndag, 22. november 2026, 10:38", danish_like) == datetime(2026, 11, 22, 10, 38)
    assert parse_moodle_date("1. maj 2026, 08:00", danish_like) == datetime(2026, 5, 1, 8, 0)


@pytest.mark.parametrize("text", ["i går", "22 Brumaire 2026", "31 February 2026, 10:00 AM", "2026-13-01"])
def test_what_is_not_a_date(text):
    with pytest.raises(DateError):
        parse_moodle_date(text, ENGLISH)


def outcome(parse, text):
    try:
        return parse(text)
    except DateError as error:
        return ("DateError", str(error))


# Dates in the SCORM reports' shape, valid and not (31 February, 24:00, unknown months, stray markers),
# and loose pieces of date text, so that generated texts hit both the reader's kept parts and its way
# back to parse_moodle_date.
SHAPED_DATES = st.tuples(
    st.sampled_from(["", "Sunday, ", "søndag, ", "Sunday "]),
    st.sampled_from(["22", "5.", "31", "29", "0"]),
    st.sampled_from([" November ", " februar ", " Feb. ", " Brumaire ", " maj "]),
    st.sampled_from(["2026", "2024", "999"]),
    st.sampled_from([", ", " ", ",  "]),
    st.sampled_from(["10:38", "9.59", "12:05", "24:00", "23:60", "0:00"]),
    st.sampled_from(["", " AM", " PM", "PM", " a.m.", " xyz"]),
).map("".join)
LOOSE_PIECES = st.lists(st.sampled_from([
    "Sunday,", "22", "November", "2026,", "10:38", "AM", ",", ", ", "-", "2026-11-22", "46348.5",
]), max_size=7).map(" ".join)
DATE_TEXTS = st.one_of(SHAPED_DATES, LOOSE_PIECES)


@given(DATE_TEXTS)
def test_the_download_reader_reads_every_date_as_parse_moodle_date_does(text):
    for language in (ENGLISH, danish_like_language()):
        reader = DateReader(language)
        expected = outcome(lambda t: parse_moodle_date(t, language), text)
        assert outcome(reader.parse, text) == expected
        assert outcome(reader.parse, text) == expected  # again, from what it kept


def test_the_download_reader_reads_a_day_and_a_clock_it_has_seen_in_other_cells():
    reader = DateReader(ENGLISH)
    reader.parse("Sunday, 22 November 2026, 10:38 AM")
    reader.parse("Monday, 23 November 2026, 9:05 PM")
    assert reader.parse("Sunday, 22 November 2026, 9:05 PM") == datetime(2026, 11, 22, 21, 5)
    assert reader.parse("Monday,  23 November 2026,  10:38 AM") == datetime(2026, 11, 23, 10, 38)
    with pytest.raises(DateError):
        reader.parse("Monday, 31 February 2026, 10:38 AM")


@pytest.mark.parametrize("text, expected", [
    ("22/11/2026, 10:38", datetime(2026, 11, 22, 10, 38)),
    ("søndag, 22.11.2026, 10.38", datetime(2026, 11, 22, 10, 38)),
    ("22-11-2026 22:05", datetime(2026, 11, 22, 22, 5)),
    ("2026.11.22 10:38", datetime(2026, 11, 22, 10, 38)),
    ("3/4/2026, 9:05 PM", datetime(2026, 4, 3, 21, 5)),
    ("lørdag 22.11.2026 kl. 10.38", datetime(2026, 11, 22, 10, 38)),
    ("22.11.26 10:38", datetime(2026, 11, 22, 10, 38)),
])
def test_numeric_dates_of_any_language_are_read_day_first(text, expected):
    """A language pack may write strftimedatetime with numbers only (lang/xx/langconfig.php): no month
    name to know, the shape is enough."""
    from course_builder.report.dates import DateReader
    from course_builder.report.moodle_strings import VOCABULARY

    assert DateReader(VOCABULARY).parse(text) == expected


def test_a_month_name_of_no_known_language_is_named_not_guessed():
    from course_builder.report.dates import UnknownMonth, looks_like_date
    from course_builder.report.moodle_strings import VOCABULARY

    assert looks_like_date("22 Novembrix 2026, 10:38")
    with pytest.raises(UnknownMonth):
        parse_moodle_date("22 Novembrix 2026, 10:38", VOCABULARY)
