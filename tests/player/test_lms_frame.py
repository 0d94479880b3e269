"""The player inside an LMS's page: Moodle 4.5's embedded display ("current window") puts the SCO's frame under
its header, breadcrumb and activity header, so the bottom of the frame is below the window. Measured in a real
Moodle 4.5.6 at a 1280×800 window: the frame (mod/scorm/player.php, #scorm_object) at y≈284, 867×666 (its
height set by mod/scorm/module.js's resize to the space left under the page's header). Every step's way on
must lie inside the window without scrolling Moodle's page, and nothing may cover the retry button."""
from __future__ import annotations

import pytest

from tests.player.walk import FIRST_TRY, answer

WINDOW = {"width": 1280, "height": 800}
MOODLE_FRAME = {"top": 284, "left": 206, "width": 867, "height": 666}


def in_moodles_frame(lms, version: str):
    """The SCO in a frame placed as Moodle places it, inside a page taller than the window."""
    h = lms(version, "intro", viewport=WINDOW)
    h.page.evaluate("""frame => {
      document.body.style.height = "1400px";
      Object.assign(document.getElementById("sco").style, { position: "absolute", top: frame.top + "px",
        left: frame.left + "px", width: frame.width + "px", height: frame.height + "px" });
    }""", MOODLE_FRAME)
    h.relaunch()
    return h


def assert_in_window(h, selector: str) -> None:
    """With Moodle's page at its top (a keyboard's focus may have scrolled it; a mouse user never does)."""
    h.page.evaluate("window.scrollTo(0, 0)")
    box = h.at(selector).bounding_box()
    assert box is not None, selector
    assert 0 <= box["y"] and box["y"] + box["height"] <= WINDOW["height"], (selector, box)
    assert 0 <= box["x"] and box["x"] + box["width"] <= WINDOW["width"], (selector, box)


def overlap(a: dict, b: dict) -> bool:
    return not (a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
                or a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"])


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_steps_next_button_is_inside_the_window(lms, version):
    h = in_moodles_frame(lms, version)
    steps = h.frame.evaluate("[...document.querySelectorAll('main > .step')].map(s => s.id)")
    config = h.config()
    for step in steps[:-1]:
        assert h.current_step() == step
        assert_in_window(h, ".pager .next")
        question = step[2:] if step.startswith("q-") else None
        if question in FIRST_TRY:
            answer(h, question, FIRST_TRY[question])
            assert_in_window(h, ".pager .next")
        if step == "results":
            h.tab_to(h.at("#results .retry"))  # the focus scrolls the frame's page to it
            assert h.at("#results .retry").is_visible()
            assert not overlap(h.at("#results .retry").bounding_box(), h.at(".pager").bounding_box())
        h.frame.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # read to the end of the step
        assert_in_window(h, ".pager .next")
        h.at(".pager .next").click()
    assert h.current_step() == steps[-1] and len(config["pages"]) >= 3
    assert_in_window(h, ".pager .finish")
    assert h.errors() == []


def test_outside_a_frame_the_navigation_stays_at_the_bottom(page, web_root):
    page.set_viewport_size(WINDOW)
    page.goto((web_root / "intro" / "index.html").as_uri())
    page.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")
    box = page.locator(".pager").bounding_box()
    assert box["y"] + box["height"] == WINDOW["height"]


@pytest.mark.parametrize("launch, told", [
    ("roller/index.html?package=course", "Kurset fortsætter med det næste modul"),  # a whole-course package
    ("roller/index.html", "Du kan lukke vinduet"),  # a module's own package
])
def test_the_end_of_a_module_tells_how_to_go_on(lms, launch, told):
    h = lms("2004", "roller")
    h.page.evaluate("sco => harness.launchNew(sco)", launch)
    h.wait_ready()
    h.next()
    h.press(h.at(".pager .finish"))
    notice = h.at("main > .notice")
    assert notice.is_visible() and told in notice.inner_text()
    assert h.focused(notice)
