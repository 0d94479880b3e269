"""IMS Content Packaging 1.1.4: the course for reading only, for Moodle's "IMS content package" resource.

One item and one web-content resource per module, no tracking: without an LMS API the player keeps
the learner's place and answers in the browser, as in the web format.
"""
from __future__ import annotations

from pathlib import Path

from course_builder.exporters import BuildContext, register
from course_builder.manifest import IMSCP_NS, LOM_NS, Dialect, course_manifest, course_scos, ieee_lom, package_zip
from course_builder.render import Rendered

IMSCP = Dialect(
    namespace=IMSCP_NS,
    prefixes={"lom": LOM_NS},
    schema="IMS Content",
    schemaversion="1.1.4",
    lom=ieee_lom,
    scorm_type=None,
)


def course_package(rendered: Rendered) -> bytes:
    scos = course_scos(rendered)
    return package_zip(course_manifest(IMSCP, rendered.course, scos), scos, rendered.deflated)


@register
class ImsCpExporter:
    name = "imscp"
    description = "IMS Content Package 1.1.4 (reading only, no tracking): dist/imscp/<course-id>.zip"
    requires: tuple[str, ...] = ()

    def export(self, context: BuildContext, out: Path) -> None:
        (out / f"{context.course.settings.id}.zip").write_bytes(course_package(context.rendered))
