"""The local LMS of `course-builder preview`: SCORM data model, SQLite store, server, watcher."""
