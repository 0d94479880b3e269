"""The question bank in GIFT (qformat_gift), for the types GIFT can carry, written as Moodle 4.5 writes it.

GIFT has no place for images, marks, category details or the correct/incorrect feedback of matching and
ordering questions. What a question loses is returned as a warning naming its source line; a question
that GIFT cannot carry at all is left out with a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from course_builder.moodle_questions import BankQuestion, Category, QuestionBank, percent
from course_builder.question_types import find_type

GIFT_RESERVED = (("\\", "\\\\"), ("#", "\\#"), ("=", "\\="), ("~", "\\~"), ("{", "\\{"), ("}", "\\}"),
                 (":", "\\:"), ("\n", "\\n"), ("\r", ""))


@dataclass
class Gift:
    text: str
    warnings: list[str] = field(default_factory=list)


def gift(bank: QuestionBank, header: list[str]) -> Gift:
    """The GIFT file, and one warning for each content question that loses something on the way."""
    blocks = ["".join(f"// {line}\n" for line in header) + "\n"]
    losses: dict[str, list[str]] = {}  # question id → what it loses, in file order
    sources: dict[str, str] = {}
    for category in bank.categories:
        blocks.append(category_block(category))
        for question in category.questions:
            sources.setdefault(question.question_id, f"{question.source}: gift: {question.content_type} '{question.question_id}'")
            skipped = why_not_gift(question)
            lost = [f"is left out: {skipped}"] if skipped else what_gift_loses(question)
            for loss in lost:
                if loss not in losses.setdefault(question.question_id, []):
                    losses[question.question_id].append(loss)
            if not skipped:
                blocks.append(question_block(question))
    warnings = [f"{sources[qid]} {'; '.join(lost)}" for qid, lost in losses.items() if lost]
    return Gift("".join(blocks), warnings)


def why_not_gift(question: BankQuestion) -> str:
    if question.files:
        return "it embeds an image and GIFT cannot carry files (questions.xml has it)"
    own = find_type(question.content_type)
    return own.gift_refusal(question) if own else ""


def what_gift_loses(question: BankQuestion) -> list[str]:
    own = find_type(question.content_type)
    return own.gift_losses(question) if own else []


def category_block(category: Category) -> str:
    return f"// question: 0  name: Switch category to {category.path}\n$CATEGORY: {category.path}\n\n\n"


def question_block(question: BankQuestion) -> str:
    head = f"// question: {question.idnumber}  name: {question.name}\n"
    bits = [f"[id:{question.idnumber.replace(']', chr(92) + ']')}]"]
    bits += [f"[tag:{tag.replace(']', chr(92) + ']')}]" for tag in question.tags]
    head += "// " + " ".join(bits) + "\n"
    title = f"::{escape(question.name)}::[html]{escape(question.text.html)}"
    return head + title + body(question) + "\n"


def body(question: BankQuestion) -> str:
    """The answer part: Moodle's types that several of ours use are written here, the others by their type."""
    write = BODIES.get(question.qtype) or find_type(question.content_type).gift_body
    return write(question)


def multichoice_body(question: BankQuestion) -> str:
    lines = []
    for answer in question.answers:
        if answer.fraction == 1 and question.single:
            mark = "="
        elif answer.fraction == 0:
            mark = "~"
        else:
            mark = f"~%{percent(answer.fraction)}%"
        line = f"\t{mark}{escape(answer.text.html)}"
        if answer.feedback.html:
            line += f"#{escape(answer.feedback.html)}"
        lines.append(line + "\n")
    return "{\n" + "".join(lines) + general_feedback(question, "\t", "\n") + "}\n"


def essay_body(question: BankQuestion) -> str:
    return "{" + general_feedback(question) + "}\n"


def description_body(question: BankQuestion) -> str:
    return "\n"


BODIES = {
    "multichoice": multichoice_body,
    "essay": essay_body,
    "description": description_body,
}


def general_feedback(question: BankQuestion, indent: str = "", end: str = "") -> str:
    if not question.general_feedback.html:
        return ""
    return f"{indent}####{escape(question.general_feedback.html)}{end}"


def escape(text: str) -> str:
    """GIFT's reserved characters, escaped as qformat_gift::repchar() does (newlines become \\n)."""
    for character, escaped in GIFT_RESERVED:
        text = text.replace(character, escaped)
    return text
