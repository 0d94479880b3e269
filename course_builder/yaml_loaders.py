"""Which PyYAML loader reads a text: libyaml (when PyYAML has it) composes ~10x faster, but recurses in C, so
only small files with few flow brackets go to it; hostile nesting always meets the Python parser's RecursionError."""
from __future__ import annotations

import yaml

FAST_LOADER = getattr(yaml, "CSafeLoader", None)
FAST_MAX_CHARS = 256 * 1024
FAST_MAX_BRACKETS = 1000


def libyaml_is_safe(text: str) -> bool:
    return (FAST_LOADER is not None and len(text) <= FAST_MAX_CHARS
            and text.count("[") + text.count("{") <= FAST_MAX_BRACKETS)
