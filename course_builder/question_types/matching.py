"""matching: each left-hand text paired with its right-hand text, chosen from the scrambled right-hand sides.

The player records `a.b,c.d` (left id . right id); Moodle keeps it as its matching type ("match" in its tables)."""
from __future__ import annotations

from lxml import etree

from course_builder.content.load import id_text
from course_builder.content.model import Pair, Source
from course_builder.content.problems import Problem
from course_builder.content.validate import check_unique_choice_ids
from course_builder.question_types.base import QuestionType
from course_builder.question_types.responses import ResponseError, WrongPick, split_response

MOODLE_TYPE = "matching"  # the Moodle XML and GIFT name
MOODLE_TABLE_TYPE = "match"  # the name in Moodle's database and backups


class Matching(QuestionType):
    name = "matching"
    fields = frozenset({"pairs", "feedback"})
    scorm_interaction = "matching"

    def load(self, read, fields, question) -> None:
        question.pairs = [p for p in (self._pair(read, n) for n in read.sequence(fields.get("pairs"), "pairs")) if p]

    @staticmethod
    def _pair(read, node) -> Pair | None:
        fields = read.mapping(node, "thing_pair", {"id", "left", "right"}, {"id", "left", "right"})
        if fields is None:
            return None
        return Pair(id_text(read, fields.get("id")), read.text(fields.get("left"), "left"),
                    read.text(fields.get("right"), "right"), Source(read.path, read.line(node)))

    def check(self, question, problems) -> None:
        check_unique_choice_ids(question.pairs, "pair", problems)
        if len(question.pairs) < 2:
            problems.append(Problem.of(question.source.path, question.source.line, "too_few_pairs", question=question.id))
        rights = [p.right for p in question.pairs]
        for pair in question.pairs:
            if rights.count(pair.right) > 1:
                problems.append(Problem.of(pair.source.path, pair.source.line, "pairs_share_right", right=pair.right))

    def player_key(self, question) -> dict:
        return {"pairs": sorted(p.id for p in question.pairs)}  # sorted: the order pairs are shown in is no answer

    def bank_questions(self, convert, module, question, number) -> list:
        from course_builder.moodle_questions import CombinedFeedback, Subquestion
        right, wrong = convert.result_feedback(module, question)
        subquestions = [Subquestion(convert.block(module, p.left, p.source), p.right.strip())
                        for p in question.pairs]
        return [convert.base(module, question, MOODLE_TYPE, convert.name(number, question.prompt),
                             subquestions=subquestions, combined_feedback=CombinedFeedback(right, wrong, wrong),
                             show_num_correct=True, table_qtype=MOODLE_TABLE_TYPE)]

    def gift_body(self, question) -> str:
        from course_builder.exporters.gift import escape, general_feedback
        lines = [f"\t={escape(s.text.html)} -> {escape(s.answer)}\n" for s in question.subquestions]
        return "{\n" + "".join(lines) + general_feedback(question, "\t", "\n") + "}\n"

    def gift_losses(self, question) -> list[str]:
        feedback = question.combined_feedback
        if feedback and (feedback.correct.html or feedback.incorrect.html):
            return ["loses its correct/incorrect feedback (questions.xml has it)"]
        return []

    def moodle_xml_fields(self, element, question) -> None:
        from course_builder.exporters.moodle_xml import combined_feedback, html_field, simple, text_element
        simple(element, "shuffleanswers", "true" if question.shuffle_answers else "false")
        combined_feedback(element, question)
        for subquestion in question.subquestions:
            sub = html_field(element, "subquestion", subquestion.text)
            text_element(etree.SubElement(sub, "answer"), subquestion.answer)

    def parse_response(self, text, raw, target) -> frozenset:
        return frozenset(self._pair_ids(part, raw, target) for part in split_response(text, ",") if part.strip())

    @staticmethod
    def _pair_ids(part: str, raw: str, target) -> tuple[str, str]:
        left, sep, right = part.replace("[.]", ".").partition(".")
        known = {pair.id for pair in target.question.pairs}
        if not sep or left.strip() not in known or right.strip() not in known:
            raise ResponseError(f"{raw!r} is not a matching of the question's pairs")
        return left.strip(), right.strip()

    def correct_answer(self, target) -> frozenset:
        return frozenset((pair.id, pair.id) for pair in target.question.pairs)

    def wrong_picks(self, target, answer) -> list[WrongPick]:
        left = {pair.id: pair.left for pair in target.question.pairs}
        right = {pair.id: pair.right for pair in target.question.pairs}
        return [WrongPick(f"{a}.{b}", f"{left[a]} → {right[b]}") for a, b in sorted(answer) if a != b]


TYPE = Matching()
