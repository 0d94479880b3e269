"""Write a small, complete course into a new folder, to start your own from.

The course (settings, two modules, a quiz, a glossary, references and a guide for its editors, README.md)
validates and builds as it is. It is the starter/ folder course-builder ships, in Danish or English.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from course_builder.cli import UsageError
from course_builder.resources import STARTER, data_folder
from course_builder.strings import choose_language


def starter_languages() -> tuple[str, ...]:
    """The languages of the starter courses the tool ships (starter/<language>/)."""
    return tuple(sorted(p.name for p in data_folder(STARTER).iterdir() if (p / "course.yaml").is_file()))


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("folder", type=Path, metavar="DIR", help="the course folder to create (new or empty)")
    sub.add_argument("--language", choices=starter_languages(), default=None,
                     help="the language of the course and its player (default: your locale's, else English)")


def run(args: argparse.Namespace) -> int:
    target: Path = args.folder
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: is a file; name a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target}: is not empty; `new` only writes into a new or empty folder")
    language = choose_language(args.language, None, starter_languages())
    starter = data_folder(STARTER) / language
    shutil.copytree(starter, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    print(f"wrote a new course ({language}) into {target}: read {target / 'README.md'}, then\n"
          f"  cd {target} && course-builder validate && course-builder build")
    return 0
