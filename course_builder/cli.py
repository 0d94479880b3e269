"""The course-builder command line: one subcommand per task."""
from __future__ import annotations

import argparse

from course_builder import inspect as inspect_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course-builder")
    commands = parser.add_subparsers(dest="command", required=True)
    inspect_parser = commands.add_parser("inspect", help="check a SCORM or IMS package, ours or a vendor's")
    inspect_command.add_arguments(inspect_parser)
    inspect_parser.set_defaults(run=inspect_command.run)
    args = parser.parse_args(argv)
    return args.run(args)
