"""The player's answer key: what it scores each question with, and the fingerprint that tells whether a
saved attempt still fits a newer package of the course."""
from __future__ import annotations

import hashlib
import json

from course_builder.content.model import Question
from course_builder.question_types import question_type


def question_key(question: Question) -> dict:
    """The answer key of one question, in the shape the player scores with.

    Only ids and structure: the fingerprint of a module's keys tells whether a saved attempt
    still fits a newer package of the course.
    """
    return {"id": question.id, "type": question.type, **question_type(question.type).player_key(question)}


def questions_fingerprint(keys: list[dict]) -> str:
    """8 hex digits that change whenever a module's questions change in a way saved answers depend on."""
    return hashlib.sha256(json.dumps(keys, sort_keys=True).encode("utf-8")).hexdigest()[:8]
