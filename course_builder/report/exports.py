"""Which Moodle download a table is, and its rows as records.

Five downloads are told apart by their header row (in whichever site language of
`moodle_strings.LANGUAGES` matches it):
- SCORM Basic report: Name, identity fields, Attempt, Started on, Last accessed on, Score, one
  column per SCO (its title) holding the SCO's raw score ("85/100") or else its status.
- SCORM Interactions report: the same, then per interaction index N any of "Question N",
  "Response N", "Right answer N", "Result N" (which ones depends on the report's settings).
  With several SCOs Moodle writes, per row, one block per SCO: its cell, then all interaction cells.
- SCORM Objectives report: recognised so it can be set aside (it holds no learner data we use).
- Activity completion (report/progress): an empty first header, identity fields, then per activity
  a pair of columns: state ("Completed", ...) and date (`%F %T`).
- Course completion (report/completion): ID, Name, identity fields, per activity criterion a state
  column and "<activity> - Completion date", other criteria (date only), "Course complete" (date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from functools import cached_property, partial
from operator import itemgetter
from pathlib import Path
from typing import Iterator, NamedTuple, Sequence

from course_builder.report.dates import DateError, DateReader
from course_builder.report.moodle_strings import LANGUAGES, SiteLanguage, normalize
from course_builder.report.tables import Row, Table, open_table


class ExportKind(Enum):
    SCORM_BASIC = "SCORM Basic report"
    SCORM_INTERACTIONS = "SCORM Interactions report"
    SCORM_OBJECTIVES = "SCORM Objectives report"
    ACTIVITY_COMPLETION = "activity completion report"
    COURSE_COMPLETION = "course completion report"

    @property
    def is_scorm(self) -> bool:
        return self in (ExportKind.SCORM_BASIC, ExportKind.SCORM_INTERACTIONS, ExportKind.SCORM_OBJECTIVES)


INTERACTION_KINDS = ("question", "response", "right", "result")
_ATTEMPT_NUMBER = re.compile(r"\d+")
BLOCK_PADDING = ("", None)  # what a missing question column, and any other missing column, reads as


# The records of a row are NamedTuples, not dataclasses: a large report makes hundreds of thousands of them.
class LearnerRef(NamedTuple):
    name: str
    identity: tuple[tuple[str, str], ...] = ()  # (field, value): email, idnumber, ...

    def field(self, name: str) -> str:
        for key, value in self.identity:
            if key == name:
                return value
        return ""

    @property
    def email(self) -> str:
        return self.field("email")


class InteractionCell(NamedTuple):
    index: int  # Moodle's N: the order the content recorded it in within the attempt
    id: str
    response: str | None  # None when the report was downloaded without that column
    right: str | None
    result: str | None


# InteractionCell._make without its Python-level length check, for the hot loop: its callers always give five.
_new_interaction_cell = partial(tuple.__new__, InteractionCell)


class ScoCell(NamedTuple):
    title: str
    value: str  # "85/100", "85" or a status word


class AttemptRecord(NamedTuple):
    """One row of a SCORM report: a learner's attempt, or the learner without any attempt."""

    row: int
    learner: LearnerRef
    attempt: int | None
    started: datetime | None
    last: datetime | None
    grade: str  # Moodle's "Score" column: 0 for a learner without a score (see ScoCell instead)
    scos: tuple[ScoCell, ...]
    interactions: tuple[InteractionCell, ...]


@dataclass(frozen=True)
class ActivityState:
    activity: str
    state: str | None  # one of moodle_strings.COMPLETION_STATES; None if not understood
    raw: str
    date: datetime | None


@dataclass(frozen=True)
class CompletionRecord:
    """One row of an activity or course completion download."""

    row: int
    learner: LearnerRef
    activities: tuple[ActivityState, ...]
    course_completed: datetime | None = None


class ExportError(Exception):
    def __init__(self, path: Path, row: int, message: str):
        super().__init__(message)
        self.path = path
        self.row = row
        self.message = message


@dataclass
class ScormLayout:
    identity: list[tuple[int, str]]  # (column, field)
    attempt: int
    started: int
    last: int
    score: int
    sco_titles: list[str]
    interaction_columns: list[tuple[int, str]]  # (N, kind), in header order after the SCO columns

    @property
    def width(self) -> int:
        """The cells of a row: Moodle writes one block per SCO, its cell and then all interaction cells."""
        return self.score + 1 + len(self.sco_titles) * (1 + len(self.interaction_columns))

    @cached_property
    def interaction_groups(self) -> list[tuple[int, dict[str, int]]]:
        """(N, {kind: offset within a SCO's interaction cells}), by N."""
        groups: dict[int, dict[str, int]] = {}
        for offset, (index, kind) in enumerate(self.interaction_columns):
            groups.setdefault(index, {})[kind] = offset
        return sorted(groups.items())

    @cached_property
    def interaction_cells(self) -> list[tuple[int, itemgetter]]:
        """(N, a getter of its question, response, right and result cells from a SCO's interaction cells
        followed by BLOCK_PADDING), by N; a column the report lacks reads as "" (question) or None."""
        width = len(self.interaction_columns)
        missing = {"question": width, "response": width + 1, "right": width + 1, "result": width + 1}
        return [(index, itemgetter(*(offsets.get(kind, missing[kind]) for kind in INTERACTION_KINDS)))
                for index, offsets in self.interaction_groups]


@dataclass
class CompletionLayout:
    name: int
    identity: list[tuple[int, str]]
    activities: list[tuple[str, int, int]]  # (activity name, state column, date column)
    course_complete: int | None = None


@dataclass
class Export:
    table: Table
    kind: ExportKind
    language: SiteLanguage
    layout: ScormLayout | CompletionLayout
    header_row: int
    ignored_columns: list[str] = field(default_factory=list)  # named for the user, not understood
    notices: dict[str, list[int]] = field(default_factory=dict)  # message -> [first row, count]

    @property
    def path(self) -> Path:
        return self.table.path

    @cached_property
    def dates(self) -> DateReader:
        return DateReader(self.language)

    @property
    def sco_titles(self) -> list[str]:
        return self.layout.sco_titles if isinstance(self.layout, ScormLayout) else []

    @property
    def activities(self) -> list[str]:
        return [name for name, _, _ in self.layout.activities] if isinstance(self.layout, CompletionLayout) else []

    @property
    def interaction_kinds(self) -> set[str]:
        if not isinstance(self.layout, ScormLayout):
            return set()
        return {kind for _, kind in self.layout.interaction_columns}

    def notice(self, row: int, message: str) -> None:
        """A value that was not understood; counted, not fatal, reported once per message."""
        seen = self.notices.setdefault(message, [row, 0])
        seen[1] += 1

    def records(self) -> Iterator[AttemptRecord | CompletionRecord]:
        """The data rows, parsed; ExportError (or TableError) at the first row that cannot be."""
        self.notices.clear()
        if self.kind is ExportKind.SCORM_OBJECTIVES:
            return
        parse = _parse_scorm_row if isinstance(self.layout, ScormLayout) else _parse_completion_row
        for number, cells in self.table.rows():
            if number > self.header_row:
                yield parse(self, number, cells)


# --- detection -----------------------------------------------------------------------------------

def detect_export(table: Table, languages: Sequence[SiteLanguage] = LANGUAGES) -> Export:
    """Reads the header row and tells which download this is; ExportError if none."""
    header_row, header = _first_row(table)
    for language in languages:
        export = _detect_in(table, header_row, header, language)
        if export is not None:
            return export
    shown = ", ".join(repr(cell) for cell in header[:8]) + (", ..." if len(header) > 8 else "")
    known = ", ".join(language.code for language in languages)
    raise ExportError(
        table.path, header_row,
        f"is not a Moodle report download this tool knows (SCORM Basic or Interactions report, activity "
        f"or course completion) in a known site language ({known}); its columns: {shown}. A site in "
        f"another language needs its Moodle strings in course_builder/report/moodle_strings.py")


def read_export(path: Path, languages: Sequence[SiteLanguage] = LANGUAGES) -> Export:
    """One download, detected; its `records()` stream the rows (TableError or ExportError if it is not one)."""
    return detect_export(open_table(path), languages)


def _first_row(table: Table) -> tuple[int, Row]:
    for number, cells in table.rows():
        return number, cells
    raise ExportError(table.path, 0, "holds no rows")


def _detect_in(table: Table, header_row: int, header: Row, language: SiteLanguage) -> Export | None:
    names = [normalize(cell) for cell in header]
    for detect in (_detect_scorm, _detect_activity_completion, _detect_course_completion):
        found = detect(names, header, language)
        if found is not None:
            kind, layout, ignored = found
            return Export(table, kind, language, layout, header_row, ignored)
    return None


def _detect_scorm(names: list[str], header: Row, language: SiteLanguage):
    if not names or names[0] != language.text("moodle:name"):
        return None
    fixed = [language.text(f"scorm:{key}") for key in ("attempt", "started", "last", "score")]
    try:
        attempt = names.index(fixed[0])
    except ValueError:
        return None
    if names[attempt: attempt + 4] != fixed:
        return None
    identity, ignored = _identity_columns(names, header, 1, attempt, language)
    sco_titles, interactions, objectives, unknown = _classify_scorm_columns(names, header, attempt + 4, language)
    if not sco_titles:
        return None
    ignored += unknown
    if interactions:
        kind = ExportKind.SCORM_INTERACTIONS
    elif objectives:
        kind = ExportKind.SCORM_OBJECTIVES
    else:
        kind = ExportKind.SCORM_BASIC
    layout = ScormLayout(identity, attempt, attempt + 1, attempt + 2, attempt + 3, sco_titles, interactions)
    return kind, layout, ignored


def _classify_scorm_columns(names: list[str], header: Row, start: int, language: SiteLanguage):
    sco_titles: list[str] = []
    interactions: list[tuple[int, str]] = []
    objectives: list[str] = []
    unknown: list[str] = []
    status_suffix = " " + language.text("scormreport_objectives:status")
    score_suffix = " " + language.text("scormreport_objectives:score")
    for column in range(start, len(names)):
        name = names[column]
        match = _interaction_column(name, language)
        if match:
            interactions.append(match)
        elif objectives or name.endswith(status_suffix):
            if name.endswith(status_suffix) or name.endswith(score_suffix):
                objectives.append(header[column])
            else:
                unknown.append(header[column])
        elif interactions:
            unknown.append(header[column])
        else:
            sco_titles.append(" ".join(header[column].split()))
    return sco_titles, interactions, objectives, unknown


def _interaction_column(name: str, language: SiteLanguage) -> tuple[int, str] | None:
    for kind, pattern in language.interaction_columns.items():
        match = pattern.match(name)
        if match and match.group(1).isdigit():
            return int(match.group(1)), kind
    return None


def _identity_columns(names, header, start, end, language):
    identity, ignored = [], []
    for column in range(start, end):
        field_name = language.identity_headers.get(names[column])
        if field_name:
            identity.append((column, field_name))
        else:
            ignored.append(header[column])
    return identity, ignored


def _detect_activity_completion(names: list[str], header: Row, language: SiteLanguage):
    if len(names) < 3 or names[0] != "":
        return None
    column = 1
    identity = []
    while column < len(names) and names[column] in language.identity_headers:
        identity.append((column, language.identity_headers[names[column]]))
        column += 1
    rest = len(names) - column
    if rest < 2 or rest % 2 or any(not names[c] for c in range(column, len(names), 2)):
        return None
    activities = [(" ".join(header[c].split()), c, c + 1) for c in range(column, len(names), 2)]
    return ExportKind.ACTIVITY_COMPLETION, CompletionLayout(0, identity, activities), []


def _detect_course_completion(names: list[str], header: Row, language: SiteLanguage):
    if len(names) < 3 or names[0] != language.text("report_completion:id") \
            or names[1] != language.text("report_completion:name") \
            or names[-1] != language.text("completion:coursecomplete"):
        return None
    column = 2
    identity = []
    while column < len(names) - 1 and names[column] in language.identity_headers:
        identity.append((column, language.identity_headers[names[column]]))
        column += 1
    date_suffix = " - " + language.text("report_completion:completiondate")
    activities, ignored = [], []
    while column < len(names) - 1:
        if column + 1 < len(names) - 1 and names[column + 1] == names[column] + date_suffix:
            activities.append((" ".join(header[column].split()), column, column + 1))
            column += 2
        else:
            ignored.append(header[column])  # a criterion that is not an activity (date only)
            column += 1
    layout = CompletionLayout(1, identity, activities, course_complete=len(names) - 1)
    return ExportKind.COURSE_COMPLETION, layout, ignored


# --- rows ----------------------------------------------------------------------------------------

def _cell(cells: Row, column: int) -> str:
    return cells[column].strip() if column < len(cells) else ""


def _learner(export: Export, cells: Row, name_column: int, identity) -> LearnerRef:
    name = " ".join(_cell(cells, name_column).split())
    values = tuple((field_name, _cell(cells, column)) for column, field_name in identity)
    return LearnerRef(name, values)


def _date(export: Export, number: int, text: str, column_name: str) -> datetime | None:
    try:
        return export.dates.parse(text)
    except DateError as error:
        raise ExportError(export.path, number, f"{column_name}: {error}") from None


def _parse_scorm_row(export: Export, number: int, cells: Row) -> AttemptRecord:
    layout: ScormLayout = export.layout
    if len(cells) > layout.width and any(cell.strip() for cell in cells[layout.width:]):
        raise ExportError(export.path, number, f"has {len(cells)} cells where the header allows {layout.width}")
    if len(cells) < layout.width:
        cells = cells + [""] * (layout.width - len(cells))
    learner = _learner(export, cells, 0, layout.identity)
    if not learner.name and not any(value for _, value in learner.identity):
        raise ExportError(export.path, number, "has no learner name")
    attempt_text = cells[layout.attempt].strip()
    attempt = None
    if attempt_text not in ("", "-"):
        if not _ATTEMPT_NUMBER.fullmatch(attempt_text):
            raise ExportError(export.path, number, f"Attempt {attempt_text!r} is not an attempt number")
        attempt = int(attempt_text)
    started = _date(export, number, cells[layout.started], "Started on") if attempt else None
    last = _date(export, number, cells[layout.last], "Last accessed on") if attempt else None
    scos, interactions = _scorm_blocks(cells, layout)
    return AttemptRecord(number, learner, attempt, started, last, cells[layout.score].strip(), scos, interactions)


def _scorm_blocks(cells: Row, layout: ScormLayout):
    """Each SCO's cell and its interaction cells (a row as wide as the header): Moodle writes them as one
    block per SCO."""
    width = len(layout.interaction_columns)
    scos, interactions = [], []
    for position, title in enumerate(layout.sco_titles):
        start = layout.score + 1 + position * (1 + width)
        scos.append(ScoCell(title, cells[start].strip()))
        interactions.extend(_interactions(cells, start + 1, width, layout.interaction_cells))
    return tuple(scos), tuple(interactions)


def _interactions(cells: Row, start: int, width: int, getters: list[tuple[int, itemgetter]]
                  ) -> list[InteractionCell]:
    # The hot loop of a large report (200,000 rows × 40 cells): the block is stripped at once, then each
    # interaction takes its four cells with one getter.
    block = [cell.strip() for cell in cells[start:start + width]]
    block += BLOCK_PADDING
    return [_new_interaction_cell((index, *values)) for index, getter in getters if any(values := getter(block))]


def _parse_completion_row(export: Export, number: int, cells: Row) -> CompletionRecord:
    layout: CompletionLayout = export.layout
    learner = _learner(export, cells, layout.name, layout.identity)
    if not learner.name and not any(value for _, value in learner.identity):
        raise ExportError(export.path, number, "has no learner name")
    states = []
    for activity, state_column, date_column in layout.activities:
        raw = _cell(cells, state_column)
        state = export.language.completion_state(raw) if raw else None
        if raw and state is None:
            export.notice(number, f"completion state {raw!r} of {activity!r} not understood")
        date = _date(export, number, _cell(cells, date_column), f"the completion date of {activity!r}")
        states.append(ActivityState(activity, state, raw, date))
    course_completed = None
    if layout.course_complete is not None:
        course_completed = _date(export, number, _cell(cells, layout.course_complete), "Course complete")
    return CompletionRecord(number, learner, tuple(states), course_completed)
