"""The words of the editors' messages: the catalogue templates/validate/messages.yaml (key: {da: ..., en: ...}),
which a course's own templates/validate/messages.yaml extends or overrides, in the language the one rule
chooses (course_builder/strings.py: --language, else the course's, else the locale, else English)."""
from __future__ import annotations

import re
from pathlib import Path

from course_builder.strings import UnknownLanguage, course_table, in_chosen_language, in_language

CATALOGUE = "validate/messages.yaml"
COURSE_FILE = "course.yaml"
LANGUAGE_LINE = re.compile(r"^language:\s*['\"]?([A-Za-z_-]+)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def catalogue_table(course_root: Path | None = None) -> dict[str, dict[str, str]]:
    return course_table(course_root, CATALOGUE)


def tool_catalogue(language: str) -> dict[str, str]:
    return in_language(catalogue_table(), language)


def usage_catalogue(asked: str | None) -> dict[str, str]:
    """The tool's catalogue for a command that has no course to take a language from: --language, else the locale."""
    table = catalogue_table()
    try:
        return in_chosen_language(table, asked, None)
    except UnknownLanguage:
        return in_chosen_language(table, None, None)


def editor_catalogue(course_root: Path, asked: str | None, course_language: str | None = None) -> dict[str, str]:
    """The catalogue in the language chosen for the course at course_root; `course_language` when its
    settings loaded, else the language its course.yaml names on a line of its own (a course.yaml with a
    syntax error elsewhere still says which language its editors read)."""
    table = catalogue_table(course_root)
    language = course_language or written_language(Path(course_root) / COURSE_FILE)
    return in_chosen_language(table, asked, language)


def written_language(course_file: Path) -> str | None:
    try:
        match = LANGUAGE_LINE.search(course_file.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return match.group(1) if match else None
