"""The minimal fixture course with what issue 23 added: a figure of each kind, placed with '::: figure', a
role guide for the learner's role page, and a second reflection in the first module."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import FIXTURES, edit

FIGURES = """\
- id: trekant
  kind: triangle
  caption: "Figur 1: Trekanten"
  description: En trekant med fire felter, som alle ledere arbejder i.
  parts:
    - {label: Politisk og strategisk ledelse, detail: "Fokus på: helheden."}
    - {label: Faglig ledelse, detail: "Fokus på: kvaliteten."}
    - {label: "Drifts\\u00adledelse", detail: "Fokus på: driften."}
    - {label: "Personale\\u00adledelse", detail: "Fokus på: trivslen."}
- id: rundt
  kind: compass
  caption: "Figur 2: Hele vejen rundt"
  description: Du leder dig selv i midten og leder opad, nedad, til siden og udad.
  parts: [{label: Lede sig selv}, {label: Lede opad}, {label: Lede nedad}, {label: Lede til siden}, {label: Lede udad}]
- id: roller
  kind: levels
  caption: Rollerne
  description: Tre roller, hver beskrevet under de samme tre overskrifter.
  themes: [Vi leder strategisk, Vi arbejder sammen, Vi udvikler os]
  parts: [{label: Chef, detail: Direktionen}, {label: Mellemleder}, {label: Teamleder, detail: Teamledere}]
"""

ROLE_GUIDE = """\
roles:
  teamleder:
    - heading: Vi leder strategisk
      reference: mission
      statements:
        - Vi udmønter politiske beslutninger igennem konkrete handlinger inden for eget område.
      questions:
        - Hvilke beslutninger skal teamet omsætte nu?
  chef:
    - heading: Vi arbejder sammen
      reference: vaerdier
      statements:
        - Vi arbejder sammen på tværs.
questions:
  - Hvor ofte taler vi sammen?
"""

STATEMENT = "Vi udmønter politiske beslutninger igennem konkrete handlinger inden for eget område."
QUESTION = "Hvilke beslutninger skal teamet omsætte nu?"


def toolkit_course(target: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", target)
    (target / "figures.yaml").write_text(FIGURES, encoding="utf-8")
    (target / "role-guide.yaml").write_text(ROLE_GUIDE, encoding="utf-8")
    edit(target / "modules/01-intro.md", "> Et citat, ordret.\n", "> Et citat, ordret.\n\n::: figure trekant\n")
    edit(target / "modules/01-intro.md", "Tre værdier. De er vigtige.\n",
         "Tre værdier. De er vigtige.\n\n::: figure rundt\n\n::: figure roller\n")
    edit(target / "modules/01-intro.md", "Du kender nu missionen og værdierne.\n",
         "Du kender nu missionen og værdierne.\n\n::: reflection til-lederen\nHvad vil du tale med din leder om?\n:::\n")
    return target
