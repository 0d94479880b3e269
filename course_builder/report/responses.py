"""Learner responses as Moodle's Interactions report shows them, read against the course.

The player records responses in the SCORM formats with the course's own option ids
(docs/content-format.md): choice `a` or `a,c`, true-false `t`/`f` (1.2) or `true`/`false` (2004),
matching `a.b,c.d` (left id . right id), sequencing `a,b,c`. SCORM 2004 writes the delimiters as
`[,]` and `[.]`; both forms are read. Moodle HTML-escapes the values it shows (`s()`).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Union

from course_builder.report.course_index import InteractionTarget, best_choices

Answer = Union[frozenset, bool, tuple]

TRUE_WORDS = {"t", "true", "1"}
FALSE_WORDS = {"f", "false", "0"}


class ResponseError(ValueError):
    pass


def _split(text: str, delimiter: str) -> list[str]:
    if f"[{delimiter}]" in text:
        return text.split(f"[{delimiter}]")
    return text.split(delimiter)


def _clean(raw: str) -> str:
    text = html.unescape(raw).strip()
    if text.startswith("{") and text.endswith("}"):  # SCORM 1.2 allows a set in braces
        text = text[1:-1]
    return text


def parse_response(raw: str, target: InteractionTarget) -> Answer:
    """The response in the terms of the question; ResponseError if it names nothing in it."""
    text = _clean(raw)
    kind = target.kind
    if kind == "truefalse":
        word = text.casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ResponseError(f"{raw!r} is not true or false")
    if kind == "matching":
        return frozenset(_pair(part, raw, target) for part in _split(text, ",") if part.strip())
    ids = [part.strip() for part in _split(text, ",") if part.strip()]
    known = {item.id for item in (target.question.items if kind == "ordering" else target.choices)}
    unknown = [option_id for option_id in ids if option_id not in known]
    if unknown or not ids:
        raise ResponseError(f"{raw!r} names no option of the question" if not ids
                            else f"{raw!r} names {', '.join(unknown)}, not an option of the question")
    return tuple(ids) if kind == "ordering" else frozenset(ids)


def _pair(part: str, raw: str, target: InteractionTarget) -> tuple[str, str]:
    left, sep, right = part.replace("[.]", ".").partition(".")
    known = {pair.id for pair in target.question.pairs}
    if not sep or left.strip() not in known or right.strip() not in known:
        raise ResponseError(f"{raw!r} is not a matching of the question's pairs")
    return left.strip(), right.strip()


def correct_answer(target: InteractionTarget) -> Answer:
    question = target.question
    kind = target.kind
    if kind == "truefalse":
        return bool(question.answer)
    if kind == "matching":
        return frozenset((pair.id, pair.id) for pair in question.pairs)
    if kind == "ordering":
        return tuple(item.id for item in question.items)
    if kind == "scenario":
        return frozenset(best_choices(question, target.node))
    return frozenset(option.id for option in question.options if option.correct)


def is_correct(target: InteractionTarget, answer: Answer) -> bool:
    correct = correct_answer(target)
    if target.kind == "scenario":
        return len(answer) == 1 and answer <= correct
    return answer == correct


@dataclass(frozen=True)
class WrongPick:
    """One wrong thing a learner chose: an option, a pairing, an order; `key` counts, `text` shows."""

    key: str
    text: str


def wrong_picks(target: InteractionTarget, answer: Answer) -> list[WrongPick]:
    """What in a wrong answer was wrong, as the things HR would talk about."""
    kind = target.kind
    question = target.question
    if kind == "truefalse":
        return [WrongPick("t" if answer else "f", "Sandt" if answer else "Falsk")]
    if kind == "matching":
        left = {pair.id: pair.left for pair in question.pairs}
        right = {pair.id: pair.right for pair in question.pairs}
        return [WrongPick(f"{a}.{b}", f"{left[a]} → {right[b]}") for a, b in sorted(answer) if a != b]
    if kind == "ordering":
        text = {item.id: item.text for item in question.items}
        return [WrongPick(",".join(answer), " → ".join(text[i] for i in answer))]
    correct = correct_answer(target)
    text = {option.id: option.text for option in target.choices}
    return [WrongPick(option_id, text[option_id]) for option_id in sorted(answer) if option_id not in correct]


def canonical(answer: Answer) -> str:
    """A stable text for an answer, to compare a report's "Right answer" with the course."""
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, tuple):
        return ",".join(answer)
    return ",".join(sorted(f"{item[0]}.{item[1]}" if isinstance(item, tuple) else item for item in answer))
