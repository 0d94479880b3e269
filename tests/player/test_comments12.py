"""SCORM 1.2 reflections in `cmi.comments`, under an LMS that appends and one that replaces.

Moodle's SCORM 1.2 player appends every LMSSetValue of `cmi.comments` to what it holds
(mod/scorm/datamodels/scorm_12.js, LMSSetValue, lines 375-376: `if (element == 'cmi.comments')
{ cmi.comments = cmi.comments + value; }`); scorm-again replaces it (`this._comments = comments`). The harness's
`comments="append"` makes scorm-again behave like Moodle. Seen in Moodle 4.5.6: with the full set written on
every change, one reflection was stored three times in one session and a relaunch after an edit showed
garbled text. The learner must read back exactly the last texts, under either model."""
from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.build import build
from tests.player.test_toolkit import module_package, unpacked
from tests.toolkit_course import toolkit_course

FIRST = "FIN-GENOPTAG ord og handling hænger sammen"
EDITED = FIRST + " RETTET"
OTHER = "Jeg vil tale om prioriteringer"
SECRET = "Min svaghed er, at jeg undgår konflikter"
MINE, LEADER = "intro.min-vaerdi", "intro.til-lederen"


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("comments12")
    result = build(toolkit_course(folder / "course"), folder / "dist", None)
    assert result.ok, [str(p) for p in result.problems]
    return unpacked(module_package(folder / "dist", "1.2"), folder / "package")


@pytest.fixture
def sco(lms, server, package):
    mount = server.mount("comments12", package)
    return lambda comments="": lms("1.2", "intro", root=mount, comments=comments)


def write(h, reflection: str, text: str, replace: bool = True) -> None:
    """Types into a reflection's box and leaves it (Tab): the text is settled."""
    h.tab_to(h.at(f"#refl-{reflection}"))
    if replace:
        h.page.keyboard.press("Control+A")
        h.page.keyboard.press("Delete")
    else:
        h.page.keyboard.press("Control+End")
    h.page.keyboard.type(text)
    h.page.keyboard.press("Tab")
    h.page.wait_for_timeout(600)  # the box's text settles 400 ms after it was left


def relaunch_elsewhere(h, overrides: dict | None = None) -> None:
    """The learner comes back in another browser: nothing but what the LMS kept."""
    h.close()
    h.page.evaluate("localStorage.clear()")
    h.relaunch(overrides)


def box(h, reflection: str) -> str:
    h.frame.evaluate("CoursePlayer.nav.go('p2', false)")
    return h.at(f"#refl-{reflection}").input_value()


def comment_sets(h) -> list[str]:
    return [value for _, value in h.sets("cmi.comments")]


def test_the_append_model_is_moodles(sco):
    h = sco("append")
    h.frame.evaluate("CoursePlayer.lms.set('cmi.comments', 'a'); CoursePlayer.lms.set('cmi.comments', 'b')")
    assert h.cmi()["comments"] == "ab"
    assert sco().frame.evaluate(
        "CoursePlayer.lms.set('cmi.comments', 'a'), CoursePlayer.lms.set('cmi.comments', 'b'), CoursePlayer.lms.get('cmi.comments')") == "b"


def test_one_session_with_edits_stores_each_final_text_once(sco):
    h = sco("append")
    h.next()
    write(h, "min-vaerdi", FIRST)
    write(h, "min-vaerdi", EDITED)
    h.next()
    write(h, "til-lederen", OTHER)
    h.hide()
    # one record per settled change, never the whole set again
    assert h.cmi()["comments"] == f"[{MINE}] {FIRST}\n[{MINE}] {EDITED}\n[{LEADER}] {OTHER}"
    relaunch_elsewhere(h)
    assert box(h, "min-vaerdi") == EDITED
    assert box(h, "til-lederen") == OTHER
    h.hide()
    assert h.cmi()["comments"].count(EDITED) == 1  # reading it back sent nothing


def test_relaunch_edit_relaunch_reads_back_exactly_the_last_texts(sco):
    h = sco("append")
    h.next()
    write(h, "min-vaerdi", FIRST)
    h.hide()
    relaunch_elsewhere(h)
    assert box(h, "min-vaerdi") == FIRST
    write(h, "min-vaerdi", " RETTET", replace=False)
    h.hide()
    relaunch_elsewhere(h)
    assert box(h, "min-vaerdi") == EDITED  # Moodle showed "FIN-GENOPTAG … sammen[intro.min-vaerdi] FIN-GENOPTAG …"
    h.relaunch()  # the same browser: its copy is trusted and equals the LMS's, nothing is sent again
    assert box(h, "min-vaerdi") == EDITED
    h.hide()
    assert h.cmi()["comments"] == f"[{MINE}] {FIRST}\n[{MINE}] {EDITED}"


def test_the_replace_model_keeps_one_record_per_reflection(sco):
    h = sco()
    h.next()
    write(h, "min-vaerdi", FIRST)
    h.hide()
    relaunch_elsewhere(h)
    write(h, "min-vaerdi", " RETTET", replace=False)
    h.next()
    write(h, "til-lederen", OTHER)
    h.hide()
    assert h.cmi()["comments"] == f"[{MINE}] {EDITED}\n[{LEADER}] {OTHER}"
    relaunch_elsewhere(h)
    assert box(h, "min-vaerdi") == EDITED
    assert box(h, "til-lederen") == OTHER


def test_typing_pauses_stay_in_the_browser_until_the_box_is_left(sco):
    h = sco("append")
    h.next()
    h.tab_to(h.at("#refl-min-vaerdi"))
    h.page.keyboard.type("Første tanke")
    h.page.wait_for_timeout(1800)  # a pause: the browser's copy has it
    h.page.keyboard.type(", og en til")
    h.page.wait_for_timeout(1800)
    assert comment_sets(h) == []
    assert "Første tanke" in h.frame.evaluate("JSON.stringify(localStorage)")
    h.page.keyboard.press("Tab")
    h.page.wait_for_timeout(600)
    assert comment_sets(h) == [f"[{MINE}] Første tanke, og en til"]


@pytest.mark.parametrize("comments", ["append", ""])
def test_a_private_reflection_is_never_sent(sco, comments):
    h = sco(comments)
    h.next()
    h.press(h.at("#refl-min-vaerdi-private"), " ")
    write(h, "min-vaerdi", SECRET)
    h.next()
    write(h, "til-lederen", OTHER)
    h.hide()
    h.relaunch()
    h.hide()
    calls = str(h.page.evaluate("harness.calls")) + str(h.cmi())
    assert OTHER in calls  # the check below can fail
    assert SECRET not in calls


def test_a_reflection_made_private_after_it_was_sent_reads_back_empty_in_moodle(sco):
    h = sco("append")
    h.next()
    write(h, "min-vaerdi", SECRET)
    h.hide()
    h.press(h.at("#refl-min-vaerdi-private"), " ")
    h.page.wait_for_timeout(200)
    h.hide()
    # Moodle keeps what it was sent (docs/tracking.md); the last record, empty, is what the player reads back
    assert h.cmi()["comments"] == f"[{MINE}] {SECRET}\n[{MINE}] "
    relaunch_elsewhere(h)
    assert box(h, "min-vaerdi") == ""


def test_a_value_moodle_glued_together_before_reads_as_the_last_text(sco):
    """What Moodle 4.5.6 stored from the player before this fix: whole sets appended without a separator."""
    h = sco("append")
    glued = f"[{MINE}] {FIRST}[{MINE}] {FIRST}[{LEADER}] {OTHER}[{MINE}] {EDITED}[{LEADER}] {OTHER}"
    relaunch_elsewhere(h, {"comments": glued})
    assert box(h, "min-vaerdi") == EDITED
    assert box(h, "til-lederen") == OTHER
    h.next()
    write(h, "til-lederen", "!", replace=False)
    write(h, "til-lederen", "?", replace=False)
    h.hide()
    # the session's first write is the full set (the LMS's behaviour still unknown), then only what changed
    assert h.cmi()["comments"] == f"{glued}\n[{MINE}] {EDITED}\n[{LEADER}] {OTHER}!\n[{LEADER}] {OTHER}!?"


def test_text_made_private_on_leaving_the_box_is_never_sent(sco):
    """The learner writes first, then ticks "keep on this device" by its label (mouse) or by the keyboard."""
    h = sco("append")
    h.next()
    h.tab_to(h.at("#refl-min-vaerdi"))
    h.page.keyboard.type(SECRET)
    h.at("label[for='refl-min-vaerdi-private']").click()
    h.page.wait_for_timeout(600)
    h.next()
    h.tab_to(h.at("#refl-til-lederen"))
    h.page.keyboard.type(SECRET + " 2")
    h.page.keyboard.press("Shift+Tab")  # to its private choice, and a pause before Space
    h.page.wait_for_timeout(800)
    h.page.keyboard.press(" ")
    h.page.keyboard.press("Tab")
    h.page.wait_for_timeout(200)
    h.hide()
    h.relaunch()
    h.hide()
    assert h.at("#refl-til-lederen").input_value() == SECRET + " 2"  # the browser keeps it
    assert SECRET not in str(h.page.evaluate("harness.calls")) + str(h.cmi())
