"""WCAG 2.1 AA: axe-core finds nothing on any page type; focus moves sensibly; feedback reaches the live
region; the layout holds at 320 px; the print stylesheet leaves only the content."""
from __future__ import annotations


import pytest

from tests.support import REPO
from tests.player.walk import FIRST_TRY, answer, read_lesson

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(frame) -> list[str]:
    if not frame.evaluate("typeof axe !== 'undefined'"):
        frame.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = frame.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    assert len(result["passes"]) > 10  # the rules ran
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.fixture(scope="module")
def axe_ready():
    if not AXE.is_file():
        pytest.skip("axe-core missing: run `npm ci`")


def test_every_page_type_passes_axe(lms, axe_ready):
    h = lms("1.2", "intro")
    found = {}

    def audit(name):
        found[name] = axe_violations(h.frame)

    audit("lesson page with objectives")
    h.next()
    audit("page with a reflection")
    h.press(h.at(".menu [data-go='reflections']"))
    audit("my reflections, none written yet")
    h.frame.evaluate("CoursePlayer.nav.go('results', true)")
    audit("results before every question is answered")
    h.press(h.at("#results .goto-unanswered"))
    assert h.current_step() == "q-intro-single"
    for question, response in FIRST_TRY.items():
        audit(f"{question} unanswered")
        answer(h, question, response)
        audit(f"{question} with feedback")
        h.next()
    audit("results with review")
    h.next()
    audit("my reflections")
    h.press(h.at(".pager .finish"))
    audit("finished")
    assert {name: v for name, v in found.items() if v} == {}


def test_standalone_pages_pass_axe(page, axe_ready, web_root):
    page.goto((web_root / "index.html").as_uri())
    assert axe_violations(page.main_frame) == []
    page.goto((web_root / "roller" / "index.html").as_uri())
    assert axe_violations(page.main_frame) == []


def test_focus_follows_navigation_and_feedback(lms):
    h = lms("2004", "intro")
    h.next()
    assert h.frame.evaluate("document.activeElement.id") == "p2-h"
    h.next()
    h.next()
    h.pick("#q-intro-single", ["b"])
    h.check("#q-intro-single")
    focused = h.frame.evaluate("document.activeElement.className")
    assert focused == "result"
    h.frame.wait_for_function("document.querySelector('.announcer').textContent === 'Forkert'")
    h.press(h.at(".menu [data-go='p1']"))
    assert h.frame.evaluate("document.activeElement.id") == "p1-h"
    assert h.at(".menu [data-go='p1']").get_attribute("aria-current") == "page"


def test_an_unanswered_check_says_what_to_do(lms):
    h = lms("1.2", "intro")
    h.press(h.at(".menu [data-go='quiz']"))
    h.check("#q-intro-single")
    h.frame.wait_for_function("document.querySelector('.announcer').textContent === 'Vælg et svar først.'")
    assert h.interactions() == []


@pytest.mark.parametrize("step", ["p1", "p2", "q-intro-match", "q-intro-orden", "q-intro-scenarie", "results", "reflections"])
def test_nothing_scrolls_sideways_at_320_px(lms, step):
    h = lms("1.2", "intro", viewport={"width": 320, "height": 640})
    h.frame.evaluate("step => CoursePlayer.nav.go(step, false)", step)
    assert h.frame.evaluate("document.documentElement.scrollWidth") <= 320
    assert h.at(".pager button:visible").count() == 2
    box = h.at(".pager button:visible").last.bounding_box()
    assert box["x"] + box["width"] <= 320


def test_the_menu_folds_away_on_a_small_screen(lms):
    h = lms("1.2", "intro", viewport={"width": 320, "height": 640})
    assert not h.at(".menu details").evaluate("d => d.open")
    h.press(h.at(".menu summary"))
    h.press(h.at(".menu [data-go='p3']"))
    assert h.current_step() == "p3"
    assert not h.at(".menu details").evaluate("d => d.open")


def test_print_shows_the_reflections_without_navigation(lms):
    h = lms("1.2", "intro")
    read_lesson(h)
    h.press(h.at(".menu [data-go='reflections']"))
    h.page.emulate_media(media="print")
    assert h.at(".pager").is_hidden()
    assert h.at(".menu").is_hidden()
    assert h.at(".my-reflections .reflection-text").inner_text().startswith("Troværdighed")
    assert h.at("#p1").is_hidden()
