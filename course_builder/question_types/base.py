"""What a question type is: the one place that knows a type's fields, rules, answer key, SCORM interaction,
Moodle forms and how its responses read back from Moodle's reports.

A type is one module in this package plus `templates/question_types/<name>/` (question.html.j2, the markup of
its answer; player.js, its part of the player's quiz script; strings.yaml, its label in HR's report), and one
line in `registry.py`.
Attributes and methods with a body have the behaviour of an option question, which most types share, so a
type overrides only what makes it different; the methods that raise NotImplementedError each type gives.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from course_builder.content.model import Module, Question
from course_builder.content.problems import Problem
from course_builder.content.yaml_source import Reader
from course_builder.question_types.responses import Answer, WrongPick, chosen_ids

if TYPE_CHECKING:
    from course_builder.moodle_questions import BankQuestion, Converter
    from course_builder.report.course_index import InteractionTarget


class QuestionType:
    name: str = ""
    fields: frozenset[str] = frozenset()  # the YAML fields of this type, beside id, type, prompt, reference, roles
    optional_fields: frozenset[str] = frozenset()  # those of `fields` a question may leave out
    scorm_interaction: str = "choice"  # cmi.interactions.n.type; its player.js records the same (tests/player)
    cc_profile: str | None = None  # its Common Cartridge item profile; None: Moodle's CC import cannot read it
    cc_multiple_response: bool = False  # several answers may be ticked (QTI rcardinality="Multiple")
    cc_fixed_answers: bool = False  # its answers are the fixed words true and false (Moodle's CC idents)
    report_checks_right_answer: bool = True  # compare the report's "Right answer" with the course's key

    # content

    def load(self, read: Reader, fields: dict[str, yaml.Node], question: Question) -> None:
        """Reads the type's own fields into the question (their problems go to `read`)."""

    def check(self, question: Question, problems: list[Problem]) -> None:
        """Adds the problems of the type's own rules."""

    # the player

    def player_key(self, question: Question) -> dict[str, Any]:
        """What the player scores with, beside id and type: ids and structure only (it is fingerprinted)."""
        raise NotImplementedError

    # Moodle's question bank, and the formats that write it

    def bank_questions(self, convert: Converter, module: Module, question: Question, number: int) -> list[BankQuestion]:
        raise NotImplementedError

    def gift_body(self, question: BankQuestion) -> str:
        """The GIFT answer part of a bank question of this type's own Moodle type."""
        raise NotImplementedError

    def gift_refusal(self, question: BankQuestion) -> str:
        """Why GIFT cannot carry the question at all ("" when it can)."""
        return ""

    def gift_losses(self, question: BankQuestion) -> list[str]:
        """What the question loses in GIFT."""
        return []

    def moodle_xml_fields(self, element, question: BankQuestion) -> None:
        """The Moodle XML fields of a bank question of this type's own Moodle type."""
        raise NotImplementedError

    # Moodle's reports

    def parse_response(self, text: str, raw: str, target: InteractionTarget) -> Answer:
        """A learner's response as Moodle's report shows it, in the terms of the question (ResponseError if not)."""
        return frozenset(chosen_ids(text, raw, {choice.id for choice in target.choices}))

    def correct_answer(self, target: InteractionTarget) -> Answer:
        return frozenset(option.id for option in target.question.options if option.correct)

    def is_correct(self, target: InteractionTarget, answer: Answer) -> bool:
        return answer == self.correct_answer(target)

    def wrong_picks(self, target: InteractionTarget, answer: Answer) -> list[WrongPick]:
        """What in a wrong answer was wrong, as the things HR would talk about."""
        correct = self.correct_answer(target)
        text = {option.id: option.text for option in target.choices}
        return [WrongPick(option_id, text[option_id]) for option_id in sorted(answer) if option_id not in correct]
