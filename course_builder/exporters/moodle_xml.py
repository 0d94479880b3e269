"""The question bank as a Moodle XML import file (qformat_xml), shaped like Moodle 4.5's own export."""
from __future__ import annotations

import base64

from lxml import etree

from course_builder.moodle_questions import (
    Answer,
    BankQuestion,
    Category,
    CombinedFeedback,
    QuestionBank,
    Text,
    grade,
    percent,
)
from course_builder.question_types import find_type

XML_SPECIALS = ('&', '<', '>', '"')


def moodle_xml(bank: QuestionBank) -> bytes:
    quiz = etree.Element("quiz")
    for category in bank.categories:
        quiz.append(etree.Comment(" question: 0  "))
        quiz.append(category_element(category))
        for question in category.questions:
            quiz.append(etree.Comment(f" question: {question.idnumber}  "))
            quiz.append(question_element(question))
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def category_element(category: Category) -> etree._Element:
    element = etree.Element("question", type="category")
    text_element(etree.SubElement(element, "category"), category.path)
    text_element(etree.SubElement(element, "info", format="html"), category.info)
    etree.SubElement(element, "idnumber").text = category.idnumber
    return element


def question_element(question: BankQuestion) -> etree._Element:
    element = etree.Element("question", type=question.qtype)
    text_element(etree.SubElement(element, "name"), question.name)
    html_field(element, "questiontext", question.text)
    html_field(element, "generalfeedback", question.general_feedback)
    simple(element, "defaultgrade", grade(question.default_grade))
    simple(element, "penalty", grade(question.penalty))
    simple(element, "hidden", "0")
    simple(element, "idnumber", question.idnumber)
    write_fields = TYPE_FIELDS.get(question.qtype) or find_type(question.content_type).moodle_xml_fields
    write_fields(element, question)
    tags = etree.SubElement(element, "tags")
    for tag in question.tags:
        text_element(etree.SubElement(tags, "tag"), tag)
    if not len(tags):
        element.remove(tags)
    return element


def multichoice_fields(element: etree._Element, question: BankQuestion) -> None:
    simple(element, "single", "true" if question.single else "false")
    simple(element, "shuffleanswers", "true" if question.shuffle_answers else "false")
    simple(element, "answernumbering", question.answer_numbering)
    simple(element, "showstandardinstruction", "1" if question.show_standard_instruction else "0")
    combined_feedback(element, question)
    for answer in question.answers:
        answer_element(element, answer)


def essay_fields(element: etree._Element, question: BankQuestion) -> None:
    options = question.essay
    simple(element, "responseformat", options.response_format)
    simple(element, "responserequired", str(options.response_required))
    simple(element, "responsefieldlines", str(options.field_lines))
    simple(element, "minwordlimit", "")
    simple(element, "maxwordlimit", "")
    simple(element, "attachments", str(options.attachments))
    simple(element, "attachmentsrequired", str(options.attachments_required))
    simple(element, "maxbytes", str(options.max_bytes))
    simple(element, "filetypeslist", "")
    html_field(element, "graderinfo", Text(""))
    html_field(element, "responsetemplate", Text(""))


def description_fields(element: etree._Element, question: BankQuestion) -> None:
    """A description has nothing beyond the common fields."""


TYPE_FIELDS = {
    "multichoice": multichoice_fields,
    "essay": essay_fields,
    "description": description_fields,
}


def combined_feedback(element: etree._Element, question: BankQuestion, with_show_num_correct: bool = True) -> None:
    feedback = question.combined_feedback or CombinedFeedback(Text(""), Text(""), Text(""))
    html_field(element, "correctfeedback", feedback.correct)
    html_field(element, "partiallycorrectfeedback", feedback.partially_correct)
    html_field(element, "incorrectfeedback", feedback.incorrect)
    if with_show_num_correct and question.show_num_correct:
        etree.SubElement(element, "shownumcorrect")


def answer_element(parent: etree._Element, answer: Answer) -> None:
    element = etree.SubElement(parent, "answer", fraction=percent(answer.fraction), format=answer.format)
    text_element(element, answer.text.html)
    file_elements(element, answer.text)
    html_field(element, "feedback", answer.feedback)


def html_field(parent: etree._Element, name: str, text: Text) -> etree._Element:
    element = etree.SubElement(parent, name, format="html")
    text_element(element, text.html)
    file_elements(element, text)
    return element


def file_elements(parent: etree._Element, text: Text) -> None:
    for file in text.files:
        element = etree.SubElement(parent, "file", name=file.name, path=file.folder, encoding="base64")
        element.text = base64.b64encode(file.data).decode("ascii")


def text_element(parent: etree._Element, value: str) -> None:
    """<text>, in CDATA where Moodle's own export uses it: when the text holds markup characters."""
    element = etree.SubElement(parent, "text")
    if any(c in value for c in XML_SPECIALS) and "]]>" not in value:
        element.text = etree.CDATA(value)
    else:
        element.text = value


def simple(parent: etree._Element, name: str, value: str) -> None:
    etree.SubElement(parent, name).text = value
