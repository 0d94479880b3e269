"""multiple: several right options among several (checkboxes); at least one is wrong."""
from __future__ import annotations

from course_builder.content.problems import Problem
from course_builder.question_types.choice import ChoiceType


class Multiple(ChoiceType):
    name = "multiple"
    cc_profile = "cc.multiple_response.v0p1"
    cc_multiple_response = True
    one_answer = False

    def check_correct_count(self, question, correct: int, problems: list[Problem]) -> None:
        path, line = question.source.path, question.source.line
        if correct == 0:
            problems.append(Problem.of(path, line, "multiple_without_correct", question=question.id))
        if correct == len(question.options):
            problems.append(Problem.of(path, line, "multiple_all_correct", question=question.id))

    def fractions(self, question) -> dict[str, float] | None:
        """Each of the k correct options 1/k; each wrong option −1/min(k, m) for m wrong options, so a
        wrong tick cancels at least one right one and ticking every box scores 0 (Moodle floors at 0)."""
        from course_builder.moodle_questions import equal_share
        correct = [o.id for o in question.options if o.correct]
        wrong = [o.id for o in question.options if not o.correct]
        share = equal_share(len(correct))
        penalty = equal_share(min(len(correct), len(wrong))) if wrong else 0.0
        if share is None or penalty is None:
            return None
        return {o.id: share if o.correct else -penalty for o in question.options}


TYPE = Multiple()
