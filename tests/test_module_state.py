"""No module of course_builder keeps state that builds change: what a build remembers (compiled templates,
Markdown conversions, strings tables) belongs to the build (templating.BuildCaches) or, across the preview's
rebuilds, to its IncrementalBuild; never to a module, where every build of the process would share it."""
from __future__ import annotations

import collections
import importlib
import pkgutil
import shutil
import threading
import types

import jinja2

import course_builder
from course_builder.build import IncrementalBuild, build
from course_builder.inspect import inspect_package
from tests.support import edit

MUTABLE = (dict, list, set, bytearray, collections.deque)


def course_builder_modules() -> list[types.ModuleType]:
    names = [info.name for info in pkgutil.walk_packages(course_builder.__path__, "course_builder.")]
    return [importlib.import_module(name) for name in ["course_builder", *names] if not name.endswith("__main__")]


def module_globals() -> dict[str, object]:
    """Every global defined in a course_builder module, by module.name (imported names left out)."""
    found = {}
    for module in course_builder_modules():
        for name, value in vars(module).items():
            if not name.startswith("__") and getattr(value, "__module__", module.__name__) in (module.__name__, None):
                found[f"{module.__name__}.{name}"] = value
    return found


def caches_by_kind(values: dict[str, object]) -> list[str]:
    """Globals that can only be caches: remembered function results, per-thread state, template caches."""
    return sorted(name for name, value in values.items()
                  if hasattr(value, "cache_info") or hasattr(value, "cache_clear")
                  or isinstance(value, (threading.local, jinja2.BytecodeCache)))


def shape(value) -> object:
    """What a container holds, comparable later: its values' shapes, other objects by identity."""
    if isinstance(value, dict):
        return ("dict", tuple((shape(k), shape(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, collections.deque)):
        return (type(value).__name__, tuple(shape(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", frozenset(shape(v) for v in value))
    if isinstance(value, (str, bytes, bytearray, int, float, bool, type(None))):
        return bytes(value) if isinstance(value, bytearray) else value
    return ("object", id(value))


def mutable_snapshot() -> dict[str, object]:
    return {name: shape(value) for name, value in module_globals().items() if isinstance(value, MUTABLE)}


def test_no_module_holds_a_cache_object():
    assert caches_by_kind(module_globals()) == []


def test_builds_leave_every_module_level_container_as_it_was(minimal_course, tmp_path):
    assert build(minimal_course, tmp_path / "warm").ok  # imports every exporter; a registry may fill here, once
    before = mutable_snapshot()
    other = tmp_path / "other"
    shutil.copytree(minimal_course, other)
    edit(other / "modules" / "01-intro.md", "Tre værdier.", "Tre *andre* værdier, med [[kerneopgave]].")
    assert build(other, tmp_path / "one").ok
    incremental = IncrementalBuild(other)
    assert incremental.build(tmp_path / "two", ["web"]).ok
    edit(other / "modules" / "01-intro.md", "Tre *andre*", "Fire **nye**")
    assert incremental.build(tmp_path / "three", ["web"]).changed == ["intro"]
    inspect_package(next((tmp_path / "one" / "scorm12" / "modules").iterdir()))
    after = mutable_snapshot()
    changed = sorted(name for name in before if before[name] != after.get(name))
    assert changed == [], f"module-level state that builds change (a cache?): {changed}"


def test_the_checks_find_a_module_level_cache(monkeypatch):
    """The two checks above do find what they look for (a module cache slipped into text.py)."""
    import functools

    from course_builder import text

    def remembered(words: str) -> str:
        return words

    remembered.__module__ = text.__name__  # as if defined there
    monkeypatch.setattr(text, "remembered", functools.lru_cache(maxsize=None)(remembered), raising=False)
    monkeypatch.setattr(text, "converted", {}, raising=False)
    assert caches_by_kind(module_globals()) == ["course_builder.text.remembered"]
    before = mutable_snapshot()
    text.converted["*a*"] = "<p><em>a</em></p>"
    assert [name for name in before if before[name] != mutable_snapshot()[name]] == ["course_builder.text.converted"]
