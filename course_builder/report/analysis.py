"""From report records to HR's figures: completion, pass rates, follow-up lists, item analysis.

Memory is bounded by learners x questions, never by rows: per learner and module the aggregator
keeps one small state per attempt, and per learner and interaction only the first answer. Adding the
same record twice changes nothing, so the same report given twice (its CSV and its Excel download)
is counted once.

Definitions (docs/hr-report.md explains them to HR in Danish):
- score: the SCO's raw score from the SCORM report, as a percentage of its maximum. Moodle's "Score"
  column is 0 for a learner without any score; it is never read as a score.
- passed: best score at or above the course's mastery score (Moodle's reports show neither).
- completed: Moodle's activity completion says so, or a SCORM attempt is passed/completed, or
  scored at or above the mastery score.
- item analysis: each learner's first answer to each question or scenario decision point.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from statistics import median

from course_builder.content.model import Module
from course_builder.question_types import question_type
from course_builder.report.course_index import CourseIndex, InteractionTarget
from course_builder.report.exports import AttemptRecord, LearnerRef, ScoCell
from course_builder.report.messages import Message
from course_builder.report.moodle_strings import SiteLanguage, normalize
from course_builder.report.responses import (
    ResponseError, WrongPick, canonical, correct_answer, is_correct, parse_response, wrong_picks,
)
from course_builder.text import MarkdownConverter, plain_text

_SCORE = re.compile(r"^(-?\d+(?:[.,]\d+)?)(?:\s*/\s*(\d+(?:[.,]\d+)?))?$")
COMPLETED_STATES = {"y", "pass", "y-override"}
STARTED_STATES = COMPLETED_STATES | {"fail"}
RESULT_WORDS = {"correct": True, "wrong": False, "incorrect": False}


def percent(part: int, whole: int) -> int | None:
    """Whole percent, halves rounded up, None of nothing."""
    return (200 * part + whole) // (2 * whole) if whole else None


def month_of(moment: datetime | date | None) -> str | None:
    return f"{moment.year:04d}-{moment.month:02d}" if moment else None


# --- the figures ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ModuleRow:
    module_id: str
    title: str
    learners: int
    started: int
    completed: int
    scored: int
    passed: int
    median_score: float | None
    sources: tuple[str, ...]

    @property
    def completion_percent(self) -> int | None:
        return percent(self.completed, self.learners)

    @property
    def pass_percent(self) -> int | None:
        return percent(self.passed, self.scored)


@dataclass(frozen=True)
class MonthRow:
    """Learners who started a module in a month, and how many of them have completed and passed."""

    month: str
    module_id: str
    title: str
    started: int
    completed: int
    scored: int
    passed: int
    completed_in_month: int

    @property
    def completion_percent(self) -> int | None:
        return percent(self.completed, self.started)

    @property
    def pass_percent(self) -> int | None:
        return percent(self.passed, self.scored)


@dataclass(frozen=True)
class ModuleStatus:
    module_id: str
    title: str
    state: str  # completed | failed | in_progress | not_started
    score: float | None
    completed_on: datetime | None


@dataclass(frozen=True)
class LearnerRow:
    key: str
    name: str
    email: str
    state: str  # completed | in_progress | not_started
    modules: tuple[ModuleStatus, ...]
    first_started: datetime | None
    last_access: datetime | None
    course_completed_on: datetime | None

    def titles(self, *states: str) -> list[str]:
        return [m.title for m in self.modules if m.state in states]


@dataclass(frozen=True)
class ScoreBin:
    module_id: str
    title: str
    low: int
    high: int
    count: int


@dataclass(frozen=True)
class ItemRow:
    module_id: str
    module_title: str
    interaction_id: str
    question_id: str
    node_id: str
    kind: str
    prompt: str
    situation: str
    reference_id: str
    reference_title: str
    document: str
    section: str
    answered: int
    correct: int
    wrong_key: str
    wrong_text: str
    wrong_count: int

    @property
    def correct_percent(self) -> int | None:
        return percent(self.correct, self.answered)

    @property
    def wrong_percent(self) -> int | None:
        return percent(self.wrong_count, self.answered)


@dataclass(frozen=True)
class ReferenceRow:
    reference_id: str
    title: str
    document: str
    section: str
    interactions: int
    answered: int
    correct: int

    @property
    def correct_percent(self) -> int | None:
        return percent(self.correct, self.answered)


@dataclass(frozen=True)
class RoleRow:
    """One role's learners and their path (the modules that declare the role): how many completed it, and the
    questions as that role's learners answered them (first answers)."""

    role: str
    label: str
    learners: int
    completed: int  # the path: Moodle's course completion (a course per path) or every required module
    in_progress: int
    not_started: int
    items: tuple[ItemRow, ...]

    @property
    def completed_percent(self) -> int | None:
        return percent(self.completed, self.learners)


@dataclass
class Analysis:
    course_title: str
    mastery_score: int
    modules: list[ModuleRow]
    months: list[MonthRow]
    learners: list[LearnerRow]
    score_bins: list[ScoreBin]
    items: list[ItemRow]
    references: list[ReferenceRow]
    notes: list[Message]  # told in the page's language by the writer, in HR's by the command
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (file name, what it was read as)
    not_counted: list[str] = field(default_factory=list)  # people in the downloads who are not learners
    modules_without_data: list[str] = field(default_factory=list)  # titles of the modules no download is about
    learners_from_completion: bool = True  # False: everyone in the SCORM reports (teachers too, unless named)
    document_labels: dict[str, str] = field(default_factory=dict)  # the course's documents (course.yaml), id → label
    course_language: str = ""  # course.yaml's language: the page's, unless --language says otherwise
    roles: list[RoleRow] = field(default_factory=list)  # per role path, when some learner's role is known
    roles_source: str = ""  # list (HR's --roles) | files (downloads of a course per role path)

    def learners_in(self, state: str) -> list[LearnerRow]:
        return [learner for learner in self.learners if learner.state == state]


# --- what is kept while reading ------------------------------------------------------------------

@dataclass(slots=True)
class ModuleProgress:
    """One learner in one module, folded over every attempt read. Each step is a min, max or union,
    so reading the same attempt again (another download of the same report) changes nothing, and
    memory does not grow with the number of attempts."""

    attempted: bool = False
    best_score: float | None = None
    statuses: set[str] = field(default_factory=set)
    first_started: datetime | None = None
    last_access: datetime | None = None
    completed_in_scorm: bool = False
    completed_in_scorm_on: datetime | None = None  # the earliest end of an attempt that completed
    completion: str | None = None  # Moodle's activity completion state
    completion_date: datetime | None = None

    def add_attempt(self, started: datetime | None, last: datetime | None, score: float | None,
                    status: str | None, mastery: int) -> None:
        self.attempted = True
        self.first_started = _earliest(self.first_started, started)
        self.last_access = _latest(self.last_access, last)
        if score is not None:
            self.best_score = score if self.best_score is None else max(self.best_score, score)
        if status is not None:
            self.statuses.add(status)
        if status in ("passed", "completed") or (score is not None and score >= mastery):
            self.completed_in_scorm = True
            self.completed_in_scorm_on = _earliest(self.completed_in_scorm_on, last or started)

    def add_completion(self, state: str, when: datetime | None) -> None:
        if self.completion is None or _state_rank(state) > _state_rank(self.completion):
            self.completion = state
        if state in STARTED_STATES and when:
            self.completion_date = _earliest(self.completion_date, when)

    def merge(self, other: "ModuleProgress") -> None:
        self.attempted = self.attempted or other.attempted
        if other.best_score is not None:
            self.best_score = other.best_score if self.best_score is None else max(self.best_score, other.best_score)
        self.statuses |= other.statuses
        self.first_started = _earliest(self.first_started, other.first_started)
        self.last_access = _latest(self.last_access, other.last_access)
        self.completed_in_scorm = self.completed_in_scorm or other.completed_in_scorm
        self.completed_in_scorm_on = _earliest(self.completed_in_scorm_on, other.completed_in_scorm_on)
        if other.completion is not None:
            self.add_completion(other.completion, other.completion_date)


@dataclass
class LearnerInfo:
    name: str
    email: str


@dataclass(slots=True)
class FirstAnswer:
    order: tuple[int, int]  # (attempt, interaction index): the smallest is the first answer
    response: str | None
    result: str | None


_ScoReading = tuple[float | None, str | None, tuple[str, ...]]  # score, status, values that are neither
MAX_KEPT_READINGS = 10_000  # distinct SCO cells and rows' tuples of interaction ids read once and kept


@dataclass(frozen=True)
class _InteractionPlan:
    """What the interaction ids of a row mean for the module the download is about, worked out once for
    all the rows with the same ids (in a large report nearly every row has the same)."""

    answered: tuple[tuple[int, str], ...]  # (position in the row, id) of the module's interactions
    unknown: tuple[str, ...]  # ids the course does not have
    plain: bool  # no blank id and no interaction of another module: nothing to tell about any cell

    @classmethod
    def of(cls, module: Module, ids: tuple[str, ...], index: CourseIndex) -> "_InteractionPlan":
        answered, unknown, plain = [], [], True
        for position, interaction_id in enumerate(ids):
            target = index.targets.get(interaction_id)
            if not interaction_id or (target is not None and target.module.id != module.id):
                plain = False
            elif interaction_id in index.reflections:
                continue
            elif target is None:
                unknown.append(interaction_id)
            else:
                answered.append((position, interaction_id))
        return cls(tuple(answered), tuple(unknown), plain)


class Aggregator:
    def __init__(self, index: CourseIndex):
        self.markdown = MarkdownConverter()  # the item texts, converted once per report
        self.index = index
        self.learners: dict[str, LearnerInfo] = {}
        self.progress: dict[tuple[str, str], ModuleProgress] = {}
        self.course_completed: dict[str, datetime | None] = {}
        self.answers: dict[str, dict[str, FirstAnswer]] = {}  # learner key -> interaction id -> first answer
        self.right_answers: dict[str, set[str]] = {}  # interaction id -> the "Right answer" values seen
        self.sources: dict[str, set[str]] = {}  # module id -> kinds of download read for it
        self.notes: list[Message] = []
        self._unknown_interactions: Counter[str] = Counter()
        self.tracked: set[str] = set()  # learners a completion download lists: Moodle's tracked learners
        self.completion_read = False
        self.not_counted: list[str] = []  # people in the downloads who are not learners
        self.file_roles: dict[str, set[str]] = {}  # learner key -> the roles of the downloads they appear in
        self._learner_keys: dict[LearnerRef, str] = {}
        self._sco_language: object = None  # the language self._sco_readings were read in
        self._sco_readings: dict[tuple[ScoCell, ...], _ScoReading] = {}
        self._plans: dict[tuple[str, tuple[str, ...]], _InteractionPlan] = {}
        # learner key -> (plan, attempt): every first answer of that plan's interactions is from that attempt
        # or an earlier one, so a row of the same plan and a later attempt can change none of them
        self._answered_through: dict[str, tuple[_InteractionPlan, int]] = {}

    # -- learners --
    def learner_key(self, learner: LearnerRef) -> str:
        key = self._learner_keys.get(learner)
        if key is None:
            key = self._learner_keys[learner] = self._new_learner_key(learner)
        return key

    def _new_learner_key(self, learner: LearnerRef) -> str:
        email = learner.email.strip()
        key = f"email:{email.casefold()}" if email else f"name:{normalize(learner.name)}"
        known = self.learners.get(key)
        if known is None:
            self.learners[key] = LearnerInfo(learner.name, email)
        elif not known.name and learner.name:
            known.name = learner.name
        return key

    def _progress(self, module: Module, key: str) -> ModuleProgress:
        progress = self.progress.get((module.id, key))
        if progress is None:
            progress = self.progress[(module.id, key)] = ModuleProgress()
        return progress

    def add_source(self, module: Module, kind: str) -> None:
        self.sources.setdefault(module.id, set()).add(kind)

    # -- SCORM reports --
    def add_attempt(self, module: Module, record: AttemptRecord, language: SiteLanguage,
                    on_notice=lambda row, key, **values: None) -> None:
        key = self.learner_key(record.learner)
        progress = self._progress(module, key)
        if record.attempt is None:
            return
        score, status = self._outcome(record, language, on_notice)
        progress.add_attempt(record.started, record.last, score, status, self.index.mastery_score)
        self._add_interactions(module, key, record, on_notice)

    def _outcome(self, record: AttemptRecord, language: SiteLanguage, on_notice):
        if not record.scos:
            return _grade_score(record.grade), None
        score, status, unknown = self._sco_reading(record.scos, language)
        for value in unknown:
            on_notice(record.row, "unknown_sco_value", value=f"'{value}'")
        return score, status

    def _sco_reading(self, scos: tuple[ScoCell, ...], language: SiteLanguage) -> _ScoReading:
        """The SCO cells of a row read; a report repeats a few hundred, so each is read once."""
        if language is not self._sco_language:
            self._sco_language, self._sco_readings = language, {}
        reading = self._sco_readings.get(scos)
        if reading is None:
            reading = _read_scos(scos, language)
            if len(self._sco_readings) < MAX_KEPT_READINGS:
                self._sco_readings[scos] = reading
        return reading

    def _add_interactions(self, module: Module, key: str, record: AttemptRecord, on_notice) -> None:
        columns = record.interaction_columns
        plan = self._plan(module, columns.ids)
        if not plan.plain:
            self._add_interaction_cells(module, key, record, on_notice)
            return
        if plan.unknown:
            self._unknown_interactions.update(plan.unknown)
        answers = self.answers.setdefault(key, {})
        attempt = record.attempt or 0
        held = self._answered_through.get(key)
        if held is None or held[0] is not plan or attempt <= held[1]:
            indices, responses, results = columns.indices, columns.responses, columns.results
            for position, interaction_id in plan.answered:
                order = (attempt, indices[position])
                known = answers.get(interaction_id)
                if known is None or order < known.order:
                    answers[interaction_id] = FirstAnswer(order, responses[position], results[position])
            if held is None or held[0] is not plan or attempt < held[1]:
                self._answered_through[key] = (plan, attempt)
        if any(columns.rights):
            rights = columns.rights
            for position, interaction_id in plan.answered:
                if rights[position]:
                    self.right_answers.setdefault(interaction_id, set()).add(rights[position])

    def _plan(self, module: Module, ids: tuple[str, ...]) -> _InteractionPlan:
        plan = self._plans.get((module.id, ids))
        if plan is None:
            plan = _InteractionPlan.of(module, ids, self.index)
            if len(self._plans) < MAX_KEPT_READINGS:
                self._plans[(module.id, ids)] = plan
        return plan

    def _add_interaction_cells(self, module: Module, key: str, record: AttemptRecord, on_notice) -> None:
        """Cell by cell, for a row with something to tell about a cell (a blank id, another module's id)."""
        targets, reflections = self.index.targets, self.index.reflections
        answers = self.answers.setdefault(key, {})
        attempt = record.attempt or 0
        for cell in record.interactions:
            interaction_id = cell.id  # read stripped
            if not interaction_id:
                on_notice(record.row, "interaction_without_id", once="file")
                continue
            if interaction_id in reflections:
                continue  # reflections are the learner's own thoughts: never analysed, never shown
            target = targets.get(interaction_id)
            if target is None:
                self._unknown_interactions[interaction_id] += 1
                continue
            if target.module.id != module.id:
                on_notice(record.row, "interaction_other_module", interaction=f"'{interaction_id}'",
                          module=f"'{target.module.title}'")
            order = (attempt, cell.index)
            known = answers.get(interaction_id)
            if known is None or order < known.order:
                answers[interaction_id] = FirstAnswer(order, cell.response, cell.result)
            if cell.right:
                self.right_answers.setdefault(interaction_id, set()).add(cell.right)

    # -- completion reports --
    def add_tracked(self, learner: LearnerRef) -> None:
        """A learner listed by a completion download (they list only the people completion tracks)."""
        self.completion_read = True
        self.tracked.add(self.learner_key(learner))

    def add_completion(self, module: Module, learner: LearnerRef, state: str | None,
                       completed_on: datetime | None) -> None:
        progress = self._progress(module, self.learner_key(learner))
        if state is not None:
            progress.add_completion(state, completed_on)

    def add_role(self, learner: LearnerRef, role: str) -> None:
        """The learner appears in a download of a course per role path (its file name names the role)."""
        self.file_roles.setdefault(self.learner_key(learner), set()).add(role)

    def add_course_completion(self, learner: LearnerRef, completed_on: datetime | None) -> None:
        key = self.learner_key(learner)
        self.course_completed[key] = _earliest(self.course_completed.get(key), completed_on) \
            if completed_on else self.course_completed.get(key)

    # -- the end --
    def analyse(self, course_title: str, inputs: list[tuple[str, str]],
                not_learners: tuple[str, ...] = (), given_roles: dict[LearnerRef, str] | None = None) -> Analysis:
        """given_roles: HR's list of who has which role (--roles); it wins over the downloads' file names."""
        self._merge_name_only_learners()
        self._keep_learners_only(not_learners)
        mastery = self.index.mastery_score
        outcomes = {pair: _module_outcome(progress, mastery) for pair, progress in self.progress.items()}
        modules = [m for m in self.index.modules if m.id in self.sources]
        self._note_missing_modules()
        self._note_completion_rule(outcomes)
        learners = self._learner_rows(modules, outcomes)
        items = self._items()
        roles = self._role_rows(outcomes, self._roles(given_roles or {}))
        return Analysis(
            course_title=course_title,
            mastery_score=mastery,
            modules=[self._module_row(m, outcomes) for m in modules],
            months=self._month_rows(modules, outcomes),
            learners=learners,
            score_bins=self._score_bins(modules, outcomes),
            items=items,
            references=self._reference_rows(items),
            notes=self.notes + self._unknown_interaction_notes(),
            inputs=inputs,
            not_counted=self.not_counted,
            modules_without_data=[m.title for m in self.index.modules if m.id not in self.sources],
            learners_from_completion=self.completion_read,
            document_labels=dict(self.index.course.settings.documents),
            course_language=self.index.course.settings.language,
            roles=roles,
            roles_source="list" if given_roles else "files",
        )

    # -- per role --
    def _roles(self, given: dict[LearnerRef, str]) -> dict[str, str]:
        """Learner key -> role: HR's list, else the one role of the downloads the learner appears in."""
        roles: dict[str, str] = {}
        for key, found in self.file_roles.items():
            if key in self.learners and len(found) == 1:
                roles[key] = next(iter(found))
            elif key in self.learners:
                self.notes.append(Message.of("note_learner_in_two_roles", learner=self.learners[key].name,
                                             roles=", ".join(sorted(found))))
        for learner, role in given.items():
            key = self._known_key(learner)
            if key is not None:
                roles[key] = role
        return roles

    def _known_key(self, learner: LearnerRef) -> str | None:
        email = learner.email.strip().casefold()
        if email and f"email:{email}" in self.learners:
            return f"email:{email}"
        named = [k for k, info in self.learners.items() if normalize(info.name) == normalize(learner.name)]
        return named[0] if len(named) == 1 else None

    def _role_rows(self, outcomes, roles: dict[str, str]) -> list[RoleRow]:
        if not roles:
            return []
        course = self.index.course
        rows = []
        for path in course.paths:
            keys = {key for key, role in roles.items() if role == path.role}
            states = [self._path_state(key, path.required, outcomes) for key in sorted(keys)]
            rows.append(RoleRow(path.role, path.label, len(keys), states.count("completed"),
                                states.count("in_progress"), states.count("not_started"),
                                tuple(self._item_rows(self._tallies(keys)))))
        return rows

    def _path_state(self, key: str, required: list[Module], outcomes) -> str:
        states = [outcomes.get((m.id, key), _EMPTY).state for m in required]
        if self.course_completed.get(key) or all(state == "completed" for state in states):
            return "completed"
        return "not_started" if all(state == "not_started" for state in states) else "in_progress"

    def _merge_name_only_learners(self) -> None:
        """A learner read from a download without e-mail column joins the one e-mail learner of that name."""
        by_name: dict[str, list[str]] = {}
        for key, info in self.learners.items():
            if key.startswith("email:"):
                by_name.setdefault(normalize(info.name), []).append(key)
        for key in [k for k in self.learners if k.startswith("name:")]:
            matches = by_name.get(key[len("name:"):], [])
            if len(matches) == 1:
                self._merge_learner(key, matches[0])

    def _merge_learner(self, old: str, new: str) -> None:
        for (module_id, key) in [pair for pair in self.progress if pair[1] == old]:
            source = self.progress.pop((module_id, key))
            self.progress.setdefault((module_id, new), ModuleProgress()).merge(source)
        answers = self.answers.setdefault(new, {})
        for interaction_id, answer in self.answers.pop(old, {}).items():
            known = answers.get(interaction_id)
            if known is None or answer.order < known.order:
                answers[interaction_id] = answer
        if old in self.tracked:
            self.tracked.discard(old)
            self.tracked.add(new)
        if old in self.file_roles:
            self.file_roles.setdefault(new, set()).update(self.file_roles.pop(old))
        if old in self.course_completed:
            completed = self.course_completed.pop(old)
            self.course_completed[new] = _earliest(self.course_completed.get(new), completed) \
                if completed else self.course_completed.get(new)
        del self.learners[old]

    def _keep_learners_only(self, not_learners: tuple[str, ...]) -> None:
        """The people counted are Moodle's tracked learners. The SCORM reports also list everyone else
        who may save tracks, editing teachers included, with "-" in every column (mod/scorm/report/
        basic/classes/report.php selects by the capability mod/scorm:savetrack); the completion
        downloads list only tracked learners (report/progress, report/completion). So with a completion
        download, its people are the learners; without one, everyone in the SCORM reports is, unless
        HR names them with --not-learner."""
        named = {normalize(text) for text in not_learners}
        left_out, unnamed = [], set(named)
        for key, info in list(self.learners.items()):
            by_name = normalize(info.name) in named
            by_email = bool(info.email) and normalize(info.email) in named
            untracked = self.completion_read and key not in self.tracked
            if by_name or by_email or untracked:
                left_out.append(info.name or info.email)
                unnamed -= {normalize(info.name), normalize(info.email)}
                self._forget_learner(key)
        self.not_counted = sorted(left_out, key=normalize)
        self.notes.append(Message.of("note_learners_from_completion" if self.completion_read
                                     else "note_learners_without_completion", count=len(left_out)))
        if unnamed:
            self.notes.append(Message.of("note_not_learner_unknown", names=", ".join(sorted(unnamed))))

    def _forget_learner(self, key: str) -> None:
        for pair in [pair for pair in self.progress if pair[1] == key]:
            del self.progress[pair]
        self.answers.pop(key, None)
        self.course_completed.pop(key, None)
        del self.learners[key]

    def _note_missing_modules(self) -> None:
        missing = [m.title for m in self.index.modules if m.id not in self.sources]
        if missing:
            self.notes.append(Message.of("note_modules_without_data", modules=", ".join(missing)))
        for module in self.index.modules:
            kinds = self.sources.get(module.id, set())
            if kinds and "scorm" not in kinds:
                self.notes.append(Message.of("note_completion_only", module=module.title))

    def _note_completion_rule(self, outcomes) -> None:
        """Passed in the SCORM report, not completed in Moodle: the completion rule asks for 'completed'
        only, which Moodle's mastery-score override never leaves in place (reference README)."""
        stuck: Counter[str] = Counter()
        for (module_id, key), outcome in outcomes.items():
            if outcome.passed_in_scorm and self.progress[(module_id, key)].completion in ("n", "n-override"):
                stuck[module_id] += 1
        for module in self.index.modules:
            if stuck[module.id]:
                self.notes.append(Message.of("note_completion_rule", module=module.title, count=stuck[module.id]))

    def _unknown_interaction_notes(self) -> list[Message]:
        if not self._unknown_interactions:
            return []
        ids = sorted(self._unknown_interactions)
        shown = ", ".join(ids[:10]) + (" ..." if len(ids) > 10 else "")
        return [Message.of("note_unknown_interactions", count=len(ids), ids=shown)]

    def _module_row(self, module: Module, outcomes) -> ModuleRow:
        mine = [outcomes.get((module.id, key), _EMPTY) for key in self.learners]
        scores = [o.score for o in mine if o.score is not None]
        return ModuleRow(
            module_id=module.id, title=module.title, learners=len(self.learners),
            started=sum(o.started for o in mine), completed=sum(o.completed for o in mine),
            scored=len(scores), passed=sum(o.passed for o in mine),
            median_score=round(median(scores), 1) if scores else None,
            sources=tuple(sorted(self.sources.get(module.id, ()))),
        )

    def _month_rows(self, modules: list[Module], outcomes) -> list[MonthRow]:
        rows = []
        for module in modules:
            mine = [o for (module_id, _), o in outcomes.items() if module_id == module.id]
            cohorts: dict[str, list[ModuleOutcome]] = {}
            completions: Counter[str] = Counter()
            for outcome in mine:
                if outcome.start_month:
                    cohorts.setdefault(outcome.start_month, []).append(outcome)
                if outcome.completed and month_of(outcome.completed_on):
                    completions[month_of(outcome.completed_on)] += 1
            for month in sorted(set(cohorts) | set(completions)):
                cohort = cohorts.get(month, [])
                rows.append(MonthRow(
                    month=month, module_id=module.id, title=module.title, started=len(cohort),
                    completed=sum(o.completed for o in cohort),
                    scored=sum(o.score is not None for o in cohort), passed=sum(o.passed for o in cohort),
                    completed_in_month=completions[month],
                ))
        return sorted(rows, key=lambda r: (r.month, self._position(r.module_id)))

    def _position(self, module_id: str) -> int:
        return next(i for i, m in enumerate(self.index.modules) if m.id == module_id)

    def _learner_rows(self, modules: list[Module], outcomes) -> list[LearnerRow]:
        rows = []
        for key, info in self.learners.items():
            statuses = []
            for module in modules:
                outcome = outcomes.get((module.id, key), _EMPTY)
                statuses.append(ModuleStatus(module.id, module.title, outcome.state, outcome.score,
                                             outcome.completed_on))
            mine = [outcomes[(m.id, key)] for m in modules if (m.id, key) in outcomes]
            course_done = self.course_completed.get(key)
            done_with_data = bool(statuses) and all(s.state == "completed" for s in statuses)
            if course_done or (done_with_data and len(modules) == len(self.index.modules)):
                state = "completed"
            elif done_with_data:
                state = "completed_known"  # every module with downloads done; others unknown
            elif any(s.state != "not_started" for s in statuses):
                state = "in_progress"
            else:
                state = "not_started"
            rows.append(LearnerRow(
                key=key, name=info.name, email=info.email, state=state, modules=tuple(statuses),
                first_started=min((o.first_started for o in mine if o.first_started), default=None),
                last_access=max((o.last_access for o in mine if o.last_access), default=None),
                course_completed_on=course_done,
            ))
        return sorted(rows, key=lambda r: (normalize(r.name), r.email.casefold(), r.key))

    def _score_bins(self, modules: list[Module], outcomes) -> list[ScoreBin]:
        bins = []
        for module in modules:
            counts = Counter()
            for (module_id, _), outcome in outcomes.items():
                if module_id == module.id and outcome.score is not None:
                    counts[min(int(outcome.score // 10), 9)] += 1
            for tenth in range(10):
                bins.append(ScoreBin(module.id, module.title, tenth * 10, 100 if tenth == 9 else tenth * 10 + 9,
                                     counts[tenth]))
        return bins

    def _tallies(self, keys: set[str] | None = None) -> dict[str, "_Tally"]:
        """First answers tallied per interaction, of every learner or of those keys."""
        tallies: dict[str, _Tally] = {}
        for key, learner_answers in self.answers.items():
            if keys is not None and key not in keys:
                continue
            for interaction_id, answer in learner_answers.items():
                tallies.setdefault(interaction_id, _Tally()).add(self.index.targets[interaction_id], answer)
        return tallies

    def _item_rows(self, tallies: dict[str, "_Tally"]) -> list[ItemRow]:
        rows = [self._item_row(self.index.targets[i], t) for i, t in tallies.items()]
        return sorted(rows, key=lambda r: (self._position(r.module_id), self._question_order(r)))

    def _items(self) -> list[ItemRow]:
        tallies = self._tallies()
        self._check_right_answers()
        for interaction_id, tally in sorted(tallies.items()):
            if tally.unreadable:
                self.notes.append(Message.of("note_unreadable_answers", interaction=interaction_id,
                                             count=tally.unreadable, example=repr(tally.example)))
            if tally.disagreements:
                self.notes.append(Message.of("note_result_disagrees", interaction=interaction_id,
                                             count=tally.disagreements))
        return self._item_rows(tallies)

    def _question_order(self, row: ItemRow) -> tuple[int, int]:
        module = self.index.course.module(row.module_id)
        questions = [q.id for q in module.questions]
        target = self.index.targets[row.interaction_id]
        nodes = [n.id for n in target.question.decision_points()]
        return questions.index(row.question_id), nodes.index(row.node_id) if row.node_id else -1

    def _check_right_answers(self) -> None:
        for interaction_id, values in sorted(self.right_answers.items()):
            target = self.index.targets[interaction_id]
            for right in sorted(values):
                self._check_right_answer(target, right)

    def _check_right_answer(self, target: InteractionTarget, right: str) -> None:
        """The package's answer key against the course's: they differ when Moodle runs another version."""
        if not question_type(target.kind).report_checks_right_answer:
            return
        try:
            reported = canonical(parse_response(right, target))
        except ResponseError:
            return
        expected = canonical(correct_answer(target))
        if reported != expected:
            self.notes.append(Message.of("note_right_answer_differs", interaction=target.interaction_id, right=right,
                                         expected=expected))

    def _item_row(self, target: InteractionTarget, tally: "_Tally") -> ItemRow:
        question = target.question
        reference = self.index.reference(question.reference)
        wrong_key, wrong_count = tally.most_chosen_wrong()
        glossary = self.index.course.glossary
        return ItemRow(
            module_id=target.module.id, module_title=target.module.title,
            interaction_id=target.interaction_id, question_id=question.id,
            node_id=target.node.id if target.node else "", kind=target.kind,
            prompt=plain_text(question.prompt, glossary, converter=self.markdown),
            situation=plain_text(target.node.situation, glossary, converter=self.markdown) if target.node else "",
            reference_id=question.reference,
            reference_title=reference.title if reference else "",
            document=reference.document if reference else "",
            section=reference.section if reference else "",
            answered=tally.answered, correct=tally.correct,
            wrong_key=wrong_key, wrong_text=plain_text(tally.wrong_texts.get(wrong_key, ""), glossary, converter=self.markdown), wrong_count=wrong_count,
        )

    def _reference_rows(self, items: list[ItemRow]) -> list[ReferenceRow]:
        grouped: dict[str, list[ItemRow]] = {}
        for item in items:
            grouped.setdefault(item.reference_id, []).append(item)
        rows = [ReferenceRow(
            reference_id=ref_id, title=group[0].reference_title, document=group[0].document,
            section=group[0].section, interactions=len(group),
            answered=sum(i.answered for i in group), correct=sum(i.correct for i in group),
        ) for ref_id, group in grouped.items()]
        return sorted(rows, key=lambda r: (r.correct_percent if r.correct_percent is not None else 101,
                                           r.reference_id))


class _Tally:
    def __init__(self):
        self.answered = 0
        self.correct = 0
        self.wrong: Counter[str] = Counter()
        self.wrong_texts: dict[str, str] = {}
        self.unreadable = 0
        self.example = ""
        self.disagreements = 0
        self._readings: dict[str | None, _ResponseReading] = {}  # many learners give the same response

    def add(self, target: InteractionTarget, answer: FirstAnswer) -> None:
        reported = RESULT_WORDS.get((answer.result or "").strip().casefold())
        reading = self._readings.get(answer.response)
        if reading is None:
            reading = self._readings[answer.response] = _ResponseReading(target, answer.response)
        if reading.unreadable:
            self.unreadable += 1
            self.example = self.example or answer.response
        parsed, computed = reading.parsed, reading.computed
        verdict = reported if reported is not None else computed
        if verdict is None:
            return
        if reported is not None and computed is not None and reported != computed:
            self.disagreements += 1
        self.answered += 1
        if verdict:
            self.correct += 1
        elif parsed is not None:
            for pick in reading.wrong_picks:
                self.wrong[pick.key] += 1
                self.wrong_texts[pick.key] = pick.text

    def most_chosen_wrong(self) -> tuple[str, int]:
        if not self.wrong:
            return "", 0
        count = max(self.wrong.values())
        return min(key for key, value in self.wrong.items() if value == count), count


class _ResponseReading:
    """One response read against its interaction: the answer it names and whether that is right."""

    def __init__(self, target: InteractionTarget, response: str | None):
        self.target = target
        self.parsed = None
        self.unreadable = False
        if response:
            try:
                self.parsed = parse_response(response, target)
            except ResponseError:
                self.unreadable = True
        self.computed = is_correct(target, self.parsed) if self.parsed is not None else None

    @cached_property
    def wrong_picks(self) -> list[WrongPick]:
        return wrong_picks(self.target, self.parsed)


# --- one learner in one module -------------------------------------------------------------------

@dataclass(frozen=True)
class ModuleOutcome:
    started: bool
    completed: bool
    passed: bool
    failed: bool
    passed_in_scorm: bool
    score: float | None
    first_started: datetime | None
    last_access: datetime | None
    completed_on: datetime | None

    @property
    def state(self) -> str:
        if self.completed:
            return "completed"
        if self.failed:
            return "failed"
        return "in_progress" if self.started else "not_started"

    @property
    def start_month(self) -> str | None:
        return month_of(self.first_started or self.completed_on)


_EMPTY = ModuleOutcome(False, False, False, False, False, None, None, None, None)


def _module_outcome(progress: ModuleProgress, mastery: int) -> ModuleOutcome:
    best = progress.best_score
    passed_in_scorm = (best is not None and best >= mastery) or (best is None and "passed" in progress.statuses)
    completed = progress.completion in COMPLETED_STATES or progress.completed_in_scorm
    failed = progress.completion == "fail" or (best is not None and best < mastery) or "failed" in progress.statuses
    completed_on = progress.completion_date if progress.completion in COMPLETED_STATES else None
    if completed and completed_on is None:
        completed_on = progress.completed_in_scorm_on
    return ModuleOutcome(
        started=progress.attempted or progress.completion in STARTED_STATES,
        completed=completed,
        passed=passed_in_scorm or progress.completion == "pass",
        failed=failed and not completed,
        passed_in_scorm=passed_in_scorm,
        score=best,
        first_started=progress.first_started,
        last_access=progress.last_access,
        completed_on=completed_on,
    )


def _grade_score(grade: str) -> float | None:
    """Moodle's "Score" column, for a Basic report without its per-SCO column: the attempt's grade by the
    activity's grading method (mod/scorm/locallib.php scorm_grade_user_attempt), 0 when there is no
    score at all, so 0 reads as no score."""
    match = _SCORE.match(" ".join(grade.split()))
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    return value if value > 0 else None


def _combined_status(statuses: list[str]) -> str | None:
    """One status for an attempt of several SCOs (our packages have one SCO each)."""
    if not statuses:
        return None
    if len(set(statuses)) == 1:
        return statuses[0]
    if all(status in ("passed", "completed") for status in statuses):
        return "passed" if "passed" in statuses else "completed"
    return "failed" if "failed" in statuses else "incomplete"


def _state_rank(state: str) -> int:
    return {"n": 0, "n-override": 1, "fail": 2, "y": 3, "y-override": 3, "pass": 4}.get(state, 0)


def _read_scos(scos: tuple[ScoCell, ...], language: SiteLanguage) -> _ScoReading:
    """(the mean of their scores, their combined status, the values that are neither)."""
    scores, statuses, unknown = [], [], []
    for sco in scos:
        value = " ".join(sco.value.split())
        match = _SCORE.match(value)
        if match:
            raw = float(match.group(1).replace(",", "."))
            maximum = float(match.group(2).replace(",", ".")) if match.group(2) else 100.0
            scores.append(100.0 * raw / maximum if maximum > 0 else raw)
        elif normalize(value) in language.scorm_statuses:
            statuses.append(language.scorm_statuses[normalize(value)])
        elif value:
            unknown.append(value)
    score = sum(scores) / len(scores) if scores else None
    return score, _combined_status(statuses), tuple(unknown)


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a if b is None else b
    return min(a, b)


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a if b is None else b
    return max(a, b)
