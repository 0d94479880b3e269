"""The course seen from Moodle's reports: interaction ids to questions, titles to modules.

Interaction ids follow docs/content-format.md ("Ids everywhere"): a question's interaction id is its
id, a scenario decision point's is `<question id>.<node id>`, a reflection's `<module id>.<id>`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from course_builder.content.model import Course, Module, Option, Question, Reference, ScenarioNode


@dataclass(frozen=True)
class InteractionTarget:
    """What one interaction id stands for in the course."""

    interaction_id: str
    module: Module
    question: Question
    node: ScenarioNode | None = None  # set for a scenario decision point

    @property
    def kind(self) -> str:
        return self.question.type

    @property
    def choices(self) -> list[Option]:
        """The options a learner picks from (single, multiple, scenario decision point)."""
        return self.node.choices if self.node is not None else self.question.options


class CourseIndex:
    def __init__(self, course: Course):
        self.course = course
        self.targets: dict[str, InteractionTarget] = {}
        self.reflections: set[str] = set()
        for module in course.modules:
            self.reflections.update(f"{module.id}.{r.id}" for r in module.reflections)
            for question in module.questions:
                for interaction_id, node in question.interactions():
                    self.targets[interaction_id] = InteractionTarget(interaction_id, module, question, node)

    @property
    def modules(self) -> list[Module]:
        return self.course.modules

    @property
    def mastery_score(self) -> int:
        return self.course.settings.mastery_score

    def target(self, interaction_id: str) -> InteractionTarget | None:
        return self.targets.get(interaction_id.strip())

    def reference(self, reference_id: str) -> Reference | None:
        return self.course.references.get(reference_id)

    @cached_property
    def _title_keys(self) -> list[tuple[str, Module]]:
        keys = []
        for module in self.course.modules:
            keys.append((title_key(module.title), module))
            keys.append((title_key(module.id), module))
        return keys

    def module_named(self, text: str) -> Module | None:
        """The module an activity or SCO name stands for: its title or id, alone or within the
        name (Moodle activity names are typed by people: "Module 2: Our values")."""
        key = title_key(text)
        if not key:
            return None
        exact = {module.id: module for k, module in self._title_keys if k == key}
        if len(exact) == 1:
            return next(iter(exact.values()))
        padded = f" {key} "
        contained = [(len(k), module) for k, module in self._title_keys if k and f" {k} " in padded]
        if not contained:
            return None
        longest = max(length for length, _ in contained)
        best = {module.id: module for length, module in contained if length == longest}
        return next(iter(best.values())) if len(best) == 1 else None


def title_key(text: str) -> str:
    """Case, punctuation and hyphens do not tell titles apart."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))
