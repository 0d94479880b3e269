"""IMS Content Package 1.1.4: a reading-only course for Moodle's IMS content package resource."""
from __future__ import annotations

from xml.dom import minidom

from tests.exporters.package_reading import manifest_of, zip_files


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
