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

from course_builder.cli import UsageError, language_argument, output_folder, source_argument
from course_builder.content import load_course
from course_builder.content.messages import editor_catalogue
from course_builder.content.problems import sort_key


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("exports", nargs="+", type=Path, metavar="EXPORT",
                     help="Moodle downloads, or folders holding them")
    source_argument(sub)
    sub.add_argument("--out", type=Path, default=None, metavar="DIR",
                     help="where to write the report; default: report/ in the course folder")
    sub.add_argument("--anonymize", action="store_true",
                     help="replace names and e-mail addresses by stable pseudonyms")
    sub.add_argument("--not-learner", action="append", default=[], metavar="NAME_OR_EMAIL",
                     help="someone in the downloads who is not a learner (a teacher, a tester); repeat for more. "
                          "Needed only without completion downloads, which list learners only")
    sub.add_argument("--roles", type=Path, default=None, metavar="FILE",
                     help="HR's list of who has which role (e-mail or name, then the role's id or label), "
                          "for the report per role; without it, the role comes from downloads of a course per "
                          "role path (the role id in the file name)")
    language_argument(sub)


def run(args: argparse.Namespace) -> int:
    # Imported here so that other commands do not pay for the report's modules.
    from course_builder.report.anonymize import anonymize
    from course_builder.report.messages import Messages, choose_language
    from course_builder.report.pipeline import analyse_exports
    from course_builder.report.writer import OutputRefused, write_report

    if not args.source.is_dir():
        raise UsageError(Messages(choose_language(args.language, None)).text("no_source", folder=args.source))
    missing = [str(path) for path in [*args.exports, *([args.roles] if args.roles else [])] if not path.exists()]
    if missing:
        raise UsageError(Messages(choose_language(args.language, None)).text("no_such_paths", paths=", ".join(missing)))
    loaded = load_course(args.source)
    course = loaded.course
    say = Messages(choose_language(args.language, course.settings.language if course else None, args.source),
                   args.source)
    course_errors = [p for p in loaded.problems if p.is_error]
    if course is None or course_errors:
        said = editor_catalogue(args.source, args.language, course.settings.language if course else None)
        for problem in sorted(course_errors or loaded.problems, key=sort_key):
            print(problem.display(catalogue=said), file=sys.stderr)
        print(say.text("course_does_not_load"), file=sys.stderr)
        return 1
    analysis, problems = analyse_exports(args.exports, course, messages=say, not_learners=args.not_learner,
                                         progress=sys.stderr, role_list=args.roles)
    for problem in problems:
        print(_shown(problem, say), file=sys.stderr)
    if analysis is None:
        print(say.text("stopped"), file=sys.stderr)
        return 1
    if args.anonymize:
        analysis = anonymize(analysis, loaded.course.settings.id)
    out = output_folder(args.out or args.source / "report")
    try:
        files = write_report(analysis, loaded.course, out, say.language)
    except OutputRefused:
        raise UsageError(say.text("out_refused", folder=out)) from None
    for note in analysis.notes:
        print(f"{say.text('note')}: {say(note)}", file=sys.stderr)
    print(say.text("wrote", count=len(files), folder=out, page=out / "index.html"))
    return 0


def _shown(problem, say) -> str:
    """The file as HR named it, the row (a file-level problem names none), and what to do."""
    row = f" ({say.text('row', row=problem.line)})" if problem.line > 1 and f"{problem.line}" not in problem.message else ""
    prefix = "" if problem.is_error else say.text("warning") + ": "
    return f"{problem.path}{row}: {prefix}{problem.message}"
