"""A synthetic course for the scale benchmark: N modules of 5 pages and 10 questions each.

Each module is about the size of a real one (a lesson of ~10 KB, a quiz of ~12 KB, every
question type, glossary links, quotations, a reflection), so cost per module is realistic.
The output is deterministic: the same N gives the same files.

    python bench/make_course.py OUT_DIR --modules 1000
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

PAGES_PER_MODULE = 5
QUESTIONS_PER_MODULE = 10
REFERENCES = [f"afsnit-{n}" for n in range(1, 21)]
TERMS = ["kerneopgave", "krydspres", "sparring", "tillid", "samskabelse"]
ROLES = ["leder-for-chefer", "leder-for-ledere", "leder-for-medarbejdere"]

SENTENCES = [
    "Som leder skaber du rammerne for, at dine medarbejdere kan løse kerneopgaven sammen med borgerne.",
    "Grundlaget beskriver, hvordan vi samarbejder på tværs af enheder, fag og ledelseslag.",
    "Det kræver, at du taler åbent om prioriteringer og tager de svære samtaler i tide.",
    "Når opgaverne ændrer sig, aftaler du nye roller med dine kolleger og din egen leder.",
    "Tillid vokser, når du holder, hvad du lover, og fortæller, hvorfor beslutningerne bliver truffet.",
    "Du følger op på aftalerne og giver dine medarbejdere feedback, der kan bruges i hverdagen.",
]


def module_id(number: int) -> str:
    return f"modul-{number:04d}"


def paragraph(seed: int, sentences: int = 4) -> str:
    """Sentences chosen by seed, and the seed itself: no two texts of the course are the same
    (the renderer converts each distinct text once, so repeated texts would flatter it)."""
    return " ".join(SENTENCES[(seed + i) % len(SENTENCES)] for i in range(sentences)) + f" (Afsnit {seed}.)"


def lesson(number: int) -> str:
    mid = module_id(number)
    lines = [
        "---",
        f"id: {mid}",
        f"title: Modul {number}",
        "objectives:",
        "  - Forklare grundlagets vigtigste begreber med egne ord",
        "  - Bruge grundlaget i en konkret situation fra din egen hverdag",
        "  - Aftale klare roller med en anden leder",
        "minutes: 20",
        f"roles: [{ROLES[number % len(ROLES)]}]",
        "---",
        "",
    ]
    for page in range(1, PAGES_PER_MODULE + 1):
        seed = number * 7 + page
        lines += [
            f"## Side {page} i modul {number}",
            f"::: refs {REFERENCES[seed % len(REFERENCES)]} {REFERENCES[(seed + 1) % len(REFERENCES)]}",
            "",
            paragraph(seed) + f" Et ord fra ordlisten: [[{TERMS[seed % len(TERMS)]}]].",
            "",
            "### Hvad betyder det for dig?",
            "",
            paragraph(seed + 1, 5),
            "",
            "- " + paragraph(seed * 10 + 1, 1),
            "- " + paragraph(seed * 10 + 2, 1),
            "- " + paragraph(seed * 10 + 3, 1),
            "",
            "> " + paragraph(seed * 10 + 4, 1),
            "",
            paragraph(seed + 2, 6),
            "",
        ]
        if page == 2:
            lines += ["::: reflection min-hverdag", "Hvad betyder dette for dit team? Tag det med til samtalen med din leder.", ":::", ""]
    return "\n".join(lines)


def _feedback(seed: int) -> str:
    return f"Grundlaget siger det i *{REFERENCES[seed % len(REFERENCES)]}*. " + paragraph(seed, 1)


def _options(prefix: str, seed: int, correct: set[str]) -> list[str]:
    lines = ["    options:"]
    for letter in "abcd":
        lines.append(f"      - id: {letter}")
        lines.append(f"        text: {paragraph(seed + ord(letter), 1)} ({prefix}{letter})")
        if letter in correct:
            lines.append("        correct: true")
        lines.append(f"        feedback: {_feedback(seed + ord(letter))}")
    return lines


def _head(qid: str, kind: str, seed: int) -> list[str]:
    return [
        f"  - id: {qid}",
        f"    type: {kind}",
        f"    reference: {REFERENCES[seed % len(REFERENCES)]}",
        "    prompt: |",
        f"      {paragraph(seed, 3)}",
        "      Hvad gør du?",
    ]


def _pair_feedback(seed: int) -> list[str]:
    return ["    feedback:", f"      correct: {_feedback(seed)}", f"      incorrect: {_feedback(seed + 1)}"]


def quiz(number: int) -> str:
    mid = module_id(number)
    lines = [f"module: {mid}", "questions:"]
    kinds = ["single", "single", "multiple", "multiple", "truefalse", "truefalse", "matching", "ordering", "scenario", "scenario"]
    for index, kind in enumerate(kinds[:QUESTIONS_PER_MODULE], start=1):
        qid, seed = f"m{number:04d}-q{index:02d}", number * 11 + index
        lines += _head(qid, kind, seed)
        if kind == "single":
            lines += _options(qid, seed, {"abcd"[seed % 4]})
        elif kind == "multiple":
            lines += _options(qid, seed, {"a", "c"})
        elif kind == "truefalse":
            lines += [f"    answer: {'true' if seed % 2 else 'false'}"] + _pair_feedback(seed)
        elif kind == "matching":
            lines.append("    pairs:")
            for letter, n in zip("abcd", range(4)):
                lines += [f"      - id: {letter}", f"        left: Begreb {n + 1}", f"        right: {paragraph(seed * 10 + n, 1)}"]
            lines += _pair_feedback(seed)
        elif kind == "ordering":
            lines.append("    items:")
            for letter, n in zip("abcd", range(4)):
                lines += [f"      - id: {letter}", f"        text: Trin {n + 1} – {paragraph(seed * 10 + n + 5, 1)}"]
            lines += _pair_feedback(seed)
        else:
            lines += _scenario(seed)
    return "\n".join(lines) + "\n"


def _scenario(seed: int) -> list[str]:
    lines = ["    start: start", "    nodes:"]
    for node, (good, bad) in {"start": ("midt", "daarligt"), "midt": ("godt", "middel")}.items():
        lines += [f"      - id: {node}", f"        situation: {paragraph(seed * 100 + len(node), 2)}", "        choices:"]
        for letter, target in (("a", good), ("b", bad), ("c", bad)):
            lines += [
                f"          - id: {letter}",
                f"            text: {paragraph(seed * 10 + ord(letter), 1)}",
                f"            feedback: {_feedback(seed * 10 + ord(letter) + 1000)}",
                f"            next: {target}",
            ]
    for node, score in (("godt", 100), ("middel", 50), ("daarligt", 0)):
        lines += [f"      - id: {node}", f"        ending: {paragraph(seed * 1000 + score, 1)}", f"        score: {score}"]
    return lines


def course_yaml(modules: int) -> str:
    ids = "\n".join(f"  - {module_id(n)}" for n in range(1, modules + 1))
    roles = "\n".join(f"  {role}: {role.replace('-', ' ').capitalize()}" for role in ROLES)
    return (
        "id: syntetisk-kursus\n"
        f"title: Syntetisk kursus med {modules} moduler\n"
        "description: Et genereret kursus til benchmarks.\n"
        "language: da\nversion: 1.0.0\nmastery_score: 80\n"
        "organisation: Teknik og Miljø, Aarhus Kommune\nauthor: Benchmark\nkeywords: [benchmark]\n"
        f"roles:\n{roles}\n"
        "documents:\n  ledelsesgrundlag: Ledelsesgrundlag\n"
        f"modules:\n{ids}\n"
        "player:\n  quiz_attempts: 3\n  reflections: lms\n"
        "scorm2004:\n  sequencing: moodle\n"
        "moodle:\n  section_content: scorm\n"
        # The options are random sentences, not items a learner reads: the item-writing checks still run (and are
        # timed) but their thresholds are set where random text cannot reach them.
        "quiz_checks:\n  stand_out: 1000\n  spread: 1000\n  longest_share: 100\n  shortest_share: 100\n"
        "  position_share: 100\n  echo_words: 100\n"
    )


def references_yaml() -> str:
    return "".join(
        f"- id: {ref}\n  title: Afsnit {n}\n  document: ledelsesgrundlag\n  section: Afsnit {n}\n"
        for n, ref in enumerate(REFERENCES, start=1)
    )


def glossary_yaml() -> str:
    return "".join(
        f"- id: {term}\n  term: {term.capitalize()}\n  definition: {SENTENCES[n]}\n  reference: {REFERENCES[n]}\n"
        for n, term in enumerate(TERMS)
    )


def make_course(out: Path, modules: int) -> Path:
    """Writes a fresh synthetic course of `modules` modules into out (replacing it)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "modules").mkdir(parents=True)
    (out / "quizzes").mkdir()
    (out / "course.yaml").write_text(course_yaml(modules), encoding="utf-8")
    (out / "references.yaml").write_text(references_yaml(), encoding="utf-8")
    (out / "glossary.yaml").write_text(glossary_yaml(), encoding="utf-8")
    for number in range(1, modules + 1):
        (out / "modules" / f"{number:04d}-{module_id(number)}.md").write_text(lesson(number), encoding="utf-8")
        (out / "quizzes" / f"{module_id(number)}.yaml").write_text(quiz(number), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--modules", type=int, default=100)
    args = parser.parse_args(argv)
    make_course(args.out, args.modules)
    print(f"wrote a {args.modules}-module course into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
