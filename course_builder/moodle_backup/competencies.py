"""The course's reference vocabulary as a Moodle competency framework, and which competencies each module teaches.

The framework is three levels: a competency per framework document, below it one per section of the
document, below that one per reference (references.yaml). A module teaches the references its pages
and questions cite; its activity is linked to those, with the rule "complete the activity → rate the
competency" (core_competency\\course_module_competency::OUTCOME_COMPLETE, 3), so that Moodle rates a
learner's competencies the moment the module's activity is complete.

dist/moodle/competencies.csv is the file of Moodle's "Import competency framework"
(admin/tool/lpimportcsv): its 14 columns in the order of framework_importer::list_required_headers(),
written the way framework_exporter writes them (lib/csvlib.class.php, PHP's fputcsv quoting).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from course_builder.content.model import Course, Module

OUTCOME_COMPLETE = 3  # core_competency\course_module_competency::OUTCOME_COMPLETE
OUTCOME_NONE = 0
# The importer's headers (tool_lpimportcsv's English strings; it maps columns by position).
HEADERS = ("Parent ID number", "ID number", "Short name", "Description", "Description format", "Scale values",
           "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
           "Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework", "Taxonomy")
FORMAT_HTML = 1
MAX_SHORTNAME = 100  # competency.shortname is varchar(100)
TAXONOMIES = "competency,competency,competency"  # one per level


@dataclass(frozen=True)
class Competency:
    idnumber: str
    shortname: str
    parent: str  # the parent's idnumber; "" at the top
    description: str = ""


@dataclass(frozen=True)
class Scale:
    """The framework's rating scale: its values, worst first; the last is the default and proficient."""

    values: tuple[str, ...]

    @property
    def configuration(self) -> str:
        """Moodle's scale configuration JSON; scaleid is replaced by the importer with the scale it finds or makes."""
        last = len(self.values)
        items = ",".join(f'{{"id":{n},"scaledefault":{int(n == last)},"proficient":{int(n == last)}}}'
                         for n in range(1, last + 1))
        return f'[{{"scaleid":"0"}},{items}]'


def document_idnumber(document: str) -> str:
    return f"document:{document}"


def section_idnumber(document: str, section: str) -> str:
    slug = re.sub(r"[\W_]+", "-", section.lower()).strip("-")  # letters of any language kept
    return f"section:{document}:{slug}"


def framework_competencies(course: Course) -> list[Competency]:
    """Documents, then each document's sections, then each section's references: parents before children."""
    documents = course.settings.documents
    competencies: list[Competency] = []
    sections: dict[str, Competency] = {}
    for document, label in documents.items():
        competencies.append(Competency(document_idnumber(document), shortname(label), ""))
    for reference in course.references.values():
        key = section_idnumber(reference.document, reference.section)
        if key not in sections:
            sections[key] = Competency(key, shortname(reference.section), document_idnumber(reference.document))
            competencies.append(sections[key])
    for reference in course.references.values():
        competencies.append(Competency(reference.id, shortname(reference.title),
                                       section_idnumber(reference.document, reference.section)))
    return competencies


def taught_references(module: Module) -> list[str]:
    """The references a module's pages and questions cite, each once, in the order they are first cited."""
    cited = [r for page in module.pages for r in page.references] + [q.reference for q in module.questions]
    return list(dict.fromkeys(r for r in cited if r))


def shortname(text: str) -> str:
    return text if len(text) <= MAX_SHORTNAME else text[:MAX_SHORTNAME - 1] + "…"


def framework_csv(course: Course, name: str, description: str, scale: Scale) -> bytes:
    """The framework as tool_lpimportcsv imports it: one framework row, then one row per competency."""
    rows = [list(HEADERS), ["", course.settings.id, shortname(name), description, FORMAT_HTML, ",".join(scale.values),
                            scale.configuration, "", "", "", "", "", 1, TAXONOMIES]]
    for competency in framework_competencies(course):
        rows.append([competency.parent, competency.idnumber, competency.shortname, competency.description,
                     FORMAT_HTML, "", "", "", OUTCOME_NONE, "null", "", "", "", ""])
    return "".join(",".join(php_csv_field(str(v)) for v in row) + "\n" for row in rows).encode("utf-8")


def php_csv_field(value: str) -> str:
    """A field as PHP's fputcsv writes it (Moodle's csv_export_writer): quoted when it holds a comma, quote,
    space, tab or line break, quotes doubled."""
    if any(c in value for c in ',"\n\r\t '):
        return '"' + value.replace('"', '""') + '"'
    return value
