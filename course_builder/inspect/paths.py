"""What an href inside a package points at: a file of the package, somewhere outside it, or nowhere valid."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
OUTSIDE_SCHEMES = {"http", "https", "ftp", "ftps", "ws", "wss"}
HARMLESS_SCHEMES = {"javascript", "data", "about", "blob", "mailto", "tel"}

LOCAL = "local"          # .path is a file path inside the package
OUTSIDE = "outside"      # a URL on another server
ABSOLUTE = "absolute"    # a path from the root of some disk or server, or a file: URL
ESCAPES = "escapes"      # climbs above the package root with '..'
HARMLESS = "harmless"    # javascript:, data:, mailto: ... nothing to load from the package
FRAGMENT = "fragment"    # only '#...' or empty: the same document
BACKSLASH = "backslash"  # Windows separators, which URLs do not have


@dataclass(frozen=True)
class Target:
    kind: str
    path: str = ""


def resolve(href: str, base: str = "") -> Target:
    """Where href points, read relative to base (a folder path inside the package, '' for its root).

    base may itself be a URL (xml:base="http://..."), which makes every href under it outside.
    """
    href = href.strip()
    if not href or href.startswith("#"):
        return Target(FRAGMENT)
    if "\\" in href:
        return Target(BACKSLASH, href)
    for candidate in (href, base):
        kind = _scheme_kind(candidate)
        if kind:
            return Target(kind)
        if candidate.startswith("//"):
            return Target(OUTSIDE)
        if candidate.startswith("/"):
            return Target(ABSOLUTE)
    path = unquote(re.split(r"[?#]", href, maxsplit=1)[0])
    if not path:
        return Target(FRAGMENT)
    joined = posixpath.join(unquote(base), path) if base else path
    normalised = posixpath.normpath(joined)
    if normalised == ".." or normalised.startswith("../"):
        return Target(ESCAPES, joined)
    if joined.endswith("/") and normalised != ".":
        normalised += "/"
    return Target(LOCAL, "" if normalised == "." else normalised)


def _scheme_kind(value: str) -> str | None:
    match = _SCHEME.match(value)
    if not match:
        return None
    scheme = match.group(1).lower()
    if len(scheme) == 1:
        return ABSOLUTE  # a Windows drive letter, C:/...
    if scheme in OUTSIDE_SCHEMES:
        return OUTSIDE
    if scheme in HARMLESS_SCHEMES:
        return HARMLESS
    return ABSOLUTE  # file:, and any scheme we cannot serve from the package


def folder_of(path: str) -> str:
    folder = posixpath.dirname(path)
    return f"{folder}/" if folder else ""
