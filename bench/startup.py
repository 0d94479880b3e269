"""Start-up: a single-format build of a small course, split into the time spent importing and the time after.

Per round, three fresh processes, interleaved so that a busy machine slows all of them alike:
- the build: `course-builder build --format scorm12` of a three-module course (bench/make_course.py);
- its imports: a process that imports exactly the modules that build imported (found once beforehand from
  the build's own sys.modules) and does nothing else;
- the floor: bench/floor.py writing the same files with zipfile alone (byte-identical, checked).
Imports = the import-only process (interpreter start included, as in the floor); after imports = the build
minus that. Medians of the rounds, each against the floor's median.

The build is a rebuild, as an editor's builds are: the untimed build before the rounds left the course's
Markdown stored (course_builder/stored_markdown.py) and Jinja's compiled templates, as Python's compiled
modules are there. A fourth process per round is the course's first build, with nothing stored.
"""
from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import floor
import make_course
from timing import CHILD_ENV, run_checked

from course_builder.stored_markdown import FOLDER as STORED_MARKDOWN

FORMAT = "scorm12"
MODULES = 3
MODULE_NAME = re.compile(r"[A-Za-z_][\w.]*")  # a line of the listing, not of the build's output
LISTING = """
import sys
from course_builder.cli import main
status = main(sys.argv[1:])
print("\\n".join(sorted(name for name, module in list(sys.modules.items())
                        if ("." not in name or name.startswith("course_builder."))
                        and getattr(getattr(module, "__spec__", None), "name", None) == name)))
sys.exit(status)
"""


def imported_modules(build_command: list[str], python: str) -> list[str]:
    """The modules a build imports (top-level packages and course_builder's own), in a fresh process."""
    listing = subprocess.run([python, "-c", LISTING, *build_command], capture_output=True, text=True, env=CHILD_ENV)
    if listing.returncode != 0:
        raise RuntimeError(f"the build for the import listing failed: {listing.stderr.strip()[-300:]}")
    return [line for line in listing.stdout.splitlines() if MODULE_NAME.fullmatch(line)  # not the build's own lines
            and line not in sys.builtin_module_names and line != "__main__"]


def measure(work: Path, course_builder: list[str], runs: int) -> dict:
    source = make_course.make_course(work / "startup-course", MODULES)
    out, floor_out = work / "startup-dist", work / "startup-floor"
    build = [*course_builder, "build", "--source", str(source), "--out", str(out), "--format", FORMAT]
    run_checked(build)  # not timed: fills the bytecode caches, as any installation has them
    modules = imported_modules(["build", "--source", str(source), "--out", str(work / "startup-listed"),
                                "--format", FORMAT], sys.executable)
    importing = [sys.executable, "-c", "import " + ", ".join(modules)]
    floor_input = work / "startup-floor.pickle"
    floor.collect(str(out), str(floor_input))
    floor_command = [sys.executable, str(Path(floor.__file__)), str(floor_input), str(floor_out)]
    builds, imports, floors, first_builds = [], [], [], []
    for _ in range(runs):
        floors.append(run_checked(floor_command))
        builds.append(run_checked(build))
        imports.append(run_checked(importing))
        shutil.rmtree(source / STORED_MARKDOWN, ignore_errors=True)
        first_builds.append(run_checked(build))
    identical = _tree(floor_out) == _tree(out / FORMAT) or _tree(floor_out / FORMAT) == _tree(out / FORMAT)
    whole, in_imports, floor_median, first = (statistics.median(r.seconds for r in s)
                                              for s in (builds, imports, floors, first_builds))
    cpu = {name: statistics.median(r.cpu_seconds for r in s) for name, s in
           (("whole", builds), ("imports", imports), ("floor", floors))}
    return {"whole": whole, "imports": in_imports, "after": whole - in_imports, "floor": floor_median, "first": first,
            "runs": runs, "identical": identical, "modules": len(modules), "cpu": cpu}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()} if root.is_dir() else {}
