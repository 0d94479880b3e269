"""Finding the LMS API the way the SCORM RTE specs describe: up the parent frames, then the opener."""
from __future__ import annotations

from tests.player.lms import FINISH, INIT


def frame_named(page, name):
    for _ in range(200):
        found = page.frame(name=name)
        if found:
            return found
        page.wait_for_timeout(25)
    raise AssertionError(f"no frame {name}")


def test_a_sco_nested_two_frames_deep_finds_the_api(lms):
    h = lms("2004", "intro")
    h.page.evaluate("harness.reset()")
    h.page.evaluate("""() => {
      const outer = document.createElement("iframe");
      outer.title = "LMS frame";
      outer.srcdoc = '<iframe name="inner" src="../intro/index.html" title="SCO"></iframe>';
      document.body.appendChild(outer);
    }""")
    inner = frame_named(h.page, "inner")
    inner.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")
    assert inner.evaluate("CoursePlayer.lms.version") == "2004"
    assert h.count(INIT["2004"]) == 2
    assert h.last("cmi.completion_status") == "incomplete"


def test_a_sco_in_a_popup_finds_the_api_of_its_opener(lms):
    h = lms("1.2", "intro")
    h.page.evaluate("harness.reset()")
    with h.page.context.expect_page() as opened:
        h.page.evaluate("window.open('../intro/index.html', 'sco-window')")
    popup = opened.value
    popup.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")
    assert popup.evaluate("CoursePlayer.lms.version") == "1.2"
    popup.get_by_role("button", name="Næste").click()
    popup.close()  # the learner closes the window: pagehide terminates
    h.wait_for_call(FINISH["1.2"], 2)
    assert h.count(INIT["1.2"]) == 2
    assert h.cmi()["core"]["lesson_location"] == "p2"
