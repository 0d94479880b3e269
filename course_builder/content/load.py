"""Sources → one Course model. Every object keeps its file and line; mistakes become problems."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from course_builder.content.model import (
    Course,
    Feedback,
    Figure,
    FigurePart,
    GlossaryTerm,
    GuideSection,
    RoleGuide,
    Module,
    Option,
    Page,
    PathSettings,
    PlayerSettings,
    Question,
    QuizChecks,
    Quiz,
    Reference,
    Reflection,
    Settings,
    CheckSettings,
    Source,
    Image,
)
from course_builder.content.problems import Phrase, Problem
from course_builder.content.yaml_source import Reader, compose, nearest_word, read_text
from course_builder.question_types import find_type, type_names
from course_builder.strings import FALLBACK, ParsedTables, course_table, table_languages
from course_builder.text import GLOSSARY_LINK

COURSE_FILE = "course.yaml"
REFERENCES_FILE = "references.yaml"
GLOSSARY_FILE = "glossary.yaml"
FIGURES_FILE = "figures.yaml"  # optional: the figures modules place with '::: figure <id>'
ROLE_GUIDE_FILE = "role-guide.yaml"  # optional: each role's statements and questions for the learner's role page


@dataclass
class LoadResult:
    """The loaded course (None when course.yaml gave no settings) and every problem met on the way."""
    course: Course | None
    problems: list[Problem] = field(default_factory=list)


def load_course(root: Path, strings: ParsedTables | None = None) -> LoadResult:
    """Loads course.yaml, the vocabulary, the glossary, every module and quiz below root. `strings`: a build's
    parsed strings tables (BuildCaches.strings), which its renderer reads again."""
    root = Path(root)
    problems: list[Problem] = []
    if not (root / COURSE_FILE).is_file():
        problems.append(Problem.of(root / COURSE_FILE, 1, "no_course_file"))
        return LoadResult(None, problems)
    settings = load_settings(root / COURSE_FILE, problems, strings)
    references, duplicate_references = _by_id(_load_list(root / REFERENCES_FILE, _reference, problems))
    glossary, duplicate_terms = _by_id(_load_list(root / GLOSSARY_FILE, _glossary_term, problems))
    misnamed = misnamed_module_files(root / "modules", problems)
    read_modules = [(path, load_module(path, problems)) for path in sorted((root / "modules").glob("*.md"))]
    modules = [module for _, module in read_modules if module]
    quizzes = [q for q in (load_quiz(p, problems) for p in sorted((root / "quizzes").glob("*.y*ml"))) if q]
    if settings is None:
        return LoadResult(None, problems)
    course = Course(root, settings, _in_course_order(modules, settings), references, glossary, quizzes=quizzes,
                    duplicate_references=duplicate_references, duplicate_terms=duplicate_terms)
    course.unattached_modules = [m for m in modules if m not in course.modules]
    course.unreadable_module_files = [path for path, module in read_modules if module is None] + misnamed
    course.figures = _load_figures(root / FIGURES_FILE, problems)
    course.role_guides, course.general_questions = _load_role_guide(root / ROLE_GUIDE_FILE, problems)
    for quiz in quizzes:
        module = course.module(quiz.module_id)
        if module and module.quiz is None:
            module.quiz = quiz
            for question in quiz.questions:
                question.module_id = module.id
    return LoadResult(course, problems)


def _by_id(items: list) -> tuple[dict, list]:
    """Items by id, and the later ones whose id was taken already."""
    by_id, duplicates = {}, []
    for item in items:
        if item.id in by_id:
            duplicates.append(item)
        else:
            by_id[item.id] = item
    return by_id, duplicates


def _in_course_order(modules: list[Module], settings: Settings) -> list[Module]:
    by_id = {}
    for module in modules:
        by_id.setdefault(module.id, module)
    return [by_id[module_id] for module_id in settings.module_order if module_id in by_id]


# --- course.yaml -------------------------------------------------------------------------------

SETTINGS_FIELDS = {
    "id", "title", "description", "language", "version", "mastery_score", "organisation", "author",
    "keywords", "modules", "player", "scorm2004", "moodle", "roles", "documents", "checks", "quiz_checks", "paths",
}
# The whole-course SCORM 2004 package's sequencing, the default first (see exporters/scorm2004.py).
SCORM2004_SEQUENCING = ("moodle", "full-sequencing")
SETTINGS_REQUIRED = {"id", "title", "description", "version", "mastery_score", "modules"}


def load_settings(path: Path, problems: list[Problem], strings: ParsedTables | None = None) -> Settings | None:
    text = read_text(path, problems)
    node = compose(text, path, problems) if text is not None else None
    if node is None:
        if text is not None and not any(p.path == path for p in problems):
            problems.append(Problem.of(path, 1, "empty_course_file"))
        return None
    read = Reader(path, problems)
    fields = read.mapping(node, "thing_course_file", SETTINGS_FIELDS, SETTINGS_REQUIRED)
    if fields is None:
        return None
    player = _sub_settings(read, fields.get("player"), "player", {"quiz_attempts", "reflections"})
    scorm2004 = _sub_settings(read, fields.get("scorm2004"), "scorm2004", {"sequencing"})
    moodle = _sub_settings(read, fields.get("moodle"), "moodle", {"section_content"})
    attempts = read.integer(player.get("quiz_attempts"), "player.quiz_attempts", 0, 99)
    sequencing = read.choice(scorm2004.get("sequencing"), "scorm2004.sequencing", SCORM2004_SEQUENCING)
    module_nodes = read.sequence(fields.get("modules"), "modules")
    module_order = [read.text(n, "modules") for n in module_nodes]
    if "modules" in fields and not module_order:
        read.error(fields["modules"], "no_modules")
    return Settings(
        id=read.text(fields.get("id"), "id"),
        title=read.text(fields.get("title"), "title"),
        description=read.text(fields.get("description"), "description"),
        language=read.choice(fields.get("language"), "language", course_languages(path.parent, strings)) or FALLBACK,
        version=read.text(fields.get("version"), "version"),
        mastery_score=read.integer(fields.get("mastery_score"), "mastery_score", 0, 100) or 0,
        organisation=read.text(fields.get("organisation"), "organisation", required=False),
        author=read.text(fields.get("author"), "author", required=False),
        keywords=read.text_list(fields.get("keywords"), "keywords"),
        module_order=module_order,
        player=PlayerSettings(
            quiz_attempts=3 if attempts is None else attempts,
            reflections=read.choice(player.get("reflections"), "player.reflections", ("lms", "device")) or "lms",
        ),
        scorm2004_sequencing=sequencing or SCORM2004_SEQUENCING[0],
        moodle_section_content=read.choice(moodle.get("section_content"), "moodle.section_content", ("scorm", "native"))
        or "scorm",
        source=Source(path, 1),
        module_order_lines=[read.line(n) for n in module_nodes],
        roles=_labels(read, fields.get("roles"), "roles"),
        documents=_labels(read, fields.get("documents"), "documents"),
        checks=_whole_number_settings(read, fields.get("checks"), "checks", CHECK_RANGES, CheckSettings),
        quiz_checks=_whole_number_settings(read, fields.get("quiz_checks"), "quiz_checks", QUIZ_CHECK_RANGES,
                                           QuizChecks),
        paths=_paths(read, fields.get("paths")),
    )


# checks and quiz_checks: each limit with the range it may take (see CheckSettings, QuizChecks, docs/authoring.md)
CHECK_RANGES = {"max_image_kb": (1, 100_000), "max_lix": (1, 100)}
QUIZ_CHECK_RANGES = {
    "stand_out": (100, 1000), "spread": (100, 1000), "min_gap": (0, 10000),
    "longest_share": (0, 100), "shortest_share": (0, 100), "position_share": (0, 100),
    "min_items": (1, 1000), "echo_words": (1, 100),
}


def _whole_number_settings(read: Reader, node: yaml.Node | None, group: str,
                           ranges: dict[str, tuple[int, int]], make):
    """A course.yaml block of whole numbers, each within its range; the tool's default where one is missing or wrong."""
    fields = _sub_settings(read, node, group, set(ranges))
    values = {}
    for name, (low, high) in ranges.items():
        value = read.integer(fields.get(name), f"{group}.{name}", low, high)
        if value is not None:
            values[name] = value
    return make(**values)


def course_languages(course_root: Path, strings: ParsedTables | None = None) -> tuple[str, ...]:
    """The languages a course may be written in: those the learner's strings table (the tool's and the course's) has."""
    return table_languages(course_table(course_root, "player/strings.yaml", strings))


def _labels(read: Reader, node: yaml.Node | None, name: str) -> dict[str, str]:
    """A vocabulary of course.yaml: a mapping of id → label (the label is what HR's report shows)."""
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        read.error(node, "labels_not_mapping", field=name)
        return {}
    labels: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = read.text(key_node, name)
        if key in labels:
            read.error(key_node, "label_twice", label=key, field=name)
        elif key:
            labels[key] = read.text(value_node, f"{name}.{key}")
    if not labels:
        read.error(node, "labels_empty", field=name)
    return labels


def _paths(read: Reader, node: yaml.Node | None) -> dict[str, PathSettings]:
    """course.yaml's `paths`: role id → {order: [module ids], optional: [module ids]}."""
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        read.error(node, "paths_not_mapping")
        return {}
    paths: dict[str, PathSettings] = {}
    for key_node, value_node in node.value:
        role = read.text(key_node, "paths")
        if role in paths:
            read.error(key_node, "label_twice", label=role, field="paths")
            continue
        fields = read.mapping(value_node, Phrase.of("thing_settings_group", name=f"paths.{role}"),
                              {"order", "optional"}, set()) or {}
        order = read.sequence(fields.get("order"), f"paths.{role}.order")
        optional = read.sequence(fields.get("optional"), f"paths.{role}.optional")
        if role:
            paths[role] = PathSettings(
                role, Source(read.path, read.line(key_node)),
                [read.text(n, f"paths.{role}.order") for n in order], [read.line(n) for n in order],
                [read.text(n, f"paths.{role}.optional") for n in optional], [read.line(n) for n in optional])
    return paths


def _sub_settings(read: Reader, node: yaml.Node | None, name: str, allowed: set[str]) -> dict[str, yaml.Node]:
    if node is None:
        return {}
    return read.mapping(node, Phrase.of("thing_settings_group", name=name), allowed, set()) or {}


# --- references.yaml and glossary.yaml ---------------------------------------------------------


def _load_list(path: Path, build, problems: list[Problem]) -> list:
    if not path.exists():
        problems.append(Problem.of(path, 1, "file_missing", file=path.name))
        return []
    loaded = _read_yaml(path, problems)
    if loaded is None:
        return []
    read, node = loaded
    return [item for item in (build(read, entry) for entry in read.sequence(node, path.name)) if item]


def _read_yaml(path: Path, problems: list[Problem]) -> tuple[Reader, yaml.Node] | None:
    """The file's node tree and a reader of it, or None when the file cannot be read or parsed (reported)."""
    text = read_text(path, problems)
    node = compose(text, path, problems) if text is not None else None
    return (Reader(path, problems), node) if node is not None else None


def _reference(read: Reader, node: yaml.Node) -> Reference | None:
    fields = read.mapping(node, "thing_reference", {"id", "title", "document", "section"}, {"id", "title", "document"})
    if fields is None:
        return None
    return Reference(
        id=read.text(fields.get("id"), "id"),
        title=read.text(fields.get("title"), "title"),
        document=read.text(fields.get("document"), "document"),
        section=read.text(fields.get("section"), "section", required=False),
        source=Source(read.path, read.line(node)),
        document_line=read.line(fields["document"]) if "document" in fields else 0,
    )


def _glossary_term(read: Reader, node: yaml.Node) -> GlossaryTerm | None:
    fields = read.mapping(node, "thing_glossary_term", {"id", "term", "definition", "reference"}, {"id", "term", "definition"})
    if fields is None:
        return None
    return GlossaryTerm(
        id=read.text(fields.get("id"), "id"),
        term=read.text(fields.get("term"), "term"),
        definition=read.text(fields.get("definition"), "definition"),
        reference=read.text(fields.get("reference"), "reference", required=False) or None,
        source=Source(read.path, read.line(node)),
    )


# --- figures.yaml and role-guide.yaml ---------------------------------------------------------


def _load_optional(path: Path, problems: list[Problem]) -> tuple[Reader, yaml.Node] | None:
    return _read_yaml(path, problems) if path.exists() else None


def _load_figures(path: Path, problems: list[Problem]) -> dict[str, Figure]:
    loaded = _load_optional(path, problems)
    if loaded is None:
        return {}
    read, node = loaded
    figures: dict[str, Figure] = {}
    for entry in read.sequence(node, path.name):
        figure = _figure(read, entry)
        if figure and figure.id in figures:
            read.error(entry, "figure_twice", id=figure.id)
        elif figure:
            figures[figure.id] = figure
    return figures


def _figure(read: Reader, node: yaml.Node) -> Figure | None:
    fields = read.mapping(node, "thing_figure", {"id", "kind", "caption", "description", "parts", "themes"},
                          {"id", "kind", "caption", "description", "parts"})
    if fields is None:
        return None
    parts = []
    for part_node in read.sequence(fields.get("parts"), "parts"):
        part = read.mapping(part_node, "thing_figure_part", {"label", "detail"}, {"label"})
        if part is not None:
            parts.append(FigurePart(read.text(part.get("label"), "label"),
                                    read.text(part.get("detail"), "detail", required=False),
                                    Source(read.path, read.line(part_node))))
    figure = Figure(
        id=read.text(fields.get("id"), "id"),
        kind=read.text(fields.get("kind"), "kind"),
        caption=read.text(fields.get("caption"), "caption"),
        description=read.text(fields.get("description"), "description"),
        parts=parts,
        themes=read.text_list(fields.get("themes"), "themes"),
        source=Source(read.path, read.line(node)),
        kind_line=read.line(fields["kind"]) if "kind" in fields else read.line(node),
    )
    return figure


def _load_role_guide(path: Path, problems: list[Problem]) -> tuple[list[RoleGuide], list[str]]:
    loaded = _load_optional(path, problems)
    if loaded is None:
        return [], []
    read, node = loaded
    fields = read.mapping(node, Phrase.of("thing_file", name=path.name), {"roles", "questions"}, {"roles"})
    if fields is None:
        return [], []
    guides = []
    roles = fields.get("roles")
    if roles is not None and not isinstance(roles, yaml.MappingNode):
        read.error(roles, "role_guide_roles_not_mapping")
    elif roles is not None:
        for key_node, value_node in roles.value:
            sections = [s for s in (_guide_section(read, n) for n in read.sequence(value_node, "sections")) if s]
            guides.append(RoleGuide(read.text(key_node, "roles"), sections, Source(read.path, read.line(key_node))))
    return guides, read.text_list(fields.get("questions"), "questions")


def _guide_section(read: Reader, node: yaml.Node) -> GuideSection | None:
    fields = read.mapping(node, "thing_role_section", {"heading", "reference", "statements", "questions"},
                          {"heading", "reference", "statements"})
    if fields is None:
        return None
    return GuideSection(
        heading=read.text(fields.get("heading"), "heading"),
        reference=read.text(fields.get("reference"), "reference"),
        statements=read.text_list(fields.get("statements"), "statements"),
        questions=read.text_list(fields.get("questions"), "questions"),
        source=Source(read.path, read.line(node)),
    )


# --- modules -----------------------------------------------------------------------------------

MODULE_FIELDS = {"id", "title", "objectives", "minutes", "roles"}
FENCE = re.compile(r"^\s*(```|~~~)")
DIRECTIVE = re.compile(r"^:::\s*(\S*)\s*(.*?)\s*$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
HEADING_WITHOUT_SPACE = re.compile(r"^#{2,6}[^#\s]")
MODULE_SUFFIX = ".md"
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}


def misnamed_module_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """Module files the build would pass over because of their extension (.MD, .markdown): each one named,
    since its module otherwise seems to have no file."""
    if not folder.is_dir():
        return []
    misnamed = [path for path in sorted(folder.iterdir())
                if path.is_file() and path.suffix.lower() in MARKDOWN_SUFFIXES and path.suffix != MODULE_SUFFIX]
    for path in misnamed:
        problems.append(Problem.of(path, 1, "module_extension", file=path.name, renamed=path.stem + MODULE_SUFFIX))
    return misnamed


def _spaced_heading(line: str) -> str:
    text = line.strip()
    marks = len(text) - len(text.lstrip("#"))
    return text[:marks] + " " + text[marks:]


def load_module(path: Path, problems: list[Problem]) -> Module | None:
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem.of(path, 1, "no_front_matter"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.append(Problem.of(path, 1, "front_matter_not_closed"))
        return None
    count = len(problems)
    node = compose("\n".join(lines[1:end]), path, problems, first_line=2)
    if node is None:
        if len(problems) == count:
            problems.append(Problem.of(path, 1, "front_matter_empty"))
        return None
    read = Reader(path, problems, first_line=2)
    fields = read.mapping(node, "thing_front_matter", MODULE_FIELDS, {"id", "title", "objectives", "minutes"},
                          line=1)
    if fields is None:
        return None
    module_id = read.text(fields.get("id"), "id")
    module = Module(
        id=module_id,
        title=read.text(fields.get("title"), "title"),
        objectives=read.text_list(fields.get("objectives"), "objectives"),
        minutes=read.integer(fields.get("minutes"), "minutes", 1, 600) or 0,
        roles=read.text_list(fields.get("roles"), "roles"),
        pages=_pages(lines, end + 1, path, problems),
        source=Source(path, 1),
    )
    module.field_lines = {name: read.line(value) for name, value in fields.items()}
    module.source = Source(path, module.field_lines.get("id", 1))
    for reflection in module.reflections:
        reflection.module_id = module_id
    return module


def _pages(lines: list[str], start: int, path: Path, problems: list[Problem]) -> list[Page]:
    """Splits the body at '## ' headings into pages and reads each page's directives."""
    pages: list[Page] = []
    in_fence = False
    current: dict | None = None
    open_reflection: dict | None = None
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            if open_reflection:
                problems.append(Problem.of(path, open_reflection["line"], "reflection_not_closed"))
                open_reflection = None
            current = {"title": line[3:].strip(), "line": number, "body": [], "refs": [], "reflections": [], "text": []}
            pages.append(current)
            continue
        if not in_fence and HEADING_WITHOUT_SPACE.match(line):
            problems.append(Problem.of(path, number, "heading_without_space", column=len(line) - len(line.lstrip("#")) + 1,
                                       heading=line.strip(), fixed=_spaced_heading(line)))
        elif current is None and line.strip():
            problems.append(Problem.of(path, number, "text_before_heading"))
        if current is None:
            if line.strip():
                current = {"title": "", "line": number, "body": [], "refs": [], "reflections": [], "text": [],
                           "orphan": True}
            continue
        if not in_fence and not FENCE.match(line):
            current["text"].append((number, line))
        directive = DIRECTIVE.match(line) if not in_fence else None
        if open_reflection is not None:
            if directive and not directive.group(1):
                current["reflections"].append(open_reflection)
                current["body"].append(("reflection", open_reflection))
                open_reflection = None
            else:
                open_reflection["text"].append(line)
            continue
        if directive:
            open_reflection = _directive(directive, current, path, number, problems)
            continue
        current["body"].append(("line", (line, number)))
    if open_reflection:
        problems.append(Problem.of(path, open_reflection["line"], "reflection_not_closed"))
    return [_page(i + 1, data, path) for i, data in enumerate(p for p in pages if not p.get("orphan"))]


def _directive(match: re.Match, page: dict, path: Path, number: int, problems: list[Problem]) -> dict | None:
    """Handles '::: refs ...' and opens '::: reflection id'; returns the open reflection, if any."""
    name, argument = match.group(1), match.group(2)
    if name == "refs":
        ids = argument.replace(",", " ").split()
        if not ids:
            problems.append(Problem.of(path, number, "refs_empty"))
        page["refs"].extend((ref, number) for ref in ids)
        return None
    if name == "reflection":
        return {"id": argument.strip(), "line": number, "text": []}
    if name == "figure":
        if not argument.strip():
            problems.append(Problem.of(path, number, "figure_without_id"))
        else:
            page["body"].append(("figure", (argument.strip(), number)))
        return None
    if not name:
        problems.append(Problem.of(path, number, "stray_close"))
    else:
        problems.append(Problem.of(path, number, "unknown_directive", name=name, known="refs, reflection, figure"))
    return None


def _page(number: int, data: dict, path: Path) -> Page:
    markdown_lines: list[str] = []
    reflections: list[Reflection] = []
    images: list[Image] = []
    links: list[tuple[str, Source]] = []
    figures: list[tuple[str, Source]] = []
    for kind, value in data["body"]:
        if kind == "figure":
            figures.append((value[0], Source(path, value[1])))
            markdown_lines.append(f"\n<!--figure:{len(figures) - 1}-->\n")
            continue
        if kind == "reflection":
            reflection = Reflection(value["id"], "\n".join(value["text"]).strip(), Source(path, value["line"]))
            reflections.append(reflection)
            markdown_lines.append(f"\n<!--reflection:{len(reflections) - 1}-->\n")
            continue
        line, line_number = value
        images.extend(Image(m.group(2), m.group(1).strip(), Source(path, line_number)) for m in IMAGE.finditer(line))
        links.extend((m.group(1).strip(), Source(path, line_number)) for m in GLOSSARY_LINK.finditer(line))
        markdown_lines.append(line)
    page = Page(
        id=f"p{number}",
        title=data["title"],
        markdown="\n".join(markdown_lines).strip(),
        references=[ref for ref, _ in data["refs"]],
        reflections=reflections,
        images=images,
        glossary_links=links,
        source=Source(path, data["line"]),
        figures=figures,
    )
    page.reference_lines = {ref: line for ref, line in data["refs"]}
    page.text_lines = data["text"]
    return page


# --- quizzes -----------------------------------------------------------------------------------

COMMON_FIELDS = {"id", "type", "prompt", "reference", "roles"}


def load_quiz(path: Path, problems: list[Problem]) -> Quiz | None:
    text = read_text(path, problems)
    count = len(problems)
    node = compose(text, path, problems) if text is not None else None
    if node is None:
        if text is not None and len(problems) == count:
            problems.append(Problem.of(path, 1, "empty_quiz_file"))
        return None
    read = Reader(path, problems)
    fields = read.mapping(node, "thing_quiz", {"module", "questions"}, {"module", "questions"})
    if fields is None:
        return None
    questions = [q for q in (_question(read, n) for n in read.sequence(fields.get("questions"), "questions")) if q]
    return Quiz(read.text(fields.get("module"), "module"), questions, Source(path, 1))


def _question(read: Reader, node: yaml.Node) -> Question | None:
    if not isinstance(node, yaml.MappingNode):
        read.error(node, "not_a_mapping", thing=Phrase.of("thing_question", type=""))
        return None
    type_node = next((v for k, v in node.value if getattr(k, "value", None) == "type"), None)
    question_type = read.scalar(type_node) if type_node is not None else None
    kind = find_type(question_type) if isinstance(question_type, str) else None
    if kind is None:
        if type_node is None:
            read.error(node, "question_without_type", known=", ".join(type_names()))
        else:
            nearest = nearest_word(str(question_type), type_names())
            read.error(type_node, "unknown_question_type_near" if nearest else "unknown_question_type",
                       type=question_type, nearest=nearest[0] if nearest else "", known=", ".join(type_names()))
        return None
    allowed = COMMON_FIELDS | kind.fields
    fields = read.mapping(node, Phrase.of("thing_question", type=question_type), allowed,
                          allowed - {"roles"} - kind.optional_fields)
    if fields is None:
        return None
    question = Question(
        id=read.text(fields.get("id"), "id"),
        type=question_type,
        prompt=read.text(fields.get("prompt"), "prompt"),
        reference=read.text(fields.get("reference"), "reference"),
        roles=read.text_list(fields.get("roles"), "roles"),
        source=Source(read.path, read.line(node)),
    )
    question.reference_line = read.line(fields["reference"]) if "reference" in fields else question.source.line
    kind.load(read, fields, question)
    if "feedback" in fields:
        question.feedback = _feedback(read, fields["feedback"])
    return question


def read_option(read: Reader, node: yaml.Node, scenario: bool) -> Option | None:
    allowed = {"id", "text", "feedback", "next"} if scenario else {"id", "text", "feedback", "correct"}
    meant: set[str] = set()
    required = {"id", "text", "feedback"} | ({"next"} if scenario else set())
    fields = read.mapping(node, "thing_choice" if scenario else "thing_option", allowed, required, meant=meant)
    if fields is None:
        return None
    option = Option(
        id=str(read.scalar(fields.get("id")) if fields.get("id") is not None else ""),
        text=read.text(fields.get("text"), "text"),
        feedback=read.text(fields.get("feedback"), "feedback"),
        correct=bool(read.boolean(fields.get("correct"), "correct")),
        next=read.text(fields.get("next"), "next") if scenario else None,
        source=Source(read.path, read.line(node)),
    )
    if scenario and "next" in fields:
        option.next_line = read.line(fields["next"])
    option.correct_unclear = "correct" in meant  # 'corect: true' was reported: no count of correct options
    return option


def id_text(read: Reader, node: yaml.Node | None) -> str:
    value = read.scalar(node)
    return "" if value is None else str(value)


def _feedback(read: Reader, node: yaml.Node) -> Feedback | None:
    fields = read.mapping(node, "thing_feedback", {"correct", "incorrect"}, {"correct", "incorrect"})
    if fields is None:
        return None
    return Feedback(read.text(fields.get("correct"), "feedback.correct"), read.text(fields.get("incorrect"), "feedback.incorrect"))
