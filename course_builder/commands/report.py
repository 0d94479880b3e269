"""HR's report from Moodle's downloads: completion, follow-up lists and question analysis.

Give it the SCORM reports (Basic, Interactions; CSV, Excel or ODS) and the activity and course
completion downloads, as files or folders. It writes index.html and CSV files into --out; a run
with problems in the downloads writes nothing and leaves an earlier report as it was.
Exit status 0 done, 1 problems in the downloads or the course, 2 usage errors.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course_builder.cli import UsageError, output_folder, source_argument
from course_builder.content import load_course
from course_builder.content.problems import sort_key


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("exports", nargs="+", type=Path, metavar="EXPORT",
                     help="Moodle downloads, or folders holding them")
    source_argument(sub)
    sub.add_argument("--out", type=Path, default=None, metavar="DIR",
                     help="where to write the report; default: report/ in the course folder")
    sub.add_argument("--anonymize", action="store_true",
                     help="replace names and e-mail addresses by stable pseudonyms")


def run(args: argparse.Namespace) -> int:
    # Imported here so that other commands do not pay for the report's modules.
    from course_builder.report.anonymize import anonymize
    from course_builder.report.pipeline import analyse_exports
    from course_builder.report.writer import OutputRefused, write_report

    if not args.source.is_dir():
        raise UsageError(f"--source {args.source}: no such folder")
    missing = [str(path) for path in args.exports if not path.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    loaded = load_course(args.source)
    course_errors = [p for p in loaded.problems if p.is_error]
    if loaded.course is None or course_errors:
        for problem in sorted(course_errors or loaded.problems, key=sort_key):
            print(problem.display(), file=sys.stderr)
        print("report stopped: the course does not load (see `course-builder validate`)", file=sys.stderr)
        return 1
    analysis, problems = analyse_exports(args.exports, loaded.course)
    for problem in problems:
        print(problem.display(), file=sys.stderr)
    if analysis is None:
        print("report stopped: fix the downloads above; no report was written", file=sys.stderr)
        return 1
    if args.anonymize:
        analysis = anonymize(analysis, loaded.course.settings.id)
    out = output_folder(args.out or args.source / "report")
    try:
        files = write_report(analysis, loaded.course, out)
    except OutputRefused as error:
        raise UsageError(str(error)) from None
    for note in analysis.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"wrote {len(files)} files into {out}: open {out / 'index.html'}")
    return 0
