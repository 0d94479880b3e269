"""Preview the course in a local LMS: take a module as a learner and watch the SCORM data arrive.

Builds the course, serves it on 127.0.0.1 only and opens the LMS shell in the browser. Every
change below modules/, quizzes/, templates/ and to course.yaml rebuilds and reloads the page;
a change that does not build shows its problems in the page while the last good build keeps
serving. Learners, attempts and their SCORM data are kept in an SQLite file in .preview/.
Stop it with Ctrl-C.
"""
from __future__ import annotations

import argparse
import sys
import threading
import webbrowser
from pathlib import Path

from course_builder.cli import UsageError, language_argument, source_argument
from course_builder.preview.builds import BuildStatus, PreviewBuilds, watch
from course_builder.preview.lms import PreviewLms
from course_builder.preview.server import PreviewServer
from course_builder.preview.store import Store

DEFAULT_PORT = 8765


def add_arguments(sub: argparse.ArgumentParser) -> None:
    source_argument(sub)
    sub.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N",
                     help=f"the port on 127.0.0.1 (default {DEFAULT_PORT}; 0 picks a free one)")
    sub.add_argument("--learner", default=None, metavar="NAME",
                     help="the learner the shell starts with (made on first use; default: 'Testdeltager' or "
                          "'Test learner', in the shell's language)")
    language_argument(sub)
    sub.add_argument("--data", type=Path, default=None, metavar="DIR",
                     help="where the builds and the SQLite database go (default: .preview/ in the course folder)")
    sub.add_argument("--no-browser", action="store_true", help="do not open a browser")


def run(args: argparse.Namespace) -> int:
    if not args.source.is_dir():
        raise UsageError(f"--source {args.source}: no such folder")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: a port is 0 to 65535")
    data = args.data or args.source / ".preview"
    builds = PreviewBuilds(args.source, data / "builds", on_build=report)
    stop = threading.Event()
    watch(builds, stop)  # from before the first build, so an edit made while it runs is not missed
    builds.rebuild()
    store = Store(data / "preview.sqlite")
    try:
        server = PreviewServer(PreviewLms(store, builds), args.port, args.learner, args.language)
    except OSError as error:
        stop.set()
        store.close()
        raise UsageError(f"cannot listen on 127.0.0.1:{args.port} ({error.strerror or error}); "
                         f"choose another port with --port") from None
    print(f"preview of {args.source.resolve()} at {server.url}  (Ctrl-C stops)", flush=True)
    if not args.no_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        store.close()
    return 0


def report(status: BuildStatus) -> None:
    """The terminal's line about each build: its time, or its problems."""
    for problem in status.problems:
        print(problem, file=sys.stderr)
    if status.ok:
        print(f"built in {status.seconds * 1000:.0f} ms", flush=True)
    elif status.good:
        print("not rebuilt: fix the problems above; the preview keeps showing the last good build", file=sys.stderr, flush=True)
    else:
        print("the course does not build yet: fix the problems above", file=sys.stderr, flush=True)
