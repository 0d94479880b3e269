"""`course-builder build --format moodle imscc`: the files, and a warning naming file and line for each loss."""
from __future__ import annotations


from course_builder.cli import main
from tests.support import FIXTURES



def test_build_writes_the_moodle_folder_and_the_cartridge_and_warns_per_question(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES / "minimal")
    assert main(["build", "--out", str(tmp_path), "--format", "moodle", "imscc"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"built imscc, moodle into {tmp_path}"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "imscc/mini-kursus.imscc", "moodle/competencies.csv", "moodle/mini-kursus.mbz",
        "moodle/paths/mini-kursus-teamleder.mbz", "moodle/questions.gift.txt", "moodle/questions.xml"]
    lines = err.splitlines()
    assert "warning: quizzes/intro.yaml:39: gift: matching 'intro-match' loses its correct/incorrect feedback " \
           "(questions.xml has it)" in lines
    assert any(line.startswith("warning: quizzes/intro.yaml:61: imscc: scenario question 'intro-scenarie' left out")
               for line in lines)
