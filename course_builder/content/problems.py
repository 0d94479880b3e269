"""Problems are values: loading and validation return them, the CLI prints them.

An editor's problem is a key of the messages catalogue (templates/validate/messages.yaml, key: {da: ..., en: ...})
and the values its placeholders are filled with; its words are chosen only when it is shown, in the language
the command chose (course_builder/content/messages.py). A value may itself be a Phrase of the catalogue (a part
of a sentence, such as what kind of thing holds an unknown field). Problems from elsewhere (HR's report) carry
their text, already in the reader's language.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from course_builder.strings import fill

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Phrase:
    """A part of a message from the catalogue, filled in and put in the language of the message around it."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> "Phrase":
        return cls(key, tuple(sorted(values.items())))

    def words(self, catalogue: dict[str, str]) -> str:
        template = catalogue.get(self.key, self.key)
        return fill(template, **{name: value.words(catalogue) if isinstance(value, Phrase) else value
                                 for name, value in self.values})


@dataclass(frozen=True)
class Problem:
    """A problem at a file and line: a catalogue key with its values, or a text already in the reader's language."""
    path: Path
    line: int
    key: str  # the message's key in the catalogue (a text no catalogue has is shown as it is)
    severity: str = ERROR
    values: tuple[tuple[str, object], ...] = ()
    column: int = 0  # 1-based; 0 when the problem concerns the line as a whole
    text: str = ""  # a message already in the reader's language, shown as it is

    @classmethod
    def of(cls, path: Path, line: int, key: str, *, severity: str = ERROR, column: int = 0, **values: object) -> "Problem":
        return cls(path, line, key, severity, tuple(sorted(values.items())), column)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def said(self, catalogue: dict[str, str] | None = None) -> str:
        """The message in the catalogue's language (English when none is given)."""
        if self.text or not self.key:
            return self.text
        return Phrase(self.key, self.values).words(catalogue if catalogue is not None else english())

    @property
    def message(self) -> str:
        return self.said()

    def display(self, base: Path | None = None, catalogue: dict[str, str] | None = None) -> str:
        catalogue = catalogue if catalogue is not None else english()
        shown = _shown_path(self.path, base)
        place = f"{shown}:{self.line}:{self.column}" if self.column else f"{shown}:{self.line}"
        prefix = "" if self.is_error else catalogue.get("warning_prefix", "warning") + ": "
        return f"{place}: {prefix}{self.said(catalogue)}"

    def __str__(self) -> str:
        return self.display()


def english() -> dict[str, str]:
    """The tool's own catalogue in English: what a problem says where no command chose a language. Read anew each
    time: the commands hand the catalogue they chose to what they show, so this serves only messages shown
    outside them (an exception's text, a test's), and no module keeps a copy."""
    from course_builder.content.messages import tool_catalogue

    return tool_catalogue("en")


def _shown_path(path: Path, base: Path | None) -> str:
    """Relative to base (or the working directory) when the file lies below it."""
    base = (base or Path.cwd()).resolve()
    try:
        return Path(os.path.relpath(path.resolve(), base)).as_posix() if path.resolve().is_relative_to(base) else str(path)
    except (OSError, ValueError):
        return str(path)


def sort_key(problem: Problem) -> tuple:
    return (str(problem.path), problem.line, problem.column, problem.key, problem.text)
