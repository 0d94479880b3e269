"""SCORM 2004 4th Edition: objectives, mastery, rollup, what Moodle can add, and the full-sequencing variant."""
from __future__ import annotations

import shutil

import pytest
from lxml import etree

from course_builder.build import build
from tests.exporters.package_reading import MoodleCannotAdd, manifest_of, read_like_moodle, zip_files
from tests.support import FIXTURES, edit

SS = "http://www.imsglobal.org/xsd/imsss"
SEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "imsss": SS, "adlseq": SEQ}
MODULES = ["1-start", "uden-quiz", "afslutning"]


@pytest.fixture(scope="module")
def course_manifest(packaging_dist) -> etree._Element:
    return manifest_of(packaging_dist / "scorm2004/pakke-kursus.zip")


@pytest.fixture(scope="module")
def full_manifest(full_sequencing_package) -> etree._Element:
    return manifest_of(full_sequencing_package)


def item(root: etree._Element, module_id: str) -> etree._Element:
    return root.xpath(f"//cp:item[@identifier='ITEM-{module_id}']", namespaces=NS)[0]


def primary_objective(element: etree._Element) -> etree._Element:
    return element.xpath("imsss:sequencing/imsss:objectives/imsss:primaryObjective", namespaces=NS)[0]


def global_writes(element: etree._Element) -> dict[str, set[str]]:
    """global objective → what this item writes to it (satisfied, measure, completion)."""
    writes: dict[str, set[str]] = {}
    for info in element.xpath(".//imsss:mapInfo | .//adlseq:mapInfo", namespaces=NS):
        for attribute, value in info.attrib.items():
            if attribute.startswith("write") and value == "true":
                writes.setdefault(info.get("targetObjectiveID"), set()).add(attribute)
    return writes


def global_reads(element: etree._Element, objective_id: str) -> dict[str, set[str]]:
    """What one local objective reads from global objectives (defaults included: reads default to true)."""
    reads: dict[str, set[str]] = {}
    for info in element.xpath(f".//imsss:objective[@objectiveID='{objective_id}']/imsss:mapInfo"
                              f" | .//adlseq:objective[@objectiveID='{objective_id}']/adlseq:mapInfo", namespaces=NS):
        defaults = {"readSatisfiedStatus", "readNormalizedMeasure"} if info.tag == f"{{{SS}}}mapInfo" else {
            "readRawScore", "readMinScore", "readMaxScore", "readCompletionStatus", "readProgressMeasure"}
        wanted = {a for a in defaults if info.get(a, "true") == "true"}
        reads.setdefault(info.get("targetObjectiveID"), set()).update(wanted)
    return reads


def test_moodle_reads_it_as_scorm_2004_with_one_sco_per_module_in_order(packaging_dist):
    reading = read_like_moodle(zip_files(packaging_dist / "scorm2004/pakke-kursus.zip")["imsmanifest.xml"])
    assert reading.version == "SCORM_1.3"
    assert [(s.identifier, s.launch) for s in reading.scoes if s.scormtype == "sco"] == [
        (f"ITEM-{m}", f"{m}/index.html") for m in MODULES]


def test_one_primary_objective_per_module_satisfied_by_the_quiz_score(course_manifest):
    for module_id, threshold in (("1-start", "0.75"), ("uden-quiz", None), ("afslutning", "0.75")):
        objective = primary_objective(item(course_manifest, module_id))
        assert objective.get("objectiveID") == module_id
        if threshold is None:
            assert objective.get("satisfiedByMeasure") in (None, "false")
            assert objective.find(f"{{{SS}}}minNormalizedMeasure") is None
        else:
            assert objective.get("satisfiedByMeasure") == "true"
            assert objective.findtext(f"{{{SS}}}minNormalizedMeasure") == threshold


def test_moodle_can_add_every_package_the_default_build_makes(packaging_dist):
    """Moodle 4.5 dies on an objective holding imsss:mapInfo (mod/scorm/datamodels/scormlib.php, about line
    378); the default whole-course package (scorm2004.sequencing: moodle) has none, nor any global objective."""
    for package in [packaging_dist / "scorm2004/pakke-kursus.zip", *sorted(packaging_dist.glob("scorm2004/modules/*"))]:
        read_like_moodle(zip_files(package)["imsmanifest.xml"])
        root = manifest_of(package)
        assert root.xpath("//imsss:mapInfo | //adlseq:mapInfo | //adlseq:objectives | //imsss:sequencingRules",
                          namespaces=NS) == []


def test_moodle_cannot_add_the_full_sequencing_package(full_sequencing_package):
    with pytest.raises(MoodleCannotAdd, match="mapinfos"):
        read_like_moodle(zip_files(full_sequencing_package)["imsmanifest.xml"])


def test_the_default_package_keeps_flow_choice_objectives_and_rollup_that_moodle_reads(course_manifest):
    reading = read_like_moodle(etree.tostring(course_manifest))
    organization = next(s for s in reading.scoes if s.parent == "/")
    assert "IMSSS:SEQUENCING" in organization.data
    assert all("IMSSS:SEQUENCING" in s.data for s in reading.scoes if s.scormtype == "sco")
    assert course_manifest.xpath("//cp:organization/@adlseq:objectivesGlobalToSystem", namespaces=NS) == []
    assert len(course_manifest.xpath("//imsss:primaryObjective", namespaces=NS)) == len(MODULES) + 1
    assert course_manifest.xpath("//imsss:objective", namespaces=NS) == []


def test_each_module_writes_its_status_score_and_completion_to_its_own_global_objective(full_manifest):
    course_manifest = full_manifest
    for module_id in MODULES:
        writes = global_writes(item(course_manifest, module_id))
        assert writes == {f"pakke-kursus.{module_id}": {
            "writeSatisfiedStatus", "writeNormalizedMeasure", "writeCompletionStatus", "writeProgressMeasure"}}
    organization = course_manifest.xpath("//cp:organization", namespaces=NS)[0]
    assert organization.get(f"{{{SEQ}}}objectivesGlobalToSystem") == "false"


def test_a_module_is_disabled_until_the_one_before_is_completed(full_manifest):
    course_manifest = full_manifest
    assert item(course_manifest, "1-start").xpath("imsss:sequencing/imsss:sequencingRules", namespaces=NS) == []
    for before, module_id in zip(MODULES, MODULES[1:]):
        element = item(course_manifest, module_id)
        rules = element.xpath("imsss:sequencing/imsss:sequencingRules/imsss:preConditionRule", namespaces=NS)
        assert len(rules) == 1
        assert rules[0].find(f"{{{SS}}}ruleAction").get("action") == "disabled"
        conditions = rules[0].find(f"{{{SS}}}ruleConditions")
        assert conditions.get("conditionCombination") == "any"
        assert {(c.get("referencedObjective"), c.get("operator"), c.get("condition")) for c in conditions} == {
            (before, "not", "completed"), (before, "not", "activityProgressKnown")}
        # The referenced local objective reads the previous module's completion from its global objective.
        assert "readCompletionStatus" in global_reads(element, before)[f"pakke-kursus.{before}"]
        # The module's own primary objective never reads back what it wrote (a new attempt starts clean).
        assert global_reads(element, module_id) == {f"pakke-kursus.{module_id}": set()}


@pytest.mark.parametrize("variant", ["course_manifest", "full_manifest"])
def test_course_rollup_completion_satisfaction_and_score(variant, request):
    course_manifest = request.getfixturevalue(variant)
    organization = course_manifest.xpath("//cp:organization", namespaces=NS)[0]
    sequencing = organization.find(f"{{{SS}}}sequencing")
    controls = sequencing.find(f"{{{SS}}}controlMode")
    assert (controls.get("choice"), controls.get("flow")) == ("true", "true")
    rules = {(r.get("childActivitySet"), c.get("operator"), c.get("condition"), r.find(f"{{{SS}}}rollupAction").get("action"))
             for r in sequencing.iter(f"{{{SS}}}rollupRule") for c in r.iter(f"{{{SS}}}rollupCondition")}
    assert rules == {("all", None, "satisfied", "satisfied"), ("all", None, "objectiveStatusKnown", "notSatisfied"),
                     ("all", None, "completed", "completed"), ("all", None, "activityProgressKnown", "incomplete")}
    weights = {m: item(course_manifest, m).find(f"{{{SS}}}sequencing/{{{SS}}}rollupRules") for m in MODULES}
    # The course score averages the quiz modules only; a module without quiz neither passes nor fails the course.
    assert {m: (w.get("objectiveMeasureWeight"), w.get("rollupObjectiveSatisfied", "true")) for m, w in weights.items()} == {
        "1-start": ("1", "true"), "uden-quiz": ("0", "false"), "afslutning": ("1", "true")}


def test_scos_report_their_own_status(course_manifest, packaging_dist):
    module_manifest = manifest_of(packaging_dist / "scorm2004/modules/01-1-start.zip")
    for root in (course_manifest, module_manifest):
        for controls in root.iter(f"{{{SS}}}deliveryControls"):
            assert (controls.get("completionSetByContent"), controls.get("objectiveSetByContent")) == ("true", "true")


def test_module_packages_carry_mastery_but_no_rules_or_global_objectives(packaging_dist):
    for name in ("01-1-start", "02-uden-quiz", "03-afslutning"):
        root = manifest_of(packaging_dist / f"scorm2004/modules/{name}.zip")
        assert root.xpath("//imsss:sequencingRules | //imsss:mapInfo | //adlseq:objectives", namespaces=NS) == []
        satisfied_by_measure = primary_objective(root.xpath("//cp:item", namespaces=NS)[0]).get("satisfiedByMeasure")
        assert satisfied_by_measure == (None if name == "02-uden-quiz" else "true")


def test_the_old_boolean_setting_is_a_problem_naming_the_choices(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "packaging", course)
    edit(course / "course.yaml", "  sequencing: moodle", "  sequencing: true")
    result = build(course, tmp_path / "dist", ["scorm2004"])
    assert not result.ok
    assert any("scorm2004.sequencing" in p.display() and "moodle, full-sequencing" in p.display()
               for p in result.problems)
    assert not (tmp_path / "dist").exists()
