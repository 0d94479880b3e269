"""A learner's response as Moodle's reports show it, read in a question type's terms: what the types share.

The player records responses in the SCORM formats with the course's own ids (docs/content-format.md);
SCORM 2004 writes the delimiters as `[,]` and `[.]`, and both forms are read.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

Answer = Union[frozenset, bool, tuple]


class ResponseError(ValueError):
    pass


@dataclass(frozen=True)
class WrongPick:
    """One wrong thing a learner chose: an option, a pairing, an order; `key` counts, `text` shows."""

    key: str
    text: str


def split_response(text: str, delimiter: str) -> list[str]:
    if f"[{delimiter}]" in text:
        return text.split(f"[{delimiter}]")
    return text.split(delimiter)


def chosen_ids(text: str, raw: str, known: set[str]) -> list[str]:
    """The ids a response names, in its order; ResponseError unless each is one of `known`."""
    ids = [part.strip() for part in split_response(text, ",") if part.strip()]
    unknown = [option_id for option_id in ids if option_id not in known]
    if unknown or not ids:
        raise ResponseError(f"{raw!r} names no option of the question" if not ids
                            else f"{raw!r} names {', '.join(unknown)}, not an option of the question")
    return ids
