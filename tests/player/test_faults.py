"""Faults injected into the LMS's API: SetValue answering false, a failing commit, an API that disappears
mid-session. The learner goes on, nothing answered is lost (kept locally, sent again at the next commit),
and the console names the SCORM error code and its text."""
from __future__ import annotations

import pytest

from tests.player.lms import COMMIT, FINISH, SET
from tests.player.walk import SECOND_TRY, answer, read_lesson

ERROR_TEXT = {"1.2": ("error 101", "General Exception"), "2004": ("error 351", "General Set Failure")}
CONNECTION_NOTE = "Forbindelsen til læringsplatformen svigter"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_refused_values_are_logged_and_sent_again(lms, version):
    h = lms(version, "intro")
    read_lesson(h)
    h.inject("set")
    answer(h, "intro-single", ["a"])
    assert h.at("#q-intro-single .verdict").inner_text() == "Rigtigt"
    code, text = ERROR_TEXT[version]
    refused = f"{SET[version]}(cmi.interactions.0.id)"
    logged = [e for e in h.errors(refused) if refused in e]
    assert logged and code in logged[0] and text in logged[0]
    assert CONNECTION_NOTE in h.at(".status-note").inner_text()
    assert h.interactions() == []
    h.heal()
    h.next()
    h.hide()
    records = h.interactions()
    assert [(r["id"], r["result"]) for r in records] == [("intro-single", "correct")]
    assert h.last("cmi.suspend_data").endswith("|a,,,,,")


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_failing_commit_is_repeated_with_everything_since_the_last_good_one(lms, version):
    h = lms(version, "intro")
    read_lesson(h)
    h.inject("commit")
    answer(h, "intro-single", ["a"])
    h.next()
    h.hide()
    assert any(f"{COMMIT[version]}()" in e for e in h.errors(f"{COMMIT[version]}()"))
    assert len(h.sets("cmi.interactions.0.id")) == 1
    h.heal()
    h.hide()
    assert len(h.sets("cmi.interactions.0.id")) == 2  # the unconfirmed values went out again
    last_commit = [c for c in h.page.evaluate("harness.calls") if c["fn"] == COMMIT[version]][-1]
    assert last_commit["ret"] == "true"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_an_api_that_disappears_loses_nothing(lms, version):
    h = lms(version, "intro")
    read_lesson(h)
    h.inject("vanish")
    answer(h, "intro-single", ["a"])
    h.next()
    answer(h, "intro-multiple", ["a", "b"])
    h.next()
    assert h.current_step() == "q-intro-sandt"
    assert any("the LMS API is gone" in e for e in h.errors("the LMS API is gone"))
    h.heal()
    for question in ("intro-sandt", "intro-match", "intro-orden", "intro-scenarie"):
        answer(h, question, SECOND_TRY[question])
        h.next()
    h.next()
    h.press(h.at(".pager .finish"))
    h.wait_for_call(FINISH[version])
    assert [r["id"] for r in h.interactions()][:2] == ["intro-single", "intro-multiple"]
    assert len(h.interactions()) == 7
    status = h.cmi()["core"]["lesson_status"] if version == "1.2" else h.cmi()["success_status"]
    assert status == "passed"


def test_answers_given_while_the_lms_was_gone_survive_a_closed_window(lms):
    h = lms("1.2", "intro")
    read_lesson(h)
    h.hide()
    h.inject("vanish")
    answer(h, "intro-single", ["b"])
    h.close()  # the window closes while the LMS is unreachable: nothing reaches it
    h.heal()
    kept = h.relaunch()
    assert kept["suspend_data"].endswith("|,,,,,")
    assert h.current_step() == "q-intro-single"
    assert h.at("#q-intro-single .verdict").inner_text() == "Forkert"
    h.hide()
    assert h.cmi()["suspend_data"].endswith("|b,,,,,")  # the browser's copy went to the LMS


def test_a_value_over_the_versions_limit_is_refused_not_cut(lms):
    h = lms("1.2", "intro")
    h.frame.evaluate("CoursePlayer.lms.set('cmi.core.lesson_location', 'x'.repeat(256))")
    h.frame.evaluate("CoursePlayer.lms.set('cmi.interactions.9.id', 'has space')")
    assert h.last("cmi.core.lesson_location") == "p1"
    assert h.sets("cmi.interactions.9.id") == []
    assert sum("does not fit" in e for e in h.errors()) == 2


def test_commits_are_throttled_never_per_keystroke(lms):
    h = lms("2004", "intro")
    h.next()
    h.hide()
    before = h.count(COMMIT["2004"])
    h.tab_to(h.at("#refl-min-vaerdi"))
    h.page.keyboard.type("En lang refleksion, skrevet tegn for tegn, som aldrig må sende ét commit pr. tast.", delay=15)
    h.page.keyboard.press("Tab")  # leaving the box settles the text
    h.page.wait_for_function("harness.sets('cmi.comments_from_learner.0.comment').length > 0")
    assert h.count(COMMIT["2004"]) - before <= 1
    assert len(h.sets("cmi.comments_from_learner.0.comment")) == 1  # once, when the learner left the box
    assert h.last("cmi.comments_from_learner.0.comment").startswith("En lang refleksion")
