"""The conversion of our questions to Moodle's question fields: grades, ids, images, names."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_builder.build import load_and_validate
from course_builder.content.model import Option, Question, ScenarioNode, Source
from course_builder.moodle_questions import (
    MOODLE_FRACTIONS,
    Category,
    embed_images,
    equal_share,
    percent,
    question_bank,
    short_idnumber,
)
from course_builder.question_types import question_type
from course_builder.question_types.scenario import decision_fractions
from course_builder.templating import Templates
from tests.support import FIXTURES

HERE = Source(Path("quiz.yaml"), 1)


def multiple(correct: int, wrong: int) -> Question:
    options = [Option(f"{n}", f"right {n}", "ja", HERE, correct=True) for n in range(correct)]
    options += [Option(f"w{n}", f"wrong {n}", "nej", HERE) for n in range(wrong)]
    return Question("q", "multiple", "?", "ref", HERE, options=options)


@pytest.mark.parametrize("correct,wrong", [(1, 1), (2, 1), (2, 3), (3, 2), (4, 4), (7, 2), (10, 1), (1, 10)])
def test_multiple_response_grades_add_up_and_punish_guessing(correct, wrong):
    fractions = question_type("multiple").fractions(multiple(correct, wrong))
    values = list(fractions.values())
    assert all(v in MOODLE_FRACTIONS for v in values)
    assert round(sum(v for v in values if v > 0), 2) == 1.0
    assert sum(values) <= 1e-6  # ticking every box: nothing
    assert all(v < 0 for k, v in fractions.items() if k.startswith("w"))


@pytest.mark.parametrize("correct", [11, 13, 19])
def test_a_split_moodle_has_no_grade_for_is_refused(correct):
    assert equal_share(correct) is None
    assert question_type("multiple").fractions(multiple(correct, 1)) is None


def test_a_question_moodle_cannot_grade_is_left_out_of_the_bank_with_a_warning(tmp_path):
    source = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", source)
    quiz = source / "quizzes" / "intro.yaml"
    options = "".join(f"      - {{id: {letter}, text: Svar {letter}, correct: true, feedback: Ja.}}\n"
                      for letter in "defghijklmn")
    text = quiz.read_text(encoding="utf-8").replace("      - id: c\n        text: Hastighed", options + "      - id: c\n        text: Hastighed")
    quiz.write_text(text, encoding="utf-8")
    course, problems = load_and_validate(source)
    assert not [p for p in problems if p.is_error]
    bank = question_bank(course, Templates(course.root))
    assert "intro-multiple" not in {q.idnumber for q in bank.questions}
    assert bank.warnings == [f"{quiz}:15: moodle: question 'intro-multiple' has 13 correct options; Moodle can "
                             "split full marks evenly only among 1-10 or 20: left out of the question bank"]


def node(node_id: str, targets: list[str]) -> ScenarioNode:
    return ScenarioNode(node_id, "?", [Option(str(n), "x", "y", HERE, next=t) for n, t in enumerate(targets)], None, HERE)


def test_decision_grades_are_relative_to_the_best_choice_and_snap_to_moodles_grades():
    values = {"a": 80, "b": 52, "c": 0}
    assert decision_fractions(node("n", ["a", "b", "c"]), values) == {"0": 1.0, "1": 0.6666667, "2": 0.0}


def test_when_every_choice_leads_to_nothing_all_are_equally_right():
    assert decision_fractions(node("n", ["a", "b"]), {"a": 0, "b": 0}) == {"0": 1.0, "1": 1.0}


@pytest.mark.parametrize("fraction,written", [(1.0, "100"), (0.0, "0"), (-0.5, "-50"), (0.3333333, "33.33333"),
                                              (0.1428571, "14.28571"), (-1.0, "-100"), (0.05, "5")])
def test_percent_is_written_as_moodle_writes_it(fraction, written):
    assert percent(fraction) == written


def test_idnumbers_fit_moodles_column_and_stay_stable():
    short = "fund-mission.start"
    assert short_idnumber(short) == short
    long_a, long_b = "a" * 64 + "." + "b" * 64, "a" * 64 + "." + "c" * 64
    assert len(short_idnumber(long_a)) == 100
    assert short_idnumber(long_a) == short_idnumber(long_a) != short_idnumber(long_b)


def test_category_names_with_a_slash_are_escaped():
    assert Category(("A/B", "C"), "", "x").path == "$course$/top/A//B/C"


def test_images_become_pluginfile_references_with_their_bytes(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a b.png").write_bytes(b"png")
    html = '<p><img alt="x" src="sub/a%20b.png"><img src="missing.png"><img src="../up.png"><img src="https://x/y.png"></p>'
    rewritten, files, missing = embed_images(html, tmp_path)
    assert 'src="@@PLUGINFILE@@/sub/a%20b.png"' in rewritten and 'src="https://x/y.png"' in rewritten
    assert [(f.path, f.name, f.folder, f.data) for f in files] == [("sub/a b.png", "a b.png", "/sub/", b"png")]
    assert missing == ["missing.png", "../up.png"]
