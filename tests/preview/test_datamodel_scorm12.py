"""The SCORM 1.2 run-time API as the preview's LMS answers it: states, elements, types, errors, finish rules."""
import pytest

from course_builder.preview.datamodel import Launch, Session
from course_builder.preview.versions import version


def launch(**settings):
    return Launch(learner_id="learner-1", learner_name="Jensen, Anna", **settings)


def running(stored=None, **settings):
    session = Session(version("1.2"), launch(**settings), stored or {})
    assert session.call("LMSInitialize", [""]).result == "true"
    return session


def call(session, method, *arguments):
    answer = session.call(method, list(arguments))
    return answer.result, answer.error


def test_calls_before_initialize_answer_301():
    session = Session(version("1.2"), launch(), {})
    assert call(session, "LMSGetValue", "cmi.core.lesson_status") == ("", 301)
    assert call(session, "LMSSetValue", "cmi.core.lesson_location", "p2") == ("false", 301)
    assert call(session, "LMSCommit", "") == ("false", 301)
    assert call(session, "LMSFinish", "") == ("false", 301)


def test_initialize_twice_and_after_finish_is_a_general_exception():
    session = running()
    assert call(session, "LMSInitialize", "") == ("false", 101)
    assert call(session, "LMSFinish", "") == ("true", 0)
    assert call(session, "LMSInitialize", "") == ("false", 101)
    assert call(session, "LMSGetValue", "cmi.core.lesson_status") == ("", 101)
    assert call(session, "LMSFinish", "") == ("false", 101)


def test_a_parameter_other_than_the_empty_string_is_an_invalid_argument():
    session = Session(version("1.2"), launch(), {})
    assert call(session, "LMSInitialize", "x") == ("false", 201)
    session = running()
    assert call(session, "LMSCommit", "now") == ("false", 201)


def test_first_launch_values():
    session = running(mastery_score="80")
    assert call(session, "LMSGetValue", "cmi.core.student_id") == ("learner-1", 0)
    assert call(session, "LMSGetValue", "cmi.core.student_name") == ("Jensen, Anna", 0)
    assert call(session, "LMSGetValue", "cmi.core.lesson_status") == ("not attempted", 0)
    assert call(session, "LMSGetValue", "cmi.core.entry") == ("ab-initio", 0)
    assert call(session, "LMSGetValue", "cmi.core.credit") == ("credit", 0)
    assert call(session, "LMSGetValue", "cmi.core.lesson_mode") == ("normal", 0)
    assert call(session, "LMSGetValue", "cmi.core.total_time") == ("0000:00:00.00", 0)
    assert call(session, "LMSGetValue", "cmi.student_data.mastery_score") == ("80", 0)
    assert call(session, "LMSGetValue", "cmi.core.lesson_location") == ("", 0)
    assert call(session, "LMSGetValue", "cmi.suspend_data") == ("", 0)
    assert call(session, "LMSGetValue", "cmi._version") == ("3.4", 0)


def test_keywords():
    session = running()
    assert call(session, "LMSGetValue", "cmi.core.score._children") == ("raw,min,max", 0)
    assert call(session, "LMSGetValue", "cmi.objectives._count") == ("0", 0)
    assert call(session, "LMSGetValue", "cmi.core.lesson_status._children") == ("", 202)
    assert call(session, "LMSGetValue", "cmi.core._count") == ("", 203)
    assert call(session, "LMSGetValue", "cmi.nothing._children") == ("", 201)
    assert call(session, "LMSSetValue", "cmi.core._children", "x") == ("false", 402)
    assert call(session, "LMSSetValue", "cmi.interactions._count", "3") == ("false", 402)


def test_access():
    session = running()
    assert call(session, "LMSSetValue", "cmi.core.student_id", "x") == ("false", 403)
    assert call(session, "LMSSetValue", "cmi.core.total_time", "0001:00:00") == ("false", 403)
    assert call(session, "LMSGetValue", "cmi.core.exit") == ("", 404)
    assert call(session, "LMSGetValue", "cmi.core.session_time") == ("", 404)
    assert call(session, "LMSGetValue", "cmi.core.nothing") == ("", 201)
    assert call(session, "LMSGetValue", "") == ("", 201)


def test_interactions_are_write_only_as_in_moodle():
    session = running()
    assert call(session, "LMSSetValue", "cmi.interactions.0.id", "fund-mission") == ("true", 0)
    assert call(session, "LMSSetValue", "cmi.interactions.0.type", "choice") == ("true", 0)
    assert call(session, "LMSSetValue", "cmi.interactions.0.student_response", "a,b") == ("true", 0)
    assert call(session, "LMSSetValue", "cmi.interactions.0.correct_responses.0.pattern", "a,c") == ("true", 0)
    assert call(session, "LMSSetValue", "cmi.interactions.0.result", "wrong") == ("true", 0)
    assert call(session, "LMSGetValue", "cmi.interactions.0.id") == ("", 404)
    assert call(session, "LMSGetValue", "cmi.interactions.0.student_response") == ("", 404)
    assert call(session, "LMSGetValue", "cmi.interactions._count") == ("1", 0)
    assert call(session, "LMSGetValue", "cmi.interactions.0.correct_responses._count") == ("1", 0)
    assert session.records("cmi.interactions") == [{
        "id": "fund-mission", "type": "choice", "student_response": "a,b",
        "correct_responses.0.pattern": "a,c", "result": "wrong",
    }]


def test_records_are_made_in_order():
    session = running()
    assert call(session, "LMSSetValue", "cmi.objectives.1.id", "o2") == ("false", 201)
    assert call(session, "LMSSetValue", "cmi.objectives.0.id", "o1") == ("true", 0)
    assert call(session, "LMSSetValue", "cmi.objectives.1.status", "passed") == ("true", 0)
    assert call(session, "LMSGetValue", "cmi.objectives._count") == ("2", 0)
    assert call(session, "LMSGetValue", "cmi.objectives.0.id") == ("o1", 0)
    assert call(session, "LMSGetValue", "cmi.objectives.1.status") == ("passed", 0)
    assert call(session, "LMSGetValue", "cmi.objectives.0.status") == ("not attempted", 0)
    assert call(session, "LMSGetValue", "cmi.objectives.5.id") == ("", 201)
    assert call(session, "LMSSetValue", "cmi.objectives.01.id", "o1") == ("false", 201)


@pytest.mark.parametrize("element, value", [
    ("cmi.core.lesson_status", "done"),
    ("cmi.core.lesson_status", "not attempted"),  # the SCO may not set it back
    ("cmi.core.exit", "normal"),  # a 2004 word
    ("cmi.core.score.raw", "eighty"),
    ("cmi.core.score.raw", "101"),
    ("cmi.core.score.min", "-1"),
    ("cmi.core.session_time", "PT1M30S"),  # a 2004 duration
    ("cmi.core.session_time", "1:30:00"),
    ("cmi.core.lesson_location", "x" * 256),
    ("cmi.interactions.0.id", "has space"),
    ("cmi.interactions.0.time", "2024-01-01T10:00:00"),
    ("cmi.interactions.0.type", "long-fill-in"),
    ("cmi.interactions.0.result", "incorrect"),
    ("cmi.interactions.0.weighting", "101"),
    ("cmi.interactions.0.student_response", "x" * 256),
    ("cmi.student_preference.text", "2"),
])
def test_a_value_of_the_wrong_type_or_range_is_405(element, value):
    session = running()
    assert call(session, "LMSSetValue", element, value) == ("false", 405)


def test_score_raw_may_be_blank():
    session = running()
    assert call(session, "LMSSetValue", "cmi.core.score.raw", "") == ("true", 0)


def test_suspend_data_holds_4096_characters():
    session = running()
    assert call(session, "LMSSetValue", "cmi.suspend_data", "x" * 4096) == ("true", 0)
    assert call(session, "LMSSetValue", "cmi.suspend_data", "x" * 4097) == ("false", 405)
    assert call(session, "LMSGetLastError") == ("405", 405)
    assert "4097" in call(session, "LMSGetDiagnostic", "")[0]
    assert call(session, "LMSGetValue", "cmi.suspend_data") == ("x" * 4096, 0)


def test_error_strings():
    session = running()
    assert call(session, "LMSGetErrorString", "404")[0] == "Element is write only"
    assert call(session, "LMSGetErrorString", "405")[0] == "Incorrect data type"
    assert call(session, "LMSGetErrorString", "999")[0] == ""
    assert call(session, "LMSGetErrorString", "")[0] == ""


def test_get_last_error_does_not_change_the_error():
    session = running()
    call(session, "LMSGetValue", "cmi.core.exit")
    assert call(session, "LMSGetLastError") == ("404", 404)
    assert call(session, "LMSGetErrorString", "404")[0]
    assert call(session, "LMSGetLastError") == ("404", 404)
    call(session, "LMSGetValue", "cmi.core.lesson_status")
    assert call(session, "LMSGetLastError") == ("0", 0)


def test_commit_and_finish_store_the_data():
    saved = []
    session = Session(version("1.2"), launch(), {}, save=lambda values: saved.append(values) or True)
    call(session, "LMSInitialize", "")
    call(session, "LMSSetValue", "cmi.core.lesson_location", "p3")
    assert call(session, "LMSCommit", "") == ("true", 0)
    assert saved[-1]["cmi.core.lesson_location"] == "p3"
    call(session, "LMSSetValue", "cmi.core.lesson_status", "incomplete")
    assert session.uncommitted == ["cmi.core.lesson_status"]
    call(session, "LMSFinish", "")
    assert saved[-1]["cmi.core.lesson_status"] == "incomplete"
    assert session.uncommitted == []


def test_a_store_that_fails_makes_commit_fail():
    session = Session(version("1.2"), launch(), {}, save=lambda values: False)
    call(session, "LMSInitialize", "")
    assert call(session, "LMSCommit", "") == ("false", 101)


def test_finish_without_a_status_completes_the_sco_as_moodle_does():
    session = running()
    call(session, "LMSFinish", "")
    assert session.record()["cmi.core.lesson_status"] == "completed"


def test_browse_mode_gives_browsed_and_no_credit():
    session = running(mode="browse")
    assert call(session, "LMSGetValue", "cmi.core.credit") == ("no-credit", 0)
    assert call(session, "LMSGetValue", "cmi.core.lesson_mode") == ("browse", 0)
    call(session, "LMSFinish", "")
    assert session.record()["cmi.core.lesson_status"] == "browsed"


@pytest.mark.parametrize("status, raw, expected", [
    ("completed", "85", "passed"), ("completed", "50", "failed"), ("incomplete", "80", "passed"), ("passed", "", "passed"),
])
def test_mastery_score_overrides_the_status_on_finish_as_in_moodle(status, raw, expected):
    session = running(mastery_score="80")
    call(session, "LMSSetValue", "cmi.core.lesson_status", status)
    call(session, "LMSSetValue", "cmi.core.score.raw", raw)
    call(session, "LMSFinish", "")
    assert session.record()["cmi.core.lesson_status"] == expected
    assert bool(session.notes) is (status != expected)


def test_total_time_adds_up_session_times_on_finish_only():
    session = running()
    call(session, "LMSSetValue", "cmi.core.session_time", "00:01:30.5")
    call(session, "LMSCommit", "")
    assert session.record()["cmi.core.total_time"] == "0000:00:00.00"
    call(session, "LMSFinish", "")
    first = session.record()
    assert first["cmi.core.total_time"] == "0000:01:30.50"
    second = running(first)
    assert call(second, "LMSGetValue", "cmi.core.total_time") == ("0000:01:30.50", 0)
    call(second, "LMSSetValue", "cmi.core.session_time", "0001:00:00")
    call(second, "LMSFinish", "")
    assert second.record()["cmi.core.total_time"] == "0001:01:30.50"
    third = running(second.record())
    call(third, "LMSFinish", "")  # no session time this time: nothing is added
    assert third.record()["cmi.core.total_time"] == "0001:01:30.50"


def test_entry_is_resume_after_suspend_and_empty_after_a_normal_exit():
    first = running()
    call(first, "LMSSetValue", "cmi.core.exit", "suspend")
    call(first, "LMSSetValue", "cmi.suspend_data", "p=3")
    call(first, "LMSFinish", "")
    second = running(first.record())
    assert call(second, "LMSGetValue", "cmi.core.entry") == ("resume", 0)
    assert call(second, "LMSGetValue", "cmi.suspend_data") == ("p=3", 0)
    call(second, "LMSFinish", "")  # exits without suspend
    third = running(second.record())
    assert call(third, "LMSGetValue", "cmi.core.entry") == ("", 0)


def test_values_javascript_sends_as_numbers_arrive_as_text():
    session = running()
    assert call(session, "LMSSetValue", "cmi.core.score.raw", 85.0) == ("true", 0)
    assert call(session, "LMSGetValue", "cmi.core.score.raw") == ("85", 0)


def test_unknown_api_function_is_refused():
    session = running()
    with pytest.raises(ValueError):
        session.call("Initialize", [""])
