"""Reads HR's downloads against the course and returns the analysis, or the problems in the way.

Each download is detected (which report, which site language), tied to the course's modules
(SCORM reports by their interaction ids, else by SCO title or file name; completion reports by
activity name), then streamed once into the aggregator.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from course_builder.collector import cyclic_gc_paused
from course_builder.content.model import Course, Module
from course_builder.content.problems import ERROR, WARNING, Problem
from course_builder.report.analysis import Aggregator, Analysis
from course_builder.report.course_index import CourseIndex, title_key
from course_builder.report.exports import (
    AttemptRecord, CompletionRecord, Export, ExportError, ExportKind, detect_export,
)
from course_builder.report.moodle_strings import LANGUAGES, SiteLanguage
from course_builder.report.tables import TableError, open_table

MAX_PROBLEMS_PER_FILE = 20
LOOKAHEAD_ROWS = 5000  # rows read to find a known interaction id before giving up on ids


def _error(path: Path, row: int, message: str) -> Problem:
    """row 0 (the file as a whole) is shown as 1, like the loader's file-level problems."""
    return Problem(Path(path), max(row, 1), message, ERROR)


def _warning(path: Path, row: int, message: str) -> Problem:
    return Problem(Path(path), max(row, 1), message, WARNING)


@dataclass
class _Input:
    export: Export
    module: Module | None  # a SCORM report's module
    columns: dict[str, Module]  # a completion report's activity -> module
    fingerprint: int = 0
    records: int = 0
    duplicate_of: str = ""


def export_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, with folders replaced by the files in them (not hidden ones), sorted."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            files.append(path)
    return files


def analyse_exports(paths: Sequence[Path], course: Course,
                    languages: Sequence[SiteLanguage] = LANGUAGES) -> tuple[Analysis | None, list[Problem]]:
    index = CourseIndex(course)
    problems: list[Problem] = []
    inputs: list[_Input] = []
    files = export_files(paths)
    if not files:
        return None, [_error(Path(p), 0, "holds no files to read") for p in paths] or \
            [_error(Path("."), 0, "no downloads given")]
    for path in files:
        found = _open(path, index, languages, problems)
        if found is not None:
            inputs.append(found)
    aggregator = Aggregator(index)
    with cyclic_gc_paused():
        for item in inputs:
            _read(item, aggregator, problems)
    _note_duplicates(inputs, problems)
    if any(p.is_error for p in problems):
        return None, problems
    described = [(item.export.path.name, _description(item)) for item in inputs]
    return aggregator.analyse(course.settings.title, described), problems


def _open(path: Path, index: CourseIndex, languages, problems: list[Problem]) -> _Input | None:
    try:
        export = detect_export(open_table(path), languages)
        if export.ignored_columns:
            shown = ", ".join(repr(c) for c in export.ignored_columns)
            problems.append(_warning(path, export.header_row, f"columns not understood, left out: {shown}"))
        if export.kind is ExportKind.SCORM_OBJECTIVES:
            problems.append(_warning(path, 0, "is a SCORM Objectives report: it holds nothing the report "
                                             "uses and is left out"))
            return _Input(export, None, {})
        if export.kind.is_scorm:
            return _Input(export, _scorm_module(export, index, problems), {})
        return _Input(export, None, _completion_columns(export, index, problems))
    except (TableError, ExportError) as error:
        problems.append(_error(error.path, error.row, error.message))
    except _Unplaced as error:
        problems.append(_error(path, 0, str(error)))
    return None


class _Unplaced(Exception):
    pass


def _scorm_module(export: Export, index: CourseIndex, problems: list[Problem]) -> Module:
    if export.kind is ExportKind.SCORM_INTERACTIONS:
        if "question" not in export.interaction_kinds:
            problems.append(_warning(export.path, export.header_row,
                                    "has no 'Question N' columns, so its answers cannot be tied to questions: "
                                    "download it again with 'Summary of question' ticked in the report's "
                                    "options; only scores and statuses are read"))
        else:
            module = _module_by_interactions(export, index)
            if module is not None:
                return module
    for name in [*export.sco_titles, export.path.stem]:
        module = index.module_named(name)
        if module is not None:
            return module
    titles = ", ".join(repr(t) for t in export.sco_titles)
    raise _Unplaced(f"cannot tell which module of the course this {export.kind.value} is for: no interaction "
                    f"id of the course in it, and neither its SCO ({titles}) nor the file name names a "
                    f"module; rename the file after the module (e.g. '{index.modules[0].id}.txt')"
                    if index.modules else "the course has no modules")


def _module_by_interactions(export: Export, index: CourseIndex) -> Module | None:
    for count, record in enumerate(export.records()):
        for cell in record.interactions:
            target = index.target(cell.id)
            if target is not None:
                return target.module
        if count >= LOOKAHEAD_ROWS:
            break
    return None


def _completion_columns(export: Export, index: CourseIndex, problems: list[Problem]) -> dict[str, Module]:
    """Activity -> module. Where several activities name one module (its SCORM activity and, say, a
    quiz "Quiz: <title>"), the one named most exactly stands for the module."""
    candidates: dict[str, list[str]] = {}
    modules: dict[str, Module] = {}
    unplaced = []
    for activity in export.activities:
        module = index.module_named(activity)
        if module is None:
            unplaced.append(activity)
        else:
            candidates.setdefault(module.id, []).append(activity)
            modules[module.id] = module
    columns = {}
    for module_id, activities in candidates.items():
        chosen = min(activities, key=lambda a: (abs(len(title_key(a)) - len(title_key(modules[module_id].title))), a))
        columns[chosen] = modules[module_id]
        unplaced.extend(a for a in activities if a != chosen)
    if unplaced:
        problems.append(_warning(export.path, export.header_row, "activities that do not stand for a module of "
                                 "the course, left out: " + ", ".join(repr(a) for a in unplaced)))
    return columns


def _read(item: _Input, aggregator: Aggregator, problems: list[Problem]) -> None:
    export = item.export
    if export.kind is ExportKind.SCORM_OBJECTIVES:
        return
    if item.module is not None:
        aggregator.add_source(item.module, "scorm")
    for module in {m.id: m for m in item.columns.values()}.values():
        aggregator.add_source(module, "completion")
    file_problems = 0
    try:
        for record in export.records():
            item.records += 1
            item.fingerprint = (item.fingerprint + _record_hash(record)) % (1 << 64)
            if isinstance(record, AttemptRecord):
                aggregator.add_attempt(item.module, record, export.language, export.notice)
            else:
                _add_completion(item, record, aggregator)
    except (TableError, ExportError) as error:
        problems.append(_error(error.path, error.row, error.message))
        file_problems += 1
    for message, (row, count) in sorted(export.notices.items(), key=lambda kv: kv[1][0]):
        if file_problems >= MAX_PROBLEMS_PER_FILE:
            break
        suffix = f" ({count} rows)" if count > 1 else ""
        problems.append(_warning(export.path, row, message + suffix))
        file_problems += 1


def _add_completion(item: _Input, record: CompletionRecord, aggregator: Aggregator) -> None:
    for state in record.activities:
        module = item.columns.get(state.activity)
        if module is not None:
            aggregator.add_completion(module, record.learner, state.state, state.date)
    if item.export.kind is ExportKind.COURSE_COMPLETION:
        aggregator.add_course_completion(record.learner, record.course_completed)


def _record_hash(record: AttemptRecord | CompletionRecord) -> int:
    """A row's content without its position, so the CSV and the Excel form of a report agree. Python's
    hash is enough: fingerprints are only compared within one run."""
    if isinstance(record, AttemptRecord):
        content = (record.learner, record.attempt, record.started, record.last, record.scos, record.interactions)
    else:
        content = (record.learner, record.activities, record.course_completed)
    return hash(content)


def _note_duplicates(inputs: list[_Input], problems: list[Problem]) -> None:
    seen: dict[tuple, _Input] = {}
    for item in inputs:
        if not item.records:
            continue
        key = (item.export.kind, item.module.id if item.module else "", item.records, item.fingerprint)
        if key in seen:
            item.duplicate_of = seen[key].export.path.name
            problems.append(_warning(item.export.path, 0, f"holds the same data as {item.duplicate_of}; "
                                                         "counted once"))
        else:
            seen[key] = item


KIND_LABELS = {
    ExportKind.SCORM_BASIC: "SCORM-rapporten Basic",
    ExportKind.SCORM_INTERACTIONS: "SCORM-rapporten Interactions",
    ExportKind.SCORM_OBJECTIVES: "SCORM-rapporten Objectives (ikke brugt)",
    ExportKind.ACTIVITY_COMPLETION: "aktivitetsgennemførelse",
    ExportKind.COURSE_COMPLETION: "kursusgennemførelse",
}
FORM_LABELS = {"csv": "tekst", "xlsx": "Excel", "ods": "ODS"}


def _description(item: _Input) -> str:
    """What a file was read as, in Danish for the report page."""
    export = item.export
    what = KIND_LABELS[export.kind]
    if item.module is not None:
        what += f" for {item.module.title}"
    what += f" ({FORM_LABELS[export.table.form]}, {item.records} rækker)"
    if item.duplicate_of:
        what += f"; samme data som {item.duplicate_of}, talt én gang"
    return what
