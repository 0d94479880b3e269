"""The question types, one line each, in the order the docs and error messages list them.

Adding a type: a module beside this one (see base.py), its templates in templates/question_types/<name>/,
and a line here."""
from __future__ import annotations

from course_builder.question_types import matching, multiple, ordering, scenario, single, truefalse
from course_builder.question_types.base import QuestionType

TYPES: dict[str, QuestionType] = {unit.TYPE.name: unit.TYPE for unit in (
    single,
    multiple,
    truefalse,
    matching,
    ordering,
    scenario,
)}
