"""The preview's web server: the LMS shell, the built course, and the JSON API the shell's runtime calls.

Standard library only (http.server), bound to 127.0.0.1 and nothing else. It answers only requests
addressed to itself by name (127.0.0.1 or localhost with its port), and takes JSON posts only, so a
web page elsewhere cannot drive it.

    GET  /                              the shell
    GET  /shell/<file>                  the shell's script and style (templates/preview/static)
    GET  /course/<path>                 the last good build
    GET  /course/<package>.zip/<path>   a file inside one of its packages (the SCOs are launched from there)
    GET  /api/state?learner=ID&version=V     course, learners, module statuses, build status
    GET  /api/build?since=N             waits (up to 20 s) for a build newer than N
    GET  /api/sessions/<id>             what the side panel shows
    POST /api/learners {name?}          a new learner
    POST /api/launch {learner, module, version, mode}
    POST /api/sessions/<id>/call {method, arguments}  one SCORM API call
    POST /api/reset {learner, module, version}
"""
from __future__ import annotations

import json
import mimetypes
import posixpath
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2

from course_builder.preview.lms import LmsError, PreviewLms
from course_builder.preview.packages import read_member
from course_builder.strings import choose_language, in_language, merged_table, table_languages
from course_builder.templating import BUILTIN_TEMPLATES

HOST = "127.0.0.1"
SHELL_TEMPLATES = BUILTIN_TEMPLATES / "preview"
LONG_POLL_SECONDS = 20.0
MAX_BODY = 1024 * 1024  # suspend_data of 64,000 characters and then some


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, lms: PreviewLms, port: int = 0, learner_name: str | None = None, language: str | None = None):
        """learner_name: the learner the shell starts with (default: the shell's default_learner text);
        language: the shell's language (default: the course's, else the locale's, else English)."""
        self.lms = lms
        self.language = language
        self.shell = _ShellTemplates(lms.builds.source)
        self.default_learner = lms.store.learner(learner_name or self.texts()["default_learner"])
        super().__init__((HOST, port), PreviewRequestHandler)

    def shell_language(self) -> str:
        course = self.lms.course
        return choose_language(self.language, course.settings.language if course else None,
                               table_languages(self.shell.strings))

    def texts(self) -> dict[str, str]:
        return self.shell.texts(self.shell_language())

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def handle_error(self, request, client_address) -> None:
        """A browser that goes away mid-answer (a reload during a long poll) is not an error."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    def serve_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, name="preview-server", daemon=True)
        thread.start()
        return thread


class _ShellTemplates:
    def __init__(self, course_root: Path):
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(SHELL_TEMPLATES)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        own = course_root / "templates" / "preview" / "strings.yaml"  # a course extends or overrides the shell's texts
        self.strings = merged_table([SHELL_TEMPLATES / "strings.yaml", *([own] if own.is_file() else [])])

    def texts(self, language: str) -> dict[str, str]:
        return in_language(self.strings, language)

    def page(self, language: str, title: str, learner_id: int) -> str:
        texts = self.texts(language)
        return self.environment.get_template("shell.html.j2").render(
            language=language, title=title, learner_id=learner_id, t=texts, strings_json=_script_json(texts))


class PreviewRequestHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms wait per synchronous API call

    # ---------------------------------------------------------------- dispatch

    def do_GET(self) -> None:
        if not self._addressed_to_us():
            return
        path, query = self._route()
        lms = self.server.lms
        try:
            if path == "/":
                course = lms.course
                language = self.server.shell_language()
                title = course.settings.title if course else "course-builder preview"
                self._send(HTTPStatus.OK, self.server.shell.page(language, title, self.server.default_learner.id).encode(), "text/html; charset=utf-8")
            elif path.startswith("/shell/"):
                self._send_file(SHELL_TEMPLATES / "static", path[len("/shell/"):])
            elif path.startswith("/course/"):
                folder = lms.builds.status.folder
                if folder is None:
                    self._send_json(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "no good build yet"})
                elif ".zip/" in path:
                    self._send_packaged(folder, path[len("/course/"):])
                else:
                    self._send_file(folder, path[len("/course/"):])
            elif path == "/api/state":
                self._send_json(HTTPStatus.OK, self._state(query))
            elif path == "/api/build":
                since = int(query.get("since", "0") or 0)
                status = lms.builds.wait(since, LONG_POLL_SECONDS)
                self._send_json(HTTPStatus.OK, status.as_json())
            elif path.startswith("/api/sessions/"):
                self._send_json(HTTPStatus.OK, lms.panel(path.rsplit("/", 1)[1]))
            else:
                self._send_json(HTTPStatus.NOT_FOUND, {"error": f"nothing at {path}"})
        except (LmsError, ValueError) as error:
            self._send_json(HTTPStatus.BAD_REQUEST, {"error": str(error)})

    def do_POST(self) -> None:
        if not self._addressed_to_us():
            return
        path, _ = self._route()
        lms = self.server.lms
        try:
            body = self._json_body()
            if path == "/api/learners":
                learner = lms.store.learner(body["name"]) if body.get("name") else lms.store.new_learner(self.server.texts()["default_learner"])
                self._send_json(HTTPStatus.OK, {"id": learner.id, "name": learner.name})
            elif path == "/api/launch":
                learner = lms.learner(int(body["learner"]))
                self._send_json(HTTPStatus.OK, lms.launch(learner, str(body["module"]), str(body["version"]),
                                                          str(body.get("mode", "normal"))))
            elif path.startswith("/api/sessions/") and path.endswith("/call"):
                session_id = path.split("/")[3]
                answer = lms.call(session_id, str(body["method"]), list(body.get("arguments", [])))
                self._send_json(HTTPStatus.OK, {"result": answer.result, "error": str(answer.error),
                                                "diagnostic": answer.diagnostic})
            elif path == "/api/reset":
                lms.reset(lms.learner(int(body["learner"])), str(body["module"]), str(body["version"]))
                self._send_json(HTTPStatus.OK, {"reset": True})
            else:
                self._send_json(HTTPStatus.NOT_FOUND, {"error": f"nothing at {path}"})
        except _BadRequest as error:
            self._send_json(error.status, {"error": str(error)})
        except (LmsError, ValueError, KeyError, TypeError) as error:
            self._send_json(HTTPStatus.BAD_REQUEST, {"error": f"bad request: {error}"})

    # ---------------------------------------------------------------- the API's answers

    def _state(self, query: dict[str, str]) -> dict:
        lms = self.server.lms
        learner = lms.learner(int(query["learner"])) if query.get("learner") else self.server.default_learner
        scorm_version = query.get("version") or "1.2"
        course = lms.course
        return {
            "course": {"id": course.settings.id, "title": course.settings.title} if course else None,
            "learner": {"id": learner.id, "name": learner.name},
            "learners": [{"id": l.id, "name": l.name} for l in lms.store.learners()],
            "version": scorm_version,
            "modules": lms.modules(learner, scorm_version),
            "build": lms.builds.status.as_json(),
        }

    # ---------------------------------------------------------------- plumbing

    def _addressed_to_us(self) -> bool:
        """Refuses requests for another host name (a DNS-rebinding page cannot reach the API)."""
        allowed = {f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"}
        if self.headers.get("Host", "") not in allowed:
            self._send_json(HTTPStatus.FORBIDDEN, {"error": "the preview answers requests for 127.0.0.1 only"})
            return False
        return True

    def _route(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        return unquote(parts.path), query

    def _json_body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True  # the unread body must not be taken for the next request
            raise _BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
        data = self.rfile.read(length)
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            raise _BadRequest(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (Content-Type: application/json)")
        try:
            body = json.loads(data or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise _BadRequest(HTTPStatus.BAD_REQUEST, f"not JSON: {error}") from None
        if not isinstance(body, dict):
            raise _BadRequest(HTTPStatus.BAD_REQUEST, "send a JSON object")
        return body

    def _send_file(self, folder: Path, relative: str) -> None:
        clean = posixpath.normpath("/" + relative).lstrip("/")
        target = (folder / clean).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(folder.resolve()) or not target.is_file():
            self._send_json(HTTPStatus.NOT_FOUND, {"error": f"no file {relative}"})
            return
        self._send(HTTPStatus.OK, target.read_bytes(), _content_type(target.name))

    def _send_packaged(self, folder: Path, relative: str) -> None:
        data = read_member(folder, relative)
        if data is None:
            self._send_json(HTTPStatus.NOT_FOUND, {"error": f"no file {relative}"})
            return
        self._send(HTTPStatus.OK, data, _content_type(relative))

    def _send_json(self, status: HTTPStatus, value) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:
        """Quiet: an editor's terminal shows build problems, not every request."""


class _BadRequest(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status


def _content_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
        kind += "; charset=utf-8"
    return kind


def _script_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
