"""Issue 23's sources: figures.yaml and '::: figure <id>' (each figure drawn where a module places it), and
role-guide.yaml (the learner's role page): every mistake gives its file, line and message."""
from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.build import load_and_validate
from course_builder.render import render_course
from course_builder.text import label_lines
from tests.support import edit, module_page
from tests.toolkit_course import toolkit_course


@pytest.fixture
def course(tmp_path) -> Path:
    return toolkit_course(tmp_path / "course")


def problems_of(course: Path) -> list[str]:
    _, problems = load_and_validate(course)
    return [p.display(course) for p in problems if p.is_error]


def test_the_toolkit_course_is_clean_and_places_each_figure(course):
    loaded, _ = load_and_validate(course)
    assert problems_of(course) == []
    assert list(loaded.figures) == ["trekant", "rundt", "roller"]
    intro = loaded.module("intro")
    assert [[f for f, _ in page.figures] for page in intro.pages] == [["trekant"], ["rundt", "roller"], []]
    assert [g.role for g in loaded.role_guides] == ["teamleder", "chef"]
    assert loaded.general_questions == ["Hvor ofte taler vi sammen?"]


def test_a_figure_is_drawn_where_the_module_places_it(course):
    loaded, _ = load_and_validate(course)
    module = render_course(loaded).modules["intro"]
    assert "<!--figure:0-->" in module.lessons[0]  # each format draws the marked figure its own way
    html = module_page(module.files(), "intro")
    assert html.index("Et citat, ordret.") < html.index('<figure class="figure" id="fig-trekant"') < html.index('id="p2"')
    assert html.index('id="p2"') < html.index('id="fig-rundt"') < html.index('id="fig-roller"') < html.index('id="refl-min-vaerdi"')
    assert html.count("<figure") == 3 and "<!--figure:" not in html


BROKEN = [
    ("modules/01-intro.md", "::: figure trekant", "::: figure trekanten",
     "modules/01-intro.md:18: unknown figure 'trekanten'. Use an id figures.yaml declares (trekant, rundt, roller), or add the figure there."),
    ("modules/01-intro.md", "::: figure trekant", "::: figure",
     "modules/01-intro.md:18: '::: figure' names no figure. Write e.g. '::: figure leadership-triangle' with an id from figures.yaml."),
    ("figures.yaml", "  kind: triangle", "  kind: pyramid",
     "figures.yaml:2: unknown figure kind 'pyramid'. Use one of: triangle, compass, levels."),
    ("figures.yaml", '    - {label: Faglig ledelse, detail: "Fokus på: kvaliteten."}\n', "",
     "figures.yaml:1: a triangle figure draws 4 parts, but 'trekant' has 3. Correct the list 'parts'."),
    ("figures.yaml", "  caption: Rollerne\n", "",
     "figures.yaml:15:3: a figure is missing the field 'caption'. Add it."),
    ("figures.yaml", "- id: rundt", "- id: trekant",
     "figures.yaml:10:3: figure 'trekant' is defined twice. Give one of them another id, or delete it."),
    ("role-guide.yaml", "  chef:", "  direktør:",
     "role-guide.yaml:9: unknown role 'direktør'. Use one that course.yaml 'roles' declares (chef, mellemleder, teamleder), or add it there."),
    ("role-guide.yaml", "reference: vaerdier", "reference: vaerdi",
     "role-guide.yaml:10: unknown reference 'vaerdi'. Use an id from references.yaml, or add the reference there."),
    ("role-guide.yaml", "        - Vi arbejder sammen på tværs.\n", "",
     "role-guide.yaml:12:18: 'statements' must be a list: write each entry on its own line starting with '- '."),
]


@pytest.mark.parametrize("file, old, new, expected", BROKEN, ids=[b[3] for b in BROKEN])
def test_broken_toolkit_input_gives_its_message_and_line(course, file, old, new, expected):
    edit(course / file, old, new)
    found = problems_of(course)
    assert expected in found, "\n".join(found)


@pytest.mark.parametrize("text, width, lines", [
    ("Politisk og strategisk ledelse", 11, ["Politisk og", "strategisk", "ledelse"]),
    ("Personale\u00adledelse", 11, ["Personale-", "ledelse"]),
    ("Personale\u00adledelse", 20, ["Personaleledelse"]),  # a soft hyphen shows only where the line breaks
    ("Lede udad", 20, ["Lede udad"]),
])
def test_a_label_breaks_at_spaces_and_soft_hyphens(text, width, lines):
    assert label_lines(text, width) == lines
