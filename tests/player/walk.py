"""A keyboard-only learner going through the fixture course's `intro` module (every question type)."""
from __future__ import annotations

from tests.player.lms import Learner

REFLECTION = "Troværdighed, fordi vi skal holde det vi lover.\nOgså når det er svært."

# The first try: some right, some wrong, the scenario to its 50 % ending: 3.5 of 6 points = 58.33 %.
FIRST_TRY = {
    "intro-single": ["a"],
    "intro-multiple": ["a", "c"],
    "intro-sandt": ["t"],
    "intro-match": {"a": "b", "b": "a", "c": "c"},
    "intro-orden": ["a", "b", "c"],
    "intro-scenarie": ["a", "b"],
}
SECOND_TRY = {
    "intro-single": ["a"],
    "intro-multiple": ["a", "b"],
    "intro-sandt": ["t"],
    "intro-match": {"a": "a", "b": "b", "c": "c"},
    "intro-orden": ["a", "b", "c"],
    "intro-scenarie": ["a", "a"],
}
SCENARIO_PATH = {"intro-scenarie": ["start", "aftale"]}


def read_lesson(h: Learner) -> None:
    """p1 → p2 (writes the reflection) → p3 → the first question."""
    h.next()
    h.tab_to(h.at("#refl-min-vaerdi"))
    h.page.keyboard.type(REFLECTION)
    h.next()
    h.next()


def answer(h: Learner, question: str, response) -> None:
    section = f"#q-{question}"
    if question in SCENARIO_PATH:
        for node, choice in zip(SCENARIO_PATH[question], response):
            h.pick(f"{section} [data-node='{node}']", [choice])
            h.check(f"{section} [data-node='{node}']")
        return
    if isinstance(response, dict):
        h.match(section, response)
    elif question == "intro-orden":
        h.order(section, response)
    else:
        h.pick(section, response)
    h.check(section)


def take_quiz(h: Learner, answers: dict) -> None:
    for question, response in answers.items():
        assert h.current_step() == f"q-{question}"
        answer(h, question, response)
        h.next()
    assert h.current_step() == "results"


def walk_module(h: Learner) -> None:
    """The whole module: lesson, a failed first try, a retry that passes, my reflections, finish."""
    read_lesson(h)
    take_quiz(h, FIRST_TRY)
    h.press(h.at("#results .retry"))
    take_quiz(h, SECOND_TRY)
    h.next()
    assert h.current_step() == "reflections"
    h.press(h.at(".pager .finish"))
