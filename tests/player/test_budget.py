"""What the player may weigh: the first page's scripts and styles before its first paint at most 40 KB uncompressed
(the player's scripts come right after it, the quiz's later), and the complete saved state of any module at most
1,000 characters (never near SCORM 1.2's 4,096)."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html

BUDGET = 40_000
STATE_BUDGET = 1000

# The largest state a module can reach: every page seen, every question answered with the longest answer
# it allows, the scenario along its longest path, the longest location, a two-digit score with decimals.
WORST_STATE = """() => {
  const config = CoursePlayer.config;
  const longest = key => {
    const walk = node => key.nodes[node].choices
      ? 1 + Math.max(...Object.values(key.nodes[node].choices).map(walk)) : 0;
    return walk(key.start);
  };
  const length = key => ({ single: 1, multiple: (key.options || []).length, truefalse: 1,
    matching: (key.pairs || []).length, ordering: (key.order || []).length })[key.type] ?? longest(key);
  const answers = {};
  config.questions.forEach(key => { answers[key.id] = "x".repeat(length(key)); });
  const steps = [...document.querySelectorAll("main > .step")].map(step => step.id);
  const state = { page: steps.reduce((a, b) => (b.length > a.length ? b : a)), seen: 2 ** config.pages.length - 1,
                  tries: config.quizAttempts || 999, score: 33.33, answers };
  return CoursePlayer.state.encode(state, config).length;
}"""


def before_first_paint(module_page: Path) -> dict[str, int]:
    """The JS and CSS the page holds or loads by tag, which the browser reads before it can paint: name → bytes."""
    document = lxml.html.fromstring(module_page.read_bytes())
    sizes = {}
    for number, element in enumerate(document.iter("script", "style", "link")):
        source = element.get("src") or (element.get("href") if element.get("rel") == "stylesheet" else None)
        if source:
            sizes[source] = (module_page.parent / source).stat().st_size
        elif element.tag == "style" or (element.get("type") or "text/javascript") == "text/javascript":
            sizes[f"inline {element.tag} {number}"] = len((element.text or "").encode("utf-8"))
    return sizes


def after_first_paint(module_page: Path) -> dict[str, int]:
    """The scripts the page lists in data-first, which its loader adds once the first paint is on the screen."""
    listed = lxml.html.fromstring(module_page.read_bytes()).get_element_by_id("player-config").get("data-first").split()
    return {name: (module_page.parent / name).stat().st_size for name in listed}


def test_the_first_pages_scripts_and_styles_before_its_first_paint_fit_40_kb(sco_root):
    page = sco_root / "intro" / "index.html"
    before, after = before_first_paint(page), after_first_paint(page)
    assert [name for name in before if not name.startswith("inline")] == []  # nothing waits for a request
    assert sum(before.values()) > 5000  # the stylesheet is in the page
    assert {Path(name).name for name in after} >= {"lms.js", "player.js"} and not any("quiz" in n for n in after)
    assert sum(before.values()) <= BUDGET, before


# Each animation frame's start, from the document's first moment: the main thread's side of every frame.
FRAME_STARTS = """window.frameStarts = [];
(function tick() { frameStarts.push(performance.now()); if (frameStarts.length < 120) { requestAnimationFrame(tick); } }());"""


def test_the_quiz_loads_after_the_first_paint_and_only_with_a_quiz(page, server):
    page.add_init_script(FRAME_STARTS)
    page.goto(f"{server.url}/intro/index.html")  # over http: a file: page has no resource timing
    page.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle && CoursePlayer.quiz")
    # the paint's entry is reported when the frame is presented, which a busy machine may do after quiz.js ran
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
    paint, parsed, quiz, frames = page.evaluate("""() => [
      performance.getEntriesByName("first-contentful-paint")[0].startTime,
      performance.getEntriesByType("navigation")[0].domInteractive,
      performance.getEntriesByType("resource").find(r => r.name.endsWith("/player/quiz.js")).startTime, frameStarts]""")
    # The paint's own time is when the frame was presented, which on a busy machine comes one or more frames after
    # the main thread drew it, so a request can start before it. What the player promises is the main thread's
    # order: quiz.js is asked for only after the first frame that began with the whole lesson in the document.
    first_frame_with_lesson = min(start for start in frames if start >= parsed)
    assert first_frame_with_lesson <= paint
    assert quiz > first_frame_with_lesson, (quiz, first_frame_with_lesson, parsed, paint)
    page.goto(f"{server.url}/roller/index.html")  # no quiz: no quiz script
    page.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")
    page.wait_for_timeout(600)
    assert page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert not page.evaluate("performance.getEntriesByType('resource').some(r => r.name.endsWith('quiz.js'))")
    assert page.evaluate("window.CoursePlayer.quiz") is None


def test_nothing_is_loaded_from_outside_the_package(sco_root):
    for page in sorted(sco_root.glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html), page
        assert "@import" not in html and "fonts.googleapis" not in html
    for asset in sorted((sco_root / "player").iterdir()):
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"https?://|@import|url\(", text), asset


def worst_states(page, root: Path) -> dict[str, int]:
    sizes = {}
    for module_page in sorted(root.glob("*/index.html")):
        page.goto(module_page.as_uri())
        page.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")
        sizes[module_page.parent.name] = page.evaluate(WORST_STATE)
    return sizes


def test_the_largest_state_of_the_fixture_course_fits(page, sco_root):
    sizes = worst_states(page, sco_root)
    assert sizes and max(sizes.values()) <= STATE_BUDGET, sizes


def test_the_largest_state_of_the_real_course_fits(page, real_course):
    sizes = worst_states(page, real_course)
    assert len(sizes) >= 2 and max(sizes.values()) <= STATE_BUDGET, sizes
