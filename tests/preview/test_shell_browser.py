"""The preview in a real browser: a module launched, its SCORM data in SQLite and in the panel, reloads on edits."""
from __future__ import annotations

import re
import sqlite3
import urllib.request

from tests.lms_backends import PreviewLms
from tests.player.lms import Learner
from tests.player.walk import answer, read_lesson
from tests.support import REPO


def stored(preview, module_id: str, scorm_version: str) -> dict[str, str]:
    """What the SQLite file holds for the learner's newest attempt at a module, read with plain SQL."""
    with sqlite3.connect(preview.database) as db:
        rows = db.execute(
            "SELECT v.element, v.value FROM value v JOIN attempt a ON a.id = v.attempt_id "
            "WHERE a.module_id = ? AND a.scorm_version = ? ORDER BY a.number", (module_id, scorm_version)).fetchall()
    return dict(rows)


def open_module(page, preview, module_id: str):
    page.goto(preview.url)
    page.click(f"button[data-module='{module_id}']")
    frame = page.frame_locator("#sco")
    frame.locator("html[data-test-sco=ready]").wait_for()
    return frame


def mark_old_document(page):
    page.frame_locator("#sco").locator("html").evaluate("html => html.setAttribute('data-old', '')")


def wait_for_new_document(page):
    page.frame_locator("#sco").locator("html[data-test-sco=ready]:not([data-old])").wait_for()


def sco_frame(page, module_id: str):
    return page.frame(url=re.compile(rf"/course/scorm(12|2004)/modules/\d+-{module_id}.zip/{module_id}/"))


def field(page, name: str):
    return page.locator(f"#panel [data-field='{name}']")


def value(locator) -> str:
    """The SCORM value an element shows (in words of the shell's language, the value itself in data-value)."""
    return locator.get_attribute("data-value")


def test_a_scorm12_module_reports_to_sqlite_and_the_panel(page, preview):
    open_module(page, preview, "intro")
    sco = sco_frame(page, "intro")
    report = sco.evaluate("window.testSco.version + '|' + window.testSco.entry + '|' + window.testSco.learner")
    assert report == "1.2|ab-initio|Testdeltager"
    assert sco.evaluate("[window.testSco.badCall, window.testSco.badError]") == ["false", "405"]

    page.locator("#panel [data-field='location']", has_text="p2").wait_for()
    assert value(field(page, "status")) == "passed" and field(page, "status").inner_text() == "bestået"
    assert field(page, "score").inner_text() == "100"
    assert field(page, "suspend_data_size").inner_text() == str(len("seen=p1,p2"))
    assert field(page, "suspend_data_limit").inner_text() == "4096"
    row = page.locator("#interactions [data-interaction='intro-single']")
    assert row.locator(".response").inner_text() == "a"
    assert value(row.locator(".result")) == "correct" and row.locator(".result").inner_text() == "rigtigt"
    assert page.locator("#calls li.failed").first.inner_text().startswith("LMSSetValue(\"cmi.core.lesson_location\"")

    values = stored(preview, "intro", "1.2")
    assert values["cmi.core.lesson_location"] == "p2"
    assert values["cmi.core.lesson_status"] == "passed"
    assert values["cmi.interactions.0.id"] == "intro-single"
    assert values["cmi.interactions.0.student_response"] == "a"
    assert values["cmi.suspend_data"] == "seen=p1,p2"

    assert sco.evaluate("window.testSco.finish('suspend')") == "true"
    page.locator("#panel [data-field='state'][data-value='terminated']").wait_for()
    assert stored(preview, "intro", "1.2")["cmi.core.total_time"] == "0000:00:05.00"
    page.locator("button[data-module='intro'] .status[data-status='passed']").wait_for()

    # Launched again: the LMS resumes the suspended attempt.
    mark_old_document(page)
    page.click("button[data-module='intro']")
    wait_for_new_document(page)
    page.locator("#panel [data-field='entry'][data-value='resume']").wait_for()
    sco = sco_frame(page, "intro")
    assert sco.evaluate("window.testSco.entry + '|' + window.testSco.location") == "resume|p2"


def test_the_version_switch_gives_the_sco_the_2004_api(page, preview):
    page.goto(preview.url)
    page.check("input[name=version][value='2004']")
    page.click("button[data-module='roller']")
    page.frame_locator("#sco").locator("html[data-test-sco=ready]").wait_for()
    sco = sco_frame(page, "roller")
    assert sco.evaluate("window.testSco.version") == "2004"
    assert sco.evaluate("[window.testSco.badCall, window.testSco.badError]") == ["false", "406"]
    page.locator("#panel [data-field='success'][data-value='passed']").wait_for()
    assert field(page, "suspend_data_limit").inner_text() == "64000"
    values = stored(preview, "roller", "2004")
    assert values["cmi.interactions.0.learner_response"] == "a"
    assert values["cmi.score.scaled"] == "1"
    assert stored(preview, "roller", "1.2") == {}


def test_reset_attempt_starts_the_module_afresh(page, preview):
    open_module(page, preview, "roller")
    page.locator("#panel [data-field='location']", has_text="p2").wait_for()
    mark_old_document(page)
    page.click("#reset-attempt")
    wait_for_new_document(page)
    page.locator("#panel [data-field='entry'][data-value='ab-initio']").wait_for()
    sco = sco_frame(page, "roller")
    assert sco.evaluate("window.testSco.location") == ""


def test_a_new_learner_starts_without_data(page, preview):
    open_module(page, preview, "intro")
    page.locator("#panel [data-field='location']", has_text="p2").wait_for()
    mark_old_document(page)
    page.click("#new-learner")
    wait_for_new_document(page)
    page.wait_for_function("document.querySelector('#learner').selectedOptions[0].textContent === 'Testdeltager 2'")
    sco = sco_frame(page, "intro")
    assert sco.evaluate("window.testSco.learner") == "Testdeltager 2"
    assert sco.evaluate("window.testSco.entry") == "ab-initio"


def test_an_edit_rebuilds_and_reloads_the_module(page, preview):
    open_module(page, preview, "intro")
    page.locator("#panel [data-field='location']", has_text="p2").wait_for()
    first_session = page.locator("#panel").get_attribute("data-session")
    mark_old_document(page)
    source = preview.source / "modules" / "01-intro.md"
    source.write_text(source.read_text(encoding="utf-8").replace("## Velkommen", "## Velkommen til kurset"), encoding="utf-8")
    wait_for_new_document(page)
    assert page.frame_locator("#sco").locator("h2", has_text="Velkommen til kurset").count() == 1
    page.wait_for_function(f"document.querySelector('#panel').getAttribute('data-session') !== '{first_session}'")
    assert page.locator("#build-problems").is_hidden()


def test_a_broken_edit_shows_the_problem_and_keeps_the_last_good_build(page, preview):
    open_module(page, preview, "intro")
    source = preview.source / "modules" / "01-intro.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("::: refs mission vaerdier", "::: refs mission ukendt-reference"), encoding="utf-8")
    problem = page.locator("#build-problems li", has_text="modules/01-intro.md:")
    problem.wait_for()
    assert re.fullmatch(r"modules/01-intro\.md:\d+: .*ukendt-reference.*", problem.inner_text())
    with urllib.request.urlopen(preview.url + "course/web/intro/index.html") as answer:
        assert "Velkommen" in answer.read().decode("utf-8")
    assert page.frame_locator("#sco").locator("h2", has_text="Velkommen").is_visible()

    mark_old_document(page)
    source.write_text(good.replace("## Velkommen", "## Velkommen igen"), encoding="utf-8")
    wait_for_new_document(page)
    assert page.frame_locator("#sco").locator("h2", has_text="Velkommen igen").count() == 1
    page.locator("#build-problems").wait_for(state="hidden")


def test_the_shell_has_no_accessibility_violations(page, preview):
    open_module(page, preview, "intro")
    page.locator("#panel [data-field='location']", has_text="p2").wait_for()
    page.add_script_tag(path=str(REPO / "node_modules" / "axe-core" / "axe.min.js"))
    violations = page.evaluate("""async () => {
        const result = await axe.run({exclude: [['#sco']]}, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}});
        return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")
    assert violations == []


def test_the_real_player_answered_in_the_preview_shows_in_sqlite_and_the_panel(page, minimal_course, tmp_path):
    """The player itself (not the test SCO), launched from its SCORM 2004 package: one question answered, saved."""
    lms = PreviewLms(tmp_path)
    try:
        learner = Learner(page, module_id="intro")
        learner.package = lms.open(page, minimal_course, "intro", "2004").package
        learner.wait_ready()
        read_lesson(learner)
        answer(learner, "intro-single", ["a"])
        learner.hide()  # the player saves at once when the learner leaves the tab

        values = stored(lms.running, "intro", "2004")
        assert values["cmi.completion_status"] == "incomplete"
        assert (values["cmi.interactions.0.id"], values["cmi.interactions.0.type"]) == ("intro-single", "choice")
        assert (values["cmi.interactions.0.learner_response"], values["cmi.interactions.0.result"]) == ("a", "correct")
        assert values["cmi.location"] == "q-intro-single"

        row = page.locator("#interactions [data-interaction='intro-single']")
        row.locator(".result[data-value='correct']").wait_for()
        assert row.locator(".response").inner_text() == "a"
        assert value(field(page, "status")) == "incomplete" and field(page, "status").inner_text() == "ikke færdig"
        assert field(page, "location").inner_text() == "q-intro-single"
        assert learner.outside_requests() == [] and learner.errors() == []
    finally:
        lms.close()
