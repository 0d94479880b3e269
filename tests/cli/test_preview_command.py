"""`course-builder preview` as an editor runs it: it builds, serves on loopback, and stops cleanly on Ctrl-C."""
from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request

from tests.support import FIXTURES


def start(*arguments: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "course_builder", "preview", "--no-browser", *arguments],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_preview_serves_the_course_and_stops_on_ctrl_c(tmp_path):
    course = shutil.copytree(FIXTURES / "minimal", tmp_path / "course")
    process = start("--source", str(course), "--port", "0", "--learner", "Anna Jensen")
    try:
        lines = [process.stdout.readline() for _ in range(2)]
        url = re.search(r"http://127\.0\.0\.1:\d+/", "".join(lines)).group(0)
        assert any(line.startswith("built in") for line in lines)
        with urllib.request.urlopen(url + "api/state", timeout=10) as answer:
            state = json.load(answer)
        assert state["learner"]["name"] == "Anna Jensen"
        assert [m["title"] for m in state["modules"]] == ["Introduktion", "Roller"]
        assert (course / ".preview" / "preview.sqlite").is_file()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_a_course_that_does_not_build_is_still_served_with_its_problems(tmp_path):
    course = shutil.copytree(FIXTURES / "minimal", tmp_path / "course")
    page = course / "modules" / "02-roller.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Krydspres", "Tekst før første side.\n\n## Krydspres"))
    process = start("--source", str(course), "--port", "0", "--data", str(tmp_path / "data"))
    try:
        url = None
        while url is None:
            line = process.stdout.readline()
            url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        with urllib.request.urlopen(url.group(0) + "api/state", timeout=10) as answer:
            build = json.load(answer)["build"]
        assert not build["ok"] and build["good"] == 0
        assert any(p.startswith("modules/02-roller.md:") for p in build["problems"])
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert "modules/02-roller.md:" in process.stderr.read()


def test_a_port_in_use_is_a_usage_error(tmp_path):
    course = shutil.copytree(FIXTURES / "minimal", tmp_path / "course")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = start("--source", str(course), "--port", str(taken.getsockname()[1]))
        _, errors = process.communicate(timeout=20)
    assert process.returncode == 2
    assert "--port" in errors and "Traceback" not in errors


def test_a_missing_course_folder_is_a_usage_error(tmp_path):
    process = start("--source", str(tmp_path / "nothing"))
    _, errors = process.communicate(timeout=20)
    assert process.returncode == 2 and "no such folder" in errors
