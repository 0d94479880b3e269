"""Stable pseudonyms for learners: the same person gets the same pseudonym in every run.

A pseudonym is derived from the learner's key (e-mail, or name without one) and the course id, on
this machine, with no lookup anywhere. It hides names from readers of the report; it is a
pseudonym, not anonymity: whoever has the downloads can compute it again.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from course_builder.report.analysis import Analysis

TOKEN_CHARS = 8
NAMING_NOTES = {"note_not_learner_unknown", "note_learner_in_two_roles"}  # notes that name people


def pseudonyms(keys: list[str], salt: str) -> dict[str, str]:
    """key -> token; a token is lengthened only where two keys would otherwise share it."""
    digests = {key: hashlib.sha256(f"{salt}\0{key}".encode("utf-8")).hexdigest() for key in keys}
    length = TOKEN_CHARS
    while len({digest[:length] for digest in digests.values()}) < len(digests) and length < 64:
        length += 2
    return {key: digest[:length].upper() for key, digest in digests.items()}


def anonymize(analysis: Analysis, salt: str) -> Analysis:
    tokens = pseudonyms([learner.key for learner in analysis.learners], salt)
    learners = [replace(learner, key=f"pseudonym:{tokens[learner.key]}", name=f"Deltager {tokens[learner.key]}",
                        email=f"deltager-{tokens[learner.key].lower()}")
                for learner in analysis.learners]
    learners.sort(key=lambda learner: learner.name)
    notes = [note for note in analysis.notes if note.key not in NAMING_NOTES]
    return replace(analysis, learners=learners, not_counted=[], notes=notes)
