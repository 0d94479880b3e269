"""The test helper writes downloads byte for byte as the real Moodle 4.5 did (shared/reference)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.report.moodle_exports import (
    Attempt, CompletionLearner, Interaction, ScormLearner, activity_completion_rows, course_completion_rows,
    write_activity_completion, write_course_completion, write_scorm_report,
)
from tests.support import REPO

REFERENCE = next((folder / "shared" / "reference" / "moodle" / "exports" for folder in REPO.parents
                  if (folder / "shared" / "reference" / "moodle" / "exports").is_dir()), REPO / "missing")
pytestmark = pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference is not beside the repository")

WHEN = datetime(2026, 11, 22, 10, 38)


def reference_learners(score: str, interactions: list[Interaction], second_attempted: bool) -> list[ScormLearner]:
    first = ScormLearner("Student1 Learner", "student1@example.com",
                         [Attempt(1, WHEN, WHEN, "passed", score, "100", interactions)])
    second = ScormLearner("Student2 Learner", "student2@example.com",
                          [Attempt(1, WHEN, WHEN, "incomplete")] if second_attempted else [])
    return [first, second]


SCORM12_INTERACTIONS = [Interaction("Q1_capital_of_france", "b", "b", "correct"),
                        Interaction("Q2_two_plus_two", "5", "4", "wrong")]


@pytest.mark.parametrize("name, kind, learners, question_count", [
    ("scorm-cm11-basic-CSV.txt", "basic", reference_learners("85", SCORM12_INTERACTIONS, True), None),
    ("scorm-cm11-interactions-CSV.txt", "interactions", reference_learners("85", SCORM12_INTERACTIONS, True), None),
    ("scorm-cm12-basic-CSV.txt", "basic", reference_learners("90", [], False), None),
    ("scorm-cm12-interactions-CSV.txt", "interactions", reference_learners("90", [], False), 1),
])
def test_scorm_text_downloads_match_moodle(tmp_path: Path, name, kind, learners, question_count):
    title = "Lesson 1 (SCORM 1.2)" if "cm11" in name else "Lesson 1 (SCORM 2004)"
    written = write_scorm_report(tmp_path / name, kind, title, learners, question_count=question_count)
    assert written.read_bytes() == (REFERENCE / "scorm-reports" / name).read_bytes()


ACTIVITIES = ["Sample SCORM 1.2", "Sample SCORM 2004"]
COMPLETION_LEARNERS = [
    CompletionLearner("Student1 Learner", "student1@example.com",
                      {ACTIVITIES[0]: ("y", datetime(2026, 11, 22, 10, 38, 12)),
                       ACTIVITIES[1]: ("y", datetime(2026, 11, 22, 10, 38, 28))},
                      course_completed=datetime(2026, 11, 22, 10, 38, 28), user_id=3),
    CompletionLearner("Student2 Learner", "student2@example.com", {}, user_id=4),
]


@pytest.mark.parametrize("excel", [False, True])
def test_activity_completion_downloads_match_moodle(tmp_path: Path, excel: bool):
    name = "course7-activity-completion-excel.csv" if excel else "course7-activity-completion.csv"
    write_activity_completion(tmp_path / name, activity_completion_rows(ACTIVITIES, COMPLETION_LEARNERS), excel)
    assert (tmp_path / name).read_bytes() == (REFERENCE / "course-reports" / name).read_bytes()


@pytest.mark.parametrize("excel", [False, True])
def test_course_completion_downloads_match_moodle(tmp_path: Path, excel: bool):
    name = "course7-course-completion-excel.csv" if excel else "course7-course-completion.csv"
    write_course_completion(tmp_path / name, course_completion_rows(ACTIVITIES, COMPLETION_LEARNERS), excel)
    assert (tmp_path / name).read_bytes() == (REFERENCE / "course-reports" / name).read_bytes()


@pytest.mark.parametrize("name", [
    "scorm-cm11-basic-Excel.xlsx", "scorm-cm11-interactions-Excel.xlsx", "scorm-cm11-basic-ODS.ods",
    "scorm-cm11-interactions-ODS.ods",
])
def test_spreadsheet_downloads_hold_the_same_cells_as_moodles(tmp_path: Path, name):
    from course_builder.report.tables import open_table

    kind = "interactions" if "interactions" in name else "basic"
    learners = reference_learners("85", SCORM12_INTERACTIONS, True)
    written = write_scorm_report(tmp_path / name.replace("-Excel", "").replace("-ODS", ""), kind,
                                 "Lesson 1 (SCORM 1.2)", learners)
    assert list(open_table(written).rows()) == list(open_table(REFERENCE / "scorm-reports" / name).rows())
