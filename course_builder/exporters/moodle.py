"""The Moodle folder, dist/moodle/: everything made for a Moodle site from its own bank and formats.

One format, one folder: the build swaps whole format folders into dist/, so the files that share
dist/moodle/ are written by this one exporter, each by a writer module of its own:
- questions.xml       the question bank as a Moodle XML import file (exporters/moodle_xml.py)
- questions.gift.txt  the same in GIFT, for the types GIFT can carry (exporters/gift.py)
- competencies.csv    the reference vocabulary as a competency framework (moodle_backup/competencies.py)
- <course-id>.mbz     the course backup Moodle restores into the whole course (exporters/mbz.py)
- paths/<course-id>-<role>.mbz  a course backup per role path (exporters/mbz.py)
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from course_builder.exporters import BuildContext, register
from course_builder.exporters.gift import gift
from course_builder.exporters.mbz import backup_strings, course_backups
from course_builder.exporters.moodle_xml import moodle_xml
from course_builder.moodle_backup.archive import write_mbz
from course_builder.moodle_backup.competencies import Scale, framework_csv
from course_builder.moodle_questions import QuestionBank, moodle_strings, question_bank
from course_builder.packaging import write_files
from course_builder.templating import fill


def question_files(context: BuildContext, bank: QuestionBank) -> dict[str, bytes]:
    settings = context.course.settings
    t = moodle_strings(context.rendered.templates, settings.language)
    header = [fill(line, course=settings.title, version=settings.version) for line in t["gift_header"].splitlines()]
    as_gift = gift(bank, header)
    for loss in as_gift.warnings:
        context.lose(MoodleExporter.name, loss)
    return {
        "questions.xml": moodle_xml(bank),
        "questions.gift.txt": as_gift.text.encode("utf-8"),
    }


def competency_framework(context: BuildContext, bank: QuestionBank) -> dict[str, bytes]:
    """competencies.csv: the reference vocabulary as the competency framework Moodle imports."""
    settings = context.course.settings
    t = backup_strings(context.rendered.templates, settings.language)
    name = fill(t["framework_name"], title=settings.title)
    scale = Scale(tuple(t["competency_scale"].split(",")))
    return {"competencies.csv": framework_csv(context.course, name, t["framework_description"], scale)}


# Each writer of a file in dist/moodle/, in order; then the course backups (exporters/mbz.py).
PARTS = [question_files, competency_framework]


@register
class MoodleExporter:
    name = "moodle"
    description = ("dist/moodle/: the question bank as Moodle XML (questions.xml) and GIFT (questions.gift.txt), "
                   "and the course backup <course-id>.mbz")
    requires: tuple[str, ...] = ("scorm12",)  # the course backup holds its module packages byte for byte

    def export(self, context: BuildContext, out: Path) -> None:
        bank = context.shared("question bank", lambda: question_bank(context.course, context.rendered.templates))
        for warning in bank.warnings:
            context.warn(warning)
        files: dict[str, bytes] = {}
        for part in PARTS:
            files.update(part(context, bank))
        write_files(out, files)
        for name, backup in course_backups(context, bank).items():
            context.in_background(partial(write_mbz, out / name, backup))
