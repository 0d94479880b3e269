"""Synthetic Moodle downloads for the report benchmark: SCORM Interactions reports ("CSV", i.e.
tab-separated .txt), one per module of a course, ROWS rows in all.

The cells are written by the report's own Moodle-shaped writer (tests/report/moodle_exports.py,
checked byte for byte against real Moodle downloads); this file only invents a large cohort:
learners with one or two attempts, answers in SCORM 1.2 response form, a fixed random seed.

    python bench/moodle_export.py OUT_DIR --rows 200000 [--source COURSE]
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class WriterMissing(ImportError):
    pass


def _writer():
    sys.path.insert(0, str(ROOT))
    try:
        from tests.report import moodle_exports
    except ImportError:
        raise WriterMissing("tests/report/moodle_exports.py (the report's Moodle-shaped writer)") from None
    finally:
        sys.path.remove(str(ROOT))
    return moodle_exports


def answers(question, rng: random.Random, knows: bool) -> list[tuple[str, str, str]]:
    """(interaction id, response, right answer) of one question, as the player reports them in SCORM 1.2."""
    kind = question.type
    if kind in ("single", "multiple"):
        right = ",".join(o.id for o in question.correct_options)
        given = right if knows else rng.choice([o.id for o in question.options])
        return [(question.id, given, right)]
    if kind == "truefalse":
        right = "t" if question.answer else "f"
        return [(question.id, right if knows else rng.choice("tf"), right)]
    if kind == "matching":
        right = ",".join(f"{p.id}.{p.id}" for p in question.pairs)
        ids = [p.id for p in question.pairs]
        shuffled = ids if knows else rng.sample(ids, len(ids))
        return [(question.id, ",".join(f"{a}.{b}" for a, b in zip(ids, shuffled)), right)]
    if kind == "ordering":
        right = ",".join(i.id for i in question.items)
        ids = [i.id for i in question.items]
        return [(question.id, right if knows else ",".join(rng.sample(ids, len(ids))), right)]
    return _scenario_path(question, rng, knows)


def _scenario_path(question, rng: random.Random, knows: bool) -> list[tuple[str, str, str]]:
    nodes = {node.id: node for node in question.nodes}
    cells, node = [], nodes[question.start]
    while not node.is_ending and len(cells) < len(nodes):
        choice = node.choices[0] if knows else rng.choice(node.choices)
        cells.append((f"{question.id}.{node.id}", choice.id, node.choices[0].id))
        node = nodes[choice.next]
    return cells


def learners_of(module, rows: int, rng: random.Random, writer, first_id: int) -> list:
    start = datetime(2026, 1, 5, 8, 0)
    learners = []
    number = first_id
    while rows > 0:
        attempts = []
        for attempt_number in range(1, min(rows, 1 + (number % 3 == 0)) + 1):
            knows = rng.random() < 0.7 or attempt_number == 2
            cells = [cell for q in module.questions for cell in answers(q, rng, knows)]
            interactions = [writer.Interaction(i, response, right, "correct" if response == right else "wrong")
                            for i, response, right in cells]
            score = round(100 * sum(x.result == "correct" for x in interactions) / max(len(interactions), 1))
            began = start + timedelta(minutes=37 * number + 3 * attempt_number)
            attempts.append(writer.Attempt(attempt_number, began, began + timedelta(minutes=25),
                                           "passed" if score >= 80 else "failed", str(score), "100", interactions))
        learners.append(writer.ScormLearner(f"Leder {number:06d}", f"leder{number:06d}@example.dk", attempts))
        rows -= len(attempts)
        number += 1
    return learners


def write_exports(course, out: Path, rows: int) -> list[Path]:
    """One Interactions download per module with a quiz, `rows` learner rows in all; returns the files."""
    writer = _writer()
    modules = [m for m in course.modules if m.questions]
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261122)
    paths = []
    for index, module in enumerate(modules):
        share = rows // len(modules) + (index < rows % len(modules))
        learners = learners_of(module, share, rng, writer, first_id=1)
        path = out / f"{module.title}.txt"
        count = max(len(list(_cells(module))), 1)
        writer.write_scorm_text(path, writer.scorm_rows("interactions", module.title, learners, "CSV", question_count=count))
        paths.append(path)
    return paths


def _cells(module):
    """The most interaction cells one attempt of the module can have (scenarios count their longest path)."""
    for question in module.questions:
        yield from ([question.id] if question.type != "scenario" else [n.id for n in question.nodes if not n.is_ending])


def main(argv: list[str] | None = None) -> int:
    from course_builder.content import load_course

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--source", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    loaded = load_course(args.source)
    if loaded.course is None:
        print(f"{args.source}: the course does not load", file=sys.stderr)
        return 1
    paths = write_exports(loaded.course, args.out, args.rows)
    print(f"wrote {args.rows} rows in {len(paths)} files into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
