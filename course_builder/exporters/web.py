"""The web format: a static site (course home and one folder per module) that works from file://."""
from __future__ import annotations

from pathlib import Path

from course_builder.exporters import BuildContext, register
from course_builder.packaging import write_files
from course_builder.templating import ui_strings


@register
class WebExporter:
    name = "web"
    description = "static site in dist/web/, works from file:// and any static server"
    requires: tuple[str, ...] = ()

    def export(self, context: BuildContext, out: Path) -> None:
        rendered = context.rendered
        files = {**rendered.static, **rendered.shared_pages}
        for module in rendered.modules.values():
            files.update(module.files())
        home = rendered.templates.render(
            "web/index.html.j2",
            course=context.course,
            t=ui_strings(rendered.templates, context.course.settings.language),
            stylesheets=[name for name in rendered.static if name.endswith(".css")],
            role_page=next(iter(rendered.shared_pages), None),
        )
        files["index.html"] = home.encode("utf-8")
        write_files(out, files)
