"""The loaded model → every problem at once, each pointing at its file and line."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from course_builder.content.load import IMAGE
from course_builder.content.model import Course, Image, Module, Question
from course_builder.content.problems import WARNING, Problem
from course_builder.question_types import question_type

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHOICE_ID = re.compile(r"^[a-z0-9]$")
MAX_ID_LENGTH = 64


def validate_course(course: Course) -> list[Problem]:
    problems: list[Problem] = []
    _check_settings(course, problems)
    _check_vocabulary(course, problems)
    for module in course.unattached_modules:
        problems.append(Problem(module.source.path, module.source.line,
                                f"module '{module.id}' is not listed under 'modules' in course.yaml"))
    for module in course.modules:
        _check_module(course, module, problems)
    _check_quizzes(course, problems)
    _check_paths(course, problems)
    return problems


def _check_paths(course: Course, problems: list[Problem]) -> None:
    """course.yaml's `paths` may only order a role's modules and mark some optional: a module it names
    must declare the role in its own front matter, so the two can never disagree."""
    for role, layout in course.settings.paths.items():
        path = layout.source.path
        _check_role(course, role, path, layout.source.line, problems)
        on_path = [m.id for m in course.modules if role in m.roles]
        if not on_path and role in course.settings.roles:
            problems.append(Problem(path, layout.source.line, f"no module declares the role '{role}' (roles: in its front matter)"))
        for what, ids, lines in (("order", layout.order, layout.order_lines),
                                 ("optional", layout.optional, layout.optional_lines)):
            seen: set[str] = set()
            for module_id, line in zip(ids, lines):
                if module_id in seen:
                    problems.append(Problem(path, line, f"module '{module_id}' is listed twice in paths.{role}.{what}"))
                elif module_id and module_id not in on_path:
                    problems.append(Problem(path, line, f"module '{module_id}' does not declare the role '{role}' "
                                                        f"(its front matter's roles:), so it is not on that path"))
                seen.add(module_id)
        missing = [m for m in on_path if layout.order and m not in layout.order]
        if missing:
            problems.append(Problem(path, layout.source.line, f"paths.{role}.order leaves out "
                                                              f"{', '.join(missing)}, which declare the role"))
        if on_path and set(layout.optional) >= set(on_path):
            problems.append(Problem(path, layout.source.line, f"paths.{role}: every module is optional"))


def check_id(value: str, what: str, path: Path, line: int, problems: list[Problem], pattern=ID) -> None:
    if not value:
        return  # a missing id is reported where it is read
    if pattern is CHOICE_ID and not pattern.match(value):
        problems.append(Problem(path, line, f"{what} '{value}' must be one lowercase letter or digit"))
    elif pattern is ID and (not pattern.match(value) or len(value) > MAX_ID_LENGTH):
        problems.append(Problem(path, line, f"{what} '{value}' must be lowercase letters, digits and single hyphens "
                                            f"(at most {MAX_ID_LENGTH} characters)"))


def _check_settings(course: Course, problems: list[Problem]) -> None:
    settings = course.settings
    path = settings.source.path
    check_id(settings.id, "course id", path, 1, problems)
    seen: set[str] = set()
    loaded = {m.id for m in course.modules} | {m.id for m in course.unattached_modules}
    for module_id, line in zip(settings.module_order, settings.module_order_lines):
        if module_id in seen:
            problems.append(Problem(path, line, f"module '{module_id}' is listed twice"))
        elif module_id and module_id not in loaded:
            problems.append(Problem(path, line, f"module '{module_id}' has no file in modules/"))
        seen.add(module_id)


def _check_vocabulary(course: Course, problems: list[Problem]) -> None:
    documents = course.settings.documents
    for reference in course.references.values():
        check_id(reference.id, "reference id", reference.source.path, reference.source.line, problems)
        if reference.document and reference.document not in documents:
            problems.append(Problem(reference.source.path, reference.document_line or reference.source.line,
                                    f"unknown document '{reference.document}' "
                                    f"(course.yaml 'documents' declares: {', '.join(documents) or 'none'})"))
    for reference in course.duplicate_references:
        problems.append(Problem(reference.source.path, reference.source.line, f"reference id '{reference.id}' is defined twice"))
    for term in course.glossary.values():
        check_id(term.id, "glossary id", term.source.path, term.source.line, problems)
        if term.reference and term.reference not in course.references:
            problems.append(Problem(term.source.path, term.source.line, f"unknown reference '{term.reference}'"))
    for term in course.duplicate_terms:
        problems.append(Problem(term.source.path, term.source.line, f"glossary id '{term.id}' is defined twice"))


def _check_role(course: Course, role: str, path: Path, line: int, problems: list[Problem]) -> None:
    known = course.settings.roles
    if role not in known:
        problems.append(Problem(path, line, f"unknown role '{role}' (course.yaml 'roles' declares: {', '.join(known) or 'none'})"))


def _check_module(course: Course, module: Module, problems: list[Problem]) -> None:
    path = module.source.path
    lines = module.field_lines
    check_id(module.id, "module id", path, lines.get("id", 1), problems)
    if not module.objectives and "objectives" in lines:
        problems.append(Problem(path, lines["objectives"], "the module has no objectives"))
    for role in module.roles:
        _check_role(course, role, path, lines.get("roles", 1), problems)
    if not module.pages:
        problems.append(Problem(path, 1, "the module has no pages: start each page with a '## ' heading"))
    reflection_ids: set[str] = set()
    for page in module.pages:
        line = page.source.line
        if not page.title:
            problems.append(Problem(path, line, "the page heading is empty"))
        if not _has_text(page.markdown):
            problems.append(Problem(path, line, f"page '{page.title}' is empty"))
        for ref in page.references:
            if ref not in course.references:
                problems.append(Problem(path, page.reference_lines.get(ref, line), f"unknown reference '{ref}'"))
        for term, source in page.glossary_links:
            if term not in course.glossary:
                problems.append(Problem(path, source.line, f"unknown glossary term '[[{term}]]'"))
        for image in page.images:
            _check_image(module, image, problems)
        for reflection in page.reflections:
            if not reflection.id:
                problems.append(Problem(path, reflection.source.line, "'::: reflection' needs an id, e.g. '::: reflection min-rolle'"))
                continue
            check_id(reflection.id, "reflection id", path, reflection.source.line, problems)
            if reflection.id in reflection_ids:
                problems.append(Problem(path, reflection.source.line, f"reflection id '{reflection.id}' is used twice in this module"))
            reflection_ids.add(reflection.id)
            if not reflection.prompt:
                problems.append(Problem(path, reflection.source.line, "the reflection has no prompt"))


def _has_text(markdown: str) -> bool:
    without_markers = re.sub(r"<!--reflection:\d+-->", "x", markdown)
    return bool(without_markers.strip())


def _check_image(module: Module, image, problems: list[Problem]) -> None:
    path, line = image.source.path, image.source.line
    target = PurePosixPath(image.path)
    if "://" in image.path or image.path.startswith("//") or image.path.startswith("data:"):
        problems.append(Problem(path, line, f"image '{image.path}' must be a file beside the module, not a web address"))
    elif target.is_absolute() or ".." in target.parts:
        problems.append(Problem(path, line, f"image '{image.path}' must be a relative path inside the module's folder"))
    elif not (module.directory / image.path).is_file():
        problems.append(Problem(path, line, f"image '{image.path}' not found beside {module.source.path.name}"))
    if not image.alt:
        problems.append(Problem(path, line, f"image '{image.path}' has no alt text", WARNING))


def _check_quizzes(course: Course, problems: list[Problem]) -> None:
    question_ids: dict[str, Question] = {}
    quiz_of_module: dict[str, Path] = {}
    for quiz in course.quizzes:
        path = quiz.source.path
        module = course.module(quiz.module_id)
        if quiz.module_id and module is None:
            problems.append(Problem(path, 1, f"quiz for unknown module '{quiz.module_id}'"))
        elif quiz.module_id in quiz_of_module:
            problems.append(Problem(path, 1, f"module '{quiz.module_id}' already has a quiz in {quiz_of_module[quiz.module_id].name}"))
        else:
            quiz_of_module[quiz.module_id] = path
        if not quiz.questions:
            problems.append(Problem(path, 1, "the quiz has no questions"))
        for question in quiz.questions:
            if question.id in question_ids:
                first = question_ids[question.id].source
                problems.append(Problem(path, question.source.line,
                                        f"question id '{question.id}' is used already ({first.path.name}:{first.line})"))
            elif question.id:
                question_ids[question.id] = question
            _check_question(course, question, problems)


def _check_question(course: Course, question: Question, problems: list[Problem]) -> None:
    path, line = question.source.path, question.source.line
    check_id(question.id, "question id", path, line, problems)
    if question.reference and question.reference not in course.references:
        problems.append(Problem(path, question.reference_line or line, f"unknown reference '{question.reference}'"))
    for role in question.roles:
        _check_role(course, role, path, line, problems)
    question_type(question.type).check(question, problems)
    module = course.module(question.module_id)
    if module is not None:
        for text in question.markdown_texts():
            for match in IMAGE.finditer(text):
                _check_image(module, Image(match.group(2), match.group(1).strip(), question.source), problems)


def check_unique_choice_ids(things, what: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for thing in things:
        check_id(thing.id, f"{what} id", thing.source.path, thing.source.line, problems, pattern=CHOICE_ID)
        if thing.id in seen:
            problems.append(Problem(thing.source.path, thing.source.line, f"{what} id '{thing.id}' is used twice"))
        seen.add(thing.id)
