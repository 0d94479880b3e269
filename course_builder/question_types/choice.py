"""What the option questions share (a learner ticks options; one or several are right): read, checked,
keyed and put in Moodle's bank alike. The types that use it say how many options may be right and how
Moodle grades them."""
from __future__ import annotations

from course_builder.content.load import read_option
from course_builder.content.problems import Problem
from course_builder.content.validate import check_unique_choice_ids
from course_builder.question_types.base import QuestionType


class ChoiceType(QuestionType):
    # 'correct' on the question itself is read only to say where it belongs: under the right option
    fields = frozenset({"options", "correct"})
    optional_fields = frozenset({"correct"})
    one_answer = True  # Moodle's multichoice "single": one answer (radio buttons) or several (checkboxes)

    def load(self, read, fields, question) -> None:
        question.options = [o for o in (read_option(read, n, scenario=False)
                                        for n in read.sequence(fields.get("options"), "options")) if o]
        if "correct" in fields:
            self._misplaced_correct(read, fields["correct"], question)
        question.correct_unclear = question.correct_unclear or any(o.correct_unclear for o in question.options)

    @staticmethod
    def _misplaced_correct(read, node, question) -> None:
        """`correct: c` on the question, as other quiz formats have it: one problem that says where it goes (the
        count of correct options is not checked then; it would be a second message for the same mistake)."""
        named = [str(value) for value in (read.scalar(item) for item in (node.value if isinstance(node.value, list) else [node]))]
        ids = [o.id for o in question.options]
        unknown = [value for value in named if value not in ids]
        if unknown:
            read.error(node, "correct_names_unknown_option", option=", ".join(unknown), options=", ".join(ids) or "–")
        else:
            read.error(node, "correct_on_question", option=", ".join(named))
        question.correct_unclear = True

    def check(self, question, problems) -> None:
        check_unique_choice_ids(question.options, "option", problems)
        if len(question.options) < 2:
            problems.append(Problem.of(question.source.path, question.source.line, "too_few_options", question=question.id))
            return
        if question.correct_unclear:
            return
        self.check_correct_count(question, len(question.correct_options), problems)

    def check_correct_count(self, question, correct: int, problems: list[Problem]) -> None:
        raise NotImplementedError

    def player_key(self, question) -> dict:
        # Ids sorted where order carries no meaning: showing options in another order keeps the key.
        return {"options": sorted(o.id for o in question.options),
                "correct": sorted(o.id for o in question.correct_options)}

    def fractions(self, question) -> dict[str, float] | None:
        """Each option's grade in Moodle, or None when Moodle has no grade that fits."""
        raise NotImplementedError

    def bank_questions(self, convert, module, question, number) -> list:
        from course_builder.moodle_questions import Answer, CombinedFeedback, EMPTY
        fractions = self.fractions(question)
        if fractions is None:
            convert.warnings.append(f"{question.source}: moodle: question '{question.id}' has "
                                    f"{len(question.correct_options)} correct options; Moodle can split full marks "
                                    "evenly only among 1-10 or 20: left out of the question bank")
            return []
        answers = [Answer(convert.inline(module, o.text, o.source), fractions[o.id],
                          convert.block(module, o.feedback, o.source), choice_id=o.id) for o in question.options]
        several = not self.one_answer
        return [convert.base(module, question, "multichoice", convert.name(number, question.prompt), answers=answers,
                             single=self.one_answer, show_standard_instruction=several, show_num_correct=several,
                             combined_feedback=CombinedFeedback(EMPTY, EMPTY, EMPTY))]
