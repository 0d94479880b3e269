"""The course backup, dist/moodle/<course-id>.mbz: one file Moodle restores into the whole course.

A part of the `moodle` exporter (exporters/moodle.py), which owns dist/moodle/. What each section
holds comes from course.yaml's `moodle.section_content`:
- scorm (default): the module's SCORM 1.2 package, byte for byte the one in dist/scorm12/modules/,
  quiz included; complete on status passed or completed, grade to pass = the mastery score.
- native: the lessons as a SCORM 1.2 package without the quiz (complete on completed), and a Moodle
  quiz of the module's questions from the question bank (no reflection essays), complete on a pass.
Either way each section opens when the previous section's activities are complete, and the course is
complete when every activity is. Each module's last activity is linked to the competencies it teaches
(moodle_backup/competencies.py).

Beside it, one backup per role path (paths/<course-id>-<role>.mbz): the same sections for the modules
that declare the role, in the path's order; an optional module of the path neither gates the next one
nor counts for course completion.
"""
from __future__ import annotations

from dataclasses import replace

from course_builder.content.model import Course, Module, RolePath
from course_builder.exporters import BuildContext
from course_builder.exporters.scorm12 import module_package as scorm12_module_package
from course_builder.manifest import module_package_name
from course_builder.moodle_backup.plan import CourseTexts, ModuleTexts, plan_backup, quiz_questions
from course_builder.moodle_backup.scorm_package import ScormPackage, read_package
from course_builder.moodle_backup.write import backup_files
from course_builder.moodle_questions import QuestionBank, moodle_strings
from course_builder.templating import Templates, fill, language_strings

SCORM12_FORMAT = "scorm12"
PATHS_FOLDER = "paths"


def course_backups(context: BuildContext, bank: QuestionBank) -> dict[str, dict[str, bytes]]:
    """The files of dist/moodle/<course-id>.mbz, from the SCORM 1.2 module packages and (native mode) the bank,
    and of dist/moodle/paths/<course-id>-<role>.mbz: a course per role path (see path_course); by .mbz."""
    course = context.course
    native = course.settings.moodle_section_content == "native"
    packages = {m.id: read_package(module_package_name(course, m), module_package(context, m, native))
                for m in course.modules}
    built = {f"{course.settings.id}.mbz": one_backup(context, course, packages, bank if native else None)}
    for path in course.paths:
        in_path = path_course(course, path, backup_strings(context.rendered.templates, course.settings.language))
        built[f"{PATHS_FOLDER}/{in_path.settings.id}.mbz"] = one_backup(
            context, in_path, packages, bank if native else None, frozenset(m.id for m in path.optional))
    return built


def one_backup(context: BuildContext, course: Course, packages: dict[str, ScormPackage], bank: QuestionBank | None,
               optional: frozenset[str] = frozenset()) -> dict[str, bytes]:
    filename = f"{course.settings.id}.mbz"
    texts = Texts(course, context.rendered.templates).all(packages, bank)
    backup = plan_backup(course, packages, bank, texts, filename, optional, framework=context.course.settings.id)
    return backup_files(backup, context.rendered.templates, texts.course_summary)


def path_course(course: Course, path: RolePath, t: dict[str, str]) -> Course:
    """The course of one role path: the path's modules in the path's order, its own id and title. Its
    completion is the path's required modules; HR enrols each leader in the course of their role."""
    settings = replace(course.settings, id=f"{course.settings.id}-{path.role}",
                       title=fill(t["path_course_title"], title=course.settings.title, role=path.label))
    return replace(course, settings=settings, modules=list(path.modules))


def module_package(context: BuildContext, module: Module, native: bool) -> bytes:
    """scorm mode: the very bytes the scorm12 format wrote; native: the lessons-only package."""
    if native:
        return scorm12_module_package(context.rendered, module, include_quiz=False)
    built = context.output_dir(SCORM12_FORMAT) / "modules" / module_package_name(context.course, module)
    return built.read_bytes()


def backup_strings(templates: Templates, language: str) -> dict[str, str]:
    return language_strings(templates, "moodle_backup/strings.yaml", language)


class Texts:
    """The names and descriptions of the course, its sections and activities, from templates/moodle_backup/."""

    def __init__(self, course: Course, templates: Templates):
        self.course, self.templates = course, templates
        self.settings = course.settings
        self.t = backup_strings(templates, self.settings.language)
        self.mastery = self.settings.mastery_score
        attempts = self.settings.player.quiz_attempts
        self.attempts = fill(self.t["attempts"], n=attempts) if attempts else self.t["attempts_unlimited"]

    def all(self, packages: dict[str, ScormPackage], bank: QuestionBank | None) -> CourseTexts:
        words = moodle_strings(self.templates, self.settings.language)
        modules = {}
        for number, module in enumerate(self.course.modules, 1):
            if bank is None:
                modules[module.id] = self.scorm_mode(number, module, packages[module.id].mastery_score is not None)
            else:
                questions = [q for q in quiz_questions(bank, module.id) if q.default_grade > 0]
                modules[module.id] = self.native_mode(number, module, len(questions))
        return CourseTexts(self.html("course_summary"), self.html("general_summary"), modules,
                           (words["answer_true"], words["answer_false"]))

    def scorm_mode(self, number: int, module: Module, scored: bool) -> ModuleTexts:
        """One SCORM activity: the lesson with its quiz (or only the lesson, when the module has no quiz)."""
        t = self.t
        if scored:
            how, intro = fill(t["how_scorm"], mastery=self.mastery), self.intro(t["scorm_intro_with_quiz"], self.attempts)
            name = fill(t["scorm_name_with_quiz"], title=module.title)
        else:
            how, intro = t["how_scorm_no_quiz"], self.intro(t["how_scorm_no_quiz"])
            name = fill(t["scorm_name_lessons"], title=module.title)
        return ModuleTexts(fill(t["section_name"], n=number, title=module.title), self.summary(module, how),
                           name, intro, "", "")

    def native_mode(self, number: int, module: Module, questions: int) -> ModuleTexts:
        """A lessons-only SCORM activity and, when the module has questions, a Moodle quiz."""
        t = self.t
        how = fill(t["how_native"], mastery=self.mastery) if questions else t["how_scorm_no_quiz"]
        return ModuleTexts(
            fill(t["section_name"], n=number, title=module.title), self.summary(module, how),
            fill(t["scorm_name_lessons"], title=module.title),
            self.intro(t["scorm_intro_lessons"] if questions else t["how_scorm_no_quiz"]),
            fill(t["quiz_name"], title=module.title),
            self.intro(fill(t["quiz_intro"], count=questions), self.attempts),
        )

    def summary(self, module: Module, how: str) -> str:
        return self.html("section_summary", module=module, how=how)

    def intro(self, text: str, attempts: str = "") -> str:
        return self.html("intro", text=fill(text, mastery=self.mastery), attempts=attempts)

    def html(self, template: str, **values) -> str:
        return self.templates.render(f"moodle_backup/texts/{template}.html.j2", course=self.course, t=self.t,
                                     **values).strip()
