"""The SCOs as an LMS gets them: unpacked from the built zips and launched under scorm-again in Chromium."""
from __future__ import annotations

import pytest

from tests.exporters.lms_harness import TestLms, unpack
from tests.exporters.package_reading import by_local_name, manifest_of

STATUS = {"1.2": ("LMSSetValue", "cmi.core.lesson_status"), "2004": ("SetValue", "cmi.completion_status")}
INITIALIZE = {"1.2": "LMSInitialize", "2004": "Initialize"}


def scos_of(package) -> list[tuple[str, int | None]]:
    """(launch, mastery score in percent) of every SCO, as an LMS reads them from the manifest."""
    root = manifest_of(package)
    launches = {r.get("identifier"): r.get("href") for r in by_local_name(root, "resource")}
    found = []
    for item in by_local_name(root, "item"):
        scaled = item.findtext("{*}sequencing/{*}objectives/{*}primaryObjective/{*}minNormalizedMeasure")
        percent = item.findtext("{*}masteryscore") or (str(round(float(scaled) * 100)) if scaled else None)
        found.append((launches[item.get("identifierref")], int(percent) if percent else None))
    return found


@pytest.mark.xfail(strict=True, reason="the foundation player has no LMS adapter yet; it comes with branch player")
@pytest.mark.parametrize("package_path, version", [
    ("scorm12/pakke-kursus.zip", "1.2"),
    ("scorm12/modules/02-uden-quiz.zip", "1.2"),
    ("scorm2004/pakke-kursus.zip", "2004"),
])
def test_every_packaged_sco_initialises_and_reports_its_status(packaging_dist, tmp_path, page, package_path, version):
    package = packaging_dist / package_path
    folder = unpack(package, tmp_path / "unpacked")
    lms = TestLms(page, folder, version)
    scos = scos_of(package)
    assert scos
    for launch, mastery in scos:
        lms.launch(launch, mastery)
        page.wait_for_function(f"window.lmsCalls.some(c => c[0] === '{INITIALIZE[version]}')", timeout=5000)
        setter, element = STATUS[version]
        page.wait_for_function(f"window.lmsCalls.some(c => c[0] === '{setter}' && c[1] === '{element}')", timeout=5000)
        assert lms.value(element) in ("incomplete", "completed", "passed", "failed")
    assert lms.refused == []
