"""Learner responses as Moodle's Interactions report shows them, read against the course.

The player records responses in the SCORM formats with the course's own option ids
(docs/content-format.md); each question type reads its own (`parse_response` in course_builder/question_types/).
SCORM 2004 writes the delimiters as `[,]` and `[.]`; both forms are read. Moodle HTML-escapes the values it
shows (`s()`).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Union

from course_builder.question_types import question_type
from course_builder.report.course_index import InteractionTarget

Answer = Union[frozenset, bool, tuple]


class ResponseError(ValueError):
    pass


def split_response(text: str, delimiter: str) -> list[str]:
    if f"[{delimiter}]" in text:
        return text.split(f"[{delimiter}]")
    return text.split(delimiter)


def _clean(raw: str) -> str:
    text = html.unescape(raw).strip()
    if text.startswith("{") and text.endswith("}"):  # SCORM 1.2 allows a set in braces
        text = text[1:-1]
    return text


def parse_response(raw: str, target: InteractionTarget) -> Answer:
    """The response in the terms of the question; ResponseError if it names nothing in it."""
    return question_type(target.kind).parse_response(_clean(raw), raw, target)


def chosen_ids(text: str, raw: str, known: set[str]) -> list[str]:
    """The ids a response names, in its order; ResponseError unless each is one of `known`."""
    ids = [part.strip() for part in split_response(text, ",") if part.strip()]
    unknown = [option_id for option_id in ids if option_id not in known]
    if unknown or not ids:
        raise ResponseError(f"{raw!r} names no option of the question" if not ids
                            else f"{raw!r} names {', '.join(unknown)}, not an option of the question")
    return ids


def correct_answer(target: InteractionTarget) -> Answer:
    return question_type(target.kind).correct_answer(target)


def is_correct(target: InteractionTarget, answer: Answer) -> bool:
    return question_type(target.kind).is_correct(target, answer)


@dataclass(frozen=True)
class WrongPick:
    """One wrong thing a learner chose: an option, a pairing, an order; `key` counts, `text` shows."""

    key: str
    text: str


def wrong_picks(target: InteractionTarget, answer: Answer) -> list[WrongPick]:
    """What in a wrong answer was wrong, as the things HR would talk about."""
    return question_type(target.kind).wrong_picks(target, answer)


def canonical(answer: Answer) -> str:
    """A stable text for an answer, to compare a report's "Right answer" with the course."""
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, tuple):
        return ",".join(answer)
    return ",".join(sorted(f"{item[0]}.{item[1]}" if isinstance(item, tuple) else item for item in answer))
