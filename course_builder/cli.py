"""Commands: build, validate (and those other modules add: inspect, preview, report, new).

Exit status: 0 clean, 1 content problems, 2 usage errors, 141 when the reader of the output went away
(`| head`: as if killed by SIGPIPE, quietly). A traceback means a bug in course-builder.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from course_builder import __version__
from course_builder.strings import UnknownLanguage

# name → module with add_arguments(parser) and run(args) -> int
COMMANDS = {
    "build": "course_builder.commands.build",
    "validate": "course_builder.commands.validate",
    "inspect": "course_builder.commands.inspect",
    "preview": "course_builder.commands.preview",
    "report": "course_builder.commands.report",
    "new": "course_builder.commands.new",
}
COURSE_FILE = "course.yaml"
BROKEN_PIPE_STATUS = 128 + 13  # what a shell reports for a process SIGPIPE ended


class UsageError(Exception):
    """Bad command-line input: exit status 2. With a key, its words come from the editors' catalogue
    (templates/validate/messages.yaml) in the language of --language, else of the locale."""

    def __init__(self, message: str = "", key: str = "", **values: object):
        super().__init__(message or key)
        self.key = key
        self.values = values

    def said(self, asked: str | None) -> str:
        if not self.key:
            return str(self)
        from course_builder.content.messages import usage_catalogue  # only when there is something to say
        from course_builder.strings import fill

        return fill(usage_catalogue(asked)[self.key], **self.values)


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line. Given the command being run, only its module is imported: importing every
    command's module (servers, report readers) would slow down every build."""
    main_parser = argparse.ArgumentParser(
        prog="course-builder",
        description="Builds a course from Markdown and YAML into web, SCORM and Moodle formats.",
    )
    main_parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
        if getattr(args, "source", False) is None:
            args.source = course_folder(Path.cwd())
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return status
    except UsageError as error:
        print(f"course-builder: {error.said(getattr(args, 'language', None))}", file=sys.stderr)
        return 2
    except UnknownLanguage as error:
        print(f"course-builder: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        return BROKEN_PIPE_STATUS
    except KeyboardInterrupt:
        return 130


def language_argument(sub: argparse.ArgumentParser) -> None:
    """--language: the one option over the one rule for the language of what a command says (strings.choose_language)."""
    sub.add_argument("--language", default=None, metavar="CODE",
                     help="the language of the messages (da, en, or one a course's strings table adds); "
                          "default: the course's, else your locale's, else English")


def source_argument(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--source", type=Path, default=None, metavar="DIR",
                     help="the course folder (with course.yaml); default: the one the current folder is in")


def course_folder(start: Path) -> Path:
    """The nearest folder holding course.yaml, from start upwards (as git finds its repository)."""
    for folder in (start, *start.parents):
        if (folder / COURSE_FILE).is_file():
            return Path(os.path.relpath(folder, start))
    raise UsageError(key="no_course_folder", folder=start)


def output_folder(out: Path) -> Path:
    """--out as given, refused before anything is written when it or a parent of it is a file."""
    for path in (out, *out.parents):
        if path.exists() and not path.is_dir():
            raise UsageError(key="out_is_a_file", out=out, file=path)
    return out
