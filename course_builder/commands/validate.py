"""Check every module, quiz and setting; print all problems as path:line: message.

Exit status 0 when clean, 1 on content problems, 2 on usage errors.
"""
from __future__ import annotations

import argparse
import sys

from course_builder.build import load_and_validate
from course_builder.cli import UsageError, language_argument, source_argument
from course_builder.content.item_cues import course_figures
from course_builder.content.messages import editor_catalogue
from course_builder.content.problems import sort_key
from course_builder.content.stats import lix_label, module_stats
from course_builder.templating import Templates, fill, strings_table
from course_builder.strings import in_chosen_language

STRINGS = "validate/strings.yaml"


def add_arguments(sub: argparse.ArgumentParser) -> None:
    source_argument(sub)
    sub.add_argument("--stats", action="store_true", help="print pages, words, LIX and questions per module")
    language_argument(sub)


def run(args: argparse.Namespace) -> int:
    if not args.source.is_dir():
        raise UsageError(key="no_source_folder", source=args.source)
    course, problems = load_and_validate(args.source)
    said = editor_catalogue(args.source, args.language, course.settings.language if course else None)
    for problem in sorted(problems, key=sort_key):
        print(problem.display(catalogue=said), file=sys.stderr if problem.is_error else sys.stdout)
    if args.stats and course is not None:
        print_stats(course, args.language)
    errors = [p for p in problems if p.is_error]
    if errors:
        print(fill(said["problems_found" if len(errors) != 1 else "problem_found"], count=len(errors)), file=sys.stderr)
        return 1
    return 0


def print_stats(course, language: str | None = None) -> None:
    templates = Templates(course.root)
    table = strings_table(templates, STRINGS)
    words = in_chosen_language(table, language, course.settings.language)
    print(f"{'module':<26} {'pages':>5} {'words':>6} {'LIX':>5}  questions by type / references")
    for module in course.modules:
        stats = module_stats(module)
        types = ", ".join(f"{name} {count}" for name, count in sorted(stats.question_types.items())) or "no quiz"
        print(f"{module.id:<26} {stats.pages:>5} {stats.words:>6} {stats.lix:>5.1f}  {types}")
        print(f"{'':<26} {'':>5} {'':>6} {'':>5}  ({words[lix_label(stats.lix)]}) references: {', '.join(stats.references)}")
    print_cue_stats(course, words)


def print_cue_stats(course, words: dict[str, str]) -> None:
    """Per quiz: one-answer items, how often the right option is strictly the longest or shortest, its commonest
    place, and the cue warnings; then the course's total."""
    figures = course_figures(course)
    print()
    print(words["cue_stats_heading"])
    print(_cue_row(*words["cue_stats_header"].split(";")))
    for quiz in figures:
        place, count = quiz.top_position()
        print(_cue_row(quiz.quiz.module_id, quiz.items, f"{quiz.longest} ({quiz.share(quiz.longest)} %)",
                       f"{quiz.shortest} ({quiz.share(quiz.shortest)} %)",
                       f"{place}: {count} ({quiz.share(count)} %)", quiz.warnings))
    items = sum(q.items for q in figures)
    longest, shortest = sum(q.longest for q in figures), sum(q.shortest for q in figures)
    print(_cue_row(words["cue_stats_total"], items, f"{longest} ({_percent(longest, items)} %)",
                   f"{shortest} ({_percent(shortest, items)} %)", "", sum(q.warnings for q in figures)))


def _cue_row(module, items, longest, shortest, place, warnings) -> str:
    return f"{module:<26} {items:>6} {longest:>10} {shortest:>10} {place:>16} {warnings:>10}"


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0
