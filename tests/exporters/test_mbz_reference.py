"""The course backup against the backup a real Moodle 4.5.6 made of a course of the same shape.

The reference (../shared/reference/moodle/backup/unpacked-nousers) has 3 sections, each a SCORM 1.2
activity and a quiz, access in order and course completion. For each kind of file (the root files,
the course's, a section's, a SCORM activity's, a quiz's, a question of each type) ours must have the
same files and the same elements and attributes. Every difference is listed below with its reason;
any other difference fails.
"""
from __future__ import annotations

import pytest

from tests.exporters.backup_reader import MoodleBackup, element_paths
from tests.exporters.bank_checks import reference_dir

QUESTION = ("question_category/question_bank_entries/question_bank_entry/question_version/"
            "question_versions/questions/question")

# Files of the reference that ours leaves out, and why.
MISSING_FILES = {
    "moodle_backup.log": "Moodle's log of its own backup run; restore never reads it",
    "activities/forum": "the reference's Announcements forum in section 0: our course has no news forum (newsitems 0)",
}

# Elements (or attributes) one side has and the other has not: (file kind, path) → reason.
ONLY_OURS = {
    ("course/course.xml", "/course/tags/tag"): "the course's keywords become course tags",
    ("course/course.xml", "/course/tags/tag@id"): "the course's keywords become course tags",
    ("course/course.xml", "/course/tags/tag/name"): "the course's keywords become course tags",
    ("course/course.xml", "/course/tags/tag/rawname"): "the course's keywords become course tags",
    # The reference course linked no competency; the element names are those of backup/moodle2/backup_stepslib.php
    # (backup_course_competencies_structure_step, backup_activity_competencies_structure_step), and a real
    # Moodle 4.5.6 restored them (tests/fixtures/moodle-paths).
    **{("course/competencies.xml", f"/course_competencies{tail}"): "each module's competencies, linked in the course"
       for tail in ("/settings", "/settings@id", "/settings/pushratingstouserplans", "/competencies/competency",
                    *(f"/competencies/competency/{f}" for f in ("id", "idnumber", "ruleoutcome", "sortorder",
                                                                "frameworkid", "frameworkidnumber")))},
    **{(f"activities/{kind}/competencies.xml", f"/course_module_competencies/competencies/competency{tail}"):
       "the competencies a module teaches, rated when its activity is complete"
       for kind in ("scorm", "quiz")
       for tail in ("", *(f"/{f}" for f in ("idnumber", "ruleoutcome", "sortorder", "frameworkidnumber", "overridegrade")))},
}
ONLY_REFERENCE = {
    **{("question", f"/question/question_hints/question_hint{tail}"): "our questions have no hints"
       for tail in ("", "@id", "/hint", "/hintformat", "/shownumcorrect", "/clearwrong", "/options")},
}
# Question types of the reference that no question of ours becomes.
QTYPES_NOT_OURS = {"shortanswer": "no question type of the content format is a short answer"}
# In scorm mode the quiz is inside each SCORM package: no Moodle quiz, and the backup's bank is empty.
SCORM_MODE_MISSING_FILES = {"activities/quiz": "scorm mode: the quiz is inside the SCORM package"}
SCORM_MODE_EMPTY = {"questions.xml": "scorm mode: no Moodle quiz, so no question bank"}
SCORM_MODE_ONLY_REFERENCE = {
    ("course/inforef.xml", f"/inforef/question_categoryref{tail}"): "scorm mode: no question bank to refer to"
    for tail in ("", "/question_category", "/question_category/id")
}


def read_built(backup_builds, key: str) -> MoodleBackup:
    if key not in backup_builds:
        pytest.skip("the repository's course does not validate yet")
    return MoodleBackup.read(backup_builds[key].mbz.read_bytes())


# The minimal fixture has every question type and a module without a quiz; the repository's course is the real one.
@pytest.fixture(scope="module", params=["minimal-scorm", "minimal-native", "course-scorm", "course-native"])
def ours(request, backup_builds) -> tuple[str, MoodleBackup]:
    return request.param, read_built(backup_builds, request.param)


@pytest.fixture(scope="module")
def reference() -> MoodleBackup:
    moodle = reference_dir()
    if moodle is None:
        pytest.skip("../shared/reference/moodle is absent")
    return MoodleBackup.unpacked(moodle / "backup" / "unpacked-nousers")


def file_kinds(backup: MoodleBackup) -> dict[str, list[str]]:
    """Each file by its kind: activities/scorm/scorm.xml for every SCORM activity's scorm.xml, and so on."""
    kinds: dict[str, list[str]] = {}
    for name in backup.files:
        parts = name.split("/")
        if parts[0] == "files":
            continue
        if parts[0] == "activities":
            kind = f"activities/{parts[1].rsplit('_', 1)[0]}/{parts[2]}"
        elif parts[0] == "sections":
            kind = f"sections/*/{parts[2]}"
        else:
            kind = name
        kinds.setdefault(kind, []).append(name)
    return kinds


def shape(backup: MoodleBackup, names: list[str]) -> set[str]:
    return set().union(*(element_paths(backup.xml(n)) for n in names))


def questions_by_type(backup: MoodleBackup) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for question in backup.questions.iterfind(QUESTION):
        found.setdefault(question.findtext("qtype"), set()).update(element_paths(question))
    return found


def test_the_same_files_for_the_same_kinds_of_activity(ours, reference):
    key, backup = ours
    mode = key.rsplit("-", 1)[1]
    theirs, mine = file_kinds(reference), file_kinds(backup)
    justified = {**MISSING_FILES, **(SCORM_MODE_MISSING_FILES if mode == "scorm" else {})}
    missing = {k for k in theirs if k not in mine}
    explained = {k for k in missing if k in justified or any(k.startswith(f"{m}/") for m in justified)}
    assert missing == explained
    assert set(mine) - set(theirs) == set()
    if mode == "native":
        assert {k.split("/")[1] for k in mine if k.startswith("activities/")} == {"scorm", "quiz"}


def test_the_same_elements_in_each_kind_of_file(ours, reference):
    key, backup = ours
    mode = key.rsplit("-", 1)[1]
    theirs, mine = file_kinds(reference), file_kinds(backup)
    only_reference = {**ONLY_REFERENCE, **(SCORM_MODE_ONLY_REFERENCE if mode == "scorm" else {})}
    differences = set()
    for kind in sorted(set(theirs) & set(mine)):
        if kind.endswith(".ARCHIVE_INDEX") or (mode == "scorm" and kind in SCORM_MODE_EMPTY):
            continue
        if kind == "questions.xml":
            continue  # compared question type by question type below
        reference_shape, our_shape = shape(reference, theirs[kind]), shape(backup, mine[kind])
        differences |= {("only ours", kind, p) for p in our_shape - reference_shape if (kind, p) not in ONLY_OURS}
        differences |= {("only reference", kind, p) for p in reference_shape - our_shape
                        if (kind, p) not in only_reference}
    assert differences == set()


def test_the_same_question_elements_for_the_same_question_types(ours, reference):
    key, backup = ours
    theirs, mine = questions_by_type(reference), questions_by_type(backup)
    if key.endswith("-scorm"):
        assert mine == {}
        return
    assert set(mine) - set(theirs) == set()
    if key == "minimal-native":  # every question type of the content format
        assert set(theirs) - set(mine) == set(QTYPES_NOT_OURS)
    differences = set()
    for qtype in mine:
        differences |= {("only ours", qtype, p) for p in mine[qtype] - theirs[qtype]
                        if ("question", p) not in ONLY_OURS}
        differences |= {("only reference", qtype, p) for p in theirs[qtype] - mine[qtype]
                        if ("question", p) not in ONLY_REFERENCE}
    assert differences == set()


def test_the_category_and_bank_entry_shape_is_the_references(backup_builds, reference):
    backup = read_built(backup_builds, "minimal-native")

    def outer(b: MoodleBackup) -> set[str]:
        return {p for p in element_paths(b.questions) if "/questions/question/" not in p}
    assert outer(backup) == outer(reference)
