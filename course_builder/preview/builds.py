"""The preview's builds: watch the sources, rebuild on change, keep serving the last good build.

Each build goes into a folder of its own (builds/<n>/), so the one being served is never written
to. A build that fails leaves the last good one in place and shows its problems as
`path:line: message`. After a one-page edit only the changed module is rendered again.

Besides the web format (the course home), each build holds every module's own SCORM 1.2 and 2004
package, the SCOs the preview launches: the same bytes as `dist/scorm12/modules/` and
`dist/scorm2004/modules/`, made by the exporters' own functions. The whole-course packages are left
out (the preview launches modules only), and an unchanged module's packages are copied from the
previous build: together that keeps a one-page edit about as fast as with the web format alone.
"""
from __future__ import annotations

import shutil
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from course_builder.build import BuildResult, IncrementalBuild
from course_builder.content.model import Course
from course_builder.content.messages import editor_catalogue
from course_builder.content.problems import sort_key
from course_builder.exporters import scorm12, scorm2004
from course_builder.manifest import write_module_packages

PREVIEW_FORMATS = ["web"]
# The module packages the preview launches, by output folder (as the exporters name them).
MODULE_PACKAGES = {"scorm12": scorm12.module_package, "scorm2004": scorm2004.module_package}
WATCHED = ("course.yaml", "references.yaml", "glossary.yaml", "modules", "quizzes", "templates")
# Polling, not a file-watching library: the tool's run-time dependencies are jinja2, lxml, pyyaml and markdown
# only, and a course is a few hundred files (one scan of this course: well under a millisecond of stat calls).
# Ten scans a second (half the former twenty) keep an edit's wait (half an interval on average) near the rebuild's own time.
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class BuildStatus:
    number: int  # every build the preview ran, failed or not
    good: int  # the build being served (0: none yet)
    folder: Path | None  # its output
    course: Course | None  # its course
    problems: tuple[str, ...]  # of the latest build: errors and warnings as `path:line: message`
    ok: bool  # the latest build succeeded
    seconds: float  # how long the latest build took
    cpu_seconds: float = 0.0  # of which working (a busy machine stretches the first, not this)

    def as_json(self) -> dict:
        return {"number": self.number, "good": self.good, "ok": self.ok, "problems": list(self.problems),
                "milliseconds": round(self.seconds * 1000)}


class PreviewBuilds:
    """Rebuilds on request; tells waiting clients when a build finished."""

    def __init__(self, source: Path, folder: Path, formats: list[str] | None = None,
                 on_build: Callable[[BuildStatus], None] | None = None):
        self.source = Path(source)
        self.on_build = on_build
        self.folder = Path(folder)
        self.formats = formats or PREVIEW_FORMATS
        self.builder = IncrementalBuild(self.source)
        self.changed: list[str] = []  # the modules the latest build rendered anew
        self._status = BuildStatus(0, 0, None, None, (), True, 0.0)
        self._finished = threading.Condition()
        self._building = threading.Lock()

    @property
    def status(self) -> BuildStatus:
        return self._status

    def rebuild(self) -> BuildStatus:
        with self._building:
            number = self._status.number + 1
            out = self.folder / str(number)
            started, started_cpu = time.perf_counter(), time.thread_time()
            problems, course, ok = self._build(out)
            seconds, cpu = time.perf_counter() - started, time.thread_time() - started_cpu
            last = self._status
            if ok:
                status = BuildStatus(number, number, out, course, problems, True, seconds, cpu)
            else:
                shutil.rmtree(out, ignore_errors=True)
                status = BuildStatus(number, last.good, last.folder, last.course, problems, False, seconds, cpu)
            with self._finished:
                self._status = status
                self._finished.notify_all()
            self._remove_old_builds(keep={status.good, last.good})
        if self.on_build:
            self.on_build(status)
        return status

    def _build(self, out: Path) -> tuple[tuple[str, ...], Course | None, bool]:
        try:
            result = self.builder.build(out, self.formats)
            if result.ok:
                self.changed = result.changed
                self._write_module_packages(out, result)
        except Exception as error:  # a bug in course-builder: say so, keep serving the last good build
            traceback.print_exc(file=sys.stderr)
            return (f"course-builder failed (a bug, please report it): {error!r}",), None, False
        said = editor_catalogue(self.source, None, result.course.settings.language if result.course else None)
        shown = [p.display(self.source, said) for p in sorted(result.problems, key=sort_key)]
        shown += [f"warning: {w}" for w in result.warnings]
        return tuple(shown), result.course, result.ok

    def _write_module_packages(self, out: Path, result: BuildResult) -> None:
        """Each module's SCORM packages; an unchanged module's copied from the build being served."""
        served = self._status.folder
        for format_name, package in MODULE_PACKAGES.items():
            def earlier(module_id: str, name: str, format_name=format_name) -> Path | None:
                old = served / format_name / "modules" / name if served else None
                return old if module_id not in result.changed and old is not None and old.is_file() else None

            folder = out / format_name / "modules"
            folder.mkdir(parents=True, exist_ok=True)
            write_module_packages(result.rendered, folder, package, earlier)

    def wait(self, since: int, timeout: float) -> BuildStatus:
        """The status once a build newer than `since` has finished, or after timeout."""
        with self._finished:
            self._finished.wait_for(lambda: self._status.number > since, timeout)
            return self._status

    def _remove_old_builds(self, keep: set[int]) -> None:
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.is_dir() and path.name.isdigit() and int(path.name) not in keep:
                shutil.rmtree(path, ignore_errors=True)


class SourceWatcher:
    """Polls the modification times of the course's sources; stdlib only, cheap for a few hundred files."""

    def __init__(self, source: Path, names: tuple[str, ...] = WATCHED):
        self.source = Path(source)
        self.names = names
        self.last = self.snapshot()

    def snapshot(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for name in self.names:
            path = self.source / name
            paths = path.rglob("*") if path.is_dir() else [path]
            for file in paths:
                if file.name.startswith(".") or file.name.endswith("~"):
                    continue  # editors' swap and backup files
                try:
                    stat = file.stat()
                except OSError:
                    continue
                if not file.is_dir():
                    found[str(file)] = (stat.st_mtime_ns, stat.st_size)
        return found

    def changed(self) -> bool:
        current = self.snapshot()
        if current == self.last:
            return False
        self.last = current
        return True


def watch(builds: PreviewBuilds, stop: threading.Event, interval: float = POLL_SECONDS) -> threading.Thread:
    """A daemon thread that rebuilds whenever a watched source changes, until stop is set."""
    watcher = SourceWatcher(builds.source)

    def loop() -> None:
        while not stop.wait(interval):
            try:
                if watcher.changed():
                    builds.rebuild()
            except Exception:  # a bug: say so, and keep watching
                traceback.print_exc(file=sys.stderr)

    thread = threading.Thread(target=loop, name="preview-watcher", daemon=True)
    thread.start()
    return thread
