"""The report page: one self-contained file, in Danish, readable without anything from outside."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from course_builder.content import load_course
from course_builder.report.pipeline import analyse_exports
from course_builder.report.writer import report_files
from tests.report import scenario
from tests.support import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    course = load_course(scenario.COURSE).course
    analysis, _ = analyse_exports(scenario.write_downloads(folder / "downloads"), course)
    (folder / "index.html").write_bytes(report_files(analysis, course)["index.html"])
    return folder / "index.html"


def test_the_page_is_self_contained(page_file):
    document = html.fromstring(page_file.read_bytes())
    assert document.get("lang") == "da"
    assert not document.xpath("//script | //link | //iframe | //img | //object | //embed")
    references = document.xpath("//@src | //@href | //@srcset | //@action")
    assert references and all(value.startswith("#") for value in references)
    assert "url(" not in page_file.read_text(encoding="utf-8")
    assert len(document.xpath("//*[local-name()='svg']")) >= 4


def test_the_page_shows_the_follow_up_and_the_analysis(page_file):
    document = html.fromstring(page_file.read_bytes())
    follow_up = document.get_element_by_id("opfoelgning").text_content()
    for name in ("Dorte Dam", "Bo Berg", "Cai Clausen", "Eva Eriksen", "Frank Friis"):
        assert name in follow_up
    assert "Anna Andersen" not in follow_up
    hardest = document.get_element_by_id("svaere")
    first_row = hardest.xpath(".//tbody/tr")[0].text_content()
    assert "Hvad er vores mission?" in first_row and "25 % af 4" in first_row and "At spare penge" in first_row
    assert "Matrix- og projektorganisering" in hardest.text_content()


@pytest.mark.skipif(not AXE.is_file(), reason="npm ci has not been run")
def test_the_page_has_no_accessibility_violations(page, page_file):
    page.goto(page_file.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]] == []
