"""Validate, then build the course into dist/ (every format, or those named with --format).

A build that fails leaves dist/ exactly as it was. A build that succeeds says one line per format; what a
format cannot carry (that the other formats do) is one line with a count, listed item by item with
--details; warnings about the content come last, under a heading of their own.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course_builder import exporters
from course_builder.build import BuildResult, UnknownFormat, build
from course_builder.cli import UsageError, language_argument, output_folder, source_argument
from course_builder.collector import cyclic_gc_paused
from course_builder.content.messages import editor_catalogue
from course_builder.content.problems import sort_key
from course_builder.strings import in_chosen_language
from course_builder.templating import Templates, fill, strings_table

STRINGS = "build/strings.yaml"


def add_arguments(sub: argparse.ArgumentParser) -> None:
    source_argument(sub)
    sub.add_argument("--out", type=Path, default=None, metavar="DIR", help="where to build; default: dist/ in the course folder")
    sub.add_argument("--format", nargs="+", default=None, metavar="NAME",
                     help=f"build only these formats ({', '.join(exporters.available_formats())})")
    sub.add_argument("--details", nargs="*", default=None, metavar="NAME",
                     help="list each part of the content these formats (default: every format built) cannot carry")
    language_argument(sub)


def run(args: argparse.Namespace) -> int:
    if not (args.source / "course.yaml").is_file() and not args.source.is_dir():
        raise UsageError(key="no_source_folder", source=args.source)
    out = output_folder(args.out or args.source / "dist")
    if args.language:
        editor_catalogue(args.source, args.language)  # before the build: an unknown --language builds nothing
    unknown = [name for name in args.details or [] if name not in exporters.available_formats()]
    if unknown:
        raise UsageError(f"--details {' '.join(unknown)}: no such format "
                         f"(available: {', '.join(exporters.available_formats())})")
    try:
        with cyclic_gc_paused():  # here, for the command's one build; not in build(), which the preview's thread runs
            result = build(args.source, out, args.format)
    except UnknownFormat as error:
        raise UsageError(str(error)) from None
    if not result.ok:
        said = _editor_catalogue(args, result)
        for problem in sorted(result.problems, key=sort_key):
            print(problem.display(catalogue=said), file=sys.stderr)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(said["build_stopped"], file=sys.stderr)
        return 1
    t = build_strings(result, args.language)
    details = None if args.details is None else (args.details or result.formats)
    for name in result.formats:
        print(fill(t["built"], format=name, folder=out / name))
        lost = result.losses.get(name, [])
        if details is not None and name in details:
            print_details(t, name, lost)
        elif lost:
            print(fill(t.get(f"lost_{name}", t["lost"]), count=len(lost), format=name,
                       command=details_command(args, name)))
    sys.stdout.flush()  # the content's warnings come after, on stderr, in this order
    if result.problems or result.warnings:
        print_content_warnings(t, result, _editor_catalogue(args, result))
    return 0


def _editor_catalogue(args: argparse.Namespace, result: BuildResult) -> dict[str, str]:
    """The editors' catalogue in the command's language, read only when there is something to say: reading it
    (a 33 KB YAML file) was a tenth of a small course's clean build after the imports."""
    return editor_catalogue(args.source, args.language, result.course.settings.language if result.course else None)


def build_strings(result: BuildResult, asked: str | None) -> dict[str, str]:
    table = strings_table(Templates(result.course.root), STRINGS)
    return in_chosen_language(table, asked, result.course.settings.language)


def details_command(args: argparse.Namespace, format_name: str) -> str:
    """The command that lists what format_name cannot carry, for the course this command built."""
    source = f" --source {args.source}" if str(args.source) != "." else ""
    return f"course-builder build{source} --details {format_name}"


def print_details(t: dict[str, str], format_name: str, lost: list[str]) -> None:
    if not lost:
        print(fill(t["no_details"], format=format_name))
        return
    print(fill(t["details"], format=format_name, count=len(lost)))
    for item in lost:
        print(f"  {item}")


def print_content_warnings(t: dict[str, str], result: BuildResult, said: dict[str, str]) -> None:
    """The warnings the editor can act on (from validation and from the exporters), apart and marked; `said`:
    the editors' catalogue in the command's language."""
    shown = [p.display(catalogue=said) for p in sorted(result.problems, key=sort_key)] + [f"warning: {w}" for w in result.warnings]
    if not shown:
        return
    print(f"\n{fill(t['content_warnings'], count=len(shown))}", file=sys.stderr)
    for line in shown:
        print(line, file=sys.stderr)
