"""Markdown and Jinja2 → the HTML of every module, rendered once for every format.

A course may override any built-in template or static file by putting a file of the same
relative path in its own templates/ folder.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import hashlib

import jinja2
from markupsafe import Markup, escape
import yaml

from course_builder.content.load import IMAGE
from course_builder.content.yaml_source import FAST_LOADER, libyaml_is_safe
from course_builder.content.model import Course, Module, Question
from course_builder.content.problems import Problem
from course_builder.forking import processes_for, run_shares
from course_builder.packaging import is_junk
from course_builder.question_types import question_type, type_names
from course_builder.resources import TEMPLATES, data_folder
from course_builder.scorm_limits import LIMITS_PLACEHOLDER, limits_script, scorm_limit
from course_builder.text import converted_markdown, glossary_links, is_plain_text, markdown_html, plain_text

BUILTIN_TEMPLATES = data_folder(TEMPLATES)
PLAYER_STATIC = "player/static"
QUIZ_SCRIPT = "quiz.js"
LMS_SCRIPT = "lms.js"
QUESTION_TYPES_LINE = "  /* question types */\n"
WEB_COURSE_HOME = "../index.html"  # the web format's course home, seen from a module's folder
REFLECTION_MARKER = re.compile(r"(?:<p>)?<!--reflection:(\d+)-->(?:</p>)?")
TERM_LINK = re.compile(r'<a class="term" href="#term-[^"]*">(.*?)</a>', re.DOTALL)  # MarkdownRenderer._link_terms


@dataclass
class RenderedModule:
    module: Module
    html: str  # <module-id>/index.html
    media: dict[str, Path] = field(default_factory=dict)  # path inside the module folder → source file
    # each lesson page's Markdown as HTML, as every format shows it: glossary terms linked (without_term_links
    # for formats with no glossary to open), reflections marked <!--reflection:n--> (REFLECTION_MARKER)
    lessons: list[str] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return self.module.id

    def files(self) -> dict[str, bytes]:
        """Every file of the module's folder, by path relative to the package root."""
        files = {f"{self.folder}/index.html": self.html.encode("utf-8")}
        for relative, source in sorted(self.media.items()):
            files[f"{self.folder}/{relative}"] = source.read_bytes()
        return files


@dataclass
class Rendered:
    course: Course
    templates: "Templates"
    modules: dict[str, RenderedModule]  # the web format's module pages, which link back to the course home
    static: dict[str, bytes]  # player/… → bytes, shared by every module
    render_module: Callable[[Module, str | None], RenderedModule] | None = field(default=None, repr=False)
    _packaged: dict[tuple[str, bool], RenderedModule] = field(default_factory=dict, repr=False)

    def packaged_module(self, module_id: str, include_quiz: bool = True) -> RenderedModule:
        """A module as a package's SCO shows it: no course home page to link to.

        Without its quiz (include_quiz=False) the module shows its lessons only, as a module that has no
        quiz: for packages whose quiz lives elsewhere, such as the course backup's native mode.
        Rendered on first use, then kept.
        """
        key = (module_id, include_quiz)
        if key not in self._packaged:
            module = self.modules[module_id].module
            if self.render_module is None:
                raise ValueError("this Rendered was made without render_course, so it cannot render packaged modules")
            self._packaged[key] = self.render_module(module if include_quiz else dataclasses.replace(module, quiz=None), None)
        return self._packaged[key]

    def module_files(self, module_id: str, include_quiz: bool = True) -> dict[str, bytes]:
        """What one module's SCO needs: its folder and the shared player files."""
        return {**self.packaged_module(module_id, include_quiz).files(), **self.static}


class TemplateProblem(Exception):
    """A template that does not render: reported as path:line: message, not a traceback."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(message)
        self.problem = Problem(path, line, f"template error: {message}")

    def __reduce__(self):  # it crosses from an export process to the build's
        return type(self), (self.problem.path, self.problem.line, str(self))


def _template_line(error: Exception) -> int:
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    return frames[-1].lineno if frames else 1


def fill(text: str, **values) -> str:
    """Fills '{name}' placeholders of a UI string."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, checked against their source's checksum: in memory for the process (each build
    makes a new environment; compiling again was a third of a preview rebuild), and in Jinja's per-user cache
    folder, as Python keeps compiled modules, so that a new build process does not compile ~50 templates again."""

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


COMPILED_TEMPLATES = _CompiledTemplates()


class Templates:
    """The course's own templates/ first, then the built-in ones, file by file."""

    def __init__(self, course_root: Path):
        self.folders = [p for p in (course_root / "templates", BUILTIN_TEMPLATES) if p.is_dir()]
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in self.folders]),
            autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=COMPILED_TEMPLATES,
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
    """A strings file (key: {da: ..., en: ...}) in one language, Danish where a text is missing."""
    return dict(_language_strings(templates.file(relative).read_text(encoding="utf-8"), language))


@functools.lru_cache(maxsize=16)
def _language_strings(text: str, language: str) -> tuple[tuple[str, str], ...]:
    """The strings parsed once per text (each build asks for them several times)."""
    table = yaml.load(text, Loader=FAST_LOADER) if libyaml_is_safe(text) else yaml.safe_load(text)
    return tuple((key, texts.get(language) or texts["da"]) for key, texts in sorted(table.items()))


class MarkdownRenderer:
    def __init__(self, course: Course):
        self.course = course

    def block(self, text: str) -> str:
        if is_plain_text(text):
            return f"<p>{text}</p>"
        return markdown_html(self._link_terms(text))

    def inline(self, text: str) -> str:
        """Markdown for a short text: one paragraph comes back without its <p>."""
        html = self.block(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html

    def _link_terms(self, text: str) -> str:
        def link(term_id: str, words: str) -> str:
            return f'<a class="term" href="#term-{term_id}">{escape(words)}</a>'

        return glossary_links(text, self.course.glossary, link)


def render_course(course: Course) -> Rendered:
    templates = Templates(course.root)
    markdown = MarkdownRenderer(course)
    strings = ui_strings(templates, course.settings.language)
    templates.environment.filters["md"] = lambda text: Markup(markdown.block(text))
    templates.environment.filters["md_inline"] = lambda text: Markup(markdown.inline(text))
    templates.environment.globals["scrambled"] = scrambled
    static = player_static(templates)

    def render_module(module: Module, course_home: str | None) -> RenderedModule:
        return _render_module(course, module, templates, markdown, strings, static, course_home)

    modules, packaged = _render_modules(course, render_module)
    return Rendered(course, templates, modules, static, render_module, _packaged=packaged)


def player_static(templates: Templates) -> dict[str, bytes]:
    """The player's shared scripts and styles (player/…), the quiz script with every question type's part."""
    static = {f"player/{name}": path.read_bytes() for name, path in templates.static_files(PLAYER_STATIC).items()}
    static[f"player/{QUIZ_SCRIPT}"] = quiz_script(templates)
    static[f"player/{LMS_SCRIPT}"] = static[f"player/{LMS_SCRIPT}"].replace(
        LIMITS_PLACEHOLDER.encode("utf-8"), limits_script().encode("utf-8"))
    return static


def quiz_script(templates: Templates) -> bytes:
    """The quiz script with each type's templates/question_types/<type>/player.js in place of its question types
    line, without comment lines: the first page's scripts and styles must stay within 40 KB. A course's own
    quiz script without that line replaces the quiz, types and all, and is shipped as it is."""
    core = templates.file(f"{PLAYER_STATIC}/{QUIZ_SCRIPT}").read_bytes()
    head, line, tail = core.decode("utf-8").partition(QUESTION_TYPES_LINE)
    if not line:
        return core
    parts = [templates.file(f"question_types/{name}/player.js").read_text(encoding="utf-8") for name in type_names()]
    script = head + "".join(parts) + tail
    return "".join(s for s in script.splitlines(keepends=True) if not s.lstrip().startswith("//")).encode("utf-8")


PARALLEL_RENDER_MIN_MODULES = 4  # below this, a fork costs more than it saves


def _render_modules(course: Course, render_module):
    """Every module's web page, and where the work is shared out over the cores (course_builder/forking.py)
    also its packaged page, so that the export processes need not each render it again. The children hand
    back their pages and their Markdown conversions, which the question bank reuses."""
    processes = processes_for(len(course.modules), PARALLEL_RENDER_MIN_MODULES)
    if processes < 2:
        return {m.id: render_module(m, WEB_COURSE_HOME) for m in course.modules}, {}

    def share(index: int) -> tuple[dict[str, tuple], dict[str, str]]:
        known = set(converted_markdown)
        pages = {}
        for module in course.modules[index::processes]:
            web, packaged = render_module(module, WEB_COURSE_HOME), render_module(module, None)
            pages[module.id] = (web.html, web.media, packaged.html, packaged.media, web.lessons)
        return pages, {text: html for text, html in converted_markdown.items() if text not in known}

    pages: dict[str, tuple] = {}
    for index, (shared_pages, converted) in enumerate(run_shares(share, processes)):
        pages.update(shared_pages)
        if index:
            converted_markdown.update(converted)
    web = {m.id: RenderedModule(m, *pages[m.id][:2], lessons=pages[m.id][4]) for m in course.modules}
    packaged = {(m.id, True): RenderedModule(m, *pages[m.id][2:4], lessons=pages[m.id][4]) for m in course.modules}
    return web, packaged


def _render_module(course, module: Module, templates: Templates, markdown: MarkdownRenderer, strings, static,
                   course_home: str | None) -> RenderedModule:
    lessons = [markdown.block(page.markdown) for page in module.pages]
    pages = [_player_page(page, lesson, templates, strings) for page, lesson in zip(module.pages, lessons)]
    glossary = [course.glossary[t] for t in sorted({t for p in module.pages for t, _ in p.glossary_links}) if t in course.glossary]
    html = templates.render(
        "player/module.html.j2",
        course=course,
        module=module,
        pages=list(zip(module.pages, pages)),
        questions=module.questions,
        course_home=course_home,
        glossary=glossary,
        t=strings,
        config_json=_json(player_config(course, module, strings)),
        player_scripts=sorted(name.removeprefix("player/") for name in static if name.endswith(".js")),
        stylesheets=[name for name in static if name.endswith(".css")],
    )
    media = {image.path: module.directory / image.path for page in module.pages for image in page.images}
    media.update({path: module.directory / path for path in question_images(module)})
    return RenderedModule(module, html, media, lessons)


def question_images(module: Module) -> list[str]:
    """Images the module's questions show, like a page's: files beside the module."""
    return sorted({m.group(2) for q in module.questions for text in q.markdown_texts() for m in IMAGE.finditer(text)})


def _player_page(page, lesson: str, templates: Templates, strings) -> str:
    def reflection(match: re.Match) -> str:
        item = page.reflections[int(match.group(1))]
        return templates.render("player/reflection.html.j2", reflection=item, t=strings)

    return REFLECTION_MARKER.sub(reflection, lesson)


def without_term_links(html: str) -> str:
    """Rendered HTML for a format with no glossary to open (the cartridge): each term link as its words."""
    return TERM_LINK.sub(r"\1", html)


DESCRIPTION_LIMIT = scorm_limit("2004", "cmi.interactions.n.description")


def player_config(course: Course, module: Module, strings: dict[str, str]) -> dict:
    """What the player's scripts need to know, as data: settings, strings and the answer key."""
    settings = course.settings
    keys = [question_key(q) for q in module.questions]
    return {
        "courseId": settings.id,
        "moduleId": module.id,
        "version": settings.version,
        "language": settings.language,
        "masteryScore": settings.mastery_score,
        "quizAttempts": settings.player.quiz_attempts,
        "reflections": settings.player.reflections,
        "pages": [page.id for page in module.pages],
        "reflectionIds": [r.id for r in module.reflections],
        "questions": keys,
        "descriptions": {q.id: _descriptions(q, course) for q in module.questions},
        "fingerprint": questions_fingerprint(keys),
        "strings": strings,
    }


def question_key(question: Question) -> dict:
    """The answer key of one question, in the shape the player scores with.

    Only ids and structure: the fingerprint of a module's keys tells whether a saved attempt
    still fits a newer package of the course.
    """
    return {"id": question.id, "type": question.type, **question_type(question.type).player_key(question)}


def questions_fingerprint(keys: list[dict]) -> str:
    """8 hex digits that change whenever a module's questions change in a way saved answers depend on."""
    return hashlib.sha256(json.dumps(keys, sort_keys=True).encode("utf-8")).hexdigest()[:8]


def _descriptions(question: Question, course: Course) -> dict[str, str]:
    """Plain-text descriptions by interaction id (SCORM 2004 cmi.interactions.n.description)."""
    return {interaction_id: plain_text(node.situation if node else question.prompt, course.glossary, DESCRIPTION_LIMIT)
            for interaction_id, node in question.interactions()}


def scrambled(question_id: str, things: list) -> list:
    """A fixed, never-correct-looking order for ordering items and matching answers (same every build)."""
    def rank(thing) -> str:
        return hashlib.sha256(f"{question_id}/{thing.id}".encode()).hexdigest()

    order = sorted(things, key=rank)
    if len(order) > 1 and [t.id for t in order] == [t.id for t in things]:
        order = order[1:] + order[:1]
    return order


def _json(value) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
