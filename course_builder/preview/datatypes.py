"""One checker per SCORM run-time data type, and the time arithmetic the LMS does.

SCORM 1.2 types follow the CMI 1.2 spec (RTE 3.4.3); SCORM 2004 types follow the 4th edition
(RTE 4.2, IEEE 1484.11.1). Where the spec leaves room, the checks are those of Moodle 4.5,
the LMS the course is packaged for, so the preview rejects what Moodle would reject.
Every checker takes the value as the SCO sent it (a string) and answers True or False.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation



def _label(text: str):
    """Names the type in diagnostics: the spec's name for it."""

    def name(check):
        check.__name__ = text
        return check

    return name


# ---------------------------------------------------------------- SCORM 1.2 (CMI data types)

_CMI_DECIMAL = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")
_CMI_SINTEGER = re.compile(r"-?\d+")
_CMI_INTEGER = re.compile(r"\d+")
# "An alphanumeric group of characters with no white space or unprintable characters in it."
_CMI_IDENTIFIER = re.compile(r"[\x21-\x7e]{1,255}")
_CMI_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?")
_CMI_TIMESPAN = re.compile(r"(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)")


@_label("CMIString255 (at most 255 characters)")
def cmi_string255(value: str) -> bool:
    return len(value) <= 255


@_label("CMIString4096 (at most 4096 characters)")
def cmi_string4096(value: str) -> bool:
    return len(value) <= 4096


@_label("CMIDecimal (a number)")
def cmi_decimal(value: str) -> bool:
    return bool(_CMI_DECIMAL.fullmatch(value))


@_label("CMIDecimal (a number) or CMIBlank")
def cmi_decimal_or_blank(value: str) -> bool:
    """score.raw, min and max of SCORM 1.2 are 'CMIDecimal or CMIBlank'."""
    return value == "" or cmi_decimal(value)


@_label("CMIInteger (0 to 65536)")
def cmi_integer(value: str) -> bool:
    return bool(_CMI_INTEGER.fullmatch(value)) and int(value) <= 65536


@_label("CMISInteger (-32768 to 32767)")
def cmi_sinteger(value: str) -> bool:
    return bool(_CMI_SINTEGER.fullmatch(value)) and -32768 <= int(value) <= 32767


@_label("CMIIdentifier (1 to 255 characters, no spaces)")
def cmi_identifier(value: str) -> bool:
    return bool(_CMI_IDENTIFIER.fullmatch(value))


@_label("CMITime (HH:MM:SS.SS)")
def cmi_time(value: str) -> bool:
    """A time of day, HH:MM:SS with optional hundredths: '23:59:59.99'."""
    return bool(_CMI_TIME.fullmatch(value))


@_label("CMITimespan (HHHH:MM:SS.SS)")
def cmi_timespan(value: str) -> bool:
    """A length of time, HHHH:MM:SS.SS: 2 to 4 digits of hours, optional hundredths."""
    return bool(_CMI_TIMESPAN.fullmatch(value))


def cmi_timespan_seconds(value: str) -> Decimal:
    hours, minutes, seconds = _CMI_TIMESPAN.fullmatch(value).groups()
    return int(hours) * 3600 + int(minutes) * 60 + Decimal(seconds)


def format_cmi_timespan(seconds: Decimal) -> str:
    """Seconds as HHHH:MM:SS.SS, the form of cmi.core.total_time ('0000:00:00.00' at the start)."""
    hundredths = int((Decimal(seconds) * 100).to_integral_value())
    whole, cents = divmod(hundredths, 100)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{min(hours, 9999):04d}:{minutes:02d}:{secs:02d}.{cents:02d}"


# ---------------------------------------------------------------- SCORM 2004 (IEEE 1484.11.1 types)

_REAL = re.compile(r"-?\d{1,10}(\.\d{1,18})?")
_INTEGER = re.compile(r"\d+")
_LANGUAGE = re.compile(r"([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?")
_LANG_PREFIX = re.compile(r"\{lang=([^}]*)\}")
# Moodle's short identifier: word characters and dots (the spec allows any URI; Moodle does not).
_SHORT_IDENTIFIER = re.compile(r"[A-Za-z0-9_.]{1,250}")
_LONG_IDENTIFIER = re.compile(r"(?!urn:)\S{1,4000}|urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}:\S{1,4000}")
_TIME = re.compile(
    r"(19[7-9]\d|20[0-2]\d|203[0-8])"  # YYYY, 1970 to 2038
    r"(-(0[1-9]|1[0-2])"  # -MM
    r"(-(0[1-9]|[12]\d|3[01])"  # -DD
    r"(T([01]\d|2[0-3])"  # Thh
    r"(:[0-5]\d"  # :mm
    r"(:[0-5]\d"  # :ss
    r"(\.\d{1,2}"  # .s: when a time zone follows, the fraction must be there (RTE A-16)
    r"(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?"
    r")?)?)?)?)?)?"
)
_TIMEINTERVAL = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?"
)
_SECONDS = {"Y": 365 * 86400, "M": 30 * 86400, "D": 86400, "H": 3600, "TM": 60}


def characterstring(limit: int):
    def check(value: str) -> bool:
        return len(value) <= limit

    check.__name__ = f"characterstring (at most {limit} characters)"
    return check


def localized_string(limit: int):
    """A text with an optional '{lang=xx}' delimiter in front; the limit counts the text only.

    The text itself may not begin with '{' (it would read as another delimiter).
    """

    def check(value: str) -> bool:
        prefix = _LANG_PREFIX.match(value)
        if prefix:
            if not _LANGUAGE.fullmatch(prefix.group(1)):
                return False
            value = value[prefix.end():]
        return len(value) <= limit and not value.startswith("{")

    check.__name__ = f"localized_string_type (at most {limit} characters)"
    return check


@_label("language code")
def language(value: str) -> bool:
    """An RFC 3066 language code, or empty."""
    return value == "" or bool(_LANGUAGE.fullmatch(value))


@_label("real(10,7) number")
def real(value: str) -> bool:
    """real(10,7): a decimal number, as the SCO writes it."""
    return bool(_REAL.fullmatch(value))


@_label("integer")
def integer(value: str) -> bool:
    return bool(_INTEGER.fullmatch(value))


@_label("short_identifier_type")
def short_identifier(value: str) -> bool:
    return bool(_SHORT_IDENTIFIER.fullmatch(value))


@_label("long_identifier_type")
def long_identifier(value: str) -> bool:
    """A URI of up to 4000 characters; one that starts with 'urn:' must be a URN with a namespace."""
    return bool(_LONG_IDENTIFIER.fullmatch(value))


@_label("time(second,10,0) (YYYY-MM-DDThh:mm:ss.s[TZD])")
def time(value: str) -> bool:
    """time(second,10,0): 'YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]', e.g. '2009-07-25T03:00:00.0Z'."""
    return bool(_TIME.fullmatch(value))


@_label("timeinterval(second,10,2) (ISO 8601 duration, e.g. PT1M30.5S)")
def timeinterval(value: str) -> bool:
    """timeinterval(second,10,2): an ISO 8601 duration 'P[yY][mM][dD][T[hH][nM][s[.s]S]]'.

    At least one number must follow P, and T only comes with a time part: 'P' and 'PT' are not durations.
    """
    match = _TIMEINTERVAL.fullmatch(value)
    if not match or not any(match.groups()):
        return False
    return not value.endswith("T")


def timeinterval_seconds(value: str) -> Decimal:
    """A duration in seconds; a year counts 365 days and a month 30 (durations carry no calendar)."""
    years, months, days, hours, minutes, seconds = _TIMEINTERVAL.fullmatch(value).groups()
    total = Decimal(seconds or 0)
    for amount, unit in ((years, "Y"), (months, "M"), (days, "D"), (hours, "H"), (minutes, "TM")):
        total += int(amount or 0) * _SECONDS[unit]
    return total


def format_timeinterval(seconds: Decimal) -> str:
    """Seconds as 'PT#H#M#S' with at most hundredths, the form of cmi.total_time ('PT0H0M0S')."""
    hundredths = int((Decimal(seconds) * 100).to_integral_value())
    whole, cents = divmod(hundredths, 100)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    fraction = f".{cents:02d}".rstrip("0") if cents else ""
    return f"PT{hours}H{minutes}M{secs}{fraction}S"


def number(value: str) -> Decimal | None:
    """The value of a checked decimal, for range checks and comparisons."""
    try:
        return Decimal(value)
    except (InvalidOperation, ValueError):
        return None


def vocabulary(*words: str):
    allowed = frozenset(words)

    def check(value: str) -> bool:
        return value in allowed

    check.__name__ = "vocabulary"
    check.words = words
    return check
