"""YAML read as nodes, so every value keeps its line, and read safely whatever the bytes.

Aliases are refused outright: the content needs none, and refusing them makes alias bombs harmless.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from course_builder.content.problems import Phrase, Problem
from course_builder.yaml_loaders import FAST_LOADER, libyaml_is_safe  # libyaml where it is safe (yaml_loaders.py)

MAX_SOURCE_BYTES = 2 * 1024 * 1024


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file as text, or None with a problem: missing, too large, not UTF-8, binary."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            problems.append(Problem.of(path, 1, "file_too_large", size=f"{size / 1024 / 1024:.1f}"))
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem.of(path, 1, "cannot_read", reason=error.strerror or error))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data[: error.start].count(b"\n") + 1
        column = len(data[line_start: error.start].decode("utf-8", errors="replace")) + 1
        problems.append(Problem.of(path, line, "not_utf8", column=column, character=_latin1(data[error.start: error.end + 1])))
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem.of(path, line, "binary_file"))
        return None
    return text


def _latin1(data: bytes) -> str:
    """The character a byte that is not UTF-8 most likely was (Windows and older Macs save as Latin-1/cp1252)."""
    character = data[:1].decode("cp1252", errors="replace")
    return character if character.isprintable() else "?"




def compose(text: str, path: Path, problems: list[Problem], first_line: int = 1) -> yaml.Node | None:
    """The YAML document as a node tree; syntax errors become problems."""
    if libyaml_is_safe(text):
        try:
            node = yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            node = _compose_python(text, path, problems, first_line)  # the Python parser's error messages
    else:
        node = _compose_python(text, path, problems, first_line)
    if node is not None and "&" in text and _has_alias(node):  # an alias needs an anchor (&name) to stand for
        problems.append(Problem.of(path, first_line, "yaml_alias"))
        return None
    return node


def _compose_python(text: str, path: Path, problems: list[Problem], first_line: int) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        problems.append(syntax_problem(text, error, path, first_line))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem.of(path, first_line, "yaml_error", error=error))
        return None
    except RecursionError:
        problems.append(Problem.of(path, first_line, "yaml_too_deep"))
        return None


KEY_AND_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"][^:#]*?:)[ \t]+(.*?)\s*$")
QUOTED_THEN_TEXT = re.compile(r"^(\s*(?:-\s+)?(?:[^\s:#'\"][^:#]*?:[ \t]+)?)((\"|')(?:(?!\3).)*\3[ \t]*[^\s#].*?)\s*$")


def syntax_problem(text: str, error: yaml.MarkedYAMLError, path: Path, first_line: int) -> Problem:
    """The parser's complaint in plain words, with the fix when the mistake is a common one: a tab, a colon
    in a text, a text that starts with a quotation mark, a quotation mark never closed."""
    mark = error.problem_mark or error.context_mark
    lines = text.split("\n")
    index = min(mark.line, len(lines) - 1) if mark else 0
    line_text = lines[index]
    line, column = index + first_line, (mark.column + 1 if mark else 0)
    parser_said = f"{error.problem or error.context} (line {line}, column {column})"
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "'\\t'" in (error.problem or ""):
        return Problem.of(path, line, "yaml_tab", column=line_text.index("\t") + 1 if "\t" in line_text else column)
    quoted_then_text = QUOTED_THEN_TEXT.match(line_text)
    if quoted_then_text and (error.problem or "").startswith("expected"):
        fixed = quoted_then_text.group(1) + quoted(quoted_then_text.group(2))
        return Problem.of(path, line, "yaml_quote_then_text", column=len(quoted_then_text.group(1)) + 1,
                          example=fixed.strip())
    key_and_value = KEY_AND_VALUE.match(line_text)
    if (error.problem or "").startswith("mapping values are not allowed") and key_and_value \
            and ": " in key_and_value.group(2) + " ":
        fixed = f"{key_and_value.group(1)} {quoted(key_and_value.group(2))}"
        return Problem.of(path, line, "yaml_colon_in_text", column=column, example=fixed.strip())
    if "quoted scalar" in (error.context or "") and error.context_mark is not None:
        start = error.context_mark
        return Problem.of(path, start.line + first_line, "yaml_unclosed_quote", column=start.column + 1)
    return Problem.of(path, line, "yaml_syntax", column=column, error=parser_said)


def quoted(value: str) -> str:
    """A text as a YAML scalar in quotation marks: double ones, or single ones when it holds a double one."""
    if '"' in value:
        return single_quoted(value)
    return '"' + value.replace("\\", "\\\\") + '"'


def single_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _has_alias(root: yaml.Node) -> bool:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return False


# The constructors of the everyday scalar types, shared: a new loader per value was most of the load time.
SCALAR_CONSTRUCTOR = yaml.constructor.SafeConstructor()
PLAIN_SCALARS = {tag: yaml.constructor.SafeConstructor.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:null")}


@dataclass
class Reader:
    """Reads typed values out of a node tree, reporting each mistake with its line."""

    path: Path
    problems: list[Problem]
    first_line: int = 1  # the file line of the YAML text's first line (front matter starts below ---)

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def error(self, node: yaml.Node | None, key: str, line: int | None = None, **values) -> None:
        """A problem at node (its line and column), or on `line` of the file when the node is missing."""
        if line is not None or node is None:
            self.problems.append(Problem.of(self.path, line if line is not None else self.first_line, key, **values))
        else:
            self.problems.append(Problem.of(self.path, self.line(node), key, column=node.start_mark.column + 1, **values))

    def mapping(self, node: yaml.Node | None, what: str | Phrase, allowed: set[str], required: set[str],
                line: int | None = None, meant: set[str] | None = None):
        """The mapping's keys → value nodes, or None; unknown and missing keys are reported. `what`: the
        catalogue's phrase for the thing the mapping is (a key, or a Phrase with its values). `meant` receives
        the allowed fields that misspelled ones were taken for, whose absence is then no second problem."""
        thing = what if isinstance(what, Phrase) else Phrase.of(what)
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "not_a_mapping", line=line if node is None else None, thing=thing)
            return None
        fields: dict[str, yaml.Node] = {}
        misspelled: set[str] = set()  # the fields a misspelling was meant as: not reported missing as well
        keys = [key_node.value if isinstance(key_node, yaml.ScalarNode) else None for key_node, _ in node.value]
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in allowed:
                misspelled.update(self._unknown_field(key_node, key, thing, allowed, allowed - set(keys)))
            elif key in fields:
                self.error(key_node, "field_twice", field=key, thing=thing)
            else:
                fields[key] = value_node
        for key in sorted(required - fields.keys() - misspelled):
            self.error(node, "field_missing", field=key, thing=thing)
        if meant is not None:
            meant.update(misspelled - fields.keys())
        return fields

    def _unknown_field(self, key_node: yaml.Node, key, thing: Phrase, allowed: set[str], unused: set[str]) -> list[str]:
        """An unknown field, with the unused allowed one nearest to it (a misspelling is the usual cause): that one."""
        nearest = difflib.get_close_matches(str(key), sorted(unused), n=1, cutoff=0.6) if key is not None else []
        allowed = ", ".join(sorted(allowed))
        if nearest:
            self.error(key_node, "unknown_field_near", field=key, thing=thing, nearest=nearest[0], allowed=allowed)
        else:
            self.error(key_node, "unknown_field", field=key, thing=thing, allowed=allowed)
        return nearest

    def sequence(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "not_a_list", field=what)
            return []
        return list(node.value)

    def scalar(self, node: yaml.Node | None):
        if node is None or not isinstance(node, yaml.ScalarNode):
            return None
        try:
            make = PLAIN_SCALARS.get(node.tag)
            if make is not None:
                return make(SCALAR_CONSTRUCTOR, node)
            return yaml.SafeLoader("").construct_object(node)  # rare tags: a whole loader, as PyYAML does it
        except (yaml.YAMLError, ValueError, KeyError):  # e.g. "!!bool maybe", "!!int abc": the text as written
            return node.value

    def text(self, node: yaml.Node | None, what: str, required: bool = True) -> str:
        value = self.scalar(node)
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode) or value is None or isinstance(value, (list, dict)):
            self.error(node, "not_text", field=what)
            return ""
        text = str(value).strip()
        if required and not text:
            self.error(node, "empty_text", field=what)
        return text

    def integer(self, node: yaml.Node | None, what: str, low: int, high: int) -> int | None:
        if node is None:
            return None
        value = self.scalar(node)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(node, "not_whole_number", field=what, value=value)
            return None
        if not low <= value <= high:
            self.error(node, "out_of_range", field=what, low=low, high=high, value=value)
            return None
        return value

    def boolean(self, node: yaml.Node | None, what: str) -> bool | None:
        if node is None:
            return None
        value = self.scalar(node)
        if not isinstance(value, bool):
            self.error(node, "not_boolean", field=what, value=node.value if isinstance(node, yaml.ScalarNode) else "…")
            return None
        return value

    def text_list(self, node: yaml.Node | None, what: str) -> list[str]:
        return [t for t in (self.text(item, what) for item in self.sequence(node, what)) if t]

    def choice(self, node: yaml.Node | None, what: str, allowed: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        value = self.text(node, what)
        if value and value not in allowed:
            self.error(node, "not_one_of", field=what, allowed=", ".join(allowed), value=value)
            return None
        return value or None
