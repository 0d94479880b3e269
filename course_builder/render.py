"""Markdown and Jinja2 → the HTML of every module, rendered once for every format.

A course may override any built-in template or static file by putting a file of the same
relative path in its own templates/ folder.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from markupsafe import Markup, escape

from course_builder.answer_key import question_key, questions_fingerprint
from course_builder.content.load import IMAGE
from course_builder.content.model import Course, Figure, Module, Question
from course_builder.later_steps import LATER_STEPS_FILE, later_steps_script
from course_builder.packaging import Deflated
from course_builder.question_types import type_names
from course_builder.templating import BuildCaches, Templates, ui_strings
from course_builder.text import MarkdownConverter, glossary_links, label_lines, plain_text
from course_builder.scorm_limits import LIMITS_PLACEHOLDER, limits_script, scorm_limit

PLAYER_STATIC = "player/static"
QUIZ_SCRIPT = "quiz.js"
LMS_SCRIPT = "lms.js"
QUESTION_TYPES_LINE = "  /* question types */\n"
WEB_COURSE_HOME = "../index.html"  # the web format's course home, seen from a module's folder
REFLECTION_MARKER = re.compile(r"(?:<p>)?<!--reflection:(\d+)-->(?:</p>)?")
FIGURE_MARKER = re.compile(r"(?:<p>)?<!--figure:(\d+)-->(?:</p>)?")
ROLE_PAGE = "player/role.html"  # the learner's role page, beside the player's files in every format that has the player
ROLE_SCRIPT = "player/role.js"  # its script: not a player script, so module pages do not load it
ROLE_PAGE_STRINGS = ("scope_module", "scope_all")  # what its script writes; the template has the rest
TERM_LINK = re.compile(r'<a class="term" href="#term-[^"]*">(.*?)</a>', re.DOTALL)  # MarkdownRenderer._link_terms


@dataclass
class RenderedModule:
    """One module's page as one kind of output shows it (the web format's, or a package's SCO), with its media."""
    module: Module
    html: str  # <module-id>/index.html
    media: dict[str, Path] = field(default_factory=dict)  # path inside the module folder → source file
    # each lesson page's Markdown as HTML, as every format shows it: glossary terms linked (without_term_links
    # for formats with no glossary to open), figures marked <!--figure:n--> (FIGURE_MARKER, drawn by figure_html),
    # reflections marked <!--reflection:n--> (REFLECTION_MARKER)
    lessons: list[str] = field(default_factory=list)
    later_steps: str = ""  # the steps after the first lesson page (player/later_steps.html.j2), for LATER_STEPS_FILE

    @property
    def folder(self) -> str:
        return self.module.id

    def files(self) -> dict[str, bytes]:
        """Every file of the module's folder, by path relative to the package root."""
        files = {f"{self.folder}/index.html": self.html.encode("utf-8")}
        if self.later_steps:
            files[f"{self.folder}/{LATER_STEPS_FILE}"] = later_steps_script(self.later_steps)
        for relative, source in sorted(self.media.items()):
            files[f"{self.folder}/{relative}"] = source.read_bytes()
        return files


@dataclass
class Rendered:
    """Every module's pages, each rendered on first use (a SCORM-only build never renders the web pages)."""
    course: Course
    templates: "Templates"
    static: dict[str, bytes]  # player/… → bytes, shared by every module
    render_module: Callable[[Module, str | None], RenderedModule] = field(repr=False)
    render_role_page: Callable[[], bytes | None] = field(default=lambda: None, repr=False)
    _web: dict[str, RenderedModule] = field(default_factory=dict, repr=False)
    _packaged: dict[tuple[str, bool], RenderedModule] = field(default_factory=dict, repr=False)
    _shared: dict[str, bytes] | None = field(default=None, repr=False)
    deflated: Deflated = field(default_factory=Deflated, repr=False)  # the packages' zip entries, compressed once

    @property
    def shared_pages(self) -> dict[str, bytes]:
        """Pages beside the player that every module links to: the learner's role page, when the course has a
        role guide."""
        if self._shared is None:
            page = self.render_role_page()
            self._shared = {} if page is None else {
                ROLE_PAGE: page, ROLE_SCRIPT: self.templates.file(ROLE_SCRIPT).read_bytes()}
        return self._shared

    @property
    def modules(self) -> dict[str, RenderedModule]:
        """The web format's module pages, which link back to the course home, in course order."""
        for module in self.course.modules:
            if module.id not in self._web:
                self._web[module.id] = self.render_module(module, WEB_COURSE_HOME)
        return {m.id: self._web[m.id] for m in self.course.modules}

    def web_module(self, module_id: str) -> RenderedModule:
        """One module's web page (Rendered.modules, without making the dict of every module)."""
        if module_id not in self._web:
            self._web[module_id] = self.render_module(self.course.module(module_id), WEB_COURSE_HOME)
        return self._web[module_id]

    def packaged_module(self, module_id: str, include_quiz: bool = True) -> RenderedModule:
        """A module as a package's SCO shows it: no course home page to link to.

        Without its quiz (include_quiz=False) the module shows its lessons only, as a module that has no
        quiz: for packages whose quiz lives elsewhere, such as the course backup's native mode.
        """
        key = (module_id, include_quiz)
        if key not in self._packaged:
            module = self.course.module(module_id)
            if module is None:
                raise KeyError(f"no module {module_id!r} in the course")
            self._packaged[key] = self.render_module(module if include_quiz else dataclasses.replace(module, quiz=None), None)
        return self._packaged[key]

    def module_files(self, module_id: str, include_quiz: bool = True) -> dict[str, bytes]:
        """What one module's SCO needs: its folder and the shared player files."""
        return {**self.packaged_module(module_id, include_quiz).files(), **self.static, **self.shared_pages}


class MarkdownRenderer:
    """A course's Markdown as HTML, glossary terms linked, converted by the build's converter."""

    def __init__(self, course: Course, converter: MarkdownConverter):
        self.course = course
        self.converter = converter
        self._blocks: dict[str, str] = {}  # text → HTML: the templates ask for the same texts again and again

    def block(self, text: str) -> str:
        html = self._blocks.get(text)
        if html is None:
            html = self.converter.html(self._link_terms(text))  # plain text skips Markdown there
            self._blocks[text] = html
        return html

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


def render_course(course: Course, caches: BuildCaches | None = None,
                  reuse: dict[str, RenderedModule] | None = None) -> Rendered:
    """Every module's pages, rendered as the formats ask for them (Rendered). `caches`: what an earlier
    build of the same owner remembered, else a build of its own; `reuse`: web pages of modules that did not
    change since that build (the preview's rebuilds)."""
    templates = Templates(course.root, caches)
    markdown = MarkdownRenderer(course, templates.caches.markdown)
    strings = ui_strings(templates, course.settings.language)
    templates.environment.filters["md"] = lambda text: Markup(markdown.block(text))
    templates.environment.filters["md_inline"] = lambda text: Markup(markdown.inline(text))
    templates.environment.filters["label_lines"] = label_lines
    templates.environment.globals["scrambled"] = scrambled
    static = player_static(templates)
    contents: dict[tuple[str, bool], ModuleContent] = {}  # what a module's web page and its packages' pages share

    def render_module(module: Module, course_home: str | None) -> RenderedModule:
        key = (module.id, module.quiz is None)
        if key not in contents:
            contents[key] = _module_content(course, module, templates, markdown, strings)
        return _render_module(course, module, contents[key], templates, strings, static, course_home)

    def render_role_page() -> bytes | None:
        return _render_role_page(course, templates, strings, static)

    return Rendered(course, templates, static, render_module, render_role_page, _web=dict(reuse or {}))


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


@dataclass
class ModuleContent:
    """A module's parts that do not depend on where its page links to: its lessons' HTML, each as its page shows
    it (figures drawn, reflections in place), the player's configuration, and the steps after the first lesson
    page (player/later_steps.html.j2, for LATER_STEPS_FILE)."""
    lessons: list[str]
    pages: list[str]
    config_json: str
    later_steps: str


def _module_content(course: Course, module: Module, templates: Templates, markdown: MarkdownRenderer,
                    strings) -> ModuleContent:
    lessons = [markdown.block(page.markdown) for page in module.pages]
    pages = [_player_page(course, page, lesson, templates, strings) for page, lesson in zip(module.pages, lessons)]
    config_json = script_json(player_config(course, module, strings, templates.caches.markdown))
    return ModuleContent(lessons, pages, config_json, _later_steps(course, module, pages, templates, strings))


def _later_steps(course: Course, module: Module, pages: list[str], templates: Templates, strings) -> str:
    if not has_later_steps(module):
        return ""
    return templates.render("player/later_steps.html.j2", course=course, module=module, t=strings,
                            pages=list(zip(module.pages, pages)), questions=module.questions,
                            role_page=ROLE_PAGE if course.role_guides else None).strip()


def _render_module(course, module: Module, content: ModuleContent, templates: Templates, strings, static,
                   course_home: str | None) -> RenderedModule:
    glossary = [course.glossary[t] for t in sorted({t for p in module.pages for t, _ in p.glossary_links}) if t in course.glossary]
    html = templates.render(
        "player/module.html.j2",
        course=course,
        module=module,
        pages=list(zip(module.pages, content.pages)),
        questions=module.questions,
        course_home=course_home,
        glossary=glossary,
        t=strings,
        config_json=content.config_json,
        player_scripts=sorted(name.removeprefix("player/") for name in static if name.endswith(".js")),
        stylesheets=[(name, static[name].decode("utf-8")) for name in static if name.endswith(".css")],
        later_steps=LATER_STEPS_FILE if content.later_steps else None,
    )
    media = {image.path: module.directory / image.path for page in module.pages for image in page.images}
    media.update({path: module.directory / path for path in question_images(module)})
    return RenderedModule(module, html, media, content.lessons, content.later_steps)


def has_later_steps(module: Module) -> bool:
    return len(module.pages) > 1 or bool(module.questions) or bool(module.reflections)


def figure_html(figure: Figure, templates: Templates, image: str | None = None) -> str:
    """A figure as a page shows it: drawn inline by templates/figures/<kind>.svg.j2 inside figures/figure.html.j2,
    or, given `image`, that file in its place (figure_file: for importers that strip inline SVG)."""
    return templates.render("figures/figure.html.j2", figure=figure, drawing=f"figures/{figure.kind}.svg.j2",
                            image=image, standalone=False)


def figure_file(figure: Figure, templates: Templates) -> bytes:
    """The drawing as an SVG file of its own, its caption and description as its title and desc."""
    svg = templates.render(f"figures/{figure.kind}.svg.j2", figure=figure, fid=f"fig-{figure.id}", standalone=True)
    return svg.strip().encode("utf-8")


def _render_role_page(course: Course, templates: Templates, strings, static) -> bytes | None:
    """The learner's role page: each role's statements and the course's questions; the script fills in the
    learner's reflections from the browser's copy."""
    if not course.role_guides:
        return None
    reflections = [(module, page, reflection) for module in course.modules for page in module.pages
                   for reflection in page.reflections]
    html = templates.render(
        "player/role.html.j2",
        course=course,
        guides=course.role_guides,
        references=course.references,
        reflections=reflections,
        t=strings,
        config_json=script_json({"courseId": course.settings.id, "modules": [m.id for m in course.modules],
                           "strings": {key: strings[key] for key in ROLE_PAGE_STRINGS}}),
        stylesheets=[name.removeprefix("player/") for name in static if name.endswith(".css")],
    )
    return html.encode("utf-8")


def question_images(module: Module) -> list[str]:
    """Images the module's questions show, like a page's: files beside the module."""
    return sorted({m.group(2) for q in module.questions for text in q.markdown_texts() for m in IMAGE.finditer(text)})


def _player_page(course: Course, page, lesson: str, templates: Templates, strings) -> str:
    def reflection(match: re.Match) -> str:
        item = page.reflections[int(match.group(1))]
        return templates.render("player/reflection.html.j2", reflection=item, t=strings)

    def figure(match: re.Match) -> str:
        return figure_html(course.figures[page.figures[int(match.group(1))][0]], templates)

    return REFLECTION_MARKER.sub(reflection, FIGURE_MARKER.sub(figure, lesson))


def without_term_links(html: str) -> str:
    """Rendered HTML for a format with no glossary to open (the cartridge): each term link as its words."""
    return TERM_LINK.sub(r"\1", html)


DESCRIPTION_LIMIT = scorm_limit("2004", "cmi.interactions.n.description")


def player_config(course: Course, module: Module, strings: dict[str, str],
                  converter: MarkdownConverter | None = None) -> dict:
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
        "descriptions": {q.id: _descriptions(q, course, converter) for q in module.questions},
        "fingerprint": questions_fingerprint(keys),
        "strings": strings,
    }


def _descriptions(question: Question, course: Course, converter: MarkdownConverter | None) -> dict[str, str]:
    """Plain-text descriptions by interaction id (SCORM 2004 cmi.interactions.n.description)."""
    return {interaction_id: plain_text(node.situation if node else question.prompt, course.glossary, DESCRIPTION_LIMIT,
                                       converter)
            for interaction_id, node in question.interactions()}


def scrambled(question_id: str, things: list) -> list:
    """A fixed, never-correct-looking order for ordering items and matching answers (same every build)."""
    def rank(thing) -> str:
        return hashlib.sha256(f"{question_id}/{thing.id}".encode()).hexdigest()

    order = sorted(things, key=rank)
    if len(order) > 1 and [t.id for t in order] == [t.id for t in things]:
        order = order[1:] + order[:1]
    return order


def script_json(value) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
