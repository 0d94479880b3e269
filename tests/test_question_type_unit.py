"""Adding a question type is one unit: a QuestionType in the registry and its templates folder (here a
course's own templates/question_types/<name>/) reach loading, validation, the player and Moodle's bank
without a change anywhere else (docs/architecture.md, "How to add a question type")."""
from __future__ import annotations

import shutil

from course_builder.build import build
from course_builder.content.problems import Problem
from course_builder.exporters.gift import gift
from course_builder.moodle_questions import question_bank
from course_builder.question_types import registry
from course_builder.question_types.single import Single
from course_builder.templating import Templates
from tests.support import FIXTURES, module_page_in


class Dilemma(Single):
    """One best option; every option must explain itself."""

    name = "dilemma"
    label = "Dilemma"

    def check(self, question, problems) -> None:
        super().check(question, problems)
        for option in question.options:
            if len(option.feedback) < 10:
                problems.append(Problem(option.source.path, option.source.line, "a dilemma explains every option"))


QUESTION = """\
  - id: intro-dilemma
    type: dilemma
    reference: mission
    prompt: Hvad gør du først?
    options:
      - id: a
        text: Lytter
        correct: true
        feedback: {feedback_a}
      - id: b
        text: Beslutter
        feedback: Også muligt, men lyt først.
"""


def course_with_a_dilemma(tmp_path, feedback_a: str):
    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", course)
    quiz = course / "quizzes" / "intro.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + QUESTION.format(feedback_a=feedback_a), encoding="utf-8")
    own = course / "templates" / "question_types" / "dilemma"
    own.mkdir(parents=True)
    (own / "question.html.j2").write_text(
        '{% extends "player/answered_question.html.j2" %}\n{% block controls %}\n'
        '    <p class="dilemma-hint">Vælg det bedste.</p>\n'
        "{% for option in question.options %}\n"
        '    <input type="radio" name="q-{{ question.id }}" value="{{ option.id }}">\n'
        "{% endfor %}\n{% endblock %}\n", encoding="utf-8")
    (own / "player.js").write_text("// dilemma: a single choice\ntypes.dilemma = {};\n", encoding="utf-8")
    return course


def test_a_new_type_is_loaded_checked_played_and_put_in_the_bank(tmp_path, monkeypatch):
    monkeypatch.setitem(registry.TYPES, "dilemma", Dilemma())
    course = course_with_a_dilemma(tmp_path, "Ja, lyt først til de andre.")
    result = build(course, tmp_path / "dist", ["web"])
    assert result.ok, [str(p) for p in result.problems]
    page = module_page_in(tmp_path / "dist" / "web" / "intro")
    assert 'data-type="dilemma"' in page and '<p class="dilemma-hint">Vælg det bedste.</p>' in page
    script = (tmp_path / "dist" / "web" / "player" / "quiz.js").read_text(encoding="utf-8")
    assert "types.dilemma = {};" in script and "// dilemma" not in script
    bank = question_bank(result.course, Templates(course))
    made = [q for q in bank.questions if q.question_id == "intro-dilemma"]
    assert [(q.qtype, q.single, q.content_type) for q in made] == [("multichoice", True, "dilemma")]
    assert "Hvad gør du først?" in gift(bank, []).text


def test_a_new_types_own_rules_are_reported_with_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setitem(registry.TYPES, "dilemma", Dilemma())
    course = course_with_a_dilemma(tmp_path, "Ja.")
    result = build(course, tmp_path / "dist", ["web"])
    assert not result.ok
    assert [(p.path, p.line) for p in result.problems if p.message == "a dilemma explains every option"] == [
        (course / "quizzes" / "intro.yaml", _line_of(course, "      - id: a\n        text: Lytter"))]
    assert not (tmp_path / "dist" / "web").exists()


def test_without_the_registry_line_the_type_is_unknown(tmp_path):
    course = course_with_a_dilemma(tmp_path, "Ja, lyt først til de andre.")
    result = build(course, tmp_path / "dist", ["web"])
    assert any("unknown question type 'dilemma'" in str(p) for p in result.problems)


def _line_of(course, text: str) -> int:
    quiz = (course / "quizzes" / "intro.yaml").read_text(encoding="utf-8")
    return quiz[: quiz.index(text)].count("\n") + 1
