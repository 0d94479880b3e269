"""A course backup per role path, the competency framework and the competency links, checked against the
build and against what a real Moodle 4.5.6 made of them (tests/fixtures/moodle-paths, see its README).

Moodle sources behind what is asserted:
- competency links in a backup: backup/moodle2/backup_stepslib.php (backup_course_competencies_structure_step,
  backup_activity_competencies_structure_step) and restore_stepslib.php (restore_course_competencies_structure_step,
  restore_activity_competencies_structure_step: a link is restored by the framework's and competency's idnumbers);
- the rating on completion: competency/classes/api.php observe_course_module_completion_updated (rule outcome 3,
  "complete", adds evidence that rates the competency with the scale's default value);
- the framework file: admin/tool/lpimportcsv/classes/framework_importer.php and framework_exporter.php.
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

import pytest

from course_builder.moodle_backup.competencies import HEADERS, framework_competencies, taught_references
from tests.exporters.backup_reader import MoodleBackup
from tests.exporters.test_mbz import get_build
from tests.support import FIXTURES

RECORDED = FIXTURES / "moodle-paths"
COMPETENCIES = FIXTURES / "moodle-competencies"


def rows(name: str) -> list[dict[str, str]]:
    with open(RECORDED / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def path_backup(build, role: str) -> MoodleBackup:
    return MoodleBackup.read((build.out / "moodle" / "paths" / f"{build.course.settings.id}-{role}.mbz").read_bytes())


def competency_links(backup: MoodleBackup) -> dict[int, list[tuple[str, str]]]:
    """Section number → (idnumber, rule outcome) of each competency its activities link, in order."""
    links = {}
    for section in backup.sections:
        xml = backup.xml(f"{section['directory']}/section.xml")
        found = []
        for cmid in filter(None, (xml.findtext("sequence") or "").split(",")):
            directory = next(a["directory"] for a in backup.activities if a["moduleid"] == cmid)
            for competency in backup.xml(f"{directory}/competencies.xml").iterfind("competencies/competency"):
                found.append((competency.findtext("idnumber"), competency.findtext("ruleoutcome")))
        links[int(xml.findtext("number"))] = found
    return links


@pytest.mark.parametrize("key", ["minimal-scorm", "course-scorm", "course-native"])
def test_each_role_path_is_a_backup_of_exactly_the_modules_that_declare_the_role(backup_builds, key):
    build = get_build(backup_builds, key)
    paths = build.course.paths
    assert paths, "the course has role paths"
    written = sorted(p.name for p in (build.out / "moodle" / "paths").iterdir())
    assert written == sorted(f"{build.course.settings.id}-{p.role}.mbz" for p in paths)
    for path in paths:
        backup = path_backup(build, path.role)
        names = [s["title"] for s in backup.sections[1:]]
        assert [n.split(". ", 1)[1] for n in names] == [m.title for m in path.modules]
        criteria = backup.xml("completion.xml").findall("course_completion_criteria")
        activities = len(backup.activities)
        assert len(criteria) == activities  # no optional module: every activity counts


def test_a_paths_optional_module_neither_opens_the_next_nor_counts_for_completion(minimal_course):
    from tests.exporters.conftest import build_moodle
    from tests.support import edit
    edit(minimal_course / "modules/02-roller.md", "minutes: 5\n", "minutes: 5\nroles: [teamleder]\n")
    (minimal_course / "course.yaml").write_text((minimal_course / "course.yaml").read_text()
                                                + "paths:\n  teamleder:\n    optional: [roller]\n")
    out = build_moodle(minimal_course)
    backup = MoodleBackup.read((out / "moodle/paths/mini-kursus-teamleder.mbz").read_bytes())
    sections = {s["title"]: backup.xml(f"{s['directory']}/section.xml") for s in backup.sections[1:]}
    assert [t.split(". ", 1)[1] for t in sections] == ["Introduktion", "Roller"]
    assert all(x.findtext("availabilityjson") == "$@NULL@$" for x in sections.values())
    criteria = backup.xml("completion.xml").findall("course_completion_criteria")
    intro_cms = (sections[next(iter(sections))].findtext("sequence") or "").split(",")
    assert sorted(c.findtext("moduleinstance") for c in criteria) == sorted(intro_cms)


@pytest.mark.parametrize("key", ["minimal-scorm", "course-scorm", "minimal-native"])
def test_a_modules_completing_activity_rates_the_competencies_it_teaches(backup_builds, key):
    build = get_build(backup_builds, key)
    backup = MoodleBackup.read(build.mbz.read_bytes())
    links = competency_links(backup)
    for number, module in enumerate(build.course.modules, 1):
        assert links[number] == [(r, "3") for r in taught_references(module)]
    course = backup.xml("course/competencies.xml")
    assert course.findtext("settings/pushratingstouserplans") == "1"
    listed = [c.findtext("idnumber") for c in course.iterfind("competencies/competency")]
    assert listed == list(dict.fromkeys(r for m in build.course.modules for r in taught_references(m)))
    assert {c.findtext("frameworkidnumber") for c in course.iterfind("competencies/competency")} == {
        build.course.settings.id}


def parse_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize("key", ["minimal-scorm", "course-scorm"])
def test_the_framework_file_has_the_columns_and_quoting_of_moodles_own_export(backup_builds, key):
    build = get_build(backup_builds, key)
    data = (build.out / "moodle" / "competencies.csv").read_bytes()
    moodles = (COMPETENCIES / "exported-framework.csv").read_bytes()
    assert data.split(b"\n", 1)[0] == moodles.split(b"\n", 1)[0]  # the header line, byte for byte
    table = parse_csv(data)
    assert tuple(table[0]) == HEADERS and all(len(r) == len(HEADERS) for r in table)
    framework, competencies = table[1], table[2:]
    assert framework[1] == build.course.settings.id and framework[12] == "1"
    assert json.loads(framework[6])[1:] == [{"id": 1, "scaledefault": 0, "proficient": 0},
                                            {"id": 2, "scaledefault": 1, "proficient": 1}]
    seen = set()
    for row in competencies:
        assert row[0] == "" or row[0] in seen, f"{row[1]}: its parent comes first"
        seen.add(row[1])
    assert seen >= set(build.course.references)
    assert [r[1] for r in competencies] == [c.idnumber for c in framework_competencies(build.course)]


# --- what the real Moodle made of it ------------------------------------------------------------

def test_moodle_imported_every_row_of_the_framework_file_with_its_parent():
    imported = parse_csv((RECORDED / "imported-competencies.csv").read_bytes())[2:]
    stored = rows("framework")
    assert sorted((r["idnumber"], r["parent"], r["shortname"]) for r in stored) == sorted(
        (r[1], r[0], r[2]) for r in imported)
    assert rows("scale")[0]["scale"] == parse_csv((RECORDED / "imported-competencies.csv").read_bytes())[1][5]


def test_moodle_restored_every_competency_link_of_each_path_backup():
    stored = defaultdict(list)
    section_of = {(r["course"], r["cmid"]): int(r["section"]) for r in rows("course_modules")}
    for r in rows("module_competencies"):
        stored[r["course"], section_of[r["course"], r["cmid"]]].append((r["idnumber"], r["ruleoutcome"]))
    for folder in (RECORDED / "restored-backups").iterdir():
        backup = MoodleBackup.unpacked(folder)
        course = "i22-" + folder.name.removeprefix("tm-ledelse-")
        sections = backup_sections(backup)
        links = {n: found for n, found in competency_links_unpacked(backup, sections).items() if found}
        assert links and links == {n: stored[course, n] for n in links}
    settings = rows("course_competency_settings")
    assert {r["pushratingstouserplans"] for r in settings} == {"1"}


def backup_sections(backup: MoodleBackup) -> dict[int, list[str]]:
    sections = {}
    for name in backup.files:
        if name.endswith("/section.xml"):
            xml = backup.xml(name)
            sections[int(xml.findtext("number"))] = [c for c in (xml.findtext("sequence") or "").split(",") if c]
    return sections


def competency_links_unpacked(backup: MoodleBackup, sections: dict[int, list[str]]) -> dict[int, list]:
    links = {}
    for number, cmids in sections.items():
        links[number] = [(c.findtext("idnumber"), c.findtext("ruleoutcome"))
                         for cmid in cmids for name in backup.files if name.endswith(f"_{cmid}/competencies.xml")
                         for c in backup.xml(name).iterfind("competencies/competency")]
    return links


def test_each_section_of_a_restored_path_opens_after_the_previous_one():
    cm_of = {(r["course"], int(r["section"])): r["cmid"] for r in rows("course_modules")}
    for r in rows("sections"):
        number = int(r["section"])
        if number <= 1:
            assert r["availability"] == ""
        else:
            condition = json.loads(r["availability"])["c"]
            assert condition == [{"type": "completion", "cm": int(cm_of[r["course"], number - 1]), "e": 1}]


def test_each_student_completed_exactly_their_path_and_moodle_completed_the_course():
    enrolled = {r["username"]: r["course"] for r in rows("enrolments")}
    assert len(set(enrolled.values())) == len(enrolled) == 3  # one student of each leader role
    cms = defaultdict(set)
    for r in rows("course_modules"):
        cms[r["course"]].add(r["cmid"])
    criteria = defaultdict(set)
    for r in rows("completion_criteria"):
        assert r["criteriatype"] == "4"  # activity completion
        criteria[r["course"]].add(r["cmid"])
    done = defaultdict(set)
    for r in rows("course_modules_completion"):
        assert r["completionstate"] in ("1", "2")
        done[r["username"]].add(r["cmid"])
    for user, course in enrolled.items():
        assert criteria[course] == cms[course] == done[user]
    assert {(r["username"], r["course"], r["complete"]) for r in rows("course_completions")} == {
        (u, c, "t") for u, c in enrolled.items()}


def test_completing_the_modules_rated_exactly_the_competencies_they_teach():
    enrolled = {r["username"]: r["course"] for r in rows("enrolments")}
    taught = defaultdict(set)
    for r in rows("module_competencies"):
        taught[r["course"]].add(r["idnumber"])
    rated = defaultdict(set)
    for r in rows("user_competencies"):
        assert (r["proficiency"], r["grade"]) == ("1", "2")  # proficient, the scale's second value ("Kompetent")
        rated[r["username"]].add(r["idnumber"])
    for user, course in enrolled.items():
        assert rated[user] == taught[course]
    assert rated["i22s-chef"] != rated["i22s-ledere"]  # the role modules teach different sections


def test_a_new_student_of_each_role_sees_only_their_path_with_the_first_module_open():
    """students-first-visit.json: what a fresh student of each role saw on Moodle's course page (Chromium)."""
    from course_builder.content.load import load_course
    from tests.support import REPO
    course = load_course(REPO).course
    visits = json.loads((RECORDED / "students-first-visit.json").read_text(encoding="utf-8"))
    assert len(visits) == 3
    for user, seen in visits.items():
        path = course.path(seen["course"].removeprefix("i22-"))
        assert {c.split("\n")[-1] for c in seen["my_courses"]} == {f"{course.settings.title}: {path.label}"}
        sections = seen["sections"][1:]  # after "General"
        assert [s["name"] for s in sections] == [f"{n}. {m.title}" for n, m in enumerate(path.modules, 1)]
        assert sections[0]["restricted"] == "" and sections[0]["activities"]
        assert all("Not available unless" in s["restricted"] and not s["activities"] for s in sections[1:])


def test_each_student_finished_every_module_through_moodles_scorm_api():
    students = json.loads((RECORDED / "students.json").read_text(encoding="utf-8"))
    for user, seen in students.items():
        assert all(call["api"] == ["true"] * 4 for call in seen["opened"])  # SetValue score, status, Commit, Finish


def test_a_plan_from_a_roles_template_shows_every_competency_of_the_path_rated():
    """learning-plans.json: the ratings the course pushed (pushratingstouserplans) are what the plan shows."""
    plans = json.loads((RECORDED / "learning-plans.json").read_text(encoding="utf-8"))
    linked = {r["course"].removeprefix("i22-"): int(r["course_competencies"]) for r in rows("course_competency_settings")}
    assert {p["role"] for p in plans} == set(linked)
    for plan in plans:
        assert plan["competencies"] == plan["plan_competencies"] == plan["proficient"] == linked[plan["role"]]


def test_moodles_import_form_offers_each_column_of_the_file_for_its_own_column():
    """ui-import.json: HR's steps in Moodle's form need no change to the column mapping (import_confirm maps by
    position, admin/tool/lpimportcsv/classes/form/import_confirm.php)."""
    recorded = json.loads((RECORDED / "ui-import.json").read_text(encoding="utf-8"))
    assert [required for required, _ in recorded["form_mapping"]] == list(HEADERS)
    assert all(required == offered for required, offered in recorded["form_mapping"])
    imported = parse_csv((RECORDED / "imported-competencies.csv").read_bytes())
    assert recorded["competencies_stored"] == len(imported) - 2  # every row but the header and the framework's


def test_a_module_passed_in_moodles_player_rates_exactly_the_competencies_it_teaches():
    """player-walk.json: the player itself (not a scripted API call) finished module 1 with passed; Moodle marked
    the activity complete and rated the competencies linked to it, and nothing else."""
    walk = json.loads((RECORDED / "player-walk.json").read_text(encoding="utf-8"))
    tracks = {t["element"]: t["value"] for t in walk["tracks"]}
    assert tracks["cmi.core.lesson_status"] == "passed" and float(tracks["cmi.core.score.raw"]) >= 80
    assert walk["course_modules_completion"] == [{"cmid": walk["cmid"], "completionstate": "1"}]
    linked = {r["idnumber"] for r in rows("module_competencies") if r["course"] == walk["course"] and r["cmid"] == walk["cmid"]}
    assert {c["idnumber"] for c in walk["user_competencies"]} == linked
    assert {(c["proficiency"], c["grade"]) for c in walk["user_competencies"]} == {("1", "2")}
