"""Small packages for the inspect tests: clean ones of each version, and a way to break them."""
from __future__ import annotations

import stat
import struct
import zipfile
from pathlib import Path

from course_builder.packaging import write_zip

SCORM12_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="tm-ledelse-fundamentet" version="1.0.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title><imsmd:langstring xml:lang="da">Fundamentet</imsmd:langstring></imsmd:title>
        <imsmd:language>da</imsmd:language>
      </imsmd:general>
    </imsmd:lom>
  </metadata>
  <organizations default="ORG-tm-ledelse">
    <organization identifier="ORG-tm-ledelse">
      <title>Ledelse i Teknik og Miljø</title>
      <item identifier="ITEM-fundamentet" identifierref="RES-fundamentet">
        <title>Fundamentet</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-fundamentet" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="player/player.css"/>
      <file href="player/lms.js"/>
      <file href="media/trekant.png"/>
    </resource>
  </resources>
</manifest>
"""

SCORM2004_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="tm-ledelse" version="1.0.0"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG-tm-ledelse">
    <organization identifier="ORG-tm-ledelse" adlseq:objectivesGlobalToSystem="false">
      <title>Ledelse i Teknik og Miljø</title>
      <item identifier="ITEM-fundamentet" identifierref="RES-fundamentet">
        <title>Fundamentet</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="fundamentet-mastery" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
        <adlnav:presentation>
          <adlnav:navigationInterface>
            <adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
          </adlnav:navigationInterface>
        </adlnav:presentation>
      </item>
      <item identifier="ITEM-trekanten" identifierref="RES-trekanten">
        <title>Ledelsestrekanten</title>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-fundamentet" type="webcontent" adlcp:scormType="sco" href="fundamentet/index.html">
      <file href="fundamentet/index.html"/>
      <dependency identifierref="RES-player"/>
    </resource>
    <resource identifier="RES-trekanten" type="webcontent" adlcp:scormType="sco" href="trekanten/index.html">
      <file href="trekanten/index.html"/>
      <dependency identifierref="RES-player"/>
    </resource>
    <resource identifier="RES-player" type="webcontent" adlcp:scormType="asset">
      <file href="player/player.css"/>
      <file href="player/lms.js"/>
    </resource>
  </resources>
</manifest>
"""

IMSCP_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="tm-ledelse" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd">
  <metadata>
    <schema>IMS Content</schema>
    <schemaversion>1.1.4</schemaversion>
  </metadata>
  <organizations default="ORG-tm-ledelse">
    <organization identifier="ORG-tm-ledelse">
      <title>Ledelse i Teknik og Miljø</title>
      <item identifier="ITEM-fundamentet" identifierref="RES-fundamentet">
        <title>Fundamentet</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-fundamentet" type="webcontent" href="index.html">
      <file href="index.html"/>
      <file href="player/player.css"/>
      <file href="player/lms.js"/>
      <file href="media/trekant.png"/>
    </resource>
  </resources>
</manifest>
"""

PAGE = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Fundamentet</title>
<link rel="stylesheet" href="{prefix}player/player.css">
<script src="{prefix}player/lms.js"></script>
</head>
<body>
<h1>Fundamentet</h1>
<p><img src="{image}" alt="Ledelsestrekanten"></p>
<p><a href="https://www.aarhus.dk/">Aarhus Kommune</a></p>
</body>
</html>
"""

CSS = "body { font-family: sans-serif; }\n.banner { background: url('../media/trekant.png'); }\n"
LMS_JS = "function findAPI(win) { return win.API || win.API_1484_11 || null; }\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def scorm12_files(manifest: str = SCORM12_MANIFEST) -> dict[str, bytes]:
    return {
        "imsmanifest.xml": manifest.encode("utf-8"),
        "index.html": PAGE.format(prefix="", image="media/trekant.png").encode("utf-8"),
        "player/player.css": CSS.encode("utf-8"),
        "player/lms.js": LMS_JS.encode("utf-8"),
        "media/trekant.png": PNG,
    }


def scorm2004_files(manifest: str = SCORM2004_MANIFEST) -> dict[str, bytes]:
    # The 2004 pages show no image: the media folder is not part of this package.
    page = PAGE.replace('<p><img src="{image}" alt="Ledelsestrekanten"></p>\n', "")
    css = "body { font-family: sans-serif; }\n"
    return {
        "imsmanifest.xml": manifest.encode("utf-8"),
        "fundamentet/index.html": page.format(prefix="../").encode("utf-8"),
        "trekanten/index.html": page.format(prefix="../").encode("utf-8"),
        "player/player.css": css.encode("utf-8"),
        "player/lms.js": LMS_JS.encode("utf-8"),
    }


def imscp_files(manifest: str = IMSCP_MANIFEST) -> dict[str, bytes]:
    return scorm12_files(manifest)


def write_package(path: Path, files: dict[str, bytes]) -> Path:
    """A zip as our own packaging writes it: sorted, fixed dates, no folder entries."""
    write_zip(path, files)
    return path


def write_raw_zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]],
                  compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip with exactly these entries, however odd their names or attributes."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return path


def symlink_entry(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode("utf-8")


def rename_entry(path: Path, old: str, new: str) -> None:
    """Renames an entry in place, in its local header and the central directory: for names zipfile will not
    write (NUL bytes). The new name must have the same length in bytes."""
    old_name, new_name = old.encode("utf-8"), new.encode("utf-8")
    assert len(old_name) == len(new_name)
    data = bytearray(path.read_bytes())
    renamed = 0
    with zipfile.ZipFile(path) as archive:
        directory = archive.start_dir
    position = data.find(b"PK\x01\x02", directory)
    while position != -1:
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, position + 28)
        local_header = struct.unpack_from("<I", data, position + 42)[0]
        if data[position + 46:position + 46 + name_length] == old_name:
            data[position + 46:position + 46 + name_length] = new_name
            data[local_header + 30:local_header + 30 + name_length] = new_name
            renamed += 1
        position = data.find(b"PK\x01\x02", position + 46 + name_length + extra_length + comment_length)
    assert renamed == 1, f"{old!r} is not one entry of {path}"
    path.write_bytes(bytes(data))


def replace(text: str, old: str, new: str) -> str:
    """text with one exact piece replaced; fails loudly when the piece is not there."""
    assert old in text, f"{old!r} not in the manifest"
    return text.replace(old, new, 1)
