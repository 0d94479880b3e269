"""`course-builder report`: the files HR gets, the exit status, and what a failed run leaves alone."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from course_builder.cli import main
from tests.report import scenario
from tests.support import tree_bytes

CSV_FILES = ["deltagere.csv", "ikke-gennemfoert.csv", "ikke-startet.csv", "maaneder.csv", "moduler.csv",
             "rammevaerk.csv", "scorefordeling.csv", "spoergsmaal.csv"]
NAMES = ["Anna Andersen", "Bo Berg", "Cai Clausen", "Dorte Dam", "Eva Eriksen", "Frank Friis"]


def report(*args: object) -> int:
    return main(["report", *map(str, args), "--source", str(scenario.COURSE)])


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a Danish spreadsheet needs the byte order mark"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    scenario.write_downloads(tmp_path / "downloads")
    return tmp_path / "downloads"


def test_report_writes_the_page_and_the_tables(downloads, tmp_path, capsys):
    out = tmp_path / "rapport"
    assert report(downloads, "--out", out) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(CSV_FILES + ["index.html"])
    assert "Skrev 9 filer" in capsys.readouterr().out, "the course's language (da) is the messages' language"
    assert read_csv(out / "ikke-startet.csv") == [["Navn", "E-mail"], ["Dorte Dam", "dorte@example.dk"]]
    follow_up = read_csv(out / "ikke-gennemfoert.csv")
    assert [row[0] for row in follow_up[1:]] == ["Bo Berg", "Cai Clausen", "Eva Eriksen", "Frank Friis"]
    assert follow_up[2] == ["Cai Clausen", "cai@example.dk", "0 af 2", "Fundamentet", "", "Roller og krydspres",
                            "2026-04-20", "2026-04-20", ""]
    modules = read_csv(out / "moduler.csv")
    assert modules[1][:10] == ["fundamentet", "Fundamentet", "6", "5", "3", "50", "4", "3", "75", "85"]
    items = {row[2]: row for row in read_csv(out / "spoergsmaal.csv")[1:]}
    assert items["fund-single"][6:13] == ["4", "1", "25", "At spare penge", "b", "2", "50"]
    assert items["fund-single"][-3:] == ["Mission", "Grundlaget for testkurset", "Fundamentet"]  # course.yaml documents
    assert items["rol-scenarie.aftale"][5] == "I skal aftale opgaverne."


def test_the_same_downloads_give_the_same_bytes(downloads, tmp_path):
    assert report(downloads, "--out", tmp_path / "one") == 0
    assert report(downloads, "--out", tmp_path / "two") == 0
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_anonymize_leaves_no_name_or_address(downloads, tmp_path):
    assert report(downloads, "--out", tmp_path / "one", "--anonymize") == 0
    assert report(downloads, "--out", tmp_path / "two", "--anonymize") == 0
    files = tree_bytes(tmp_path / "one")
    text = b"".join(files.values()).decode("utf-8", errors="replace")
    for name in NAMES:
        assert name not in text and name.split()[1] not in text
    assert "example.dk" not in text
    assert files == tree_bytes(tmp_path / "two"), "pseudonyms are stable"
    learners = read_csv(tmp_path / "one" / "deltagere.csv")[1:]
    assert len({row[0] for row in learners}) == 6 and all(row[0].startswith("Deltager ") for row in learners)


def test_bad_downloads_leave_the_earlier_report_alone(downloads, tmp_path, capsys):
    out = tmp_path / "rapport"
    assert report(downloads, "--out", out) == 0
    before = tree_bytes(out)
    (downloads / "ødelagt.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    assert report(downloads, "--out", out) == 1
    err = capsys.readouterr().err
    assert "ødelagt.xlsx: er beskadiget" in err and "Rapporten er ikke lavet" in err
    assert "course_builder" not in err and ".py" not in err, "HR is never sent into the source"
    assert tree_bytes(out) == before
    assert report(downloads, "--out", out, "--language", "en") == 1
    err = capsys.readouterr().err
    assert "ødelagt.xlsx: is damaged" in err and "Download the report from Moodle again" in err
    assert "No report was made" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["downloads", "rapport"], "no staging left behind"


def test_a_folder_that_is_no_report_is_not_replaced(downloads, tmp_path, capsys):
    precious = tmp_path / "mine"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    assert report(downloads, "--out", precious) == 2
    assert "er ikke en tidligere rapport" in capsys.readouterr().err
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_usage_errors(tmp_path, capsys):
    assert report(tmp_path / "nowhere.txt", "--language", "en") == 2
    assert "do not exist: " in capsys.readouterr().err
    assert report(tmp_path / "nowhere.txt", "--language", "da") == 2
    assert "findes ikke: " in capsys.readouterr().err
    assert main(["report", str(tmp_path), "--source", str(tmp_path)]) == 1
    assert "no course.yaml here" in capsys.readouterr().err
