"""Strings tables and the one rule for the language of what the tool says.

A strings table is a YAML file of key: {language: text}. The tool ships its tables in templates/
(player/strings.yaml, report/messages.yaml, …) for Danish and English; a course's own copy at the same
path in its templates/ folder extends or overrides them key by key and language by language, and may
add a language. Every command chooses the language of its messages by choose_language.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from course_builder.resources import TEMPLATES, data_folder
from course_builder.yaml_loaders import FAST_LOADER, libyaml_is_safe

FALLBACK = "en"  # the language of a text a table lacks in the language asked for, and of the last resort
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

ParsedTables = dict[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]]  # a file's text → its table


def merged_table(files: list[Path], parsed: ParsedTables | None = None) -> dict[str, dict[str, str]]:
    """The tables of files, later files overriding earlier ones text by text. `parsed`, a build's cache, keeps
    each text's table, since a build asks for the same tables many times."""
    parsed = {} if parsed is None else parsed
    merged: dict[str, dict[str, str]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        if text not in parsed:
            parsed[text] = _parsed(text)
        for key, texts in parsed[text]:
            merged[key] = {**merged.get(key, {}), **dict(texts)}
    return merged


def course_table(course_root: Path | None, relative: str,
                 parsed: ParsedTables | None = None) -> dict[str, dict[str, str]]:
    """The tool's table at templates/<relative>, extended or overridden by the course's own copy (outside a build;
    a build reads its tables through templating.strings_table, with its caches and theme folders). `parsed`: as
    in merged_table."""
    folders = [data_folder(TEMPLATES)] + ([Path(course_root) / TEMPLATES] if course_root is not None else [])
    return merged_table([folder / relative for folder in folders if (folder / relative).is_file()], parsed)


def in_language(table: dict[str, dict[str, str]], language: str) -> dict[str, str]:
    """Each text in language, else in FALLBACK, else in the first language the table has it in."""
    return {key: texts.get(language) or texts.get(FALLBACK) or next(iter(texts.values()), "")
            for key, texts in sorted(table.items())}


def in_chosen_language(table: dict[str, dict[str, str]], asked: str | None,
                       course_language: str | None) -> dict[str, str]:
    """The table in the language choose_language picks among those the table has."""
    return in_language(table, choose_language(asked, course_language, table_languages(table)))


def table_languages(table: dict[str, dict[str, str]]) -> tuple[str, ...]:
    return tuple(sorted({language for texts in table.values() for language in texts}))


def _parsed(text: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    table = (yaml.load(text, Loader=FAST_LOADER) if libyaml_is_safe(text) else yaml.safe_load(text)) or {}
    return tuple((str(key), tuple((str(language), str(words)) for language, words in (texts or {}).items()))
                 for key, texts in table.items())


def fill(text: str, **values) -> str:
    """Fills '{name}' placeholders of a UI string."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


class UnknownLanguage(ValueError):
    """--language names a language no strings table has: a usage error (exit status 2)."""


def choose_language(asked: str | None, course_language: str | None, supported: tuple[str, ...]) -> str:
    """--language, else the course's language, else the locale (LC_ALL, LC_MESSAGES, LANG), else English."""
    if asked and _code(asked) not in supported:
        raise UnknownLanguage(f"--language {asked}: the strings tables have {', '.join(supported)}")
    for candidate in (asked, course_language, *(_locale_language(os.environ.get(name)) for name in LOCALE_VARIABLES)):
        if candidate and _code(candidate) in supported:
            return _code(candidate)
    return FALLBACK


def _code(language: str) -> str:
    """da_DK.UTF-8, da-DK, DA → da."""
    return language.split("_")[0].split("-")[0].split(".")[0].casefold()


def _locale_language(value: str | None) -> str | None:
    if not value or value in ("C", "POSIX") or value.startswith("C."):
        return None
    return value
