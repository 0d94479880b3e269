"""SCORM 2004 4th Edition: the whole course as one package, and one package per module.

The whole-course package's sequencing (simple sequencing, IMS SS 1.0 with ADL's 4th Edition extensions)
comes in two forms, chosen by `scorm2004.sequencing` in course.yaml:
- `moodle` (the default): what Moodle 4.5's manifest parser can read. Flow and choice navigation, one
  primary objective per module (satisfied by measure, the quiz score against the mastery score, when the
  module has a quiz), and the rollup: the course is completed when every module is, satisfied when every
  module with a quiz is (not satisfied when each has a result and one of them failed), and its score is the
  average of the quiz modules' scores. No objective maps: Moodle 4.5 cannot add a package whose objective
  holds an `imsss:mapInfo` (mod/scorm/datamodels/scormlib.php assigns `mapinfos` to an undefined
  `$objectivesdata` and dies).
- `full-sequencing`: for LMSs that run SCORM 2004 sequencing in full (Moodle 4.5 refuses it). On top of
  the above, each module writes its status, score and completion to a global objective of the course, and a
  module is disabled until the one before it is completed, read from that module's global objective (4th
  Edition shares completion through `adlseq:mapInfo`).
Nothing in a SCO depends on sequencing: an LMS that ignores it still launches and tracks every module.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from course_builder.content.model import Course, Module
from course_builder.exporters import BuildContext, register
from course_builder.manifest import (
    ADLCP_NS, ADLNAV_NS, ADLSEQ_NS, IMSCP_NS, IMSSS_NS, LOM_NS, Dialect, Sco, course_manifest, course_scos, ieee_lom,
    module_manifest, module_sco, package_zip, sub, write_packages,
)
from course_builder.render import Rendered

FULL_SEQUENCING = "full-sequencing"  # scorm2004.sequencing in course.yaml; the default is "moodle"

SCORM2004 = Dialect(
    namespace=IMSCP_NS,
    prefixes={"adlcp": ADLCP_NS, "adlseq": ADLSEQ_NS, "adlnav": ADLNAV_NS, "imsss": IMSSS_NS, "lom": LOM_NS},
    schema="ADL SCORM",
    schemaversion="2004 4th Edition",
    lom=ieee_lom,
    scorm_type=f"{{{ADLCP_NS}}}scormType",
)


def ss(name: str) -> str:
    return f"{{{IMSSS_NS}}}{name}"


def seq(name: str) -> str:
    return f"{{{ADLSEQ_NS}}}{name}"


def course_package(rendered: Rendered) -> bytes:
    course = rendered.course
    scos = course_scos(rendered)
    tree = course_manifest(SCORM2004, course, scos)
    if course.settings.scorm2004_sequencing == FULL_SEQUENCING:
        # Global objectives belong to this course only, not to every course of the learner.
        tree.organization.set(seq("objectivesGlobalToSystem"), "false")
    previous: Sco | None = None
    for sco in scos:
        _module_sequencing(tree.items[sco.module.id], sco, course, previous)
        previous = sco
    _course_sequencing(tree.organization, course)
    return package_zip(tree, scos, rendered.deflated)


def module_package(rendered: Rendered, module: Module) -> bytes:
    """One module as a SCORM 2004 package: its mastery as the objective's measure, no rules."""
    sco = module_sco(rendered, module)
    tree = module_manifest(SCORM2004, rendered.course, sco)
    sequencing = sub(tree.items[module.id], ss("sequencing"))
    _objectives(sequencing, sco)
    _delivery_controls(sequencing)
    return package_zip(tree, [sco], rendered.deflated)


def global_objective(course: Course, sco: Sco) -> str:
    """The course-wide objective one module's status is written to (scoped to the course, see above)."""
    return f"{course.settings.id}.{sco.module.id}"


def _module_sequencing(item: etree._Element, sco: Sco, course: Course, previous: Sco | None) -> None:
    full = course.settings.scorm2004_sequencing == FULL_SEQUENCING
    sequencing = sub(item, ss("sequencing"))
    if full and previous is not None:
        _disabled_until_completed(sequencing, previous)
    if sco.mastery_score is None:
        # Without a quiz a module has no score to average and no pass or fail to roll up.
        sub(sequencing, ss("rollupRules"), rollupObjectiveSatisfied="false", objectiveMeasureWeight="0")
    else:
        sub(sequencing, ss("rollupRules"), objectiveMeasureWeight="1")
    objectives = _objectives(sequencing, sco)
    if full:
        _global_objective_maps(objectives, sco, course, previous)
    _delivery_controls(sequencing)
    if full:
        _shared_completion(sequencing, sco, course, previous)


def _global_objective_maps(objectives: etree._Element, sco: Sco, course: Course, previous: Sco | None) -> None:
    """The module's status and score written to its global objective; the previous module's read back."""
    sub(objectives[0], ss("mapInfo"), targetObjectiveID=global_objective(course, sco),
        readSatisfiedStatus="false", readNormalizedMeasure="false",
        writeSatisfiedStatus="true", writeNormalizedMeasure="true")
    if previous is not None:
        sub(objectives, ss("objective"), objectiveID=previous.module.id)


def _shared_completion(sequencing: etree._Element, sco: Sco, course: Course, previous: Sco | None) -> None:
    """4th Edition: the module's completion written to its global objective, the previous module's read."""
    shared = sub(sequencing, seq("objectives"))
    own = sub(shared, seq("objective"), objectiveID=sco.module.id)
    sub(own, seq("mapInfo"), targetObjectiveID=global_objective(course, sco),
        readRawScore="false", readMinScore="false", readMaxScore="false",
        readCompletionStatus="false", readProgressMeasure="false",
        writeCompletionStatus="true", writeProgressMeasure="true")
    if previous is not None:
        watched = sub(shared, seq("objective"), objectiveID=previous.module.id)
        sub(watched, seq("mapInfo"), targetObjectiveID=global_objective(course, previous),
            readRawScore="false", readMinScore="false", readMaxScore="false",
            readCompletionStatus="true", readProgressMeasure="false")


def _disabled_until_completed(sequencing: etree._Element, previous: Sco) -> None:
    """A precondition: disabled while the previous module is not known to be completed."""
    rule = sub(sub(sequencing, ss("sequencingRules")), ss("preConditionRule"))
    conditions = sub(rule, ss("ruleConditions"), conditionCombination="any")
    sub(conditions, ss("ruleCondition"), referencedObjective=previous.module.id, operator="not", condition="completed")
    sub(conditions, ss("ruleCondition"), referencedObjective=previous.module.id, operator="not",
        condition="activityProgressKnown")
    sub(rule, ss("ruleAction"), action="disabled")


def _objectives(sequencing: etree._Element, sco: Sco) -> etree._Element:
    """The module's primary objective: satisfied when the quiz score reaches the mastery score."""
    objectives = sub(sequencing, ss("objectives"))
    if sco.mastery_score is None:
        sub(objectives, ss("primaryObjective"), objectiveID=sco.module.id)
    else:
        primary = sub(objectives, ss("primaryObjective"), objectiveID=sco.module.id, satisfiedByMeasure="true")
        sub(primary, ss("minNormalizedMeasure"), sco.scaled_mastery)
    return objectives


def _delivery_controls(sequencing: etree._Element) -> None:
    # The SCO reports its own status: the LMS must not mark it completed or passed just for being left.
    sub(sequencing, ss("deliveryControls"), completionSetByContent="true", objectiveSetByContent="true")


def _course_sequencing(organization: etree._Element, course: Course) -> None:
    sequencing = sub(organization, ss("sequencing"))
    sub(sequencing, ss("controlMode"), choice="true", flow="true")
    rollup = sub(sequencing, ss("rollupRules"), rollupObjectiveSatisfied="true", rollupProgressCompletion="true")
    # The default rules of SCORM 2004 (SN RB.1.2, RB.1.3), written out for LMSs that need them spelt:
    # a verdict only once every contributing module has one.
    for condition, action in (("satisfied", "satisfied"), ("objectiveStatusKnown", "notSatisfied"),
                              ("completed", "completed"), ("activityProgressKnown", "incomplete")):
        rule = sub(rollup, ss("rollupRule"), childActivitySet="all")
        sub(sub(rule, ss("rollupConditions")), ss("rollupCondition"), condition=condition)
        sub(rule, ss("rollupAction"), action=action)
    objectives = sub(sequencing, ss("objectives"))
    sub(objectives, ss("primaryObjective"), objectiveID=course.settings.id)


@register
class Scorm2004Exporter:
    name = "scorm2004"
    description = ("SCORM 2004 4th Edition: dist/scorm2004/<course-id>.zip and one package per module "
                   "in dist/scorm2004/modules/")
    requires: tuple[str, ...] = ()

    def export(self, context: BuildContext, out: Path) -> None:
        write_packages(context.rendered, out, course_package, module_package)
