"""The report's files: one self-contained HTML page and the CSV tables behind it.

The CSV files are written for a Danish spreadsheet: UTF-8 with BOM, semicolons, decimal comma,
dates as YYYY-MM-DD. Percentages are whole numbers. The page is rendered from
templates/report/index.html.j2 (a course may override it); its charts are inline SVG whose geometry
is computed here, and it loads nothing from anywhere. Every word of the page and the tables' headers comes
from templates/report/messages.yaml, in the language the one rule chooses (course's, or --language).
"""
from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from course_builder.content.model import Course
from course_builder.packaging import discard, new_staging, publish, write_files
from course_builder.question_types import find_type
from course_builder.templating import Templates
from course_builder.report.analysis import Analysis, ItemRow, LearnerRow
from course_builder.templating import language_strings
from course_builder.report.messages import Messages, choose_language

TEMPLATE = "report/index.html.j2"
STATES = ("completed", "completed_known", "failed", "in_progress", "not_started")  # their labels: state_<state>
CSV_FILES = (
    "moduler.csv", "maaneder.csv", "deltagere.csv", "ikke-startet.csv", "ikke-gennemfoert.csv",
    "scorefordeling.csv", "spoergsmaal.csv", "rammevaerk.csv",
)
ROLE_CSV_FILES = ("pr-rolle.csv", "pr-rolle-spoergsmaal.csv")  # only when some learner's role is known
MARKER_FILES = ("index.html", "moduler.csv")  # what tells a folder is an earlier report


class OutputRefused(Exception):
    pass


def write_report(analysis: Analysis, course: Course, out: Path, language: str | None = None) -> list[str]:
    """Writes every file into a staging folder, then swaps it in for out; returns the file names.
    language: the one asked for (--language); the page and the tables follow the one language rule."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not all((out / m).is_file() for m in MARKER_FILES))):
        raise OutputRefused(out)
    files = report_files(analysis, course, language)
    staging = new_staging(out)
    try:
        write_files(staging / out.name, files)
        publish(staging, out.parent, [out.name])
    except BaseException:
        discard(staging)
        raise
    return sorted(files)


def report_files(analysis: Analysis, course: Course, language: str | None = None) -> dict[str, bytes]:
    say = Messages(choose_language(language, course.settings.language, course.root), course.root)
    files = {name: _csv(rows) for name, rows in csv_tables(analysis, say).items()}
    notes = page_notes(analysis, course.root, say.language)
    html = Templates(course.root).render(TEMPLATE, **page_values(analysis, say), notes=notes, w=say.strings,
                                         language=say.language)
    files["index.html"] = html.encode("utf-8")
    return files


def page_notes(analysis: Analysis, course_root: Path, language: str | None = None) -> list[str]:
    say = Messages(choose_language(language, analysis.course_language, course_root), course_root)
    return [say(note) for note in analysis.notes]


# --- CSV -----------------------------------------------------------------------------------------

def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return decimal(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int):
        return str(value)
    return as_text(str(value))


def as_text(text: str) -> str:
    """A cell a spreadsheet would run as a formula (a learner named '=HYPERLINK(...)') starts with an
    apostrophe, which Excel and LibreOffice show as text (OWASP, "CSV Injection")."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def decimal(value: float | None) -> str:
    """85.0 -> "85", 79.6 -> "79,6" (a Danish decimal comma)."""
    if value is None:
        return ""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}".replace(".", ",")


def csv_tables(analysis: Analysis, say: Messages | None = None) -> dict[str, list[list[object]]]:
    say = say or Messages(choose_language(None, analysis.course_language))
    tables = {
        "moduler.csv": _module_table(analysis, say),
        "maaneder.csv": _month_table(analysis, say),
        "deltagere.csv": _learner_table(analysis, say),
        "ikke-startet.csv": [_header(say, "name", "email")] + [
            [l.name, l.email] for l in analysis.learners_in("not_started")],
        "ikke-gennemfoert.csv": _follow_up_table(analysis, say),
        "scorefordeling.csv": [_header(say, "module_id", "module", "from", "to", "count")] + [
            [b.module_id, b.title, b.low, b.high, b.count] for b in analysis.score_bins],
        "spoergsmaal.csv": _item_table(analysis.items, analysis, say),
        "rammevaerk.csv": [_header(say, "reference_id", "reference", "document", "section", "questions", "answers",
                                   "correct", "correct_percent")] + [
            [r.reference_id, r.title, _document(r.document, analysis), r.section, r.interactions, r.answered, r.correct,
             r.correct_percent] for r in analysis.references],
    }
    if analysis.roles:
        tables["pr-rolle.csv"] = [_header(say, "role_id", "role", "learners", "path_completed", "path_completed_percent",
                                          "in_progress", "not_started")] + [
            [r.role, r.label, r.learners, r.completed, r.completed_percent, r.in_progress, r.not_started]
            for r in analysis.roles]
        tables["pr-rolle-spoergsmaal.csv"] = _role_item_table(analysis, say)
    return tables


def _role_item_table(analysis: Analysis, say: Messages) -> list[list[object]]:
    """Every question as each role's learners answered it, the hardest first within a role."""
    rows = [[say.text("col_role_id"), say.text("col_role")] + row for row in _item_table([], analysis, say)]
    for role in analysis.roles:
        for item_row in _item_table(hardest_items(list(role.items), limit=None), analysis, say)[1:]:
            rows.append([role.role, role.label] + item_row)
    return rows


def _header(say: Messages, *columns: str) -> list[object]:
    """A CSV file's header row: the strings table's col_<column> texts."""
    return [say.text(f"col_{column}") for column in columns]


def _module_table(analysis: Analysis, say: Messages) -> list[list[object]]:
    rows: list[list[object]] = [_header(say, "module_id", "module", "learners", "started", "completed",
                                        "completed_percent", "scored", "passed", "pass_percent", "median_score",
                                        "sources")]
    for m in analysis.modules:
        rows.append([m.module_id, m.title, m.learners, m.started, m.completed, m.completion_percent, m.scored,
                     m.passed, m.pass_percent, m.median_score, ", ".join(say.text(f"source_{s}") for s in m.sources)])
    return rows


def _month_table(analysis: Analysis, say: Messages) -> list[list[object]]:
    rows: list[list[object]] = [_header(say, "month", "module_id", "module", "started_in_month",
                                        "of_which_completed", "completed_percent", "of_which_scored",
                                        "of_which_passed", "passed_percent", "completed_in_month")]
    for r in analysis.months:
        rows.append([r.month, r.module_id, r.title, r.started, r.completed, r.completion_percent, r.scored,
                     r.passed, r.pass_percent, r.completed_in_month])
    return rows


def _learner_table(analysis: Analysis, say: Messages) -> list[list[object]]:
    modules = analysis.modules
    rows: list[list[object]] = [_header(say, "name", "email", "status", "first_started", "last_access",
                                        "course_completed") + [m.title for m in modules]]
    for learner in analysis.learners:
        states = {s.module_id: s for s in learner.modules}
        rows.append([learner.name, learner.email, say.text(f"state_{learner.state}"), learner.first_started,
                     learner.last_access, learner.course_completed_on]
                    + [_module_cell(states.get(m.module_id), say) for m in modules])
    return rows


def _module_cell(status, say: Messages) -> str:
    if status is None:
        return ""
    label = say.text(f"state_{status.state}")
    return f"{label} ({decimal(status.score)})" if status.score is not None else label


def _follow_up_table(analysis: Analysis, say: Messages) -> list[list[object]]:
    rows: list[list[object]] = [_header(say, "name", "email", "completed_modules", "in_progress", "failed",
                                        "not_started", "first_started", "last_access", "modules_without_data")]
    without_data = ", ".join(analysis.modules_without_data)
    for learner in analysis.learners_in("in_progress") + analysis.learners_in("completed_known"):
        rows.append([learner.name, learner.email, completed_count(learner, analysis, say),
                     ", ".join(learner.titles("in_progress")), ", ".join(learner.titles("failed")),
                     ", ".join(learner.titles("not_started")), learner.first_started, learner.last_access,
                     without_data])
    return rows


def completed_count(learner: LearnerRow, analysis: Analysis, say: Messages) -> str:
    """"2 af 9", or, where some modules have no downloads, "4 af 4 med data (kurset har 9)": the count
    says plainly that the other modules are unknown, not done or not done."""
    done, known = len(learner.titles("completed")), len(analysis.modules)
    total = known + len(analysis.modules_without_data)
    if known == total:
        return say.text("completed_count", done=done, known=known)
    return say.text("completed_count_with_data", done=done, known=known, total=total)


def _item_table(items: list[ItemRow], analysis: Analysis, say: Messages) -> list[list[object]]:
    rows: list[list[object]] = [_header(say, "module", "question_id", "interaction_id", "type", "question",
                                        "situation", "answered", "correct", "correct_percent",
                                        "most_chosen_wrong", "answer_id", "chosen_by", "chosen_by_percent",
                                        "reference_id", "reference", "document", "section")]
    for i in items:
        rows.append([i.module_title, i.question_id, i.interaction_id, kind_label(i.kind, say), i.prompt,
                     i.situation, i.answered, i.correct, i.correct_percent, i.wrong_text, i.wrong_key,
                     i.wrong_count, i.wrong_percent, i.reference_id, i.reference_title, _document(i.document, analysis),
                     i.section])
    return rows


def kind_label(kind: str, say: Messages) -> str:
    """How the report names a question type: the label in templates/question_types/<type>/strings.yaml."""
    if find_type(kind) is None:
        return kind
    try:
        return language_strings(say.templates, f"question_types/{kind}/strings.yaml", say.language).get("label", kind)
    except FileNotFoundError:
        return kind


def _document(document: str, analysis: Analysis) -> str:
    """The label the course gives a framework document (course.yaml 'documents')."""
    return analysis.document_labels.get(document, document)


# --- the page ------------------------------------------------------------------------------------

BAR_WIDTH = 300.0


def bar(value: int | None) -> float:
    """The length of a percentage bar, in SVG user units."""
    return round(BAR_WIDTH * (value or 0) / 100, 1)


def page_date(moment: datetime | None, say: Messages) -> str:
    return say.text("date", day=moment.day, month=moment.month, year=moment.year) if moment else ""


def month_name(month: str, say: Messages) -> str:
    year, number = month.split("-")
    return f"{say.text('months').split()[int(number) - 1]} {year}"


def page_values(analysis: Analysis, say: Messages) -> dict[str, object]:
    counts = {state: len(analysis.learners_in(state))
              for state in ("completed", "completed_known", "in_progress", "not_started")}
    return {
        "a": analysis,
        "counts": counts,
        "total_learners": len(analysis.learners),
        "module_chart": _module_chart(analysis),
        "month_chart": _month_chart(analysis, say),
        "score_charts": _score_charts(analysis),
        "follow_up": [_follow_up_view(learner, analysis, say) for learner in analysis.learners_in("in_progress")],
        "done_with_data": [_follow_up_view(learner, analysis, say)
                           for learner in analysis.learners_in("completed_known")],
        "not_started": analysis.learners_in("not_started"),
        "items": [_item_view(item, analysis, say) for item in analysis.items],
        "hardest": [_item_view(item, analysis, say) for item in hardest_items(analysis.items)],
        "roles": [dict(row=r, width=bar(r.completed_percent),
                       hardest=[_item_view(i, analysis, say) for i in hardest_items(list(r.items), HARDEST_SHOWN_PER_ROLE)])
                  for r in analysis.roles],
        "references": [dict(row=r, document=_document(r.document, analysis), width=bar(r.correct_percent))
                       for r in analysis.references],
        "months": [dict(row=r, label=month_name(r.month, say)) for r in analysis.months],
        "state_labels": {state: say.text(f"state_{state}") for state in STATES},
        "bar_width": BAR_WIDTH,
        "decimal": decimal,
        "date": lambda moment: page_date(moment, say),
    }


def _module_chart(analysis: Analysis) -> list[dict[str, object]]:
    return [dict(row=m, completion=bar(m.completion_percent), passing=bar(m.pass_percent), y=index * 44)
            for index, m in enumerate(analysis.modules)]


def _month_chart(analysis: Analysis, say: Messages) -> dict[str, object]:
    totals: dict[str, int] = {}
    for row in analysis.months:
        totals[row.month] = totals.get(row.month, 0) + row.completed_in_month
    months = sorted(totals)
    highest = max(totals.values(), default=0) or 1
    column = 56
    bars = [dict(label=month_name(month, say)[:3] + " " + month[2:4], count=totals[month], x=index * column,
                 height=round(120 * totals[month] / highest, 1)) for index, month in enumerate(months)]
    return dict(bars=bars, width=max(len(months) * column, column))


def _score_charts(analysis: Analysis) -> list[dict[str, object]]:
    charts = []
    for module in analysis.modules:
        bins = [b for b in analysis.score_bins if b.module_id == module.module_id]
        highest = max((b.count for b in bins), default=0) or 1
        charts.append(dict(
            module=module,
            bins=[dict(bin=b, x=index * 28, height=round(80 * b.count / highest, 1)) for index, b in enumerate(bins)],
            mastery_x=round(28 * analysis.mastery_score / 10, 1),
        ))
    return charts


HARDEST_SHOWN = 10


HARDEST_SHOWN_PER_ROLE = 5


def hardest_items(items: list[ItemRow], limit: int | None = HARDEST_SHOWN) -> list[ItemRow]:
    """The questions and decision points with the lowest share of right first answers."""
    answered = [item for item in items if item.answered]
    return sorted(answered, key=lambda item: (item.correct_percent, -item.answered, item.interaction_id))[:limit]


def _follow_up_view(learner: LearnerRow, analysis: Analysis, say: Messages) -> dict[str, object]:
    return dict(learner=learner, completed_count=completed_count(learner, analysis, say),
                in_progress=learner.titles("in_progress"), failed=learner.titles("failed"),
                not_started=learner.titles("not_started"))


def _item_view(item: ItemRow, analysis: Analysis, say: Messages) -> dict[str, object]:
    return dict(item=item, kind=kind_label(item.kind, say), document=_document(item.document, analysis),
                width=bar(item.correct_percent))
