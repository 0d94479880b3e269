"""A learner driving one SCO with the keyboard only (`Learner`, under any LMS), and the player's test LMS
(`Harness`: harness/harness.js hosting scorm-again), which reads back what the LMS holds."""
from __future__ import annotations

import json

from playwright.sync_api import Locator, Page

SET = {"1.2": "LMSSetValue", "2004": "SetValue"}
COMMIT = {"1.2": "LMSCommit", "2004": "Commit"}
FINISH = {"1.2": "LMSFinish", "2004": "Terminate"}
INIT = {"1.2": "LMSInitialize", "2004": "Initialize"}


# How many Tab presses from the focused element to `target`, by the document's sequential focus order
# (every tabindex in the player is 0 or -1; one radio button per group; hidden and disabled controls skipped).
TAB_DISTANCE = """target => {
  const group = name => document.querySelectorAll(`input[type=radio][name="${CSS.escape(name)}"]`);
  const stop = el => el.type !== "radio" || el === ([...group(el.name)].find(r => r.checked) || group(el.name)[0]);
  const tabbable = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
    .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length && stop(el));
  const index = tabbable.indexOf(target), active = document.activeElement;
  if (index < 0) return 0;
  let start = tabbable.indexOf(active);
  if (start < 0) {  // the focus is on a heading or a feedback (tabindex -1): Tab goes on from there
    const after = tabbable.findIndex(el => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    start = (after < 0 ? tabbable.length : after) - 1;
  }
  return (index - start + tabbable.length) % tabbable.length;
}"""


class Learner:
    """A learner at the keyboard in the SCO of the page's #sco frame, whichever LMS hosts it."""

    def __init__(self, page: Page, package: str = "", module_id: str = ""):
        self.page = page
        self.package = package  # the URL of the package (or build) root the SCO was launched from
        self.module_id = module_id
        self.requests: list[tuple[bool, str]] = []  # (made in a frame, request url)
        self.console: list[tuple[str, str]] = []
        page.on("request", lambda request: self.requests.append((request.frame != page.main_frame, request.url)))
        page.on("console", lambda message: self.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: self.console.append(("pageerror", str(error))))

    # ---- the SCO
    @property
    def frame(self):
        return self.page.locator("#sco").element_handle().content_frame()

    def at(self, selector: str) -> Locator:
        return self.page.frame_locator("#sco").locator(selector)

    def wait_ready(self) -> None:
        self.frame.wait_for_function("() => window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")

    def current_step(self) -> str:
        return self.frame.evaluate("CoursePlayer.nav.current")

    def config(self) -> dict:
        return json.loads(self.frame.evaluate("document.getElementById('player-config').textContent"))

    def sco_requests(self) -> list[str]:
        return [url for in_frame, url in self.requests if in_frame]

    def outside_requests(self) -> list[str]:
        """Requests of the SCO for anything but its own module folder and the shared player files."""
        inside = (f"{self.package}{self.module_id}/", f"{self.package}player/")
        return [url for url in self.sco_requests() if not url.startswith(inside)]

    def errors(self, expected: str | None = None, timeout_ms: int = 5000) -> list[str]:
        """The console's errors; with `expected`, first waits (up to `timeout_ms`) for an error containing it, since
        console events reach Python asynchronously and a busy machine delivers them late."""
        waited = 0
        while True:
            logged = [text for kind, text in self.console if kind in ("error", "pageerror")]
            if expected is None or any(expected in text for text in logged) or waited >= timeout_ms:
                return logged
            self.page.wait_for_timeout(50)
            waited += 50

    # ---- the keyboard
    def focused(self, target: Locator) -> bool:
        return target.evaluate("element => element === document.activeElement")

    def tab_to(self, target: Locator, limit: int = 150) -> None:
        """Presses Tab until the target has the focus (first as many times as the tab order says it takes)."""
        for _ in range(target.evaluate(TAB_DISTANCE)):
            self.page.keyboard.press("Tab")
        for _ in range(limit):
            if self.focused(target):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {target}")

    def press(self, target: Locator, key: str = "Enter") -> None:
        self.tab_to(target)
        self.page.keyboard.press(key)

    def next(self) -> None:
        self.press(self.at(".pager .next"))

    def pick(self, question: str, options: list[str]) -> None:
        """Checks radio buttons (arrow keys inside the group) or checkboxes (Space) of a question or scenario node."""
        inputs = self.at(f"{question} .answer input")
        kinds = inputs.evaluate_all("all => all.map(i => [i.type, i.value])")
        if kinds[0][0] == "checkbox":
            for option in options:
                self.press(self.at(f"{question} .answer input[value='{option}']"), " ")
            return
        self.tab_to(inputs.first)
        index = [value for _, value in kinds].index(options[0])
        if index == 0:
            self.page.keyboard.press(" ")
        for _ in range(index):
            self.page.keyboard.press("ArrowDown")

    def match(self, question: str, answers: dict[str, str]) -> None:
        for pair, answer in answers.items():
            select = self.at(f"{question} select[data-pair='{pair}']")
            self.tab_to(select)
            for _ in range(10):
                if select.evaluate("s => s.value") == answer:
                    break
                self.page.keyboard.press("ArrowDown")
            assert select.evaluate("s => s.value") == answer

    def order(self, question: str, order: list[str]) -> None:
        for position, item in enumerate(order):
            up = self.at(f"{question} .ordering li[data-item='{item}'] .move[data-move='-1']")
            self.tab_to(up)
            while self.at(f"{question} .ordering li").evaluate_all("all => all.map(li => li.dataset.item)").index(item) > position:
                self.page.keyboard.press("Enter")

    def check(self, question: str) -> None:
        self.press(self.at(f"{question} .check:visible").first)

    def hide(self) -> None:
        """The learner switches tab or window: the player's early save (visibilitychange) commits at once."""
        self.frame.evaluate("""() => {
          Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
          document.dispatchEvent(new Event("visibilitychange"));
          delete document.visibilityState;
        }""")


class Harness(Learner):
    """The learner under the player's test LMS (harness/harness.js, hosting scorm-again): every call logged,
    faults injected, the SCO relaunched with what the LMS kept."""

    def __init__(self, page: Page, base_url: str, version: str, module_id: str, root: str = "", comments: str = ""):
        """comments="append": SCORM 1.2 cmi.comments appended to, as in Moodle (harness/harness.js)."""
        super().__init__(page, f"{base_url}/{root + '/' if root else ''}", module_id)
        self.version = version
        self.base_url = base_url
        page.goto(f"{base_url}/__harness__/index.html?version={version}&sco={root + '/' if root else ''}{module_id}/index.html"
                  + (f"&comments={comments}" if comments else ""))
        self.wait_ready()

    def wait_ready(self) -> None:
        self.page.wait_for_function(
            "() => harness.calls.some(c => c.launch === harness.launches && /Initialize$/.test(c.fn))")
        super().wait_ready()

    # ---- the LMS
    def cmi(self) -> dict:
        return self.page.evaluate("harness.cmi()")

    def sets(self, element: str | None = None) -> list[list[str]]:
        """Every value the SCO set successfully, as [element, value], in order."""
        return self.page.evaluate("element => harness.sets(element)", element)

    def last(self, element: str) -> str | None:
        values = self.sets(element)
        return values[-1][1] if values else None

    def count(self, function: str) -> int:
        return self.page.evaluate("name => harness.count(name)", function)

    def wait_for_call(self, function: str, times: int = 1) -> None:
        self.page.wait_for_function("([name, times]) => harness.count(name) >= times", arg=[function, times])

    def interactions(self) -> list[dict]:
        found = self.cmi().get("interactions") or {}
        if isinstance(found, dict):
            found = [found[k] for k in sorted(found, key=int)]
        return found

    def relaunch(self, overrides: dict | None = None, sco: str | None = None) -> dict:
        """Closes the SCO and launches it again with what the LMS kept (entry "resume" after "suspend")."""
        kept = self.page.evaluate("([overrides, sco]) => harness.relaunch(overrides, sco)", [overrides or {}, sco])
        self.wait_ready()
        return kept

    def launch_new(self, module_id: str, root: str = "") -> None:
        """The same learner opens another SCO for the first time (a fresh attempt, a fresh API)."""
        self.module_id = module_id
        self.requests.clear()
        self.page.evaluate("sco => harness.launchNew(sco)", f"{root + '/' if root else ''}{module_id}/index.html")
        self.wait_ready()

    def close(self) -> None:
        self.page.evaluate("harness.close()")

    def inject(self, fault: str) -> None:
        self.page.evaluate("fault => harness.inject(fault)", fault)

    def heal(self) -> None:
        self.page.evaluate("harness.heal()")
