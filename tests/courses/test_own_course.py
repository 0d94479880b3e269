"""The tool holds no word of the course it was first made for: a course brings its own vocabulary and words.

This course's words are read from its own files (course.yaml's roles, documents, id, organisation and module ids),
so the list grows with the course. The harbour fixture course (tests/fixtures/harbour) is English and has three
roles and two documents of its own: every format it builds must hold none of this course's words, nor a Danish
letter (the tool's Danish strings would show them).
"""
from __future__ import annotations

import io
import re
import tarfile
import zipfile
from pathlib import Path

import yaml

from course_builder.build import build
from tests.support import FIXTURES, REPO

PACKAGE = REPO / "course_builder"
HARBOUR = FIXTURES / "harbour"
DANISH_LETTERS = re.compile("[æøåÆØÅ]")
# Python files that may hold Danish letters, and why: not prose the tool says.
DANISH_ALLOWED = {
    "report/moodle_strings.py": "Moodle's own Danish language pack words, which the report recognises in downloads",
    "content/stats.py": "the letters a word is made of, for counting words and LIX",
}


def this_courses_words() -> list[str]:
    settings = yaml.safe_load((REPO / "course.yaml").read_text(encoding="utf-8"))
    words = [settings["id"], *settings["roles"], *settings["documents"], *settings["documents"].values(),
             *settings["modules"]]
    words += [part.strip() for part in settings["organisation"].split(",")]
    return sorted(set(words))


def _found(words: list[str], text: str) -> list[str]:
    return [word for word in words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE)]


def test_this_course_declares_the_words_the_tests_look_for():
    words = this_courses_words()
    assert {"leder-for-chefer", "medarbejder", "ledelsesgrundlag", "roller", "tm-ledelse", "Aarhus Kommune"} <= set(words)


def test_the_package_holds_no_id_or_prose_of_this_course():
    words = this_courses_words()
    left = []
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        left += [f"{relative}: {word}" for word in _found(words, text)]
        if path.suffix == ".py" and relative not in DANISH_ALLOWED:
            left += [f"{relative}:{n}: Danish prose: {line.strip()}"
                     for n, line in enumerate(text.splitlines(), 1) if DANISH_LETTERS.search(line)]
    assert left == [], "\n".join(left)


def _texts(root: Path):
    """Every file below root, and every member of the zips and of the course backup (a .tar.gz), as text."""
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield from _member_texts(path.relative_to(root).as_posix(), path.read_bytes())


def _member_texts(name: str, data: bytes):
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _member_texts(f"{name}/{member}", archive.read(member))
    elif data[:2] == b"\x1f\x8b":
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive.getmembers():
                if member.isfile():
                    yield from _member_texts(f"{name}/{member.name}", archive.extractfile(member).read())
    else:
        yield name, data.decode("utf-8", errors="replace")


def test_an_english_course_with_its_own_roles_builds_every_format_without_a_word_of_this_course(tmp_path):
    settings = yaml.safe_load((HARBOUR / "course.yaml").read_text(encoding="utf-8"))
    assert len(settings["roles"]) == 3 and settings["language"] == "en"
    result = build(HARBOUR, tmp_path / "dist")
    assert result.ok, result.problems
    assert sorted(result.formats) == sorted(["web", "scorm12", "scorm2004", "imscp", "imscc", "moodle"])
    texts = dict(_texts(tmp_path / "dist"))
    assert len(texts) > 100, "the packages were opened"
    words = this_courses_words()
    left = [f"{name}: {word}" for name, text in texts.items() for word in _found(words, text)]
    left += [f"{name}: Danish letter in {text[max(0, m.start() - 30):m.end() + 30]!r}"
             for name, text in texts.items() for m in [DANISH_LETTERS.search(text)] if m]
    assert left == [], "\n".join(left)
    everything = "\n".join(texts.values())
    for own_word in ("Induction at the Harbour Authority", "Harbour Authority", "Next", "Skip to content"):
        assert own_word in everything
    module_page = texts["scorm2004/harbour-induction.zip/first-weeks/index.html"]
    assert 'lang="en"' in module_page and "harbour-footer" in module_page, "its own theme in every package"
