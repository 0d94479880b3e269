"""Which Moodle download a table is, and its rows as records.

Five downloads are told apart by their shape (see "detection" below), in whichever language the site is:
- SCORM Basic report: Name, identity fields, Attempt, Started on, Last accessed on, Score, and, only with
  "Track details" at Yes, one column per SCO (its title) holding the SCO's raw score ("85/100") or else
  its status.
- SCORM Interactions report: the same with the SCO columns, then per interaction index N any of
  "Question N", "Response N", "Right answer N", "Result N" (which ones depends on the report's settings).
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
from typing import Callable, Iterator, NamedTuple, Sequence

from course_builder.report.dates import DateError, DateReader, UnknownMonth, looks_like_date
from course_builder.report.messages import Message, ReportInputError, quoted
from course_builder.report.moodle_strings import LANGUAGES, SiteLanguage, Vocabulary, normalize
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


# partial(tuple.__new__, T) is T._make without its Python-level length check, for the records a large report
# makes millions of: their callers always give every field.
_new_interaction_cell = partial(tuple.__new__, InteractionCell)


class InteractionColumns(NamedTuple):
    """A row's interaction cells, kind by kind: the n-th of each tuple make one interaction, in the order
    Moodle writes them (SCO by SCO, then by N). Stripped; "" for an empty cell, and a kind the download
    lacks reads as "" (question) or None (the others) throughout. A large report has millions of
    interaction cells: kept as five tuples, a row costs a few objects instead of one per interaction."""

    indices: tuple[int, ...]
    ids: tuple[str, ...]
    responses: tuple[str | None, ...]
    rights: tuple[str | None, ...]
    results: tuple[str | None, ...]

    def cells(self) -> tuple[InteractionCell, ...]:
        """The interactions that have any cell filled in."""
        return tuple(cell for cell in map(_new_interaction_cell, zip(*self)) if any(cell[1:]))


NO_INTERACTIONS = InteractionColumns((), (), (), (), ())
_new_interaction_columns = partial(tuple.__new__, InteractionColumns)


class ScoCell(NamedTuple):
    title: str
    value: str  # "85/100", "85" or a status word


_new_sco_cell = partial(tuple.__new__, ScoCell)


class AttemptRecord(NamedTuple):
    """One row of a SCORM report: a learner's attempt, or the learner without any attempt."""

    row: int
    learner: LearnerRef
    attempt: int | None
    started: datetime | None
    last: datetime | None
    grade: str  # Moodle's "Score" column: 0 for a learner without a score (see ScoCell instead)
    scos: tuple[ScoCell, ...]
    interaction_columns: InteractionColumns = NO_INTERACTIONS

    @property
    def interactions(self) -> tuple[InteractionCell, ...]:
        return self.interaction_columns.cells()


_new_attempt_record = partial(tuple.__new__, AttemptRecord)


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


class ExportError(ReportInputError):
    """A table that is not a download this tool reads, or a row of one that cannot be."""


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
    def sco_columns(self) -> list[int]:
        """Each SCO's column; its interaction cells follow it."""
        block = 1 + len(self.interaction_columns)
        return [self.score + 1 + position * block for position in range(len(self.sco_titles))]

    @cached_property
    def interaction_indices(self) -> tuple[int, ...]:
        """N of each interaction of a row, SCO by SCO."""
        return tuple(index for _ in self.sco_columns for index, _ in self.interaction_groups)

    @cached_property
    def interaction_readers(self) -> list[Callable[[Row], tuple]]:
        """Per kind (INTERACTION_KINDS), what reads its cells from a row as wide as the header."""
        readers = []
        for kind in INTERACTION_KINDS:
            columns = [None if kind not in offsets else sco + 1 + offsets[kind]
                       for sco in self.sco_columns for _, offsets in self.interaction_groups]
            readers.append(_cells_reader(columns, BLOCK_PADDING[0] if kind == "question" else BLOCK_PADDING[1]))
        return readers


def _cells_reader(columns: list[int | None], missing: str | None) -> Callable[[Row], tuple]:
    """What reads these columns of a row, stripped; a column None reads as `missing`."""
    if all(column is None for column in columns):
        absent = (missing,) * len(columns)
        return lambda cells: absent
    if None in columns:
        return lambda cells: tuple(missing if column is None else cells[column].strip() for column in columns)
    if len(columns) == 1:
        only = columns[0]
        return lambda cells: (cells[only].strip(),)
    pick = itemgetter(*columns)

    def read(cells: Row) -> tuple[str, ...]:
        picked = pick(cells)
        return tuple(map(str.strip, picked)) if any(picked) else picked  # often all empty: right answer, result

    return read


@dataclass
class CompletionLayout:
    name: int
    identity: list[tuple[int, str]]
    activities: list[tuple[str, int, int]]  # (activity name, state column, date column)
    course_complete: int | None = None
    undated_states: frozenset[str] = frozenset()  # state words seen without a date: "not completed"


@dataclass
class Export:
    table: Table
    kind: ExportKind
    language: Vocabulary
    layout: ScormLayout | CompletionLayout
    header_row: int
    ignored_columns: list[str] = field(default_factory=list)  # named for the user, not understood
    notices: dict[object, list] = field(default_factory=dict)  # message (or key) -> [first row, count, message]
    site_language: str | None = None  # the known language whose words it uses, if any
    header: Row = field(default_factory=list)

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

    def notice(self, row: int, key: str, once: object = None, **values: object) -> None:
        """A value that was not understood; counted, not fatal, reported once per message with its
        first row (or once per `once`, with the values of the first)."""
        group = (key, once) if once is not None else Message.of(key, **values)
        seen = self.notices.get(group)
        if seen is None:
            self.notices[group] = [row, 1, Message.of(key, row=row, **values)]
        else:
            seen[1] += 1

    def column_name(self, column: int) -> str:
        return " ".join(self.header[column].split()) if column < len(self.header) else str(column + 1)

    def records(self) -> Iterator[AttemptRecord | CompletionRecord]:
        """The data rows, parsed; ExportError (or TableError) at the first row that cannot be."""
        self.notices.clear()
        if self.kind is ExportKind.SCORM_OBJECTIVES:
            return
        if isinstance(self.layout, ScormLayout):
            parse = _ScormRowParser(self).parse
        else:
            parse = partial(_parse_completion_row, self)
        for number, cells in self.table.rows():
            if number > self.header_row:
                yield parse(number, cells)


# --- detection -----------------------------------------------------------------------------------
#
# Moodle's report code fixes the order of the columns; only their headers and some values are in the
# site's language. So a download is recognised by its shape, checked on the first rows of data:
# - activity completion (report/progress/index.php): an empty first header, identity columns, then per
#   activity a pair: its name over the state column, an empty (or "expected by" date) header over the
#   date column, whose values are `%F %T` dates or empty;
# - course completion (report/completion/index.php): user ids in the first column, per activity
#   criterion a pair "<activity>" and "<activity> - <Completion date>", a date column last;
# - SCORM reports (mod/scorm/report/*/classes/report.php): the name, identity columns, then four fixed
#   columns (attempt number, two dates, score) found by their values, then the SCOs' columns, then
#   numbered interaction column groups (same words, same count, numbers 0, 1, 2, ...).
# Known words (moodle_strings, in any known language) are tried first where a header settles a question
# (the attempt column, an interaction column's kind) and are the only way when there are no data rows;
# otherwise the values decide (a question-id column holds the course's interaction ids, a result column
# SCORM's own result words, which Moodle never translates).

SAMPLE_ROWS = 200
SCORM_RESULTS = {"correct", "wrong", "incorrect", "unanticipated", "neutral"}  # cmi.interactions.n.result
_INTEGER = re.compile(r"\d+")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_NUMBERED = re.compile(r"^(.*?)\s*(\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def detect_export(table: Table, languages: Sequence[SiteLanguage] = LANGUAGES,
                  interaction_ids: frozenset[str] = frozenset()) -> Export:
    """Reads the header row and the first rows and tells which download this is; ExportError if none.
    `interaction_ids` (the course's) tell a question-id column from the others when no header word does."""
    header_row, header = _first_row(table)
    sample = _sample(table, header_row)
    words = Vocabulary(languages)
    names = [normalize(cell) for cell in header]
    for detect in (_detect_activity_completion, _detect_course_completion, _detect_scorm):
        found = detect(names, header, sample, words, interaction_ids)
        if found is not None:
            kind, layout, ignored = found
            language = words.language_of(names + [normalize(c) for row in sample[:20] for c in row])
            return Export(table, kind, words, layout, header_row, ignored, site_language=language, header=header)
    shown = ", ".join(repr(cell) for cell in header[:8]) + (", ..." if len(header) > 8 else "")
    raise ExportError(table.path, header_row, "not_a_download", columns=shown)


def read_export(path: Path, languages: Sequence[SiteLanguage] = LANGUAGES) -> Export:
    """One download, detected; its `records()` stream the rows (TableError or ExportError if it is not one)."""
    return detect_export(open_table(path), languages)


def _first_row(table: Table) -> tuple[int, Row]:
    for number, cells in table.rows():
        return number, cells
    raise ExportError(table.path, 0, "no_rows")


def _sample(table: Table, header_row: int) -> list[Row]:
    rows = []
    for number, cells in table.rows():
        if number > header_row:
            rows.append([cell.strip() for cell in cells])
            if len(rows) >= SAMPLE_ROWS:
                break
    return rows


def _column(sample: list[Row], column: int) -> list[str]:
    return [row[column] if column < len(row) else "" for row in sample]


def _all(values: list[str], test) -> bool:
    return all(test(value) for value in values)


def _identity_columns(names: list[str], header: Row, sample: list[Row], start: int, end: int,
                      words: Vocabulary) -> list[tuple[int, str]]:
    """(column, field) of the identity columns: named by a known header word, else the e-mail address
    told by its values; the others are kept under their own header."""
    identity = []
    for column in range(start, end):
        field_name = words.identity_headers.get(names[column])
        if field_name is None:
            values = [v for v in _column(sample, column) if v]
            field_name = "email" if values and _all(values, lambda v: "@" in v and " " not in v) \
                else "other:" + header[column]
        identity.append((column, field_name))
    return identity


def _detect_activity_completion(names, header, sample, words, interaction_ids):
    if len(names) < 3 or names[0] != "":
        return None
    first_pair = next((c for c in range(1, len(names) - 1)
                       if names[c] and _is_expected_date(header[c + 1])
                       and all(names[p] and _is_expected_date(header[p + 1]) for p in range(c, len(names) - 1, 2))
                       and (len(names) - c) % 2 == 0), None)
    if first_pair is None:
        return None
    if not all(_all(_column(sample, c + 1), lambda v: v == "" or _ISO_DATE.match(v))
               for c in range(first_pair, len(names), 2)):
        return None
    identity = _identity_columns(names, header, sample, 1, first_pair, words)
    activities = [(" ".join(header[c].split()), c, c + 1) for c in range(first_pair, len(names), 2)]
    layout = CompletionLayout(0, identity, activities, undated_states=_undated_states(sample, activities))
    return ExportKind.ACTIVITY_COMPLETION, layout, []


def _undated_states(sample: list[Row], activities) -> frozenset[str]:
    return frozenset(normalize(row[state]) for row in sample for _, state, date in activities
                     if state < len(row) and row[state] and not (date < len(row) and row[date]))


def _is_expected_date(text: str) -> bool:
    """The header over an activity's date column: empty, or the activity's "expected by" date."""
    return not text.strip() or bool(_ISO_DATE.match(text.strip()))


def _detect_course_completion(names, header, sample, words, interaction_ids):
    if len(names) < 3:
        return None
    if sample:
        if not (_all(_column(sample, 0), _INTEGER.fullmatch)
                and _all(_column(sample, len(names) - 1), lambda v: v == "" or _ISO_DATE.match(v))):
            return None
    elif not (words.is_word("report_completion:id", names[0])
              and words.is_word("completion:coursecomplete", names[-1])):
        return None
    column = 2
    pairs = [c for c in range(2, len(names) - 2) if names[c] and names[c + 1].startswith(names[c] + " - ")]
    end_of_identity = pairs[0] if pairs else len(names) - 1
    while column < end_of_identity and _identity_value_column(names, sample, column, words):
        column += 1
    identity = _identity_columns(names, header, sample, 2, column, words)
    activities, ignored = [], []
    while column < len(names) - 1:
        if column in pairs:
            activities.append((" ".join(header[column].split()), column, column + 1))
            column += 2
        else:
            ignored.append(header[column])  # a criterion that is not an activity (date only)
            column += 1
    layout = CompletionLayout(1, identity, activities, course_complete=len(names) - 1,
                              undated_states=_undated_states(sample, activities))
    return ExportKind.COURSE_COMPLETION, layout, ignored


def _identity_value_column(names, sample, column, words) -> bool:
    """An identity column of the course completion download: a known header word, or values that are
    not completion dates."""
    if names[column] in words.identity_headers:
        return True
    values = [v for v in _column(sample, column) if v]
    return bool(values) and not _all(values, _ISO_DATE.match)


def _detect_scorm(names, header, sample, words, interaction_ids):
    attempt = _attempt_column(names, sample, words)
    if attempt is None:
        return None
    score = attempt + 3
    identity = _identity_columns(names, header, sample, 1, attempt, words)
    start = _interaction_start(names, score + 2)
    interactions = _interaction_kinds(names, sample, start, words, interaction_ids) if start is not None else []
    sco_end = start if start is not None else len(names)
    sco_titles = [" ".join(header[c].split()) for c in range(score + 1, sco_end)]
    objectives = _objective_start(names, sample, score + 1, sco_end, words)
    if objectives is not None:
        layout = ScormLayout(identity, attempt, attempt + 1, attempt + 2, score, sco_titles[:objectives - score - 1], [])
        return ExportKind.SCORM_OBJECTIVES, layout, []
    layout = ScormLayout(identity, attempt, attempt + 1, attempt + 2, score, sco_titles, interactions)
    return (ExportKind.SCORM_INTERACTIONS if interactions else ExportKind.SCORM_BASIC), layout, []


def _attempt_column(names: list[str], sample: list[Row], words: Vocabulary) -> int | None:
    """The column of the attempt number: three columns before the score, two dates between."""
    if len(names) < 5 or not names[0]:
        return None
    for column in range(1, len(names) - 3):
        if words.is_word("scorm:attempt", names[column]) and words.is_word("scorm:score", names[column + 3]):
            return column
    for column in range(1, len(names) - 3):
        if _fixed_columns_fit(sample, column):
            return column
    return None


def _fixed_columns_fit(sample: list[Row], column: int) -> bool:
    """Most rows (a damaged row is reported when it is read, not here) hold an attempt number, two
    dates and a number there, or four dashes (a learner without attempts)."""
    fits = misfits = 0
    for row in sample:
        cells = [row[c] if c < len(row) else "" for c in range(column, column + 4)]
        if cells == ["-"] * 4:
            fits += 1
            continue
        attempt, started, last, grade = cells
        if _INTEGER.fullmatch(attempt) and looks_like_date(started) and looks_like_date(last) \
                and _NUMBER.fullmatch(grade):
            fits += 1
        else:
            misfits += 1
    return fits > 0 and misfits * 10 <= fits + misfits


def _interaction_start(names: list[str], first: int) -> int | None:
    """Where the numbered interaction groups begin: every header from there on is a word and a number,
    the numbers run 0, 1, 2, ... in groups of the same words."""
    for start in range(first, len(names)):
        if _numbered_groups(names[start:]):
            return start
    return None


def _numbered_groups(names: list[str]) -> list[list[str]] | None:
    groups: list[list[str]] = []
    numbers: list[int] = []
    for name in names:
        match = _NUMBERED.match(name)
        if not match or not match.group(1):
            return None
        number = int(match.group(2))
        if not numbers or number != numbers[-1]:
            if number != len(numbers):
                return None
            numbers.append(number)
            groups.append([])
        groups[-1].append(match.group(1))
    if not groups or any(group != groups[0] for group in groups) or len(groups[0]) > len(INTERACTION_KINDS) \
            or len(set(groups[0])) != len(groups[0]):
        return None
    return groups


def _interaction_kinds(names, sample, start, words, interaction_ids) -> list[tuple[int, str]]:
    """(N, kind) of each interaction column. Moodle writes the kinds it was asked for in a fixed order
    (question, response, right answer, result): a header word names a kind, else its values do."""
    group = _numbered_groups(names[start:])[0]
    width = len(group)
    kinds = [words.interaction_kind(f"{word} 0") for word in group]
    if None in kinds:
        kinds = _kinds_by_values(sample, start, width, interaction_ids)
    return [(int(_NUMBERED.match(name).group(2)), kinds[offset % width])
            for offset, name in enumerate(names[start:])]


def _kinds_by_values(sample, start, width, interaction_ids) -> list[str]:
    values = [[] for _ in range(width)]
    for row in sample:
        for offset, value in enumerate(row[start:]):
            if value:
                values[offset % width].append(value)
    kinds: list[str | None] = [None] * width
    for offset, seen in enumerate(values):
        if seen and interaction_ids and sum(v in interaction_ids for v in seen) * 2 >= len(seen):
            kinds[offset] = "question"
        elif seen and _all(seen, lambda v: v.casefold() in SCORM_RESULTS or _NUMBER.fullmatch(v)):
            kinds[offset] = "result"
    # The rest in Moodle's order; a single one left is the response (the one column Moodle shows by default).
    unknown = [offset for offset, kind in enumerate(kinds) if kind is None]
    left = [kind for kind in INTERACTION_KINDS if kind not in kinds]
    if len(unknown) == 1 and "response" in left:
        left = ["response"]
    elif len(unknown) < len(left):
        left = [kind for kind in ("response", "right", "question", "result") if kind in left]
    for offset, kind in zip(unknown, left):
        kinds[offset] = kind
    return kinds


def _objective_start(names, sample, start, end, words) -> int | None:
    """The Objectives report: after the SCOs, a column per objective (its id; "<id> status" and
    "<id> score" with "objective score" ticked) that is empty in every row, since mod/scorm/report/
    objectives/classes/report.php never fills them in 4.5. A SCO's column always holds a score or a
    status word (mod/scorm/report/basic/classes/report.php), so an empty column is no SCO."""
    for first in range(start + 1, end):
        rest = names[first:end]
        known = all(any(name.endswith(suffix) for suffix in words.objective_suffixes) for name in rest)
        empty = bool(sample) and all(not v for c in range(first, end) for v in _column(sample, c))
        if known or empty:
            return first
    return None


# --- rows ----------------------------------------------------------------------------------------

def _cell(cells: Row, column: int) -> str:
    return cells[column].strip() if column < len(cells) else ""


def _learner(export: Export, cells: Row, name_column: int, identity) -> LearnerRef:
    name = " ".join(_cell(cells, name_column).split())
    values = tuple((field_name, _cell(cells, column)) for column, field_name in identity)
    return LearnerRef(name, values)


def _date(export: Export, number: int, text: str, column: int | str) -> datetime | None:
    """column: its index (the header names it), or an activity's name."""
    try:
        return export.dates.parse(text)
    except UnknownMonth:
        export.notice(number, "unknown_month", once="file", value=quoted(text.strip()))
        return None
    except DateError:
        raise ExportError(export.path, number, "bad_date", value=quoted(text.strip()),
                          column=quoted(export.column_name(column) if isinstance(column, int) else column)) from None


class _ScormRowParser:
    """A SCORM report's rows as records. A learner's name and identity repeat over all their attempts,
    so each learner's LearnerRef is made once."""

    def __init__(self, export: Export):
        self.export = export
        self.layout: ScormLayout = export.layout
        self.learners: dict[object, LearnerRef] = {}
        self.learner_cells = itemgetter(0, *(column for column, _ in self.layout.identity))
        self.sco_cells = list(zip(self.layout.sco_titles, self.layout.sco_columns))
        self.interaction_readers = self.layout.interaction_readers
        self.width = self.layout.width

    def parse(self, number: int, cells: Row) -> AttemptRecord:
        layout = self.layout
        if len(cells) != self.width:
            cells = self._to_width(number, cells)
        learner = self._learner(cells)
        if not learner.name and not any(value for _, value in learner.identity):
            raise ExportError(self.export.path, number, "no_learner_name")
        attempt = self._attempt(number, cells[layout.attempt].strip())
        started = _date(self.export, number, cells[layout.started], layout.started) if attempt else None
        last = _date(self.export, number, cells[layout.last], layout.last) if attempt else None
        scos = tuple([_new_sco_cell((title, cells[column].strip())) for title, column in self.sco_cells])
        read_ids, read_responses, read_rights, read_results = self.interaction_readers
        interactions = _new_interaction_columns((layout.interaction_indices, read_ids(cells), read_responses(cells),
                                                 read_rights(cells), read_results(cells)))
        return _new_attempt_record((number, learner, attempt, started, last, cells[layout.score].strip(), scos,
                                    interactions))

    def _to_width(self, number: int, cells: Row) -> Row:
        width = self.width
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            raise ExportError(self.export.path, number, "too_many_cells", cells=len(cells), width=width)
        return cells + [""] * (width - len(cells)) if len(cells) < width else cells

    def _learner(self, cells: Row) -> LearnerRef:
        key = self.learner_cells(cells)
        learner = self.learners.get(key)
        if learner is None:
            learner = self.learners[key] = _learner(self.export, cells, 0, self.layout.identity)
        return learner

    def _attempt(self, number: int, text: str) -> int | None:
        if text in ("", "-"):
            return None
        if not text.isdecimal():  # what the regular expression \d+ matches: Unicode's decimal digits
            raise ExportError(self.export.path, number, "bad_attempt", value=quoted(text))
        return int(text)


def _parse_completion_row(export: Export, number: int, cells: Row) -> CompletionRecord:
    layout: CompletionLayout = export.layout
    learner = _learner(export, cells, layout.name, layout.identity)
    if not learner.name and not any(value for _, value in learner.identity):
        raise ExportError(export.path, number, "no_learner_name")
    states = []
    for activity, state_column, date_column in layout.activities:
        raw = _cell(cells, state_column)
        date = _date(export, number, _cell(cells, date_column), activity)
        state = export.language.completion_state(raw) if raw else None
        if raw and state is None:
            state = _state_by_date(export, number, activity, raw, date)
        states.append(ActivityState(activity, state, raw, date))
    course_completed = None
    if layout.course_complete is not None:
        course_completed = _date(export, number, _cell(cells, layout.course_complete), layout.course_complete)
    return CompletionRecord(number, learner, tuple(states), course_completed)


def _state_by_date(export: Export, number: int, activity: str, raw: str, date: datetime | None) -> str:
    """A state word of no known language. A learner without any completion record gets the
    "not completed" word and no date (report/progress/index.php); a record (viewed, or complete) has a
    date. So a word seen without a date in the first rows means not completed; another word with a
    date, completed."""
    state = "y" if date and normalize(raw) not in export.layout.undated_states else "n"
    export.notice(number, "unknown_state", once=(normalize(raw), state), value=quoted(raw), activity=quoted(activity),
                  reading=Message.of("reading_completed" if date else "reading_not_completed"),
                  dated=Message.of("dated_yes" if date else "dated_no"))
    return state
