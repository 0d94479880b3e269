"""Commands: build, validate (and those other modules add: inspect, preview, report).

Exit status: 0 clean, 1 content problems, 2 usage errors. A traceback means a bug in course-builder.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

# name → module with add_arguments(parser) and run(args) -> int
COMMANDS = {
    "build": "course_builder.commands.build",
    "validate": "course_builder.commands.validate",
    "inspect": "course_builder.commands.inspect",
    "preview": "course_builder.commands.preview",
    "report": "course_builder.commands.report",
}


class UsageError(Exception):
    """Bad command-line input: exit status 2."""


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line. Given the command being run, only its module is imported: importing every
    command's module (servers, report readers) would slow down every build."""
    main_parser = argparse.ArgumentParser(
        prog="course-builder",
        description="Builds the leadership course from Markdown and YAML into web, SCORM and Moodle formats.",
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if command in COMMANDS and name != command:
            commands.add_parser(name)
            continue
        module = importlib.import_module(module_name)
        sub = commands.add_parser(name, help=module.__doc__.strip().splitlines()[0], description=module.__doc__)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = parser(next((word for word in argv if not word.startswith("-")), None)).parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code not in (0, None) else 0
    try:
        return args.run(args)
    except UsageError as error:
        print(f"course-builder: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def source_argument(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--source", type=Path, default=Path("."), metavar="DIR",
                     help="the course folder (with course.yaml); default: the current folder")
