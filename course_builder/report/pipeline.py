"""Reads HR's downloads against the course and returns the analysis, or the problems in the way.

Each download is detected (which report, which site language), tied to the course's modules
(SCORM reports by their interaction ids, else by SCO title or file name; completion reports by
activity name), then streamed once into the aggregator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence, TextIO

from course_builder.collector import cyclic_gc_paused
from course_builder.content.model import Course, Module
from course_builder.content.problems import ERROR, WARNING, Problem
from course_builder.report.analysis import Aggregator, Analysis
from course_builder.report.course_index import CourseIndex, title_key
from course_builder.report.exports import (
    AttemptRecord, CompletionRecord, Export, ExportError, ExportKind, detect_export,
)
from course_builder.report.messages import Message, Messages, ReportInputError, choose_language, english, quoted
from course_builder.report.moodle_strings import LANGUAGES, SiteLanguage
from course_builder.report.roles import read_role_list, role_in_file_name
from course_builder.report.tables import open_table

MAX_PROBLEMS_PER_FILE = 20
LOOKAHEAD_ROWS = 5000  # rows read to find a known interaction id before giving up on ids
PROGRESS_EVERY = 50_000  # rows between progress lines
LARGE_FILE = 20 << 20  # bytes: a file this large shows progress even when stderr is not a terminal


def _error(path: Path, row: int, message: str) -> Problem:
    """row 0 (the file as a whole) is shown as 1, like the loader's file-level problems."""
    return Problem(Path(path), max(row, 1), "", severity=ERROR, text=message)


def _warning(path: Path, row: int, message: str) -> Problem:
    return Problem(Path(path), max(row, 1), "", severity=WARNING, text=message)


@dataclass
class _Input:
    export: Export
    module: Module | None  # a SCORM report's module
    columns: dict[str, Module]  # a completion report's activity -> module
    fingerprint: int = 0
    records: int = 0
    duplicate_of: str = ""
    role: str | None = None  # the role path of the course the download is from (its file name), if any


class _Run:
    """One run: the messages in HR's language, the problems found, and where progress goes."""

    def __init__(self, messages: Messages, progress: TextIO | None):
        self.say = messages
        self.problems: list[Problem] = []
        self.progress = progress

    def error(self, path: Path, row: int, key: str, **values) -> None:
        self.problems.append(_error(path, row, self.say.text(key, row=row, **values)))

    def warning(self, path: Path, row: int, key: str, **values) -> None:
        self.problems.append(_warning(path, row, self.say.text(key, row=row, **values)))

    def failed(self, error: ReportInputError) -> None:
        self.problems.append(_error(error.path, error.row, self.say(error.said)))

    def show_progress(self, path: Path, rows: int) -> None:
        print(self.say.text("progress", file=path.name, rows=f"{rows:,}".replace(",", ".")),
              file=self.progress, flush=True)


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


def analyse_exports(paths: Sequence[Path], course: Course, languages: Sequence[SiteLanguage] = LANGUAGES,
                    messages: Messages | None = None, not_learners: Sequence[str] = (),
                    progress: TextIO | None = None,
                    role_list: Path | None = None) -> tuple[Analysis | None, list[Problem]]:
    """The analysis of the downloads, or None and the problems that stop it. `progress`: where to say
    how far a large file has been read (the CLI gives stderr when it is a terminal); `role_list`: HR's
    list of who has which role (report/roles.py)."""
    run = _Run(messages or english(), progress)
    given_roles = {}
    if role_list is not None:
        try:
            given_roles = read_role_list(role_list, course)
        except ReportInputError as error:
            run.failed(error)
            return None, run.problems
    index = CourseIndex(course)
    files = export_files(paths)
    if not files:
        for path in paths or [Path(".")]:
            run.error(Path(path), 0, "no_files")
        return None, run.problems
    inputs = [found for path in files if (found := _open(path, index, languages, run)) is not None]
    for item in inputs:
        item.role = role_in_file_name(item.export.path.name, course)
    aggregator = Aggregator(index)
    with cyclic_gc_paused():
        for item in inputs:
            _read(item, aggregator, run)
    _note_duplicates(inputs, run)
    if any(p.is_error for p in run.problems):
        return None, run.problems
    _note_basic_without_scos(inputs, aggregator)
    page_words = Messages(choose_language(messages.language if messages else None, course.settings.language,
                                          course.root), course.root)  # the page's language, as report_files chooses it
    described = [(item.export.path.name, _description(item, page_words)) for item in inputs]
    return aggregator.analyse(course.settings.title, described, tuple(not_learners), given_roles), run.problems


def _open(path: Path, index: CourseIndex, languages, run: _Run) -> _Input | None:
    try:
        interaction_ids = frozenset(index.targets) | frozenset(index.reflections)
        export = detect_export(open_table(path), languages, interaction_ids)
        if export.ignored_columns:
            run.warning(path, export.header_row, "columns_left_out",
                        columns=", ".join(quoted(c) for c in export.ignored_columns))
        if export.kind is ExportKind.SCORM_OBJECTIVES:
            run.warning(path, 0, "objectives_left_out")
            return _Input(export, None, {})
        if export.kind.is_scorm:
            return _Input(export, _scorm_module(export, index, run), {})
        return _Input(export, None, _completion_columns(export, index, run))
    except ReportInputError as error:
        run.failed(error)
    return None


def _scorm_module(export: Export, index: CourseIndex, run: _Run) -> Module:
    if export.kind is ExportKind.SCORM_INTERACTIONS:
        if "question" not in export.interaction_kinds:
            run.warning(export.path, export.header_row, "no_question_columns")
        else:
            module = _module_by_interactions(export, index)
            if module is not None:
                return module
    for name in [*export.sco_titles, _without_copy_number(export.path.stem)]:
        module = index.module_named(name)
        if module is not None:
            return module
    if not index.modules:
        raise ExportError(export.path, 0, "no_modules")
    raise ExportError(export.path, 0, "scorm_unplaced", titles=", ".join(quoted(t) for t in export.sco_titles) or "-",
                      example=f"{index.modules[0].id}.txt")


def _without_copy_number(stem: str) -> str:
    """"Kursus Modul 2 (1)": the name a browser gives a second download of the same name."""
    return re.sub(r"\s*\(\d+\)$", "", stem)


def _module_by_interactions(export: Export, index: CourseIndex) -> Module | None:
    for count, record in enumerate(export.records()):
        for cell in record.interactions:
            target = index.target(cell.id)
            if target is not None:
                return target.module
        if count >= LOOKAHEAD_ROWS:
            break
    return None


def _completion_columns(export: Export, index: CourseIndex, run: _Run) -> dict[str, Module]:
    """Activity -> module. Where several activities name one module (its SCORM activity and, say, a
    quiz "Quiz: <title>"), the one named most exactly stands for the module. A download none of whose
    activities is a module is from another course: refused."""
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
    if not candidates:
        raise ExportError(export.path, export.header_row, "completion_unplaced",
                          activities=", ".join(quoted(a) for a in export.activities) or "-")
    columns = {}
    for module_id, activities in candidates.items():
        chosen = min(activities, key=lambda a: (abs(len(title_key(a)) - len(title_key(modules[module_id].title))), a))
        columns[chosen] = modules[module_id]
        unplaced.extend(a for a in activities if a != chosen)
    if unplaced:
        run.warning(export.path, export.header_row, "activities_left_out",
                    activities=", ".join(quoted(a) for a in unplaced))
    return columns


def _read(item: _Input, aggregator: Aggregator, run: _Run) -> None:
    export = item.export
    if export.kind is ExportKind.SCORM_OBJECTIVES:
        return
    if item.module is not None:
        aggregator.add_source(item.module, "scorm")
    for module in {m.id: m for m in item.columns.values()}.values():
        aggregator.add_source(module, "completion")
    size = _size(export.path)
    progress = run.progress if run.progress is not None and (size >= LARGE_FILE or run.progress.isatty()) else None
    file_problems = 0
    try:
        for record in export.records():
            item.records += 1
            item.fingerprint = (item.fingerprint + _record_hash(record)) % (1 << 64)
            if isinstance(record, AttemptRecord):
                aggregator.add_attempt(item.module, record, export.language, export.notice)
            else:
                _add_completion(item, record, aggregator)
            if item.role is not None:
                aggregator.add_role(record.learner, item.role)
            if progress is not None and item.records % PROGRESS_EVERY == 0:
                run.show_progress(export.path, item.records)
    except ReportInputError as error:
        run.failed(error)
        file_problems += 1
    for _, (row, count, message) in sorted(export.notices.items(), key=lambda kv: kv[1][0]):
        if file_problems >= MAX_PROBLEMS_PER_FILE:
            break
        suffix = run.say.text("rows_suffix", count=count) if count > 1 else ""
        run.problems.append(_warning(export.path, row, run.say(message) + suffix))
        file_problems += 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _add_completion(item: _Input, record: CompletionRecord, aggregator: Aggregator) -> None:
    aggregator.add_tracked(record.learner)
    for state in record.activities:
        module = item.columns.get(state.activity)
        if module is not None:
            aggregator.add_completion(module, record.learner, state.state, state.date)
    if item.export.kind is ExportKind.COURSE_COMPLETION:
        aggregator.add_course_completion(record.learner, record.course_completed)


def _note_basic_without_scos(inputs: list[_Input], aggregator: Aggregator) -> None:
    with_scos = {item.module.id for item in inputs if item.module is not None and item.export.sco_titles}
    titles = sorted({item.module.title for item in inputs if item.module is not None
                     and item.export.kind is ExportKind.SCORM_BASIC and not item.export.sco_titles
                     and item.module.id not in with_scos})
    if titles:
        aggregator.notes.append(Message.of("note_basic_without_scos", modules=", ".join(titles)))


def _record_hash(record: AttemptRecord | CompletionRecord) -> int:
    """A row's content without its position, so the CSV and the Excel form of a report agree. Python's
    hash is enough: fingerprints are only compared within one run."""
    if isinstance(record, AttemptRecord):
        content = (record.learner, record.attempt, record.started, record.last, record.scos,
                   record.interaction_columns)
    else:
        content = (record.learner, record.activities, record.course_completed)
    return hash(content)


def _note_duplicates(inputs: list[_Input], run: _Run) -> None:
    seen: dict[tuple, _Input] = {}
    for item in inputs:
        if not item.records:
            continue
        key = (item.export.kind, item.module.id if item.module else "", item.records, item.fingerprint)
        if key in seen:
            item.duplicate_of = seen[key].export.path.name
            run.warning(item.export.path, 0, "duplicate", other=quoted(item.duplicate_of))
        else:
            seen[key] = item


def _description(item: _Input, say: Messages) -> str:
    """What a file was read as, for the report's page (strings input_* of templates/report/messages.yaml)."""
    export = item.export
    what = say.text(f"input_kind_{export.kind.name.lower()}")
    if item.module is not None:
        what = say.text("input_for_module", what=what, module=item.module.title)
    site = f"input_site_{export.site_language}"
    language = say.text(site if site in say.strings else "input_site_unknown")
    what = say.text("input_description", what=what, form=say.text(f"input_form_{export.table.form}"),
                    records=item.records, language=language)
    if item.duplicate_of:
        what = say.text("input_duplicate", what=what, other=item.duplicate_of)
    return what
