"""Rows out of the three forms Moodle offers a download in: delimited text, Excel (.xlsx), ODS.

Every reader streams: it yields one row at a time and never holds the sheet, so a download of
hundreds of thousands of rows costs memory for one row. A `Table` can be read more than once (each
`rows()` call opens the file again), which lets the caller look ahead before the real pass.

Spreadsheets are zip files of XML. They are opened with limits (member count, sizes, compression
ratio) and parsed without entities, DTDs or network access, since a download may have been passed
around and edited before it reaches HR.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree

from course_builder.report.messages import ReportInputError

Row = list[str]

MAX_ZIP_MEMBERS = 200
MAX_XML_BYTES = 1 << 30  # one sheet, uncompressed
MAX_COMPRESSION_RATIO = 200
MAX_FIELD_CHARS = 1 << 20  # a cell: reflections may be long, but not this long
SNIFF_BYTES = 1 << 16

csv.field_size_limit(MAX_FIELD_CHARS)

_SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


class TableError(ReportInputError):
    """A file that cannot be read as a table; `row` is 1-based like a spreadsheet's, 0 if none."""


@dataclass(frozen=True)
class Table:
    path: Path
    form: str  # "csv", "xlsx" or "ods": what the file really is, whatever its name
    description: str  # for people: "tab-separated text, UTF-16LE", "Excel", ...
    read: Callable[[], Iterator[tuple[int, Row]]]

    def rows(self) -> Iterator[tuple[int, Row]]:
        """(row number, cells) for every row that is not empty, the header included."""
        return self.read()


def open_table(path: Path) -> Table:
    try:
        with path.open("rb") as file:
            head = file.read(SNIFF_BYTES)
    except OSError as error:
        raise TableError(path, 0, "cannot_read", reason=error.strerror or str(error)) from None
    if not head:
        raise TableError(path, 0, "empty_file")
    if head.startswith(b"PK\x03\x04"):
        return _open_zip(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(path, 0, "old_excel")
    return _open_text(path, head)


# --- delimited text ------------------------------------------------------------------------------

def _open_text(path: Path, head: bytes) -> Table:
    encoding, label = _sniff_encoding(path, head)
    first_line = head.decode(encoding, errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    if "<html" in first_line.lower() or first_line.startswith("<!DOCTYPE"):
        raise TableError(path, 1, "web_page")
    delimiter = _sniff_delimiter(first_line)
    names = {"\t": "tab", ",": "comma", ";": "semicolon"}
    description = f"{names[delimiter]}-separated text, {label}"

    def read() -> Iterator[tuple[int, Row]]:
        with path.open("rb") as raw:
            reader = csv.reader(_decoded_lines(raw, encoding), delimiter=delimiter, quotechar='"', strict=False)
            record = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError:
                    raise TableError(path, record + 1, "bad_text") from None
                except csv.Error as error:
                    raise TableError(path, record + 1, "bad_delimited", reason=str(error)) from None
                record += 1
                if any(map(str.strip, cells)):
                    yield record, cells

    return Table(path, "csv", description, read)


def _decoded_lines(raw, encoding: str) -> Iterator[str]:
    """UTF-8 is decoded line by line, so that a bad byte is reported in the row it is in."""
    if encoding not in ("utf-8", "utf-8-sig"):
        yield from io.TextIOWrapper(raw, encoding=encoding, newline="")
        return
    lines = iter(raw)
    if encoding == "utf-8-sig":
        first = next(lines, None)
        if first is None:
            return
        yield first.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    yield from map(bytes.decode, lines)  # UTF-8, strict


def _sniff_encoding(path: Path, head: bytes) -> tuple[str, str]:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8 with BOM"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16", "UTF-16LE"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", "UTF-16BE"
    sample = head[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and not sample[0::2].count(0):
        return "utf-16-le", "UTF-16LE"
    try:
        if b"\0" in sample:
            raise UnicodeDecodeError("utf-8", sample, 0, 1, "NUL")
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        raise TableError(path, 0, "not_text") from None
    return "utf-8", "UTF-8"


def _sniff_delimiter(header_line: str) -> str:
    outside_quotes = re.sub(r'"[^"]*"', "", header_line)
    counts = {delimiter: outside_quotes.count(delimiter) for delimiter in ("\t", ",", ";")}
    if counts["\t"]:
        return "\t"
    return ";" if counts[";"] > counts[","] else ","


# --- zip containers ----------------------------------------------------------------------------

def _open_zip(path: Path) -> Table:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            _check_zip_limits(path, archive)
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise TableError(path, 0, "damaged", reason=str(error)) from None
    if b"opendocument.spreadsheet" in mimetype and "content.xml" in names:
        return Table(path, "ods", "ODS spreadsheet", lambda: _zip_rows(path, _ods_rows))
    if "xl/workbook.xml" in names:
        return Table(path, "xlsx", "Excel workbook", lambda: _zip_rows(path, _xlsx_rows))
    raise TableError(path, 0, "zip_not_sheet")


def _check_zip_limits(path: Path, archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise TableError(path, 0, "too_big", reason=f"{len(infos)} files")
    for info in infos:
        if info.file_size > MAX_XML_BYTES:
            raise TableError(path, 0, "too_big", reason=f"{info.filename}: {info.file_size} bytes")
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            raise TableError(path, 0, "too_big", reason=f"{info.filename}: compressed {info.file_size // max(info.compress_size, 1)}:1")


def _zip_rows(path: Path, rows_of: Callable[[Path, zipfile.ZipFile], Iterator[tuple[int, Row]]]):
    try:
        with zipfile.ZipFile(path) as archive:
            yield from rows_of(path, archive)
    except (zipfile.BadZipFile, EOFError, KeyError) as error:
        raise TableError(path, 0, "damaged", reason=str(error)) from None
    except etree.XMLSyntaxError as error:
        raise TableError(path, 0, "damaged", reason=f"XML: {error.msg}") from None


def _iterparse(source, tag: str):
    return etree.iterparse(
        source, events=("end",), tag=tag,
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
    )


def _member(path: Path, archive: zipfile.ZipFile, name: str):
    if name not in archive.namelist():
        raise TableError(path, 0, "damaged", reason=f"{name} missing")
    return archive.open(name)


# --- Excel ---------------------------------------------------------------------------------------

def _xlsx_rows(path: Path, archive: zipfile.ZipFile) -> Iterator[tuple[int, Row]]:
    shared = _xlsx_shared_strings(path, archive)
    sheet = _xlsx_first_sheet(path, archive)
    row_tag = f"{{{_SPREADSHEET_NS}}}row"
    with _member(path, archive, sheet) as source:
        previous = 0
        for _, row in _iterparse(source, row_tag):
            number = int(row.get("r") or previous + 1)
            previous = number
            cells = _xlsx_cells(path, number, row, shared)
            row.clear(keep_tail=False)
            while row.getprevious() is not None:
                del row.getparent()[0]
            if any(cell.strip() for cell in cells):
                yield number, cells


def _xlsx_shared_strings(path: Path, archive: zipfile.ZipFile) -> list[str]:
    name = "xl/sharedStrings.xml"
    if name not in archive.namelist():
        return []
    strings = []
    text_tag = f"{{{_SPREADSHEET_NS}}}t"
    with archive.open(name) as source:
        for _, item in _iterparse(source, f"{{{_SPREADSHEET_NS}}}si"):
            # Phonetic runs (rPh) are readings, not text.
            strings.append("".join(t.text or "" for t in item.iter(text_tag)
                                   if t.getparent().tag != f"{{{_SPREADSHEET_NS}}}rPh"))
            item.clear(keep_tail=False)
    return strings


def _xlsx_first_sheet(path: Path, archive: zipfile.ZipFile) -> str:
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), _safe_parser())
    sheet = workbook.find(f"{{{_SPREADSHEET_NS}}}sheets/{{{_SPREADSHEET_NS}}}sheet")
    if sheet is None:
        raise TableError(path, 0, "no_sheet")
    relation = sheet.get(f"{{{_DOC_RELS_NS}}}id")
    rels_name = "xl/_rels/workbook.xml.rels"
    if relation and rels_name in archive.namelist():
        rels = etree.fromstring(archive.read(rels_name), _safe_parser())
        for rel in rels.iter(f"{{{_RELS_NS}}}Relationship"):
            if rel.get("Id") == relation:
                target = rel.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return "xl/worksheets/sheet1.xml"


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


_COLUMN_REF = re.compile(r"([A-Z]+)")


def _column_index(reference: str) -> int:
    letters = _COLUMN_REF.match(reference)
    index = 0
    for letter in letters.group(1) if letters else "":
        index = index * 26 + ord(letter) - 64
    return index - 1


def _xlsx_cells(path: Path, number: int, row, shared: list[str]) -> Row:
    cells: Row = []
    for cell in row.iterchildren(f"{{{_SPREADSHEET_NS}}}c"):
        reference = cell.get("r")
        index = _column_index(reference) if reference else len(cells)
        if index < len(cells) or index > 16384:
            raise TableError(path, number, "damaged", reason=f"cell {reference} out of place")
        cells.extend([""] * (index - len(cells)))
        cells.append(_xlsx_value(path, number, cell, shared))
    return cells


def _xlsx_value(path: Path, number: int, cell, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    value = cell.findtext(f"{{{_SPREADSHEET_NS}}}v") or ""
    if kind == "s":
        try:
            return shared[int(value)]
        except (ValueError, IndexError):
            raise TableError(path, number, "damaged", reason=f"shared text {value} missing") from None
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{{{_SPREADSHEET_NS}}}t"))
    if kind == "n":
        return plain_number(value)
    return value


def plain_number(text: str) -> str:
    """Spreadsheets store 85 as 85.0; the report wants the text a person would read."""
    if re.fullmatch(r"-?\d+\.0+", text):
        return text.split(".")[0]
    return text


# --- ODS -----------------------------------------------------------------------------------------

_REPEAT_LIMIT = 1024  # LibreOffice pads sheets with huge runs of empty cells and rows


def _ods_rows(path: Path, archive: zipfile.ZipFile) -> Iterator[tuple[int, Row]]:
    row_tag = f"{{{_TABLE_NS}}}table-row"
    table_tag = f"{{{_TABLE_NS}}}table"
    number = 0
    with _member(path, archive, "content.xml") as source:
        for _, row in _iterparse(source, (row_tag, table_tag)):
            if row.tag == table_tag:
                return  # Moodle writes one sheet; the first is the report
            repeat = int(row.get(f"{{{_TABLE_NS}}}number-rows-repeated", "1"))
            cells = _ods_cells(row)
            row.clear(keep_tail=False)
            while row.getprevious() is not None:
                del row.getparent()[0]
            if not any(cell.strip() for cell in cells):
                number += repeat
                continue
            for _ in range(min(repeat, _REPEAT_LIMIT)):
                number += 1
                yield number, list(cells)


def _ods_cells(row) -> Row:
    cells: Row = []
    pending_empty = 0
    for cell in row:
        if cell.tag not in (f"{{{_TABLE_NS}}}table-cell", f"{{{_TABLE_NS}}}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{{{_TABLE_NS}}}number-columns-repeated", "1"))
        value = _ods_value(cell)
        if not value:
            pending_empty += repeat
            continue
        cells.extend([""] * pending_empty)
        pending_empty = 0
        cells.extend([value] * min(repeat, _REPEAT_LIMIT))
    return cells


def _ods_value(cell) -> str:
    kind = cell.get(f"{{{_OFFICE_NS}}}value-type")
    if kind in ("float", "percentage", "currency"):
        return plain_number(cell.get(f"{{{_OFFICE_NS}}}value", ""))
    paragraphs = cell.findall(f"{{{_TEXT_NS}}}p")
    return "\n".join(_ods_text(p) for p in paragraphs)


def _ods_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        local = etree.QName(child).localname
        if local == "s":
            parts.append(" " * int(child.get(f"{{{_TEXT_NS}}}c", "1")))
        elif local == "tab":
            parts.append("\t")
        elif local == "line-break":
            parts.append("\n")
        else:
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
