"""The whole-course SCORM 2004 package's sequencing, run by scorm-again's sequencing engine (Node).

The manifest's sequencing is handed to scorm-again as an LMS would (sequencing_settings.py), then a
learner's sessions are played: what gets delivered next, and what rolls up to the course.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.exporters.package_reading import manifest_of
from tests.exporters.sequencing_settings import activity_tree

RUNNER = Path(__file__).resolve().parent / "harness" / "sequencing.mjs"


def play(package: Path, sessions: list[tuple[str, str | None]]) -> dict:
    """Each session: the SCO delivered next sets completion (and a scaled score), then asks to continue."""
    node = shutil.which("node")
    assert node, "node is needed (it comes with npm; run `make test-deps`)"
    data = {"tree": activity_tree(manifest_of(package)),
            "sessions": [{"completion": c, "scaled": s, "request": "continue"} for c, s in sessions]}
    result = subprocess.run([node, str(RUNNER)], input=json.dumps(data), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def course_package(full_sequencing_package) -> Path:
    """The variant that orders modules (scorm2004.sequencing: full-sequencing)."""
    return full_sequencing_package


@pytest.fixture(scope="module", params=["moodle", "full-sequencing"])
def either_package(request, packaging_dist, full_sequencing_package) -> Path:
    """Both variants roll up the same way."""
    if request.param == "moodle":
        return packaging_dist / "scorm2004/pakke-kursus.zip"
    return full_sequencing_package


def test_a_module_left_incomplete_keeps_the_next_one_closed(course_package):
    played = play(course_package, [("incomplete", None), ("incomplete", None)])
    assert played["delivered"] == ["ITEM-1-start"]


def test_each_module_opens_once_the_one_before_is_completed(course_package):
    played = play(course_package, [("completed", "0.5"), ("incomplete", None), ("completed", None)])
    # completed but failed still opens the next module; a module left incomplete does not
    assert played["delivered"] == ["ITEM-1-start", "ITEM-uden-quiz"]
    played = play(course_package, [("completed", "0.5"), ("completed", None), ("completed", "0.9")])
    assert played["delivered"] == ["ITEM-1-start", "ITEM-uden-quiz", "ITEM-afslutning"]


def test_the_course_rolls_up_completion_pass_and_the_average_quiz_score(either_package):
    played = play(either_package, [("completed", "0.9"), ("completed", None), ("completed", "0.8")])
    assert [(c["id"], c["success"]) for c in played["children"]] == [
        ("ITEM-1-start", "passed"), ("ITEM-uden-quiz", "unknown"), ("ITEM-afslutning", "passed")]
    assert played["root"]["completion"] == "completed"
    assert played["root"]["success"] == "passed"
    assert played["root"]["measure"] == pytest.approx(0.85)  # the module without quiz does not count


def test_one_quiz_below_the_mastery_score_fails_the_course(either_package):
    played = play(either_package, [("completed", "0.9"), ("completed", None), ("completed", "0.6")])
    assert played["children"][2]["success"] == "failed"  # 0.6 < 0.75, by measure alone
    assert (played["root"]["completion"], played["root"]["success"]) == ("completed", "failed")
    assert played["root"]["measure"] == pytest.approx(0.75)


def test_the_course_is_not_completed_while_a_module_is_not(either_package):
    played = play(either_package, [("completed", "0.9"), ("completed", None), ("incomplete", None)])
    assert played["root"]["completion"] == "incomplete"
    assert played["root"]["success"] == "unknown"  # the last quiz has no result yet: no verdict on the course


def test_no_verdict_on_the_course_while_quizzes_are_still_to_come(either_package):
    played = play(either_package, [("completed", "0.9")])
    assert (played["root"]["completion"], played["root"]["success"]) == ("unknown", "unknown")


def test_in_the_default_package_a_learner_moves_on_from_an_incomplete_module(packaging_dist):
    played = play(packaging_dist / "scorm2004/pakke-kursus.zip", [("incomplete", None), ("incomplete", None)])
    assert played["delivered"] == ["ITEM-1-start", "ITEM-uden-quiz", "ITEM-afslutning"]
