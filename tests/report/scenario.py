"""A small cohort on the fixture course tests/fixtures/report-course, as Moodle's downloads.

Six learners, two modules (mastery score 80). The figures the tests assert were worked out by
hand from this table; the comments say how.

Fundamentet (SCORM 1.2, Interactions report):
  Anna   attempt 1 score 100; all first answers right
  Bo     attempt 1 score 60 (wrong answers), attempt 2 score 90 (right answers): best 90, passed;
         his first answers are those of attempt 1
  Cai    attempt 1, Moodle "Score" 0, SCO "Incomplete": no score (the score-0 trap)
  Dorte  no attempt
  Eva    attempt 1 score 80 (exactly the mastery score: passed), answers in SCORM 2004 form, and a
         reflection (never analysed); Moodle's activity completion says "Not completed"
  Frank  attempt 1 score 40: failed
Roller og krydspres (SCORM 1.2, Interactions report):
  Anna   score 100, scenario a then a, single b (right)
  Bo     score 50, scenario a then b (wrong second decision), single a (wrong)
  Eva    score 0 (a real zero, sent by the content), scenario b (wrong), single a (wrong)
  Cai, Dorte, Frank: no attempt
Completion downloads: activity completion (Anna both modules, Bo Fundamentet), course completion
(Anna only), plus a forum "Velkommen" that is no module.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.report.moodle_exports import (
    Attempt, CompletionLearner, Interaction, ScormLearner, activity_completion_rows, course_completion_rows,
    write_activity_completion, write_course_completion, write_scorm_report,
)
from tests.support import FIXTURES

COURSE = FIXTURES / "report-course"
FUNDAMENTET = "Fundamentet"
ROLLER = "Roller og krydspres"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute)


def _answers(single, multiple, truefalse, matching, ordering, result=True) -> list[Interaction]:
    right = {"fund-single": "a", "fund-multiple": "a,b", "fund-sandt": "t", "fund-match": "a.a,b.b,c.c",
             "fund-orden": "a,b,c"}
    given = {"fund-single": single, "fund-multiple": multiple, "fund-sandt": truefalse, "fund-match": matching,
             "fund-orden": ordering}
    return [Interaction(qid, response, right[qid], "") for qid, response in given.items()]


def fundamentet_learners() -> list[ScormLearner]:
    anna = _answers("a", "a,b", "t", "a.a,b.b,c.c", "a,b,c")
    bo_first = _answers("b", "a,c", "f", "a.b,b.a,c.c", "b,a,c")
    bo_second = _answers("a", "a,b", "t", "a.a,b.b,c.c", "a,b,c")
    eva = _answers("c", "b[,]a", "true", "a[.]b[,]b[.]a[,]c[.]c", "a[,]b[,]c")
    eva.insert(2, Interaction("fundamentet.min-vaerdi", "Respekt, fordi jeg vil lytte mere", "", "neutral"))
    frank = _answers("b", "c", "f", "a.a,b.b,c.c", "b,a,c")
    return [
        ScormLearner("Anna Andersen", "anna@example.dk",
                     [Attempt(1, at(3, 2, 9, 15), at(3, 2, 9, 55), "passed", "100", "100", anna)]),
        ScormLearner("Bo Berg", "bo@example.dk",
                     [Attempt(1, at(3, 10, 13), at(3, 10, 13, 40), "failed", "60", "100", bo_first),
                      Attempt(2, at(4, 5, 8, 5), at(4, 5, 8, 30), "passed", "90", "100", bo_second)]),
        ScormLearner("Cai Clausen", "cai@example.dk", [Attempt(1, at(4, 20, 14), at(4, 20, 14, 10), "incomplete")]),
        ScormLearner("Dorte Dam", "dorte@example.dk", []),
        ScormLearner("Eva Eriksen", "eva@example.dk",
                     [Attempt(1, at(4, 22, 9), at(4, 22, 9, 45), "passed", "80", "100", eva)]),
        ScormLearner("Frank Friis", "frank@example.dk",
                     [Attempt(1, at(4, 25, 10), at(4, 25, 10, 30), "failed", "40", "100", frank)]),
    ]


def roller_learners() -> list[ScormLearner]:
    def answers(start, aftale, single):
        cells = [Interaction("rol-scenarie.start", start, "a", "")]
        if aftale:
            cells.append(Interaction("rol-scenarie.aftale", aftale, "a", ""))
        return cells + [Interaction("rol-single", single, "b", "")]

    return [
        ScormLearner("Anna Andersen", "anna@example.dk",
                     [Attempt(1, at(4, 10, 10), at(4, 10, 10, 50), "passed", "100", "100", answers("a", "a", "b"))]),
        ScormLearner("Bo Berg", "bo@example.dk",
                     [Attempt(1, at(4, 15, 12), at(4, 15, 12, 40), "failed", "50", "100", answers("a", "b", "a"))]),
        ScormLearner("Cai Clausen", "cai@example.dk", []),
        ScormLearner("Dorte Dam", "dorte@example.dk", []),
        ScormLearner("Eva Eriksen", "eva@example.dk",
                     [Attempt(1, at(4, 28, 15), at(4, 28, 15, 30), "failed", "0", "100", answers("b", None, "a"))]),
        ScormLearner("Frank Friis", "frank@example.dk", []),
    ]


ACTIVITIES = ["Velkommen", FUNDAMENTET, ROLLER]


def completion_learners() -> list[CompletionLearner]:
    return [
        CompletionLearner("Anna Andersen", "anna@example.dk",
                          {"Velkommen": ("y", at(3, 1, 8)), FUNDAMENTET: ("y", datetime(2026, 3, 2, 9, 55, 3)),
                           ROLLER: ("y", datetime(2026, 4, 10, 10, 50, 7))},
                          course_completed=datetime(2026, 4, 10, 11, 0, 0), user_id=11),
        CompletionLearner("Bo Berg", "bo@example.dk", {FUNDAMENTET: ("y", datetime(2026, 4, 5, 8, 30, 2))},
                          user_id=12),
        CompletionLearner("Cai Clausen", "cai@example.dk", {}, user_id=13),
        CompletionLearner("Dorte Dam", "dorte@example.dk", {}, user_id=14),
        CompletionLearner("Eva Eriksen", "eva@example.dk", {}, user_id=15),
        CompletionLearner("Frank Friis", "frank@example.dk", {}, user_id=16),
    ]


def write_downloads(folder: Path, fundamentet_form: str = ".txt", roller_form: str = ".xlsx") -> list[Path]:
    """The downloads HR would take for this cohort, one of each; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [
        write_scorm_report(folder / f"RAPPORT Fundamentet{fundamentet_form}", "interactions", FUNDAMENTET,
                           fundamentet_learners()),
        write_scorm_report(folder / f"RAPPORT Roller og krydspres{roller_form}", "interactions", ROLLER,
                           roller_learners()),
    ]
    activity = folder / "completion-rapport.csv"
    write_activity_completion(activity, activity_completion_rows(ACTIVITIES, completion_learners()), excel=False)
    course = folder / "completion-rapport-kursus.csv"
    write_course_completion(course, course_completion_rows(ACTIVITIES[1:], completion_learners()), excel=True)
    return paths + [activity, course]
