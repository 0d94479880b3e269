"""Learner responses as Moodle's Interactions report shows them, read against the course: each question type
reads its own (`parse_response` in course_builder/question_types/). Moodle HTML-escapes the values it shows (`s()`).
"""
from __future__ import annotations

import html

from course_builder.question_types import question_type
from course_builder.question_types.responses import Answer, ResponseError, WrongPick
from course_builder.report.course_index import InteractionTarget

__all__ = ["Answer", "ResponseError", "WrongPick", "canonical", "correct_answer", "is_correct", "parse_response",
           "wrong_picks"]


def _clean(raw: str) -> str:
    text = html.unescape(raw).strip()
    if text.startswith("{") and text.endswith("}"):  # SCORM 1.2 allows a set in braces
        text = text[1:-1]
    return text


def parse_response(raw: str, target: InteractionTarget) -> Answer:
    """The response in the terms of the question; ResponseError if it names nothing in it."""
    return question_type(target.kind).parse_response(_clean(raw), raw, target)


def correct_answer(target: InteractionTarget) -> Answer:
    return question_type(target.kind).correct_answer(target)


def is_correct(target: InteractionTarget, answer: Answer) -> bool:
    return question_type(target.kind).is_correct(target, answer)


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
