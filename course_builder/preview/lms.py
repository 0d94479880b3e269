"""The preview's LMS: learners launch modules, each launch is a run-time session kept in the store.

The HTTP server only translates between JSON and these methods; everything an LMS decides lives here.
"""
from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from decimal import Decimal

from course_builder.content.model import Course
from course_builder.preview.builds import PreviewBuilds
from course_builder.preview.datamodel import Answer, Launch, Session
from course_builder.preview.versions import version
from course_builder.preview.packages import ModulePackage, PackageError, module_package
from course_builder.preview.store import Attempt, Learner, Store

VERSIONS = ("1.2", "2004")
MODES = ("normal", "browse", "review")
KEPT_SESSIONS = 50


class LmsError(ValueError):
    """A request the LMS cannot carry out (unknown module, learner or session): a 4xx answer."""


@dataclass
class LiveSession:
    session: Session
    learner: Learner
    module_id: str
    attempt: Attempt
    lock: threading.Lock = field(default_factory=threading.Lock)


class PreviewLms:
    def __init__(self, store: Store, builds: PreviewBuilds):
        self.store = store
        self.builds = builds
        self.sessions: dict[str, LiveSession] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    @property
    def course(self) -> Course | None:
        return self.builds.status.course

    # ---------------------------------------------------------------- learners and the module list

    def learner(self, learner_id: int) -> Learner:
        learner = self.store.learner_by_id(learner_id)
        if learner is None:
            raise LmsError(f"no learner {learner_id}")
        return learner

    def modules(self, learner: Learner, scorm_version: str) -> list[dict]:
        """Every module of the course with this learner's status, as the LMS's report would show it."""
        _check_version(scorm_version)
        if self.course is None:
            return []
        tracks = self.store.track_values(learner, scorm_version)
        return [{"id": m.id, "title": m.title, "minutes": m.minutes, "quiz": m.quiz is not None,
                 **module_status(tracks.get(m.id, {}), scorm_version)} for m in self.course.modules]

    # ---------------------------------------------------------------- sessions

    def launch(self, learner: Learner, module_id: str, scorm_version: str, mode: str = "normal") -> dict:
        _check_version(scorm_version)
        if mode not in MODES:
            raise LmsError(f"unknown mode {mode!r} ({', '.join(MODES)})")
        build = self.builds.status  # one build for the module and its package
        module = build.course.module(module_id) if build.course else None
        if module is None:
            raise LmsError(f"no module {module_id!r} in the course")
        try:
            package = module_package(build.folder, build.course, module, scorm_version)
        except PackageError as error:
            raise LmsError(str(error)) from None
        attempt = self.store.attempt(learner, module_id, scorm_version)
        data_model = version(scorm_version)
        session = Session(data_model, launch_for(package, learner, mode),
                          self.store.values(attempt), save=self._saver(attempt))
        with self._lock:
            session_id = str(next(self._ids))
            self.sessions[session_id] = LiveSession(session, learner, module_id, attempt)
            for old in list(self.sessions)[:-KEPT_SESSIONS]:
                del self.sessions[old]
        return {
            "session": session_id,
            "url": package.url,
            "api": data_model.api_name,
            "version": scorm_version,
            "errors": {str(code): text for code, text in data_model.messages.items()},
        }

    def _saver(self, attempt: Attempt):
        def save(values: dict[str, str]) -> bool:
            self.store.save(attempt, values)
            return True

        return save

    def live(self, session_id: str) -> LiveSession:
        live = self.sessions.get(session_id)
        if live is None:
            raise LmsError(f"no session {session_id}")
        return live

    def call(self, session_id: str, method: str, arguments: list) -> Answer:
        live = self.live(session_id)
        if method not in live.session.version.methods:
            raise LmsError(f"{method} is not a SCORM {live.session.version.name} API function")
        with live.lock:
            return live.session.call(method, arguments)

    def panel(self, session_id: str) -> dict:
        """What the side panel shows: the summary, every value (committed or not), the calls, the notes."""
        live = self.live(session_id)
        with live.lock:
            session = live.session
            uncommitted = set(session.uncommitted)
            return {
                "session": session_id,
                "state": session.state,
                "version": session.version.name,
                "learner": live.learner.name,
                "module": live.module_id,
                "attempt": live.attempt.number,
                "summary": session.version.summary(session),
                "values": [{"element": k, "value": v, "committed": k not in uncommitted}
                           for k, v in session.record().items()],
                "lms": dict(sorted(session.lms.items())),
                "calls": [{"method": c.method, "arguments": c.arguments, "result": c.result, "error": c.error,
                           "diagnostic": c.diagnostic} for c in session.log[-200:]],
                "notes": list(session.notes),
            }

    def reset(self, learner: Learner, module_id: str, scorm_version: str) -> None:
        """Forgets the learner's data in the module's current attempt; open sessions of it are closed."""
        _check_version(scorm_version)
        attempt = self.store.attempt(learner, module_id, scorm_version)
        with self._lock:
            for session_id, live in list(self.sessions.items()):
                if live.attempt.id == attempt.id:
                    del self.sessions[session_id]
        self.store.reset(attempt)

    def stored_values(self, learner: Learner, module_id: str, scorm_version: str) -> dict[str, str]:
        return self.store.values(self.store.attempt(learner, module_id, scorm_version))


def launch_for(package: ModulePackage, learner: Learner, mode: str) -> Launch:
    """What the run-time starts with: the learner, the mode, and what the package's manifest says."""
    return Launch(
        learner_id=learner.learner_id,
        learner_name=learner.name,
        mode=mode,
        mastery_score=package.mastery_score,
        scaled_passing_score=package.scaled_passing_score,
    )


def module_status(values: dict[str, str], scorm_version: str) -> dict:
    """A module's status and score as the LMS's report shows them, from the stored values."""
    if scorm_version == "1.2":
        return {"status": values.get("cmi.core.lesson_status", "not attempted"), "success": "",
                "score": values.get("cmi.core.score.raw", ""), "started": bool(values)}
    scaled = values.get("cmi.score.scaled")
    return {"status": values.get("cmi.completion_status", "not attempted" if not values else "unknown"),
            "success": values.get("cmi.success_status", "unknown"),
            "score": "" if scaled is None else format((Decimal(scaled) * 100).normalize(), "f"),
            "started": bool(values)}


def _check_version(scorm_version: str) -> None:
    if scorm_version not in VERSIONS:
        raise LmsError(f"unknown SCORM version {scorm_version!r} (1.2 or 2004)")
