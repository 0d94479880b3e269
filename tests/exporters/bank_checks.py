"""Reading the question bank back (Moodle XML here, GIFT in gift_reader.py) and checking it question by question
against the source quizzes. Shares no code with the writers: what Moodle must see is derived from the content
model and Moodle's rules (its list of grades, its category paths) independently.
"""
from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import lxml.html
from lxml import etree

from course_builder.content.model import Course, Module, Question
from tests.support import FIXTURES

__all__ = ["FIXTURES", "as_read", "built", "check_bank", "load", "read_moodle_xml", "reference_dir", "words"]

# question_bank::fraction_options_full() in Moodle 4.5 (question/engine/bank.php)
MOODLE_GRADES = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05]
MOODLE_GRADES = MOODLE_GRADES + [0.0] + [-g for g in MOODLE_GRADES]
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
GLOSSARY = re.compile(r"\[\[([^\]|]+?)(?:\|([^\]]+))?\]\]")


def reference_dir() -> Path | None:
    """Moodle's own files (../shared/reference/moodle from the repository), wherever the checkout lives."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "reference" / "moodle"
        if candidate.is_dir():
            return candidate
    return None


@dataclass
class Read:
    """One question as a Moodle import would read it, in a shape shared by the XML and GIFT readers."""

    qtype: str
    name: str
    idnumber: str
    category: str
    text: str
    general_feedback: str = ""
    tags: list[str] = field(default_factory=list)
    default_grade: float | None = None
    answers: list[tuple[str, float, str]] = field(default_factory=list)
    single: bool | None = None
    subquestions: list[tuple[str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    combined: tuple[str, str, str] | None = None
    files: dict[str, bytes] = field(default_factory=dict)  # "/folder/name" → bytes, of every field
    grading: str = ""
    correct_answer: bool | None = None  # GIFT's true/false
    feedback_true: str = ""
    feedback_false: str = ""


def words(course: Course, text: str) -> str:
    """The words a learner reads, from Markdown or HTML alike: no markup, images or glossary brackets."""
    text = MD_IMAGE.sub(" ", text)
    text = GLOSSARY.sub(lambda m: m.group(2) or course.glossary[m.group(1)].term, text)
    text = text.replace("*", "")
    if not text.strip():
        return ""
    return " ".join(lxml.html.fragment_fromstring(text, create_parent="div").text_content().split())




def built(source: Path, out: Path, formats: list[str]):
    """A finished build of the fixture course; fails the test on problems."""
    from course_builder.build import build

    result = build(source, out, formats)
    assert result.ok, [p.display() for p in result.problems]
    return result


def load(source: Path) -> Course:
    from course_builder.build import load_and_validate

    course, problems = load_and_validate(source)
    assert course is not None and not [p for p in problems if p.is_error]
    return course


# --- Moodle XML --------------------------------------------------------------------------------

def read_moodle_xml(data: bytes) -> list[Read]:
    root = etree.fromstring(data)
    assert root.tag == "quiz"
    questions, category = [], ""
    for element in root.iterfind("question"):
        qtype = element.get("type")
        if qtype == "category":
            category = element.findtext("category/text")
            continue
        questions.append(read_xml_question(element, qtype, category))
    return questions


def read_xml_question(element, qtype: str, category: str) -> Read:
    read = Read(
        qtype=qtype,
        name=element.findtext("name/text"),
        idnumber=element.findtext("idnumber"),
        category=category,
        text=element.findtext("questiontext/text"),
        general_feedback=element.findtext("generalfeedback/text") or "",
        tags=[t.findtext("text") for t in element.iterfind("tags/tag")],
        default_grade=float(element.findtext("defaultgrade")),
    )
    for file in element.iter("file"):
        read.files[file.get("path") + file.get("name")] = base64.b64decode(file.text)
    if qtype in ("multichoice", "truefalse"):
        read.answers = [(a.findtext("text"), float(a.get("fraction")) / 100, a.findtext("feedback/text") or "")
                        for a in element.iterfind("answer")]
    if qtype == "multichoice":
        read.single = element.findtext("single") == "true"
    if qtype == "matching":
        read.subquestions = [(s.findtext("text"), s.findtext("answer/text")) for s in element.iterfind("subquestion")]
    if qtype == "ordering":
        answers = list(element.iterfind("answer"))
        assert [a.get("fraction") for a in answers] == [str(n) for n in range(1, len(answers) + 1)]
        read.items = [a.findtext("text") for a in answers]
        read.grading = element.findtext("gradingtype")
    if element.find("correctfeedback") is not None:
        read.combined = tuple(element.findtext(f"{name}/text") or "" for name in
                              ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"))
    return read


def as_read(question) -> Read:
    """A question of gift_reader.read_gift() in the shape the checks read."""
    return Read(
        qtype=question.qtype, name=question.name, idnumber=question.idnumber, category=question.category,
        text=question.text, general_feedback=question.general_feedback, tags=question.tags,
        answers=question.answers, single=question.single, subquestions=question.subquestions,
        items=question.items, grading=(question.ordering_options[3] if question.ordering_options else ""),
        correct_answer=question.correct_answer, feedback_true=question.feedback_true,
        feedback_false=question.feedback_false,
    )


# --- the check ---------------------------------------------------------------------------------

def escaped(name: str) -> str:
    return name.replace("/", "//")


def has_image(question: Question) -> bool:
    return any(MD_IMAGE.search(text) for text in question.markdown_texts())


def check_bank(course: Course, read: list[Read], *, gift: bool = False, reflections_label: str = "Refleksioner") -> None:
    """Every quiz question and reflection of the course is in the bank, as Moodle's type, with its texts,
    answers, fractions and feedback; nothing else is. GIFT leaves out questions with images."""
    by_id = {r.idnumber: r for r in read}
    assert len(by_id) == len(read), "idnumbers are unique"
    seen: set[str] = set()
    top = f"$course$/top/{escaped(course.settings.title)}"
    for module in course.modules:
        category = f"{top}/{escaped(module.title)}"
        for question in module.questions:
            if gift and has_image(question):
                assert question.id not in by_id, f"{question.id}: GIFT cannot carry its image"
                continue
            seen |= CHECKS[question.type](course, module, question, by_id, category, gift)
        for reflection in module.reflections:
            essay = by_id[f"{module.id}.{reflection.id}"]
            assert essay.qtype == "essay" and essay.category == f"{category}/{reflections_label}"
            assert words(course, essay.text) == words(course, reflection.prompt)
            seen.add(essay.idnumber)
    assert seen == set(by_id), f"unexpected questions in the bank: {set(by_id) - seen}"
    assert not [r for r in read if r.qtype == "essay" and not r.category.endswith(reflections_label)], \
        "essays stay out of the graded quiz categories"


def common(course: Course, module: Module, question: Question, read: Read, category: str, qtype: str,
           general_feedback: bool = True) -> None:
    assert read.qtype == qtype, f"{question.id}: {read.qtype} is not {qtype}"
    assert read.category == category
    assert words(course, read.text).endswith(words(course, question.prompt))
    if general_feedback:
        assert course.references[question.reference].title in words(course, read.general_feedback)
    assert read.tags == list(dict.fromkeys([module.id] + (question.roles or module.roles)))


def check_choices(course, module, question, by_id, category, gift) -> set[str]:
    read = by_id[question.id]
    common(course, module, question, read, category, "multichoice")
    assert read.single is (question.type == "single")
    assert [words(course, a[0]) for a in read.answers] == [words(course, o.text) for o in question.options]
    assert [words(course, a[2]) for a in read.answers] == [words(course, o.feedback) for o in question.options]
    fractions = [a[1] for a in read.answers]
    assert all(any(abs(f - g) < 0.00001 for g in MOODLE_GRADES) for f in fractions)
    if question.type == "single":
        assert fractions == [1.0 if o.correct else 0.0 for o in question.options]
    else:
        right = [f for f, o in zip(fractions, question.options) if o.correct]
        wrong = [f for f, o in zip(fractions, question.options) if not o.correct]
        assert len(set(right)) == 1 and right[0] > 0 and all(f < 0 for f in wrong)
        assert round(sum(right), 2) == 1.0, "Moodle requires the positive grades to add up to 100 %"
        assert sum(fractions) <= 0.00001, "ticking every box scores nothing"
        assert all(-f >= right[0] - 0.00001 for f in wrong), "a wrong tick cancels at least one right tick"
    if not gift:
        assert read.default_grade == 1.0
    return {question.id}


def check_truefalse(course, module, question, by_id, category, gift) -> set[str]:
    read = by_id[question.id]
    common(course, module, question, read, category, "truefalse")
    if gift:
        assert read.correct_answer is question.answer
        right, wrong = ((read.feedback_true, read.feedback_false) if question.answer
                        else (read.feedback_false, read.feedback_true))
    else:
        answers = {a[0]: a for a in read.answers}
        assert set(answers) == {"true", "false"}
        right_answer = answers["true" if question.answer else "false"]
        assert right_answer[1] == 1.0 and answers["false" if question.answer else "true"][1] == 0.0
        right, wrong = right_answer[2], answers["false" if question.answer else "true"][2]
    assert words(course, right) == words(course, question.feedback.correct)
    assert words(course, wrong) == words(course, question.feedback.incorrect)
    return {question.id}


def check_matching(course, module, question, by_id, category, gift) -> set[str]:
    read = by_id[question.id]
    common(course, module, question, read, category, "matching")
    assert [(words(course, left), right) for left, right in read.subquestions] == \
        [(words(course, p.left), p.right.strip()) for p in question.pairs]
    check_result_feedback(course, question, read, gift)
    return {question.id}


def check_ordering(course, module, question, by_id, category, gift) -> set[str]:
    read = by_id[question.id]
    common(course, module, question, read, category, "ordering")
    assert [words(course, item) for item in read.items] == [words(course, i.text) for i in question.items]
    assert read.grading == "ALL_OR_NOTHING", "the player gives marks only for the whole order"
    check_result_feedback(course, question, read, gift)
    return {question.id}


def check_result_feedback(course: Course, question: Question, read: Read, gift: bool) -> None:
    if gift:
        assert read.combined is None
        return
    correct, partially, incorrect = (words(course, text) for text in read.combined)
    assert correct == words(course, question.feedback.correct)
    assert partially == incorrect == words(course, question.feedback.incorrect)


def check_scenario(course, module, question, by_id, category, gift) -> set[str]:
    intro = by_id[question.id]
    common(course, module, question, intro, category, "description", general_feedback=not gift)
    ids = {question.id}
    points = question.decision_points()
    best = best_outcomes(question)
    for node in points:
        read = by_id[f"{question.id}.{node.id}"]
        ids.add(read.idnumber)
        assert read.qtype == "multichoice" and read.single is True and read.category == category
        assert course.references[question.reference].title in words(course, read.general_feedback)
        assert words(course, read.text).endswith(words(course, node.situation))
        for parent in question.nodes:
            for choice in parent.choices:
                if choice.next == node.id:
                    assert words(course, choice.text) in words(course, read.text), "says how the learner got here"
        assert [words(course, a[0]) for a in read.answers] == [words(course, c.text) for c in node.choices]
        for (_, fraction, feedback), choice in zip(read.answers, node.choices):
            assert words(course, feedback).startswith(words(course, choice.feedback))
            target = question.node(choice.next)
            if target.is_ending:
                assert words(course, target.situation) in words(course, feedback), "a choice that ends shows the outcome"
        values = [best[c.next] for c in node.choices]
        top = max(values)
        for (_, fraction, _), value in zip(read.answers, values):
            expected = float(value / top) if top else 1.0
            assert any(abs(fraction - g) < 0.00001 for g in MOODLE_GRADES)
            assert abs(fraction - expected) <= 0.05, "each choice earns the best outcome it still allows"
        assert max(a[1] for a in read.answers) == 1.0
        if not gift:
            assert abs(read.default_grade - 1 / len(points)) < 0.0000001
    if not gift:
        assert intro.default_grade == 0.0
        assert abs(sum(by_id[f"{question.id}.{n.id}"].default_grade for n in points) - 1) < 0.000001, \
            "a scenario weighs as much as one question"
    return ids


def best_outcomes(question: Question) -> dict[str, Fraction]:
    """The best ending score still reachable from each node, by a plain search from the endings."""
    best: dict[str, Fraction] = {n.id: Fraction(n.score) for n in question.nodes if n.is_ending}
    while len(best) < len(question.nodes):
        for node in question.nodes:
            if node.id not in best and all(c.next in best for c in node.choices):
                best[node.id] = max(best[c.next] for c in node.choices)
    return best


CHECKS = {
    "single": check_choices,
    "multiple": check_choices,
    "truefalse": check_truefalse,
    "matching": check_matching,
    "ordering": check_ordering,
    "scenario": check_scenario,
}
