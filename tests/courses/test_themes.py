"""Themes by blocks: a course's template extends the built-in one ("tool:…") and overrides single blocks.

The harbour fixture course (tests/fixtures/harbour) overrides three blocks of templates/player/module.html.j2:
head (its colours, after the tool's stylesheets), header (a logo before the tool's header) and footer (a line
after the tool's footer). The page it gets must be the tool's page with those three additions and nothing else.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from course_builder.build import build
from tests.support import FIXTURES

HARBOUR = FIXTURES / "harbour"
ADDITIONS = (
    '<style>:root { --accent: #0b4f6c; --focus: #f4a259; }</style>\n',
    '<p class="harbour-logo"><svg role="img" aria-label="Harbour Authority" width="40" height="40" '
    'viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#0b4f6c"/></svg></p>\n',
    '<p class="harbour-footer">Questions about the course: the people team, extension 4100.</p>\n',
)


def _module_page(course: Path, out: Path) -> str:
    result = build(course, out, ["web"])
    assert result.ok, result.problems
    return (out / "web" / "welcome" / "index.html").read_text(encoding="utf-8")


def test_a_course_overrides_blocks_and_keeps_the_rest_of_the_tools_template(tmp_path):
    unthemed = tmp_path / "unthemed"
    shutil.copytree(HARBOUR, unthemed)
    shutil.rmtree(unthemed / "templates")
    tools_page = _module_page(unthemed, tmp_path / "plain")
    themed_page = _module_page(HARBOUR, tmp_path / "themed")

    for addition in ADDITIONS:
        assert themed_page.count(addition) == 1, addition
        assert addition not in tools_page
    # where each block's addition goes: after the stylesheets, before the header, after the footer
    assert themed_page.index("player.css") < themed_page.index(ADDITIONS[0]) < themed_page.index("</head>")
    assert themed_page.index(ADDITIONS[1]) < themed_page.index('<header class="top">')
    assert themed_page.index("</footer>") < themed_page.index(ADDITIONS[2]) < themed_page.index('id="player-config"')
    without_additions = themed_page
    for addition in ADDITIONS:
        without_additions = without_additions.replace(addition, "", 1)
    assert without_additions == tools_page, "the rest of the page is the tool's template, unchanged"


def test_a_fix_in_the_tools_template_reaches_a_themed_course(tmp_path, monkeypatch):
    """The course copied no markup: what the tool's template says outside the overridden blocks shows up."""
    import course_builder.templating as templating

    tools = tmp_path / "tool-templates"
    shutil.copytree(templating.BUILTIN_TEMPLATES, tools)
    module_template = tools / "player" / "module.html.j2"
    text = module_template.read_text(encoding="utf-8")
    module_template.write_text(text.replace('<a class="skip"', '<a data-fixed="yes" class="skip"'), encoding="utf-8")
    monkeypatch.setattr(templating, "BUILTIN_TEMPLATES", tools)
    page = _module_page(HARBOUR, tmp_path / "out")
    assert '<a data-fixed="yes" class="skip"' in page
    assert ADDITIONS[2] in page


def test_a_mistake_in_a_block_override_names_the_courses_file_and_line(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(HARBOUR, course)
    template = course / "templates" / "player" / "module.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("{{ super() -}}\n<p class=\"harbour-footer\">",
                                                                   "{{ super() -}}\n{{ no_such_value }}\n<p>"),
                        encoding="utf-8")
    result = build(course, tmp_path / "out", ["web"])
    assert not result.ok
    assert [str(p.display(course)) for p in result.problems if p.is_error] == [
        "templates/player/module.html.j2:13: template error: 'no_such_value' is undefined. Fix the template, or delete "
        "it to use the built-in one."]
