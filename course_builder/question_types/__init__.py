"""Question types: each one unit (a module here and a templates folder), registered in registry.py.

The units are loaded on first use: they import the content model, the Moodle bank and the writers whose
syntax they fill, and those modules in turn look types up here.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from course_builder.question_types.base import QuestionType


def all_types() -> dict[str, QuestionType]:
    """Every type by name, in registry order."""
    from course_builder.question_types.registry import TYPES

    return TYPES


def type_names() -> tuple[str, ...]:
    return tuple(all_types())


def question_type(name: str) -> QuestionType:
    """The type of that name (KeyError for a name that is none)."""
    return all_types()[name]


def find_type(name: str) -> QuestionType | None:
    """The type of that name, or None (a bank question of a reflection has a content type that is no type)."""
    return all_types().get(name)
