"""What the first lesson page does before it paints: nothing but the lesson. The steps after it come in the
module's steps.js, the player's scripts are added after the first frame, and a returning learner never sees
page 1 flash before the step they left (module.html.j2, later_steps.html.j2, player.js)."""
from __future__ import annotations

import json

import lxml.html

# Every animation frame from the document's first moment: which steps are in the page and visible, whether the
# main area shows at all, and whether the player has started.
FRAMES = """window.frames_seen = [];
(function tick() {
  const main = document.querySelector("main");
  if (main) {
    frames_seen.push({
      shown: getComputedStyle(main).visibility === "visible",
      steps: [...document.querySelectorAll("main > .step")].filter(s => !s.hidden).map(s => s.id),
      started: !!(window.CoursePlayer && CoursePlayer.nav && CoursePlayer.nav.current)});
  }
  if (frames_seen.length < 240) { requestAnimationFrame(tick); }
}());"""


def started(page):
    page.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")


def test_the_first_document_holds_the_first_lesson_page_and_steps_js_the_rest(web_root):
    document = lxml.html.fromstring((web_root / "intro" / "index.html").read_bytes())
    assert [s.get("id") for s in document.xpath("//main/section[contains(@class, 'step')]")] == ["p1"]
    assert document.xpath("//main/template[@id='later-steps']")[0].text_content().strip() == ""
    assert document.get_element_by_id("player-config").get("data-steps") == "steps.js"
    script = (web_root / "intro" / "steps.js").read_text(encoding="ascii")
    prefix = "(window.CoursePlayer = window.CoursePlayer || {}).laterSteps = "
    assert script.startswith(prefix) and script.endswith(";\n")
    later = lxml.html.fragment_fromstring(json.loads(script[len(prefix):-2]), create_parent="div")
    ids = [s.get("id") for s in later.xpath("./section")]
    assert ids[0] == "p2" and "results" in ids and ids[-1] == "reflections"
    assert not document.xpath("//script[@src]"), "no script is loaded by a tag: the loader adds them after the paint"
    assert not document.xpath("//link[@rel='stylesheet']"), "the stylesheet is in the page"


def test_the_lesson_paints_before_any_script_of_the_player_ran(page, server):
    page.add_init_script(FRAMES)
    page.goto(f"{server.url}/intro/index.html")
    started(page)
    frames = page.evaluate("frames_seen")
    before = [f for f in frames if not f["started"]]
    assert before and before[0] == {"shown": True, "steps": ["p1"], "started": False}
    # once started, every step is in the page (from steps.js) and the pager counts them all
    assert page.evaluate("document.getElementById('later-steps')") is None
    assert page.evaluate("[...document.querySelectorAll('main > .step')].length") > 3
    assert page.locator(".progress").inner_text() == "Side 1 af 5"


def test_a_returning_learner_sees_the_step_they_left_and_never_page_1_first(page, server):
    # over HTTP, as from an LMS or a web server: headless Chromium sometimes starts a page reloaded from file://
    # with none of the localStorage the page before it wrote (3–7 reloads in 60, with or without this change)
    page.goto(f"{server.url}/intro/index.html")
    started(page)
    page.get_by_role("button", name="Næste").click()
    page.wait_for_function("CoursePlayer.nav.current === 'p2'")
    page.add_init_script(FRAMES)
    page.reload()
    started(page)
    assert page.evaluate("CoursePlayer.nav.current") == "p2"
    shown = [f["steps"] for f in page.evaluate("frames_seen") if f["shown"]]
    assert shown and all(steps == ["p2"] for steps in shown), shown[:5]


def test_a_new_learner_going_on_at_once_gets_the_later_steps(page, web_root):
    page.goto((web_root / "intro" / "index.html").as_uri())
    page.wait_for_function("window.CoursePlayer?.nav?.current")
    page.get_by_role("button", name="Næste").click()
    page.wait_for_function("CoursePlayer.nav.current === 'p2'")
    assert page.locator("#p2").is_visible() and not page.locator("#p1").is_visible()
    assert page.locator(".progress").inner_text() == "Side 2 af 5"


def test_a_lost_steps_js_is_asked_for_again_before_the_player_starts(page, server):
    asked = []

    def first_lost(route):
        asked.append(route.request.url)
        route.abort() if len(asked) == 1 else route.continue_()

    page.route("**/intro/steps.js", first_lost)
    page.goto(f"{server.url}/intro/index.html")
    started(page)
    assert len(asked) == 2
    assert page.locator(".progress").inner_text() == "Side 1 af 5"
    assert page.evaluate("[...document.querySelectorAll('main > .step')].length") > 3


def test_a_move_made_before_the_player_started_is_made_once_it_has(page, server):
    held = []
    page.route("**/intro/steps.js", lambda route: held.append(route))  # the request waits until the test lets it go
    page.goto(f"{server.url}/intro/index.html")
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
    page.wait_for_timeout(100)
    assert page.evaluate("window.CoursePlayer?.nav?.current") is None and held
    page.get_by_role("button", name="Næste").click()
    held[0].continue_()
    page.wait_for_function("window.CoursePlayer?.nav?.current === 'p2'")
    assert page.locator(".progress").inner_text() == "Side 2 af 5"
