"""SCORM 2004 4th edition: the element table, the error numbers, the response patterns, the status rules."""
from __future__ import annotations

import re

from course_builder.preview import datatypes as t
from course_builder.scorm_limits import scorm_limit
from course_builder.preview.datamodel import (
    ALREADY_INITIALIZED, ARGUMENT, COMMIT_AFTER_TERMINATE, COMMIT_BEFORE_INITIALIZE, COMMIT_FAILURE,
    DEPENDENCY, GENERAL, GET_AFTER_TERMINATE, GET_BEFORE_INITIALIZE, GET_FAILURE,
    INITIALIZE_AFTER_TERMINATE, KEYWORD, NO_CHILDREN, NO_SUCH_RECORD, NOT_A_COLLECTION, NOT_INITIALIZED,
    OUT_OF_ORDER, OUT_OF_RANGE, READ_ONLY, SET_AFTER_TERMINATE, SET_BEFORE_INITIALIZE, SET_FAILURE,
    TERMINATE_AFTER_TERMINATE, TERMINATE_BEFORE_INITIALIZE, TERMINATE_FAILURE, TYPE_MISMATCH, UNDEFINED,
    WRITE_ONLY, Launch, Session, Version, element,
)

COMPLETION = t.vocabulary("completed", "incomplete", "not attempted", "unknown")
SUCCESS = t.vocabulary("passed", "failed", "unknown")
EXIT = t.vocabulary("time-out", "suspend", "logout", "normal", "")
INTERACTION_TYPE = t.vocabulary("true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
                                "sequencing", "likert", "numeric", "other")
CAPTIONING = t.vocabulary("-1", "0", "1")
_NAV_TARGET = r"\{target=[^}\s]*[A-Za-z0-9_-]\}"
_NAV_REQUEST = re.compile(rf"continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_|{_NAV_TARGET}(choice|jump)")
# Requests Moodle 4.5's server-side handler fails on: the SCO's Terminate then fails (see the Moodle reference).
MOODLE_FAILING_REQUESTS = re.compile(rf"exit|exitAll|abandon|(?:{_NAV_TARGET})?choice")


def _result(value: str) -> bool:
    return value in ("correct", "incorrect", "unanticipated", "neutral") or t.real(value)


def _nav_request(value: str) -> bool:
    return bool(_NAV_REQUEST.fullmatch(value))


_result.__name__ = "result (correct, incorrect, unanticipated, neutral or a number)"
_nav_request.__name__ = "navigation request"

ELEMENTS = [
    element("cmi.comments_from_learner.n.comment", "rw", t.localized_string(4000)),
    element("cmi.comments_from_learner.n.location", "rw", t.characterstring(250)),
    element("cmi.comments_from_learner.n.timestamp", "rw", t.time),
    element("cmi.comments_from_lms.n.comment", "r"),
    element("cmi.comments_from_lms.n.location", "r"),
    element("cmi.comments_from_lms.n.timestamp", "r"),
    element("cmi.completion_status", "rw", COMPLETION),
    element("cmi.completion_threshold", "r"),
    element("cmi.credit", "r"),
    element("cmi.entry", "r"),
    element("cmi.exit", "w", EXIT),
    element("cmi.interactions.n.id", "rw", t.long_identifier),
    element("cmi.interactions.n.type", "rw", INTERACTION_TYPE),
    element("cmi.interactions.n.objectives.n.id", "rw", t.long_identifier, rule="interaction_objective_id"),
    element("cmi.interactions.n.timestamp", "rw", t.time),
    element("cmi.interactions.n.correct_responses.n.pattern", "rw", rule="correct_response"),
    element("cmi.interactions.n.weighting", "rw", t.real),
    element("cmi.interactions.n.learner_response", "rw", rule="learner_response"),
    element("cmi.interactions.n.result", "rw", _result),
    element("cmi.interactions.n.latency", "rw", t.timeinterval),
    element("cmi.interactions.n.description", "rw", t.localized_string(250)),
    element("cmi.launch_data", "r"),
    element("cmi.learner_id", "r"),
    element("cmi.learner_name", "r"),
    element("cmi.learner_preference.audio_level", "rw", t.real, 0, None, default="1"),
    element("cmi.learner_preference.language", "rw", t.language, default=""),
    element("cmi.learner_preference.delivery_speed", "rw", t.real, 0, None, default="1"),
    element("cmi.learner_preference.audio_captioning", "rw", CAPTIONING, default="0"),
    element("cmi.location", "rw", t.characterstring(1000)),
    element("cmi.max_time_allowed", "r"),
    element("cmi.mode", "r"),
    element("cmi.objectives.n.id", "rw", t.long_identifier, rule="objective_id"),
    element("cmi.objectives.n.score.scaled", "rw", t.real, -1, 1),
    element("cmi.objectives.n.score.raw", "rw", t.real),
    element("cmi.objectives.n.score.min", "rw", t.real),
    element("cmi.objectives.n.score.max", "rw", t.real),
    element("cmi.objectives.n.success_status", "rw", SUCCESS, default="unknown"),
    element("cmi.objectives.n.completion_status", "rw", COMPLETION, default="unknown"),
    element("cmi.objectives.n.progress_measure", "rw", t.real, 0, 1),
    element("cmi.objectives.n.description", "rw", t.localized_string(250)),
    element("cmi.progress_measure", "rw", t.real, 0, 1),
    element("cmi.scaled_passing_score", "r"),
    element("cmi.score.scaled", "rw", t.real, -1, 1),
    element("cmi.score.raw", "rw", t.real),
    element("cmi.score.min", "rw", t.real),
    element("cmi.score.max", "rw", t.real),
    element("cmi.session_time", "w", t.timeinterval),
    element("cmi.success_status", "rw", SUCCESS),
    element("cmi.suspend_data", "rw", t.characterstring(64000)),
    element("cmi.time_limit_action", "r"),
    element("cmi.total_time", "r"),
    element("adl.nav.request", "rw", _nav_request, default="_none_"),
    # adl.data is left out on purpose: Moodle 4.5 does not support it (401), so neither does the preview.
]

CHILDREN = {
    "cmi.comments_from_learner": "comment,location,timestamp",
    "cmi.comments_from_lms": "comment,location,timestamp",
    "cmi.interactions": "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description",
    "cmi.interactions.n.objectives": "id",
    "cmi.interactions.n.correct_responses": "pattern",
    "cmi.learner_preference": "audio_level,language,delivery_speed,audio_captioning",
    "cmi.objectives": "id,score,success_status,completion_status,progress_measure,description",
    "cmi.objectives.n.score": "scaled,raw,min,max",
    "cmi.score": "scaled,raw,min,max",
}

MESSAGES = {
    0: "No Error",
    101: "General Exception",
    102: "General Initialization Failure",
    103: "Already Initialized",
    104: "Content Instance Terminated",
    111: "General Termination Failure",
    112: "Termination Before Initialization",
    113: "Termination After Termination",
    122: "Retrieve Data Before Initialization",
    123: "Retrieve Data After Termination",
    132: "Store Data Before Initialization",
    133: "Store Data After Termination",
    142: "Commit Before Initialization",
    143: "Commit After Termination",
    201: "General Argument Error",
    301: "General Get Failure",
    351: "General Set Failure",
    391: "General Commit Failure",
    401: "Undefined Data Model Element",
    402: "Unimplemented Data Model Element",
    403: "Data Model Element Value Not Initialized",
    404: "Data Model Element Is Read Only",
    405: "Data Model Element Is Write Only",
    406: "Data Model Element Type Mismatch",
    407: "Data Model Element Value Out Of Range",
    408: "Data Model Dependency Not Established",
}

CODES = {
    GENERAL: 101,
    ALREADY_INITIALIZED: 103,
    INITIALIZE_AFTER_TERMINATE: 104,
    TERMINATE_FAILURE: 111,
    TERMINATE_BEFORE_INITIALIZE: 112,
    TERMINATE_AFTER_TERMINATE: 113,
    GET_BEFORE_INITIALIZE: 122,
    GET_AFTER_TERMINATE: 123,
    SET_BEFORE_INITIALIZE: 132,
    SET_AFTER_TERMINATE: 133,
    COMMIT_BEFORE_INITIALIZE: 142,
    COMMIT_AFTER_TERMINATE: 143,
    ARGUMENT: 201,
    GET_FAILURE: 301,
    NO_CHILDREN: 301,
    NOT_A_COLLECTION: 301,
    NO_SUCH_RECORD: 301,
    SET_FAILURE: 351,
    OUT_OF_ORDER: 351,
    COMMIT_FAILURE: 391,
    UNDEFINED: 401,
    NOT_INITIALIZED: 403,
    KEYWORD: 404,
    READ_ONLY: 404,
    WRITE_ONLY: 405,
    TYPE_MISMATCH: 406,
    OUT_OF_RANGE: 407,
    DEPENDENCY: 408,
}

# ---------------------------------------------------------------- response patterns (RTE 4.2.9)

_BOOLEAN_DELIMITER = re.compile(r"\{(case_matters|order_matters)=(true|false)\}")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _strip_delimiters(value: str, allowed: tuple[str, ...]) -> str | None:
    """Removes leading {case_matters=..}/{order_matters=..}; None when one is misspelt or not allowed here."""
    seen = set()
    while value.startswith("{case_matters") or value.startswith("{order_matters"):
        match = _BOOLEAN_DELIMITER.match(value)
        if not match or match.group(1) not in allowed or match.group(1) in seen:
            return None
        seen.add(match.group(1))
        value = value[match.end():]
    return value


def _unique(items: list[str]) -> bool:
    return len(set(items)) == len(items)


def _pairs(value: str, limit: int, left, right) -> bool:
    items = value.split("[,]")
    if len(items) > limit:
        return False
    for item in items:
        parts = item.split("[.]")
        if len(parts) != 2 or not left(parts[0]) or not right(parts[1]):
            return False
    return True


def _step_answer(answer: str, pattern: bool) -> bool:
    if pattern and "[:]" in answer:
        low, _, high = answer.partition("[:]")
        return all(side == "" or _NUMBER.fullmatch(side) for side in (low, high))
    return len(answer) <= 250 and not any(d in answer for d in ("[,]", "[.]", "[:]"))


def _performance(value: str, pattern: bool) -> bool:
    steps = value.split("[,]")
    if len(steps) > 250:
        return False
    for step in steps:
        parts = step.split("[.]")
        if len(parts) != 2:
            return False
        name, answer = parts
        if name == "" and answer == "":
            return False
        if name and not t.short_identifier(name):
            return False
        if answer and not _step_answer(answer, pattern):
            return False
    return True


def _numeric_range(value: str) -> bool:
    low, separator, high = value.partition("[:]")
    if not separator:
        return t.real(value)
    if (low and not t.real(low)) or (high and not t.real(high)):
        return False
    return not (low and high and t.number(low) > t.number(high))


def _fill_in(value: str, limit: int, count: int) -> bool:
    items = value.split("[,]")
    return len(items) <= count and all(t.localized_string(limit)(item) for item in items)


def correct_response(kind: str, value: str) -> bool:
    """A correct-response pattern of an interaction of this type (RTE 4.2.9.1)."""
    if kind == "true-false":
        return value in ("true", "false")
    if kind == "choice":
        items = value.split("[,]")
        return value == "" or (len(items) <= 36 and _unique(items) and all(map(t.short_identifier, items)))
    if kind == "fill-in":
        rest = _strip_delimiters(value, ("case_matters", "order_matters"))
        return rest is not None and _fill_in(rest, 250, 10)
    if kind == "long-fill-in":
        rest = _strip_delimiters(value, ("case_matters",))
        return rest is not None and t.localized_string(4000)(rest)
    if kind == "likert":
        return t.short_identifier(value)
    if kind == "matching":
        return _pairs(value, 36, t.short_identifier, t.short_identifier)
    if kind == "performance":
        rest = _strip_delimiters(value, ("order_matters",))
        return rest is not None and _performance(rest, pattern=True)
    if kind == "sequencing":
        items = value.split("[,]")
        return len(items) <= 36 and all(map(t.short_identifier, items))
    if kind == "numeric":
        return _numeric_range(value)
    return len(value) <= 4000  # other


def learner_response(kind: str, value: str) -> bool:
    """A learner response of an interaction of this type (RTE 4.2.9.2)."""
    if kind == "true-false":
        return value in ("true", "false")
    if kind == "choice":
        items = value.split("[,]")
        return value == "" or (len(items) <= 36 and _unique(items) and all(map(t.short_identifier, items)))
    if kind == "fill-in":
        return _fill_in(value, 250, 10)
    if kind == "long-fill-in":
        return t.localized_string(4000)(value)
    if kind == "likert":
        return t.short_identifier(value)
    if kind == "matching":
        return _pairs(value, 36, t.short_identifier, t.short_identifier)
    if kind == "performance":
        return _performance(value, pattern=False)
    if kind == "sequencing":
        items = value.split("[,]")
        return len(items) <= 36 and all(map(t.short_identifier, items))
    if kind == "numeric":
        return t.real(value)
    return len(value) <= 4000  # other


# How many correct-response patterns an interaction type may hold (RTE 4.2.9.1).
PATTERN_LIMITS = {"true-false": 1, "likert": 1, "numeric": 1, "other": 1, "long-fill-in": 1}


class Scorm2004(Version):
    name = "2004"
    api_name = "API_1484_11"
    data_model_version = "1.0"
    methods = {
        "Initialize": "initialize",
        "Terminate": "terminate",
        "GetValue": "get",
        "SetValue": "set",
        "Commit": "commit",
        "GetLastError": "last_error",
        "GetErrorString": "error_string",
        "GetDiagnostic": "diagnostic",
    }
    codes = CODES
    messages = MESSAGES
    elements = {e.name: e for e in ELEMENTS}
    children = CHILDREN
    collections = {
        "cmi.comments_from_learner": None,
        "cmi.comments_from_lms": None,
        "cmi.interactions": "id",
        "cmi.interactions.n.objectives": "id",
        "cmi.interactions.n.correct_responses": "pattern",
        "cmi.objectives": "id",
    }
    session_only = ("cmi.exit", "cmi.session_time", "adl.nav.request")
    status_element = "cmi.completion_status"
    exit_element = "cmi.exit"
    total_time_element = "cmi.total_time"
    session_time_element = "cmi.session_time"
    suspend_data_limit = scorm_limit("2004", "cmi.suspend_data")

    def lms_values(self, launch: Launch, stored: dict[str, str]) -> dict[str, str]:
        values = {
            "cmi.learner_id": launch.learner_id,
            "cmi.learner_name": launch.learner_name,
            "cmi.credit": launch.credit,
            "cmi.entry": self.entry(stored),
            "cmi.mode": launch.mode,
            "cmi.total_time": stored.get("cmi.total_time", "PT0H0M0S"),
            "cmi.completion_status": "unknown",
            "cmi.success_status": "unknown",
            "cmi.launch_data": launch.launch_data,
            "cmi.time_limit_action": launch.time_limit_action or "continue,no message",
        }
        optional = {
            "cmi.scaled_passing_score": launch.scaled_passing_score,
            "cmi.completion_threshold": launch.completion_threshold,
            "cmi.max_time_allowed": launch.max_time_allowed,
        }
        values.update({k: v for k, v in optional.items() if v != ""})
        return values

    def rule(self, session: Session, rule: str, name: str, indices: tuple[int, ...], value: str):
        if rule == "objective_id":
            return _objective_id(session, name, indices, value)
        if rule == "interaction_objective_id":
            siblings = f"cmi.interactions.{indices[0]}.objectives"
            if any(session.values.get(f"{siblings}.{i}.id") == value for i in range(session.counts.get(siblings, 0)) if i != indices[1]):
                return SET_FAILURE, f"{siblings} already holds the objective {value!r}"
            return None
        kind = session.values.get(f"cmi.interactions.{indices[0]}.type")
        if kind is None:
            return DEPENDENCY, f"set cmi.interactions.{indices[0]}.type before {name.rsplit('.', 1)[-1]}"
        if rule == "learner_response":
            if not learner_response(kind, value):
                return TYPE_MISMATCH, f"{name}: {value!r} is not a learner response of a {kind} interaction"
            return None
        patterns = f"cmi.interactions.{indices[0]}.correct_responses"
        if indices[1] >= PATTERN_LIMITS.get(kind, 10**9):
            return SET_FAILURE, f"a {kind} interaction has at most {PATTERN_LIMITS[kind]} correct response"
        if not correct_response(kind, value):
            return TYPE_MISMATCH, f"{name}: {value!r} is not a correct-response pattern of a {kind} interaction"
        others = [session.values.get(f"{patterns}.{i}.pattern") for i in range(session.counts.get(patterns, 0)) if i != indices[1]]
        if kind == "choice" and value in others:
            return SET_FAILURE, f"{patterns} already holds the pattern {value!r}"
        return None

    def computed(self, session: Session, pattern: str) -> str | None:
        if pattern == "cmi.completion_status":
            return _completion(session)
        if pattern == "cmi.success_status":
            return _success(session)
        return None

    def special_get(self, session: Session, name: str) -> str | None:
        """adl.nav.request_valid.*: the preview has no sequencing engine, so it cannot tell."""
        if name in ("adl.nav.request_valid.continue", "adl.nav.request_valid.previous"):
            return "unknown"
        if re.fullmatch(rf"adl\.nav\.request_valid\.(choice|jump)\.{_NAV_TARGET}", name):
            return "unknown"
        return None

    def undefined(self, name: str) -> str:
        if name.startswith("adl.data."):
            return f"{name}: Moodle 4.5 does not support adl.data"
        return super().undefined(name)

    def notes_on_set(self, name: str, value: str) -> list[str]:
        if name == "adl.nav.request" and MOODLE_FAILING_REQUESTS.fullmatch(value):
            return [f"adl.nav.request = '{value}': Moodle 4.5 fails on this request and the Terminate that follows fails"]
        return []

    def finish(self, session: Session) -> list[str]:
        """Terminate: the LMS's evaluation of completion and success is stored, and session time added to total time."""
        notes = []
        for pattern, evaluate in (("cmi.completion_status", _completion), ("cmi.success_status", _success)):
            evaluated = evaluate(session)
            if pattern in session.values and evaluated != session.values[pattern]:
                notes.append(f"the LMS evaluates {pattern} as '{evaluated}' (set: '{session.value(pattern)}')")
            if evaluated != "unknown" or pattern in session.values:
                session.values[pattern] = evaluated
        session_time = session.values.get("cmi.session_time")
        if session_time is None:
            notes.append("the SCO never set cmi.session_time: Moodle records the total time as 'P'")
        else:
            total = t.timeinterval_seconds(session.lms["cmi.total_time"]) + t.timeinterval_seconds(session_time)
            session.lms["cmi.total_time"] = t.format_timeinterval(total)
        session.values.setdefault("cmi.exit", "")
        return notes

    def summary(self, session: Session) -> dict:
        interactions = session.interaction_summaries(response="learner_response", time="timestamp")
        suspend = session.value("cmi.suspend_data") or ""
        score = session.value("cmi.score.scaled")
        return {
            "status": _completion(session),
            "success": _success(session),
            "score": "" if score is None else score,
            "location": session.value("cmi.location") or "",
            "entry": session.value("cmi.entry") or "",
            "exit": session.value("cmi.exit") or "",
            "total_time": session.value("cmi.total_time") or "",
            "session_time": session.value("cmi.session_time") or "",
            "suspend_data_size": len(suspend),
            "suspend_data_limit": self.suspend_data_limit,
            "interactions": interactions,
        }


def _objective_id(session: Session, name: str, indices: tuple[int, ...], value: str):
    current = session.values.get(name)
    if current is not None and current != value:
        return SET_FAILURE, f"{name} is {current!r}; an objective's id cannot change"
    others = (session.values.get(f"cmi.objectives.{i}.id") for i in range(session.counts.get("cmi.objectives", 0)) if i != indices[0])
    if value in others:
        return SET_FAILURE, f"cmi.objectives already holds the objective {value!r}"
    return None


def _completion(session: Session) -> str:
    """RTE 4.2.4.1: with a completion threshold, progress_measure decides; without, what the SCO set."""
    threshold = session.lms.get("cmi.completion_threshold")
    if threshold is not None:
        progress = session.values.get("cmi.progress_measure")
        if progress is None:
            return "unknown"
        return "completed" if t.number(progress) >= t.number(threshold) else "incomplete"
    return session.values.get("cmi.completion_status", "unknown")


def _success(session: Session) -> str:
    """RTE 4.2.22.1: with a scaled passing score, score.scaled decides; without, what the SCO set."""
    passing = session.lms.get("cmi.scaled_passing_score")
    if passing is not None:
        scaled = session.values.get("cmi.score.scaled")
        if scaled is None:
            return "unknown"
        return "passed" if t.number(scaled) >= t.number(passing) else "failed"
    return session.values.get("cmi.success_status", "unknown")


SCORM2004 = Scorm2004()
