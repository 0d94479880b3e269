"""What the report tells HR, in HR's language, from the strings table templates/report/messages.yaml.

The language: the one asked for on the command line, else the course's (course.yaml `language`),
else the user's locale, else English. Readers raise errors and count notices as a key and its
values; the text is chosen only when it is shown.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course_builder.strings import FALLBACK, table_languages
from course_builder.strings import choose_language as choose_among
from course_builder.templating import BUILTIN_TEMPLATES, Templates, language_strings, strings_table

MESSAGES_FILE = "report/messages.yaml"


@dataclass(frozen=True)
class Message:
    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> "Message":
        return cls(key, tuple(sorted(values.items())))


class Messages:
    """The strings table in one language (choose_language gives one the table has)."""

    def __init__(self, language: str = FALLBACK, course_root: Path | None = None):
        templates = Templates(course_root or BUILTIN_TEMPLATES.parent)
        self.language = language
        self.templates = templates
        self.strings = language_strings(templates, MESSAGES_FILE, language)

    def text(self, key: str, **values: object) -> str:
        return self.strings[key].format(**{name: self(value) if isinstance(value, Message) else str(value)
                                           for name, value in values.items()})

    def __call__(self, message: Message) -> str:
        return self.text(message.key, **dict(message.values))


def quoted(value: object) -> str:
    """A value from a download, as HR sees it in a message: 'Anna', '=SUM(A1)'."""
    return f"'{value}'"


def choose_language(asked: str | None, course_language: str | None, course_root: Path | None = None) -> str:
    """The one rule (course_builder/strings.py) among the languages the report's strings table has."""
    templates = Templates(course_root or BUILTIN_TEMPLATES.parent)
    return choose_among(asked, course_language, table_languages(strings_table(templates, MESSAGES_FILE)))


class ReportInputError(Exception):
    """A download that cannot be read: the file, the row (0: the file as a whole) and what to tell HR."""

    def __init__(self, path: Path, row: int, key: str, **values: object):
        self.path = path
        self.row = row
        self.said = Message.of(key, row=row, **values)
        super().__init__(key)

    @property
    def message(self) -> str:
        return english()(self.said)


def english() -> Messages:
    """The report's messages in English, for a message shown outside a command (which chooses HR's language):
    read anew each time, so that no module keeps a copy."""
    return Messages(FALLBACK)
