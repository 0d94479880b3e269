"""The data course-builder ships beside its code: the built-in templates, the starter course, the XML schemas.

An installed wheel carries them inside the package (course_builder/templates/, …/starter/, …/xsd/: setup.py
maps the repository's root folders there at build time). In a checkout, editable install or not, they are
the repository's root folders themselves.
"""
from __future__ import annotations

from pathlib import Path

TEMPLATES = "templates"
STARTER = "starter"
XSD = "xsd"


def data_folder(name: str) -> Path:
    """One of TEMPLATES, STARTER, XSD, as a folder on disk (Jinja2 and lxml read files by path)."""
    installed = Path(__file__).resolve().parent / name  # the package's own folder (importlib.resources: 8 ms more)
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name
