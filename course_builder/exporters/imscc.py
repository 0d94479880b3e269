"""IMS Common Cartridge 1.1 for Moodle's import (backup/cc): dist/imscc/<course-id>.imscc.

Moodle imports CC 1.0 and 1.1 only, and makes the N-th top-level item section N-1. So the cartridge holds:
- an overview item first (section 0) with a course overview page,
- one item per module (sections 1, 2, ...): each lesson page as web content (a Moodle Page), then the
  module's quiz as a CC assessment (QTI 1.2.1, CC profile) with the types Moodle reads: multiple choice,
  multiple response and true/false. Matching, ordering and scenarios are left out with a warning.

Layout inside the zip: overview/index.html, <module>/<page>.html, <module>/<image>, <module>/assessment.xml.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from markupsafe import Markup

from course_builder.content.model import Course, Module
from course_builder.exporters import BuildContext, register
from course_builder.moodle_questions import (
    PLUGINFILE,
    BankQuestion,
    QuestionBank,
    moodle_strings,
    question_bank,
)
from course_builder.packaging import write_zip
from course_builder.question_types import find_type
from course_builder.render import (
    FIGURE_MARKER, REFLECTION_MARKER, MarkdownRenderer, Rendered, figure_file, figure_html, without_term_links,
)
from course_builder.templating import fill
from course_builder.text import glossary_words

if TYPE_CHECKING:
    from course_builder.question_types.base import QuestionType

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_SCHEMAS = (f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
                    f"{LOM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd")
QTI_SCHEMA = f"{QTI} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd"

WEBCONTENT = "webcontent"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"


@dataclass
class Resource:
    identifier: str
    type: str
    files: list[str]
    href: str | None = None
    dependencies: list[str] = field(default_factory=list)


@dataclass
class Item:
    identifier: str
    title: str
    resource: str | None = None
    children: list["Item"] = field(default_factory=list)


@dataclass
class Cartridge:
    files: dict[str, bytes] = field(default_factory=dict)
    resources: list[Resource] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@register
class CommonCartridgeExporter:
    name = "imscc"
    description = "IMS Common Cartridge 1.1 for Moodle's import: pages and multiple-choice/true-false quizzes"
    requires: tuple[str, ...] = ()

    def export(self, context: BuildContext, out: Path) -> None:
        course = context.course
        bank = context.shared("question bank", lambda: question_bank(course, context.rendered.templates))
        cartridge = build_cartridge(context.rendered, bank)
        for loss in cartridge.warnings:
            context.lose(self.name, loss)
        write_zip(out / f"{course.settings.id}.imscc", cartridge.files)


def build_cartridge(rendered: Rendered, bank: QuestionBank) -> Cartridge:
    writer = CartridgeWriter(rendered)
    writer.overview()
    for module in rendered.course.modules:
        writer.module(module, bank.quiz_questions(module.id))
    writer.cartridge.files["imsmanifest.xml"] = manifest(rendered.course, writer.cartridge)
    return writer.cartridge


class CartridgeWriter:
    def __init__(self, rendered: Rendered):
        self.rendered = rendered
        self.course = rendered.course
        self.templates = rendered.templates
        self.t = moodle_strings(self.templates, self.course.settings.language)
        self.markdown = MarkdownRenderer(self.course, self.templates.caches.markdown)
        self.cartridge = Cartridge()

    def md(self, text: str) -> Markup:
        return Markup(self.markdown.block(glossary_words(text, self.course.glossary)))

    def overview(self) -> None:
        html = self.templates.render("imscc/overview.html.j2", course=self.course, t=self.t,
                                     description=self.md(self.course.settings.description))
        self.cartridge.files["overview/index.html"] = html.encode("utf-8")
        self.cartridge.resources.append(Resource("R_OVERVIEW", WEBCONTENT, ["overview/index.html"], "overview/index.html"))
        page = Item("I_OVERVIEW_PAGE", self.t["overview"], "R_OVERVIEW")
        self.cartridge.items.append(Item("I_OVERVIEW", self.course.settings.title, children=[page]))

    def module(self, module: Module, questions: list[BankQuestion]) -> None:
        kept = self.quiz_questions(module, questions)
        media = self.media(module, kept)
        children = []
        lessons = self.rendered.web_module(module.id).lessons
        for number, (page, lesson) in enumerate(zip(module.pages, lessons)):
            path = f"{module.id}/{page.id}.html"
            self.cartridge.files[path] = self.page_html(module, page, lesson, first=number == 0).encode("utf-8")
            identifier = f"R_{module.id}_{page.id}"
            self.cartridge.resources.append(Resource(identifier, WEBCONTENT, [path], path, media))
            children.append(Item(f"I_{module.id}_{page.id}", page.title, identifier))
        if kept:
            path = f"{module.id}/assessment.xml"
            title = fill(self.t["quiz_title"], module=module.title)
            self.cartridge.files[path] = assessment(module, title, kept, self.course.settings.player.quiz_attempts, self.t)
            self.cartridge.resources.append(Resource(f"R_{module.id}_QUIZ", ASSESSMENT, [path], None, media))
            children.append(Item(f"I_{module.id}_QUIZ", title, f"R_{module.id}_QUIZ"))
        self.cartridge.items.append(Item(f"I_{module.id}", module.title, children=children))

    def quiz_questions(self, module: Module, questions: list[BankQuestion]) -> list[tuple[QuestionType, BankQuestion]]:
        """The questions Moodle's CC import can read, with their type; a warning for each other one."""
        kept = []
        for question in questions:
            kind = find_type(question.content_type)
            if kind is not None and kind.cc_profile:
                kept.append((kind, question))
            elif question.origin in ("question", "introduction"):
                self.cartridge.warnings.append(
                    f"{question.source}: imscc: {question.content_type} question '{question.question_id}' left out of the quiz of module "
                    f"'{module.id}': Moodle's Common Cartridge import reads only multiple choice, multiple response "
                    "and true/false (the question bank and the course backup have it)")
        return kept

    def media(self, module: Module, questions: list[tuple[QuestionType, BankQuestion]]) -> list[str]:
        """The module's images (of pages and quiz questions) and figures as one web content resource the others
        depend on."""
        found = {image.path: (module.directory / image.path) for page in module.pages for image in page.images}
        files = {path: source.read_bytes() for path, source in found.items() if source.is_file()}
        files.update({file.path: file.data for _, question in questions for file in question.files})
        files.update({figure_name(figure_id): figure_file(self.course.figures[figure_id], self.templates)
                      for page in module.pages for figure_id, _ in page.figures})
        if not files:
            return []
        for path, data in files.items():
            self.cartridge.files[f"{module.id}/{path}"] = data
        identifier = f"R_{module.id}_MEDIA"
        self.cartridge.resources.append(Resource(identifier, WEBCONTENT, sorted(f"{module.id}/{p}" for p in files)))
        return [identifier]

    def page_html(self, module: Module, page, lesson: str, first: bool) -> str:
        """The lesson as the player shows it (render.py), its terms as words: the cartridge has no glossary to open."""
        content = without_term_links(lesson)

        def reflection(match) -> str:
            item = page.reflections[int(match.group(1))]
            return self.templates.render("imscc/reflection.html.j2", t=self.t, prompt=self.md(item.prompt))

        def figure(match) -> str:  # a file, not inline SVG: Moodle's import cleans the page's HTML, which drops SVG
            figure_id = page.figures[int(match.group(1))][0]
            return figure_html(self.course.figures[figure_id], self.templates, image=figure_name(figure_id))

        content = REFLECTION_MARKER.sub(reflection, FIGURE_MARKER.sub(figure, content))
        terms = sorted({term for term, _ in page.glossary_links if term in self.course.glossary})
        glossary = [(self.course.glossary[t], self.md(self.course.glossary[t].definition)) for t in terms]
        return self.templates.render("imscc/page.html.j2", course=self.course, module=module, page=page, t=self.t,
                                     objectives=first, content=Markup(content), glossary=glossary)


def figure_name(figure_id: str) -> str:
    """A figure's file, beside the module's pages."""
    return f"fig-{figure_id}.svg"


# --- imsmanifest.xml -----------------------------------------------------------------------------

def manifest(course: Course, cartridge: Cartridge) -> bytes:
    # The default namespace must come first: Moodle detects CC 1.1 by it in the manifest's first 1024 bytes.
    root = etree.Element(f"{{{CP}}}manifest", nsmap={None: CP, "lomimscc": LOM, "xsi": XSI},
                         identifier=f"M_{course.settings.id}")
    root.set(f"{{{XSI}}}schemaLocation", MANIFEST_SCHEMAS)
    root.append(metadata(course))
    organizations = etree.SubElement(root, f"{{{CP}}}organizations")
    organization = etree.SubElement(organizations, f"{{{CP}}}organization", identifier="ORG_1",
                                    structure="rooted-hierarchy")
    top = etree.SubElement(organization, f"{{{CP}}}item", identifier="ROOT")
    for item in cartridge.items:
        item_element(top, item)
    resources = etree.SubElement(root, f"{{{CP}}}resources")
    for resource in cartridge.resources:
        resource_element(resources, resource)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def metadata(course: Course) -> etree._Element:
    settings = course.settings
    element = etree.Element(f"{{{CP}}}metadata")
    etree.SubElement(element, f"{{{CP}}}schema").text = "IMS Common Cartridge"
    etree.SubElement(element, f"{{{CP}}}schemaversion").text = "1.1.0"
    lom = etree.SubElement(element, f"{{{LOM}}}lom")
    general = etree.SubElement(lom, f"{{{LOM}}}general")
    lom_string(etree.SubElement(general, f"{{{LOM}}}title"), settings.title, settings.language)
    etree.SubElement(general, f"{{{LOM}}}language").text = settings.language
    lom_string(etree.SubElement(general, f"{{{LOM}}}description"), settings.description, settings.language)
    for keyword in settings.keywords:
        lom_string(etree.SubElement(general, f"{{{LOM}}}keyword"), keyword, settings.language)
    return element


def lom_string(parent: etree._Element, text: str, language: str) -> None:
    etree.SubElement(parent, f"{{{LOM}}}string", language=language).text = text


def item_element(parent: etree._Element, item: Item) -> None:
    element = etree.SubElement(parent, f"{{{CP}}}item", identifier=item.identifier)
    if item.resource:
        element.set("identifierref", item.resource)
    etree.SubElement(element, f"{{{CP}}}title").text = item.title
    for child in item.children:
        item_element(element, child)


def resource_element(parent: etree._Element, resource: Resource) -> None:
    element = etree.SubElement(parent, f"{{{CP}}}resource", identifier=resource.identifier, type=resource.type)
    if resource.href:
        element.set("href", resource.href)
    for path in resource.files:
        etree.SubElement(element, f"{{{CP}}}file", href=path)
    for dependency in resource.dependencies:
        etree.SubElement(element, f"{{{CP}}}dependency", identifierref=dependency)


# --- QTI assessment ------------------------------------------------------------------------------

def qti(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def assessment(module: Module, title: str, questions: list[tuple[QuestionType, BankQuestion]], attempts: int,
               t: dict[str, str]) -> bytes:
    root = etree.Element(qti("questestinterop"), nsmap={None: QTI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", QTI_SCHEMA)
    test = etree.SubElement(root, qti("assessment"), ident=f"{module.id}_quiz", title=title)
    metadata_fields(test, [
        ("cc_profile", "cc.exam.v0p1"),
        ("qmd_assessmenttype", "Examination"),
        ("qmd_scoretype", "Percentage"),
        ("qmd_feedbackpermitted", "Yes"),
        ("qmd_hintspermitted", "No"),
        ("qmd_solutionspermitted", "Yes"),
        ("cc_maxattempts", str(attempts) if attempts else "unlimited"),
    ])
    section = etree.SubElement(test, qti("section"), ident=f"{module.id}_section")
    for kind, question in questions:
        section.append(item(kind, question, t))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def metadata_fields(parent: etree._Element, fields: list[tuple[str, str]]) -> None:
    metadata = etree.SubElement(parent, qti("qtimetadata"))
    for label, entry in fields:
        field_element = etree.SubElement(metadata, qti("qtimetadatafield"))
        etree.SubElement(field_element, qti("fieldlabel")).text = label
        etree.SubElement(field_element, qti("fieldentry")).text = entry


def item(kind: QuestionType, question: BankQuestion, t: dict[str, str]) -> etree._Element:
    ident = question.question_id
    element = etree.Element(qti("item"), ident=ident, title=question.name)
    metadata_fields(etree.SubElement(element, qti("itemmetadata")),
                    [("cc_profile", kind.cc_profile), ("cc_weighting", "1")])
    presentation = etree.SubElement(element, qti("presentation"))
    mattext(etree.SubElement(presentation, qti("material")), question.text.html)
    response = etree.SubElement(presentation, qti("response_lid"), ident=f"{ident}_R",
                                rcardinality="Multiple" if kind.cc_multiple_response else "Single")
    choices = etree.SubElement(response, qti("render_choice"), shuffle="No" if kind.cc_fixed_answers else "Yes")
    labels = {"true": t["answer_true"], "false": t["answer_false"]}
    answers = [(answer_ident(ident, a.choice_id, kind), a) for a in question.answers]
    for label_ident, answer in answers:
        label = etree.SubElement(choices, qti("response_label"), ident=label_ident)
        text = labels[answer.choice_id] if kind.cc_fixed_answers else answer.text.html
        mattext(etree.SubElement(label, qti("material")), text, html=not kind.cc_fixed_answers)
    processing(element, ident, kind, answers, bool(question.general_feedback.html))
    feedback(element, f"{ident}_general_fb", question.general_feedback.html)
    for label_ident, answer in answers:
        feedback(element, f"{label_ident}_fb", answer.feedback.html)
    return element


def answer_ident(question_ident: str, choice_id: str, kind: QuestionType) -> str:
    # Moodle's importer identifies the two answers of a true/false item by these exact idents.
    return choice_id if kind.cc_fixed_answers else f"{question_ident}_{choice_id}"


def processing(element: etree._Element, ident: str, kind: QuestionType, answers: list, general: bool) -> None:
    """Moodle reads the general feedback from the respconditions with continue="Yes" and each answer's feedback
    from the respcondition naming it; a right single answer sets SCORE 100, a multiple response sets it for the
    one combination of every right and no wrong answer."""
    resprocessing = etree.SubElement(element, qti("resprocessing"))
    outcomes = etree.SubElement(resprocessing, qti("outcomes"))
    etree.SubElement(outcomes, qti("decvar"), varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    if general:
        condition = etree.SubElement(resprocessing, qti("respcondition"), title="General feedback", **{"continue": "Yes"})
        etree.SubElement(etree.SubElement(condition, qti("conditionvar")), qti("other"))
        display(condition, f"{ident}_general_fb")
    if kind.cc_multiple_response:
        condition = etree.SubElement(resprocessing, qti("respcondition"), title="Correct", **{"continue": "Yes"})
        both = etree.SubElement(etree.SubElement(condition, qti("conditionvar")), qti("and"))
        for label_ident, answer in answers:
            parent = both if answer.fraction > 0 else etree.SubElement(both, qti("not"))
            etree.SubElement(parent, qti("varequal"), respident=f"{ident}_R", case="Yes").text = label_ident
        setvar(condition)
    for label_ident, answer in answers:
        condition = etree.SubElement(resprocessing, qti("respcondition"), **{"continue": "No"})
        conditionvar = etree.SubElement(condition, qti("conditionvar"))
        etree.SubElement(conditionvar, qti("varequal"), respident=f"{ident}_R").text = label_ident
        if not kind.cc_multiple_response and answer.fraction == 1:
            setvar(condition)
        if answer.feedback.html:
            display(condition, f"{label_ident}_fb")


def setvar(condition: etree._Element) -> None:
    etree.SubElement(condition, qti("setvar"), varname="SCORE", action="Set").text = "100"


def display(condition: etree._Element, link: str) -> None:
    etree.SubElement(condition, qti("displayfeedback"), feedbacktype="Response", linkrefid=link)


def feedback(element: etree._Element, ident: str, html: str) -> None:
    if not html:
        return
    block = etree.SubElement(element, qti("itemfeedback"), ident=ident)
    mattext(etree.SubElement(etree.SubElement(block, qti("flow_mat")), qti("material")), html)


def mattext(material: etree._Element, text: str, html: bool = True) -> None:
    """HTML travels as escaped text; images point at the module folder the assessment sits in."""
    element = etree.SubElement(material, qti("mattext"), texttype="text/html" if html else "text/plain")
    element.text = text.replace(PLUGINFILE, "") if html else text
