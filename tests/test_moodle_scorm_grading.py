"""A whole-course SCORM package in Moodle 4.5: complete and passed only after its last module.

Checked against what a real Moodle 4.5.6 stored when learners went through the course's whole-course SCORM
1.2 and 2004 packages in its player (tests/fixtures/moodle-reference/scorm-whole-course), through the model of
Moodle's grading and completion in tests/moodle_scorm.py (mod/scorm/locallib.php `scorm_grade_user_attempt`,
mod/scorm/lib.php `scorm_grade_item_update`, mod/scorm/classes/completion/custom_completion.php). The HR
guide's settings for such a package are read from docs/hr-guide.md.
"""
from __future__ import annotations

import re

import pytest

from tests.moodle_scorm import (
    GRADEHIGHEST, GRADESCOES, Settings, Track, grade_max, is_complete, recorded_activities, user_grade,
)
from tests.support import FIXTURES, REPO

RECORDED = FIXTURES / "moodle-reference" / "scorm-whole-course"
SNAPSHOTS = ("part-done", "all-done")
GUIDE = REPO / "docs" / "hr-guide.md"


@pytest.fixture(scope="module", params=SNAPSHOTS)
def snapshot(request):
    return recorded_activities(RECORDED / request.param)


def test_the_model_gives_the_grades_and_completion_moodle_stored(snapshot):
    for activity in snapshot.values():
        assert grade_max(activity.settings, activity.scos) == activity.grademax == len(activity.scos) == 9
        for username, tracks in activity.tracks.items():
            assert user_grade(activity.settings, activity.scos, tracks) == activity.grades.get(username), username
            assert is_complete(activity.settings, activity.scos, tracks) == (username in activity.complete), username


def test_moodle_completed_and_passed_only_learners_who_finished_every_module():
    for name in SNAPSHOTS:
        for activity in recorded_activities(RECORDED / name).values():
            for username, tracks in activity.tracks.items():
                done = {t.sco for t in tracks if t.value in ("passed", "completed")}
                finished = done >= set(activity.scos)
                assert (username in activity.complete) == finished, (name, activity.version, username)
                assert (activity.grades[username] >= activity.gradepass) == finished


def test_both_versions_were_seen_part_done_and_done():
    seen = {(name, activity.version, len({t.sco for t in tracks if t.value in ("passed", "completed")}))
            for name in SNAPSHOTS for activity in recorded_activities(RECORDED / name).values()
            for tracks in activity.tracks.values()}
    for version in ("SCORM_1.2", "SCORM_1.3"):
        assert (("part-done", version, 8) in seen) and (("all-done", version, 9) in seen), version


def test_with_the_per_module_settings_one_module_completes_the_whole_course():
    """The issue's observation: 'Highest grade', status passed or completed, all-SCOs off."""
    activity = recorded_activities(RECORDED / "part-done")["6"]  # the SCORM 1.2 package
    first_module_only = activity.tracks["i15s1"]
    assert {t.sco for t in first_module_only} == {activity.scos[0]}
    per_module = Settings(grademethod=GRADEHIGHEST, maxgrade=100, completionstatusrequired=6,
                          completionstatusallscos=False)
    assert user_grade(per_module, activity.scos, first_module_only) == 100
    assert is_complete(per_module, activity.scos, first_module_only)
    assert not is_complete(activity.settings, activity.scos, first_module_only)


def test_a_2004_module_failed_with_no_tries_left_counts_as_done_but_a_12_one_does_not():
    """2004 reports completion_status completed with success_status failed (docs/tracking.md), and Moodle's
    'Learning objects' and 'all SCOs' read completion only: recorded, the failed module counts 1 of 9.
    1.2 reports lesson_status failed, which neither counts."""
    activity = recorded_activities(RECORDED / "failed-2004-module")["82"]
    failed = activity.tracks["i15s6"]
    assert {(t.element, t.value) for t in failed} >= {("cmi.completion_status", "completed"),
                                                      ("cmi.success_status", "failed")}
    assert user_grade(activity.settings, activity.scos, failed) == activity.grades["i15s6"] == 1
    assert is_complete(activity.settings, [activity.scos[0]], failed)  # were it the only module
    failed_12 = [Track(1, activity.scos[0], "cmi.core.lesson_status", "failed")]
    assert user_grade(activity.settings, activity.scos, failed_12) == 0
    assert not is_complete(activity.settings, [activity.scos[0]], failed_12)


def guide_whole_course_settings() -> tuple[Settings, str]:
    """The settings docs/hr-guide.md gives a whole-course package, as Moodle's values, and its grade to pass."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### Hele kurset som én aktivitet"):]
    section = section[:section.index("\n## ")]

    def choice(setting: str) -> str:
        row = next(line for line in section.splitlines() if line.startswith("|") and f"*{setting}*" in line)
        return row.split("|")[3].strip().strip("*")

    grading = {"Learning objects": GRADESCOES, "Highest grade": GRADEHIGHEST}[choice("Grading method")]
    statuses = choice("Require status")
    required = (2 if "Passed" in statuses else 0) + (4 if "Completed" in statuses else 0)
    all_scos = choice("All SCOs must return completion status") == "Flueben"
    grade_to_pass = re.search(r"\*Grade to pass\* = \*\*([^*]+)\*\*", section).group(1)
    return Settings(grading, 100, required, all_scos), grade_to_pass


def test_the_hr_guide_gives_a_whole_course_package_the_settings_moodle_needs():
    settings, grade_to_pass = guide_whole_course_settings()
    assert grade_to_pass == "antallet af moduler"
    for name in SNAPSHOTS:
        for activity in recorded_activities(RECORDED / name).values():
            assert settings == activity.settings  # the recorded activities were set up by the guide
            for username, tracks in activity.tracks.items():
                finished = {t.sco for t in tracks if t.value in ("passed", "completed")} >= set(activity.scos)
                assert is_complete(settings, activity.scos, tracks) == finished
                assert (user_grade(settings, activity.scos, tracks) >= len(activity.scos)) == finished
