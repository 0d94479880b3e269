"""Every module of the real course under scorm-again: in both versions, completed with every answer right
(the page's own controls clicked from a script, one module after the other in the same test LMS), reports
passed with all its interactions, resumes on the results and asks for nothing outside; and each module once
by a keyboard-only learner, the versions taken in turn."""
from __future__ import annotations

import pytest

from tests.player.lms import FINISH

# Answers every question right by clicking the player's own controls; returns the interactions expected.
ANSWER_ALL_RIGHT = """() => {
  const config = CoursePlayer.config, $ = s => document.querySelector(s);
  let interactions = 0;
  $(".menu [data-go='quiz']").click();
  for (const key of config.questions) {
    const section = document.getElementById("q-" + key.id);
    if (CoursePlayer.nav.current !== section.id) throw new Error("not on " + key.id);
    if (key.type === "scenario") {
      let node = key.start;
      while (key.nodes[node].choices) {
        const choice = key.nodes[node].best[0], box = section.querySelector(`[data-node="${node}"]`);
        box.querySelector(`input[value="${choice}"]`).click();
        box.querySelector(".check").click();
        node = key.nodes[node].choices[choice];
        interactions += 1;
      }
    } else {
      if (key.type === "single" || key.type === "multiple") {
        key.correct.forEach(id => section.querySelector(`input[value="${id}"]`).click());
      } else if (key.type === "truefalse") {
        section.querySelector(`input[value="${key.correct ? "t" : "f"}"]`).click();
      } else if (key.type === "matching") {
        key.pairs.forEach(id => { section.querySelector(`select[data-pair="${id}"]`).value = id; });
      } else {
        key.order.forEach((id, position) => {
          const items = () => [...section.querySelectorAll(".ordering li")].map(li => li.dataset.item);
          while (items().indexOf(id) > position) section.querySelector(`li[data-item="${id}"] .move[data-move="-1"]`).click();
        });
      }
      section.querySelector(".check").click();
      interactions += 1;
    }
    $(".pager .next").click();
  }
  return interactions;
}"""


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_module_completes(lms, server, real_course, version):
    mount = server.mount("real", real_course)
    modules = sorted(p.parent.name for p in real_course.glob("*/index.html"))
    assert len(modules) >= 2
    h = lms(version, modules[0], root=mount)
    for number, module_id in enumerate(modules):
        if number:
            h.launch_new(module_id, root=mount)
        expected = h.frame.evaluate(ANSWER_ALL_RIGHT)
        assert h.current_step() == "results"
        assert h.at("#results .outcome > .verdict").inner_text() == "Bestået", module_id
        h.close()
        h.wait_for_call(FINISH[version])
        cmi = h.cmi()
        status = cmi["core"]["lesson_status"] if version == "1.2" else cmi["success_status"]
        score = cmi["core"]["score"]["raw"] if version == "1.2" else cmi["score"]["raw"]
        assert (status, score) == ("passed", "100"), module_id
        assert len(h.interactions()) == expected, module_id
        assert all(r["result"] == "correct" for r in h.interactions()), module_id
        assert len(cmi["suspend_data"]) <= 1000
        h.relaunch()
        assert h.current_step() == "results", module_id
        assert h.outside_requests() == [], module_id
        assert h.errors() == [], module_id


def keyboard_walk_all_right(h) -> int:
    """A keyboard-only learner reads every page and answers every question right; returns the interactions."""
    config, interactions = h.config(), 0
    for _ in config["pages"]:
        h.next()
    for key in config["questions"]:
        section = f"#q-{key['id']}"
        assert h.current_step() == section[1:]
        if key["type"] == "scenario":
            node = key["start"]
            while "choices" in key["nodes"][node]:
                choice = key["nodes"][node]["best"][0]
                h.pick(f"{section} [data-node='{node}']", [choice])
                h.check(f"{section} [data-node='{node}']")
                node, interactions = key["nodes"][node]["choices"][choice], interactions + 1
        else:
            if key["type"] in ("single", "multiple"):
                h.pick(section, key["correct"])
            elif key["type"] == "truefalse":
                h.pick(section, ["t" if key["correct"] else "f"])
            elif key["type"] == "matching":
                h.match(section, {pair: pair for pair in key["pairs"]})
            else:
                h.order(section, key["order"])
            h.check(section)
            interactions += 1
        h.next()
    return interactions


def test_every_module_completes_by_keyboard(lms, server, real_course):
    """Every module once by keyboard alone, the SCORM versions taken in turn."""
    mount = server.mount("real", real_course)
    modules = sorted(p.parent.name for p in real_course.glob("*/index.html"))
    for number, module_id in enumerate(modules):
        version = ("1.2", "2004")[number % 2]
        h = lms(version, module_id, root=mount)
        expected = keyboard_walk_all_right(h)
        assert h.current_step() == "results", module_id
        if h.at(".pager .next").is_visible():
            h.press(h.at(".pager .next"))  # my reflections
        h.press(h.at(".pager .finish"))
        h.wait_for_call(FINISH[version])
        cmi = h.cmi()
        status = cmi["core"]["lesson_status"] if version == "1.2" else cmi["success_status"]
        assert status == "passed", module_id
        assert len(h.interactions()) == expected, module_id
        assert h.errors() == [] and h.outside_requests() == [], module_id
        h.page.context.close()
