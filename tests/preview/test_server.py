"""The preview server over real HTTP: loopback only, its JSON API, the files it serves and refuses."""
from __future__ import annotations

import errno
import http.client
import json
import socket
import sqlite3
import threading
import time

import pytest


def request(preview, method: str, path: str, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", preview.server.port, timeout=30)
    data = None if body is None else json.dumps(body).encode()
    sent = {"Content-Type": "application/json"} if body is not None else {}
    sent.update(headers or {})
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    kind = response.getheader("Content-Type", "")
    return response.status, json.loads(payload) if kind.startswith("application/json") else payload


def test_the_server_listens_on_127_0_0_1_only(preview):
    host, port = preview.server.socket.getsockname()
    assert host == "127.0.0.1"
    socket.create_connection(("127.0.0.1", port), timeout=5).close()
    # Another loopback address of this machine: a server bound to every address (0.0.0.0) would answer here.
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", port), timeout=5)


def test_the_server_does_not_listen_on_ipv6(preview):
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    try:
        probe = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    except OSError:
        pytest.skip("no IPv6 here")
    with probe:
        probe.settimeout(5)
        code = probe.connect_ex(("::1", preview.server.port))
    assert code in (errno.ECONNREFUSED, errno.EADDRNOTAVAIL, errno.ENETUNREACH)


def test_the_shell_and_the_built_course_are_served(preview):
    status, page = request(preview, "GET", "/")
    assert status == 200 and b'id="module-list"' in page and b'lang="da"' in page
    status, script = request(preview, "GET", "/shell/runtime.js")
    assert status == 200 and b"API_1484_11" in script
    status, module = request(preview, "GET", "/course/web/intro/index.html")
    assert status == 200 and "Introduktion" in module.decode()


def test_a_sco_is_served_from_inside_its_package(preview):
    status, module = request(preview, "GET", "/course/scorm12/modules/01-intro.zip/intro/index.html")
    assert status == 200 and "Introduktion" in module.decode()
    status, script = request(preview, "GET", "/course/scorm12/modules/01-intro.zip/player/test-sco.js")
    assert status == 200 and b"testSco" in script
    assert request(preview, "GET", "/course/scorm12/modules/01-intro.zip/roller/index.html")[0] == 404


def test_requests_for_another_host_name_are_refused(preview):
    status, answer = request(preview, "GET", "/api/state", headers={"Host": f"attacker.example:{preview.server.port}"})
    assert status == 403
    status, _ = request(preview, "GET", "/api/state", headers={"Host": f"localhost:{preview.server.port}"})
    assert status == 200


def test_posts_must_be_json(preview):
    connection = http.client.HTTPConnection("127.0.0.1", preview.server.port, timeout=10)
    connection.request("POST", "/api/learners", body=b"name=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert connection.getresponse().status == 415


@pytest.mark.parametrize("path", ["/course/../../../../etc/passwd", "/course/%2e%2e/%2e%2e/preview.sqlite", "/shell/../shell.html.j2",
                                  "/course/scorm12/modules/01-intro.zip/%2e%2e/%2e%2e/%2e%2e/preview.sqlite"])
def test_paths_cannot_leave_their_folder(preview, path):
    with socket.create_connection(("127.0.0.1", preview.server.port), timeout=10) as raw:
        raw.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{preview.server.port}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 404")


def test_a_launch_forwards_api_calls_and_commits_to_sqlite(preview):
    _, state = request(preview, "GET", "/api/state?version=2004")
    learner = state["learner"]["id"]
    assert [m["id"] for m in state["modules"]] == ["intro", "roller"]
    assert state["modules"][0]["status"] == "not attempted"
    status, launch = request(preview, "POST", "/api/launch", {"learner": learner, "module": "intro", "version": "2004"})
    assert status == 200 and launch["api"] == "API_1484_11" and launch["url"] == "/course/scorm2004/modules/01-intro.zip/intro/index.html"
    assert launch["errors"]["406"] == "Data Model Element Type Mismatch"

    def call(method, *arguments):
        return request(preview, "POST", f"/api/sessions/{launch['session']}/call", {"method": method, "arguments": list(arguments)})[1]

    assert call("Initialize", "") == {"result": "true", "error": "0", "diagnostic": ""}
    assert call("GetValue", "cmi.scaled_passing_score")["result"] == "0.8"  # the module has a quiz: mastery 80
    assert call("SetValue", "cmi.score.scaled", "2")["error"] == "407"
    assert call("SetValue", "cmi.score.scaled", "0.9")["error"] == "0"
    assert call("SetValue", "cmi.completion_status", "completed")["error"] == "0"
    assert call("Commit", "")["result"] == "true"

    with sqlite3.connect(preview.database) as db:
        rows = dict(db.execute("SELECT element, value FROM value"))
    assert rows["cmi.score.scaled"] == "0.9" and rows["cmi.completion_status"] == "completed"
    _, panel = request(preview, "GET", f"/api/sessions/{launch['session']}")
    assert panel["summary"]["success"] == "passed" and panel["summary"]["score"] == "0.9"
    assert [c["error"] for c in panel["calls"]] == [0, 0, 407, 0, 0, 0]
    _, state = request(preview, "GET", f"/api/state?version=2004&learner={learner}")
    assert state["modules"][0]["status"] == "completed" and state["modules"][0]["score"] == "90"


def test_mistakes_in_requests_are_400(preview):
    assert request(preview, "POST", "/api/launch", {"learner": 1, "module": "nothing", "version": "1.2"})[0] == 400
    assert request(preview, "POST", "/api/launch", {"learner": 1, "module": "intro", "version": "3.0"})[0] == 400
    assert request(preview, "POST", "/api/launch", {"learner": 999, "module": "intro", "version": "1.2"})[0] == 400
    assert request(preview, "POST", "/api/sessions/999/call", {"method": "LMSInitialize", "arguments": [""]})[0] == 400
    _, launch = request(preview, "POST", "/api/launch", {"learner": 1, "module": "intro", "version": "1.2"})
    assert request(preview, "POST", f"/api/sessions/{launch['session']}/call", {"method": "Initialize", "arguments": [""]})[0] == 400
    assert request(preview, "GET", "/api/nothing")[0] == 404


def test_new_learners_and_reset(preview):
    _, anna = request(preview, "POST", "/api/learners", {"name": "Anna Jensen"})
    _, fresh = request(preview, "POST", "/api/learners", {})
    assert anna["name"] == "Anna Jensen" and fresh["name"].startswith("Testdeltager")
    _, launch = request(preview, "POST", "/api/launch", {"learner": anna["id"], "module": "roller", "version": "1.2"})
    for method, arguments in (("LMSInitialize", [""]), ("LMSSetValue", ["cmi.core.lesson_location", "p2"]), ("LMSFinish", [""])):
        request(preview, "POST", f"/api/sessions/{launch['session']}/call", {"method": method, "arguments": arguments})
    assert preview.lms.stored_values(preview.store.learner("Anna Jensen"), "roller", "1.2")["cmi.core.lesson_location"] == "p2"
    assert request(preview, "POST", "/api/reset", {"learner": anna["id"], "module": "roller", "version": "1.2"})[0] == 200
    assert preview.lms.stored_values(preview.store.learner("Anna Jensen"), "roller", "1.2") == {}


def test_the_build_endpoint_waits_for_the_next_build(preview):
    _, now = request(preview, "GET", "/api/build?since=0")
    answers = []
    waiting = threading.Thread(target=lambda: answers.append(request(preview, "GET", f"/api/build?since={now['number']}")[1]))
    waiting.start()
    time.sleep(0.2)
    assert not answers  # still waiting: nothing changed
    preview.builds.rebuild()
    waiting.join(10)
    assert answers[0]["number"] == now["number"] + 1 and answers[0]["ok"]
