"""An image file's width and height in pixels, read from its header (PNG, GIF, JPEG, WebP) or its root element
(SVG): what a page needs to keep its place for the image while it loads."""
from __future__ import annotations

import re
import struct
from pathlib import Path

HEADER_BYTES = 256 * 1024  # a JPEG's size marker may follow its metadata (EXIF, ICC profile)
SVG_SIZE = re.compile(rb"<svg\b[^>]*?\b(?:width\s*=\s*[\"']\s*([\d.]+)[^>]*?\bheight\s*=\s*[\"']\s*([\d.]+)"
                      rb"|viewBox\s*=\s*[\"'][\d.\s-]+?\s([\d.]+)\s+([\d.]+)\s*[\"'])", re.DOTALL)


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height), or None when the file is no image whose size can be read."""
    try:
        with path.open("rb") as file:
            head = file.read(HEADER_BYTES)
    except OSError:
        return None
    size = _png(head) or _gif(head) or _jpeg(head) or _webp(head) or _svg(head)
    return size if size and size[0] > 0 and size[1] > 0 else None


def _png(head: bytes):
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    return None


def _gif(head: bytes):
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    return None


def _jpeg(head: bytes):
    if head[:2] != b"\xff\xd8":
        return None
    at = 2
    while at + 9 < len(head):
        if head[at] != 0xFF:
            return None
        marker = head[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = struct.unpack(">H", head[at + 2:at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start of frame holds the size
            height, width = struct.unpack(">HH", head[at + 5:at + 9])
            return width, height
        at += 2 + length
    return None


def _webp(head: bytes):
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    chunk = head[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _svg(head: bytes):
    match = SVG_SIZE.search(head)
    if not match:
        return None
    width, height = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    return round(float(width)), round(float(height))
