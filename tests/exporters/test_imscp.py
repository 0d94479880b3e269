"""IMS Content Package 1.1.4: a reading-only course for Moodle's IMS content package resource."""
from __future__ import annotations

from xml.dom import minidom

from tests.exporters.package_reading import manifest_of, unpack, zip_files


def test_no_scorm_in_a_content_package(packaging_dist):
    files = zip_files(packaging_dist / "imscp/pakke-kursus.zip")
    manifest = files["imsmanifest.xml"].decode("utf-8")
    assert "adlnet.org" not in manifest and "imsss" not in manifest and "scormType" not in manifest
    root = manifest_of(packaging_dist / "imscp/pakke-kursus.zip")
    assert root.findtext("{*}metadata/{*}schema") == "IMS Content"
    assert root.findtext("{*}metadata/{*}schemaversion") == "1.1.4"


def test_moodle_lists_one_page_per_module_in_course_order(packaging_dist):
    """As mod/imscp/locallib.php reads it: DOM elements by (unprefixed) tag name, default organization."""
    files = zip_files(packaging_dist / "imscp/pakke-kursus.zip")
    dom = minidom.parseString(files["imsmanifest.xml"])
    default = dom.getElementsByTagName("organizations")[0].getAttribute("default")
    organization = next(o for o in dom.getElementsByTagName("organization") if o.getAttribute("identifier") == default)
    hrefs = {r.getAttribute("identifier"): r.getAttribute("href") for r in dom.getElementsByTagName("resource")}
    pages = [(i.getElementsByTagName("title")[0].firstChild.data, hrefs[i.getAttribute("identifierref")])
             for i in organization.childNodes if i.nodeName == "item"]
    assert pages == [("Start & mål", "1-start/index.html"), ("Uden quiz", "uden-quiz/index.html"),
                     ("Afslutning", "afslutning/index.html")]
    assert all(href in files for _, href in pages)


def test_unpacked_module_pages_work_without_an_lms(packaging_dist, tmp_path, page):
    """Moodle's IMS CP resource shows the pages with no SCORM API: the player runs on its own."""
    folder = unpack(packaging_dist / "imscp/pakke-kursus.zip", tmp_path / "cp")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for module_id, first_page in (("1-start", "Velkommen"), ("uden-quiz", "Læs"), ("afslutning", "Opsamling")):
        page.goto((folder / module_id / "index.html").as_uri())
        assert page.get_by_role("heading", name=first_page, level=2).is_visible()
    assert errors == []
    assert [url for url in requests if not url.startswith(folder.as_uri())] == []
