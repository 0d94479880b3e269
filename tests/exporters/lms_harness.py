"""A minimal LMS for browser tests: scorm-again in a parent page, a SCO unpacked from a package in a frame.

Everything is answered by Playwright's request routing from local files (no server, no network): the
harness page, scorm-again from node_modules, and the files of the unpacked package. Any other request
is refused and recorded, so a SCO that loads something from outside its package is caught.
"""
from __future__ import annotations

import mimetypes
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

from tests.support import REPO

ORIGIN = "http://lms.test"
HARNESS = Path(__file__).resolve().parent / "harness" / "lms.html"
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"
RUNTIME = {"1.2": "scorm12.js", "2004": "scorm2004.js"}


def unpack(package: Path, folder: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    return folder


class TestLms:
    __test__ = False  # not a test class

    def __init__(self, page, package_folder: Path, version: str):
        self.page = page
        self.folder = package_folder.resolve()
        self.version = version
        self.refused: list[str] = []
        runtime = SCORM_AGAIN / RUNTIME[version]
        if not runtime.is_file():
            raise FileNotFoundError(f"{runtime} missing: run `npm ci` (or `make test-deps`)")
        self.runtime = runtime
        page.route("**/*", self._answer)

    def launch(self, href: str, mastery_score: int | None) -> None:
        query = urlencode({"version": self.version, "launch": href, "mastery": mastery_score or ""})
        self.page.goto(f"{ORIGIN}/lms.html?{query}")

    @property
    def sco(self):
        return self.page.frame_locator("#sco")

    def calls(self) -> list[list]:
        return self.page.evaluate("window.lmsCalls")

    def value(self, element: str) -> str:
        return self.page.evaluate("element => window.lmsValue(element)", element)

    def _answer(self, route) -> None:
        url = urlsplit(route.request.url)
        path = unquote(url.path)
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            self.refused.append(route.request.url)
            route.abort()
        elif path == "/lms.html":
            route.fulfill(path=str(HARNESS), content_type="text/html; charset=utf-8")
        elif path == "/scorm-again.js":
            route.fulfill(path=str(self.runtime), content_type="text/javascript")
        elif path.startswith("/package/") and self._inside(path[len("/package/"):]):
            target = self.folder / path[len("/package/"):]
            route.fulfill(path=str(target), content_type=mimetypes.guess_type(target.name)[0] or "application/octet-stream")
        else:
            route.fulfill(status=404, body="not in the package")

    def _inside(self, relative: str) -> bool:
        target = (self.folder / relative).resolve()
        return target.is_file() and self.folder in target.parents
