"""Check a SCORM 1.2, SCORM 2004, IMS CP or IMS CC zip, ours or a vendor's, and print a report.

Reads the zip in memory only, within fixed limits, and never loads anything from the network.
Exit status 0 when clean, 1 when problems are found, 2 when the input is unusable (missing, not a zip,
or hostile: unsafe paths, symbolic links, zip bombs, XML entities).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course_builder import schemas
from course_builder.inspect import Limits, inspect_package
from course_builder.inspect.report import to_json, to_text


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("package", type=Path, help="the zip to check")
    sub.add_argument("--json", action="store_true", help="print the report as JSON")
    sub.add_argument("--max-size", type=_positive_int, metavar="MIB", default=Limits.max_total_size // 2**20,
                     help="the most uncompressed data to accept, in MiB (default %(default)s)")


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def run(args: argparse.Namespace) -> int:
    report = inspect_package(args.package, Limits(max_total_size=args.max_size * 2**20))
    if "schemas-not-installed" in report.codes():
        print(f"warning: {schemas.NOT_INSTALLED_MESSAGE}; the schema check was skipped", file=sys.stderr)
    sys.stdout.write(to_json(report) + "\n" if args.json else to_text(report))
    return report.exit_status
