"""The build, top to bottom: load, validate, render once, export each format, publish atomically."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from course_builder import exporters
from course_builder.collector import cyclic_gc_paused
from course_builder.content import Problem, load_course, validate_course
from course_builder.content.model import Course
from course_builder.exporting import export_formats
from course_builder.packaging import discard, new_staging, publish
from course_builder.render import Rendered, TemplateProblem, render_course


class UnknownFormat(ValueError):
    pass


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    course: Course | None = None

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def load_and_validate(source: Path) -> tuple[Course | None, list[Problem]]:
    loaded = load_course(source)
    problems = list(loaded.problems)
    if loaded.course is not None:
        problems += validate_course(loaded.course)
    return loaded.course, problems


@cyclic_gc_paused()
def build(source: Path, out: Path, formats: list[str] | None = None,
          render: Callable[[Course], Rendered] = render_course) -> BuildResult:
    """`render` may be swapped for one that reuses earlier work (the preview re-renders changed modules only)."""
    wanted = resolve_formats(formats)
    course, problems = load_and_validate(source)
    result = BuildResult(problems=problems, formats=wanted, course=course)
    if course is None or not result.ok:
        return result
    staging = new_staging(out)
    try:
        context = exporters.BuildContext(course, render(course), staging)
        export_formats(context, _with_requirements(wanted))
    except TemplateProblem as error:
        discard(staging)
        result.problems.append(error.problem)
        return result
    except BaseException:
        discard(staging)
        raise
    result.warnings = context.warnings
    publish(staging, out, wanted)
    return result


def resolve_formats(formats: list[str] | None) -> list[str]:
    available = exporters.available_formats()
    if not formats:
        return available
    unknown = [f for f in formats if f not in available]
    if unknown:
        raise UnknownFormat(f"unknown format {', '.join(unknown)} (available: {', '.join(available)})")
    return [f for f in available if f in formats]


def _with_requirements(formats: list[str]) -> list[str]:
    """The formats to run, each after the formats it requires, in registry order."""
    needed: set[str] = set()

    def add(name: str) -> None:
        if name not in needed:
            needed.add(name)
            for required in exporters.exporter(name).requires:
                add(required)

    for name in formats:
        add(name)
    return [name for name in exporters.available_formats() if name in needed]
