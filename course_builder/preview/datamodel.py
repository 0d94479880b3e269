"""The SCORM run-time data model on the server: one core, two thin version mappings.

A `Session` is one launch of one SCO for one learner. The shell's API object forwards every call
to it; it checks each call against the spec (state, element, access, type, range, dependencies)
and answers as an LMS does: the result string plus an error code. What the SCO commits goes to
the store through `save`. The two versions (`scorm12.SCORM12`, `scorm2004.SCORM2004`) only supply
tables, error numbers and the few rules that differ; the logic lives here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from course_builder.preview.datatypes import number

# Error kinds: what went wrong, whatever number a version gives it.
GENERAL = "general"
ALREADY_INITIALIZED = "already_initialized"
INITIALIZE_AFTER_TERMINATE = "initialize_after_terminate"
TERMINATE_BEFORE_INITIALIZE = "terminate_before_initialize"
TERMINATE_AFTER_TERMINATE = "terminate_after_terminate"
GET_BEFORE_INITIALIZE = "get_before_initialize"
GET_AFTER_TERMINATE = "get_after_terminate"
SET_BEFORE_INITIALIZE = "set_before_initialize"
SET_AFTER_TERMINATE = "set_after_terminate"
COMMIT_BEFORE_INITIALIZE = "commit_before_initialize"
COMMIT_AFTER_TERMINATE = "commit_after_terminate"
ARGUMENT = "argument"
GET_FAILURE = "get_failure"
SET_FAILURE = "set_failure"
COMMIT_FAILURE = "commit_failure"
TERMINATE_FAILURE = "terminate_failure"
UNDEFINED = "undefined"
NO_CHILDREN = "no_children"
NOT_A_COLLECTION = "not_a_collection"
KEYWORD = "keyword"
READ_ONLY = "read_only"
WRITE_ONLY = "write_only"
NOT_INITIALIZED = "not_initialized"
TYPE_MISMATCH = "type_mismatch"
OUT_OF_RANGE = "out_of_range"
DEPENDENCY = "dependency"
OUT_OF_ORDER = "out_of_order"
NO_SUCH_RECORD = "no_such_record"

KEYWORDS = ("_children", "_count", "_version")
LOG_LIMIT = 500  # API calls kept per session for the panel
_INDEX = re.compile(r"0|[1-9]\d*")


@dataclass(frozen=True)
class Element:
    """One element of the data model; `name` has 'n' where an index goes: cmi.interactions.n.id."""

    name: str
    access: str  # "r", "w" or "rw"
    check: Callable[[str], bool] | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    default: str | None = None  # what GetValue gives before anything is set; None: not initialized
    rule: str | None = None  # a version rule run after the type check

    @property
    def readable(self) -> bool:
        return "r" in self.access

    @property
    def writable(self) -> bool:
        return "w" in self.access


def element(name: str, access: str, check=None, low=None, high=None, default=None, rule=None) -> Element:
    def bound(value):
        return None if value is None else Decimal(str(value))

    return Element(name, access, check, bound(low), bound(high), default, rule)


@dataclass(frozen=True)
class Launch:
    """What the LMS knows when it launches a SCO: the learner, the mode and the manifest's values."""

    learner_id: str
    learner_name: str
    mode: str = "normal"  # normal | browse | review
    mastery_score: str = ""  # SCORM 1.2 adlcp:masteryscore, 0-100
    scaled_passing_score: str = ""  # SCORM 2004, -1 to 1
    completion_threshold: str = ""  # SCORM 2004, 0 to 1
    launch_data: str = ""
    max_time_allowed: str = ""
    time_limit_action: str = ""

    @property
    def credit(self) -> str:
        return "credit" if self.mode == "normal" else "no-credit"


@dataclass(frozen=True)
class Answer:
    result: str
    error: int
    diagnostic: str = ""


@dataclass(frozen=True)
class Level:
    """One collection on the way to an element: cmi.interactions.2.objectives.0.id has two."""

    pattern: str  # cmi.interactions.n.objectives
    path: str  # cmi.interactions.2.objectives
    index: int  # 0


class Version:
    """What differs between SCORM 1.2 and SCORM 2004. Subclasses fill in the tables and hooks."""

    name: str
    api_name: str
    data_model_version: str
    methods: dict[str, str]  # API function → operation: initialize, terminate, get, set, commit, ...
    codes: dict[str, int]  # error kind → number
    messages: dict[int, str]  # number → GetErrorString text
    elements: dict[str, Element]
    children: dict[str, str]  # element group → its _children list
    collections: dict[str, str | None]  # collection → the element a new record must begin with
    session_only: tuple[str, ...]  # elements that belong to one session, not to the stored attempt
    status_element: str
    exit_element: str
    total_time_element: str
    session_time_element: str
    suspend_data_limit: int

    def code(self, kind: str) -> int:
        return self.codes.get(kind, self.codes[GENERAL])

    def lms_values(self, launch: Launch, stored: dict[str, str]) -> dict[str, str]:
        """The read-only values the LMS supplies at launch."""
        raise NotImplementedError

    def rule(self, session: "Session", rule: str, name: str, indices: tuple[int, ...], value: str) -> tuple[str, str] | None:
        """A version-specific check of a set: (error kind, diagnostic) or None."""
        return None

    def computed(self, session: "Session", pattern: str) -> str | None:
        """A value the LMS works out when it is read (SCORM 2004 status evaluation)."""
        return None

    def special_get(self, session: "Session", name: str) -> str | None:
        """Elements outside the table that the LMS answers (SCORM 2004 adl.nav.request_valid)."""
        return None

    def finish(self, session: "Session") -> list[str]:
        """What the LMS does to the data when the SCO finishes; returns notes for the panel."""
        raise NotImplementedError

    def notes_on_set(self, name: str, value: str) -> list[str]:
        return []

    def undefined(self, name: str) -> str:
        return f"{name} is not an element of the SCORM {self.name} data model"

    def entry(self, stored: dict[str, str]) -> str:
        """ab-initio on the first launch, resume when the last session exited with suspend."""
        if not stored:
            return "ab-initio"
        return "resume" if stored.get(self.exit_element) == "suspend" else ""

    def summary(self, session: "Session") -> dict:
        raise NotImplementedError


@dataclass
class LoggedCall:
    method: str
    arguments: list[str]
    result: str
    error: int
    diagnostic: str


class Failure(Exception):
    def __init__(self, kind: str, diagnostic: str = ""):
        super().__init__(diagnostic)
        self.kind = kind
        self.diagnostic = diagnostic


@dataclass
class Session:
    """One launch of one SCO: the state machine of the API and the learner's working data."""

    version: Version
    launch: Launch
    stored: dict[str, str]
    save: Callable[[dict[str, str]], bool] = lambda values: True
    state: str = "not initialized"  # not initialized | running | terminated
    values: dict[str, str] = field(default_factory=dict)
    lms: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    committed: dict[str, str] = field(default_factory=dict)
    last_error: int = 0
    diagnostic: str = ""
    log: list[LoggedCall] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.values = {k: v for k, v in self.stored.items() if k not in self.version.session_only and not self._lms_kept(k)}
        self.lms = self.version.lms_values(self.launch, self.stored)
        self.committed = dict(self.stored)
        self.counts = _counts(self.version, self.values)

    def _lms_kept(self, name: str) -> bool:
        return name == self.version.total_time_element

    # ------------------------------------------------------------------ the API

    def call(self, method: str, arguments: list[str]) -> Answer:
        operation = self.version.methods.get(method)
        if operation is None:
            raise ValueError(f"no SCORM {self.version.name} API function {method}")
        arguments = [_as_text(a) for a in arguments]
        if operation == "last_error":
            answer = Answer(str(self.last_error), self.last_error, self.diagnostic)
        elif operation == "error_string":
            answer = Answer(self.error_string(arguments[0] if arguments else ""), self.last_error, self.diagnostic)
        elif operation == "diagnostic":
            answer = Answer(self.get_diagnostic(arguments[0] if arguments else ""), self.last_error, self.diagnostic)
        else:
            answer = self._run(operation, arguments)
            self.last_error, self.diagnostic = answer.error, answer.diagnostic
        self.log.append(LoggedCall(method, arguments, answer.result, answer.error, answer.diagnostic))
        del self.log[:-LOG_LIMIT]
        return answer

    def error_string(self, code: str) -> str:
        return self.version.messages.get(int(code), "") if code.strip().isdigit() else ""

    def get_diagnostic(self, code: str) -> str:
        if code == "" or code == str(self.last_error):
            return self.diagnostic or self.version.messages.get(self.last_error, "")
        return self.error_string(code)

    def _run(self, operation: str, arguments: list[str]) -> Answer:
        handler = {
            "initialize": self._initialize,
            "terminate": self._terminate,
            "get": self._get,
            "set": self._set,
            "commit": self._commit,
        }[operation]
        padded = (arguments + ["", ""])[:2]
        try:
            result = handler(*padded) if operation == "set" else handler(padded[0])
        except Failure as failure:
            fallback = "" if operation == "get" else "false"
            return Answer(fallback, self.version.code(failure.kind), failure.diagnostic)
        return Answer(result, 0, "")

    def _initialize(self, parameter: str) -> str:
        _no_parameter(parameter)
        if self.state == "running":
            raise Failure(ALREADY_INITIALIZED, "the SCO is already initialized")
        if self.state == "terminated":
            raise Failure(INITIALIZE_AFTER_TERMINATE, "this launch has finished; the LMS must launch the SCO again")
        self.state = "running"
        return "true"

    def _terminate(self, parameter: str) -> str:
        _no_parameter(parameter)
        self._require_running(TERMINATE_BEFORE_INITIALIZE, TERMINATE_AFTER_TERMINATE)
        self.notes += self.version.finish(self)
        if not self._store():
            raise Failure(TERMINATE_FAILURE, "the preview could not store the data")
        self.state = "terminated"
        return "true"

    def _commit(self, parameter: str) -> str:
        _no_parameter(parameter)
        self._require_running(COMMIT_BEFORE_INITIALIZE, COMMIT_AFTER_TERMINATE)
        if not self._store():
            raise Failure(COMMIT_FAILURE, "the preview could not store the data")
        return "true"

    def _get(self, name: str) -> str:
        self._require_running(GET_BEFORE_INITIALIZE, GET_AFTER_TERMINATE)
        if name == "":
            raise Failure(GET_FAILURE, "no element named")
        pattern, indices = self._parse(name)
        keyword = pattern.rsplit(".", 1)[-1]
        if keyword in KEYWORDS:
            return self._get_keyword(name, pattern, indices, keyword)
        spec = self.version.elements.get(pattern)
        if spec is None:
            special = self.version.special_get(self, name)
            if special is not None:
                return special
            raise Failure(UNDEFINED, self.version.undefined(name))
        if not spec.readable:
            raise Failure(WRITE_ONLY, f"{name} is write-only")
        self._require_records(name, pattern, indices)
        value = self.version.computed(self, pattern)
        if value is None:
            value = self.values.get(name, self.lms.get(name, spec.default))
        if value is None:
            raise Failure(NOT_INITIALIZED, f"{name} has no value yet")
        return value

    def _get_keyword(self, name: str, pattern: str, indices: tuple[int, ...], keyword: str) -> str:
        parent = pattern[: -len(keyword) - 1]
        if keyword == "_version":
            if pattern == "cmi._version":
                return self.version.data_model_version
            raise Failure(GET_FAILURE if self._known(parent) else UNDEFINED, "_version belongs to cmi only")
        table = self.version.children if keyword == "_children" else self.version.collections
        if parent not in table:
            if self._known(parent):
                raise Failure(NO_CHILDREN if keyword == "_children" else NOT_A_COLLECTION,
                              f"{name[: -len(keyword) - 1]} has no {keyword}")
            raise Failure(UNDEFINED, self.version.undefined(name))
        self._require_records(name, pattern, indices)
        if keyword == "_children":
            return self.version.children[parent]
        return str(self.counts.get(name[: -len(keyword) - 1], 0))

    def _set(self, name: str, value: str) -> str:
        self._require_running(SET_BEFORE_INITIALIZE, SET_AFTER_TERMINATE)
        if name == "":
            raise Failure(SET_FAILURE, "no element named")
        pattern, indices = self._parse(name)
        keyword = pattern.rsplit(".", 1)[-1]
        if keyword in KEYWORDS:
            if self._known(pattern[: -len(keyword) - 1]):
                raise Failure(KEYWORD, f"{keyword} is a keyword; the SCO cannot set it")
            raise Failure(UNDEFINED, self.version.undefined(name))
        spec = self.version.elements.get(pattern)
        if spec is None:
            raise Failure(UNDEFINED, self.version.undefined(name))
        if not spec.writable:
            raise Failure(READ_ONLY, f"{name} is read-only")
        new_records = self._new_records(name, pattern, indices)
        self._check_value(spec, name, value)
        if spec.rule:
            problem = self.version.rule(self, spec.rule, name, indices, value)
            if problem:
                raise Failure(*problem)
        for level in new_records:
            self.counts[level.path] = level.index + 1
        self.values[name] = value
        self.notes += self.version.notes_on_set(name, value)
        return "true"

    # ------------------------------------------------------------------ checks

    def _require_running(self, before: str, after: str) -> None:
        if self.state == "not initialized":
            raise Failure(before, "the SCO has not called Initialize")
        if self.state == "terminated":
            raise Failure(after, "the SCO has already finished")

    def _parse(self, name: str) -> tuple[str, tuple[int, ...]]:
        parts, indices = [], []
        for part in name.split("."):
            if part.isascii() and part.isdigit():
                if not _INDEX.fullmatch(part):
                    raise Failure(UNDEFINED, f"{name}: an index has no leading zeros")
                parts.append("n")
                indices.append(int(part))
            else:
                parts.append(part)
        return ".".join(parts), tuple(indices)

    def _known(self, pattern: str) -> bool:
        """An element, a group of elements or a collection of this data model."""
        if pattern in self.version.elements or pattern in self.version.children or pattern in self.version.collections:
            return True
        return any(e.startswith(pattern + ".") for e in self.version.elements)

    def _levels(self, name: str, pattern: str, indices: tuple[int, ...]) -> list[Level]:
        levels, parts, concrete = [], pattern.split("."), name.split(".")
        seen = 0
        for position, part in enumerate(parts):
            if part == "n":
                levels.append(Level(".".join(parts[:position]), ".".join(concrete[:position]), indices[seen]))
                seen += 1
        return levels

    def _require_records(self, name: str, pattern: str, indices: tuple[int, ...]) -> None:
        for level in self._levels(name, pattern, indices):
            if level.index >= self.counts.get(level.path, 0):
                raise Failure(NO_SUCH_RECORD, f"{level.path} has {_records(self.counts.get(level.path, 0))}: "
                                              f"there is no {level.path}.{level.index}")

    def _new_records(self, name: str, pattern: str, indices: tuple[int, ...]) -> list[Level]:
        """The records this set creates; raises when the index skips ahead or a record lacks its key."""
        levels = self._levels(name, pattern, indices)
        new = []
        for level in levels:
            count = self.counts.get(level.path, 0)
            if level.index > count:
                raise Failure(OUT_OF_ORDER, f"{level.path} has {_records(count)}: the next one is "
                                            f"{level.path}.{count}, not {level.index}")
            if level.index == count:
                new.append(level)
        if new and self.version.collections.get(new[-1].pattern) is not None:
            innermost = new[-1]
            if innermost is not levels[-1] or len(new) > 1:
                raise Failure(DEPENDENCY, f"{innermost.path}.{innermost.index} does not exist yet")
            key = self.version.collections[innermost.pattern]
            attribute = pattern[len(innermost.pattern) + 3:]
            if attribute != key:
                raise Failure(DEPENDENCY, f"set {innermost.path}.{innermost.index}.{key} first")
        return new

    def _check_value(self, spec: Element, name: str, value: str) -> None:
        if spec.check is not None and not spec.check(value):
            raise Failure(TYPE_MISMATCH, _type_diagnostic(spec, name, value))
        if (spec.low is not None or spec.high is not None) and value != "":
            amount = number(value)
            if amount is None or (spec.low is not None and amount < spec.low) or (spec.high is not None and amount > spec.high):
                low = "" if spec.low is None else str(spec.low)
                high = "" if spec.high is None else str(spec.high)
                raise Failure(OUT_OF_RANGE, f"{name}: {value} is outside {low}..{high}")

    # ------------------------------------------------------------------ storing

    def record(self) -> dict[str, str]:
        """What the store keeps of this attempt: the SCO's data and the LMS's running total time."""
        kept = dict(self.values)
        total = self.lms.get(self.version.total_time_element)
        if total is not None:
            kept[self.version.total_time_element] = total
        return dict(sorted(kept.items()))

    def _store(self) -> bool:
        record = self.record()
        if not self.save(record):
            return False
        self.committed = record
        return True

    @property
    def uncommitted(self) -> list[str]:
        record = self.record()
        return sorted(k for k in record if self.committed.get(k) != record[k])

    def value(self, name: str) -> str | None:
        """What the LMS holds for an element (for the panel; no access checks)."""
        return self.values.get(name, self.lms.get(name))

    def records(self, collection: str) -> list[dict[str, str]]:
        """The records of a collection as {attribute: value}, for the panel."""
        rows = []
        for index in range(self.counts.get(collection, 0)):
            prefix = f"{collection}.{index}."
            rows.append({k[len(prefix):]: v for k, v in self.values.items() if k.startswith(prefix)})
        return rows

    def interaction_summaries(self, response: str, time: str) -> list[dict]:
        """The interactions for the panel; `response` and `time` name the version's own attributes."""
        return [
            {
                "id": r.get("id", ""),
                "type": r.get("type", ""),
                "response": r.get(response, ""),
                "correct": [v for k, v in sorted(r.items()) if k.startswith("correct_responses.")],
                "result": r.get("result", ""),
                "time": r.get(time, ""),
            }
            for r in self.records("cmi.interactions")
        ]


def _records(count: int) -> str:
    return "1 record" if count == 1 else f"{count} records"


def _no_parameter(parameter: str) -> None:
    if parameter != "":
        raise Failure(ARGUMENT, f"the parameter must be the empty string, not {parameter!r}")


def _as_text(value) -> str:
    """What JavaScript's String(value) gives for what the shell forwards."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _type_diagnostic(spec: Element, name: str, value: str) -> str:
    words = getattr(spec.check, "words", None)
    if words is not None:
        return f"{name}: {value!r} is not one of {', '.join(repr(w) for w in words)}"
    shown = value if len(value) <= 60 else value[:57] + "..."
    return f"{name}: {shown!r} ({len(value)} characters) is not a valid {spec.check.__name__}"


def _counts(version: Version, values: dict[str, str]) -> dict[str, int]:
    """The size of every collection, from the stored element names (records are made in order)."""
    counts: dict[str, int] = {}
    for name in values:
        parts = name.split(".")
        for position, part in enumerate(parts):
            if part.isascii() and part.isdigit() and position:
                path = ".".join(parts[:position])
                counts[path] = max(counts.get(path, 0), int(part) + 1)
    return counts
