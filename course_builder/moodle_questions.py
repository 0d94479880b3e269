"""Our questions as Moodle's question bank holds them: one conversion for every Moodle format.

The Moodle XML import file, the GIFT file, the Common Cartridge's quizzes and the course backup all need
the same question types, answers, fractions, feedback HTML, idnumbers, tags and embedded images. They are
computed here once, as plain data; each writer only lays them out in its own syntax.

Each question type makes its own bank questions (`bank_questions` in course_builder/question_types/);
docs/moodle-questions.md explains how each type maps, why, and what is lost. Reflection prompts become
essays, in a category of their own, for the bank only.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from markupsafe import Markup

from course_builder.content.model import Course, Module, Question, Reflection, Source
from course_builder.question_types import question_type
from course_builder.render import MarkdownRenderer
from course_builder.templating import Templates, fill, language_strings
from course_builder.text import glossary_words, plain_text

PLUGINFILE = "@@PLUGINFILE@@/"
MAX_IDNUMBER = 100  # question_bank_entries.idnumber is varchar(100)
NAME_EXCERPT = 70

# question_bank::fraction_options_full(): the only grades Moodle's import accepts (within 0.00001).
POSITIVE_FRACTIONS = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
)
MOODLE_FRACTIONS = POSITIVE_FRACTIONS + (0.0,) + tuple(-f for f in POSITIVE_FRACTIONS)
FRACTION_TOLERANCE = 0.00001

DEFAULT_PENALTY = 0.3333333


@dataclass(frozen=True)
class File:
    """An image embedded in a text: its path in the text's file area, and its bytes."""

    path: str  # e.g. "kort.png" or "billeder/kort.png"; the text refers to @@PLUGINFILE@@/<path>
    data: bytes

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def folder(self) -> str:
        """Moodle's filepath: '/' or '/sub/folder/'."""
        parent = PurePosixPath(self.path).parent.as_posix()
        return "/" if parent == "." else f"/{parent}/"


@dataclass(frozen=True)
class Text:
    """An HTML text field with the files it embeds."""

    html: str
    files: tuple[File, ...] = ()


EMPTY = Text("")


@dataclass
class Answer:
    text: Text
    fraction: float  # one of MOODLE_FRACTIONS (-1..1); for an ordering item its correct position, as Moodle keeps it
    feedback: Text = EMPTY
    format: str = "html"  # html | moodle_auto_format (true/false answers)
    choice_id: str = ""  # the option id, or "true"/"false"


@dataclass
class CombinedFeedback:
    correct: Text
    partially_correct: Text
    incorrect: Text


@dataclass
class Subquestion:
    text: Text  # the left-hand side, HTML
    answer: str  # the right-hand side, plain text (Moodle's matching answers are plain)


@dataclass(frozen=True)
class OrderingOptions:
    layout: str = "VERTICAL"
    select_type: str = "ALL"
    grading: str = "ALL_OR_NOTHING"  # the player gives marks only for the whole order
    show_grading: str = "SHOW"
    numbering: str = "none"


@dataclass(frozen=True)
class EssayOptions:
    """Moodle's defaults (also what a GIFT import sets), so no format loses anything."""

    response_format: str = "editor"
    response_required: int = 1
    field_lines: int = 15
    attachments: int = 0
    attachments_required: int = 0
    max_bytes: int = 0


@dataclass
class BankQuestion:
    qtype: str  # Moodle's question type, as its XML and GIFT formats name it (multichoice, essay, description, ...)
    name: str
    idnumber: str
    text: Text
    general_feedback: Text
    default_grade: float
    penalty: float
    tags: tuple[str, ...]
    source: Source
    origin: str  # "question", "introduction" (of a case told in parts), "decision-point" or "reflection"
    question_id: str  # the content id: question id, or <module>.<reflection> for reflections
    content_type: str  # the content's type: single, multiple, ..., scenario, or reflection
    answers: list[Answer] = field(default_factory=list)
    single: bool = True
    shuffle_answers: bool = True
    answer_numbering: str = "abc"
    show_standard_instruction: bool = False
    combined_feedback: CombinedFeedback | None = None
    show_num_correct: bool = False
    subquestions: list[Subquestion] = field(default_factory=list)
    ordering: OrderingOptions | None = None
    essay: EssayOptions | None = None
    table_qtype: str = ""  # Moodle's name in its database and backups, where it differs from qtype

    @property
    def stored_qtype(self) -> str:
        return self.table_qtype or self.qtype

    @property
    def files(self) -> tuple[File, ...]:
        texts = [self.text, self.general_feedback] + [a.text for a in self.answers] + [a.feedback for a in self.answers]
        texts += [s.text for s in self.subquestions]
        if self.combined_feedback:
            texts += [self.combined_feedback.correct, self.combined_feedback.partially_correct,
                      self.combined_feedback.incorrect]
        return tuple(f for t in texts for f in t.files)


@dataclass
class Category:
    names: tuple[str, ...]  # below top: course title, module title, ...
    info: str  # HTML
    idnumber: str
    questions: list[BankQuestion] = field(default_factory=list)
    module_id: str = ""
    kind: str = "course"  # course | questions (a module's quiz) | reflections (a module's essays)

    @property
    def path(self) -> str:
        """Moodle's category path; a '/' inside a name is written '//'."""
        return "/".join(["$course$", "top"] + [name.replace("/", "//") for name in self.names])


@dataclass
class QuestionBank:
    categories: list[Category]
    warnings: list[str] = field(default_factory=list)

    @property
    def questions(self) -> list[BankQuestion]:
        return [q for c in self.categories for q in c.questions]

    def quiz_questions(self, module_id: str) -> list[BankQuestion]:
        """What a module's quiz holds in the bank (its reflections are in a category of their own)."""
        return [q for c in self.categories if c.kind == "questions" and c.module_id == module_id for q in c.questions]


# --- the bank ------------------------------------------------------------------------------------

def question_bank(course: Course, templates: Templates) -> QuestionBank:
    """Every quiz question and reflection of the course, in Moodle's categories and course order."""
    convert = Converter(course, templates)
    settings = course.settings
    info = convert.paragraph(fill(convert.t["course_category_info"], course=settings.title, version=settings.version))
    course_category = Category((settings.title,), info, short_idnumber(category_key(course)))
    categories = [course_category]
    for module in course.modules:
        categories += convert.module_categories(module)
    return QuestionBank(categories, convert.warnings)


def category_key(course: Course) -> str:
    """Category idnumbers carry the version: Moodle refuses a second category with the same idnumber in a course,
    so a new version can be imported beside the old one once HR has renamed the old categories."""
    return f"{course.settings.id}-v{course.settings.version}"


def moodle_strings(templates: Templates, language: str) -> dict[str, str]:
    return language_strings(templates, "moodle/strings.yaml", language)


class Converter:
    def __init__(self, course: Course, templates: Templates):
        self.course = course
        self.templates = templates
        self.t = moodle_strings(templates, course.settings.language)
        self.markdown = MarkdownRenderer(course, templates.caches.markdown)
        self.warnings: list[str] = []
        self.documents = course.settings.documents  # the course's vocabulary names the documents, as everywhere
        self._general_feedback: dict[tuple, Text] = {}  # by references and lead: most questions share a few

    # categories

    def module_categories(self, module: Module) -> list[Category]:
        key = category_key(self.course)
        names = (self.course.settings.title, module.title)
        categories = []
        questions = [q for number, question in enumerate(module.questions, 1)
                     for q in self.convert(module, question, number)]
        if questions:
            info = self.paragraph(fill(self.t["module_category_info"], module=module.title))
            categories.append(Category(names, info, short_idnumber(f"{key}.{module.id}"), questions, module.id,
                                       "questions"))
        essays = [self.reflection(module, r, n) for n, r in enumerate(module.reflections, 1)]
        if essays:
            info = self.paragraph(fill(self.t["reflections_category_info"], module=module.title))
            categories.append(Category(names + (self.t["reflections_category"],), info,
                                       short_idnumber(f"{key}.{module.id}.reflections"), essays, module.id,
                                       "reflections"))
        return categories

    # questions

    def convert(self, module: Module, question: Question, number: int) -> list[BankQuestion]:
        """The bank questions of one quiz question: its type makes them (course_builder/question_types/)."""
        return question_type(question.type).bank_questions(self, module, question, number)

    def base(self, module: Module, question: Question, qtype: str, name: str, origin: str = "question",
             **fields) -> BankQuestion:
        return BankQuestion(
            qtype=qtype,
            name=name,
            idnumber=short_idnumber(question.id),
            text=self.block(module, question.prompt, question.source),
            general_feedback=self.general_feedback([question.reference]),
            default_grade=1.0,
            penalty=DEFAULT_PENALTY,
            tags=self.tags(module, question.roles),
            source=question.source,
            origin=origin,
            question_id=question.id,
            content_type=question.type,
            **fields,
        )

    def reflection(self, module: Module, reflection: Reflection, number: int) -> BankQuestion:
        page = next(p for p in module.pages if reflection in p.reflections)
        return BankQuestion(
            qtype="essay",
            name=f"{number:02d} {self.excerpt(reflection.prompt)}",
            idnumber=short_idnumber(f"{module.id}.{reflection.id}"),
            text=self.block(module, reflection.prompt, reflection.source),
            general_feedback=self.general_feedback(page.references),
            default_grade=1.0,
            penalty=0.0,
            tags=self.tags(module, []),
            source=reflection.source,
            origin="reflection",
            question_id=f"{module.id}.{reflection.id}",
            content_type="reflection",
            essay=EssayOptions(),
        )

    # fields

    def result_feedback(self, module: Module, question: Question) -> tuple[Text, Text]:
        if question.feedback is None:
            return EMPTY, EMPTY
        return (self.block(module, question.feedback.correct, question.source),
                self.block(module, question.feedback.incorrect, question.source))

    def general_feedback(self, reference_ids: list[str], lead: str = "") -> Text:
        key = (tuple(reference_ids), lead)
        if key not in self._general_feedback:
            references = [self.course.references[r] for r in reference_ids if r in self.course.references]
            rendered = self.templates.render("moodle/general_feedback.html.j2", references=references,
                                             documents=self.documents, t=self.t, lead=lead)
            self._general_feedback[key] = Text(rendered.strip())
        return self._general_feedback[key]

    def tags(self, module: Module, roles: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys([module.id] + list(roles or module.roles)))

    def name(self, number: int, prompt: str, label: str = "") -> str:
        prefix = f"{number:02d} {label}: " if label else f"{number:02d} "
        return prefix + self.excerpt(prompt)

    def excerpt(self, markdown: str) -> str:
        return plain_text(markdown, self.course.glossary, NAME_EXCERPT, self.templates.caches.markdown)

    # text

    def block(self, module: Module, markdown: str, source: Source) -> Text:
        return self.embedded(self.rendered(markdown), module, source)

    def inline(self, module: Module, markdown: str, source: Source) -> Text:
        return self.embedded(self.markdown.inline(glossary_words(markdown, self.course.glossary)), module, source)

    def rendered(self, markdown: str) -> Markup:
        return Markup(self.markdown.block(glossary_words(markdown, self.course.glossary))) if markdown else Markup("")

    def fragment(self, module: Module, template: str, source: Source, **values) -> Text:
        """A template filled with Markdown texts (rendered) and other values (as they are)."""
        filled = {key: self.rendered(value) if isinstance(value, str) else value for key, value in values.items()}
        return self.embedded(self.templates.render(template, t=self.t, **filled).strip(), module, source)

    def embedded(self, text: str, module: Module, source: Source) -> Text:
        text, files, missing = embed_images(text, module.directory)
        for path in missing:
            self.warnings.append(f"{source}: moodle: image '{path}' not found beside the module: left as a link")
        return Text(text, files)

    def paragraph(self, text: str) -> str:
        return self.templates.render("moodle/paragraph.html.j2", text=text).strip()


# --- grades --------------------------------------------------------------------------------------

def equal_share(count: int) -> float | None:
    """1/count as one of Moodle's grades, or None when Moodle has no such grade."""
    if count < 1:
        return None
    return next((f for f in POSITIVE_FRACTIONS if abs(f - 1 / count) < FRACTION_TOLERANCE), None)


def nearest_fraction(value: float) -> float:
    return min(MOODLE_FRACTIONS, key=lambda f: (abs(f - value), -f))


def percent(fraction: float) -> str:
    """A fraction as Moodle writes it in answer/@fraction: 100, 50, 33.33333, -50, 0."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def grade(value: float) -> str:
    """Moodle's decimal(12,7) as exported: 1.0000000."""
    return f"{value:.7f}"


# --- text helpers --------------------------------------------------------------------------------

IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")', re.IGNORECASE)


def embed_images(text: str, folder: Path) -> tuple[str, tuple[File, ...], list[str]]:
    """Relative <img src> → @@PLUGINFILE@@/path with the file's bytes; returns (html, files, missing paths)."""
    files: dict[str, File] = {}
    missing: list[str] = []

    def rewrite(match: re.Match) -> str:
        src = html.unescape(match.group(2))
        if "://" in src or src.startswith(("data:", "/", PLUGINFILE)):
            return match.group(0)
        relative = PurePosixPath(unquote(src))
        target = folder / relative
        if ".." in relative.parts or not target.is_file():
            missing.append(src)
            return match.group(0)
        files[relative.as_posix()] = File(relative.as_posix(), target.read_bytes())
        return f"{match.group(1)}{PLUGINFILE}{quote(relative.as_posix())}{match.group(3)}"

    rewritten = IMG_SRC.sub(rewrite, text)
    return rewritten, tuple(files[path] for path in sorted(files)), missing


def short_idnumber(value: str) -> str:
    """Ids longer than Moodle's 100 characters keep their start and a stable hash of the whole."""
    if len(value) <= MAX_IDNUMBER:
        return value
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]
    return f"{value[:MAX_IDNUMBER - 9]}~{digest}"
