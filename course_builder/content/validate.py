"""The loaded model → every problem at once, each pointing at its file and line."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from course_builder.content.images import image_size
from course_builder.content.load import IMAGE
from course_builder.content.model import Course, Image, Module, Page, Question
from course_builder.content.problems import WARNING, Phrase, Problem
from course_builder.content.stats import lesson_text, readability
from course_builder.content.item_cues import item_cue_problems
from course_builder.content.load import IMAGE
from course_builder.content.model import Course, Image, Module, Question
from course_builder.content.problems import WARNING, Problem
from course_builder.question_types import question_type
from course_builder.text import GLOSSARY_LINK, link_case_problem, markdown_block_before, position_in_sentence

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHOICE_ID = re.compile(r"^[a-z0-9]$")
MAX_ID_LENGTH = 64
# what text.link_case_problem finds → its phrase in the catalogue
LINK_CASE_PHRASES = {"a capital letter mid-sentence": "case_capital_mid_sentence",
                     "a small letter at the start of a sentence": "case_small_at_sentence_start"}
MIN_WORDS_FOR_LIX = 40  # below this, one long sentence decides a page's LIX


def validate_course(course: Course) -> list[Problem]:
    """Every problem of the course."""
    problems: list[Problem] = []
    _check_settings(course, problems)
    _check_vocabulary(course, problems)
    for module in course.unattached_modules:
        problems.append(Problem.of(module.source.path, module.source.line, "module_not_listed", module=module.id))
    for module in course.modules + course.unattached_modules:
        _check_module(course, module, problems)
    _check_quizzes(course, problems)
    _check_figures(course, problems)
    _check_role_guide(course, problems)
    problems += item_cue_problems(course)
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
            problems.append(Problem.of(path, layout.source.line, "path_without_module", role=role))
        for what, ids, lines in (("order", layout.order, layout.order_lines),
                                 ("optional", layout.optional, layout.optional_lines)):
            seen: set[str] = set()
            for module_id, line in zip(ids, lines):
                if module_id in seen:
                    problems.append(Problem.of(path, line, "path_module_twice", module=module_id,
                                               field=f"paths.{role}.{what}"))
                elif module_id and module_id not in on_path:
                    problems.append(Problem.of(path, line, "path_module_without_role", module=module_id, role=role))
                seen.add(module_id)
        missing = [m for m in on_path if layout.order and m not in layout.order]
        if missing:
            problems.append(Problem.of(path, layout.source.line, "path_order_leaves_out", role=role,
                                       modules=", ".join(missing)))
        if on_path and set(layout.optional) >= set(on_path):
            problems.append(Problem.of(path, layout.source.line, "path_all_optional", role=role))


def check_id(value: str, what: str, path: Path, line: int, problems: list[Problem], pattern=ID) -> None:
    if not value:
        return  # a missing id is reported where it is read
    if pattern is CHOICE_ID and not pattern.match(value):
        problems.append(Problem.of(path, line, "bad_choice_id", what=Phrase.of(what), id=value))
    elif pattern is ID and (not pattern.match(value) or len(value) > MAX_ID_LENGTH):
        problems.append(Problem.of(path, line, "bad_id", what=Phrase.of(what), id=value, most=MAX_ID_LENGTH))


def _check_settings(course: Course, problems: list[Problem]) -> None:
    settings = course.settings
    path = settings.source.path
    check_id(settings.id, "id_of_course", path, 1, problems)
    seen: set[str] = set()
    explained = _modules_explained_by_unreadable_files(course)
    for module_id, line in zip(settings.module_order, settings.module_order_lines):
        if module_id in seen:
            problems.append(Problem.of(path, line, "module_listed_twice", module=module_id))
        elif module_id and module_id not in explained and module_id not in _loaded_modules(course):
            problems.append(Problem.of(path, line, "module_without_file", module=module_id))
        seen.add(module_id)


def _loaded_modules(course: Course) -> set[str]:
    return {m.id for m in course.modules} | {m.id for m in course.unattached_modules}


def _modules_explained_by_unreadable_files(course: Course) -> set[str]:
    """The listed modules without a module whose file is there but could not be read: that file's problem is
    the cause, and "no file" would send the editor looking for the wrong thing. A file is matched to a module
    by its name (01-intro.md ↔ intro); when names do not tell, as many modules as there are such files."""
    missing = [m for m in course.settings.module_order if m and m not in _loaded_modules(course)]
    files = list(course.unreadable_module_files)
    explained = set()
    for module_id in missing:
        match = next((f for f in files if f.stem == module_id or f.stem.endswith("-" + module_id)), None)
        if match is not None:
            files.remove(match)
            explained.add(module_id)
    unmatched = [m for m in missing if m not in explained]
    if files and len(unmatched) <= len(files):
        explained.update(unmatched)
    return explained


def _check_vocabulary(course: Course, problems: list[Problem]) -> None:
    documents = course.settings.documents
    for reference in course.references.values():
        check_id(reference.id, "id_of_reference", reference.source.path, reference.source.line, problems)
        if reference.document and reference.document not in documents:
            problems.append(Problem.of(reference.source.path, reference.document_line or reference.source.line,
                                       "unknown_document", document=reference.document,
                                       declared=", ".join(documents) or "–"))
    for reference in course.duplicate_references:
        problems.append(Problem.of(reference.source.path, reference.source.line, "reference_twice", id=reference.id))
    for term in course.glossary.values():
        check_id(term.id, "id_of_glossary_term", term.source.path, term.source.line, problems)
        if term.reference and term.reference not in course.references:
            problems.append(Problem.of(term.source.path, term.source.line, "unknown_reference", reference=term.reference))
    for term in course.duplicate_terms:
        problems.append(Problem.of(term.source.path, term.source.line, "glossary_term_twice", id=term.id))


def _check_role(course: Course, role: str, path: Path, line: int, problems: list[Problem]) -> None:
    known = course.settings.roles
    if role not in known:
        problems.append(Problem.of(path, line, "unknown_role", role=role, declared=", ".join(known) or "–"))


def _check_module(course: Course, module: Module, problems: list[Problem]) -> None:
    path = module.source.path
    lines = module.field_lines
    check_id(module.id, "id_of_module", path, lines.get("id", 1), problems)
    if not module.objectives and "objectives" in lines:
        problems.append(Problem.of(path, lines["objectives"], "no_objectives"))
    for role in module.roles:
        _check_role(course, role, path, lines.get("roles", 1), problems)
    if not module.pages:
        problems.append(Problem.of(path, 1, "no_pages"))
    reflection_ids: set[str] = set()
    for page in module.pages:
        line = page.source.line
        if not page.title:
            problems.append(Problem.of(path, line, "empty_heading"))
        if not _has_text(page.markdown):
            problems.append(Problem.of(path, line, "empty_page", page=page.title))
        for ref in page.references:
            if ref not in course.references:
                problems.append(Problem.of(path, page.reference_lines.get(ref, line), "unknown_reference", reference=ref))
        for term, source in page.glossary_links:
            if term not in course.glossary:
                problems.append(Problem.of(path, source.line, "unknown_glossary_term", term=term))
        _check_link_case(course, page, problems)
        _check_glossary_brackets(page, problems)
        _check_readability(course, page, problems)
        for image in page.images:
            _check_image(course, module, image, problems)
        for figure_id, source in page.figures:
            if figure_id not in course.figures:
                problems.append(Problem.of(path, source.line, "unknown_figure", figure=figure_id,
                                           declared=", ".join(course.figures) or "–"))
        for reflection in page.reflections:
            if not reflection.id:
                problems.append(Problem.of(path, reflection.source.line, "reflection_without_id"))
                continue
            check_id(reflection.id, "id_of_reflection", path, reflection.source.line, problems)
            if reflection.id in reflection_ids:
                problems.append(Problem.of(path, reflection.source.line, "reflection_twice", id=reflection.id))
            reflection_ids.add(reflection.id)
            if not reflection.prompt:
                problems.append(Problem.of(path, reflection.source.line, "reflection_without_prompt"))


def _check_link_case(course: Course, page, problems: list[Problem]) -> None:
    for match, (_, source) in zip(GLOSSARY_LINK.finditer(page.markdown), page.glossary_links):
        _check_link_fits(course, page.markdown, match, source.path, source.line, problems)


def _check_link_fits(course: Course, markdown: str, match: re.Match, path: Path, line: int,
                     problems: list[Problem]) -> None:
    """A link shows the sentence's own word: a bare [[id]] shows the glossary term as written, which fits
    only where the term's case fits the sentence; elsewhere the editor writes [[id|word as the sentence needs it]]."""
    term_id = match.group(1).strip()
    term = course.glossary.get(term_id)
    if term is None:
        return
    words = match.group(2) or term.term
    problem = link_case_problem(words, term, position_in_sentence(*markdown_block_before(markdown, match.start())))
    if problem:
        fitting = words[:1].swapcase() + words[1:]
        problems.append(Problem.of(path, line, "glossary_link_case", severity=WARNING, link=match.group(0), words=words,
                                   case=Phrase.of(LINK_CASE_PHRASES.get(problem, problem)),
                                   fitting=f"[[{term_id}|{fitting}]]"))


def _has_text(markdown: str) -> bool:
    without_markers = re.sub(r"<!--(?:reflection|figure):\d+-->", "x", markdown)
    return bool(without_markers.strip())


def _check_glossary_brackets(page: Page, problems: list[Problem]) -> None:
    """A glossary link with a bracket missing ('[[mission]', '[mission]]') would reach learners as plain text."""
    for number, line in page.text_lines:
        links = [match.span() for match in GLOSSARY_LINK.finditer(line)]
        for match in re.finditer(r"\[\[|\]\]", line):
            if not any(start <= match.start() < end for start, end in links):
                problems.append(Problem.of(page.source.path, number, "glossary_link_unclosed", column=match.start() + 1,
                                           excerpt=_excerpt(line, match.start())))
                break


def _excerpt(line: str, at: int, width: int = 30) -> str:
    start = max(0, at - width // 3)
    return ("…" if start else "") + line[start:start + width].strip() + ("…" if start + width < len(line) else "")


def _check_readability(course: Course, page: Page, problems: list[Problem]) -> None:
    """A page over the course's LIX limit, each page on its own: a module's average hides a hard page."""
    text = readability(lesson_text(page.markdown))
    limit = course.settings.checks.max_lix
    if text.words >= MIN_WORDS_FOR_LIX and text.lix > limit:
        problems.append(Problem.of(page.source.path, page.source.line, "page_lix_high", severity=WARNING,
                                   page=page.title, lix=f"{text.lix:.0f}", limit=limit))


def _check_image(course: Course, module: Module, image, problems: list[Problem]) -> None:
    path, line = image.source.path, image.source.line
    target = PurePosixPath(image.path)
    file = module.directory / image.path
    if "://" in image.path or image.path.startswith("//") or image.path.startswith("data:"):
        problems.append(Problem.of(path, line, "image_web_address", image=image.path))
    elif target.is_absolute() or ".." in target.parts:
        problems.append(Problem.of(path, line, "image_outside", image=image.path))
    elif not file.is_file():
        problems.append(Problem.of(path, line, "image_not_found", image=image.path, module_file=module.source.path.name))
    else:
        _check_image_file(course, file, image, problems)
    if not image.alt:
        problems.append(Problem.of(path, line, "image_without_alt", severity=WARNING, image=image.path))


def _check_image_file(course: Course, file: Path, image, problems: list[Problem]) -> None:
    path, line = image.source.path, image.source.line
    size_kb = file.stat().st_size / 1024
    limit = course.settings.checks.max_image_kb
    if size_kb > limit:
        problems.append(Problem.of(path, line, "image_too_large", severity=WARNING, image=image.path,
                                   size=f"{size_kb:.0f}", limit=limit))
    elif image_size(file) is None:
        problems.append(Problem.of(path, line, "image_without_size", severity=WARNING, image=image.path))


# The shapes a figure may take (templates/figures/<kind>.svg.j2 draws each) and how many parts each draws.
FIGURE_PARTS = {"triangle": (4, 4), "compass": (5, 5), "levels": (1, 6)}


def _check_figures(course: Course, problems: list[Problem]) -> None:
    for figure in course.figures.values():
        path, line = figure.source.path, figure.source.line
        check_id(figure.id, "id_of_figure", path, line, problems)
        if figure.kind and figure.kind not in FIGURE_PARTS:
            problems.append(Problem.of(path, figure.kind_line, "unknown_figure_kind", kind=figure.kind,
                                       known=", ".join(FIGURE_PARTS)))
            continue
        low, high = FIGURE_PARTS.get(figure.kind, (0, 99))
        if not low <= len(figure.parts) <= high:
            wanted = str(low) if low == high else Phrase.of("from_to", low=low, high=high)
            problems.append(Problem.of(path, line, "figure_parts", kind=figure.kind, wanted=wanted, figure=figure.id,
                                       count=len(figure.parts)))


def _check_role_guide(course: Course, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for guide in course.role_guides:
        path, line = guide.source.path, guide.source.line
        _check_role(course, guide.role, path, line, problems)
        if guide.role in seen:
            problems.append(Problem.of(path, line, "role_guide_twice", role=guide.role))
        seen.add(guide.role)
        if not guide.sections:
            problems.append(Problem.of(path, line, "role_guide_empty", role=guide.role))
        for section in guide.sections:
            if section.reference and section.reference not in course.references:
                problems.append(Problem.of(path, section.source.line, "unknown_reference", reference=section.reference))


def _check_quizzes(course: Course, problems: list[Problem]) -> None:
    question_ids: dict[str, Question] = {}
    quiz_of_module: dict[str, Path] = {}
    listed_or_found = set(course.settings.module_order) | _loaded_modules(course)
    for quiz in course.quizzes:
        path = quiz.source.path
        module = course.module(quiz.module_id)
        if quiz.module_id and module is None:
            if quiz.module_id not in listed_or_found:  # else its module's own problem is the one to fix
                problems.append(Problem.of(path, 1, "quiz_for_unknown_module", module=quiz.module_id,
                                           known=", ".join(course.settings.module_order)))
        elif quiz.module_id in quiz_of_module:
            problems.append(Problem.of(path, 1, "module_has_quiz", module=quiz.module_id,
                                       file=quiz_of_module[quiz.module_id].name))
        else:
            quiz_of_module[quiz.module_id] = path
        if not quiz.questions:
            problems.append(Problem.of(path, 1, "quiz_without_questions"))
        for question in quiz.questions:
            if question.id in question_ids:
                first = question_ids[question.id].source
                problems.append(Problem.of(path, question.source.line, "question_id_twice", id=question.id,
                                           first=f"{first.path.name}:{first.line}"))
            elif question.id:
                question_ids[question.id] = question
            _check_question(course, question, problems)


def _check_question(course: Course, question: Question, problems: list[Problem]) -> None:
    path, line = question.source.path, question.source.line
    check_id(question.id, "id_of_question", path, line, problems)
    if question.reference and question.reference not in course.references:
        problems.append(Problem.of(path, question.reference_line or line, "unknown_reference", reference=question.reference))
    for role in question.roles:
        _check_role(course, role, path, line, problems)
    question_type(question.type).check(question, problems)
    for text in question.markdown_texts():
        for match in GLOSSARY_LINK.finditer(text):
            if match.group(1).strip() not in course.glossary:
                problems.append(Problem.of(path, line, "unknown_glossary_term", term=match.group(1).strip()))
            _check_link_fits(course, text, match, path, line, problems)
    module = course.module(question.module_id)
    if module is not None:
        for text in question.markdown_texts():
            for match in IMAGE.finditer(text):
                _check_image(course, module, Image(match.group(2), match.group(1).strip(), question.source), problems)


def check_unique_choice_ids(things, what: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for thing in things:
        check_id(thing.id, f"id_of_{what}", thing.source.path, thing.source.line, problems, pattern=CHOICE_ID)
        if thing.id in seen:
            problems.append(Problem.of(thing.source.path, thing.source.line, "choice_id_twice",
                                       what=Phrase.of(f"id_of_{what}"), id=thing.id))
        seen.add(thing.id)
