"""How long a one-page edit takes to show in `course-builder preview` (the target is 300 ms).

    python bench/preview_reload.py [COURSE] [--edits N]

Runs the preview on a copy of a course (the repository's own by default), opens the LMS shell in
headless Chromium, launches a module, then edits one page's heading again and again and times each
edit from the file write until the new heading is on screen in the module frame. Not a test:
timings depend on the machine; the build's CPU time is the steadier figure on a busy one.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from course_builder.preview.builds import PreviewBuilds, watch  # noqa: E402
from course_builder.preview.lms import PreviewLms  # noqa: E402
from course_builder.preview.server import PreviewServer  # noqa: E402
from course_builder.preview.store import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("course", nargs="?", type=Path, default=REPO)
    options.add_argument("--edits", type=int, default=15)
    args = options.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    try:
        course = work / "course"
        shutil.copytree(args.course, course, ignore=shutil.ignore_patterns(
            "dist", ".preview", ".venv", "node_modules", ".git", "tests", "*.egg-info", "bench"))
        builds = PreviewBuilds(course, work / "data" / "builds")
        first = builds.rebuild()
        if not first.ok:
            print("\n".join(first.problems), file=sys.stderr)
            return 1
        module = first.course.modules[0]
        source = module.source.path
        store = Store(work / "data" / "preview.sqlite")
        server = PreviewServer(PreviewLms(store, builds), 0)
        stop = threading.Event()
        watch(builds, stop)
        server.serve_in_thread()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            page.goto(server.url)
            page.click(f"button[data-module='{module.id}']")
            page.frame_locator("#sco").locator("h2").first.wait_for()
            timings, builds_ms, builds_cpu_ms = [], [], []
            for edit in range(1, args.edits + 1):
                text = source.read_text(encoding="utf-8")
                marker = f"Rettelse {edit}"
                changed = HEADING.sub(lambda m: f"## {m.group(1).split(' Rettelse ')[0]} {marker}", text, count=1)
                time.sleep(0.3)  # let the watcher settle between edits
                started = time.perf_counter()
                source.write_text(changed, encoding="utf-8")
                page.wait_for_function(
                    "marker => { const d = document.querySelector('#sco').contentDocument;"
                    " return !!d && !!d.body && d.body.textContent.includes(marker); }",
                    arg=marker, polling="raf", timeout=10_000)
                timings.append((time.perf_counter() - started) * 1000)
                builds_ms.append(builds.status.seconds * 1000)
                builds_cpu_ms.append(builds.status.cpu_seconds * 1000)
            browser.close()
        stop.set()
        server.shutdown()
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"course: {args.course}  module: {module.id}  edits: {len(timings)}")
    print(f"edit → visible: median {statistics.median(timings):.0f} ms, "
          f"p90 {statistics.quantiles(timings, n=10)[-1]:.0f} ms, max {max(timings):.0f} ms")
    print(f"of which the build: median {statistics.median(builds_ms):.0f} ms, max {max(builds_ms):.0f} ms "
          f"(CPU time: median {statistics.median(builds_cpu_ms):.0f} ms; the rest is waiting for a busy machine)")
    print(f"load average now: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
