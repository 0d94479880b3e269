"""Writes a synthetic SCORM Interactions report, as Moodle's tab-separated "CSV" download, for benchmarks.

    python bench/make_report_export.py OUT.txt [--rows 200000] [--learners 2000] [--source COURSE] [--module ID]

The file has the exact shape of Moodle 4.5's download (tests/report/moodle_exports.py, checked against
the real downloads) and is written row by row, so writing it costs no memory either. Rows are spread over
the learners as attempts (rows / learners attempts each), so that rows and learners can be varied apart:
`course-builder report` should need memory for learners x questions, not for rows.
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from course_builder.content import load_course  # noqa: E402
from course_builder.content.model import Course, Module, Question  # noqa: E402
from tests.report.moodle_exports import fputcsv_line, moodle_date  # noqa: E402

DEFAULT_COURSE = REPO / "tests" / "fixtures" / "report-course"
COLUMNS = ("Question", "Response", "Right answer", "Result")


def interactions(module: Module) -> list[tuple[str, Question, list[str]]]:
    """(interaction id, question, the option ids a learner picks from) of every interaction."""
    found = []
    for question in module.questions:
        if question.type == "scenario":
            for node in question.decision_points():
                found.append((f"{question.id}.{node.id}", question, [c.id for c in node.choices]))
        elif question.type in ("single", "multiple"):
            found.append((question.id, question, [o.id for o in question.options]))
        elif question.type == "truefalse":
            found.append((question.id, question, ["t", "f"]))
        elif question.type == "matching":
            found.append((question.id, question, [p.id for p in question.pairs]))
        else:
            found.append((question.id, question, [i.id for i in question.items]))
    return found


def response(question: Question, choices: list[str], rng: random.Random) -> str:
    if question.type == "multiple":
        return ",".join(sorted(rng.sample(choices, rng.randint(1, len(choices)))))
    if question.type == "matching":
        return ",".join(f"{a}.{b}" for a, b in zip(choices, rng.sample(choices, len(choices))))
    if question.type == "ordering":
        return ",".join(rng.sample(choices, len(choices)))
    return rng.choice(choices)


def write_interactions_export(path: Path, course: Course, module_id: str, rows: int, learners: int,
                              seed: int = 1) -> Path:
    module = course.module(module_id)
    if module is None:
        raise SystemExit(f"no module {module_id!r} in the course")
    items = interactions(module)
    rng = random.Random(seed)
    attempts = max(1, -(-rows // learners))
    start = datetime(2026, 1, 5, 8, 0)
    header = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", module.title]
    for index in range(len(items)):
        header += [f"{word} {index}" for word in COLUMNS]
    written = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(fputcsv_line(header, "\t"))
        for learner in range(learners):
            name, email = f"Leder {learner:06d}", f"leder{learner:06d}@example.dk"
            for attempt in range(1, attempts + 1):
                if written == rows:
                    return path
                began = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 300))
                score = rng.randrange(0, 101)
                row = [name, email, attempt, moodle_date(began, True),
                       moodle_date(began + timedelta(minutes=25), True), score, str(score)]
                for interaction_id, question, choices in items:
                    row += [interaction_id, response(question, choices, rng), "", ""]
                file.write(fputcsv_line(row, "\t"))
                written += 1
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--learners", type=int, default=2_000)
    parser.add_argument("--source", type=Path, default=DEFAULT_COURSE)
    parser.add_argument("--module", default=None, help="module id; default: the course's first module with a quiz")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    course = load_course(args.source).course
    if course is None:
        raise SystemExit(f"{args.source}: the course does not load")
    module_id = args.module or next(m.id for m in course.modules if m.questions)
    write_interactions_export(args.out, course, module_id, args.rows, args.learners, args.seed)
    print(f"wrote {args.rows} rows for {args.learners} learners of {module_id} into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
