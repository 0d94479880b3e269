"""A reader of the GIFT grammar as Moodle 4.5's importer reads it (question/format/gift/format.php
readquestion(), qtype_ordering::import_from_gift()), written for the tests: it shares no code with the writer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ESCAPES = [("\\:", "&&058;"), ("\\#", "&&035;"), ("\\=", "&&061;"), ("\\{", "&&123;"), ("\\}", "&&125;"),
           ("\\~", "&&126;"), ("\\n", "&&010")]
PLACEHOLDERS = [("&&058;", ":"), ("&&035;", "#"), ("&&061;", "="), ("&&123;", "{"), ("&&125;", "}"),
                ("&&126;", "~"), ("&&010", "\n")]
WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")
ORDERING = re.compile(r"^\s*>\s*(\d+)\s*(ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?\s*(HORIZONTAL|HORI|H|1|VERTICAL|VERT|V|0)?"
                      r"\s*(ALL_OR_NOTHING|ABSOLUTE_POSITION|ABSOLUTE|ABS|RELATIVE_NEXT_EXCLUDE_LAST|"
                      r"RELATIVE_NEXT_INCLUDE_LAST|RELATIVE_ONE_PREVIOUS_AND_NEXT|RELATIVE_ALL_PREVIOUS_AND_NEXT|"
                      r"RELATIVE_TO_CORRECT|RELATIVE|REL|LONGEST_ORDERED_SUBSET|LONGEST_CONTIGUOUS_SUBSET)?"
                      r"\s*(SHOW|TRUE|YES|1|HIDE|FALSE|NO|0)?\s*(none|123|abc|ABCD|iii|IIII)?\s*(.*?)\s*$", re.S)


class GiftError(ValueError):
    pass


@dataclass
class GiftQuestion:
    qtype: str
    name: str
    text: str
    text_format: str
    category: str
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)
    general_feedback: str = ""
    answers: list[tuple[str, float, str]] = field(default_factory=list)  # text, fraction, feedback
    single: bool | None = None
    subquestions: list[tuple[str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    ordering_options: tuple[str, ...] = ()
    correct_answer: bool | None = None
    feedback_true: str = ""
    feedback_false: str = ""


def read_gift(text: str) -> list[GiftQuestion]:
    """Blank lines separate questions; '$CATEGORY:' switches the category of those that follow."""
    questions, block, category = [], [], ""
    for line in text.split("\n") + [""]:
        if line.strip():
            block.append(line)
            continue
        if block:
            read = read_question(block, category)
            if isinstance(read, str):
                category = read
            elif read is not None:
                questions.append(read)
            block = []
    return questions


def pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in ESCAPES:
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def post(text: str) -> str:
    for placeholder, character in PLACEHOLDERS:
        text = text.replace(placeholder, character)
    return text


def with_format(text: str, default: str) -> tuple[str, str]:
    if text.startswith("["):
        end = text.index("]")
        name = text[1:end]
        if name in ("html", "moodle", "plain", "markdown"):
            return post(text[end + 1:]).strip(), name
    return post(text).strip(), default


def read_question(lines: list[str], category: str):
    comments = "".join(line.strip() + "\n" for line in lines if line.strip().startswith("//"))
    body = "\n".join(" " if line.strip().startswith("//") else line.strip() for line in lines).strip()
    if not body:
        return None
    text = pre(body)
    if text.startswith("$CATEGORY:"):
        return text[10:].strip()
    name = ""
    if text.startswith("::"):
        end = text.index("::", 2)
        name, text = post(text[2:end]).strip(), text[end + 2:].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        question_text, format_ = with_format(text, "moodle")
        return GiftQuestion("description", name, question_text, format_, category, *ids_and_tags(comments))
    if start < 0 or finish < 0:
        raise GiftError(f"unbalanced braces in: {text[:60]}")
    answers = text[start + 1:finish].strip()
    rest = "" if text.endswith("}") else "_____"  # text after the answers makes a missing-word question
    question_text, format_ = with_format(text[:start] + rest + text[finish + 1:], "moodle")
    general = ""
    if "####" in answers:
        cut = answers.rindex("####")
        general, answers = answers[cut + 4:], answers[:cut].strip()
    general, _ = with_format(general, format_)
    question = GiftQuestion("", name, question_text, format_, category, *ids_and_tags(comments), general_feedback=general)
    match = ORDERING.match(answers)
    if answers.startswith(">") and match:
        question.qtype = "ordering"
        question.ordering_options = match.groups()[:6]
        question.items = [item.strip() for item in re.split(r"[\r\n]+", match.group(7)) if item.strip()]
    elif answers == "":
        question.qtype = "essay"
    elif "~" in answers:
        read_multichoice(question, answers)
    elif "=" in answers and "->" in answers:
        read_matching(question, answers)
    else:
        read_truefalse(question, answers)
    return question


def ids_and_tags(comments: str) -> tuple[str, list[str]]:
    found = re.search(r"\[id:((?:\\]|[^\]\x00-\x1f])+)\]", comments)
    idnumber = found.group(1).replace("\\]", "]").strip() if found else ""
    tags = [t.replace("\\]", "]").strip() for t in re.findall(r"\[tag:((?:\\]|[^\]<>`\x00-\x1f])+)\]", comments)]
    return idnumber, tags


def read_multichoice(question: GiftQuestion, answers: str) -> None:
    question.qtype = "multichoice"
    question.single = "=" in answers
    parts = answers.replace("=", "~=").split("~")
    if not parts[0].strip():
        parts = parts[1:]
    for part in parts:
        part = part.strip()
        if part.startswith("="):
            fraction, part = 1.0, part[1:]
        elif WEIGHT.match(part):
            end = part.index("%", 1)
            fraction, part = float(part[1:end]) / 100, part[end + 1:]
        else:
            fraction = 0.0
        answer, _, feedback = part.partition("#")
        question.answers.append((with_format(answer.strip(), question.text_format)[0], fraction,
                                 with_format(feedback.strip(), question.text_format)[0]))


def read_matching(question: GiftQuestion, answers: str) -> None:
    question.qtype = "matching"
    parts = answers.split("=")
    if not parts[0].strip():
        parts = parts[1:]
    for part in parts:
        left, marker, right = part.strip().partition("->")
        if not marker:
            raise GiftError(f"matching answer without '->': {part}")
        question.subquestions.append((with_format(left, question.text_format)[0], post(right).strip()))


def read_truefalse(question: GiftQuestion, answers: str) -> None:
    bits = answers.split("#", 2)
    answer = post(bits[0]).strip()
    if answer not in ("T", "TRUE", "F", "FALSE"):
        question.qtype = "shortanswer"  # a type course-builder never writes: only named, not read further
        return
    question.qtype = "truefalse"
    wrong = with_format(bits[1].strip(), question.text_format)[0] if len(bits) > 1 else ""
    right = with_format(bits[2].strip(), question.text_format)[0] if len(bits) > 2 else ""
    question.correct_answer = answer in ("T", "TRUE")
    question.feedback_true, question.feedback_false = (right, wrong) if question.correct_answer else (wrong, right)
