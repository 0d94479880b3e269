"""The build, top to bottom: load, validate, render once, export each format, publish atomically."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from course_builder import exporters
from course_builder.content import Problem, load_course, validate_course
from course_builder.content.model import Course
from course_builder.exporting import export_formats
from course_builder.packaging import discard, new_staging, publish
from course_builder.render import Rendered, render_course
from course_builder.stored_markdown import read_stored, write_stored
from course_builder.templating import BuildCaches, Templates, TemplateProblem
from course_builder.text import MarkdownConverter


class UnknownFormat(ValueError):
    pass


@dataclass
class BuildResult:
    """What a build did: the problems and warnings, the formats built, what each format cannot carry."""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # about the content, from the exporters
    losses: dict[str, list[str]] = field(default_factory=dict)  # format → what it cannot carry (BuildContext.lose)
    formats: list[str] = field(default_factory=list)
    course: Course | None = None
    rendered: Rendered | None = field(default=None, repr=False)  # the pages the formats were made from
    changed: list[str] = field(default_factory=list)  # the modules rendered anew (every module, but in an IncrementalBuild)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def load_and_validate(source: Path, caches: BuildCaches | None = None) -> tuple[Course | None, list[Problem]]:
    loaded = load_course(source, caches.strings if caches else None)
    problems = list(loaded.problems)
    if loaded.course is not None:
        problems += validate_course(loaded.course)
    return loaded.course, problems


def build(source: Path, out: Path, formats: list[str] | None = None) -> BuildResult:
    stored = read_stored(source)
    caches = BuildCaches(markdown=MarkdownConverter(stored))
    result = _build(source, out, formats, caches, lambda course: render_course(course, caches))
    if result.ok and result.rendered is not None:
        write_stored(source, caches.markdown.converted, stored)
    return result


def _build(source: Path, out: Path, formats: list[str] | None, caches: BuildCaches,
           render: Callable[[Course], Rendered]) -> BuildResult:
    """`caches`: what loading shares with rendering (the strings tables both read)."""
    wanted = resolve_formats(formats)
    course, problems = load_and_validate(source, caches)
    result = BuildResult(problems=problems, formats=wanted, course=course)
    if course is None or not result.ok:
        return result
    staging = new_staging(out)
    try:
        result.rendered = render(course)
        context = exporters.BuildContext(course, result.rendered, staging)
        export_formats(context, _with_requirements(wanted))
    except TemplateProblem as error:
        discard(staging)
        result.problems.append(error.problem)
        return result
    except BaseException:
        discard(staging)
        raise
    result.warnings = context.warnings
    result.losses = context.losses
    result.changed = [m.id for m in course.modules]
    publish(staging, out, wanted)
    return result


class IncrementalBuild:
    """The same course built again and again (the preview): a module is rendered again only when its own model
    (pages, quiz) changed, every module when anything they share changed (settings, references, glossary,
    the module list, templates). Its caches (compiled templates, Markdown, strings) last as long as it does.
    Each build's result says which modules it rendered anew (`changed`); the bytes are a full build's."""

    def __init__(self, source: Path):
        self.source = Path(source)
        self.caches = BuildCaches()
        self._previous: Rendered | None = None
        self._previous_templates: dict[str, int] = {}

    def build(self, out: Path, formats: list[str] | None = None) -> BuildResult:
        try:
            result = _build(self.source, out, formats, self.caches, self._render)
        except BaseException:
            self._previous = None
            raise
        if not result.ok:
            self._previous = None  # a failed build may have rendered half: start afresh
            return result
        previous, self._previous = self._previous, result.rendered
        result.changed = [m for m, page in result.rendered.modules.items()
                          if previous is None or page is not previous.modules.get(m)]
        return result

    def _render(self, course: Course) -> Rendered:
        templates = _template_files(course)
        previous, same_templates = self._previous, templates == self._previous_templates
        self._previous_templates = templates
        if previous is None or not same_templates or not _same_shared(previous.course, course):
            return render_course(course, self.caches)
        old = {m.id: m for m in previous.course.modules}
        pages = previous.modules
        return render_course(course, self.caches, reuse={m.id: pages[m.id] for m in course.modules if old.get(m.id) == m})


def _same_shared(old: Course, new: Course) -> bool:
    return (
        old.settings == new.settings
        and old.references == new.references
        and old.glossary == new.glossary
        and old.figures == new.figures
        and (old.role_guides, old.general_questions) == (new.role_guides, new.general_questions)
        and [(m.id, m.title) for m in old.modules] == [(m.id, m.title) for m in new.modules]
    )


def _template_files(course: Course) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for folder in Templates(course.root).folders for p in folder.rglob("*") if p.is_file()}


def resolve_formats(formats: list[str] | None) -> list[str]:
    available = exporters.available_formats()
    if not formats:
        return available
    unknown = [f for f in formats if f not in available]
    if unknown:
        raise UnknownFormat(f"unknown format {', '.join(unknown)} (available: {', '.join(available)})")
    return [f for f in available if f in formats]


def _with_requirements(formats: list[str]) -> list[str]:
    """The formats to run, each after the formats it requires (exporters.RUN_ORDER)."""
    needed: set[str] = set()

    def add(name: str) -> None:
        if name not in needed:
            needed.add(name)
            for required in exporters.exporter(name).requires:
                add(required)

    for name in formats:
        add(name)
    return [name for name in exporters.RUN_ORDER if name in needed]
