"""SCORM 1.2: the whole course as one package (one SCO per module), and one package per module.

The per-module packages are the route for Moodle: one SCORM activity per module, each required for
course completion, with Moodle's Interactions report working for HR's item analysis.
"""
from __future__ import annotations

from pathlib import Path

from course_builder.content.model import Module
from course_builder.exporters import BuildContext, register
from course_builder.manifest import (
    ADLCP12_NS, IMSCP12_NS, IMSMD12_NS, Dialect, ManifestTree, Sco, course_manifest, course_scos, imsmd_lom,
    module_manifest, module_sco, package_zip, sub, write_packages,
)
from course_builder.render import Rendered

SCORM12 = Dialect(
    namespace=IMSCP12_NS,
    prefixes={"adlcp": ADLCP12_NS, "imsmd": IMSMD12_NS},
    schema="ADL SCORM",
    schemaversion="1.2",
    lom=imsmd_lom,
    scorm_type=f"{{{ADLCP12_NS}}}scormtype",
)


def course_package(rendered: Rendered) -> bytes:
    scos = course_scos(rendered)
    return _package(course_manifest(SCORM12, rendered.course, scos), scos, rendered)


def module_package(context_or_rendered: BuildContext | Rendered, module: Module | str, include_quiz: bool = True) -> bytes:
    """One module as a SCORM 1.2 package, the bytes of dist/scorm12/modules/NN-<module-id>.zip.

    Without the quiz (include_quiz=False: the course backup's native mode, where the quiz comes from
    Moodle's question bank) the SCO shows the lessons only, has no mastery score and reports `completed`.
    """
    rendered = context_or_rendered.rendered if isinstance(context_or_rendered, BuildContext) else context_or_rendered
    sco = module_sco(rendered, _module(rendered, module), include_quiz)
    return _package(module_manifest(SCORM12, rendered.course, sco), [sco], rendered)


def _package(tree: ManifestTree, scos: list[Sco], rendered: Rendered) -> bytes:
    for sco in scos:
        if sco.mastery_score is not None:
            sub(tree.items[sco.module.id], f"{{{ADLCP12_NS}}}masteryscore", str(sco.mastery_score))
    return package_zip(tree, scos, rendered.deflated)


def _module(rendered: Rendered, module: Module | str) -> Module:
    found = rendered.course.module(module) if isinstance(module, str) else module
    if found is None:
        raise KeyError(f"no module {module!r} in the course")
    return found


@register
class Scorm12Exporter:
    name = "scorm12"
    description = "SCORM 1.2: dist/scorm12/<course-id>.zip and one package per module in dist/scorm12/modules/"
    requires: tuple[str, ...] = ()

    def export(self, context: BuildContext, out: Path) -> None:
        write_packages(context.rendered, out, course_package, module_package)
