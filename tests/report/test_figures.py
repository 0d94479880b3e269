"""Hand-checked figures for the cohort in tests/report/scenario.py (see its docstring for the data)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_builder.content import load_course
from course_builder.report.pipeline import analyse_exports
from course_builder.report.writer import page_notes
from tests.report import scenario
from tests.support import edit


@pytest.fixture(scope="module")
def course():
    loaded = load_course(scenario.COURSE)
    assert loaded.course is not None and not [p for p in loaded.problems if p.is_error]
    return loaded.course


def analyse(course, paths: list[Path]):
    analysis, problems = analyse_exports(paths, course)
    errors = [str(p) for p in problems if p.is_error]
    assert analysis is not None, errors
    return analysis, problems


@pytest.fixture(scope="module")
def result(course, tmp_path_factory):
    folder = tmp_path_factory.mktemp("downloads")
    return analyse(course, scenario.write_downloads(folder))


def module_row(analysis, module_id):
    return next(m for m in analysis.modules if m.module_id == module_id)


def item(analysis, interaction_id):
    return next(i for i in analysis.items if i.interaction_id == interaction_id)


def test_completion_and_pass_rate_per_module(result):
    analysis, _ = result
    fundamentet = module_row(analysis, "fundamentet")
    # 6 learners; started: all but Dorte; completed: Anna, Bo (activity completion), Eva (80 >= 80);
    # scores 100, 90 (Bo's best), 80, 40 (Cai has none); passed: Anna, Bo, Eva.
    assert (fundamentet.learners, fundamentet.started, fundamentet.completed) == (6, 5, 3)
    assert (fundamentet.scored, fundamentet.passed) == (4, 3)
    assert (fundamentet.completion_percent, fundamentet.pass_percent, fundamentet.median_score) == (50, 75, 85.0)
    roller = module_row(analysis, "roller")
    # started: Anna, Bo, Eva; scores 100, 50, 0 (Eva's zero is a real score); only Anna passed.
    assert (roller.started, roller.completed, roller.scored, roller.passed) == (3, 1, 3, 1)
    assert (roller.completion_percent, roller.pass_percent, roller.median_score) == (17, 33, 50.0)


def test_follow_up_lists(result):
    analysis, _ = result
    assert [l.name for l in analysis.learners_in("completed")] == ["Anna Andersen"]
    assert [l.name for l in analysis.learners_in("not_started")] == ["Dorte Dam"]
    started = {l.name: l for l in analysis.learners_in("in_progress")}
    assert list(started) == ["Bo Berg", "Cai Clausen", "Eva Eriksen", "Frank Friis"]
    assert started["Bo Berg"].titles("failed") == ["Roller og krydspres"]
    assert started["Cai Clausen"].titles("in_progress") == ["Fundamentet"]
    assert started["Cai Clausen"].titles("not_started") == ["Roller og krydspres"]
    assert started["Eva Eriksen"].titles("completed") == ["Fundamentet"]
    assert started["Frank Friis"].titles("failed") == ["Fundamentet"]
    assert started["Frank Friis"].email == "frank@example.dk"


def test_score_zero_without_a_finished_attempt_is_no_score(result):
    analysis, _ = result
    cai = next(l for l in analysis.learners if l.name == "Cai Clausen")
    fundamentet = next(m for m in cai.modules if m.module_id == "fundamentet")
    assert fundamentet.score is None and fundamentet.state == "in_progress"
    eva = next(l for l in analysis.learners if l.name == "Eva Eriksen")
    roller = next(m for m in eva.modules if m.module_id == "roller")
    assert roller.score == 0.0 and roller.state == "failed"


@pytest.mark.parametrize("interaction_id, answered, correct, percent, wrong_text, wrong_count", [
    ("fund-single", 4, 1, 25, "At spare penge", 2),
    ("fund-multiple", 4, 2, 50, "Hastighed", 2),
    ("fund-sandt", 4, 2, 50, "Falsk", 2),
    ("fund-match", 4, 2, 50, "Troværdighed → Vi lytter til hinanden", 2),
    ("fund-orden", 4, 2, 50, "Vision → Mission → Pejlemærker", 2),
    ("rol-scenarie.start", 3, 2, 67, "Sig nej uden at tale sammen", 1),
    ("rol-scenarie.aftale", 2, 1, 50, "Lad medarbejderen selv finde ud af det", 1),
    ("rol-single", 3, 1, 33, "Projektlederen alene", 2),
])
def test_item_analysis(result, interaction_id, answered, correct, percent, wrong_text, wrong_count):
    analysis, _ = result
    row = item(analysis, interaction_id)
    assert (row.answered, row.correct, row.correct_percent) == (answered, correct, percent)
    assert (row.wrong_text, row.wrong_count) == (wrong_text, wrong_count)


def test_item_analysis_names_the_framework_section(result):
    analysis, _ = result
    row = item(analysis, "rol-scenarie.aftale")
    assert (row.reference_title, row.document, row.section) == ("Krydspres", "grundlag",
                                                                 "Matrix- og projektorganisering")
    assert row.situation == "I skal aftale opgaverne."
    assert item(analysis, "fund-single").prompt == "Hvad er vores mission?"


def test_reflections_are_never_analysed(result):
    analysis, _ = result
    assert not [i for i in analysis.items if "min-vaerdi" in i.interaction_id]
    assert not any("min-vaerdi" in note for note in page_notes(analysis, scenario.COURSE))


def test_framework_sections_weakest_first(result):
    analysis, _ = result
    # mission: fund-single 1/4 + fund-orden 2/4; vaerdier: 2/4 three times; krydspres: 2/3 + 1/2.
    assert [(r.reference_id, r.answered, r.correct, r.correct_percent) for r in analysis.references] == [
        ("leder-for-medarbejdere", 3, 1, 33), ("mission", 8, 3, 38), ("vaerdier", 12, 6, 50),
        ("krydspres", 5, 3, 60)]


def test_months_group_learners_by_the_month_they_started(result):
    analysis, _ = result
    rows = [(r.month, r.module_id, r.started, r.completed, r.scored, r.passed, r.completed_in_month,
             r.completion_percent, r.pass_percent) for r in analysis.months]
    assert rows == [
        ("2026-03", "fundamentet", 2, 2, 2, 2, 1, 100, 100),   # Anna, Bo (first attempt in March)
        ("2026-04", "fundamentet", 3, 1, 2, 1, 2, 33, 50),     # Cai, Eva, Frank; Bo and Eva completed in April
        ("2026-04", "roller", 3, 1, 3, 1, 1, 33, 33),
    ]


def test_score_distribution(result):
    analysis, _ = result
    counts = {(b.module_id, b.low): b.count for b in analysis.score_bins if b.count}
    assert counts == {("fundamentet", 40): 1, ("fundamentet", 80): 1, ("fundamentet", 90): 2,
                      ("roller", 0): 1, ("roller", 50): 1, ("roller", 90): 1}


def test_completion_rule_trap_is_pointed_out(result):
    analysis, _ = result
    assert [n for n in page_notes(analysis, scenario.COURSE) if n.startswith("Fundamentet: 1 deltager(e) har bestået")]


def test_activities_that_are_no_module_are_named(result):
    _, problems = result
    assert any("'Velkommen'" in p.message and not p.is_error for p in problems)


def test_item_texts_are_one_line_with_the_glossary_s_words(tmp_path):
    source = tmp_path / "course"
    shutil.copytree(scenario.COURSE, source)
    edit(source / "quizzes" / "fundamentet.yaml", "prompt: Hvad er vores **mission**?",
         'prompt: "Hvad er vores **mission**, og hvad er\\n[[krydspres|et krydspres]] og [[krydspres]]?"')
    analysis, _ = analyse(load_course(source).course, scenario.write_downloads(tmp_path / "downloads"))
    assert item(analysis, "fund-single").prompt == "Hvad er vores mission, og hvad er et krydspres og Krydspres?"
