"""The saved state of a completed module: a learner goes through every page, writes every reflection,
answers every question right and finishes, in the built SCO under scorm-again (SCORM 1.2, as Moodle
runs the packages); then cmi.suspend_data is read from the LMS.

Uses the player's own test harness (tests/player/: the scorm-again host page and its driver).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFLECTION = ("Jeg vil tale med mit team om, hvad grundlaget betyder for vores opgaver, og aftale et konkret "
              "skridt med min egen leder inden næste måned. Det er svært, men vigtigt for os alle.")


class HarnessMissing(ImportError):
    pass


def _harness():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        from tests.player.conftest import StaticServer
        from tests.player.lms import FINISH, Harness
    except ImportError as error:
        raise HarnessMissing(f"the player's scorm-again harness in tests/player ({error})") from None
    if not (ROOT / "node_modules" / "scorm-again" / "dist").is_dir():
        raise HarnessMissing("node_modules/scorm-again (npm ci)")
    return StaticServer, Harness, FINISH


def centred(locator):
    """The control scrolled to the middle of the window, as a learner would, clear of the fixed pager bar."""
    locator.evaluate("element => element.scrollIntoView({block: 'center'})")
    return locator


def answer_right(h, key: dict) -> None:
    section = f"#q-{key['id']}"
    kind = key["type"]
    if kind == "scenario":
        node = key["start"]
        while "choices" in key["nodes"][node]:
            choice = key["nodes"][node]["best"][0]
            centred(h.at(f"{section} [data-node='{node}'] input[value='{choice}']")).check()
            centred(h.at(f"{section} [data-node='{node}'] .check")).click()
            node = key["nodes"][node]["choices"][choice]
        return
    if kind in ("single", "multiple"):
        for option in key["correct"]:
            centred(h.at(f"{section} input[value='{option}']")).check()
    elif kind == "truefalse":
        centred(h.at(f"{section} input[value='{'t' if key['correct'] else 'f'}']")).check()
    elif kind == "matching":
        for pair in key["pairs"]:
            centred(h.at(f"{section} select[data-pair='{pair}']")).select_option(pair)
    else:
        for position, item in enumerate(key["order"]):
            up = h.at(f"{section} li[data-item='{item}'] .move[data-move='-1']")
            while h.at(f"{section} .ordering li").evaluate_all("all => all.map(li => li.dataset.item)").index(item) > position:
                centred(up).click()
    centred(h.at(f"{section} .check")).click()


def complete(h) -> None:
    """Every page (with its reflections), every question right, then finish."""
    config = h.config()
    while h.current_step() in config["pages"]:
        step = h.current_step()
        for area in h.at(f"#{step} .reflection textarea").all():
            area.fill(REFLECTION)
        h.at(".pager .next").click()
    for key in config["questions"]:
        if h.current_step() != f"q-{key['id']}":
            raise RuntimeError(f"expected question {key['id']}, the player shows {h.current_step()}")
        answer_right(h, key)
        h.at(".pager .next").click()
    finish = h.at(".pager .finish")
    if finish.count() and finish.first.is_visible():
        finish.first.click()


def suspend_data_lengths(browser, sco_root: Path, modules: list[str], version: str = "1.2") -> dict[str, int]:
    """Length of cmi.suspend_data after each module was completed and closed."""
    StaticServer, Harness, FINISH = _harness()
    server = StaticServer(sco_root)
    lengths = {}
    try:
        for module_id in modules:
            context = browser.new_context(viewport={"width": 1024, "height": 768})
            try:
                h = Harness(context.new_page(), server.url, version, module_id)
                complete(h)
                h.close()
                h.wait_for_call(FINISH[version])
                cmi = h.cmi()
                lengths[module_id] = len(cmi.get("suspend_data") or "")
            finally:
                context.close()
    finally:
        server.stop()
    return lengths
