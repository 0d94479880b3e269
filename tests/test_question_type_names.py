"""A question type is one unit: its name is spelled, as a string literal, only in its own module
(course_builder/question_types/<name>.py), its templates folder (templates/question_types/<name>/) and the
registry. Anywhere else the code asks the type (course_builder/question_types/base.py) instead of comparing
names, so adding or changing a type touches its unit only."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from course_builder.question_types import type_names

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = "course_builder/question_types/registry.py"

# The same words in other vocabularies, where they are not our type names.
OTHER_VOCABULARIES = {
    ("course_builder/preview/scorm12.py", "matching"): "SCORM's interaction type (cmi.interactions.n.type)",
    ("course_builder/preview/scorm2004.py", "matching"): "SCORM's interaction type (cmi.interactions.n.type)",
    ("course_builder/exporters/moodle_xml.py", "single"): "Moodle XML's <single> element of a multichoice question",
}

# In templates and scripts: a quoted literal, or a bare key of a JavaScript object literal.
QUOTED = r"""(['"`]){name}\1"""
JS_KEY = r"""[{{,]\s*{name}\s*:"""


def python_literals(path: Path, names: set[str]) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names]


def text_literals(path: Path, names: set[str]) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for name in names:
            patterns = [QUOTED] + ([JS_KEY] if path.suffix == ".js" else [])
            if any(re.search(p.format(name=re.escape(name)), line) for p in patterns):
                found.append((number, name))
    return found


def owner(relative: str) -> str | None:
    """The type a file belongs to, if it is part of a unit."""
    match = re.fullmatch(r"course_builder/question_types/(\w+)\.py|templates/question_types/(\w+)/.*", relative)
    return (match.group(1) or match.group(2)) if match else None


def misplaced_names(root: Path) -> list[str]:
    names = set(type_names())
    misplaced = []
    files = sorted((root / "course_builder").rglob("*.py")) + sorted(
        p for p in (root / "templates").rglob("*") if p.is_file() and p.suffix in (".j2", ".js", ".html", ".css"))
    for path in files:
        relative = path.relative_to(root).as_posix()
        if relative == REGISTRY:
            continue
        read = python_literals if path.suffix == ".py" else text_literals
        for line, name in read(path, names):
            if name != owner(relative) and (relative, name) not in OTHER_VOCABULARIES:
                misplaced.append(f"{relative}:{line}: '{name}'")
    return misplaced


def test_each_type_name_is_spelled_only_in_its_own_unit_and_the_registry():
    assert misplaced_names(ROOT) == []


def test_the_count_finds_a_type_name_spelled_elsewhere(tmp_path):
    (tmp_path / "course_builder" / "question_types").mkdir(parents=True)
    (tmp_path / "templates" / "question_types" / "ordering").mkdir(parents=True)
    (tmp_path / "course_builder" / "question_types" / "ordering.py").write_text('NAME = "ordering"\n')
    (tmp_path / "course_builder" / "render.py").write_text('if question.type == "ordering":\n    pass\n')
    (tmp_path / "templates" / "question_types" / "ordering" / "player.js").write_text(
        'const x = { matching: 1 };\nif (key.type === "ordering") {}\n')
    (tmp_path / "templates" / "quiz.js").write_text("const TYPES = { truefalse: 1 };\n")
    assert misplaced_names(tmp_path) == [
        "course_builder/render.py:1: 'ordering'",
        "templates/question_types/ordering/player.js:1: 'matching'",
        "templates/quiz.js:1: 'truefalse'",
    ]
