"""`course-builder new DIR`: a small, complete course that validates and builds at once, in Danish or English."""
from __future__ import annotations

import re

import pytest
import yaml

from course_builder.cli import main
from course_builder.resources import STARTER, data_folder
from tests.support import tree_bytes


@pytest.mark.parametrize("language", ["da", "en"])
def test_new_course_validates_and_builds_at_once(language, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "kursus", "--language", language]) == 0
    assert "kursus" in capsys.readouterr().out
    course = tmp_path / "kursus"
    assert tree_bytes(course) == tree_bytes(data_folder(STARTER) / language)
    assert main(["validate", "--source", str(course)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["build", "--source", str(course)]) == 0
    settings = yaml.safe_load((course / "course.yaml").read_text(encoding="utf-8"))
    assert settings["language"] == language
    home = (course / "dist" / "web" / "index.html").read_text(encoding="utf-8")
    assert f'lang="{language}"' in home
    assert (course / "dist" / "scorm12" / f"{settings['id']}.zip").is_file()


@pytest.mark.parametrize("language", ["da", "en"])
def test_starter_has_everything_a_course_has(language):
    starter = data_folder(STARTER) / language
    settings = yaml.safe_load((starter / "course.yaml").read_text(encoding="utf-8"))
    assert len(settings["modules"]) == 2
    quizzes = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (starter / "quizzes").glob("*.yaml")]
    types = {q["type"] for quiz in quizzes for q in quiz["questions"]}
    assert "scenario" in types and len(types) >= 3
    assert yaml.safe_load((starter / "glossary.yaml").read_text(encoding="utf-8"))
    assert yaml.safe_load((starter / "references.yaml").read_text(encoding="utf-8"))
    guide = (starter / "README.md").read_text(encoding="utf-8")
    assert "course-builder validate" in guide and "course-builder build" in guide
    pages = "".join(p.read_text(encoding="utf-8") for p in (starter / "modules").glob("*.md"))
    assert re.search(r"\[\[[a-z-]+(\|[^\]]+)?\]\]", pages) and "::: reflection" in pages


def test_new_course_in_the_locales_language_else_english(tmp_path, capsys, monkeypatch):
    """The one language rule (course_builder/strings.py), with no course yet: --language, the locale, English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert main(["new", str(tmp_path / "x")]) == 0
    assert "language: da" in (tmp_path / "x" / "course.yaml").read_text(encoding="utf-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["new", str(tmp_path / "y")]) == 0
    assert "language: en" in (tmp_path / "y" / "course.yaml").read_text(encoding="utf-8")


def test_new_refuses_a_folder_that_holds_anything(tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["new", str(tmp_path / "mine")]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("keep me", encoding="utf-8")
    assert main(["new", str(tmp_path / "file")]) == 2
    assert "is a file" in capsys.readouterr().err
    assert (tmp_path / "file").read_text(encoding="utf-8") == "keep me"


def test_new_fills_an_empty_folder_and_rejects_an_unknown_language(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["new", str(tmp_path / "empty"), "--language", "en"]) == 0
    assert (tmp_path / "empty" / "course.yaml").is_file()
    assert main(["new", str(tmp_path / "other"), "--language", "de"]) == 2
    assert not (tmp_path / "other").exists()
