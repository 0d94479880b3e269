"""A quiet build: one line per format, one more for what the format cannot carry, and the content's own warnings
apart and marked; `build --details` lists each item the summary counts."""
from __future__ import annotations

import re
from collections import Counter

from course_builder import exporters
from course_builder.cli import main
from tests.support import REPO, edit

FORMAT_LINE = re.compile(r"(?P<format>[a-z0-9]+): ")


def lines_per_format(out: str) -> Counter:
    """Each line counted for the format whose line it follows (a format's line starts with its name)."""
    counts: Counter = Counter()
    current = None
    for line in out.splitlines():
        found = FORMAT_LINE.match(line)
        if found and found["format"] in exporters.available_formats():
            current = found["format"]
        assert current is not None, f"a line before any format's line: {line!r}"
        counts[current] += 1
    return counts


def test_this_course_builds_with_at_most_two_lines_per_format(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["build", "--out", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""  # the course has no content warnings
    counts = lines_per_format(out)
    assert set(counts) == set(exporters.available_formats())
    assert max(counts.values()) <= 2, out
    assert all(len(line) <= 140 for line in out.splitlines()), out
    summaries = [line for line in out.splitlines() if line.startswith("  ")]
    assert [re.search(r"course-builder build --details \w+$", line)[0] for line in summaries] == [
        "course-builder build --details imscc", "course-builder build --details moodle"]


def test_the_details_list_each_of_the_32_items_with_file_and_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["build", "--out", str(tmp_path), "--details"]) == 0
    out = capsys.readouterr().out
    items = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert len(items) == 32
    assert all(re.match(r"quizzes/[\w-]+\.yaml:\d+: (gift|imscc): ", item) for item in items), items
    assert Counter(item.split(": ")[1] for item in items) == {"gift": 16, "imscc": 16}
    assert "imscc: 16 dele af indholdet, formatet ikke kan bære (de andre formater har dem):" in out.splitlines()

    assert main(["build", "--out", str(tmp_path), "--details", "imscc", "--format", "imscc", "--language", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [f"imscc: built into {tmp_path / 'imscc'}",
                       "imscc: 16 parts of the content the format cannot carry (the other formats have them):"]
    assert len(out) == 18


def test_a_content_warning_stands_apart_after_the_formats(minimal_course, capsys, monkeypatch):
    png_header = b"\x89PNG\r\n\x1a\n" + bytes([0, 0, 0, 13]) + b"IHDR" + bytes([0, 0, 0, 8, 0, 0, 0, 8])
    (minimal_course / "modules" / "figur.png").write_bytes(png_header)
    edit(minimal_course / "modules/01-intro.md", "Tre værdier.", "![](figur.png) Tre værdier.")
    monkeypatch.chdir(minimal_course)
    assert main(["build"]) == 0
    out, err = capsys.readouterr()
    assert max(lines_per_format(out).values()) <= 2
    assert err.splitlines() == ["", "ADVARSLER OM INDHOLDET (1) – ret dem i filerne herunder:",
                                "modules/01-intro.md:21: advarsel: billedet 'figur.png' har ingen alternativ tekst. "
                                "Beskriv billedet i klammerne: ![hvad billedet viser](figur.png)."]


def test_an_unknown_format_to_detail_is_a_usage_error(minimal_course, capsys, monkeypatch):
    monkeypatch.chdir(minimal_course)
    assert main(["build", "--details", "pdf"]) == 2
    assert "--details pdf: no such format" in capsys.readouterr().err
    assert not (minimal_course / "dist").exists()
