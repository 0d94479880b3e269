"""HR's report per role: completion of each role's path and the hardest questions as that role answered them.
The role comes from what Moodle writes (the file names of downloads from a course per role path: Moodle names
each download after the course's short name, report/completion/index.php and report/progress/index.php) or from
HR's list (--roles). Checked on downloads a real Moodle 4.5.6 wrote (tests/fixtures/moodle-paths/downloads, and
tests/fixtures/moodle-downloads for answers)."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from course_builder.content import load_course
from course_builder.report.pipeline import analyse_exports
from course_builder.report.roles import role_in_file_name
from tests.support import FIXTURES, REPO

PATHS = FIXTURES / "moodle-paths"
ANSWERS = FIXTURES / "moodle-downloads" / "english"
# HR's list for the twelve learners of the answers fixture: the role ids and labels both work.
ROLE_LIST = ("E-mail;Rolle\n" + "".join(
    f"i17s{n}@example.invalid;{'Leder for chefer' if n <= 4 else 'leder-for-ledere' if n <= 8 else 'Leder for medarbejdere'}\n"
    for n in range(1, 13)))


@pytest.fixture(scope="module")
def course():
    return load_course(REPO).course


def recorded(name: str) -> list[dict[str, str]]:
    with open(PATHS / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_role_is_the_role_id_in_the_file_name_as_a_whole(course):
    assert role_in_file_name("completion-tm-ledelse-leder-for-medarbejdere-20261206_0214-comma_separated.csv",
                             course) == "leder-for-medarbejdere"
    assert role_in_file_name("progress.i22-medarbejder.csv", course) == "medarbejder"
    assert role_in_file_name("i22-leder-for-chefer Fundamentet_ lektion og quiz.txt", course) == "leder-for-chefer"
    assert role_in_file_name("completion-tm-ledelse-20261206.csv", course) is None


def test_downloads_of_the_path_courses_split_completion_by_role(course):
    analysis, problems = analyse_exports([PATHS / "downloads"], course)
    assert analysis is not None, [str(p) for p in problems]
    by_role = {r.role: r for r in analysis.roles}
    assert analysis.roles_source == "files"
    enrolled = {}  # role -> (learners, who completed), from what Moodle stored
    for row in recorded("course_completions"):
        enrolled.setdefault(row["course"].removeprefix("i22-"), set()).add(row["username"])
    for role, completed in enrolled.items():
        r = by_role[role]
        assert r.completed == len(completed) == 1
        assert r.learners == 2 and r.not_started == 1  # the fresh student of the same course never started
    assert by_role["medarbejder"].learners == 0  # no download from that course


def role_analysis(course, tmp_path, text=ROLE_LIST):
    roles = tmp_path / "roller.csv"
    roles.write_text(text, encoding="utf-8")
    return analyse_exports([ANSWERS], course, role_list=roles)


def test_hrs_list_splits_completion_and_the_hardest_questions_by_role(course, tmp_path):
    analysis, problems = role_analysis(course, tmp_path)
    assert analysis is not None, [str(p) for p in problems]
    assert analysis.roles_source == "list"
    by_role = {r.role: r for r in analysis.roles}
    learners = {l.email: l for l in analysis.learners}
    members = {"leder-for-chefer": range(1, 5), "leder-for-ledere": range(5, 9), "leder-for-medarbejdere": range(9, 13)}
    for role, numbers in members.items():
        emails = [f"i17s{n}@example.invalid" for n in numbers]
        r = by_role[role]
        assert r.learners == len(emails)
        # the downloads are of a two-module course: its course completion (Moodle's) is the path's
        assert r.completed == sum(1 for e in emails if learners[e].course_completed_on)
        assert r.completed + r.in_progress + r.not_started == r.learners
        # the role's answers are exactly what the whole report says when only that role's learners count
        others = [f"i17s{n}@example.invalid" for n in range(1, 13) if n not in numbers] + ["Lærer I17 Teacher"]
        alone, _ = analyse_exports([ANSWERS / f for f in ("cm86-interactions-all-summaries", "cm87-interactions-all-summaries")],
                                   course, not_learners=others)
        assert [(i.interaction_id, i.answered, i.correct, i.wrong_key) for i in r.items] == [
            (i.interaction_id, i.answered, i.correct, i.wrong_key) for i in alone.items]
    assert sum(r.learners for r in analysis.roles) == len(analysis.learners)


def test_a_role_the_course_has_no_path_for_stops_the_report_with_file_and_row(course, tmp_path):
    analysis, problems = role_analysis(course, tmp_path, "E-mail;Rolle\ni17s1@example.invalid;Direktør\n")
    assert analysis is None
    assert [(p.path.name, p.line) for p in problems] == [("roller.csv", 2)]
    assert "'Direktør'" in problems[0].message and "Leder for chefer" in problems[0].message


def test_the_command_writes_the_role_tables_and_the_page_section(course, tmp_path):
    roles = tmp_path / "roller.csv"
    roles.write_text(ROLE_LIST, encoding="utf-8")
    out = tmp_path / "report"
    result = subprocess.run([sys.executable, "-m", "course_builder", "report", str(ANSWERS), "--source", str(REPO),
                             "--roles", str(roles), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    table = (out / "pr-rolle.csv").read_text(encoding="utf-8-sig").splitlines()
    assert table[0].split(";")[:4] == ["Rolle-id", "Rolle", "Deltagere", "Har gennemført vejen"]
    assert [line.split(";")[0] for line in table[1:]] == [p.role for p in course.paths]
    per_question = (out / "pr-rolle-spoergsmaal.csv").read_text(encoding="utf-8-sig").splitlines()
    assert {line.split(";")[0] for line in per_question[1:]} == {"leder-for-chefer", "leder-for-ledere",
                                                                 "leder-for-medarbejdere"}
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="roller"' in page and "Sværeste for Leder for chefer" in page
