"""The web format: a static site (course home and one folder per module) that works from file://.

The home page asks the learner's role and shows their path (templates/web/static/home.js, which only the
web format ships: LMS packages have no home page)."""
from __future__ import annotations

from pathlib import Path

from course_builder.exporters import BuildContext, register
from course_builder.packaging import write_files
from course_builder.content.model import Course
from course_builder.render import script_json
from course_builder.templating import language_strings, ui_strings

WEB_STRINGS = "web/strings.yaml"  # the home page's own texts; the module pages' are player/strings.yaml
HOME_STRINGS = ("my_path", "path_progress", "optional", "status_done", "status_started", "status_not_started")
HOME_SCRIPTS = ("player/ui.js", "player/state.js", "home.js")  # in the order they run


def paths_config(course: Course, t: dict[str, str]) -> dict:
    """What home.js needs: each role's path (module ids; the optional ones), the course's modules, strings."""
    return {
        "courseId": course.settings.id,
        "modules": [m.id for m in course.modules],
        "paths": {p.role: {"label": p.label, "modules": [m.id for m in p.modules], "optional": [m.id for m in p.optional]}
                  for p in course.paths},
        "strings": {key: t[key] for key in HOME_STRINGS},
    }


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
        language = context.course.settings.language
        t = ui_strings(rendered.templates, language) | language_strings(rendered.templates, WEB_STRINGS, language)
        files.update({name: path.read_bytes() for name, path in rendered.templates.static_files("web/static").items()})
        home = rendered.templates.render(
            "web/index.html.j2",
            course=context.course,
            t=t,
            stylesheets=[name for name in rendered.static if name.endswith(".css")],
            role_page=next(iter(rendered.shared_pages), None),
            paths_json=script_json(paths_config(context.course, t)),
            home_scripts=list(HOME_SCRIPTS),
        )
        files["index.html"] = home.encode("utf-8")
        write_files(out, files)
