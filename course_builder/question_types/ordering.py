"""ordering: items put in their right order (written in that order; shown scrambled).

The player records `a,b,c` (SCORM sequencing); Moodle keeps it as its ordering type."""
from __future__ import annotations

from lxml import etree

from course_builder.content.load import id_text
from course_builder.content.model import Item, Source
from course_builder.content.problems import Problem
from course_builder.content.validate import check_unique_choice_ids
from course_builder.question_types.base import QuestionType
from course_builder.question_types.responses import WrongPick, chosen_ids

MOODLE_TYPE = "ordering"


class Ordering(QuestionType):
    name = "ordering"
    fields = frozenset({"items", "feedback"})
    scorm_interaction = "sequencing"

    def load(self, read, fields, question) -> None:
        question.items = [i for i in (self._item(read, n) for n in read.sequence(fields.get("items"), "items")) if i]

    @staticmethod
    def _item(read, node) -> Item | None:
        fields = read.mapping(node, "thing_item", {"id", "text"}, {"id", "text"})
        if fields is None:
            return None
        return Item(id_text(read, fields.get("id")), read.text(fields.get("text"), "text"),
                    Source(read.path, read.line(node)))

    def check(self, question, problems) -> None:
        check_unique_choice_ids(question.items, "item", problems)
        if len(question.items) < 2:
            problems.append(Problem.of(question.source.path, question.source.line, "too_few_items", question=question.id))

    def player_key(self, question) -> dict:
        return {"order": [i.id for i in question.items]}

    def bank_questions(self, convert, module, question, number) -> list:
        from course_builder.moodle_questions import Answer, CombinedFeedback, OrderingOptions
        right, wrong = convert.result_feedback(module, question)
        # Moodle strips a single <p> around each item and keeps them as short texts: inline HTML.
        answers = [Answer(convert.inline(module, item.text, item.source), float(position), choice_id=item.id)
                   for position, item in enumerate(question.items, 1)]
        return [convert.base(module, question, MOODLE_TYPE, convert.name(number, question.prompt), answers=answers,
                             combined_feedback=CombinedFeedback(right, wrong, wrong), show_num_correct=True,
                             ordering=OrderingOptions())]

    def gift_body(self, question) -> str:
        from course_builder.exporters.gift import general_feedback
        options = question.ordering
        head = (f">{len(question.answers)} {options.select_type} {options.layout} {options.grading} "
                f"{options.show_grading} {options.numbering}\n")
        items = "".join(" ".join(a.text.html.split()) + "\n" for a in question.answers)
        # Moodle's exporter leaves ordering's general feedback out, but its importer reads it here.
        return "{" + head + items + general_feedback(question, "", "\n") + "}\n"

    def gift_refusal(self, question) -> str:
        for answer in question.answers:
            item = answer.text.html
            # Moodle reads ordering items raw, one per line: no escapes exist for them.
            if "}" in item or "\\" in item or "####" in item or item.strip().startswith("//"):
                return "an item holds '}', '\\', '####' or starts with '//', which GIFT's ordering syntax cannot hold"
        return ""

    def gift_losses(self, question) -> list[str]:
        feedback = question.combined_feedback
        if feedback and (feedback.correct.html or feedback.incorrect.html):
            return ["loses its correct/incorrect feedback (questions.xml has it)"]
        return []

    def moodle_xml_fields(self, element, question) -> None:
        from course_builder.exporters.moodle_xml import combined_feedback, file_elements, simple, text_element
        options = question.ordering
        simple(element, "layouttype", options.layout)
        simple(element, "selecttype", options.select_type)
        # Moodle's import raises a count below 2 to 2; the item count keeps a round trip stable.
        simple(element, "selectcount", str(len(question.answers)))
        simple(element, "gradingtype", options.grading)
        simple(element, "showgrading", options.show_grading)
        simple(element, "numberingstyle", options.numbering)
        combined_feedback(element, question, with_show_num_correct=False)
        simple(element, "shownumcorrect", "1" if question.show_num_correct else "0")
        for position, answer in enumerate(question.answers, 1):  # Moodle keeps the correct position in fraction
            item = etree.SubElement(element, "answer", fraction=str(position), format="html")
            text_element(item, answer.text.html)
            file_elements(item, answer.text)

    def parse_response(self, text, raw, target) -> tuple:
        return tuple(chosen_ids(text, raw, {item.id for item in target.question.items}))

    def correct_answer(self, target) -> tuple:
        return tuple(item.id for item in target.question.items)

    def wrong_picks(self, target, answer) -> list[WrongPick]:
        text = {item.id: item.text for item in target.question.items}
        return [WrongPick(",".join(answer), " → ".join(text[i] for i in answer))]


TYPE = Ordering()
