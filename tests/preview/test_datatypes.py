"""The SCORM data type checkers, against the examples of the specs (and Moodle where it is stricter)."""
from decimal import Decimal

import pytest

from course_builder.preview import datatypes as t


@pytest.mark.parametrize("value", ["0000:00:00.00", "00:00:00", "12:34:56", "00:01:30.5", "9999:59:59.99", "0100:00:00"])
def test_cmi_timespan_accepts_hhhh_mm_ss(value):
    assert t.cmi_timespan(value)


@pytest.mark.parametrize("value", ["", "1:00:00", "00000:00:00", "00:1:00", "00:01:30.505", "PT1M30S", "00:01", "aa:bb:cc"])
def test_cmi_timespan_rejects_other_forms(value):
    assert not t.cmi_timespan(value)


@pytest.mark.parametrize("value, ok", [
    ("23:59:59.99", True), ("00:00:00", True), ("09:05:01.5", True),
    ("24:00:00", False), ("12:60:00", False), ("12:00:60", False), ("1:00:00", False), ("12:00", False),
])
def test_cmi_time_is_a_time_of_day(value, ok):
    assert t.cmi_time(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("85", True), ("-3.5", True), ("0.25", True), ("100", True), (".5", True),
    ("", False), ("abc", False), ("1e3", False), ("-", False), ("1,5", False),
])
def test_cmi_decimal(value, ok):
    assert t.cmi_decimal(value) is ok


def test_cmi_blank_is_allowed_only_where_the_spec_says_so():
    assert t.cmi_decimal_or_blank("")
    assert not t.cmi_decimal("")


@pytest.mark.parametrize("value, ok", [("0", True), ("65536", True), ("65537", False), ("-1", False), ("1.0", False)])
def test_cmi_integer_range(value, ok):
    assert t.cmi_integer(value) is ok


@pytest.mark.parametrize("value, ok", [("-32768", True), ("32767", True), ("32768", False), ("-32769", False), ("+1", False)])
def test_cmi_sinteger_range(value, ok):
    assert t.cmi_sinteger(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("q1", True), ("fund-scenario.start", True), ("fundamentet.tal-med-din-leder", True),
    ("", False), ("has space", False), ("tab\there", False), ("æøå", False), ("x" * 255, True), ("x" * 256, False),
])
def test_cmi_identifier_has_no_white_space(value, ok):
    assert t.cmi_identifier(value) is ok


def test_cmi_string_limits():
    assert t.cmi_string255("x" * 255) and not t.cmi_string255("x" * 256)
    assert t.cmi_string4096("x" * 4096) and not t.cmi_string4096("x" * 4097)


@pytest.mark.parametrize("seconds, text", [
    (Decimal(0), "0000:00:00.00"), (Decimal("90.5"), "0000:01:30.50"), (Decimal("3723.25"), "0001:02:03.25"),
])
def test_cmi_timespan_arithmetic(seconds, text):
    assert t.format_cmi_timespan(seconds) == text
    assert t.cmi_timespan_seconds(text) == seconds


# ---------------------------------------------------------------- SCORM 2004


@pytest.mark.parametrize("value", [
    "2009", "2009-07", "2009-07-25", "2009-07-25T03", "2009-07-25T03:00", "2009-07-25T03:00:00",
    "2009-07-25T03:30:35.5+05", "2009-07-25T03:00:00.0Z", "2009-07-25T03:00:00.0+05:00", "1970-01-01T00:00:00.00-03:30",
    "2038-12-31T23:59:59.99",
])
def test_time_accepts_the_spec_examples(value):
    assert t.time(value)


@pytest.mark.parametrize("value", [
    "", "1969", "2039", "2009-13", "2009-07-32", "2009-07-25T24:00", "2009-07-25 03:00:00",
    # A time zone needs the fraction of a second before it (RTE A-16; the ADL test suite enforces it):
    "2009-07-25T03:00:00Z", "2009-07-25T03:00:00-03:10",
    # Three digits of fraction (JavaScript's toISOString) are more than the two SCORM and Moodle allow:
    "2024-01-01T10:00:00.123Z",
])
def test_time_rejects_the_rest(value):
    assert not t.time(value)


@pytest.mark.parametrize("value", ["P1Y3M2DT3H", "PT3H5M", "PT0S", "PT1M30.5S", "PT5M10S", "PT05H", "P1D", "PT0H0M0S", "PT1.25S"])
def test_timeinterval_accepts_the_spec_examples(value):
    assert t.timeinterval(value)


@pytest.mark.parametrize("value", ["", "P", "PT", "P1DT", "PT1.555S", "-PT1S", "1:00:00", "PT1S5M", "P1H", "pt1s"])
def test_timeinterval_rejects_the_rest(value):
    assert not t.timeinterval(value)


@pytest.mark.parametrize("text, seconds", [
    ("PT1H2M3.5S", Decimal("3723.5")), ("PT0S", Decimal(0)), ("P1DT1S", Decimal(86401)), ("PT90S", Decimal(90)),
])
def test_timeinterval_seconds(text, seconds):
    assert t.timeinterval_seconds(text) == seconds


@pytest.mark.parametrize("seconds, text", [
    (Decimal(0), "PT0H0M0S"), (Decimal("3723.5"), "PT1H2M3.5S"), (Decimal("62.25"), "PT0H1M2.25S"), (Decimal(90000), "PT25H0M0S"),
])
def test_total_time_is_written_as_hours_minutes_seconds(seconds, text):
    assert t.format_timeinterval(seconds) == text
    assert t.timeinterval(text)


@pytest.mark.parametrize("value, ok", [
    ("q1", True), ("fund-scenario.start", True), ("urn:ADL:interaction-id-0001", True), ("x" * 4000, True),
    ("", False), ("with space", False), ("urn:", False), ("urn:x", False), ("x" * 4001, False),
])
def test_long_identifier(value, ok):
    assert t.long_identifier(value) is ok


@pytest.mark.parametrize("value, ok", [("a", True), ("choice_1", True), ("a.b", True), ("", False), ("a b", False), ("a-b", False)])
def test_short_identifier_is_what_moodle_accepts(value, ok):
    assert t.short_identifier(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("Hej", True), ("{lang=da}Hej", True), ("{lang=en-GB}Hello", True), ("", True),
    ("{lang=}x", False), ("{lang=english}x", False), ("{lang=da}" + "x" * 250, True), ("x" * 251, False),
])
def test_localized_string_250(value, ok):
    assert t.localized_string(250)(value) is ok


@pytest.mark.parametrize("value, ok", [("da", True), ("en-GB", True), ("", True), ("english", False), ("d", False)])
def test_language(value, ok):
    assert t.language(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("0.8", True), ("-1", True), ("100", True), ("0.1234567", True), (".5", False), ("1e2", False), ("", False), ("1.", False),
])
def test_real(value, ok):
    assert t.real(value) is ok


def test_a_checker_names_its_type_for_diagnostics():
    assert "HHHH:MM:SS.SS" in t.cmi_timespan.__name__
    assert "64000" in t.characterstring(64000).__name__
