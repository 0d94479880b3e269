"""What Moodle 4.5 makes of the cartridge's quizzes, and that the HR guide says so.

Moodle's CC import (backup/cc) writes every quiz with `sumgrades` 4 and `grade` 10 and every slot with mark 1,
whatever the cartridge says (backup/cc/sheets/course_modules_mod_quiz.xml, <SUMGRADES>4</SUMGRADES>
<GRADE>10</GRADE>; course_modules_mod_quiz_question_instance.xml, <GRADE>1</GRADE>); a quiz's grade is
marks / sumgrades x grade (mod/quiz/classes/grade_calculator.php), so anything but 4 questions is graded wrong,
and nothing in a cartridge can change it. Changing one mark in the quiz editor makes Moodle recompute
`sumgrades` as the sum of the marks (grade_calculator::recompute_quiz_sumgrades, called by edit_rest.php).
Recorded: the course's own cartridge imported into a real Moodle 4.5.6, one learner with every answer right
(tests/fixtures/moodle-reference/imscc-quizzes, see its README).
"""
from __future__ import annotations

import zipfile

from lxml import etree

from course_builder.build import build
from tests.moodle_scorm import read_csv
from tests.support import FIXTURES, REPO

RECORDED = FIXTURES / "moodle-reference" / "imscc-quizzes"
GUIDE = REPO / "docs" / "hr-guide.md"
QTI = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
CC_SUMGRADES, CC_GRADE = 4.0, 10.0


def moodle_quiz_grade(marks: float, sumgrades: float = CC_SUMGRADES, grade: float = CC_GRADE) -> float:
    """quiz_grades.grade of an attempt (grade_calculator: marks / sumgrades x grade, not capped)."""
    return marks / sumgrades * grade


def test_moodle_gave_every_imported_quiz_sumgrades_4_and_grade_10_and_a_mark_of_1_per_question():
    quizzes = read_csv(RECORDED / "quizzes.csv")
    untouched = [q for q in quizzes if q["quiz"] != "2"]  # quiz 2: its marks were edited after the import
    assert {(q["sumgrades"], q["grade"]) for q in untouched} == {("4.00000", "10.00000")}
    assert all(float(q["summaxmark"]) == int(q["slots"]) for q in quizzes)
    assert all(int(q["slots"]) > 4 for q in untouched)  # so none of them is graded right


def test_the_recorded_grades_follow_marks_over_4_times_10_and_the_gradebook_caps_them():
    quizzes = {q["quiz"]: q for q in read_csv(RECORDED / "quizzes.csv")}
    gradebook = {g["quiz"]: g for g in read_csv(RECORDED / "gradebook.csv")}
    for attempt in read_csv(RECORDED / "attempts.csv"):
        quiz = quizzes[attempt["quiz"]]
        marks = float(attempt["attempt_sumgrades"])
        assert marks == int(quiz["slots"])  # every answer right
        expected = moodle_quiz_grade(marks, float(quiz["sumgrades"]))
        assert float(attempt["quiz_grades_grade"]) == expected
        assert float(gradebook[attempt["quiz"]]["finalgrade"]) == min(expected, CC_GRADE)
    assert moodle_quiz_grade(9) == 22.5  # 9 of 9 right in "Fundamentet"
    assert float(quizzes["2"]["sumgrades"]) == int(quizzes["2"]["slots"])  # after one mark changed and back


def test_learners_may_not_review_an_imported_quiz_after_the_attempt():
    """reviewattempt 65536 is mod_quiz's DURING bit only (display_options::DURING = 0x10000)."""
    assert {q["reviewattempt"] for q in read_csv(RECORDED / "quizzes.csv")} == {"65536"}


def test_the_recorded_import_is_of_this_courses_cartridge(tmp_path):
    assert build(REPO, tmp_path / "dist", ["imscc"]).ok
    with zipfile.ZipFile(next((tmp_path / "dist/imscc").glob("*.imscc"))) as archive:
        counts = [len(etree.fromstring(archive.read(name)).xpath("//q:item", namespaces=QTI))
                  for name in sorted(archive.namelist(), key=lambda n: n.split("/")[0]) if name.endswith("assessment.xml")]
    recorded = {int(q["quiz"]): int(q["slots"]) for q in read_csv(RECORDED / "quizzes.csv")}
    assert sorted(counts) == sorted(recorded.values())


def test_the_hr_guide_states_what_moodle_does_with_the_cartridges_quizzes():
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### Common Cartridge"):text.index("## 9.")]
    assert " 5 ud af 10" not in section  # the old guide's number
    for fact in ("*Total of marks* er 4", "*Maximum grade* er 10", "22,5 ud af 10", "højst 10 ud af 10",
                 "Review not permitted", "første deltager har afleveret et forsøg", "ret det så tilbage til 1"):
        assert fact in section, fact
