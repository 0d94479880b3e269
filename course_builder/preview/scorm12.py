"""SCORM 1.2 (CMI data model 3.4): the element table, the error numbers, and what Moodle does on finish."""
from __future__ import annotations

from course_builder.preview import datatypes as t
from course_builder.scorm_limits import scorm_limit
from course_builder.preview.datamodel import (
    ALREADY_INITIALIZED, ARGUMENT, COMMIT_AFTER_TERMINATE, COMMIT_BEFORE_INITIALIZE, GENERAL,
    GET_AFTER_TERMINATE, GET_BEFORE_INITIALIZE, GET_FAILURE, INITIALIZE_AFTER_TERMINATE, KEYWORD, NO_CHILDREN,
    NO_SUCH_RECORD, NOT_A_COLLECTION, OUT_OF_ORDER, OUT_OF_RANGE, READ_ONLY, SET_AFTER_TERMINATE,
    SET_BEFORE_INITIALIZE, SET_FAILURE, TERMINATE_AFTER_TERMINATE, TERMINATE_BEFORE_INITIALIZE, TYPE_MISMATCH,
    UNDEFINED, WRITE_ONLY, Launch, Session, Version, element,
)

STATUS = t.vocabulary("passed", "completed", "failed", "incomplete", "browsed")
OBJECTIVE_STATUS = t.vocabulary("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
EXIT = t.vocabulary("time-out", "suspend", "logout", "")
INTERACTION_TYPE = t.vocabulary("true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric")


def _result(value: str) -> bool:
    return value in ("correct", "wrong", "unanticipated", "neutral") or t.cmi_decimal(value)


_result.__name__ = "CMIResult (correct, wrong, unanticipated, neutral or a number)"

ELEMENTS = [
    element("cmi.core.student_id", "r"),
    element("cmi.core.student_name", "r"),
    element("cmi.core.lesson_location", "rw", t.cmi_string255, default=""),
    element("cmi.core.credit", "r"),
    element("cmi.core.lesson_status", "rw", STATUS),
    element("cmi.core.entry", "r"),
    element("cmi.core.score.raw", "rw", t.cmi_decimal_or_blank, 0, 100, default=""),
    element("cmi.core.score.min", "rw", t.cmi_decimal_or_blank, 0, 100, default=""),
    element("cmi.core.score.max", "rw", t.cmi_decimal_or_blank, 0, 100, default=""),
    element("cmi.core.total_time", "r"),
    element("cmi.core.lesson_mode", "r"),
    element("cmi.core.exit", "w", EXIT),
    element("cmi.core.session_time", "w", t.cmi_timespan),
    element("cmi.suspend_data", "rw", t.cmi_string4096, default=""),
    element("cmi.launch_data", "r"),
    element("cmi.comments", "rw", t.cmi_string4096, default=""),
    element("cmi.comments_from_lms", "r", default=""),
    element("cmi.objectives.n.id", "rw", t.cmi_identifier),
    element("cmi.objectives.n.score.raw", "rw", t.cmi_decimal_or_blank, 0, 100, default=""),
    element("cmi.objectives.n.score.min", "rw", t.cmi_decimal_or_blank, 0, 100, default=""),
    element("cmi.objectives.n.score.max", "rw", t.cmi_decimal_or_blank, 0, 100, default=""),
    element("cmi.objectives.n.status", "rw", OBJECTIVE_STATUS, default="not attempted"),
    element("cmi.student_data.mastery_score", "r"),
    element("cmi.student_data.max_time_allowed", "r"),
    element("cmi.student_data.time_limit_action", "r"),
    element("cmi.student_preference.audio", "rw", t.cmi_sinteger, -1, 100, default="0"),
    element("cmi.student_preference.language", "rw", t.cmi_string255, default=""),
    element("cmi.student_preference.speed", "rw", t.cmi_sinteger, -100, 100, default="0"),
    element("cmi.student_preference.text", "rw", t.cmi_sinteger, -1, 1, default="0"),
    # Interactions are write-only in SCORM 1.2: the SCO reports, it never reads back (Moodle answers 404).
    element("cmi.interactions.n.id", "w", t.cmi_identifier),
    element("cmi.interactions.n.objectives.n.id", "w", t.cmi_identifier),
    element("cmi.interactions.n.time", "w", t.cmi_time),
    element("cmi.interactions.n.type", "w", INTERACTION_TYPE),
    element("cmi.interactions.n.correct_responses.n.pattern", "w", t.cmi_string255),
    element("cmi.interactions.n.weighting", "w", t.cmi_decimal, -100, 100),
    element("cmi.interactions.n.student_response", "w", t.cmi_string255),
    element("cmi.interactions.n.result", "w", _result),
    element("cmi.interactions.n.latency", "w", t.cmi_timespan),
]

CHILDREN = {
    "cmi": "core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions",
    "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,"
                "lesson_mode,exit,session_time",
    "cmi.core.score": "raw,min,max",
    "cmi.objectives": "id,score,status",
    "cmi.objectives.n.score": "raw,min,max",
    "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference": "audio,language,speed,text",
    "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
}

MESSAGES = {
    0: "No error",
    101: "General exception",
    201: "Invalid argument error",
    202: "Element cannot have children",
    203: "Element not an array - cannot have count",
    301: "Not initialized",
    401: "Not implemented error",
    402: "Invalid set value, element is a keyword",
    403: "Element is read only",
    404: "Element is write only",
    405: "Incorrect data type",
}

CODES = {
    GENERAL: 101,
    ALREADY_INITIALIZED: 101,
    INITIALIZE_AFTER_TERMINATE: 101,
    TERMINATE_BEFORE_INITIALIZE: 301,
    TERMINATE_AFTER_TERMINATE: 101,
    GET_BEFORE_INITIALIZE: 301,
    GET_AFTER_TERMINATE: 101,
    SET_BEFORE_INITIALIZE: 301,
    SET_AFTER_TERMINATE: 101,
    COMMIT_BEFORE_INITIALIZE: 301,
    COMMIT_AFTER_TERMINATE: 101,
    ARGUMENT: 201,
    GET_FAILURE: 201,  # SCORM 1.2 has no general get or set failure: the argument is at fault
    SET_FAILURE: 201,
    UNDEFINED: 201,  # "an invalid data model element" (401 is for valid elements an LMS did not implement)
    NO_SUCH_RECORD: 201,
    OUT_OF_ORDER: 201,
    NO_CHILDREN: 202,
    NOT_A_COLLECTION: 203,
    KEYWORD: 402,
    READ_ONLY: 403,
    WRITE_ONLY: 404,
    TYPE_MISMATCH: 405,
    OUT_OF_RANGE: 405,  # SCORM 1.2 has no range error: a value out of range has the wrong type
}


class Scorm12(Version):
    name = "1.2"
    api_name = "API"
    data_model_version = "3.4"
    methods = {
        "LMSInitialize": "initialize",
        "LMSFinish": "terminate",
        "LMSGetValue": "get",
        "LMSSetValue": "set",
        "LMSCommit": "commit",
        "LMSGetLastError": "last_error",
        "LMSGetErrorString": "error_string",
        "LMSGetDiagnostic": "diagnostic",
    }
    codes = CODES
    messages = MESSAGES
    elements = {e.name: e for e in ELEMENTS}
    children = CHILDREN
    collections = {
        "cmi.objectives": None,
        "cmi.interactions": None,
        "cmi.interactions.n.objectives": None,
        "cmi.interactions.n.correct_responses": None,
    }
    session_only = ("cmi.core.exit", "cmi.core.session_time")
    status_element = "cmi.core.lesson_status"
    exit_element = "cmi.core.exit"
    total_time_element = "cmi.core.total_time"
    session_time_element = "cmi.core.session_time"
    suspend_data_limit = scorm_limit("1.2", "cmi.suspend_data")

    def lms_values(self, launch: Launch, stored: dict[str, str]) -> dict[str, str]:
        return {
            "cmi.core.student_id": launch.learner_id,
            "cmi.core.student_name": launch.learner_name,
            "cmi.core.credit": launch.credit,
            "cmi.core.lesson_status": "not attempted",
            "cmi.core.entry": self.entry(stored),
            "cmi.core.total_time": stored.get("cmi.core.total_time", "0000:00:00.00"),
            "cmi.core.lesson_mode": launch.mode,
            "cmi.launch_data": launch.launch_data,
            "cmi.student_data.mastery_score": launch.mastery_score,
            "cmi.student_data.max_time_allowed": launch.max_time_allowed,
            "cmi.student_data.time_limit_action": launch.time_limit_action,
        }

    def finish(self, session: Session) -> list[str]:
        """Moodle 4.5's LMSFinish: a status for a SCO that set none, the mastery score rule, the total time."""
        notes = []
        status = session.value("cmi.core.lesson_status")
        if status == "not attempted":
            status = "browsed" if session.launch.mode == "browse" else "completed"
            notes.append(f"the SCO set no lesson_status: Moodle records '{status}'")
        mastery, raw = session.launch.mastery_score, session.values.get("cmi.core.score.raw", "")
        if session.launch.mode == "normal" and mastery != "" and raw != "":
            judged = "passed" if t.number(raw) >= t.number(mastery) else "failed"
            if judged != status:
                notes.append(f"Moodle rewrites lesson_status '{status}' to '{judged}': "
                             f"score {raw} against mastery score {mastery}")
            status = judged
        session.values["cmi.core.lesson_status"] = status
        session_time = session.values.get("cmi.core.session_time")
        if session_time is not None:
            total = t.cmi_timespan_seconds(session.lms["cmi.core.total_time"]) + t.cmi_timespan_seconds(session_time)
            session.lms["cmi.core.total_time"] = t.format_cmi_timespan(total)
        session.values.setdefault("cmi.core.exit", "")
        return notes

    def summary(self, session: Session) -> dict:
        interactions = session.interaction_summaries(response="student_response", time="time")
        suspend = session.value("cmi.suspend_data") or ""
        return {
            "status": session.value("cmi.core.lesson_status") or "",
            "success": "",
            "score": session.value("cmi.core.score.raw") or "",
            "location": session.value("cmi.core.lesson_location") or "",
            "entry": session.value("cmi.core.entry") or "",
            "exit": session.value("cmi.core.exit") or "",
            "total_time": session.value("cmi.core.total_time") or "",
            "session_time": session.value("cmi.core.session_time") or "",
            "suspend_data_size": len(suspend),
            "suspend_data_limit": self.suspend_data_limit,
            "interactions": interactions,
        }


SCORM12 = Scorm12()
