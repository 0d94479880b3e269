"""`course-builder build --format moodle imscc`: the files, one line per format with the count of what it cannot
carry, and each loss named by file and line with --details."""
from __future__ import annotations


from course_builder.cli import main
from tests.support import FIXTURES


def test_build_writes_the_moodle_folder_and_the_cartridge_and_counts_the_losses(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES / "minimal")
    assert main(["build", "--out", str(tmp_path), "--format", "moodle", "imscc", "--details"]) == 0
    details = capsys.readouterr().out.splitlines()
    assert "  quizzes/intro.yaml:39: gift: matching 'intro-match' loses its correct/incorrect feedback " \
           "(questions.xml has it)" in details
    assert any(line.startswith("  quizzes/intro.yaml:61: imscc: scenario question 'intro-scenarie' left out")
               for line in details)
    left_out = sum(": imscc: " in line for line in details)
    losing = sum(": gift: " in line for line in details)
    assert left_out and losing

    assert main(["build", "--out", str(tmp_path), "--format", "moodle", "imscc"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"imscc: bygget i {tmp_path / 'imscc'}",
        f"  {left_out} spørgsmål udeladt af quizzerne: Common Cartridge bærer ikke deres type; "
        f"se dem: course-builder build --details imscc",
        f"moodle: bygget i {tmp_path / 'moodle'}",
        f"  {losing} spørgsmål mister noget i GIFT-filen (questions.xml har det hele); "
        f"se dem: course-builder build --details moodle",
    ]
    assert err == ""
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "imscc/mini-kursus.imscc", "moodle/competencies.csv", "moodle/mini-kursus.mbz",
        "moodle/paths/mini-kursus-teamleder.mbz", "moodle/questions.gift.txt", "moodle/questions.xml"]
