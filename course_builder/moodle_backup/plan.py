"""The course backup as data: every section, activity, grade item, question and file with its backup id.

Ids in a backup are the source site's database ids; Moodle maps each to a new one when it restores.
Here they are numbered from 1 in course order, table by table, so the same course always gets the
same ids. Times are one fixed instant (Moodle shows it as the backup date and the course start date
in its restore dialog, where HR sets the real start date).
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from course_builder.content.model import Course, Module
from course_builder.moodle_backup.competencies import OUTCOME_COMPLETE, taught_references
from course_builder.moodle_backup.files import FileArea, FilePool, FileRecord
from course_builder.moodle_backup.scorm_package import ScormPackage, Sco
from course_builder.moodle_questions import Answer, BankQuestion, QuestionBank, Subquestion, Text

FIXED_TIME = 1735689600  # 2025-01-01 00:00 UTC
SYSTEM_CONTEXT_ID = 1
COURSE_ID = 2
COURSE_CONTEXT_ID = 2
STUDENT_ROLE_ID = 5
MAX_IDNUMBER = 100  # course_modules.idnumber and grade_items.idnumber are varchar(100)

# Moodle's numbers for what course.yaml and the question bank name in words.
SCORM_GRADE_HIGHEST = 1  # the best score of any attempt
SCORM_GRADE_SCOES = 0  # the number of learning objects completed or passed
SCORM_STATUS_PASSED_OR_COMPLETED = 6  # mdl_scorm.completionstatusrequired: 2 passed + 4 completed
SCORM_STATUS_COMPLETED = 4
# A package of one SCO has its own navigation: no content structure page before it, no table of
# contents beside it (as docs/hr-guide.md sets up an uploaded package). Others get Moodle's defaults.
SCORM_TOC_SIDE = 0
SCORM_TOC_HIDDEN = 1
SCORM_SKIPVIEW_NEVER = 0
SCORM_SKIPVIEW_ALWAYS = 2
SCORM_FORCEATTEMPT_ONCOMPLETE = 1  # a finished attempt (completed, passed or failed) makes the next visit a new one
COMPLETION_AUTOMATIC = 2
CRITERIA_ACTIVITY = 4  # course_completion_criteria.criteriatype
AGGREGATION_ALL = 1
GRADE_AGGREGATION_NATURAL = 13
ORDERING_LAYOUT = {"VERTICAL": 0, "HORIZONTAL": 1}
ORDERING_SELECT = {"ALL": 0, "RANDOM": 1, "CONTIGUOUS": 2}
ORDERING_GRADING = {
    "ALL_OR_NOTHING": -1, "ABSOLUTE_POSITION": 0, "RELATIVE_NEXT_EXCLUDE_LAST": 1, "RELATIVE_NEXT_INCLUDE_LAST": 2,
    "RELATIVE_ONE_PREVIOUS_AND_NEXT": 3, "RELATIVE_ALL_PREVIOUS_AND_NEXT": 4, "LONGEST_ORDERED_SUBSET": 5,
    "LONGEST_CONTIGUOUS_SUBSET": 6, "RELATIVE_TO_CORRECT": 7,
}
ORDERING_SHOW_GRADING = {"SHOW": 1, "HIDE": 0}


class Ids:
    """One sequence per table, each starting at 1."""

    def __init__(self) -> None:
        self._last: dict[str, int] = defaultdict(int)

    def next(self, table: str) -> int:
        self._last[table] += 1
        return self._last[table]


@dataclass
class GradeItem:
    id: int
    itemname: str | None
    itemtype: str  # course | mod
    itemmodule: str | None
    iteminstance: int
    idnumber: str | None
    grademax: float
    gradepass: float
    sortorder: int
    categoryid: int | None
    itemnumber: int | None = 0
    weight: float = 0.0  # aggregationcoef2: the item's share of the course total (natural aggregation)


@dataclass
class Completion:
    """module.xml's completion fields: automatic, on a status (SCORM) or a passing grade (quiz)."""

    gradeitemnumber: int | None = None
    passgrade: int = 0
    mode: int = COMPLETION_AUTOMATIC


@dataclass
class PlannedSco:
    id: int
    sortorder: int
    sco: Sco
    data: list[tuple[int, str, str]]  # the SCO's data with its ids: id, name, value


@dataclass
class ScormActivity:
    package: ScormPackage
    scoes: list[PlannedSco]
    grademethod: int
    maxgrade: int
    status_required: int

    @property
    def single_sco(self) -> bool:
        return sum(1 for planned in self.scoes if planned.sco.launch) == 1

    @property
    def hidetoc(self) -> int:
        return SCORM_TOC_HIDDEN if self.single_sco else SCORM_TOC_SIDE

    @property
    def skipview(self) -> int:
        return SCORM_SKIPVIEW_ALWAYS if self.single_sco else SCORM_SKIPVIEW_NEVER

    @property
    def launch_id(self) -> int:
        return self.scoes[self.package.launch_index].id


@dataclass
class Slot:
    id: int  # quiz_slots.id, also the question_reference id
    slot: int
    page: int
    maxmark: float
    entry_id: int


@dataclass
class QuizActivity:
    slots: list[Slot]
    grade: float
    attempts: int
    section_id: int

    @property
    def sumgrades(self) -> float:
        return sum(s.maxmark for s in self.slots)


@dataclass
class Activity:
    modulename: str  # scorm | quiz
    cmid: int
    instance_id: int
    context_id: int
    name: str
    idnumber: str
    intro: str  # HTML
    completion: Completion
    grade_item: GradeItem
    section: "Section"
    files: list[FileRecord] = field(default_factory=list)
    scorm: ScormActivity | None = None
    quiz: QuizActivity | None = None
    question_categories: list[int] = field(default_factory=list)  # the bank this activity's inforef names
    competencies: list[str] = field(default_factory=list)  # idnumbers in the framework; completing rates them

    @property
    def directory(self) -> str:
        return f"activities/{self.modulename}_{self.cmid}"


@dataclass
class Section:
    id: int
    number: int
    name: str | None
    summary: str  # HTML
    activities: list[Activity] = field(default_factory=list)
    availability: str | None = None  # availability JSON

    @property
    def directory(self) -> str:
        return f"sections/section_{self.id}"

    @property
    def sequence(self) -> str:
        return ",".join(str(a.cmid) for a in self.activities)


@dataclass
class Tag:
    id: int
    rawname: str

    @property
    def name(self) -> str:
        return self.rawname.lower()


@dataclass
class PlannedAnswer:
    id: int
    answer: Answer
    text: str  # what Moodle stores: the HTML, or the word for true and false
    format: int  # 1 HTML, 0 Moodle auto-format


@dataclass
class PlannedSubquestion:
    id: int
    subquestion: Subquestion


@dataclass
class Entry:
    """A question bank entry with its one version and its question."""

    id: int  # question_bank_entries.id
    version_id: int
    question_id: int
    question: BankQuestion
    qtype: str  # Moodle's database name
    stamp: str
    options_id: int  # the id of the type's options row
    answers: list[PlannedAnswer]
    subquestions: list[PlannedSubquestion]
    tags: list[Tag]
    category_id: int = 0

    @property
    def length(self) -> int:
        return 0 if self.qtype == "description" else 1


@dataclass
class PlannedCategory:
    id: int
    parent: int
    name: str
    info: str
    infoformat: int
    stamp: str
    sortorder: int
    idnumber: str | None
    entries: list[Entry] = field(default_factory=list)
    module_id: str = ""


@dataclass
class CompletionCriterion:
    id: int
    activity: Activity


@dataclass
class Backup:
    course: Course
    filename: str
    sections: list[Section]
    categories: list[PlannedCategory]
    pool: FilePool
    grade_category_id: int
    course_grade_item: GradeItem
    criteria: list[CompletionCriterion]
    section_content: str
    time: int = FIXED_TIME
    competency_outcome: int = OUTCOME_COMPLETE  # what completing an activity does to its competencies
    framework: str = ""  # the competency framework's idnumber

    @property
    def course_competencies(self) -> list[tuple[int, str]]:
        """Every competency an activity is linked to, once, numbered from 1 (the backup's competency ids)."""
        linked = dict.fromkeys(c for a in self.activities for c in a.competencies)
        return list(enumerate(linked, 1))

    @property
    def activities(self) -> list[Activity]:
        return [a for s in self.sections for a in s.activities]

    @property
    def category_ids(self) -> list[int]:
        return [c.id for c in self.categories]

    @property
    def backup_id(self) -> str:
        """A stable id for this backup: a digest of what it is made from."""
        settings = self.course.settings
        return hashlib.md5(f"{settings.id}/{settings.version}/{self.section_content}".encode()).hexdigest()


@dataclass
class ModuleTexts:
    """What a module's section and activities are called and say (HTML), made by the caller from templates."""

    section_name: str
    section_summary: str
    scorm_name: str
    scorm_intro: str
    quiz_name: str
    quiz_intro: str


@dataclass
class CourseTexts:
    course_summary: str
    general_summary: str  # section 0
    modules: dict[str, ModuleTexts]  # by module id
    true_false: tuple[str, str]  # what a true/false question's two answers are called


def plan_backup(course: Course, packages: dict[str, ScormPackage], bank: QuestionBank | None,
                texts: CourseTexts, filename: str, optional: frozenset[str] = frozenset(),
                framework: str = "") -> Backup:
    """packages: each module's SCORM package, by module id; bank: the question bank (native mode only);
    optional: modules (ids) whose activities neither open the next section nor count for course completion;
    framework: the competency framework's idnumber (the course's id when not given)."""
    backup = _Planner(course, texts, bank).plan(packages, filename, optional)
    backup.framework = framework or course.settings.id
    return backup


class _Planner:
    """Hands out the ids, in course order, while it lays out sections, activities and their grade items."""

    def __init__(self, course: Course, texts: CourseTexts, bank: QuestionBank | None):
        self.course, self.settings, self.texts, self.bank = course, course.settings, texts, bank
        self.ids, self.pool = Ids(), FilePool()
        self.categories = plan_bank(self.ids, bank, texts.true_false, self.settings.id) if bank else []
        pool_question_files(self.pool, self.categories)
        self.grade_category_id = self.ids.next("grade_categories")
        self.contexts = iter(range(COURSE_CONTEXT_ID + 1, 10**9))
        self.sortorders = iter(range(2, 10**9))  # the course's own grade item is first

    def plan(self, packages: dict[str, ScormPackage], filename: str, optional: frozenset[str]) -> Backup:
        course_item = GradeItem(self.ids.next("grade_items"), None, "course", None, COURSE_ID, None, 0.0, 0.0, 1,
                                None, None)
        sections = [Section(self.ids.next("course_sections"), 0, None, self.texts.general_summary)]
        sections += [self.section(number, module, packages[module.id])
                     for number, module in enumerate(self.course.modules, 1)]
        required = [s for s, m in zip(sections[1:], self.course.modules) if m.id not in optional]
        for previous, section in zip(required, required[1:]):
            section.availability = availability_after(previous)
        activities = [a for s in sections for a in s.activities]
        course_item.grademax = sum(a.grade_item.grademax for a in activities)
        for activity in activities:
            activity.grade_item.weight = activity.grade_item.grademax / course_item.grademax
        criteria = [CompletionCriterion(self.ids.next("course_completion_criteria"), a)
                    for s in required for a in s.activities]
        return Backup(self.course, filename, sections, self.categories, self.pool, self.grade_category_id,
                      course_item, criteria, self.settings.moodle_section_content)

    def section(self, number: int, module: Module, package: ScormPackage) -> Section:
        texts = self.texts.modules[module.id]
        section = Section(self.ids.next("course_sections"), number, texts.section_name, texts.section_summary)
        section.activities.append(self.scorm_activity(section, module, package, texts))
        entries = quiz_entries(self.categories, self.bank, module) if self.bank else []
        if entries:
            section.activities.append(self.quiz_activity(section, module, entries, texts))
        # The activity that completes the module rates what it teaches: the quiz when there is one.
        section.activities[-1].competencies = taught_references(module)
        return section

    def scorm_activity(self, section: Section, module: Module, package: ScormPackage, texts: ModuleTexts) -> Activity:
        cmid, instance_id, context_id = self.ids.next("course_modules"), self.ids.next("scorm"), next(self.contexts)
        scoes = [PlannedSco(self.ids.next("scorm_scoes"), n, sco,
                            [(self.ids.next("scorm_scoes_data"), name, value) for name, value in sco.data])
                 for n, sco in enumerate(package.scoes, 1)]
        mastery = package.mastery_score
        scored = mastery is not None
        launchable = sum(1 for sco in package.scoes if sco.launch)
        cm_idnumber = idnumber(self.settings.id, module.id, "scorm")
        grade_item = GradeItem(self.ids.next("grade_items"), texts.scorm_name, "mod", "scorm", instance_id,
                               cm_idnumber, 100.0 if scored else float(launchable), float(mastery or 0),
                               next(self.sortorders), self.grade_category_id)
        status = SCORM_STATUS_COMPLETED if self.bank else SCORM_STATUS_PASSED_OR_COMPLETED
        activity = Activity(
            "scorm", cmid, instance_id, context_id, texts.scorm_name, cm_idnumber, texts.scorm_intro, Completion(),
            grade_item, section,
            scorm=ScormActivity(package, scoes, SCORM_GRADE_HIGHEST if scored else SCORM_GRADE_SCOES, 100, status),
        )
        activity.files = (
            self.pool.add_area(FileArea(context_id, "mod_scorm", "package"), {package.filename: package.data})
            + self.pool.add_area(FileArea(context_id, "mod_scorm", "content"), package.files))
        return activity

    def quiz_activity(self, section: Section, module: Module, entries: list[Entry], texts: ModuleTexts) -> Activity:
        cmid, instance_id, context_id = self.ids.next("course_modules"), self.ids.next("quiz"), next(self.contexts)
        slots = [Slot(self.ids.next("quiz_slots"), n, n, e.question.default_grade, e.id)
                 for n, e in enumerate(entries, 1)]
        grade = 100.0
        cm_idnumber = idnumber(self.settings.id, module.id, "quiz")
        grade_item = GradeItem(self.ids.next("grade_items"), texts.quiz_name, "mod", "quiz", instance_id,
                               cm_idnumber, grade, grade * self.settings.mastery_score / 100, next(self.sortorders),
                               self.grade_category_id)
        return Activity(
            "quiz", cmid, instance_id, context_id, texts.quiz_name, cm_idnumber, texts.quiz_intro,
            Completion(gradeitemnumber=0, passgrade=1), grade_item, section,
            quiz=QuizActivity(slots, grade, self.settings.player.quiz_attempts, self.ids.next("quiz_sections")),
            question_categories=[c.id for c in self.categories],
        )


# --- activities ----------------------------------------------------------------------------------

def quiz_questions(bank: QuestionBank, module_id: str) -> list[BankQuestion]:
    """What a module's Moodle quiz asks, in bank order: never an essay (a reflection waits for a teacher to
    grade it, so a pass could never come), and nothing at all when nothing would be graded."""
    questions = [q for c in bank.categories if c.module_id == module_id for q in c.questions if q.qtype != "essay"]
    return questions if any(q.default_grade > 0 for q in questions) else []


def quiz_entries(categories: list[PlannedCategory], bank: QuestionBank, module: Module) -> list[Entry]:
    asked = {id(q) for q in quiz_questions(bank, module.id)}
    return [e for c in categories for e in c.entries if id(e.question) in asked]


def availability_after(previous: Section) -> str:
    """Moodle's availability JSON: every activity of the previous section must be complete."""
    conditions = [{"type": "completion", "cm": a.cmid, "e": 1} for a in previous.activities]
    return json.dumps({"op": "&", "c": conditions, "showc": [True] * len(conditions)}, separators=(",", ":"))


def idnumber(course_id: str, module_id: str, kind: str) -> str:
    value = f"{course_id}-{module_id}-{kind}"
    if len(value) <= MAX_IDNUMBER:
        return value
    return f"{value[:MAX_IDNUMBER - 9]}~{hashlib.sha256(value.encode()).hexdigest()[:8]}"


# --- question bank -------------------------------------------------------------------------------

def plan_bank(ids: Ids, bank: QuestionBank, true_false: tuple[str, str], course_id: str) -> list[PlannedCategory]:
    """Moodle's course bank: one "top" category, then the bank's categories, each below its parent."""
    top = PlannedCategory(ids.next("question_categories"), 0, "top", "", 0, stamp(course_id, "top"), 0, None)
    planned = [top]
    by_names: dict[tuple[str, ...], PlannedCategory] = {(): top}
    tags: dict[str, Tag] = {}
    for category in bank.categories:
        parent = by_names.get(category.names[:-1], top)
        made = PlannedCategory(ids.next("question_categories"), parent.id, category.names[-1], category.info, 1,
                               stamp(course_id, category.idnumber), 999, category.idnumber or None,
                               module_id=category.module_id)
        made.entries = [plan_entry(ids, q, made.id, tags, true_false, course_id) for q in category.questions]
        by_names[category.names] = made
        planned.append(made)
    return planned


def plan_entry(ids: Ids, question: BankQuestion, category_id: int, tags: dict[str, Tag],
               true_false: tuple[str, str], course_id: str) -> Entry:
    qtype = question.stored_qtype
    answers = [PlannedAnswer(ids.next("question_answers"), a, *stored_answer(a, true_false))
               for a in question.answers]
    subquestions = [PlannedSubquestion(ids.next("qtype_match_subquestions"), s) for s in question.subquestions]
    question_tags = []
    for rawname in question.tags:
        key = rawname.lower()
        if key not in tags:
            tags[key] = Tag(len(tags) + 1, rawname)
        question_tags.append(tags[key])
    return Entry(ids.next("question_bank_entries"), ids.next("question_versions"), ids.next("question"), question,
                 qtype, stamp(course_id, question.idnumber), ids.next(f"options_{qtype}"), answers, subquestions,
                 question_tags, category_id)


def stored_answer(answer: Answer, true_false: tuple[str, str]) -> tuple[str, int]:
    if answer.format == "moodle_auto_format":  # only true/false answers: Moodle stores its own words for them
        return (true_false[0] if answer.choice_id == "true" else true_false[1]), 0
    return answer.text.html, 1 if answer.format == "html" else 0


def stamp(course_id: str, name: str) -> str:
    """Moodle's unique stamp of a category or question, stable for the same course and id."""
    return f"course-builder+{course_id}+{hashlib.sha1(name.encode()).hexdigest()[:16]}"


def pool_question_files(pool: FilePool, categories: list[PlannedCategory]) -> None:
    """Images in question texts: question files live in the bank's context, in the area of their field."""
    for entry in (e for c in categories for e in c.entries):
        question = entry.question
        areas: list[tuple[str, str, int, Text]] = [
            ("question", "questiontext", entry.question_id, question.text),
            ("question", "generalfeedback", entry.question_id, question.general_feedback),
        ]
        for planned in entry.answers:
            areas.append(("question", "answer", planned.id, planned.answer.text))
            areas.append(("question", "answerfeedback", planned.id, planned.answer.feedback))
        for planned in entry.subquestions:
            areas.append(("qtype_match", "subquestion", planned.id, planned.subquestion.text))
        if question.combined_feedback:
            feedback = question.combined_feedback
            for filearea, text in (("correctfeedback", feedback.correct),
                                   ("partiallycorrectfeedback", feedback.partially_correct),
                                   ("incorrectfeedback", feedback.incorrect)):
                areas.append(("question", filearea, entry.question_id, text))
        for component, filearea, itemid, text in areas:
            if text.files:
                pool.add_area(FileArea(COURSE_CONTEXT_ID, component, filearea, itemid),
                              {file.path: file.data for file in text.files})
