"""The LMS adapter's formatting functions, one per SCORM data type, against the specs' examples, and the
saved-state format (compact, versioned) in the page itself."""
from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def player(browser, sco_root):
    context = browser.new_context(timezone_id="Europe/Copenhagen")
    page = context.new_page()
    page.goto((sco_root / "intro" / "index.html").as_uri())
    page.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")
    yield page
    context.close()


def js(page, expression: str, *args):
    return page.evaluate(expression, list(args) if args else None)


@pytest.mark.parametrize("ms, timespan, duration", [
    (0, "0000:00:00.00", "PT0.00S"),
    (500, "0000:00:00.50", "PT0.50S"),
    (3_723_450, "0001:02:03.45", "PT1H2M3.45S"),
    (59_999, "0000:01:00.00", "PT1M0.00S"),
    (36_000_000, "0010:00:00.00", "PT10H0.00S"),
    (1000 * 3600 * 1234 + 61_000, "1234:01:01.00", "PT1234H1M1.00S"),
])
def test_time_spans(player, ms, timespan, duration):
    # SCORM 1.2 CMITimespan HHHH:MM:SS.SS; SCORM 2004 timeinterval (second,10,2)
    assert js(player, "ms => CoursePlayer.format.timespan(ms)", ms) == timespan
    assert js(player, "ms => CoursePlayer.format.duration(ms)", ms) == duration
    assert re.fullmatch(r"P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?", duration)


def test_times_of_day_and_timestamps(player):
    # SCORM 1.2 CMITime HH:MM:SS; SCORM 2004 time (second,10,0) YYYY-MM-DDThh:mm:ss.s with the zone
    assert js(player, "() => CoursePlayer.format.time(new Date(2026, 0, 2, 3, 4, 5))") == "03:04:05"
    winter = js(player, "() => CoursePlayer.format.timestamp(new Date(2026, 10, 22, 9, 8, 7, 650))")
    summer = js(player, "() => CoursePlayer.format.timestamp(new Date(2026, 6, 1, 23, 59, 59, 999))")
    assert (winter, summer) == ("2026-11-22T09:08:07.65+01:00", "2026-07-01T23:59:59.99+02:00")


@pytest.mark.parametrize("identifier, ok", [
    ("fund-mission-prioritet", True), ("fund-scenario.start", True), ("has space", False),
    ("", False), ("x" * 255, True), ("x" * 256, False), ("æble", False),
])
def test_identifiers(player, identifier, ok):
    assert js(player, "([id]) => CoursePlayer.format.identifier(id, 255)", identifier) is ok


@pytest.mark.parametrize("version, kind, response, pattern", [
    ("1.2", "choice", ["a", "c"], "a,c"),
    ("2004", "choice", ["a", "c"], "a[,]c"),
    ("1.2", "true-false", True, "t"),
    ("2004", "true-false", False, "false"),
    ("1.2", "matching", [["a", "b"], ["b", "a"]], "a.b,b.a"),
    ("2004", "matching", [["a", "b"], ["b", "a"]], "a[.]b[,]b[.]a"),
    ("1.2", "sequencing", ["c", "a", "b"], "c,a,b"),
    ("2004", "sequencing", ["c", "a", "b"], "c[,]a[,]b"),
])
def test_response_patterns(player, version, kind, response, pattern):
    assert js(player, "([v, kind, response]) => CoursePlayer.format.pattern(CoursePlayer.lms.VERSIONS[v], kind, response)",
              version, kind, response) == pattern


@pytest.mark.parametrize("text, sent", [
    ("Første linje\nanden linje", "Første linje¶anden linje"),
    ("a\r\nb", "a¶b"),
    ("{lang=en} not a tag", " {lang=en} not a tag"),
    ("plain", "plain"),
])
def test_reflection_texts_fit_a_2004_localized_string(player, text, sent):
    assert js(player, "([text]) => CoursePlayer.format.langString(text)", text) == sent
    back = js(player, "([text]) => CoursePlayer.format.unLangString(text)", sent)
    assert back == text.replace("\r\n", "\n")


def test_suspend_data_round_trips(player):
    decoded = js(player, """() => {
      const config = CoursePlayer.config;
      const state = { page: "q-intro-match", seen: 5, tries: 1, score: 58.33,
                      answers: { "intro-single": "a", "intro-match": "bac", "intro-scenarie": "ab" } };
      const text = CoursePlayer.state.encode(state, config);
      return [text, CoursePlayer.state.decode(text, config)];
    }""")
    text, result = decoded
    assert text.startswith("1|") and text.endswith("|1|58.33|a,,,bac,,ab")
    assert result == {"restarted": False, "state": {
        "page": "q-intro-match", "seen": 5, "tries": 1, "score": 58.33, "best": 58.33,
        "answers": {"intro-single": "a", "intro-match": "bac", "intro-scenarie": "ab"}}}


def test_the_best_try_is_kept_beside_the_last(player):
    """A field more only when the best finished try is not the last one; a state without it reads as before."""
    text, result = js(player, """() => {
      const config = CoursePlayer.config;
      const state = { page: "results", seen: 5, tries: 3, score: 50, best: 70, answers: {} };
      const text = CoursePlayer.state.encode(state, config);
      return [text, CoursePlayer.state.decode(text, config)];
    }""")
    assert text.endswith("|3|50|,,,,,|70")
    assert (result["state"]["score"], result["state"]["best"], result["restarted"]) == (50, 70, False)


@pytest.mark.parametrize("stored", ["2|whatever", "1|00000000|p1|1|0||,,,,,", "garbage", "1|x"])
def test_other_formats_and_questions_restart(player, stored):
    result = js(player, "([text]) => CoursePlayer.state.decode(text, CoursePlayer.config)", stored)
    assert result["restarted"] is True
    assert result["state"]["answers"] == {} and result["state"]["page"] == "p1"


@pytest.mark.parametrize("version, element, python_element", [
    ("1.2", "cmi.suspend_data", "cmi.suspend_data"),
    ("1.2", "cmi.comments", "cmi.comments"),
    ("1.2", "cmi.interactions.3.student_response", "*"),
    ("2004", "cmi.suspend_data", "cmi.suspend_data"),
    ("2004", "cmi.location", "cmi.location"),
    ("2004", "cmi.interactions.12.description", "cmi.interactions.n.description"),
    ("2004", "cmi.comments_from_learner.0.location", "cmi.comments_from_learner.n.location"),
    ("2004", "cmi.interactions.0.learner_response", "*"),
])
def test_the_adapter_and_python_take_the_limits_from_one_table(player, sco_root, version, element, python_element):
    from course_builder.scorm_limits import scorm_limit

    assert js(player, "([v, el]) => CoursePlayer.lms.VERSIONS[v].limit(el)", version, element) == scorm_limit(version, python_element)
    script = (sco_root / "player" / "lms.js").read_text(encoding="utf-8")
    assert not re.search(r"\b(4096|64000|1000|250|255)\b", script.replace(json_table(), ""))


def json_table() -> str:
    from course_builder.scorm_limits import limits_script

    return limits_script()
