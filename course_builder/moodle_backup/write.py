"""The backup's files: every XML file from its template under templates/moodle_backup/, checked by lxml."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from course_builder.moodle_backup import plan as p
from course_builder.moodle_backup.plan import Backup
from course_builder.templating import TemplateProblem, Templates

TEMPLATES = "moodle_backup"
NULL = "$@NULL@$"  # how Moodle's backup writes a database NULL


@dataclass(frozen=True)
class MoodleRelease:
    """What the backup says about the Moodle that made it: 4.5.0, so every 4.5 site restores it silently."""

    version: int = 2024100700
    release: str = "4.5 (Build: 20241007)"
    backup_version: int = 2024100700
    backup_release: str = "4.5"
    plugin_version: int = 2024100700  # mod_scorm and mod_quiz in 4.5
    wwwroot: str = "https://course-builder.invalid"
    site_identifier_hash: str = "c0d5e6b1d2e4f3a5b6c7d8e9f0a1b2c3"  # no real site's: a restore is never "same site"


MOODLE_45 = MoodleRelease()

ROOT_SETTINGS = (
    ("imscc11", 0), ("users", 0), ("anonymize", 0), ("role_assignments", 0), ("activities", 1), ("blocks", 1),
    ("files", 1), ("filters", 1), ("comments", 0), ("badges", 1), ("calendarevents", 1), ("userscompletion", 0),
    ("logs", 0), ("grade_histories", 0), ("questionbank", 1), ("groups", 1), ("competencies", 1),
    ("customfield", 1), ("contentbankcontent", 1), ("xapistate", 0), ("legacyfiles", 1),
)

ROOT_FILES = ("badges.xml", "completion.xml", "files.xml", "gradebook.xml", "groups.xml", "moodle_backup.xml",
              "outcomes.xml", "questions.xml", "roles.xml", "scales.xml")
SHARED_ROOT_FILES = {"grade_history.xml": "shared/grade_history.xml"}
COURSE_FILES = {
    "calendar.xml": "shared/calendar.xml", "competencies.xml": "course/competencies.xml",
    "completiondefaults.xml": "course/completiondefaults.xml", "contentbank.xml": "course/contentbank.xml",
    "course.xml": "course/course.xml", "enrolments.xml": "course/enrolments.xml", "filters.xml": "shared/filters.xml",
    "inforef.xml": "course/inforef.xml", "roles.xml": "shared/roles.xml",
}
SECTION_FILES = {"inforef.xml": "sections/inforef.xml", "section.xml": "sections/section.xml"}
ACTIVITY_FILES = {
    "calendar.xml": "shared/calendar.xml", "competencies.xml": "activities/competencies.xml",
    "filters.xml": "shared/filters.xml", "grade_history.xml": "shared/grade_history.xml",
    "grades.xml": "activities/grades.xml", "inforef.xml": "activities/inforef.xml",
    "module.xml": "activities/module.xml", "roles.xml": "shared/roles.xml",
}


def backup_files(backup: Backup, templates: Templates, course_summary: str,
                 release: MoodleRelease = MOODLE_45) -> dict[str, bytes]:
    """Every file of the backup, by its path in the archive (content files included)."""
    _add_filters(templates)
    values = dict(
        backup=backup, settings=backup.course.settings, moodle=release, course_summary=course_summary,
        course_id=p.COURSE_ID, course_context_id=p.COURSE_CONTEXT_ID, system_context_id=p.SYSTEM_CONTEXT_ID,
        student_role_id=p.STUDENT_ROLE_ID, criteria_activity=p.CRITERIA_ACTIVITY, aggregation_all=p.AGGREGATION_ALL,
        grade_aggregation=p.GRADE_AGGREGATION_NATURAL, course_tags=backup.course.settings.keywords,
        root_settings=(("filename", backup.filename),) + ROOT_SETTINGS,
        ordering_layout=p.ORDERING_LAYOUT, ordering_select=p.ORDERING_SELECT, ordering_grading=p.ORDERING_GRADING,
        ordering_show_grading=p.ORDERING_SHOW_GRADING, force_new_attempt=p.SCORM_FORCEATTEMPT_ONCOMPLETE,
    )
    files: dict[str, bytes] = {}

    def write(path: str, template: str, **extra) -> None:
        files[path] = render_xml(templates, f"{TEMPLATES}/{template}.j2", **values, **extra)

    for name in ROOT_FILES:
        write(name, name)
    for name, template in SHARED_ROOT_FILES.items():
        write(name, template)
    for name, template in COURSE_FILES.items():
        write(f"course/{name}", template)
    for section in backup.sections:
        for name, template in SECTION_FILES.items():
            write(f"{section.directory}/{name}", template, section=section)
    for activity in backup.activities:
        for name, template in ACTIVITY_FILES.items():
            write(f"{activity.directory}/{name}", template, activity=activity)
        write(f"{activity.directory}/{activity.modulename}.xml", f"activities/{activity.modulename}.xml",
              activity=activity)
    files.update(backup.pool.pool_files())
    return files


def render_xml(templates: Templates, name: str, **values) -> bytes:
    """A template's output, which must be well-formed XML: a broken (overridden) template is a problem."""
    data = templates.render(name, **values).encode("utf-8")
    try:
        etree.fromstring(data)
    except etree.XMLSyntaxError as error:
        raise TemplateProblem(_template_path(templates, name), error.lineno or 1,
                              f"not well-formed XML: {error.msg}") from None
    return data


def _template_path(templates: Templates, name: str) -> Path:
    try:
        return templates.file(name)
    except FileNotFoundError:
        return Path(name)


def moodle_value(value) -> str:
    """A field as Moodle's backup writes it: NULL as $@NULL@$, booleans as 1 and 0."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def decimals(value: float, places: int) -> str:
    """Moodle's decimal columns as backed up: 100.00000, 0.3333333, -0.5000000."""
    text = f"{value:.{places}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _add_filters(templates: Templates) -> None:
    templates.environment.filters.setdefault("v", moodle_value)
    templates.environment.filters.setdefault("decimals", decimals)
