"""Malformed and unknown files: a clear problem naming file and row, never a traceback."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from course_builder.content import load_course
from course_builder.report.pipeline import analyse_exports
from course_builder.report.writer import page_notes
from tests.report import scenario
from tests.report.moodle_exports import ScormLearner, scorm_rows, write_scorm_report, write_scorm_text, write_xlsx


@pytest.fixture(scope="module")
def course():
    return load_course(scenario.COURSE).course


def problems_for(course, *paths: Path):
    analysis, problems = analyse_exports(list(paths), course)
    return analysis, [(p.path.name, p.line, p.message) for p in problems if p.is_error], \
        [(p.path.name, p.line, p.message) for p in problems if not p.is_error]


def fundamentet_rows(download="CSV"):
    return [list(row) for row in scorm_rows("interactions", scenario.FUNDAMENTET, scenario.fundamentet_learners(),
                                            download)]


@pytest.mark.parametrize("name, data, expected", [
    ("tom.txt", b"", "is empty"),
    ("billede.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "neither a spreadsheet nor a text file"),
    ("noter.txt", "Navn;Telefon\nAnna;1234\n".encode(), "does not look like one of Moodle's reports"),
    ("side.html", b"<!DOCTYPE html><html><body>Report</body></html>", "web page"),
    ("gammel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003"),
    ("arkiv.zip", None, "not an Excel or ODS spreadsheet"),
    ("latin1.txt", "Name\tEmail address\nS\xf8ren\n".encode("latin-1"), "neither a spreadsheet nor a text file"),
])
def test_unknown_files_are_named(course, tmp_path, name, data, expected):
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    else:
        path.write_bytes(data)
    analysis, errors, _ = problems_for(course, path)
    assert analysis is None
    assert len(errors) == 1 and errors[0][0] == name and expected in errors[0][2], errors


def test_unknown_file_names_its_columns(course, tmp_path):
    path = tmp_path / "noter.txt"
    path.write_text("Navn;Telefon\nAnna;1234\n", encoding="utf-8")
    _, errors, _ = problems_for(course, path)
    assert errors[0][1] == 1 and "'Navn', 'Telefon'" in errors[0][2]


def test_a_bad_attempt_number_names_the_row(course, tmp_path):
    rows = fundamentet_rows()
    rows[3][2] = "tre"  # row 4 of the file: the header is row 1
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, rows)
    analysis, errors, _ = problems_for(course, path)
    assert analysis is None
    assert len(errors) == 1 and errors[0][:2] == ("fundamentet.txt", 4)
    assert errors[0][2].startswith("has the attempt number 'tre' in row 4, which is not a number")


def test_a_bad_date_names_the_row_and_column(course, tmp_path):
    rows = fundamentet_rows("Excel")
    rows[2][3] = "i går"
    path = tmp_path / "fundamentet.xlsx"
    write_xlsx(path, rows)
    _, errors, _ = problems_for(course, path)
    assert len(errors) == 1 and errors[0][:2] == ("fundamentet.xlsx", 3)
    assert errors[0][2].startswith("has 'i går' in row 3, column 'Started on', which is not a date")


def test_a_row_longer_than_its_header(course, tmp_path):
    rows = fundamentet_rows()
    rows[5].append("overskud")
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, rows)
    _, errors, _ = problems_for(course, path)
    assert errors and errors[0][:2] == ("fundamentet.txt", 6) and "where the header allows" in errors[0][2]


def test_invalid_text_deep_in_a_large_file_names_its_row(course, tmp_path):
    rows = fundamentet_rows()
    filler = [list(rows[1]) for _ in range(400)]
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, [rows[0]] + filler)
    data = path.read_bytes()
    assert len(data) > 70_000
    path.write_bytes(data + b"Bo\xff Berg\tbo@example.dk\n")
    _, errors, _ = problems_for(course, path)
    assert len(errors) == 1 and errors[0][:2] == ("fundamentet.txt", 402)
    assert errors[0][2].startswith("has characters that cannot be read in row 402")


def test_a_truncated_spreadsheet(course, tmp_path):
    path = tmp_path / "fundamentet.xlsx"
    write_xlsx(path, fundamentet_rows("Excel"))
    path.write_bytes(path.read_bytes()[:-200])
    analysis, errors, _ = problems_for(course, path)
    assert analysis is None and errors[0][0] == "fundamentet.xlsx" and "damaged" in errors[0][2]


def test_a_sheet_that_is_not_well_formed(course, tmp_path):
    path = tmp_path / "fundamentet.xlsx"
    write_xlsx(path, fundamentet_rows("Excel"))
    _replace_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", b""))
    _, errors, _ = problems_for(course, path)
    assert errors and "is damaged (XML" in errors[0][2]


def test_entities_in_a_spreadsheet_are_not_expanded(course, tmp_path):
    """A workbook carrying an entity bomb or an external entity is read without expanding either."""
    path = tmp_path / "fundamentet.xlsx"
    write_xlsx(path, fundamentet_rows("Excel"))
    doctype = (b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
               b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
               b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY x SYSTEM "file:///etc/passwd">]>')

    def poison(xml: bytes) -> bytes:
        head, rest = xml.split(b"?>", 1)
        return head + b"?>" + doctype + rest.replace(b"<t>Anna Andersen</t>", b"<t>&e;&x;</t>", 1)

    _replace_member(path, "xl/sharedStrings.xml", poison)
    analysis, errors, _ = problems_for(course, path)
    names = [l.name for l in analysis.learners] if analysis else []
    assert not any("root:" in name or "aaaaaaaaaa" in name for name in names)


def test_a_zip_bomb_is_refused(course, tmp_path):
    path = tmp_path / "fundamentet.xlsx"
    write_xlsx(path, fundamentet_rows("Excel"))
    _replace_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml + b" " * 50_000_000)
    _, errors, _ = problems_for(course, path)
    assert errors and "more compressed than a spreadsheet" in errors[0][2]


def _replace_member(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files[member] = change(files[member])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_a_report_of_another_activity_is_an_error(course, tmp_path):
    learners = [ScormLearner("Anna Andersen", "anna@example.dk", [])]
    path = write_scorm_report(tmp_path / "Kantinen.txt", "basic", "Hygiejne i kantinen", learners)
    _, errors, _ = problems_for(course, path)
    assert errors and errors[0][0] == "Kantinen.txt" and "belongs to no module of the course" in errors[0][2]
    assert "'Hygiejne i kantinen'" in errors[0][2]


def test_a_basic_report_is_placed_by_its_sco_title(course, tmp_path):
    path = write_scorm_report(tmp_path / "download.txt", "basic", scenario.ROLLER, scenario.roller_learners())
    analysis, errors, _ = problems_for(course, path)
    assert not errors and [m.module_id for m in analysis.modules] == ["roller"]


def test_interactions_without_question_columns_are_still_read_for_scores(course, tmp_path):
    path = write_scorm_report(tmp_path / "Fundamentet.txt", "interactions", scenario.FUNDAMENTET,
                              scenario.fundamentet_learners(), columns=("response",))
    analysis, errors, warnings = problems_for(course, path)
    assert not errors and analysis.items == []
    assert analysis.modules[0].scored == 4
    assert any("Summary of question" in w[2] for w in warnings)


def test_identity_columns_of_any_name_are_read(course, tmp_path):
    rows = fundamentet_rows()
    rows = [row[:2] + ["Afdeling" if n == 0 else "Plan og byg"] + row[2:] for n, row in enumerate(rows)]
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, rows)
    analysis, errors, warnings = problems_for(course, path)
    assert not errors and analysis.modules[0].scored == 4
    assert not warnings or all("Afdeling" not in w[2] for w in warnings)


def test_values_not_understood_are_counted_not_fatal(course, tmp_path):
    rows = fundamentet_rows()
    for row in rows[1:]:
        if row[6] == "Incomplete":
            row[6] = "Halvvejs"
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, rows)
    analysis, errors, warnings = problems_for(course, path)
    assert not errors and analysis is not None
    assert any("'Halvvejs'" in w[2] and "neither a score nor a status whose word the report knows" in w[2] for w in warnings)


def test_unknown_interaction_ids_are_noted(course, tmp_path):
    rows = fundamentet_rows()
    for row in rows[1:]:
        row[:] = [("fund-gammel" if cell == "fund-orden" else cell) for cell in row]
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, rows)
    analysis, errors, _ = problems_for(course, path)
    assert not errors
    assert any("fund-gammel" in note for note in page_notes(analysis, scenario.COURSE))
    assert "fund-orden" not in [i.interaction_id for i in analysis.items]


def test_responses_that_name_no_option_are_noted_not_counted(course, tmp_path):
    rows = fundamentet_rows()
    for row in rows[1:]:
        if row[0] == "Frank Friis":
            index = row.index("fund-single")
            row[index + 1] = "z"
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, rows)
    analysis, errors, _ = problems_for(course, path)
    single = next(i for i in analysis.items if i.interaction_id == "fund-single")
    assert (single.answered, single.correct) == (3, 1)
    assert any(note.startswith("fund-single: 1 svar kunne ikke læses") for note in page_notes(analysis, scenario.COURSE))


def test_an_answer_key_that_is_not_the_courses_is_noted(course, tmp_path):
    """Moodle runs a package of another version of the course: its "Right answer" differs."""
    rows = fundamentet_rows()
    for row in rows[1:]:
        for index, cell in enumerate(row):
            if cell == "fund-single":
                row[index + 2] = "b"
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, rows)
    analysis, errors, _ = problems_for(course, path)
    assert not errors
    assert "fund-single: Moodles 'Right answer' (b) er ikke kursets facit (a)." in page_notes(analysis, scenario.COURSE)


def test_moodles_result_is_used_and_a_disagreement_noted(course, tmp_path):
    rows = fundamentet_rows()
    for row in rows[1:]:
        if row[0] == "Bo Berg" and row[2] == 1:
            index = row.index("fund-single")
            row[index + 3] = "correct"  # the package judged Bo's "b" right; the course says a
    path = tmp_path / "fundamentet.txt"
    write_scorm_text(path, rows)
    analysis, _, _ = problems_for(course, path)
    single = next(i for i in analysis.items if i.interaction_id == "fund-single")
    assert (single.answered, single.correct, single.wrong_count) == (4, 2, 1)
    assert any(n.startswith("fund-single: Moodles 'Result' og kursets facit er uenige om 1 svar") for n in page_notes(analysis, scenario.COURSE))
