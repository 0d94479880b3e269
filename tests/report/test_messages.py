"""What HR is told: one strings table, every text in Danish and English, none pointing into the code."""
from __future__ import annotations

import re

import yaml

from course_builder.templating import BUILTIN_TEMPLATES
from course_builder.report.messages import Messages, choose_language

TABLE = yaml.safe_load((BUILTIN_TEMPLATES / "report" / "messages.yaml").read_text(encoding="utf-8"))


def test_every_message_is_in_both_languages_with_the_same_blanks():
    for key, texts in TABLE.items():
        assert set(texts) == {"da", "en"}, key
        assert set(re.findall(r"{(\w+)}", texts["da"])) == set(re.findall(r"{(\w+)}", texts["en"])), key


def test_no_message_sends_hr_into_the_code():
    """Issue 17, finding 4: the message sent HR to course_builder/report/moodle_strings.py."""
    for key, texts in TABLE.items():
        for text in texts.values():
            assert ".py" not in text and "course_builder" not in text, key


def test_the_language_is_the_option_then_the_course_then_the_locale(monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert choose_language(None, None) == "da"
    assert choose_language("en", "da") == "en"
    assert choose_language(None, "en") == "en"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert choose_language(None, None) == "en"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert choose_language(None, "fr") == "en", "neither the course's nor the locale's language is in the table"


def test_a_message_is_told_in_the_chosen_language():
    assert Messages("da").text("duplicate", other="'a.csv'").startswith("har de samme data som 'a.csv'")
    assert Messages("en").text("duplicate", other="'a.csv'").startswith("holds the same data as 'a.csv'")
