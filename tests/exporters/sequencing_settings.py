"""A SCORM 2004 manifest's sequencing as scorm-again's `sequencing.activityTree` settings.

scorm-again implements the sequencing behaviour, but an LMS has to hand it the manifest's sequencing
as data (its README: "This data must be extracted by the LMS from the package's imsmanifest.xml").
This is that extraction for what our manifests use: control modes, sequencing rules, rollup rules,
objectives with IMS SS and ADL 4th Edition map info, delivery controls.
"""
from __future__ import annotations

from lxml import etree

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
SS = "http://www.imsglobal.org/xsd/imsss"
SEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
# scorm-again's rollup evaluator spells one IMS SS rollup condition differently (its sequencing-rule
# evaluator knows both spellings): an LMS handing it a manifest maps the name.
ROLLUP_CONDITION_NAMES = {"activityProgressKnown": "progressKnown"}
RULE_KINDS = {"preConditionRule": "preConditionRules", "exitConditionRule": "exitConditionRules",
              "postConditionRule": "postConditionRules"}


def activity_tree(manifest: etree._Element) -> dict:
    organizations = manifest.find(f"{{{CP}}}organizations")
    default = organizations.get("default")
    organization = next(o for o in organizations if o.get("identifier") == default)
    return _activity(organization)


def _activity(element: etree._Element) -> dict:
    activity: dict = {"id": element.get("identifier"), "title": element.findtext(f"{{{CP}}}title")}
    children = [_activity(item) for item in element.findall(f"{{{CP}}}item")]
    if children:
        activity["children"] = children
    sequencing = element.find(f"{{{SS}}}sequencing")
    if sequencing is not None:
        activity.update(_sequencing(sequencing))
    return activity


def _sequencing(sequencing: etree._Element) -> dict:
    found: dict = {}
    controls = sequencing.find(f"{{{SS}}}controlMode")
    rollup = sequencing.find(f"{{{SS}}}rollupRules")
    control_settings = _booleans(controls) if controls is not None else {}
    if rollup is not None:
        control_settings.update(_booleans(rollup, ("rollupObjectiveSatisfied", "rollupProgressCompletion")))
        if rollup.get("objectiveMeasureWeight") is not None:
            control_settings["objectiveMeasureWeight"] = float(rollup.get("objectiveMeasureWeight"))
        rules = [_rollup_rule(rule) for rule in rollup.findall(f"{{{SS}}}rollupRule")]
        if rules:
            found["rollupRules"] = {"rules": rules}
    if control_settings:
        found["sequencingControls"] = control_settings
    rules = sequencing.find(f"{{{SS}}}sequencingRules")
    if rules is not None:
        found["sequencingRules"] = {}
        for rule in rules:
            found["sequencingRules"].setdefault(RULE_KINDS[etree.QName(rule).localname], []).append(_rule(rule))
    objectives = sequencing.find(f"{{{SS}}}objectives")
    if objectives is not None:
        extensions = _adl_map_info(sequencing)
        for objective in objectives:
            settings = _objective(objective, extensions.get(objective.get("objectiveID"), {}))
            if etree.QName(objective).localname == "primaryObjective":
                found["primaryObjective"] = settings
            else:
                found.setdefault("objectives", []).append(settings)
    delivery = sequencing.find(f"{{{SS}}}deliveryControls")
    if delivery is not None:
        found["deliveryControls"] = _booleans(delivery)
    return found


def _rule(rule: etree._Element) -> dict:
    conditions = rule.find(f"{{{SS}}}ruleConditions")
    return {
        "action": rule.find(f"{{{SS}}}ruleAction").get("action"),
        "conditionCombination": conditions.get("conditionCombination", "all"),
        "conditions": [{key: value for key, value in condition.attrib.items()} for condition in conditions],
    }


def _rollup_rule(rule: etree._Element) -> dict:
    conditions = rule.find(f"{{{SS}}}rollupConditions")
    settings = {
        "action": rule.find(f"{{{SS}}}rollupAction").get("action"),
        "consideration": rule.get("childActivitySet", "all"),
        "conditionCombination": conditions.get("conditionCombination", "any"),
        "conditions": [_rollup_condition(condition) for condition in conditions],
    }
    for name in ("minimumCount", "minimumPercent"):
        if rule.get(name) is not None:
            settings[name] = float(rule.get(name))
    return settings


def _rollup_condition(condition: etree._Element) -> dict:
    settings = dict(condition.attrib)
    settings["condition"] = ROLLUP_CONDITION_NAMES.get(settings["condition"], settings["condition"])
    return settings


def _objective(objective: etree._Element, extensions: dict[str, dict]) -> dict:
    settings: dict = {"objectiveID": objective.get("objectiveID")}
    if objective.get("satisfiedByMeasure") == "true":
        settings["satisfiedByMeasure"] = True
    measure = objective.findtext(f"{{{SS}}}minNormalizedMeasure")
    if measure is not None:
        settings["minNormalizedMeasure"] = float(measure)
    maps: dict[str, dict] = {}
    for info in objective.findall(f"{{{SS}}}mapInfo"):
        maps[info.get("targetObjectiveID")] = {"targetObjectiveID": info.get("targetObjectiveID"), **_booleans(info)}
    for target, info in extensions.items():
        maps.setdefault(target, {"targetObjectiveID": target}).update(info)
    if maps:
        settings["mapInfo"] = list(maps.values())
    return settings


def _adl_map_info(sequencing: etree._Element) -> dict[str, dict[str, dict]]:
    """objectiveID → target → the ADL 4th Edition map info (completion, progress, scores)."""
    found: dict[str, dict[str, dict]] = {}
    for objective in sequencing.iterfind(f"{{{SEQ}}}objectives/{{{SEQ}}}objective"):
        for info in objective.findall(f"{{{SEQ}}}mapInfo"):
            found.setdefault(objective.get("objectiveID"), {})[info.get("targetObjectiveID")] = _booleans(info)
    return found


def _booleans(element: etree._Element, names: tuple[str, ...] | None = None) -> dict[str, bool]:
    return {name: value == "true" for name, value in element.attrib.items()
            if value in ("true", "false") and (names is None or name in names)}
