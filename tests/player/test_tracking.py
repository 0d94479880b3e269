"""A keyboard-only learner completes a module under scorm-again (SCORM 1.2 and 2004); the test asserts what
the LMS holds: status, score, objective, every interaction in the version's formats, session time, location,
suspend_data, reflections, exit, and a single terminate. Every request stays inside the package."""
from __future__ import annotations

import re

import pytest

from tests.player.lms import COMMIT, FINISH, INIT
from tests.player.walk import REFLECTION, walk_module

SPEC = {
    "1.2": {
        "status": "cmi.core.lesson_status", "exit": "cmi.core.exit", "session": "cmi.core.session_time",
        "location": "cmi.core.lesson_location", "score": "cmi.core.score.raw", "normal_exit": "",
        "session_format": r"^\d{4}:\d{2}:\d{2}\.\d{2}$", "latency_format": r"^\d{4}:\d{2}:\d{2}\.\d{2}$",
        "time": ("time", r"^\d{2}:\d{2}:\d{2}$"), "response": "student_response", "wrong": "wrong",
        "statuses": ["incomplete", "passed"],
        "first_try": [
            ("intro-single", "choice", "a", ["a"], "correct"),
            ("intro-multiple", "choice", "a,c", ["a,b"], "wrong"),
            ("intro-sandt", "true-false", "t", ["t"], "correct"),
            ("intro-match", "matching", "a.b,b.a,c.c", ["a.a,b.b,c.c"], "wrong"),
            ("intro-orden", "sequencing", "a,b,c", ["a,b,c"], "correct"),
            ("intro-scenarie.start", "choice", "a", ["a"], "correct"),
            ("intro-scenarie.aftale", "choice", "b", ["a"], "wrong"),
        ],
    },
    "2004": {
        "status": "cmi.success_status", "exit": "cmi.exit", "session": "cmi.session_time",
        "location": "cmi.location", "score": "cmi.score.raw", "normal_exit": "normal",
        "session_format": r"^PT(\d+H)?(\d+M)?\d+\.\d{2}S$", "latency_format": r"^PT(\d+H)?(\d+M)?\d+\.\d{2}S$",
        "time": ("timestamp", r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}[+-]\d{2}:\d{2}$"),
        "response": "learner_response", "wrong": "incorrect",
        "statuses": ["passed"],
        "first_try": [
            ("intro-single", "choice", "a", ["a"], "correct"),
            ("intro-multiple", "choice", "a[,]c", ["a[,]b"], "incorrect"),
            ("intro-sandt", "true-false", "true", ["true"], "correct"),
            ("intro-match", "matching", "a[.]b[,]b[.]a[,]c[.]c", ["a[.]a[,]b[.]b[,]c[.]c"], "incorrect"),
            ("intro-orden", "sequencing", "a[,]b[,]c", ["a[,]b[,]c"], "correct"),
            ("intro-scenarie.start", "choice", "a", ["a"], "correct"),
            ("intro-scenarie.aftale", "choice", "b", ["a"], "incorrect"),
        ],
    },
}


@pytest.fixture(scope="module", params=["1.2", "2004"])
def walked(request, browser, server):
    """One keyboard-only walk per SCORM version, shared by the assertions below."""
    from tests.player.lms import Harness

    context = browser.new_context(viewport={"width": 1024, "height": 768})
    harness = Harness(context.new_page(), server.url, request.param, "intro")
    walk_module(harness)
    harness.wait_for_call(FINISH[request.param])
    yield harness
    context.close()


def test_status_and_score_end_passed(walked):
    spec, cmi = SPEC[walked.version], walked.cmi()
    statuses = [value for _, value in walked.sets(spec["status"])]
    assert [s for i, s in enumerate(statuses) if i == 0 or s != statuses[i - 1]] == spec["statuses"]
    if walked.version == "1.2":
        assert cmi["core"]["lesson_status"] == "passed"
        assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    else:
        assert (cmi["completion_status"], cmi["success_status"]) == ("completed", "passed")
        assert cmi["score"] == {"scaled": "1", "raw": "100", "min": "0", "max": "100"}
        assert [v for _, v in walked.sets("cmi.completion_status")] == ["incomplete", "completed"]
    # the failed first try (58.33 %, a try left) is no outcome: no score, no failed, so Moodle resumes the attempt
    assert [value for _, value in walked.sets(spec["score"])] == ["100"]


def test_one_objective_for_the_module(walked):
    objective = walked.cmi()["objectives"]["0"]
    assert objective["id"] == "intro"
    if walked.version == "1.2":
        assert (objective["status"], objective["score"]["raw"]) == ("passed", "100")
    else:
        assert (objective["success_status"], objective["completion_status"]) == ("passed", "completed")
        assert objective["score"]["scaled"] == "1"


def test_every_answer_is_an_interaction_in_the_versions_format(walked):
    spec, records = SPEC[walked.version], walked.interactions()
    assert len(records) == 14  # two tries of 5 questions and 2 scenario decisions
    for record, (identifier, kind, response, patterns, result) in zip(records, spec["first_try"]):
        assert record["id"] == identifier
        assert record["type"] == kind
        assert record[spec["response"]] == response
        assert [p["pattern"] for p in record["correct_responses"].values()] == patterns
        assert record["result"] == result
        assert record["weighting"] == "1"
    assert all(r["result"] == "correct" for r in records[7:])
    stamp, stamp_format = spec["time"]
    for element, value in walked.sets():
        if element.startswith("cmi.interactions."):
            if element.endswith(".latency"):
                assert re.match(spec["latency_format"], value), value
            if element.endswith("." + stamp):
                assert re.match(stamp_format, value), value
    if walked.version == "2004":
        assert records[0]["description"] == "Hvad er vores kerneopgave?"
        assert records[5]["description"] == "Projektlederen beder om mere tid."


def test_session_time_in_the_versions_format(walked):
    spec = SPEC[walked.version]
    times = [value for _, value in walked.sets(spec["session"])]
    assert times and all(re.match(spec["session_format"], t) for t in times), times


def test_location_and_compact_suspend_data(walked):
    spec, cmi = SPEC[walked.version], walked.cmi()
    assert walked.last(spec["location"]) == "reflections"
    suspend = cmi["suspend_data"]
    assert suspend.startswith("1|") and "|reflections|" in suspend
    assert len(suspend) <= 1000
    assert all(len(value) <= 1000 for _, value in walked.sets("cmi.suspend_data"))


def test_reflection_is_sent_where_the_version_has_room(walked):
    cmi = walked.cmi()
    if walked.version == "1.2":
        assert cmi["comments"] == "[intro.min-vaerdi] " + REFLECTION
    else:
        comment = cmi["comments_from_learner"]["0"]
        assert comment["location"] == "intro.min-vaerdi"
        assert comment["comment"] == REFLECTION.replace("\n", "¶")
    assert REFLECTION not in cmi["suspend_data"]


def test_exit_is_suspend_until_finished_then_normal(walked):
    spec = SPEC[walked.version]
    exits = [value for _, value in walked.sets(spec["exit"])]
    assert exits[0] == "suspend"
    assert exits[-1] == spec["normal_exit"]
    assert exits.count(spec["normal_exit"]) == 1  # only once the retry passed


def test_initialize_and_terminate_exactly_once(walked):
    version = walked.version
    assert walked.count(INIT[version]) == 1
    assert walked.count(FINISH[version]) == 1
    assert 1 <= walked.count(COMMIT[version]) <= 15
    assert not any(element.startswith("adl.") for element, _ in walked.sets())
    assert walked.errors() == []


def test_no_request_leaves_the_package(walked):
    assert walked.sco_requests()
    assert walked.outside_requests() == []


def test_the_player_never_relies_on_unload(sco_root):
    # Chrome refuses synchronous requests in unload; Moodle 4.5's iframe permissions policy blocks the event.
    scripts = "".join(p.read_text(encoding="utf-8") for p in sorted((sco_root / "player").glob("*.js")))
    assert "pagehide" in scripts and "visibilitychange" in scripts
    assert not re.search(r"""["'](before)?unload["']|onunload|onbeforeunload""", scripts)
