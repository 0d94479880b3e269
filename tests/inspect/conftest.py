"""Running inspect in a sandbox that proves it wrote nothing, and a local server that counts requests."""
from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from course_builder.cli import main


@dataclass
class Run:
    status: int
    out: str
    err: str


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(path): (path.lstat().st_size, path.lstat().st_mtime_ns) for path in root.rglob("*")}


@pytest.fixture
def inspect_sandboxed(tmp_path, monkeypatch, capsys):
    """Runs `course-builder inspect` from a working folder inside tmp_path, with the temp folder there too,
    and fails if anything was written or changed in the whole pytest temp tree (which holds tmp_path)."""
    work = tmp_path / "cwd"
    temp = tmp_path / "tmp"
    work.mkdir()
    temp.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    watched = tmp_path.parent

    def run(package: Path, *options: str) -> Run:
        before = snapshot(watched)
        capsys.readouterr()
        status = main(["inspect", *options, str(package)])
        captured = capsys.readouterr()
        assert snapshot(watched) == before, "inspect wrote or changed files"
        return Run(status, captured.out, captured.err)

    return run


@pytest.fixture
def counting_server():
    """An HTTP server on 127.0.0.1 that records every request; an XXE that fetched would show here."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            requests.append(self.path)
            body = b'<!ENTITY leak "fetched">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    server.requests = requests
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()
    thread.join()
