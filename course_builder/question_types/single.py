"""single: one right option among several (radio buttons)."""
from __future__ import annotations

from course_builder.content.problems import Problem
from course_builder.question_types.choice import ChoiceType


class Single(ChoiceType):
    name = "single"
    cc_profile = "cc.multiple_choice.v0p1"
    one_answer = True

    def check_correct_count(self, question, correct: int, problems: list[Problem]) -> None:
        if correct != 1:
            problems.append(Problem.of(question.source.path, question.source.line, "single_correct_count",
                                       question=question.id, count=correct))

    def fractions(self, question) -> dict[str, float]:
        """The correct option 100 %, the others 0 %."""
        return {o.id: 1.0 if o.correct else 0.0 for o in question.options}


TYPE = Single()
