"""Issue 23, the leader's toolkit, in real Chromium: the framework's figures on their lesson pages in every
format that shows them (and in print, and at 320 px), "Min lederrolle" printed from the web format and from a
SCORM package under scorm-again, and a reflection the learner keeps on the device never reaching the LMS."""
from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from course_builder.build import build
from tests.player.test_accessibility import AXE, axe_violations
from tests.support import module_page, module_page_in
from tests.toolkit_course import QUESTION, STATEMENT, toolkit_course

SECRET = "Min svaghed er, at jeg undgår konflikter"  # kept on the device only
SHARED = "Jeg vil tale om prioriteringer"  # sent to the LMS
FIGURE_CAPTIONS = ["Figur 1: Trekanten", "Figur 2: Hele vejen rundt", "Rollerne"]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("toolkit")
    result = build(toolkit_course(folder / "course"), folder / "dist", None)
    assert result.ok, [str(p) for p in result.problems]
    return folder / "dist"


def unpacked(package: Path, target: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    return target


def module_package(dist: Path, version: str) -> Path:
    folder = "scorm12" if version == "1.2" else "scorm2004"
    return next((dist / folder / "modules").glob("*intro*.zip"))


# ---- the figures -------------------------------------------------------------------------------

def figure_pages(dist: Path) -> dict[str, str]:
    """The intro module's lesson HTML as each format ships it."""
    pages = {"web": module_page_in(dist / "web" / "intro")}
    for name, package in [("scorm12", next((dist / "scorm12").glob("*.zip"))),
                          ("scorm12 module", module_package(dist, "1.2")),
                          ("scorm2004", next((dist / "scorm2004").glob("*.zip"))),
                          ("scorm2004 module", module_package(dist, "2004")),
                          ("imscp", next((dist / "imscp").glob("*.zip")))]:
        with zipfile.ZipFile(package) as archive:
            pages[name] = module_page({n: archive.read(n) for n in archive.namelist() if n.startswith("intro/")}, "intro")
    with zipfile.ZipFile(next((dist / "imscc").glob("*.imscc"))) as archive:
        pages["imscc"] = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                                 if n.endswith(".html") or n.endswith(".svg"))
    for backup in sorted((dist / "moodle").glob("*.mbz")):  # the course backup's SCORM activities
        with tarfile.open(backup) as tar:
            for member in tar.getmembers():
                data = tar.extractfile(member).read() if member.isfile() else b""
                if data[:2] == b"PK":
                    with zipfile.ZipFile(io.BytesIO(data)) as archive:
                        if "intro/index.html" in archive.namelist():
                            pages[f"moodle {backup.name}"] = module_page(
                                {n: archive.read(n) for n in archive.namelist() if n.startswith("intro/")}, "intro")
    return pages


def test_every_format_shows_the_figures_with_their_text_alternative(dist):
    pages = figure_pages(dist)
    assert {"web", "scorm12", "scorm12 module", "scorm2004", "scorm2004 module", "imscp", "imscc"} <= set(pages)
    assert any(name.startswith("moodle") for name in pages)
    for name, html in pages.items():
        assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3, name
        for caption in FIGURE_CAPTIONS:
            assert caption in html, (name, caption)
        assert "En trekant med fire felter, som alle ledere arbejder i." in html, name
        assert ">Lede opad</tspan>" in html and ">Personale-</tspan>" in html, name  # words drawn as text
        assert "<!--figure:" not in html, name
        assert ("<img" in html) == (name == "imscc"), name


def test_the_cartridge_ships_each_figure_as_an_svg_file_with_its_title_and_description(dist):
    """Moodle's Common Cartridge import cleans a page's HTML (backup/cc/entity11.resource.class.php:
    clean_param(..., PARAM_CLEANHTML), whose HTMLPurifier drops <svg> and leaves its words run together), so
    the cartridge's pages show each figure as an image of the SVG file beside them, which Moodle keeps."""
    from lxml import etree, html as lxml_html

    with zipfile.ZipFile(next((dist / "imscc").glob("*.imscc"))) as archive:
        names = archive.namelist()
        manifest = archive.read("imsmanifest.xml").decode("utf-8")
        page = lxml_html.fromstring(archive.read("intro/p1.html"))
        drawing = etree.fromstring(archive.read("intro/fig-trekant.svg"))
    assert {"intro/fig-trekant.svg", "intro/fig-rundt.svg", "intro/fig-roller.svg"} <= set(names)
    assert all(f'<file href="intro/fig-{f}.svg"/>' in manifest for f in ("trekant", "rundt", "roller"))
    image = page.xpath("//figure//img")[0]
    assert image.get("src") == "fig-trekant.svg" and image.get("alt") == "Figur 1: Trekanten"
    svg = "{http://www.w3.org/2000/svg}"
    assert drawing.findtext(f"{svg}title") == "Figur 1: Trekanten"
    assert drawing.findtext(f"{svg}desc") == "En trekant med fire felter, som alle ledere arbejder i."
    assert "Faglig" in [t.text for t in drawing.iter(f"{svg}tspan")]


def test_the_figures_read_at_320_px_on_screen_and_in_print(browser, dist, tmp_path):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto((dist / "web" / "intro" / "index.html").as_uri())
    page.wait_for_function("window.CoursePlayer?.nav?.current")
    figure = page.locator("#fig-trekant")
    svg = figure.locator("svg")
    assert svg.get_attribute("aria-labelledby") == "fig-trekant-cap"
    assert page.locator("#fig-trekant-desc").inner_text() == "En trekant med fire felter, som alle ledere arbejder i."
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    # the smallest words of the drawing are still at least 11 px high on a phone
    heights = svg.locator("text").evaluate_all("all => all.map(t => t.getBoundingClientRect().height)")
    assert min(heights) >= 11, heights
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    figure.screenshot(path=str(tmp_path / "figure-320.png"))
    if AXE.is_file():
        assert axe_violations(page.main_frame) == []
        page.evaluate("CoursePlayer.nav.go('p2', false)")  # two figures and a reflection
        assert axe_violations(page.main_frame) == []
    page.emulate_media(media="print")
    for step in ("p1", "p2"):
        page.evaluate("id => CoursePlayer.nav.go(id, false)", step)
        for figure in page.locator(f"#{step} figure.figure").all():
            assert figure.bounding_box()["height"] > 150
            assert figure.locator("figcaption").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    context.close()


# ---- a reflection the learner keeps on the device ----------------------------------------------

def everything_the_lms_received(h) -> str:
    """Every call the SCO made to scorm-again (arguments included) and the whole data model it holds."""
    return json.dumps(h.page.evaluate("harness.calls"), ensure_ascii=False) + json.dumps(h.cmi(), ensure_ascii=False)


def intro_on_its_reflection_page(lms, server, dist, tmp_path, version: str, name: str):
    """The intro module's SCO (SCORM `version`) under the harness, on its page with the reflection 'min-vaerdi'."""
    mount = server.mount(name, unpacked(module_package(dist, version), tmp_path / "package"))
    h = lms(version, "intro", root=mount)
    h.next()
    return h


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_reflection_kept_on_the_device_never_reaches_the_lms(lms, server, dist, tmp_path, version):
    h = intro_on_its_reflection_page(lms, server, dist, tmp_path, version, f"private-{version}")
    notice = h.at("#refl-min-vaerdi-notice")
    assert "kursusansvarlige kan læse det" in notice.inner_text()  # said before the learner writes
    h.press(h.at("#refl-min-vaerdi-private"), " ")  # the keyboard: Tab to the box, Space
    assert "kan ikke læse det" in notice.inner_text()
    h.tab_to(h.at("#refl-min-vaerdi"))
    h.page.keyboard.type(SECRET)
    h.next()
    h.tab_to(h.at("#refl-til-lederen"))
    h.page.keyboard.type(SHARED)
    h.page.keyboard.press("Tab")  # leaving the box saves it
    h.page.wait_for_timeout(200)
    h.hide()  # commits at once
    received = everything_the_lms_received(h)
    assert SHARED in received  # the shared one did go: the check below can fail
    assert SECRET not in received
    cmi = h.cmi()
    assert SECRET not in json.dumps([cmi.get("suspend_data"), cmi.get("comments"), cmi.get("comments_from_learner"),
                                     cmi.get("interactions")], ensure_ascii=False)
    h.relaunch()  # the browser keeps it, and the choice
    assert h.at("#refl-min-vaerdi").input_value() == SECRET
    assert h.at("#refl-min-vaerdi-private").is_checked()
    h.hide()
    assert SECRET not in everything_the_lms_received(h)


def test_keeping_a_sent_reflection_on_the_device_takes_it_back_from_the_lms(lms, server, dist, tmp_path):
    h = intro_on_its_reflection_page(lms, server, dist, tmp_path, "2004", "taken-back")
    h.tab_to(h.at("#refl-min-vaerdi"))
    h.page.keyboard.type(SECRET)
    h.page.keyboard.press("Tab")
    h.page.wait_for_timeout(200)
    h.hide()
    assert SECRET in json.dumps(h.cmi()["comments_from_learner"], ensure_ascii=False)
    h.press(h.at("#refl-min-vaerdi-private"), " ")
    h.page.wait_for_timeout(200)
    h.hide()
    assert SECRET not in json.dumps(h.cmi(), ensure_ascii=False)


# ---- "Min lederrolle" -----------------------------------------------------------------------------

def check_role_page(page, scope: str) -> None:
    assert scope in page.locator(".scope").inner_text()
    role = page.locator("section.role[data-role='teamleder']")
    assert role.is_visible()
    assert role.locator("blockquote").first.inner_text().strip() == STATEMENT  # word for word, as a quotation
    assert "Citeret ordret fra Ledelsesgrundlag, afsnittet Fundamentet." in role.inner_text()
    guide = page.locator(".suggestion")
    assert "Kursets forslag" in guide.inner_text() and QUESTION in guide.inner_text()
    assert page.locator("section.role[data-role='chef']").is_hidden()
    assert page.get_by_role("heading", name="Aftalte næste skridt").is_visible()
    if AXE.is_file():
        assert axe_violations(page.main_frame) == []
    page.emulate_media(media="print")
    assert page.locator("#role-choice").is_hidden() and page.locator("button.print").is_hidden()
    assert page.locator(".role-name").inner_text() == "Teamleder"
    assert role.is_visible() and page.locator(".next-steps li").count() == 5
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_min_lederrolle_prints_from_a_scorm_package(lms, server, dist, tmp_path):
    h = intro_on_its_reflection_page(lms, server, dist, tmp_path, "2004", "role-2004")
    h.tab_to(h.at("#refl-min-vaerdi"))
    h.page.keyboard.type(SHARED)
    h.frame.evaluate("CoursePlayer.nav.go('reflections', true)")
    with h.page.context.expect_page() as opened:
        h.press(h.at(".role-link"))
    role_page = opened.value
    role_page.wait_for_load_state()
    assert "scope=module" in role_page.url
    role_page.locator("#role-choice").focus()  # no role chosen in the course yet: the learner picks it here
    role_page.keyboard.press("ArrowDown")
    role_page.locator("#role-choice").select_option("teamleder")
    text = role_page.locator(".role-reflection[data-reflection='min-vaerdi'] .reflection-text")
    assert text.inner_text() == SHARED
    check_role_page(role_page, "dette moduls refleksioner og dem fra andre moduler, som denne browser har gemt")


def test_min_lederrolle_prints_from_the_web_format_with_the_learners_role(browser, dist):
    context = browser.new_context()
    page = context.new_page()
    page.goto((dist / "web" / "index.html").as_uri())
    # the role the learner chose in the course (issue 22's CoursePlayer.learnerRole keeps it under this key)
    page.evaluate("localStorage.setItem('course-player:mini-kursus:role', 'teamleder')")
    page.locator(".role-link").click()
    page.wait_for_load_state()
    assert page.locator("#role-choice").input_value() == "teamleder"
    assert page.locator(".no-reflections").is_visible()
    check_role_page(page, "alle kursets moduler")
    context.close()


def test_the_real_course_shows_the_frameworks_three_figures(page, real_course):
    """The leadership triangle, the 360° figure and the model of the roles, where the modules place them."""
    expected = {"ledelsestrekanten": "Figur 1: Ledelsestrekanten", "relationel-ledelse": "Figur 2: 360° ledelsesopgave",
                "ledelsesfokus": "Lederrollerne i Teknik og Miljø"}
    for module, caption in expected.items():
        page.goto((real_course / module / "index.html").as_uri())
        page.wait_for_function("window.CoursePlayer?.nav?.current")
        figure = page.locator("figure.figure")
        assert figure.count() == 1
        svg = figure.locator("svg[role=img]")
        assert page.locator("#" + svg.get_attribute("aria-labelledby")).inner_text() == caption
        assert len(page.locator("#" + svg.get_attribute("aria-describedby")).inner_text()) > 100
        assert figure.locator("xpath=ancestor::section").get_attribute("id") == "p1"
        if AXE.is_file():
            assert axe_violations(page.main_frame) == []
    texts = page.locator("figure.figure svg text").evaluate_all(
        "all => all.map(t => [...t.querySelectorAll('tspan')].map(line => line.textContent).join(' '))")
    assert {"Vi leder strategisk", "Vi arbejder sammen", "Vi udvikler os"} <= set(texts)
