"""Every form and encoding Moodle offers gives the same figures; the same data twice counts once."""
from __future__ import annotations


import pytest

from course_builder.content import load_course
from course_builder.report.exports import detect_export
from course_builder.report.pipeline import analyse_exports
from course_builder.report.tables import open_table
from tests.report import scenario
from tests.report.moodle_exports import (
    activity_completion_rows, course_completion_rows, write_activity_completion, write_course_completion,
    write_scorm_report,
)
from tests.report.test_moodle_exports import REFERENCE


@pytest.fixture(scope="module")
def course():
    return load_course(scenario.COURSE).course


def figures(analysis):
    """Everything HR sees, without the list of files read."""
    return (analysis.modules, analysis.months, analysis.learners, analysis.score_bins, analysis.items,
            analysis.references, analysis.notes)


def run(course, paths):
    analysis, problems = analyse_exports(paths, course)
    assert analysis is not None, [str(p) for p in problems]
    return analysis, problems


@pytest.fixture(scope="module")
def baseline(course, tmp_path_factory):
    analysis, _ = run(course, scenario.write_downloads(tmp_path_factory.mktemp("baseline")))
    return figures(analysis)


@pytest.mark.parametrize("fundamentet_form, roller_form", [(".xlsx", ".ods"), (".ods", ".txt")])
def test_every_scorm_form_gives_the_same_figures(course, tmp_path, baseline, fundamentet_form, roller_form):
    analysis, _ = run(course, scenario.write_downloads(tmp_path, fundamentet_form, roller_form))
    assert figures(analysis) == baseline


def test_completion_downloads_in_their_other_encodings(course, tmp_path, baseline):
    paths = scenario.write_downloads(tmp_path)
    activity, course_file = paths[2], paths[3]
    write_activity_completion(activity, activity_completion_rows(scenario.ACTIVITIES, scenario.completion_learners()),
                              excel=True)  # UTF-16LE, tabs
    write_course_completion(course_file, course_completion_rows(scenario.ACTIVITIES[1:],
                                                                scenario.completion_learners()), excel=False)
    assert activity.read_bytes()[:2] == b"\xff\xfe"
    analysis, _ = run(course, paths)
    assert figures(analysis) == baseline


def test_the_same_report_twice_is_counted_once(course, tmp_path, baseline):
    paths = scenario.write_downloads(tmp_path / "a")
    other = tmp_path / "b"
    other.mkdir()
    twins = [
        write_scorm_report(other / "fundamentet-excel.xlsx", "interactions", scenario.FUNDAMENTET,
                           scenario.fundamentet_learners()),
        write_scorm_report(other / "fundamentet-ods.ods", "interactions", scenario.FUNDAMENTET,
                           scenario.fundamentet_learners()),
        # The Basic report of a module read beside its Interactions report adds nothing new either.
        write_scorm_report(other / "roller-basic.txt", "basic", scenario.ROLLER, scenario.roller_learners()),
    ]
    excel_activity = other / "activity-excel.csv"
    write_activity_completion(excel_activity, activity_completion_rows(scenario.ACTIVITIES,
                                                                       scenario.completion_learners()), excel=True)
    analysis, problems = run(course, paths + twins + [excel_activity])
    assert figures(analysis) == baseline
    duplicates = sorted(p.path.name for p in problems if "holds the same data" in p.message)
    assert duplicates == ["activity-excel.csv", "fundamentet-excel.xlsx", "fundamentet-ods.ods"]


def test_a_folder_of_downloads_is_read_whole(course, tmp_path, baseline):
    scenario.write_downloads(tmp_path / "downloads")
    analysis, _ = run(course, [tmp_path / "downloads"])
    assert figures(analysis) == baseline


needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference is not beside the repository")


@needs_reference
@pytest.mark.parametrize("report", ["scorm-cm11-basic", "scorm-cm11-interactions", "scorm-cm12-basic",
                                    "scorm-cm12-interactions"])
def test_moodles_own_downloads_read_alike_in_every_form(report):
    records = []
    for suffix in ("-CSV.txt", "-Excel.xlsx", "-ODS.ods"):
        export = detect_export(open_table(REFERENCE / "scorm-reports" / f"{report}{suffix}"))
        records.append(list(export.records()))
    assert records[0] == records[1] == records[2]
    assert len(records[0]) == 2


@needs_reference
def test_moodles_own_interactions_report(tmp_path):
    export = detect_export(open_table(REFERENCE / "scorm-reports" / "scorm-cm11-interactions-Excel.xlsx"))
    first, second = export.records()
    assert first.learner.email == "student1@example.com" and first.attempt == 1
    assert [(c.id, c.response, c.right, c.result) for c in first.interactions] == [
        ("Q1_capital_of_france", "b", "b", "correct"), ("Q2_two_plus_two", "5", "4", "wrong")]
    assert first.scos[0].value == "85" and first.started.isoformat() == "2026-11-22T10:38:00"
    assert (second.grade, second.scos[0].value, second.interactions) == ("0", "Incomplete", ())


@needs_reference
@pytest.mark.parametrize("name", ["course7-activity-completion.csv", "course7-activity-completion-excel.csv",
                                  "course7-course-completion.csv", "course7-course-completion-excel.csv"])
def test_moodles_own_completion_downloads(name):
    export = detect_export(open_table(REFERENCE / "course-reports" / name))
    assert export.activities == ["Sample SCORM 1.2", "Sample SCORM 2004"]
    first, second = export.records()
    assert [(a.state, a.date.isoformat()) for a in first.activities] == [
        ("y", "2026-11-22T10:38:12"), ("y", "2026-11-22T10:38:28")]
    assert [(a.state, a.date) for a in second.activities] == [("n", None), ("n", None)]
    assert second.learner.name == "Student2 Learner" and second.learner.email == "student2@example.com"
    if "course-completion" in name:
        assert first.course_completed.isoformat() == "2026-11-22T10:38:28" and second.course_completed is None


def test_an_activity_of_several_scos_is_read_block_by_block(course, tmp_path):
    """With several SCOs Moodle writes, per row, each SCO's cell followed by its own interaction cells,
    though the header lists the SCO columns first (mod/scorm/report/interactions/classes/report.php)."""
    from tests.report.moodle_exports import fputcsv_line, moodle_date

    header = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", "Fundamentet",
              "Fundamentet, del 2", "Question 0", "Response 0"]
    when = moodle_date(scenario.at(5, 4, 9), True)
    rows = [header,
            ["Anna Andersen", "anna@example.dk", 1, when, when, 100, "100", "fund-single", "a", "Incomplete", "", ""],
            ["Bo Berg", "bo@example.dk", 1, when, when, 0, "Incomplete", "", "", "90", "fund-single", "b"]]
    path = tmp_path / "Fundamentet.txt"
    path.write_text("".join(fputcsv_line(row, "\t") for row in rows), encoding="utf-8")
    analysis, _ = run(course, [path])
    single = next(i for i in analysis.items if i.interaction_id == "fund-single")
    assert (single.answered, single.correct, single.wrong_text) == (2, 1, "At spare penge")
    assert [m.score for l in analysis.learners for m in l.modules] == [100.0, 90.0]


def test_the_benchmarks_synthetic_export_is_read_row_for_row(course, tmp_path):
    from bench.make_report_export import write_interactions_export
    from course_builder.report import read_export

    path = write_interactions_export(tmp_path / "synthetic.txt", course, "roller", rows=50, learners=7)
    export = read_export(path)
    records = list(export.records())
    assert len(records) == 50 and len({r.learner.email for r in records}) == 7
    assert {c.id for r in records for c in r.interactions} == {"rol-scenarie.start", "rol-scenarie.aftale",
                                                               "rol-single"}
    analysis, _ = run(course, [path])
    assert sum(m.learners for m in analysis.modules) == 7
