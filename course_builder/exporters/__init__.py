"""One exporter per output format behind one small interface, and the registry of them.

An exporter is pure: it reads the loaded course and the pages rendered once, and writes files
into its own folder of the staging area. It may read the output of the formats it `requires`
(for example the course backup reuses the SCORM 1.2 module packages byte for byte).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol

from course_builder.content.model import Course
if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from course_builder.render import Rendered


@dataclass
class BuildContext:
    """What each exporter of one build reads (the course, its rendered pages) and writes to (the staging area)."""
    course: Course
    rendered: Rendered
    staging: Path  # the staging root: each format writes into staging / format name
    warnings: list[str] = field(default_factory=list)  # about the content: the editor can act on them
    losses: dict[str, list[str]] = field(default_factory=dict)  # format → what it cannot carry that others do
    derived: dict[str, object] = field(default_factory=dict, repr=False)
    _worker: ThreadPoolExecutor | None = field(default=None, repr=False)
    _running: list[Future] = field(default_factory=list, repr=False)

    def in_background(self, job: Callable[[], None]) -> None:
        """Runs `job` in the build's one worker thread while the next formats export. Only for a job that
        spends its time in C code that lets go of the GIL (zlib compressing a course backup), so that it truly
        runs beside them; it reads what no one changes any more and writes only its own file."""
        if self._worker is None:
            from concurrent.futures import ThreadPoolExecutor  # only a build with a job for it pays for its import

            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="course-builder")
        self._running.append(self._worker.submit(job))

    def finish_background(self, raise_errors: bool = True) -> None:
        """Waits for the jobs in the background; the first that failed raises its error here."""
        if self._worker is None:
            return
        try:
            for job in self._running:
                if raise_errors:
                    job.result()
        finally:
            self._worker.shutdown(wait=True, cancel_futures=True)
            self._worker, self._running = None, []

    def output_dir(self, format_name: str) -> Path:
        return self.staging / format_name

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def lose(self, format_name: str, message: str) -> None:
        """Something of the content the format cannot carry (the other formats do): not the editor's to fix, so a
        build counts these and lists them only when asked (`build --details`)."""
        self.losses.setdefault(format_name, []).append(message)

    def shared(self, name: str, make: Callable[[], object]):
        """What several exporters derive from the course alike (the question bank), made once per build;
        read-only for all of them."""
        if name not in self.derived:
            self.derived[name] = make()
        return self.derived[name]


class Exporter(Protocol):
    name: str
    description: str
    requires: tuple[str, ...]

    def export(self, context: BuildContext, out: Path) -> None: ...


_REGISTRY: dict[str, Callable[[], Exporter]] = {}


def register(cls):
    """Class decorator: makes the exporter available to `build --format NAME`."""
    _REGISTRY[cls.name] = cls
    return cls


def available_formats() -> list[str]:
    """Every format's name, without importing any exporter (each is its module's name)."""
    return list(BUILTIN_EXPORTERS)


def exporter(name: str) -> Exporter:
    """The exporter of one format: only its module (and those it imports) is imported, so that a build of
    one format does not pay for every format's imports."""
    if name not in _REGISTRY:
        import importlib

        importlib.import_module(f"course_builder.exporters.{name}")
    return _REGISTRY[name]()


# In the order a build lists them. A format's name is its module's.
BUILTIN_EXPORTERS = ["web", "scorm12", "scorm2004", "imscp", "imscc", "moodle"]
# In the order they run: a format after every format it requires. moodle right after scorm12, whose packages its
# course backups hold, so that the backups compress in the background while the other formats export.
RUN_ORDER = ["scorm12", "moodle", "web", "scorm2004", "imscp", "imscc"]
