"""Strings tables: a course extends or overrides the tool's texts key by key, or adds a language; one rule
chooses the language of what a command says."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_builder.build import build
from course_builder.cli import main
from course_builder.content.load import load_course
from course_builder.strings import choose_language
from tests.support import FIXTURES, edit

HARBOUR = FIXTURES / "harbour"


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(HARBOUR, target)
    return target


def _welcome_page(course: Path) -> str:
    result = build(course, course / "dist", ["web"])
    assert result.ok, [p.display() for p in result.problems]
    return (course / "dist" / "web" / "welcome" / "index.html").read_text(encoding="utf-8")


def test_a_course_overrides_one_text_and_keeps_the_tools_others(harbour):
    (harbour / "templates" / "player" / "strings.yaml").write_text("next: {en: Onward}\n", encoding="utf-8")
    page = _welcome_page(harbour)
    assert '<button type="button" class="next">Onward</button>' in page
    assert "Skip to content" in page and '<button type="button" class="prev" disabled>Previous</button>' in page


def test_a_course_adds_a_language_of_its_own(harbour):
    (harbour / "templates" / "player" / "strings.yaml").write_text(
        "next: {sv: Nästa}\nprevious: {sv: Föregående}\n", encoding="utf-8")
    edit(harbour / "course.yaml", "language: en", "language: sv")
    page = _welcome_page(harbour)
    assert '<html lang="sv">' in page
    assert ">Nästa</button>" in page and ">Föregående</button>" in page
    assert "Skip to content" in page, "a text the course's table lacks comes in English"


def test_a_language_no_table_has_is_an_error_with_its_line(harbour):
    edit(harbour / "course.yaml", "language: en", "language: sv")
    loaded = load_course(harbour)
    assert [p.display(harbour) for p in loaded.problems] == ["course.yaml:8:11: 'language' must be one of da, en, not 'sv'."]


@pytest.mark.parametrize("asked, course, environment, chosen", [
    ("da", "en", {"LANG": "en_GB.UTF-8"}, "da"),  # the option first
    (None, "da", {"LANG": "en_GB.UTF-8"}, "da"),  # then the course's language
    (None, None, {"LANG": "da_DK.UTF-8"}, "da"),  # then the locale
    (None, None, {"LC_ALL": "en_US.UTF-8", "LANG": "da_DK.UTF-8"}, "en"),  # LC_ALL before LANG
    (None, None, {"LANG": "C.UTF-8"}, "en"),  # else English
    (None, "fr", {"LANG": "da_DK.UTF-8"}, "da"),  # a language the table does not have is passed over
])
def test_one_rule_chooses_the_language(monkeypatch, asked, course, environment, chosen):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert choose_language(asked, course, ("da", "en")) == chosen


def test_a_language_option_no_table_has_is_a_usage_error(harbour, capsys):
    assert main(["validate", "--stats", "--source", str(harbour), "--language", "fr"]) == 2
    assert "--language fr: the strings tables have da, en" in capsys.readouterr().err


def test_validate_speaks_the_courses_language_unless_told(harbour, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert main(["validate", "--stats", "--source", str(harbour)]) == 0
    assert "(very easy)" in capsys.readouterr().out, "the course is English: its language wins over the locale"
    assert main(["validate", "--stats", "--source", str(harbour), "--language", "da"]) == 0
    assert "(meget let)" in capsys.readouterr().out


def test_the_report_speaks_the_language_asked_for(tmp_path):
    """HR's page and tables come from the strings tables: the course's language (da) unless --language says en."""
    from course_builder.report.pipeline import analyse_exports
    from course_builder.report.writer import report_files
    from tests.report import scenario

    course = load_course(scenario.COURSE).course
    analysis, _ = analyse_exports(scenario.write_downloads(tmp_path / "downloads"), course)
    danish, english = report_files(analysis, course), report_files(analysis, course, "en")
    page = english["index.html"].decode("utf-8")
    assert '<html lang="en">' in page and "<h1>Completion and question analysis</h1>" in page
    assert "Gennemførelse og spørgsmålsanalyse" not in page and "Gennemførelse og spørgsmålsanalyse" in danish[
        "index.html"].decode("utf-8")
    assert english["moduler.csv"].decode("utf-8-sig").startswith("Module id;Module;Learners;Started;Completed;")
    assert danish["moduler.csv"].decode("utf-8-sig").startswith("Modul-id;Modul;Deltagere;Startet;Gennemført;")
    assert "Grundlaget for testkurset" in page, "the document's label is the course's own"


def test_the_preview_shell_speaks_the_courses_language_with_the_courses_own_texts(harbour, tmp_path):
    """An English course: the shell in English, its default learner 'Test learner'; the course's own
    templates/preview/strings.yaml overrides one text and keeps the others."""
    import http.client

    from tests.lms_backends import RunningPreview

    own = harbour / "templates" / "preview" / "strings.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("page_title: {en: Harbour preview}\n", encoding="utf-8")
    running = RunningPreview(harbour, tmp_path / "data", watching=False, learner="")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", running.server.port, timeout=30)
        connection.request("GET", "/")
        shell = connection.getresponse().read().decode("utf-8")
        connection.close()
        assert '<html lang="en">' in shell
        assert "Harbour preview" in shell and "New learner" in shell and "Ny deltager" not in shell
        assert running.server.default_learner.name == "Test learner"
    finally:
        running.close()
