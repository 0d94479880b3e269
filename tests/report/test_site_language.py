"""Another site language is one entry of Moodle strings: the same downloads, other words."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from course_builder.content import load_course
from course_builder.report.moodle_strings import LANGUAGES, MOODLE_STRINGS, make_language
from course_builder.report.pipeline import analyse_exports
from tests.report import scenario
from tests.report.moodle_exports import (
    activity_completion_rows, scorm_rows, write_activity_completion, write_scorm_text,
)

ENGLISH = MOODLE_STRINGS["en"]
MONTHS = ENGLISH["langconfig:months"].split()


def invented(text: str) -> str:
    """Words no Moodle writes, so that only the test language's entry can understand them."""
    return "ZZ " + text.upper().replace("{$A}", "{$a}")


def invented_language():
    strings = {key: invented(value) for key, value in ENGLISH.items()}
    strings["langconfig:months"] = " ".join(f"{m}ix" for m in MONTHS)
    strings["langconfig:monthsabbr"] = ENGLISH["langconfig:monthsabbr"]
    strings["langconfig:am"], strings["langconfig:pm"] = "FM", "EM"
    return make_language("zz", strings)


def translate(cell):
    text = str(cell)
    for key, value in ENGLISH.items():
        if key.startswith("langconfig:"):
            continue
        if "{$a}" in value:
            pattern = re.escape(value).replace(re.escape("{$a}"), r"(\d+)")
            match = re.fullmatch(pattern, text)
            if match:
                return invented(value).replace("{$a}", match.group(1))
        elif text == value:
            return invented(value)
    for month in MONTHS:
        if re.search(rf"\b{month}\b \d{{4}}", text):
            text = re.sub(rf"\b{month}\b", f"{month}ix", text).replace(" AM", " FM").replace(" PM", " EM")
    return cell if text == str(cell) else text


def write_translated(folder: Path) -> list[Path]:
    folder.mkdir()
    fundamentet = folder / "fundamentet.txt"
    rows = scorm_rows("interactions", scenario.FUNDAMENTET, scenario.fundamentet_learners(), "CSV")
    write_scorm_text(fundamentet, ([translate(cell) for cell in row] for row in rows))
    activity = folder / "aktiviteter.csv"
    rows = activity_completion_rows(scenario.ACTIVITIES, scenario.completion_learners())
    write_activity_completion(activity, ([translate(cell) for cell in row] for row in rows), excel=True)
    return [fundamentet, activity]


@pytest.fixture(scope="module")
def course():
    return load_course(scenario.COURSE).course


def test_a_language_is_one_entry(course, tmp_path):
    paths = write_translated(tmp_path / "zz")
    assert b"ZZ NAME" in paths[0].read_bytes() and b"Marchix" in paths[0].read_bytes()
    english_paths = [scenario.write_downloads(tmp_path / "en")[0], scenario.write_downloads(tmp_path / "en2")[2]]
    english, _ = analyse_exports(english_paths, course)
    translated, problems = analyse_exports(paths, course, languages=[*LANGUAGES, invented_language()])
    assert translated is not None, [str(p) for p in problems]
    assert (translated.modules, translated.items, translated.learners, translated.months) == \
        (english.modules, english.items, english.learners, english.months)


def test_a_language_in_no_table_is_read_by_its_shape(course, tmp_path):
    """Issue 17, finding 4: a download whose headers, statuses and month names are in no known language
    was refused ("not a Moodle report download this tool knows"). Moodle's report code fixes the column
    order (mod/scorm/report/interactions/classes/report.php, report/progress/index.php), so the shape
    tells the download; only the month names stay unknown, and the report says so."""
    paths = write_translated(tmp_path / "zz")
    english_paths = [scenario.write_downloads(tmp_path / "en")[0], scenario.write_downloads(tmp_path / "en2")[2]]
    english, _ = analyse_exports(english_paths, course)
    translated, problems = analyse_exports(paths, course)
    assert translated is not None, [str(p) for p in problems]
    assert not [p for p in problems if p.is_error]
    assert (translated.items, [(m.started, m.completed, m.scored, m.passed) for m in translated.modules]) == \
        (english.items, [(m.started, m.completed, m.scored, m.passed) for m in english.modules])
    assert [(l.name, l.state) for l in translated.learners] == [(l.name, l.state) for l in english.learners]
    said = " ".join(p.message for p in problems)
    assert "month name this tool does not know" in said and "Marchix" in said


def test_a_language_lacking_strings_is_refused():
    with pytest.raises(ValueError, match="lacks Moodle strings: .*scorm:attempt"):
        make_language("da", {key: value for key, value in ENGLISH.items() if key != "scorm:attempt"})


DANISH = MOODLE_STRINGS["da"]


def to_danish(cell):
    """English Moodle words -> the Danish stand-ins (month names too)."""
    text = str(cell)
    for key, value in ENGLISH.items():
        if key.startswith("langconfig:"):
            continue
        if "{$a}" in value:
            match = re.fullmatch(re.escape(value).replace(re.escape("{$a}"), r"(\d+)"), text)
            if match:
                return DANISH[key].replace("{$a}", match.group(1))
        elif text == value:
            return DANISH[key]
    for english, danish in zip(MONTHS, DANISH["langconfig:months"].split()):
        text = re.sub(rf"\b{english}\b", danish, text)
    return cell if text == str(cell) else text


def test_a_danish_site_is_read_with_its_words(course, tmp_path):
    """The Danish entry (stand-ins until checked against the official pack): statuses, completion
    states and month names are understood, so nothing is left to the shape alone."""
    folder = tmp_path / "da"
    folder.mkdir()
    fundamentet = folder / "fundamentet.txt"
    write_scorm_text(fundamentet, ([to_danish(c) for c in row] for row in
                                   scorm_rows("interactions", scenario.FUNDAMENTET, scenario.fundamentet_learners(), "CSV")))
    activity = folder / "aktiviteter.csv"
    write_activity_completion(activity, ([to_danish(c) for c in row] for row in
                                         activity_completion_rows(scenario.ACTIVITIES, scenario.completion_learners())),
                              excel=True)
    assert "Ikke fuldført" in fundamentet.read_text(encoding="utf-8") and "marts" in fundamentet.read_text(encoding="utf-8")
    danish, problems = analyse_exports([fundamentet, activity], course)
    english_paths = [scenario.write_downloads(tmp_path / "en")[0], scenario.write_downloads(tmp_path / "en2")[2]]
    english, _ = analyse_exports(english_paths, course)
    assert danish is not None and not [p for p in problems if "not a word the report knows" in p.message or "status whose word" in p.message or "month" in p.message]
    assert (danish.modules, danish.items, danish.learners, danish.months) == \
        (english.modules, english.items, english.learners, english.months)
    assert "Moodle på dansk" in " ".join(what for _, what in danish.inputs)
