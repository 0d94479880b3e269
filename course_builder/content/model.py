"""The one content model every exporter reads. Each object keeps where it came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

@dataclass(frozen=True)
class Source:
    """A place in a source file: what `path:line: message` points at."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Reference:
    """A passage of a framework document that pages and questions cite (references.yaml)."""
    id: str
    title: str
    document: str
    section: str
    source: Source
    document_line: int = 0


@dataclass
class GlossaryTerm:
    """A term of glossary.yaml, linked from a text with [[id]] or [[id|words]]."""
    id: str
    term: str  # written as in running text: a capital only where the word always has one (a name)
    definition: str
    reference: str | None
    source: Source

    @property
    def headword(self) -> str:
        """The term where it stands alone, as the head of its glossary entry: with a capital first letter."""
        return self.term[:1].upper() + self.term[1:]


@dataclass
class Reflection:
    """A page's reflection (`::: reflection <id>`): a question the learner answers in their own words."""
    id: str
    prompt: str
    source: Source
    module_id: str = ""

    @property
    def interaction_id(self) -> str:
        return f"{self.module_id}.{self.id}"


@dataclass
class Image:
    """An image a page shows (`![alt](path)`)."""
    path: str  # as written, relative to the module file
    alt: str
    source: Source


@dataclass
class FigurePart:
    """One labelled part of a figure, with an optional Markdown detail."""
    label: str
    detail: str  # Markdown, may be empty
    source: Source


@dataclass
class Figure:
    """A figure an editor declares in figures.yaml and places with `::: figure <id>`; a template draws it."""
    id: str
    kind: str  # the template figures/<kind>.svg.j2 draws it
    caption: str
    description: str  # Markdown: what the figure says, its text alternative
    parts: list[FigurePart]
    themes: list[str]
    source: Source
    kind_line: int = 0


@dataclass
class GuideSection:
    """One heading of a role's description: the framework's statements, word for word, and the course's
    questions for the talk with the learner's own leader."""
    heading: str
    reference: str  # a reference id: the document and section the statements are quoted from
    statements: list[str]
    questions: list[str]
    source: Source


@dataclass
class RoleGuide:
    """One role's entry of role-guide.yaml: its sections, in file order."""
    role: str  # a role id of course.yaml
    sections: list[GuideSection]
    source: Source


@dataclass
class Page:
    """A lesson page: a '## ' heading of a module file and the text below it, directives read."""
    id: str  # p1, p2, ...
    title: str
    markdown: str  # the body with directives removed
    references: list[str]
    reflections: list[Reflection]
    images: list[Image]
    glossary_links: list[tuple[str, Source]]
    source: Source
    figures: list[tuple[str, Source]] = field(default_factory=list)  # figure ids, in page order
    reference_lines: dict[str, int] = field(default_factory=dict)
    text_lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text) outside code, for checks


@dataclass
class Option:
    """A choice of a single/multiple question, or of a scenario decision point."""

    id: str
    text: str
    feedback: str
    source: Source
    correct: bool = False
    next: str | None = None  # scenario choices only
    next_line: int = 0
    correct_unclear: bool = False  # its 'correct' was misspelled (reported): whether it is right is not known


@dataclass
class Pair:
    """A matching question's pair: a left text and the right text it matches."""
    id: str
    left: str
    right: str
    source: Source


@dataclass
class Item:
    """An ordering question's item (the question holds its items in the correct order)."""
    id: str
    text: str
    source: Source


@dataclass
class ScenarioNode:
    """A scenario's decision point (a situation and its choices), or an ending with its score."""
    id: str
    situation: str  # the situation, or the ending's text
    choices: list[Option]
    score: int | None  # set on endings only (percent)
    source: Source
    ending: bool = False
    interaction_id: str = ""  # <question id>.<node id>, set when the scenario is read

    @property
    def is_ending(self) -> bool:
        return self.ending


@dataclass
class ChoiceSet:
    """What a learner picks one or several from at one interaction: an option question's options, or a scenario
    decision point's choices. `right` are the right options (a decision point's best choices); `stem` is the text
    the options answer. The item-writing checks (content/item_cues.py) read these."""

    stem: str
    options: list[Option]
    right: list[str]
    one_answer: bool
    source: Source
    node_id: str = ""


@dataclass
class Feedback:
    """What a question says after a right and after a wrong answer."""
    correct: str
    incorrect: str


@dataclass
class Question:
    """A quiz question of any type; the fields its type does not use stay empty."""
    id: str
    type: str  # a name in course_builder/question_types/registry.py
    prompt: str
    reference: str
    source: Source
    module_id: str = ""
    roles: list[str] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)  # single, multiple
    answer: bool | None = None  # truefalse
    pairs: list[Pair] = field(default_factory=list)  # matching
    items: list[Item] = field(default_factory=list)  # ordering, in the correct order
    feedback: Feedback | None = None  # truefalse, matching, ordering
    start: str | None = None  # scenario
    nodes: list[ScenarioNode] = field(default_factory=list)  # scenario
    reference_line: int = 0
    start_line: int = 0
    correct_unclear: bool = False  # 'correct' misplaced or misspelled (reported once): the count is not checked

    @property
    def interaction_id(self) -> str:
        return self.id

    def node(self, node_id: str) -> ScenarioNode | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def decision_points(self) -> list[ScenarioNode]:
        """Scenario nodes with choices, in file order; each is one interaction."""
        return [n for n in self.nodes if not n.is_ending]

    def interactions(self) -> list[tuple[str, ScenarioNode | None]]:
        """What the player records as interactions: the question, or each decision point of a scenario."""
        if self.nodes:
            return [(node.interaction_id, node) for node in self.decision_points()]
        return [(self.id, None)]

    @property
    def correct_options(self) -> list[Option]:
        return [o for o in self.options if o.correct]

    def markdown_texts(self) -> list[str]:
        """Every Markdown text of the question: prompt, options, feedback, pairs, items, scenario nodes."""
        texts = [self.prompt]
        texts += [t for o in self.options for t in (o.text, o.feedback)]
        texts += [self.feedback.correct, self.feedback.incorrect] if self.feedback else []
        texts += [p.left for p in self.pairs] + [i.text for i in self.items]
        texts += [n.situation for n in self.nodes] + [t for n in self.nodes for c in n.choices for t in (c.text, c.feedback)]
        return [t for t in texts if t]


@dataclass
class Quiz:
    """A module's quiz: the questions of one file in quizzes/."""
    module_id: str
    questions: list[Question]
    source: Source


@dataclass
class Module:
    """A module: one file in modules/, its front matter and its pages; its quiz is attached once loaded."""
    id: str
    title: str
    objectives: list[str]
    minutes: int
    roles: list[str]
    pages: list[Page]
    source: Source
    quiz: Quiz | None = None
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def directory(self) -> Path:
        return self.source.path.parent

    @property
    def reflections(self) -> list[Reflection]:
        return [r for page in self.pages for r in page.reflections]

    @property
    def questions(self) -> list[Question]:
        return self.quiz.questions if self.quiz else []


@dataclass
class PlayerSettings:
    """course.yaml's `player:` block."""
    quiz_attempts: int = 3
    reflections: str = "lms"  # lms | device


@dataclass(frozen=True)
class CheckSettings:
    """The limits validate warns at (course.yaml `checks:`): an image file's size, a page's LIX."""

    max_image_kb: int = 300  # a module's package stays light enough for a phone on a slow connection
    max_lix: int = 40  # the LIX band Danish public authorities aim at for plain language


@dataclass
class QuizChecks:
    """course.yaml's `quiz_checks:` — the thresholds of the item-writing checks (content/item_cues.py)."""

    stand_out: int = 130  # percent: the right option has more than this share of the nearest other option's length
    spread: int = 200  # percent: the longest option has more than this share of the shortest option's length
    min_gap: int = 40  # characters: length differences below this never warn
    longest_share: int = 50  # percent of a quiz's one-answer items whose right option is strictly the longest
    shortest_share: int = 50  # the same, strictly the shortest
    position_share: int = 60  # percent of a quiz's one-answer items whose right option has the same place
    min_items: int = 4  # a quiz's shares are judged from this many one-answer items on
    echo_words: int = 2  # words of the stem that recur in the right option and in no other


@dataclass
class PathSettings:
    """course.yaml's `paths.<role>`: how a role's path is laid out. Which modules are on it is never said
    here: a path is the modules whose front matter names the role (`roles:`)."""

    role: str
    source: Source
    order: list[str] = field(default_factory=list)  # the path's modules in another order than the course's
    order_lines: list[int] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)  # modules on the path that its completion does not require
    optional_lines: list[int] = field(default_factory=list)


@dataclass
class Settings:
    """course.yaml: what the course is, its modules in order, its vocabulary and its options."""
    id: str
    title: str
    description: str
    language: str
    version: str
    mastery_score: int
    organisation: str
    author: str
    keywords: list[str]
    module_order: list[str]
    player: PlayerSettings
    scorm2004_sequencing: str  # moodle | full-sequencing (see exporters/scorm2004.py)
    moodle_section_content: str  # scorm | native
    source: Source
    module_order_lines: list[int] = field(default_factory=list)
    # the course's vocabulary: the roles modules and questions name, the documents references.yaml cites (id → label)
    roles: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    checks: CheckSettings = field(default_factory=lambda: CheckSettings())
    quiz_checks: QuizChecks = field(default_factory=QuizChecks)
    paths: dict[str, PathSettings] = field(default_factory=dict)  # by role id


@dataclass
class RolePath:
    """A role's path: the modules that declare the role, in the path's order; `required` are what completing
    the path means (every module on it but the optional ones)."""

    role: str
    label: str
    modules: list[Module]
    optional: list[Module]

    @property
    def required(self) -> list[Module]:
        return [m for m in self.modules if m not in self.optional]

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.required)


@dataclass
class Course:
    """The whole course as loaded: settings, modules in course order, references, glossary, figures, role guides."""
    root: Path
    settings: Settings
    modules: list[Module]  # in course order
    references: dict[str, Reference]
    glossary: dict[str, GlossaryTerm]
    quizzes: list[Quiz] = field(default_factory=list)  # every quiz read, attached or not
    unattached_modules: list[Module] = field(default_factory=list)  # modules course.yaml does not list
    duplicate_references: list[Reference] = field(default_factory=list)
    duplicate_terms: list[GlossaryTerm] = field(default_factory=list)
    unreadable_module_files: list[Path] = field(default_factory=list)  # files in modules/ that gave no module
    figures: dict[str, Figure] = field(default_factory=dict)  # figures.yaml, by id
    role_guides: list[RoleGuide] = field(default_factory=list)  # role-guide.yaml, in file order
    general_questions: list[str] = field(default_factory=list)  # role-guide.yaml: questions for every role

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def question(self, question_id: str) -> Question | None:
        return next((q for m in self.modules for q in m.questions if q.id == question_id), None)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def paths(self) -> list[RolePath]:
        """One path per role of course.yaml that some module declares, in the vocabulary's order."""
        return [p for p in (self.path(role) for role in self.settings.roles) if p.modules]

    def path(self, role: str) -> RolePath:
        on_path = [m for m in self.modules if role in m.roles]
        layout = self.settings.paths.get(role)
        if layout and layout.order:
            by_id = {m.id: m for m in on_path}
            ordered = [by_id[i] for i in layout.order if i in by_id]
            on_path = ordered + [m for m in on_path if m not in ordered]
        optional = [m for m in on_path if layout and m.id in layout.optional]
        return RolePath(role, self.settings.roles.get(role, role), on_path, optional)
