"""Validate, then build the course into dist/ (every format, or those named with --format).

A build that fails leaves dist/ exactly as it was.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course_builder import exporters
from course_builder.build import UnknownFormat, build
from course_builder.cli import UsageError, language_argument, output_folder, source_argument
from course_builder.collector import cyclic_gc_paused
from course_builder.content.messages import editor_catalogue
from course_builder.content.problems import sort_key


def add_arguments(sub: argparse.ArgumentParser) -> None:
    source_argument(sub)
    sub.add_argument("--out", type=Path, default=None, metavar="DIR", help="where to build; default: dist/ in the course folder")
    sub.add_argument("--format", nargs="+", default=None, metavar="NAME",
                     help=f"build only these formats ({', '.join(exporters.available_formats())})")
    language_argument(sub)


def run(args: argparse.Namespace) -> int:
    if not (args.source / "course.yaml").is_file() and not args.source.is_dir():
        raise UsageError(key="no_source_folder", source=args.source)
    out = output_folder(args.out or args.source / "dist")
    said = editor_catalogue(args.source, args.language)  # before the build: an unknown --language builds nothing
    try:
        with cyclic_gc_paused():  # here, for the command's one build; not in build(), which the preview's thread runs
            result = build(args.source, out, args.format)
    except UnknownFormat as error:
        raise UsageError(str(error)) from None
    if result.course is not None:
        said = editor_catalogue(args.source, args.language, result.course.settings.language)
    for problem in sorted(result.problems, key=sort_key):
        print(problem.display(catalogue=said), file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not result.ok:
        print(said["build_stopped"], file=sys.stderr)
        return 1
    print(f"built {', '.join(result.formats)} into {out}")
    return 0
