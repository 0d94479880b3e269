"""The SCORM 2004 4th edition run-time API as the preview's LMS answers it."""
import pytest

from course_builder.preview.datamodel import Launch, Session
from course_builder.preview.versions import version
from course_builder.preview.scorm2004 import correct_response, learner_response


def launch(**settings):
    return Launch(learner_id="learner-1", learner_name="Anna Jensen", **settings)


def running(stored=None, **settings):
    session = Session(version("2004"), launch(**settings), stored or {})
    assert session.call("Initialize", [""]).result == "true"
    return session


def call(session, method, *arguments):
    answer = session.call(method, list(arguments))
    return answer.result, answer.error


def interaction(session, kind, index=0):
    assert call(session, "SetValue", f"cmi.interactions.{index}.id", f"q{index}") == ("true", 0)
    assert call(session, "SetValue", f"cmi.interactions.{index}.type", kind) == ("true", 0)


def test_state_errors_have_their_own_numbers():
    session = Session(version("2004"), launch(), {})
    assert call(session, "GetValue", "cmi.location") == ("", 122)
    assert call(session, "SetValue", "cmi.location", "p1") == ("false", 132)
    assert call(session, "Commit", "") == ("false", 142)
    assert call(session, "Terminate", "") == ("false", 112)
    assert call(session, "Initialize", "") == ("true", 0)
    assert call(session, "Initialize", "") == ("false", 103)
    assert call(session, "Terminate", "") == ("true", 0)
    assert call(session, "GetValue", "cmi.location") == ("", 123)
    assert call(session, "SetValue", "cmi.location", "p1") == ("false", 133)
    assert call(session, "Commit", "") == ("false", 143)
    assert call(session, "Terminate", "") == ("false", 113)
    assert call(session, "Initialize", "") == ("false", 104)


def test_first_launch_values():
    session = running(scaled_passing_score="0.8")
    assert call(session, "GetValue", "cmi.learner_id") == ("learner-1", 0)
    assert call(session, "GetValue", "cmi.learner_name") == ("Anna Jensen", 0)
    assert call(session, "GetValue", "cmi.entry") == ("ab-initio", 0)
    assert call(session, "GetValue", "cmi.mode") == ("normal", 0)
    assert call(session, "GetValue", "cmi.credit") == ("credit", 0)
    assert call(session, "GetValue", "cmi.completion_status") == ("unknown", 0)
    assert call(session, "GetValue", "cmi.success_status") == ("unknown", 0)
    assert call(session, "GetValue", "cmi.total_time") == ("PT0H0M0S", 0)
    assert call(session, "GetValue", "cmi.scaled_passing_score") == ("0.8", 0)
    assert call(session, "GetValue", "cmi._version") == ("1.0", 0)
    assert call(session, "GetValue", "adl.nav.request") == ("_none_", 0)
    assert call(session, "GetValue", "cmi.learner_preference.audio_level") == ("1", 0)


@pytest.mark.parametrize("element", [
    "cmi.location", "cmi.suspend_data", "cmi.score.raw", "cmi.score.scaled", "cmi.progress_measure",
    "cmi.completion_threshold", "cmi.max_time_allowed",
])
def test_elements_without_a_value_answer_403(element):
    session = running()
    assert call(session, "GetValue", element) == ("", 403)


def test_an_element_set_to_the_empty_string_has_a_value():
    session = running()
    assert call(session, "SetValue", "cmi.location", "") == ("true", 0)
    assert call(session, "GetValue", "cmi.location") == ("", 0)


def test_keywords_and_unknown_elements():
    session = running()
    assert call(session, "GetValue", "cmi.score._children") == ("scaled,raw,min,max", 0)
    assert call(session, "GetValue", "cmi.interactions._count") == ("0", 0)
    assert call(session, "GetValue", "cmi.location._children") == ("", 301)
    assert call(session, "GetValue", "cmi.score._count") == ("", 301)
    assert call(session, "GetValue", "cmi.score._version") == ("", 301)
    assert call(session, "GetValue", "cmi.nothing") == ("", 401)
    assert call(session, "GetValue", "") == ("", 301)
    assert call(session, "SetValue", "", "x") == ("false", 351)
    assert call(session, "SetValue", "cmi._version", "2.0") == ("false", 404)
    assert call(session, "SetValue", "cmi.interactions._count", "2") == ("false", 404)


def test_adl_data_is_undefined_as_in_moodle():
    session = running()
    result = session.call("GetValue", ["adl.data.0.id"])
    assert result.error == 401
    assert "Moodle" in result.diagnostic


def test_access():
    session = running()
    assert call(session, "SetValue", "cmi.learner_id", "x") == ("false", 404)
    assert call(session, "SetValue", "cmi.total_time", "PT1H") == ("false", 404)
    assert call(session, "SetValue", "cmi.completion_threshold", "0.5") == ("false", 404)
    assert call(session, "GetValue", "cmi.exit") == ("", 405)
    assert call(session, "GetValue", "cmi.session_time") == ("", 405)


@pytest.mark.parametrize("element, value, error", [
    ("cmi.completion_status", "passed", 406),
    ("cmi.success_status", "completed", 406),
    ("cmi.exit", "finished", 406),
    ("cmi.session_time", "00:01:30", 406),  # a 1.2 timespan
    ("cmi.session_time", "P", 406),
    ("cmi.location", "x" * 1001, 406),
    ("cmi.score.scaled", "1.5", 407),
    ("cmi.score.scaled", "-1.01", 407),
    ("cmi.score.scaled", "high", 406),
    ("cmi.progress_measure", "1.1", 407),
    ("cmi.learner_preference.audio_level", "-1", 407),
    ("cmi.learner_preference.audio_captioning", "2", 406),
    ("cmi.learner_preference.language", "dansk", 406),
    ("adl.nav.request", "jump", 406),
])
def test_wrong_type_is_406_and_out_of_range_407(element, value, error):
    session = running()
    assert call(session, "SetValue", element, value) == ("false", error)


def test_suspend_data_holds_64000_characters_as_in_moodle():
    session = running()
    assert call(session, "SetValue", "cmi.suspend_data", "x" * 64000) == ("true", 0)
    assert call(session, "SetValue", "cmi.suspend_data", "x" * 64001) == ("false", 406)


def test_a_new_interaction_begins_with_its_id():
    session = running()
    assert call(session, "SetValue", "cmi.interactions.0.type", "choice") == ("false", 408)
    assert call(session, "SetValue", "cmi.interactions.1.id", "q1") == ("false", 351)
    assert call(session, "SetValue", "cmi.interactions.0.id", "fund-scenario.start") == ("true", 0)
    assert call(session, "SetValue", "cmi.interactions.0.type", "choice") == ("true", 0)
    assert call(session, "GetValue", "cmi.interactions.0.id") == ("fund-scenario.start", 0)
    assert call(session, "GetValue", "cmi.interactions.0.result") == ("", 403)
    assert call(session, "GetValue", "cmi.interactions.1.id") == ("", 301)
    assert call(session, "SetValue", "cmi.interactions.1.objectives.0.id", "o") == ("false", 408)


def test_responses_need_the_interaction_type_first():
    session = running()
    call(session, "SetValue", "cmi.interactions.0.id", "q")
    assert call(session, "SetValue", "cmi.interactions.0.learner_response", "a") == ("false", 408)
    assert call(session, "SetValue", "cmi.interactions.0.correct_responses.0.pattern", "a") == ("false", 408)


def test_a_choice_interaction_end_to_end():
    session = running()
    interaction(session, "choice")
    assert call(session, "SetValue", "cmi.interactions.0.correct_responses.0.pattern", "a[,]c") == ("true", 0)
    assert call(session, "SetValue", "cmi.interactions.0.learner_response", "a[,]b") == ("true", 0)
    assert call(session, "SetValue", "cmi.interactions.0.learner_response", "a[,]a") == ("false", 406)
    assert call(session, "SetValue", "cmi.interactions.0.result", "incorrect") == ("true", 0)
    assert call(session, "SetValue", "cmi.interactions.0.result", "wrong") == ("false", 406)
    assert call(session, "SetValue", "cmi.interactions.0.timestamp", "2026-03-01T10:15:00.5+01:00") == ("true", 0)
    assert call(session, "SetValue", "cmi.interactions.0.latency", "PT12.5S") == ("true", 0)
    assert call(session, "GetValue", "cmi.interactions.0.correct_responses._count") == ("1", 0)
    assert call(session, "GetValue", "cmi.interactions.0.learner_response") == ("a[,]b", 0)


def test_true_false_holds_one_correct_response():
    session = running()
    interaction(session, "true-false")
    assert call(session, "SetValue", "cmi.interactions.0.correct_responses.0.pattern", "yes") == ("false", 406)
    assert call(session, "SetValue", "cmi.interactions.0.correct_responses.0.pattern", "true") == ("true", 0)
    assert call(session, "SetValue", "cmi.interactions.0.correct_responses.1.pattern", "false") == ("false", 351)


def test_objective_ids_are_unique_and_do_not_change():
    session = running()
    assert call(session, "SetValue", "cmi.objectives.0.id", "fundamentet") == ("true", 0)
    assert call(session, "SetValue", "cmi.objectives.1.id", "fundamentet") == ("false", 351)
    assert call(session, "SetValue", "cmi.objectives.0.id", "other") == ("false", 351)
    assert call(session, "SetValue", "cmi.objectives.0.id", "fundamentet") == ("true", 0)
    assert call(session, "SetValue", "cmi.objectives.1.score.scaled", "0.5") == ("false", 408)
    assert call(session, "GetValue", "cmi.objectives.0.success_status") == ("unknown", 0)
    assert call(session, "GetValue", "cmi.objectives.0.score.scaled") == ("", 403)
    assert call(session, "GetValue", "cmi.objectives.0.score._children") == ("scaled,raw,min,max", 0)


@pytest.mark.parametrize("kind, value, ok", [
    ("true-false", "true", True), ("true-false", "1", False),
    ("choice", "a", True), ("choice", "a[,]b[,]c", True), ("choice", "", True), ("choice", "a[,]a", False), ("choice", "a b", False),
    ("fill-in", "{case_matters=true}{order_matters=false}svar[,]andet", True), ("fill-in", "{lang=da}svar", True),
    ("fill-in", "{case_matters=maybe}svar", False), ("fill-in", "[,]".join("x" * 11), False),
    ("long-fill-in", "{case_matters=false}" + "x" * 4000, True), ("long-fill-in", "{order_matters=true}x", False),
    ("likert", "agree", True), ("likert", "a[,]b", False),
    ("matching", "a[.]1[,]b[.]2", True), ("matching", "a[.]1[.]2", False), ("matching", "a-1", False),
    ("performance", "{order_matters=true}step1[.]answer[,]step2[.]1[:]5", True), ("performance", "[.]", False),
    ("sequencing", "c[,]a[,]b", True), ("sequencing", "", False),
    ("numeric", "1[:]5", True), ("numeric", "[:]5", True), ("numeric", "5[:]1", False), ("numeric", "3.5", True), ("numeric", "x", False),
    ("other", "anything at all", True),
])
def test_correct_response_patterns(kind, value, ok):
    assert correct_response(kind, value) is ok


@pytest.mark.parametrize("kind, value, ok", [
    ("true-false", "false", True), ("choice", "a[,]b", True), ("choice", "a[,]b[,]a", False),
    ("fill-in", "{lang=da}mit svar", True), ("fill-in", "{case_matters=true}x", False),
    ("matching", "a[.]b", True), ("performance", "step1[.]answer", True), ("performance", "step1[.]1[:]5", False),
    ("sequencing", "b[,]a", True), ("likert", "x", True), ("numeric", "42", True), ("numeric", "1[:]5", False),
])
def test_learner_responses(kind, value, ok):
    assert learner_response(kind, value) is ok


def test_success_status_follows_the_scaled_passing_score():
    session = running(scaled_passing_score="0.8")
    assert call(session, "SetValue", "cmi.success_status", "passed") == ("true", 0)
    assert call(session, "GetValue", "cmi.success_status") == ("unknown", 0)  # no score.scaled yet
    call(session, "SetValue", "cmi.score.scaled", "0.7")
    assert call(session, "GetValue", "cmi.success_status") == ("failed", 0)
    call(session, "SetValue", "cmi.score.scaled", "0.8")
    assert call(session, "GetValue", "cmi.success_status") == ("passed", 0)


def test_without_a_passing_score_the_sco_decides():
    session = running()
    call(session, "SetValue", "cmi.success_status", "failed")
    call(session, "SetValue", "cmi.score.scaled", "0.99")
    assert call(session, "GetValue", "cmi.success_status") == ("failed", 0)


def test_completion_status_follows_the_completion_threshold():
    session = running(completion_threshold="0.5")
    call(session, "SetValue", "cmi.completion_status", "completed")
    assert call(session, "GetValue", "cmi.completion_status") == ("unknown", 0)
    call(session, "SetValue", "cmi.progress_measure", "0.4")
    assert call(session, "GetValue", "cmi.completion_status") == ("incomplete", 0)
    call(session, "SetValue", "cmi.progress_measure", "0.5")
    call(session, "Terminate", "")
    assert session.record()["cmi.completion_status"] == "completed"


def test_total_time_and_entry_across_sessions():
    first = running()
    call(first, "SetValue", "cmi.session_time", "PT1M2.25S")
    call(first, "SetValue", "cmi.exit", "suspend")
    call(first, "SetValue", "cmi.location", "p2")
    call(first, "Terminate", "")
    assert first.record()["cmi.total_time"] == "PT0H1M2.25S"
    second = running(first.record())
    assert call(second, "GetValue", "cmi.entry") == ("resume", 0)
    assert call(second, "GetValue", "cmi.location") == ("p2", 0)
    assert call(second, "GetValue", "cmi.total_time") == ("PT0H1M2.25S", 0)
    call(second, "SetValue", "cmi.session_time", "PT1H")
    call(second, "SetValue", "cmi.exit", "normal")
    call(second, "Terminate", "")
    assert second.record()["cmi.total_time"] == "PT1H1M2.25S"
    third = running(second.record())
    assert call(third, "GetValue", "cmi.entry") == ("", 0)
    assert call(third, "GetValue", "adl.nav.request") == ("_none_", 0)


def test_terminate_without_session_time_leaves_a_note_about_moodle():
    session = running()
    call(session, "Terminate", "")
    assert any("session_time" in note for note in session.notes)


@pytest.mark.parametrize("request_, noted", [("continue", False), ("previous", False), ("suspendAll", False),
                                             ("exit", True), ("exitAll", True), ("abandon", True), ("{target=intro}choice", True)])
def test_navigation_requests_moodle_fails_on_are_noted(request_, noted):
    session = running()
    assert call(session, "SetValue", "adl.nav.request", request_) == ("true", 0)
    assert bool(session.notes) is noted


def test_request_valid_is_unknown_without_a_sequencing_engine():
    session = running()
    assert call(session, "GetValue", "adl.nav.request_valid.continue") == ("unknown", 0)
    assert call(session, "GetValue", "adl.nav.request_valid.choice.{target=intro}") == ("unknown", 0)


def test_error_strings():
    session = running()
    assert call(session, "GetErrorString", "408")[0] == "Data Model Dependency Not Established"
    assert call(session, "GetErrorString", "0")[0] == "No Error"
