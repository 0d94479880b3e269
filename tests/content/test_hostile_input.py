"""Whatever the bytes, the loader returns problems, never an exception."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_builder.build import load_and_validate

SOURCE_FILES = ["quizzes/intro.yaml", "modules/01-intro.md", "course.yaml", "references.yaml", "glossary.yaml"]


def messages(course: Path) -> list[str]:
    _, problems = load_and_validate(course)
    return [p.display(course) for p in problems]


yaml_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SOURCE_FILES), st.binary(max_size=400))
def test_arbitrary_bytes_give_problems_not_exceptions(minimal_course, file, data):
    (minimal_course / file).write_bytes(data)
    messages(minimal_course)  # must not raise


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SOURCE_FILES), yaml_like)
def test_arbitrary_yaml_structures_give_problems_not_exceptions(minimal_course, file, value):
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    if file.endswith(".md"):
        text = f"---\n{text}---\n\n## Side\nTekst.\n"
    (minimal_course / file).write_text(text, encoding="utf-8")
    messages(minimal_course)


def test_non_utf8_file_names_its_line(minimal_course):
    (minimal_course / "quizzes/intro.yaml").write_bytes(b"module: intro\nquestions:\n  - id: caf\xe9\n")
    assert ("quizzes/intro.yaml:3:12: file is not UTF-8 text (the character 'é' is saved in another encoding, such as "
            "Latin-1/Windows-1252). Save the file again as UTF-8: in Notepad 'Save as' → Encoding: UTF-8; in VS Code "
            "'Save with Encoding' → UTF-8.") in messages(minimal_course)


def test_yaml_alias_bomb_is_refused(minimal_course):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
    )
    (minimal_course / "quizzes/intro.yaml").write_text(bomb, encoding="utf-8")
    assert ("quizzes/intro.yaml:1: YAML anchors and aliases (&, *) are not supported. Write the text out wherever it is used."
            in messages(minimal_course))


def test_huge_file_is_refused_without_reading_it(minimal_course):
    with open(minimal_course / "modules/01-intro.md", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert "modules/01-intro.md:1: file is too large (50.0 MB; the limit is 2 MB). Split it into several files." in messages(minimal_course)


def test_binary_garbage_is_named(minimal_course):
    (minimal_course / "glossary.yaml").write_bytes(b"- id: x\n\x00\x01\x02")
    assert ("glossary.yaml:2: file contains binary data (a NUL byte) and is not a text file. Save it as plain text (UTF-8)."
            in messages(minimal_course))


def test_deeply_nested_yaml_is_a_problem(minimal_course):
    (minimal_course / "quizzes/intro.yaml").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    found = messages(minimal_course)
    assert any(m.startswith("quizzes/intro.yaml:") for m in found)
