"""Writes report downloads in the exact shape a Moodle 4.5 writes them (test and benchmark helper).

Each function mirrors the Moodle code that writes that download (named in its docstring), and
tests/report/test_moodle_exports.py checks the output against the real downloads in
shared/reference/moodle/exports byte for byte where the format allows (the text forms).
"""
from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from lxml import etree

Cell = object  # str, int or float: Moodle's writers treat numbers apart
ALL_INTERACTION_COLUMNS = ("question", "response", "right", "result")
HEADER_WORDS = {"question": "Question", "response": "Response", "right": "Right answer", "result": "Result"}
STATUS_LABELS = {
    "passed": "Passed", "completed": "Completed", "failed": "Failed", "incomplete": "Incomplete",
    "browsed": "Browsed", "notattempted": "Not attempted",
}
COMPLETION_LABELS = {
    "y": "Completed", "n": "Not completed", "pass": "Completed (achieved pass grade)",
    "fail": "Completed (did not achieve pass grade)",
}


@dataclass
class Interaction:
    id: str
    response: str = ""
    right: str = ""
    result: str = ""


@dataclass
class Attempt:
    number: int
    started: datetime
    last: datetime
    status: str = "incomplete"  # the SCO's lesson status (shown only without a raw score)
    score_raw: str | None = None  # None: the learner never sent a score
    score_max: str | None = None
    interactions: list[Interaction] = field(default_factory=list)


@dataclass
class ScormLearner:
    name: str
    email: str
    attempts: list[Attempt] = field(default_factory=list)  # none: "Not attempted"


# --- what Moodle puts in the cells ---------------------------------------------------------------

def moodle_date(moment: datetime, with_weekday: bool) -> str:
    """userdate() with strftimedaydatetime (CSV) or strftimedatetime (Excel, ODS), English site:
    Moodle drops the leading zero of the day and of the 12-hour clock."""
    hour = moment.hour % 12 or 12
    text = f"{moment.day} {moment:%B %Y}, {hour}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}"
    return f"{moment:%A}, {text}" if with_weekday else text


def _php_float(text: str | None) -> float:
    return float(text) if text else 0.0


def scorm_rows(kind: str, sco_title: str, learners: Sequence[ScormLearner], download: str,
               columns: Sequence[str] = ALL_INTERACTION_COLUMNS, question_count: int | None = None,
               detailed: bool = True) -> Iterator[list[Cell]]:
    """mod/scorm/report/{basic,interactions}/classes/report.php: the header, then one row per
    learner and attempt (a learner without attempts gets one row of dashes). The Basic report has its
    per-SCO column only with "Track details" at Yes (`detailed`; No by default in Moodle,
    mod/scorm/reportsettings_form.php)."""
    spreadsheet = download in ("Excel", "ODS")
    with_sco = kind == "interactions" or detailed
    header: list[Cell] = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score"] + \
        ([sco_title] if with_sco else [])
    count = question_count if question_count is not None else \
        max((len(a.interactions) for learner in learners for a in learner.attempts), default=0)
    if kind == "interactions":
        for index in range(count):
            header += [f"{HEADER_WORDS[c]} {index}" for c in columns]
    yield header
    for learner in learners:
        if not learner.attempts:
            row: list[Cell] = [learner.name, learner.email, "-", "-", "-", "-"] + (["Not attempted"] if with_sco else [])
            if kind == "interactions":
                row += [""] * (count * len(columns))
            yield row
            continue
        for attempt in learner.attempts:
            grade = _php_float(attempt.score_raw)
            row = [learner.name, learner.email, attempt.number,
                   moodle_date(attempt.started, not spreadsheet), moodle_date(attempt.last, not spreadsheet),
                   grade if spreadsheet else _php_string(grade)] + ([_sco_cell(kind, attempt)] if with_sco else [])
            if kind == "interactions":
                for index in range(count):
                    item = attempt.interactions[index] if index < len(attempt.interactions) else None
                    for column in columns:
                        row.append(getattr(item, "id" if column == "question" else column) if item else "")
            yield row


def _sco_cell(kind: str, attempt: Attempt) -> str:
    if attempt.score_raw is None:
        return STATUS_LABELS[attempt.status]
    # The Basic report appends the maximum; the Interactions report's check never finds it.
    if kind == "basic" and attempt.score_max is not None:
        return f"{attempt.score_raw}/{attempt.score_max}"
    return attempt.score_raw


def _php_string(value: Cell) -> str:
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else repr(value)
    return str(value)


@dataclass
class CompletionLearner:
    name: str
    email: str
    states: dict[str, tuple[str, datetime | None]]  # activity -> (y/n/pass/fail, when)
    course_completed: datetime | None = None
    user_id: int = 0


def activity_completion_rows(activities: Sequence[str], learners: Sequence[CompletionLearner]):
    """report/progress/index.php: a nameless first column, identity fields, then per activity its
    state and date (the date column's header is the expected completion date, here none)."""
    header = ["", "Email address"]
    for activity in activities:
        header += [activity, ""]
    yield header
    for learner in learners:
        row = [learner.name, learner.email]
        for activity in activities:
            state, when = learner.states.get(activity, ("n", None))
            row += [COMPLETION_LABELS[state], f"{when:%Y-%m-%d %H:%M:%S}" if when else ""]
        yield row


def course_completion_rows(activities: Sequence[str], learners: Sequence[CompletionLearner]):
    """report/completion/index.php: ID, Name, identity fields, per activity criterion state and
    "<activity> - Completion date", then "Course complete" (a date)."""
    header = ["ID", "Name", "Email address"]
    for activity in activities:
        header += [activity, f"{activity} - Completion date"]
    yield header + ["Course complete"]
    for learner in learners:
        row: list[Cell] = [learner.user_id, learner.name, learner.email]
        for activity in activities:
            state, when = learner.states.get(activity, ("n", None))
            row += [COMPLETION_LABELS[state], f"{when:%Y-%m-%d %H:%M:%S}" if when else ""]
        completed = learner.course_completed
        yield row + [f"{completed:%Y-%m-%d %H:%M:%S}" if completed else ""]


# --- the writers ---------------------------------------------------------------------------------

def fputcsv_line(row: Iterable[Cell], delimiter: str) -> str:
    """PHP's fputcsv (Moodle's csv_export_writer): a field is enclosed when it holds the delimiter,
    a quote, a backslash, a line break, a tab or a space."""
    fields = []
    for value in row:
        text = _php_string(value)
        if any(ch in text for ch in (delimiter, '"', "\\", "\n", "\r", "\t", " ")):
            text = '"' + text.replace('"', '""') + '"'
        fields.append(text)
    return delimiter.join(fields) + "\n"


def write_scorm_text(path: Path, rows: Iterable[list[Cell]]) -> None:
    """The SCORM report's "CSV" download: tab-separated UTF-8 named .txt (csv_export_writer("tab"))."""
    with path.open("w", encoding="utf-8", newline="") as file:
        for row in rows:
            file.write(fputcsv_line(row, "\t"))


def write_course_completion(path: Path, rows: Iterable[list[Cell]], excel: bool) -> None:
    """csv_export_writer('comma'); the "Excel" form only adds a UTF-8 byte order mark."""
    text = "".join(fputcsv_line(row, ",") for row in rows)
    path.write_bytes((codecs.BOM_UTF8 if excel else b"") + text.encode("utf-8"))


def write_activity_completion(path: Path, rows: Iterable[list[Cell]], excel: bool) -> None:
    """report/progress: every value quoted (a quote becomes an apostrophe); "excelcsv" is
    UTF-16LE with a byte order mark and tabs, "csv" is UTF-8 with commas."""
    separator = "\t" if excel else ","
    lines = []
    for number, row in enumerate(rows):
        cells = ['"' + str(value).replace('"', "'") + '"' for value in row]
        if number == 0:
            cells[0] = ""  # the header's name column is printed as nothing at all
        lines.append(separator.join(cells) + "\n")
    text = "".join(lines)
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") if excel else text.encode("utf-8"))


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _is_numeric(value: Cell) -> bool:
    if isinstance(value, (int, float)):
        return True
    try:
        float(str(value))
        return str(value).strip() == str(value) and str(value) != ""
    except ValueError:
        return False


def write_xlsx(path: Path, rows: Iterable[list[Cell]]) -> None:
    """Moodle's MoodleExcelWorkbook (PhpSpreadsheet): numbers as numbers, text as shared strings."""
    strings: dict[str, int] = {}
    sheet = etree.Element(f"{{{_MAIN}}}worksheet", nsmap={None: _MAIN, "r": _REL})
    data = etree.SubElement(sheet, f"{{{_MAIN}}}sheetData")
    for row_index, row in enumerate(rows, start=1):
        row_element = etree.SubElement(data, f"{{{_MAIN}}}row", r=str(row_index))
        for column, value in enumerate(row):
            cell = etree.SubElement(row_element, f"{{{_MAIN}}}c", r=f"{_column_name(column)}{row_index}")
            if value == "":
                continue
            if _is_numeric(value):
                etree.SubElement(cell, f"{{{_MAIN}}}v").text = repr(value) if isinstance(value, float) else str(value)
            else:
                cell.set("t", "s")
                etree.SubElement(cell, f"{{{_MAIN}}}v").text = str(strings.setdefault(str(value), len(strings)))
    shared = etree.Element(f"{{{_MAIN}}}sst", nsmap={None: _MAIN}, uniqueCount=str(len(strings)))
    for text in strings:
        etree.SubElement(etree.SubElement(shared, f"{{{_MAIN}}}si"), f"{{{_MAIN}}}t").text = text
    files = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/sharedStrings.xml": etree.tostring(shared, xml_declaration=True, encoding="UTF-8", standalone=True),
        "xl/worksheets/sheet1.xml": etree.tostring(sheet, xml_declaration=True, encoding="UTF-8", standalone=True),
    }
    _write_zip(path, files)


_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  b'<Default Extension="xml" ContentType="application/xml"/>'
                  b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                  b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_ROOT_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  b'<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                  b'<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
_WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Report" sheetId="1" r:id="rId4"/></sheets></workbook>')

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def write_ods(path: Path, rows: Iterable[list[Cell]]) -> None:
    """Moodle's odslib: one table "Report"; numbers as float cells, everything else as strings."""
    root = etree.Element(f"{{{_OFFICE}}}document-content", nsmap={"office": _OFFICE, "table": _TABLE, "text": _TEXT})
    body = etree.SubElement(etree.SubElement(root, f"{{{_OFFICE}}}body"), f"{{{_OFFICE}}}spreadsheet")
    table = etree.SubElement(body, f"{{{_TABLE}}}table", {f"{{{_TABLE}}}name": "Report"})
    for row in rows:
        row_element = etree.SubElement(table, f"{{{_TABLE}}}table-row")
        for value in row:
            cell = etree.SubElement(row_element, f"{{{_TABLE}}}table-cell")
            if _is_numeric(value):
                number = _php_string(value)
                cell.set(f"{{{_OFFICE}}}value-type", "float")
                cell.set(f"{{{_OFFICE}}}value", number)
                etree.SubElement(cell, f"{{{_TEXT}}}p").text = number
            else:
                cell.set(f"{{{_OFFICE}}}value-type", "string")
                etree.SubElement(cell, f"{{{_TEXT}}}p").text = str(value)
    files = {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8"),
        "META-INF/manifest.xml": b'<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    }
    _write_zip(path, files)


def _write_zip(path: Path, files: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 22, 10, 39, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def write_scorm_report(path: Path, kind: str, sco_title: str, learners: Sequence[ScormLearner],
                       columns: Sequence[str] = ALL_INTERACTION_COLUMNS, question_count: int | None = None,
                       detailed: bool = True) -> Path:
    """One SCORM report in the form its suffix names: .txt ("CSV"), .xlsx (Excel), .ods (ODS)."""
    download = {".txt": "CSV", ".xlsx": "Excel", ".ods": "ODS"}[path.suffix]
    rows = scorm_rows(kind, sco_title, learners, download, columns, question_count, detailed)
    {"CSV": write_scorm_text, "Excel": write_xlsx, "ODS": write_ods}[download](path, rows)
    return path
