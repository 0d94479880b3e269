"""`course-builder preview`: the time from saving a one-page edit to the rebuilt page being served.

Runs the real command (a fresh process, on 127.0.0.1, a free port) on a copy of the course, then
edits the first page heading of the first module again and again; each time it polls the module's
page over HTTP from the moment the file is written until the page holds the new heading.
"""
from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from timing import CHILD_ENV

SOURCES = ("course.yaml", "references.yaml", "glossary.yaml", "figures.yaml", "role-guide.yaml", "modules", "quizzes",
           "templates")
HEADING = re.compile(r"^## (.+)$", re.MULTILINE)
STARTED = re.compile(r"^preview of .* at (http://127\.0\.0\.1:\d+/?)")
SETTLE_SECONDS = 0.3  # between edits, so the watcher sees each edit on its own
TIMEOUT_SECONDS = 20


def copy_course(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in SOURCES:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        elif (source / name).is_file():
            shutil.copy2(source / name, target / name)
    return target


class Preview:
    """The preview command as a child process; its output read in a thread so the pipe never fills."""

    def __init__(self, command: list[str], course: Path, data: Path):
        self.process = subprocess.Popen(
            command + ["preview", "--source", str(course), "--port", "0", "--no-browser", "--data", str(data)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=CHILD_ENV)
        self.lines: list[str] = []
        self.url: str | None = None
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip())
            found = STARTED.match(line)
            if found:
                self.url = found.group(1).rstrip("/") + "/"
                self.ready.set()
        self.ready.set()

    def wait_started(self) -> str:
        if not self.ready.wait(TIMEOUT_SECONDS) or self.url is None:
            raise RuntimeError("preview did not start: " + " | ".join(self.lines[-5:]))
        return self.url

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # the command's own Ctrl-C path
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def module_page(base: str, module_id: str) -> str:
    """The address the preview launches the module's SCO at, asked of its own API (as its page does)."""
    with urllib.request.urlopen(base + "api/state", timeout=TIMEOUT_SECONDS) as response:
        learner = json.load(response)["learner"]["id"]
    request = urllib.request.Request(base + "api/launch", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"learner": learner, "module": module_id, "version": "1.2"}).encode())
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        return base + json.load(response)["url"].lstrip("/")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.URLError:  # no good build yet (503), or between two builds
        return ""


def wait_for(url: str, text: str, since: float) -> float:
    while time.perf_counter() - since < TIMEOUT_SECONDS:
        if text in fetch(url):
            return time.perf_counter() - since
        time.sleep(0.002)
    raise RuntimeError(f"{url} never showed {text!r}")


def edit_to_served(source: Path, work: Path, edits: int, command: list[str]) -> list[float]:
    """Seconds from each saved edit to the served page holding it."""
    from course_builder.content import load_course

    course = copy_course(source, work / "course")
    module = load_course(course).course.modules[0]
    preview = Preview(command, course, work / "data")
    try:
        base = preview.wait_started()
        wait_for(base, "<", time.perf_counter())  # the server answers
        page = module_page(base, module.id)
        first_title = module.pages[0].title
        wait_for(page, first_title, time.perf_counter())  # the first build
        timings = []
        for edit in range(1, edits + 1):
            text = module.source.path.read_text(encoding="utf-8")
            marker = f"{first_title} Rettelse {edit}"
            changed = HEADING.sub(lambda _: f"## {marker}", text, count=1)
            time.sleep(SETTLE_SECONDS)
            started = time.perf_counter()
            module.source.path.write_text(changed, encoding="utf-8")
            timings.append(wait_for(page, marker, started))
        return timings
    finally:
        preview.stop()
