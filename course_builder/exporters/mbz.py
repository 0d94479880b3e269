"""The course backup, dist/moodle/<course-id>.mbz: one file Moodle restores into the whole course.

A part of the `moodle` exporter (exporters/moodle.py), which owns dist/moodle/. What each section
holds comes from course.yaml's `moodle.section_content`:
- scorm (default): the module's SCORM 1.2 package, byte for byte the one in dist/scorm12/modules/,
  quiz included; complete on status passed or completed, grade to pass = the mastery score.
- native: the lessons as a SCORM 1.2 package without the quiz (complete on completed), and a Moodle
  quiz of the module's questions from the question bank (no reflection essays), complete on a pass.
Either way each section opens when the previous section's activities are complete, and the course is
complete when every activity is.
"""
from __future__ import annotations

import yaml

from course_builder.content.model import Course, Module
from course_builder.exporters import BuildContext
from course_builder.manifest import module_package_name
from course_builder.moodle_backup.archive import mbz_bytes
from course_builder.moodle_backup.plan import SectionTexts, plan_backup, quiz_questions
from course_builder.moodle_backup.scorm_package import ScormPackage, read_package
from course_builder.moodle_backup.write import backup_files
from course_builder.moodle_questions import QuestionBank, moodle_strings
from course_builder.render import Templates, fill

SCORM12_FORMAT = "scorm12"


def course_backup(context: BuildContext, bank: QuestionBank) -> dict[str, bytes]:
    """dist/moodle/<course-id>.mbz, from the SCORM 1.2 module packages and (native mode) the bank."""
    course = context.course
    native = course.settings.moodle_section_content == "native"
    packages = {m.id: read_package(module_package_name(course, m), module_package(context, m, native))
                for m in course.modules}
    filename = f"{course.settings.id}.mbz"
    texts = section_texts(course, context.rendered.templates, packages, bank if native else None)
    backup = plan_backup(course, packages, bank if native else None, texts, filename)
    files = backup_files(backup, context.rendered.templates, texts.course_summary)
    return {filename: mbz_bytes(files)}


def module_package(context: BuildContext, module: Module, native: bool) -> bytes:
    """scorm mode: the very bytes the scorm12 format wrote; native: the lessons-only package."""
    if native:
        from course_builder.exporters.scorm12 import module_package as scorm12_module_package

        return scorm12_module_package(context.rendered, module, include_quiz=False)
    built = context.output_dir(SCORM12_FORMAT) / "modules" / module_package_name(context.course, module)
    return built.read_bytes()


def backup_strings(templates: Templates, language: str) -> dict[str, str]:
    table = yaml.safe_load(templates.file("moodle_backup/strings.yaml").read_text(encoding="utf-8"))
    return {key: texts.get(language) or texts["da"] for key, texts in sorted(table.items())}


def section_texts(course: Course, templates: Templates, packages: dict[str, ScormPackage],
                  bank: QuestionBank | None) -> SectionTexts:
    settings = course.settings
    t = backup_strings(templates, settings.language)
    mastery = settings.mastery_score
    attempts = (fill(t["attempts"], n=settings.player.quiz_attempts) if settings.player.quiz_attempts
                else t["attempts_unlimited"])
    native = bank is not None
    question_counts = {m.id: sum(1 for q in quiz_questions(bank, m.id) if q.default_grade > 0)
                       for m in course.modules} if native else {}

    def html(template: str, **values) -> str:
        return templates.render(f"moodle_backup/texts/{template}.html.j2", course=course, t=t, **values).strip()

    texts = SectionTexts(
        course_summary=html("course_summary"),
        general_summary=html("general_summary"),
        section_names={}, section_summaries={}, scorm_names={}, scorm_intros={}, quiz_names={}, quiz_intros={},
        true_false=(moodle_strings(templates, settings.language)["answer_true"],
                    moodle_strings(templates, settings.language)["answer_false"]),
    )
    for number, module in enumerate(course.modules, 1):
        scored = _has_mastery(packages[module.id])
        quiz_count = question_counts.get(module.id, 0)
        texts.section_names[module.id] = fill(t["section_name"], n=number, title=module.title)
        if native:
            how = fill(t["how_native"], mastery=mastery) if quiz_count else t["how_scorm_no_quiz"]
            texts.scorm_names[module.id] = fill(t["scorm_name_lessons"], title=module.title)
            texts.scorm_intros[module.id] = html("intro", text=t["scorm_intro_lessons"] if quiz_count
                                                 else t["how_scorm_no_quiz"], attempts="")
        else:
            how = fill(t["how_scorm"], mastery=mastery) if scored else t["how_scorm_no_quiz"]
            texts.scorm_names[module.id] = fill(t["scorm_name_with_quiz" if scored else "scorm_name_lessons"],
                                                title=module.title)
            texts.scorm_intros[module.id] = html("intro", text=fill(t["scorm_intro_with_quiz"], mastery=mastery)
                                                 if scored else t["how_scorm_no_quiz"],
                                                 attempts=attempts if scored else "")
        texts.section_summaries[module.id] = html("section_summary", module=module, how=how)
        texts.quiz_names[module.id] = fill(t["quiz_name"], title=module.title)
        texts.quiz_intros[module.id] = html("intro", text=fill(t["quiz_intro"], count=quiz_count, mastery=mastery),
                                            attempts=attempts)
    return texts


def _has_mastery(package: ScormPackage) -> bool:
    return any(name == "masteryscore" for sco in package.scoes for name, _ in sco.data)
