"""The templates a build renders with: the course's own templates/ first, then the built-in ones, file by
file; their UI strings tables; and what a build remembers while it renders (BuildCaches)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from course_builder.content.problems import Problem
from course_builder.packaging import is_junk
from course_builder.resources import TEMPLATES, data_folder
from course_builder.strings import ParsedTables, fill, in_language, merged_table  # fill: re-exported
from course_builder.text import MarkdownConverter

BUILTIN_TEMPLATES = data_folder(TEMPLATES)


class TemplateProblem(Exception):
    """A template that does not render: reported as path:line: message, not a traceback."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(message)
        self.problem = Problem.of(path, line, "template_error", error=message)


def _template_line(error: Exception) -> int:
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    return frames[-1].lineno if frames else 1


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, checked against their source's checksum: in memory for as long as their owner keeps
    them (each build makes a new environment; the preview keeps its caches across rebuilds, where compiling
    again was a third of a rebuild), and in Jinja's per-user cache folder, as Python keeps compiled modules,
    so that a new build process does not compile ~50 templates again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}
        self.folder: jinja2.FileSystemBytecodeCache | None | bool = False  # False: not opened yet

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])
        elif self._folder() is not None:
            try:
                self._folder().load_bytecode(bucket)  # a stale or damaged file is ignored: the template compiles
            except OSError:
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self._folder() is not None:
            try:
                self._folder().dump_bytecode(bucket)
            except OSError:
                pass

    def _folder(self) -> jinja2.FileSystemBytecodeCache | None:
        if self.folder is False:
            try:
                self.folder = jinja2.FileSystemBytecodeCache()
            except (OSError, RuntimeError):  # no safe temporary folder: memory only
                self.folder = None
        return self.folder


@dataclass
class BuildCaches:
    """What a build remembers while it runs, owned by whoever runs it: a build makes its own, the preview
    keeps one across its rebuilds. Nothing of it lives in a module: two builds never share it by accident."""
    compiled_templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    markdown: MarkdownConverter = field(default_factory=MarkdownConverter)
    strings: ParsedTables = field(default_factory=dict)  # a strings file's text → its table, parsed


TOOL_PREFIX = "tool"  # "tool:player/module.html.j2" is always the built-in template, even where a course overrides it


class Templates:
    """The course's own templates/ first, then the built-in ones, file by file.

    A course's template may extend the built-in one of the same name and override only some of its
    blocks: {% extends "tool:player/module.html.j2" %}{% block footer %}...{% endblock %}.
    """

    def __init__(self, course_root: Path, caches: BuildCaches | None = None):
        self.caches = caches or BuildCaches()
        self.folders = [p for p in (course_root / "templates", BUILTIN_TEMPLATES) if p.is_dir()]
        self.environment = jinja2.Environment(
            loader=jinja2.ChoiceLoader([
                jinja2.FileSystemLoader([str(p) for p in self.folders]),
                jinja2.PrefixLoader({TOOL_PREFIX: jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))}, delimiter=":"),
            ]),
            autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=self.caches.compiled_templates,
            auto_reload=False,  # an environment lasts one build: no need to stat a template file at every include
        )
        self.environment.filters["fill"] = fill

    def render(self, name: str, **values) -> str:
        """Renders a template; mistakes in a course's own templates surface as TemplateProblem."""
        try:
            return self.environment.get_template(name).render(**values)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateProblem(Path(error.filename or name), error.lineno or 1, error.message or str(error)) from None
        except jinja2.TemplateError as error:
            raise TemplateProblem(self._path(name), _template_line(error), str(error)) from None

    def _path(self, name: str) -> Path:
        try:
            return self.file(name)
        except FileNotFoundError:
            return Path(name)


    def file(self, relative: str) -> Path:
        for folder in self.folders:
            if (folder / relative).is_file():
                return folder / relative
        raise FileNotFoundError(relative)

    def static_files(self, folder: str) -> dict[str, Path]:
        """Every file below folder, the course's own winning over the built-in ones."""
        found: dict[str, Path] = {}
        for root in reversed(self.folders):
            base = root / folder
            if base.is_dir():
                for path in sorted(base.rglob("*")):
                    relative = path.relative_to(base).as_posix()
                    if path.is_file() and not is_junk(relative):
                        found[relative] = path
        return dict(sorted(found.items()))


def ui_strings(templates: Templates, language: str) -> dict[str, str]:
    return language_strings(templates, "player/strings.yaml", language)


def language_strings(templates: Templates, relative: str, language: str) -> dict[str, str]:
    """A strings table (key: {da: ..., en: ...}) in one language: the tool's, extended or overridden by the course's."""
    return in_language(strings_table(templates, relative), language)


def strings_table(templates: Templates, relative: str) -> dict[str, dict[str, str]]:
    files = [folder / relative for folder in reversed(templates.folders) if (folder / relative).is_file()]
    return merged_table(files, templates.caches.strings)
