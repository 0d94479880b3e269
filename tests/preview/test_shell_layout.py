"""The preview shell at a phone's and a desktop's size, with this course and its real player in real Chromium:
the module uses the width, no word breaks inside itself, the pager's Next is on screen, the module list and
the LMS data open and close from buttons (by keyboard too), every status is in the shell's language, and
axe-core finds nothing."""
from __future__ import annotations

import pytest

from tests.lms_backends import RunningPreview
from tests.support import REPO

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
MODULE = "fundamentet"

# The words of every rendered text node below root, each word (a hyphen or a slash may end a line) with the
# number of lines its glyphs are on. Machine values (.code: ids, responses, API calls) may wrap anywhere.
BROKEN_WORDS = """(root) => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (element.closest('.code, script, style, option, select') || !element.getClientRects().length) continue;
    const word = /[^\\s\\-\\u2013\\/]+[\\-\\u2013\\/]?/g;
    for (let found = word.exec(node.data); found; found = word.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, found.index);
      range.setEnd(node, found.index + found[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
      if (lines.size > 1) broken.push(found[0]);
    }
  }
  return broken;
}"""

# The elements below root whose text runs out of their box (a long word in a narrow column).
OVERFLOWING = """(root) => [...root.querySelectorAll('*')].filter(e => {
  if (e.closest('.code, select') || !e.getClientRects().length || e.clientWidth === 0) return false;
  if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return false;
  return e.scrollWidth > e.clientWidth + 1;
}).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))"""

# What a module's player sends when a learner answers two questions, one wrongly (SCORM 1.2).
ANSWERS = """() => {
  const api = window.API;
  const set = (name, value) => api.LMSSetValue(name, value);
  set("cmi.interactions.0.id", "fund-fra-byraad-til-team");
  set("cmi.interactions.0.type", "sequencing");
  set("cmi.interactions.0.student_response", "b,a,c,d");
  set("cmi.interactions.0.correct_responses.0.pattern", "a,b,c,d");
  set("cmi.interactions.0.result", "wrong");
  set("cmi.interactions.1.id", "fund-ny-beslutning");
  set("cmi.interactions.1.type", "choice");
  set("cmi.interactions.1.student_response", "c");
  set("cmi.interactions.1.correct_responses.0.pattern", "c");
  set("cmi.interactions.1.result", "correct");
  return api.LMSCommit("");
}"""

DANISH_STATUSES = {"ikke påbegyndt", "ikke færdig", "færdig", "bestået", "ikke bestået", "kigget igennem", "ukendt"}


@pytest.fixture(scope="module")
def course_preview(tmp_path_factory):
    """This course in the preview, its real player in every module."""
    running = RunningPreview(REPO, tmp_path_factory.mktemp("preview-data"), watching=False)
    yield running
    running.close()


@pytest.fixture
def sized(browser, request):
    contexts = []

    def open_page(viewport: dict):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def open_module(page, preview):
    page.goto(preview.url)
    page.click(f"button[data-module='{MODULE}']")
    frame = page.frame_locator("#sco")
    frame.locator("nav.pager button.next").wait_for()  # in the module's first document, before its player starts
    page.locator("#panel [data-field='state'][data-value='running']").wait_for(state="attached")  # LMSInitialize
    return frame


def broken_words(page, selector: str) -> list[str]:
    """The words of selector's text split over two lines, and the text that runs out of its box."""
    return page.locator(selector).evaluate(BROKEN_WORDS) + page.locator(selector).evaluate(OVERFLOWING)


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run({exclude: [['#sco']]}, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}});
        return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")


def expanded(page, name: str) -> bool:
    return page.get_attribute(f"#toggle-{name}", "aria-expanded") == "true"


def test_on_a_phone_the_module_takes_the_width_and_the_views_open_over_it(sized, course_preview):
    page = sized(PHONE)
    page.goto(course_preview.url)
    page.locator("#module-list .status").first.wait_for()
    assert expanded(page, "modules") and not expanded(page, "panel")

    frame = open_module(page, course_preview)
    assert not expanded(page, "modules") and page.locator("#modules").is_hidden()  # a module chosen: the list closes
    sco = page.locator("#sco").bounding_box()
    assert sco["width"] >= 0.9 * PHONE["width"]
    assert sco["y"] + 400 <= PHONE["height"]  # the header leaves the module most of the screen
    next_button = frame.locator("nav.pager button.next").bounding_box()
    assert 0 <= next_button["x"] and next_button["x"] + next_button["width"] <= PHONE["width"]
    assert next_button["y"] + next_button["height"] <= PHONE["height"]
    assert frame.locator("h1").evaluate(BROKEN_WORDS) == []
    assert frame.locator("nav.pager").evaluate(BROKEN_WORDS) == []
    assert broken_words(page, "header") == []

    page.evaluate(ANSWERS)
    page.focus("#toggle-panel")
    page.keyboard.press("Enter")
    assert expanded(page, "panel") and page.locator("#panel").is_visible()
    assert page.evaluate("document.activeElement.id") == "panel-h"
    page.locator("#interactions [data-interaction='fund-fra-byraad-til-team']").wait_for()
    panel = page.locator("#panel").bounding_box()
    assert panel["width"] >= 0.9 * PHONE["width"]
    assert broken_words(page, "#panel") == [] and broken_words(page, "header") == []
    assert page.locator("#panel [data-field='status']").inner_text() == "ikke færdig"
    assert page.locator("#interactions .result").all_inner_texts() == ["forkert", "rigtigt"]
    assert axe_violations(page) == []

    page.keyboard.press("Escape")
    assert not expanded(page, "panel") and page.locator("#panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "toggle-panel"
    page.click("#toggle-modules")
    assert expanded(page, "modules") and page.locator("#modules").is_visible()
    assert page.locator("#mode").is_visible()  # the launch settings come with the module list
    assert set(page.locator("#module-list .status").all_inner_texts()) <= DANISH_STATUSES
    session = page.get_attribute("#panel", "data-session")
    page.check("input[name=version][value='2004']")  # a setting changed: the module starts again, the list stays
    page.wait_for_function(f"document.querySelector('#panel').getAttribute('data-session') !== '{session}'")
    assert expanded(page, "modules") and page.locator("#mode").is_visible()
    page.click("#toggle-panel")  # one view at a time over the module
    assert expanded(page, "panel") and not expanded(page, "modules")


def test_at_desktop_size_the_panel_sits_beside_the_module_and_keeps_its_words_whole(sized, course_preview):
    page = sized(DESKTOP)
    frame = open_module(page, course_preview)
    assert expanded(page, "modules") and expanded(page, "panel")
    page.evaluate(ANSWERS)
    page.locator("#interactions [data-interaction='fund-ny-beslutning']").wait_for()
    sco, panel = page.locator("#sco").bounding_box(), page.locator("#panel").bounding_box()
    assert sco["x"] + sco["width"] <= panel["x"] + 1  # beside, not over
    assert broken_words(page, "#panel") == [] and broken_words(page, "header") == []
    assert broken_words(page, "#modules") == []
    assert frame.locator("h1").evaluate(BROKEN_WORDS) == []
    assert page.locator("#interactions .result").all_inner_texts() == ["forkert", "rigtigt"]
    assert page.locator("#interactions .type").all_inner_texts() == ["rækkefølge", "valg"]
    in_danish = {"incomplete": "ikke færdig", "ab-initio": "første gang", "resume": "genoptaget", "running": "i gang"}
    for name in ("status", "entry", "state"):
        shown = page.locator(f"#panel [data-field='{name}']")
        assert shown.inner_text() == in_danish[shown.get_attribute("data-value")]
    assert set(page.locator("#module-list .status").all_inner_texts()) <= DANISH_STATUSES
    session = page.get_attribute("#panel", "data-session")
    page.check("input[name=version][value='2004']")  # a setting changed: the module starts again, the list stays
    page.wait_for_function(f"document.querySelector('#panel').getAttribute('data-session') !== '{session}'")
    assert expanded(page, "modules") and page.locator("#mode").is_visible()
    modes = page.locator("#mode option").all_inner_texts()
    assert len({mode.split()[0] for mode in modes}) == len(modes)  # no two begin alike (Gennemse/Gennemsyn)
    assert axe_violations(page) == []

    page.click("#toggle-panel")
    assert page.locator("#panel").is_hidden() and not expanded(page, "panel")
    assert page.locator("#sco").bounding_box()["width"] > sco["width"] + 300  # the module takes the room
    page.click("#toggle-panel")
    assert page.locator("#panel").is_visible()


def test_at_tablet_size_the_lms_data_opens_over_the_module(sized, course_preview):
    page = sized({"width": 820, "height": 1100})
    open_module(page, course_preview)
    assert expanded(page, "modules") and not expanded(page, "panel")
    sco = page.locator("#sco").bounding_box()
    assert sco["width"] >= 0.6 * 820
    assert broken_words(page, "#modules") == [] and broken_words(page, "header") == []
    page.click("#toggle-panel")
    panel = page.locator("#panel").bounding_box()
    assert panel["x"] + panel["width"] == 820 and panel["y"] == sco["y"]  # from the right, over the module
    assert broken_words(page, "#panel") == []
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden()
