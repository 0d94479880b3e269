"""truefalse: a statement that is true or false; feedback for a right and a wrong answer.

The player records `t`/`f` (SCORM 1.2) or `true`/`false` (2004); Moodle keeps it as its own true/false type."""
from __future__ import annotations

from course_builder.question_types.base import QuestionType
from course_builder.question_types.responses import ResponseError, WrongPick

MOODLE_TYPE = "truefalse"
TRUE_WORDS = {"t", "true", "1"}
FALSE_WORDS = {"f", "false", "0"}


class TrueFalse(QuestionType):
    name = "truefalse"
    fields = frozenset({"answer", "feedback"})
    scorm_interaction = "true-false"
    cc_profile = "cc.true_false.v0p1"
    cc_fixed_answers = True

    def load(self, read, fields, question) -> None:
        question.answer = read.boolean(fields.get("answer"), "answer")  # a non-boolean answer is reported here

    def player_key(self, question) -> dict:
        return {"correct": question.answer}

    def bank_questions(self, convert, module, question, number) -> list:
        from course_builder.moodle_questions import Answer, Text
        right, wrong = convert.result_feedback(module, question)
        answers = [
            Answer(Text("true"), 1.0 if question.answer else 0.0, right if question.answer else wrong,
                   "moodle_auto_format", "true"),
            Answer(Text("false"), 0.0 if question.answer else 1.0, wrong if question.answer else right,
                   "moodle_auto_format", "false"),
        ]
        made = convert.base(module, question, MOODLE_TYPE, convert.name(number, question.prompt), answers=answers)
        made.penalty = 1.0
        return [made]

    def gift_body(self, question) -> str:
        from course_builder.exporters.gift import escape, general_feedback
        true, false = (next(a for a in question.answers if a.choice_id == value) for value in ("true", "false"))
        right, wrong = (true, false) if true.fraction == 1 else (false, true)
        body = "{" + ("TRUE" if true.fraction == 1 else "FALSE")
        if wrong.feedback.html:
            body += "#" + escape(wrong.feedback.html)
        elif right.feedback.html:
            body += "#"
        if right.feedback.html:
            body += "#" + escape(right.feedback.html)
        return body + general_feedback(question) + "}\n"

    def moodle_xml_fields(self, element, question) -> None:
        from course_builder.exporters.moodle_xml import answer_element
        for answer in question.answers:
            answer_element(element, answer)

    def parse_response(self, text, raw, target) -> bool:
        word = text.casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ResponseError(f"{raw!r} is not true or false")

    def correct_answer(self, target) -> bool:
        return bool(target.question.answer)

    def wrong_picks(self, target, answer) -> list[WrongPick]:
        return [WrongPick("t" if answer else "f", "Sandt" if answer else "Falsk")]


TYPE = TrueFalse()
