"""No two modules of course_builder import each other, directly or round about (a cycle makes the import order
matter and hides which module is the core: the preview's data model and its SCORM versions once had one)."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.support import REPO

PACKAGE = REPO / "course_builder"
# The one import left out, by design and named here: the question types' front (question_types/__init__.py)
# imports the registry of units on first use, at run time. The units import the loader's, the validator's and
# the Moodle writers' helpers, and those look types up through the front; so the units are a plug-in layer
# above everything else, reached only through this lookup. Any other cycle fails the test.
PLUG_IN_LOOKUP = ("course_builder.question_types", "course_builder.question_types.registry")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def runtime_imports(tree: ast.AST, importer: str, known: dict[str, Path]) -> set[str]:
    """course_builder modules this module imports when it runs (in functions too; not under TYPE_CHECKING)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the importer's package
                package = importer.split(".") if known[importer].name == "__init__.py" else importer.split(".")[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    found.add(f"{base}.{alias.name}")  # a submodule
                elif base in known:
                    found.add(base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found |= {package for module in found for package in packages_of(module) if package in known}
    found.discard(importer)
    return found


def packages_of(module: str) -> list[str]:
    """The packages whose __init__ runs before `module` does: importing a.b.c imports a and a.b first."""
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        # a package's __init__ runs before its submodules: a submodule importing its own package (or a sibling,
        # which imports that package) is no cycle
        graph[name] = {m for m in runtime_imports(tree, name, known)
                       if not name.startswith(m + ".") and (name, m) != PLUG_IN_LOOKUP}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_course_builder_has_no_import_cycle():
    assert cycles(import_graph()) == []


def test_the_preview_data_model_does_not_import_its_versions():
    assert not import_graph()["course_builder.preview.datamodel"] & {
        "course_builder.preview.scorm12", "course_builder.preview.scorm2004"}


def test_the_cycle_finder_finds_a_cycle_round_about():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_imports_inside_functions_count_and_type_checking_ones_do_not():
    known = {"course_builder.x": Path("x.py"), "course_builder.y": Path("y.py"), "course_builder.z": Path("z.py")}
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from course_builder import z\n"
                     "def f():\n    from course_builder.y import thing\n")
    assert runtime_imports(tree, "course_builder.x", known) == {"course_builder.y"}
