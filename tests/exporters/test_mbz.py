"""The course backup (dist/moodle/<course-id>.mbz) in both section modes, read back as Moodle's restore reads it.

Every structural test runs on the minimal fixture course and on the repository's own course, in both modes.
"""
from __future__ import annotations

import hashlib
import io
import shutil
import zipfile

import pytest

from course_builder.build import build
from course_builder.exporters.scorm12 import module_package
from course_builder.manifest import module_package_name
from course_builder.render import render_course
from tests.exporters.backup_reader import NULL, MoodleBackup
from tests.exporters.conftest import BackupBuild, build_course
from tests.support import edit

BUILDS = ["minimal-scorm", "minimal-native", "course-scorm", "course-native"]


def get_build(backup_builds: dict[str, BackupBuild], key: str) -> BackupBuild:
    if key not in backup_builds:
        pytest.skip("the repository's course does not validate yet")
    return backup_builds[key]


@pytest.fixture(scope="module", params=BUILDS)
def built(request, backup_builds) -> BackupBuild:
    return get_build(backup_builds, request.param)


@pytest.fixture(scope="module")
def backup(built) -> MoodleBackup:
    return MoodleBackup.read(built.mbz.read_bytes())


@pytest.fixture(scope="module", params=[b for b in BUILDS if b.endswith("-scorm")])
def scorm_mode(request, backup_builds) -> tuple[BackupBuild, MoodleBackup]:
    made = get_build(backup_builds, request.param)
    return made, MoodleBackup.read(made.mbz.read_bytes())


@pytest.fixture(scope="module", params=[b for b in BUILDS if b.endswith("-native")])
def native_mode(request, backup_builds) -> tuple[BackupBuild, MoodleBackup]:
    made = get_build(backup_builds, request.param)
    return made, MoodleBackup.read(made.mbz.read_bytes())


# --- the archive ---------------------------------------------------------------------------------

def test_the_backup_is_a_gzip_ustar_archive_with_moodles_index_first(built, backup):
    data = built.mbz.read_bytes()
    assert data[:2] == b"\x1f\x8b"
    assert backup.members[0].name == ".ARCHIVE_INDEX"
    index = backup.files[".ARCHIVE_INDEX"].decode("ascii").splitlines()
    assert index[0] == f"Moodle archive file index. Count: {len(backup.members) - 1}"
    listed = {line.split("\t")[0] for line in index[1:]}
    assert listed == {m.name + ("/" if m.isdir() else "") for m in backup.members[1:]}
    for member in backup.members:
        assert not member.pax_headers, member.name  # Moodle's extractor reads plain ustar headers only
        assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", "")


def test_moodle_backup_xml_lists_exactly_the_sections_and_activities_present(built, backup):
    folders = {name.rsplit("/", 1)[0] for name in backup.files if name.startswith(("activities/", "sections/"))}
    listed = {a["directory"] for a in backup.activities} | {s["directory"] for s in backup.sections}
    assert folders == listed
    modules = built.course.modules
    assert len(backup.sections) == len(modules) + 1  # section 0, then one per module
    section_ids = [s["sectionid"] for s in backup.sections]
    for activity in backup.activities:
        assert activity["sectionid"] in section_ids[1:]
        module = backup.module(activity["directory"])
        assert module.get("id") == activity["moduleid"]
        assert module.findtext("modulename") == activity["modulename"]
    settings = {s.findtext("name"): s.findtext("value") for s in backup.info.iterfind("settings/setting")}
    for item in backup.sections:
        assert settings[f"section_{item['sectionid']}_included"] == "1"
    for item in backup.activities:
        assert settings[f"{item['modulename']}_{item['moduleid']}_included"] == "1"
        assert settings[f"{item['modulename']}_{item['moduleid']}_userinfo"] == "0"
    assert settings["users"] == "0" and settings["filename"] == built.mbz.name


def test_every_inforef_id_resolves(backup):
    grade_items = {g.get("id") for name, data in backup.files.items() if name.endswith("grades.xml")
                   for g in backup.xml(name).iter("grade_item")}
    categories = {c.get("id") for c in backup.questions.iter("question_category")}
    roles = {r.get("id") for r in backup.xml("roles.xml").iter("role")}
    resolved = 0
    for name in (n for n in backup.files if n.endswith("inforef.xml")):
        inforef = backup.xml(name)
        for kind, known in (("file", backup.file_records), ("grade_item", grade_items),
                            ("question_category", categories), ("role", roles)):
            for ref in inforef.iterfind(f"*/{kind}"):
                assert ref.findtext("id") in known, f"{name}: {kind} {ref.findtext('id')}"
                resolved += 1
    assert resolved > 0


def test_an_activitys_files_and_grade_item_are_its_own(backup):
    for directory in backup.activity_dirs():
        inforef = backup.xml(f"{directory}/inforef.xml")
        activity = backup.xml(f"{directory}/{directory.split('/')[1].split('_')[0]}.xml")
        for ref in inforef.iterfind("fileref/file"):
            assert backup.file_records[ref.findtext("id")].findtext("contextid") == activity.get("contextid")
        assert [g.findtext("id") for g in inforef.iterfind("grade_itemref/grade_item")] == \
            [backup.grade_item(directory).get("id")]


def test_every_files_xml_entry_has_its_content_with_the_matching_sha1(backup):
    for record in backup.file_records.values():
        sha1 = record.findtext("contenthash")
        if record.findtext("filename") == ".":
            assert sha1 == hashlib.sha1(b"").hexdigest()
            continue
        content = backup.pooled(sha1)
        assert hashlib.sha1(content).hexdigest() == sha1
        assert len(content) == int(record.findtext("filesize"))
    pooled = {n for n in backup.files if n.startswith("files/")}
    used = {f"files/{r.findtext('contenthash')[:2]}/{r.findtext('contenthash')}"
            for r in backup.file_records.values() if r.findtext("filename") != "."}
    assert pooled == used  # nothing in the pool that no record names


# --- the SCORM activities ------------------------------------------------------------------------

def test_each_scorm_activity_holds_the_module_package_and_its_extracted_content(built, backup):
    modules = built.course.modules
    scorms = backup.activity_dirs("scorm")
    assert len(scorms) == len(modules)
    rendered = render_course(built.course)
    for module, directory in zip(modules, scorms):
        package_name = module_package_name(built.course, module)
        package = backup.area_files(directory, "package")
        assert list(package) == [package_name]
        if built.mode == "scorm":
            assert package[package_name] == (built.out / "scorm12" / "modules" / package_name).read_bytes()
        else:
            assert package[package_name] == module_package(rendered, module, include_quiz=False)
        with zipfile.ZipFile(io.BytesIO(package[package_name])) as archive:
            assert backup.area_files(directory, "content") == {n: archive.read(n) for n in archive.namelist()}
        scorm = backup.xml(f"{directory}/scorm.xml").find("scorm")
        assert scorm.findtext("reference") == package_name
        assert scorm.findtext("sha1hash") == hashlib.sha1(package[package_name]).hexdigest()
        assert scorm.findtext("version") == "SCORM_1.2"


def test_scorm_scoes_are_the_manifests_items_and_the_launch_is_the_module_page(backup):
    for directory in backup.activity_dirs("scorm"):
        scorm = backup.xml(f"{directory}/scorm.xml").find("scorm")
        scoes = {s.get("id"): s for s in scorm.iterfind("scoes/sco")}
        organization, item = list(scoes.values())
        assert organization.findtext("parent") == "/" and organization.findtext("launch") == ""
        assert item.findtext("parent") == organization.findtext("identifier")
        assert item.findtext("scormtype") == "sco"
        launch = scoes[scorm.findtext("launch")]
        assert launch is item
        assert launch.findtext("launch") in backup.area_files(directory, "content")


def test_scorm_activities_have_the_settings_the_hr_guide_gives_an_uploaded_package(backup):
    for directory in backup.activity_dirs("scorm"):
        scorm = backup.xml(f"{directory}/scorm.xml").find("scorm")
        settings = {name: scorm.findtext(name) for name in (
            "popup", "skipview", "hidetoc", "maxattempt", "whatgrade", "forcenewattempt", "lastattemptlock",
            "masteryoverride", "forcecompleted", "auto")}
        assert settings == {"popup": "0", "skipview": "2", "hidetoc": "1", "maxattempt": "0", "whatgrade": "0",
                            "forcenewattempt": "1", "lastattemptlock": "0", "masteryoverride": "1",
                            "forcecompleted": "0", "auto": "0"}


def test_scorm_mode_completes_on_passed_or_completed_with_the_mastery_score_as_grade_to_pass(scorm_mode):
    built, backup = scorm_mode
    mastery = built.course.settings.mastery_score
    assert backup.activity_dirs("quiz") == []
    for module, directory in zip(built.course.modules, backup.activity_dirs("scorm")):
        scorm = backup.xml(f"{directory}/scorm.xml").find("scorm")
        assert scorm.findtext("completionstatusrequired") == "6"
        assert backup.module(directory).findtext("completion") == "2"
        data = {d.findtext("name"): d.findtext("value") for d in scorm.iter("sco_data")}
        item = backup.grade_item(directory)
        if module.questions:
            assert data["masteryscore"] == str(mastery)
            assert scorm.findtext("grademethod") == "1"  # the highest score
            assert (item.findtext("grademax"), item.findtext("gradepass")) == ("100.00000", f"{mastery}.00000")
        else:
            assert "masteryscore" not in data  # a module without a quiz: the lesson counts as one learning object
            assert (scorm.findtext("grademethod"), item.findtext("grademax")) == ("0", "1.00000")


# --- the native sections -------------------------------------------------------------------------

def test_native_mode_pairs_a_lessons_only_scorm_with_a_moodle_quiz_completed_on_a_pass(native_mode):
    built, backup = native_mode
    settings = built.course.settings
    modules = built.course.modules
    quizzes = backup.activity_dirs("quiz")
    assert len(quizzes) == sum(1 for m in modules if m.questions)
    for directory in backup.activity_dirs("scorm"):
        scorm = backup.xml(f"{directory}/scorm.xml").find("scorm")
        assert scorm.findtext("completionstatusrequired") == "4"  # completed: the lessons have no score
        assert "masteryscore" not in {d.findtext("name") for d in scorm.iter("sco_data")}
    for directory in quizzes:
        module = backup.module(directory)
        assert (module.findtext("completion"), module.findtext("completiongradeitemnumber"),
                module.findtext("completionpassgrade")) == ("2", "0", "1")
        item = backup.grade_item(directory)
        assert (item.findtext("grademax"), item.findtext("gradepass")) == \
            ("100.00000", f"{settings.mastery_score}.00000")
        quiz = backup.xml(f"{directory}/quiz.xml").find("quiz")
        assert quiz.findtext("attempts_number") == str(settings.player.quiz_attempts)


def test_native_quizzes_ask_the_modules_bank_questions_once_and_never_an_essay(native_mode):
    built, backup = native_mode
    entries = backup.bank_entries()
    quizzes = zip([m for m in built.course.modules if m.questions], backup.activity_dirs("quiz"), strict=True)
    everything: list[str] = []
    for module, directory in quizzes:
        asked: list[str] = []
        quiz = backup.xml(f"{directory}/quiz.xml").find("quiz")
        slots = list(quiz.iterfind("question_instances/question_instance"))
        for number, slot in enumerate(slots, 1):
            assert slot.findtext("slot") == str(number)
            reference = slot.find("question_reference")
            assert reference.findtext("usingcontextid") == quiz.getparent().get("contextid")
            assert reference.findtext("version") == NULL  # always the latest version
            entry = entries[reference.findtext("questionbankentryid")]
            question = entry.find(".//question")
            assert question.findtext("qtype") != "essay"
            assert slot.findtext("maxmark") == question.findtext("defaultmark")
            asked.append(entry.findtext("idnumber"))
        total = sum(float(s.findtext("maxmark")) for s in slots)
        assert float(quiz.findtext("sumgrades")) == pytest.approx(total, abs=1e-5)
        expected = set()
        for question in module.questions:  # a scenario: its description, then one question per decision point
            expected |= {question.id} | {f"{question.id}.{n.id}" for n in question.decision_points()}
        assert set(asked) == expected, module.id
        everything += asked
    assert len(everything) == len(set(everything))  # never the same question twice
    essays = [e for e in entries.values() if e.find(".//qtype").text == "essay"]
    assert essays  # the reflections stay in the bank, for HR, outside every quiz


def test_native_lessons_do_not_ask_the_quiz_questions_again(native_mode):
    built, backup = native_mode
    for module, directory in zip(built.course.modules, backup.activity_dirs("scorm")):
        page = backup.area_files(directory, "content")[f"{module.id}/index.html"].decode("utf-8")
        for question in module.questions:
            assert f'id="q-{question.id}"' not in page and f'"{question.id}"' not in page


# --- access and completion, both modes -----------------------------------------------------------

def test_each_section_opens_when_the_previous_sections_activities_are_complete(backup):
    sections = backup.sections
    assert backup.availability(sections[0]["directory"]) is None
    assert backup.availability(sections[1]["directory"]) is None
    for previous, section in zip(sections[1:], sections[2:]):
        before = [a["moduleid"] for a in backup.activities if a["sectionid"] == previous["sectionid"]]
        assert backup.availability(section["directory"]) == {
            "op": "&",
            "c": [{"type": "completion", "cm": int(cmid), "e": 1} for cmid in before],
            "showc": [True] * len(before),
        }


def test_sections_are_named_and_summarised_from_their_modules(built, backup):
    for number, (module, section) in enumerate(zip(built.course.modules, backup.sections[1:]), 1):
        xml = backup.section_xml(section["directory"])
        assert xml.findtext("number") == str(number)
        assert module.title in xml.findtext("name")
        for objective in module.objectives:
            assert objective.split()[0] in xml.findtext("summary")
        sequence = [a["moduleid"] for a in backup.activities if a["sectionid"] == section["sectionid"]]
        assert xml.findtext("sequence") == ",".join(sequence)


def test_the_course_has_completion_on_and_completes_when_every_activity_is_complete(backup):
    course = backup.xml("course/course.xml")
    assert course.findtext("enablecompletion") == "1"
    completion = backup.xml("completion.xml")
    criteria = [(c.findtext("criteriatype"), c.findtext("module"), c.findtext("moduleinstance"))
                for c in completion.iterfind("course_completion_criteria")]
    assert criteria == [("4", a["modulename"], a["moduleid"]) for a in backup.activities]
    methods = {m.findtext("criteriatype"): m.findtext("method") for m in completion.iterfind("course_completion_aggr_methd")}
    assert methods == {NULL: "1", "4": "1"}  # all criteria, all activities


def test_every_activity_completes_automatically(backup):
    for directory in backup.activity_dirs():
        assert backup.module(directory).findtext("completion") == "2"


# --- the question bank ---------------------------------------------------------------------------

def test_the_bank_has_one_top_category_and_every_category_below_its_parent(built, backup):
    categories = {c.get("id"): c for c in backup.questions.iter("question_category")}
    if built.mode == "scorm":
        assert categories == {}  # the questions live in the SCORM packages
        return
    tops = [c for c in categories.values() if c.findtext("parent") == "0"]
    assert [c.findtext("name") for c in tops] == ["top"]
    for category in categories.values():
        assert category.findtext("parent") in categories or category.findtext("parent") == "0"
    stamps = [c.findtext("stamp") for c in categories.values()]
    assert len(stamps) == len(set(stamps))
    for entry in backup.bank_entries().values():
        assert entry.findtext("questioncategoryid") == entry.getparent().getparent().get("id")


# --- determinism ---------------------------------------------------------------------------------

def test_two_builds_give_identical_bytes(built, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(built.root, again, ignore=shutil.ignore_patterns("dist"))
    result = build(again, again / "dist", ["moodle"])
    assert result.ok
    assert (again / "dist" / "moodle" / built.mbz.name).read_bytes() == built.mbz.read_bytes()


# --- files of questions, and broken templates ----------------------------------------------------

def test_an_image_in_a_question_travels_as_a_question_file_of_the_bank(minimal_course):
    image = b"\x89PNG\r\n\x1a\n" + b"kort" * 10
    (minimal_course / "modules" / "kort.png").write_bytes(image)
    edit(minimal_course / "quizzes/intro.yaml", "prompt: Hvad er vores kerneopgave?",
         "prompt: \"![Kort over byen](kort.png) Hvad er vores kerneopgave?\"")
    out = build_course(minimal_course, "native")
    backup = MoodleBackup.read((out / "moodle" / "mini-kursus.mbz").read_bytes())
    entry = next(e for e in backup.bank_entries().values() if e.findtext("idnumber") == "intro-single")
    question = entry.find(".//question")
    assert 'src="@@PLUGINFILE@@/kort.png"' in question.findtext("questiontext")
    records = [r for r in backup.file_records.values() if r.findtext("filename") == "kort.png"]
    assert len(records) == 1
    record = records[0]
    assert (record.findtext("component"), record.findtext("filearea"), record.findtext("itemid")) == \
        ("question", "questiontext", question.get("id"))
    category = backup.questions.find("question_category")
    assert record.findtext("contextid") == category.findtext("contextid")  # the bank's context
    assert backup.pooled(record.findtext("contenthash")) == image


def test_a_course_template_that_writes_broken_xml_stops_the_build_with_its_file_and_line(minimal_course):
    override = minimal_course / "templates" / "moodle_backup" / "sections" / "section.xml.j2"
    override.parent.mkdir(parents=True)
    override.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<section id="{{ section.id }}">\n  <name>\n</section>\n',
                        encoding="utf-8")
    out = minimal_course / "dist"
    result = build(minimal_course, out, ["moodle"])
    assert not result.ok
    assert [p.display() for p in result.problems if "section.xml.j2" in p.display()] == [
        f"{override}:4: template error: not well-formed XML: "
        "Opening and ending tag mismatch: name line 3 and section, line 4, column 11. Fix the template, or delete "
        "it to use the built-in one."
    ]
    assert not out.exists()  # nothing was published
