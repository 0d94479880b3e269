"""Moodle 4.5's grade and activity completion of a SCORM activity, from the tracks it stores: a test model.

Ported from Moodle 4.5.6:
- the grade of an attempt: `scorm_grade_user_attempt` (mod/scorm/locallib.php). "Learning objects" counts the
  SCOs whose status (`cmi.core.lesson_status`, or in SCORM 2004 `cmi.completion_status`, as
  `scorm_format_interactions` reads them) is `completed` or `passed`; "Highest grade" takes the highest
  `score.raw` of the SCOs. "Highest attempt" (`scorm_grade_user`) takes the best attempt;
- the grade's maximum: `scorm_grade_item_update` (mod/scorm/lib.php): with "Learning objects" the number of
  SCOs that launch something, otherwise the activity's maximum grade;
- completion: `mod/scorm/classes/completion/custom_completion.php`. "Require status" is met by one track of
  `lesson_status`, `completion_status` or `success_status` holding a required status (bitmask 2 passed,
  4 completed, 6 either); "All SCOs must return completion status" (`completionstatusallscos`) needs such a
  track, `passed` or `completed`, for every SCO, in any attempt. Every rule switched on must be met.
The recorded rows it is checked against are in tests/fixtures/moodle-reference/scorm-whole-course.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

GRADESCOES, GRADEHIGHEST, GRADEAVERAGE, GRADESUM = 0, 1, 2, 3  # scorm.grademethod
HIGHESTATTEMPT = 0  # scorm.whatgrade
STATUS_BITS = {"passed": 2, "completed": 4}  # scorm_status_options()
STATUS_ELEMENTS = ("cmi.core.lesson_status", "cmi.completion_status", "cmi.success_status")
OWN_STATUS = ("cmi.core.lesson_status", "cmi.completion_status")  # what scorm_format_interactions calls status
SCORES = ("cmi.core.score.raw", "cmi.score.raw")


@dataclass(frozen=True)
class Settings:
    grademethod: int
    maxgrade: float
    completionstatusrequired: int  # 0: the rule is off
    completionstatusallscos: bool
    whatgrade: int = HIGHESTATTEMPT


@dataclass(frozen=True)
class Track:
    attempt: int
    sco: str
    element: str
    value: str


def attempt_grade(settings: Settings, scos: list[str], tracks: list[Track], attempt: int) -> float:
    done, scores = 0, []
    for sco in scos:
        own = [t for t in tracks if t.attempt == attempt and t.sco == sco]
        status = next((t.value for t in reversed(own) if t.element in OWN_STATUS), "")
        done += status in STATUS_BITS
        scores += [float(t.value) for t in own if t.element in SCORES and t.value not in ("", "0")]
    if settings.grademethod == GRADESCOES:
        return float(done)
    if settings.grademethod == GRADEAVERAGE:
        return sum(scores) / len(scores) if scores else 0.0
    if settings.grademethod == GRADESUM:
        return sum(scores)
    return max(scores, default=0.0)


def user_grade(settings: Settings, scos: list[str], tracks: list[Track]) -> float | None:
    """The activity's grade (Highest attempt); None before the learner has any track."""
    attempts = sorted({t.attempt for t in tracks})
    if not attempts:
        return None
    assert settings.whatgrade == HIGHESTATTEMPT, "only 'Highest attempt' is modelled"
    return max(attempt_grade(settings, scos, tracks, attempt) for attempt in attempts)


def grade_max(settings: Settings, scos: list[str]) -> float:
    return float(len(scos)) if settings.grademethod == GRADESCOES else settings.maxgrade


def is_complete(settings: Settings, scos: list[str], tracks: list[Track]) -> bool:
    statuses = [t for t in tracks if t.element in STATUS_ELEMENTS and t.value in STATUS_BITS]
    rules = []
    if settings.completionstatusrequired:
        required = settings.completionstatusrequired
        any_status = required == sum(STATUS_BITS.values())
        rules.append(any(any_status or STATUS_BITS[t.value] == required for t in statuses))
    if settings.completionstatusallscos:
        rules.append({t.sco for t in statuses} >= set(scos))
    return bool(rules) and all(rules)


# ---- the rows a real Moodle stored (psql --csv), see tests/fixtures/moodle-reference/scorm-whole-course/README.md

@dataclass
class RecordedActivity:
    cmid: str
    version: str
    settings: Settings
    grademax: float
    gradepass: float
    scos: list[str]
    tracks: dict[str, list[Track]]  # username → tracks
    grades: dict[str, float]  # username → grade_grades.rawgrade
    complete: set[str]  # usernames with course_modules_completion.completionstate 1


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def recorded_activities(folder: Path) -> dict[str, RecordedActivity]:
    """cmid → the activity as Moodle stored it in one snapshot folder."""
    found = {}
    for row in read_csv(folder / "activities.csv"):
        settings = Settings(int(row["grademethod"]), float(row["maxgrade"]), int(row["completionstatusrequired"]),
                            row["completionstatusallscos"] == "1", int(row["whatgrade"]))
        found[row["cmid"]] = RecordedActivity(row["cmid"], row["version"], settings, float(row["grademax"]),
                                              float(row["gradepass"]), [], {}, {}, set())
    for row in read_csv(folder / "scoes.csv"):
        if row["scormtype"] == "sco":
            found[row["cmid"]].scos.append(row["identifier"])
    for row in read_csv(folder / "tracks.csv"):
        track = Track(int(row["attempt"]), row["identifier"], row["element"], row["value"])
        found[row["cmid"]].tracks.setdefault(row["username"], []).append(track)
    for row in read_csv(folder / "grades.csv"):
        found[row["cmid"]].grades[row["username"]] = float(row["rawgrade"])
    for row in read_csv(folder / "completion.csv"):
        if row["completionstate"] == "1":
            found[row["cmid"]].complete.add(row["username"])
    return found
