"""YAML read as nodes, so every value keeps its line, and read safely whatever the bytes.

Aliases are refused outright: the content needs none, and refusing them makes alias bombs harmless.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from course_builder.content.problems import Problem

MAX_SOURCE_BYTES = 2 * 1024 * 1024


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file as text, or None with a problem: missing, too large, not UTF-8, binary."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            problems.append(Problem(path, 1, f"file is too large ({size / 1024 / 1024:.1f} MB; the limit is 2 MB)"))
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path, 1, f"cannot read file: {error.strerror or error}"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(path, line, "file is not UTF-8 text (save it as UTF-8)"))
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(path, line, "file contains binary data (a NUL byte)"))
        return None
    return text


# libyaml (when PyYAML has it) composes ~10x faster, but recurses in C: only small files with few
# flow brackets go to it, so hostile nesting always meets the Python parser's RecursionError.
FAST_LOADER = getattr(yaml, "CSafeLoader", None)
FAST_MAX_CHARS = 256 * 1024
FAST_MAX_BRACKETS = 1000


def compose(text: str, path: Path, problems: list[Problem], first_line: int = 1) -> yaml.Node | None:
    """The YAML document as a node tree; syntax errors become problems."""
    if libyaml_is_safe(text):
        try:
            node = yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            node = _compose_python(text, path, problems, first_line)  # the Python parser's error messages
    else:
        node = _compose_python(text, path, problems, first_line)
    if node is not None and _has_alias(node):
        problems.append(Problem(path, first_line, "YAML anchors and aliases (&, *) are not supported: write the text out"))
        return None
    return node


def libyaml_is_safe(text: str) -> bool:
    return (FAST_LOADER is not None and len(text) <= FAST_MAX_CHARS
            and text.count("[") + text.count("{") <= FAST_MAX_BRACKETS)


def _compose_python(text: str, path: Path, problems: list[Problem], first_line: int) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        problems.append(Problem(path, line, f"YAML syntax error: {error.problem or error.context}"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(path, first_line, f"YAML error: {error}"))
        return None
    except RecursionError:
        problems.append(Problem(path, first_line, "YAML is nested too deeply"))
        return None


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

    def error(self, node: yaml.Node | None, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line if line is not None else self.line(node), message))

    def mapping(self, node: yaml.Node | None, what: str, allowed: set[str], required: set[str], line: int | None = None):
        """The mapping's keys → value nodes, or None; unknown and missing keys are reported."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of fields", line=line if node is None else None)
            return None
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in allowed:
                self.error(key_node, f"unknown field '{key}' in {what} (allowed: {', '.join(sorted(allowed))})")
            elif key in fields:
                self.error(key_node, f"field '{key}' appears twice in {what}")
            else:
                fields[key] = value_node
        for key in sorted(required - fields.keys()):
            self.error(node, f"{what} is missing the field '{key}'")
        return fields

    def sequence(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"'{what}' must be a list")
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
            self.error(node, f"'{what}' must be text")
            return ""
        text = str(value).strip()
        if required and not text:
            self.error(node, f"'{what}' is empty")
        return text

    def integer(self, node: yaml.Node | None, what: str, low: int, high: int) -> int | None:
        if node is None:
            return None
        value = self.scalar(node)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(node, f"'{what}' must be a whole number")
            return None
        if not low <= value <= high:
            self.error(node, f"'{what}' must be between {low} and {high}, not {value}")
            return None
        return value

    def boolean(self, node: yaml.Node | None, what: str) -> bool | None:
        if node is None:
            return None
        value = self.scalar(node)
        if not isinstance(value, bool):
            self.error(node, f"'{what}' must be true or false")
            return None
        return value

    def text_list(self, node: yaml.Node | None, what: str) -> list[str]:
        return [t for t in (self.text(item, what) for item in self.sequence(node, what)) if t]

    def choice(self, node: yaml.Node | None, what: str, allowed: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        value = self.text(node, what)
        if value and value not in allowed:
            self.error(node, f"'{what}' must be one of {', '.join(allowed)}, not '{value}'")
            return None
        return value or None
