"""The files a page or stylesheet of the package loads or links to, with their lines."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from course_builder.later_steps import LATER_STEPS_FILE, later_steps_html

LOADS = "loads"  # fetched when the page is shown: scripts, images, stylesheets, frames
LINKS = "links"  # followed when the learner clicks

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
CSS_SUFFIXES = (".css",)

# (tag, attribute) pairs whose value the browser fetches to show the page.
_LOADING_ATTRIBUTES = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("audio", "src"), ("video", "src"), ("video", "poster"), ("track", "src"), ("iframe", "src"),
    ("frame", "src"), ("embed", "src"), ("object", "data"), ("input", "src"), ("image", "href"),
    ("use", "href"),
}
_LINKING_ATTRIBUTES = {("a", "href"), ("area", "href"), ("form", "action")}
_LOADING_LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "manifest",
                      "apple-touch-icon", "mask-icon"}
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Reference:
    url: str
    line: int
    kind: str  # LOADS or LINKS


def is_scannable(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES + CSS_SUFFIXES) or _is_later_steps(name)


def references(name: str, data: bytes) -> list[Reference]:
    if name.lower().endswith(CSS_SUFFIXES):
        return css_references(data.decode("utf-8", "replace"))
    if _is_later_steps(name):  # a course-builder module's later steps: its page's HTML, in one line of script
        html = later_steps_html(data)
        return [] if html is None else [Reference(r.url, 1, r.kind) for r in html_references(html.encode("utf-8"))]
    return html_references(data)


def _is_later_steps(name: str) -> bool:
    return name.rsplit("/", 1)[-1] == LATER_STEPS_FILE


def html_references(data: bytes) -> list[Reference]:
    parser = etree.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, default_doctype=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    found: list[Reference] = []
    for element in root.iter(tag=etree.Element):
        if element.attrib or element.tag == "style":  # most elements reference nothing: skip them cheaply
            found += _element_references(element)
    return found


def _element_references(element: etree._Element) -> list[Reference]:
    tag = _local_name(element.tag)
    line = element.sourceline or 0
    found = []
    for attribute, value in element.attrib.items():
        attribute = _local_name(attribute)
        kind = _kind(tag, attribute, element)
        if kind is None:
            if attribute == "style":
                found += [Reference(r.url, line, LOADS) for r in css_references(value)]
            continue
        urls = _srcset_urls(value) if attribute == "srcset" else [value]
        found += [Reference(url, line, kind) for url in urls if url.strip()]
    if tag == "style" and element.text:
        found += [Reference(r.url, line + r.line - 1, LOADS) for r in css_references(element.text)]
    return found


def _local_name(name: str) -> str:
    return str(name).rsplit("}", 1)[-1].lower()


def _kind(tag: str, attribute: str, element: etree._Element) -> str | None:
    if (tag, attribute) in _LOADING_ATTRIBUTES:
        return LOADS
    if (tag, attribute) in _LINKING_ATTRIBUTES:
        return LINKS
    if tag == "link" and attribute == "href":
        rels = set((element.get("rel") or "").lower().split())
        return LOADS if rels & _LOADING_LINK_RELS else LINKS
    return None


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def css_references(text: str) -> list[Reference]:
    found = []
    for match in _CSS_URL.finditer(text):
        url = next(group for group in match.groups() if group is not None)
        if url:
            found.append(Reference(url, text.count("\n", 0, match.start()) + 1, LOADS))
    return found
