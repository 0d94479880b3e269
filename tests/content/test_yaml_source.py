"""YAML through libyaml (fast) and through PyYAML's Python parser gives the same nodes and the same problems."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course_builder.content import yaml_source
from tests.support import FIXTURES, REPO

SOURCES = sorted([*REPO.glob("*.yaml"), *REPO.glob("quizzes/*.yaml"), *FIXTURES.glob("*/*.yaml"),
                  *FIXTURES.glob("*/quizzes/*.yaml")])


def shape(node: yaml.Node):
    """Everything the loader reads from a node: kind, tag, value and lines."""
    where = (type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if isinstance(node, yaml.ScalarNode):
        return where, node.value
    if isinstance(node, yaml.SequenceNode):
        return where, [shape(item) for item in node.value]
    return where, [(shape(key), shape(value)) for key, value in node.value]


@pytest.mark.skipif(yaml_source.FAST_LOADER is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_libyaml_and_python_parser_give_the_same_nodes(path: Path):
    text = path.read_text(encoding="utf-8")
    assert yaml_source.libyaml_is_safe(text)
    problems = []
    fast = yaml_source.compose(text, path, problems)
    python = yaml_source._compose_python(text, path, problems, 1)
    assert problems == []
    assert shape(fast) == shape(python)


def test_syntax_error_keeps_the_python_parsers_line_and_column():
    problems = []
    assert yaml_source.compose("module: a\nquestions:\n  - id: x\n    prompt: [a, b\n", Path("q.yaml"), problems) is None
    assert [p.display() for p in problems] == [
        "q.yaml:5:1: YAML syntax error: expected ',' or ']', but got '<stream end>' (line 5, column 1). Check the "
        "indentation (spaces "
        "only, the same number for fields at the same level), and put text holding a colon, # or quotation marks in "
        "quotation marks."]


def test_a_colon_in_a_text_is_explained_with_the_quoted_text():
    problems = []
    assert yaml_source.compose("module: a\nquestions:\n  - id: x\n    prompt: a: b\n", Path("q.yaml"), problems) is None
    assert [p.display() for p in problems] == [
        'q.yaml:4:14: the text holds a colon followed by a space, which YAML reads as a new field. '
        'Put the whole text in quotation marks: prompt: "a: b"']


def test_hostile_nesting_never_reaches_libyaml():
    # libyaml's composer recurses in C: this depth would crash the process instead of giving a problem.
    problems = []
    depth = 200_000
    assert yaml_source.compose("[" * depth + "]" * depth, Path("q.yaml"), problems) is None
    assert [p.display() for p in problems] == ["q.yaml:1: YAML is nested too deeply. Write the file with fewer levels."]


SCALARS = ["tekst", "'citeret'", "42", "-7", "0x1F", "0o17", "1_000", "3.5", "1e3", ".inf", "-.inf", ".nan", "true",
           "False", "yes", "no", "on", "~", "null", "", "2026-01-05", "2026-01-05 10:30:00", "!!str 5", "!!int '7'",
           "!!binary aGVq", "!!float 1", "!!seq x", "!!python/name:os.system", "\"æøå\\n\""]


@pytest.mark.parametrize("text", SCALARS)
def test_scalars_are_read_as_pyyaml_reads_them(text):
    node = yaml.compose(f"value: {text}\n", Loader=yaml.SafeLoader).value[0][1]
    try:
        expected = yaml.SafeLoader("").construct_object(node)
    except yaml.YAMLError:
        expected = node.value
    got = yaml_source.Reader(Path("x.yaml"), []).scalar(node)
    assert type(got) is type(expected)
    assert got == expected or (got != got and expected != expected)  # NaN


@pytest.mark.parametrize("text", ["!!bool maybe", "!!int abc", "!!float x"])
def test_a_scalar_that_does_not_fit_its_tag_is_its_text(text):
    node = yaml.compose(f"value: {text}\n", Loader=yaml.SafeLoader).value[0][1]
    assert yaml_source.Reader(Path("x.yaml"), []).scalar(node) == text.split()[1]
