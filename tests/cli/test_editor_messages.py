"""The twelve mistakes a new editor makes most (issue 26), each run through the real CLI on a copy of a small
Danish course: exactly one message, in Danish (the course's language, whatever the locale), naming the file
and line, and saying the fix. Before the catalogue, each came out in English, in the parser's words, as
several follow-on errors, or not at all."""
from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import edit

QUIZ = "quizzes/intro.yaml"
MODULE = "modules/01-intro.md"
PROBLEM_LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+)(?::(?P<column>\d+))?: (?P<message>.+)$")


def run_cli(course: Path, *args: str) -> subprocess.CompletedProcess:
    """As an editor runs it: in the course folder, with an English locale (the course's language must win)."""
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run([sys.executable, "-m", "course_builder", *args], cwd=course, capture_output=True,
                          text=True, env=env)


def problems(result: subprocess.CompletedProcess) -> list[re.Match]:
    return [m for m in map(PROBLEM_LINE.match, (result.stdout + result.stderr).splitlines()) if m]


def is_danish(message: str) -> bool:
    words = set(re.findall(r"\w+", message.casefold()))
    return bool(words & {"er", "og", "i", "et", "en", "som", "skal", "ikke", "eller", "har", "med", "på", "til"}) \
        and not words & {"the", "must", "is", "not", "has", "should"}


def line_of(path: Path, text: str) -> int:
    source = path.read_text(encoding="utf-8")
    return source[: source.index(text)].count("\n") + 1


def colon_in_an_answer(course: Path):
    edit(course / QUIZ, "        text: At spare penge\n", "        text: Du siger: Det må HR afgøre.\n")
    return QUIZ, line_of(course / QUIZ, "Du siger:"), ['text: "Du siger: Det må HR afgøre."', "anførselstegn"]


def text_starting_with_a_quotation_mark(course: Path):
    edit(course / QUIZ, "        text: At spare penge\n", '        text: "Det må HR afgøre", siger du.\n')
    return QUIZ, line_of(course / QUIZ, '"Det må HR'), ["text: '\"Det må HR afgøre\", siger du.'", "anførselstegn"]


def tab_for_indentation(course: Path):
    edit(course / QUIZ, "        text: At spare penge\n", "\ttext: At spare penge\n")
    return QUIZ, line_of(course / QUIZ, "\ttext"), ["tabulator", "mellemrum"]


def misspelled_key(course: Path):
    edit(course / QUIZ, "    feedback:\n      correct: Ja, E", "    feedbak:\n      correct: Ja, E")
    return QUIZ, line_of(course / QUIZ, "feedbak"), ["Mente du 'feedback'?"]


def correct_option_that_does_not_exist(course: Path):
    edit(course / QUIZ, "    prompt: Hvad er vores kerneopgave?\n", "    prompt: Hvad er vores kerneopgave?\n    correct: e\n")
    return QUIZ, line_of(course / QUIZ, "correct: e"), ["'e'", "ikke findes", "correct: true"]


def duplicate_question_id(course: Path):
    edit(course / QUIZ, "  - id: intro-multiple", "  - id: intro-single")
    return QUIZ, line_of(course / QUIZ, "  - id: intro-single\n    type: multiple"), ["allerede brugt", "sit eget id"]


def module_without_a_file(course: Path):
    edit(course / "course.yaml", "modules: [intro, roller]", "modules: [intro, roller, ekstra]")
    return "course.yaml", line_of(course / "course.yaml", "ekstra"), ["ingen fil", "modules/ekstra.md", "id: ekstra"]


def module_saved_as_latin1(course: Path):
    text = (course / MODULE).read_text(encoding="utf-8")
    (course / MODULE).write_bytes(text.encode("latin-1"))
    first = next(i for i, line in enumerate(text.split("\n"), 1) if not line.isascii())
    return MODULE, first, ["UTF-8", "Gem filen igen"]


def capital_md_extension(course: Path):
    (course / MODULE).rename(course / "modules" / "01-intro.MD")
    return "modules/01-intro.MD", 1, ["Omdøb den til '01-intro.md'"]


def unclosed_glossary_link(course: Path):
    edit(course / MODULE, "[[kerneopgave]]", "[[kerneopgave]")
    return MODULE, line_of(course / MODULE, "[[kerneopgave]"), ["klamme", "[[id]]"]


def heading_without_a_space(course: Path):
    edit(course / MODULE, "## Opsummering", "##Opsummering")
    return MODULE, line_of(course / MODULE, "##Opsummering"), ["mellemrum", "'## Opsummering'"]


def image_over_the_size_limit(course: Path):
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 3000, 2000) + bytes(5)
    (course / "modules" / "foto.png").write_bytes(png + bytes(400 * 1024))
    edit(course / MODULE, "Tre værdier. De er vigtige.", "![Holdet til møde](foto.png)\n\nTre værdier. De er vigtige.")
    return MODULE, line_of(course / MODULE, "![Holdet"), ["advarsel", "400 KB", "300 KB", "max_image_kb"]


MISTAKES = [colon_in_an_answer, text_starting_with_a_quotation_mark, tab_for_indentation, misspelled_key,
            correct_option_that_does_not_exist, duplicate_question_id, module_without_a_file, module_saved_as_latin1,
            capital_md_extension, unclosed_glossary_link, heading_without_a_space, image_over_the_size_limit]


def test_the_small_course_has_no_problem(minimal_course):
    result = run_cli(minimal_course, "validate")
    assert result.returncode == 0 and problems(result) == [], result.stdout + result.stderr


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.__name__ for m in MISTAKES])
def test_one_mistake_gives_one_danish_message_with_file_line_and_fix(minimal_course, mistake):
    file, line, fix = mistake(minimal_course)
    result = run_cli(minimal_course, "validate")
    found = problems(result)
    assert len(found) == 1, result.stdout + result.stderr
    assert (found[0]["file"], int(found[0]["line"])) == (file, line)
    message = found[0]["message"]
    for words in fix:
        assert words in message, message
    assert is_danish(message), message
    assert "Traceback" not in result.stderr


def test_the_build_says_it_in_the_same_words(minimal_course):
    file, line, fix = colon_in_an_answer(minimal_course)
    result = run_cli(minimal_course, "build")
    found = problems(result)
    assert result.returncode == 1 and len(found) == 1
    assert (found[0]["file"], int(found[0]["line"]), found[0]["column"]) == (file, line, "23")
    assert fix[0] in found[0]["message"]
    assert not (minimal_course / "dist").exists()


def test_language_option_overrides_the_course(minimal_course):
    misspelled_key(minimal_course)
    found = problems(run_cli(minimal_course, "validate", "--language", "en"))
    assert [m["message"] for m in found] == [
        "unknown field 'feedbak' in a truefalse question. Did you mean 'feedback'? Correct the spelling "
        "(allowed: answer, feedback, id, prompt, reference, roles, type)."]


def test_a_course_yaml_that_does_not_load_still_names_its_language(minimal_course):
    edit(minimal_course / "course.yaml", "version: 0.1.0", "version: 0.1.0\n\tbroken: yes")
    found = problems(run_cli(minimal_course, "validate"))
    assert [(m["file"], m["line"]) for m in found] == [("course.yaml", "6")]
    assert "mellemrum" in found[0]["message"]


def test_an_unknown_language_is_a_usage_error(minimal_course):
    result = run_cli(minimal_course, "validate", "--language", "fr")
    assert result.returncode == 2 and "--language fr" in result.stderr


def test_a_build_in_an_unknown_language_builds_nothing(minimal_course):
    result = run_cli(minimal_course, "build", "--language", "fr")
    assert result.returncode == 2 and "--language fr" in result.stderr
    assert not (minimal_course / "dist").exists()


# --- the root cause first: a module file that cannot be read is the one problem, not its follow-ons ---

def tab_in_front_matter(course: Path):
    edit(course / MODULE, "minutes: 10\n", "\tminutes: 10\n")
    return MODULE, line_of(course / MODULE, "\tminutes"), ["tabulator", "mellemrum"]


def front_matter_not_closed(course: Path):
    edit(course / MODULE, "roles: [teamleder]\n---\n", "roles: [teamleder]\n\n")
    return MODULE, 1, ["'---'"]


def markdown_extension(course: Path):
    (course / MODULE).rename(course / "modules" / "01-intro.markdown")
    return "modules/01-intro.markdown", 1, ["Omdøb den til '01-intro.md'"]


def module_not_in_course_yaml(course: Path):
    edit(course / "course.yaml", "modules: [intro, roller]", "modules: [roller]")
    return MODULE, line_of(course / MODULE, "id: intro"), ["'- intro'", "course.yaml"]


ROOT_CAUSES = [tab_in_front_matter, front_matter_not_closed, markdown_extension, module_not_in_course_yaml]


@pytest.mark.parametrize("mistake", ROOT_CAUSES, ids=[m.__name__ for m in ROOT_CAUSES])
def test_the_cause_is_the_one_problem_without_its_follow_ons(minimal_course, mistake):
    """The module (which has the quiz) does not load: before, course.yaml said it had no file and the quiz that
    its module was unknown, and for .markdown the file itself was never named."""
    file, line, fix = mistake(minimal_course)
    found = problems(run_cli(minimal_course, "validate"))
    assert [(m["file"], int(m["line"])) for m in found] == [(file, line)], [m.group(0) for m in found]
    for words in fix:
        assert words in found[0]["message"]


# --- no silent mistakes: what reached learners unnoticed ---

def test_an_image_without_a_readable_size_is_a_warning(minimal_course):
    (minimal_course / "modules" / "figur.png").write_bytes(b"not a picture at all")
    edit(minimal_course / MODULE, "Tre værdier.", "![Trekanten](figur.png) Tre værdier.")
    result = run_cli(minimal_course, "validate", "--language", "en")
    assert result.returncode == 0
    assert [m.group(0) for m in problems(result)] == [
        f"{MODULE}:{line_of(minimal_course / MODULE, '![Trekanten]')}: warning: the width and height of 'figur.png' "
        "cannot be read. Save the picture as PNG, JPEG, GIF, WebP, or SVG with width and height."]


def test_one_hard_page_is_named_though_the_module_average_is_low(minimal_course):
    hard = ("Implementeringsorganisationens kommunikationsstrategiske prioriteringsbeslutninger forudsætter "
            "tværorganisatorisk koordinationsansvarlighed, ledelsesmæssig forankringskapacitet og "
            "beslutningskompetencernes decentraliseringsmuligheder, hvilket organisationsudviklingskonsulenterne "
            "understreger, ligesom personaleadministrationens dokumentationsforpligtelser, samarbejdsudvalgenes "
            "høringsprocedurer og arbejdsmiljøorganisationens risikovurderingsmetoder ") * 2 + "gør."
    easy = "Du er ny. Det er fint. Vi tager det roligt. Du får hjælp. Spørg os. " * 30
    edit(minimal_course / MODULE, "Tre værdier. De er vigtige.", hard)
    edit(minimal_course / MODULE, "Det er kort.", easy)
    result = run_cli(minimal_course, "validate")
    assert result.returncode == 0
    found = problems(result)
    assert [(m["file"], int(m["line"])) for m in found] == [(MODULE, line_of(minimal_course / MODULE, "## Værdier"))]
    assert "advarsel: siden 'Værdier' har LIX" in found[0]["message"] and "over kursets grænse på 40" in found[0]["message"]


def test_the_limits_are_course_settings(minimal_course):
    image_over_the_size_limit(minimal_course)
    edit(minimal_course / "course.yaml", "modules: [intro, roller]", "modules: [intro, roller]\nchecks:\n  max_image_kb: 500")
    assert problems(run_cli(minimal_course, "validate")) == []


def test_a_misspelled_correct_is_not_also_a_wrong_count_of_correct_options(minimal_course):
    edit(minimal_course / QUIZ, "        correct: true\n        feedback: Rigtigt", "        corect: true\n        feedback: Rigtigt")
    found = problems(run_cli(minimal_course, "validate"))
    assert [(m["file"], int(m["line"])) for m in found] == [(QUIZ, line_of(minimal_course / QUIZ, "corect"))]
    assert "Mente du 'correct'?" in found[0]["message"]


def test_outside_a_course_the_locale_chooses_the_language(tmp_path):
    env = {**os.environ, "LANG": "da_DK.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    result = subprocess.run([sys.executable, "-m", "course_builder", "validate"], cwd=tmp_path, capture_output=True,
                            text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith(f"course-builder: der er ingen course.yaml i {tmp_path}")
    assert "course-builder new MAPPE" in result.stderr
    english = subprocess.run([sys.executable, "-m", "course_builder", "validate", "--language", "en"], cwd=tmp_path,
                             capture_output=True, text=True, env=env)
    assert english.stderr.startswith(f"course-builder: no course.yaml in {tmp_path}")
