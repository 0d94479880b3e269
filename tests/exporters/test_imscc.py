"""dist/imscc/<course-id>.imscc: valid against the IMS CC 1.1 schemas Moodle uses, complete, and its quizzes
read (the way Moodle's importer reads them) as the source quizzes' multiple-choice and true/false questions."""
from __future__ import annotations

import io
import re
import shutil
import zipfile

import lxml.html
import pytest
from lxml import etree

from course_builder.exporters.imscc import build_cartridge
from course_builder.moodle_questions import question_bank
from course_builder.render import render_course
from course_builder.text import glossary_words
from tests.exporters.bank_checks import FIXTURES, built, load, reference_dir, words
from tests.support import edit

COURSES = ["minimal", "moodle-rich"]
CP = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
QTI = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
CC_TYPES = {"single": "cc.multiple_choice.v0p1", "multiple": "cc.multiple_response.v0p1",
            "truefalse": "cc.true_false.v0p1"}


@pytest.fixture(scope="module")
def cartridges(tmp_path_factory):
    made = {}
    for name in COURSES:
        out = tmp_path_factory.mktemp(name)
        result = built(FIXTURES / name, out, ["imscc"])
        course = load(FIXTURES / name)
        data = (out / "imscc" / f"{course.settings.id}.imscc").read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = {info.filename: archive.read(info) for info in archive.infolist()}
        made[name] = (course, files, result.losses.get("imscc", []))
    return made


def schemas():
    reference = reference_dir()
    if reference is None:
        pytest.skip("../shared/reference/moodle is absent: cannot validate against Moodle's CC 1.1 schemas")
    folder = reference / "imscc" / "schemas11"
    return (etree.XMLSchema(etree.parse(str(folder / "cc11libxml2validator.xsd"))),
            etree.XMLSchema(etree.parse(str(folder / "ccv1p1_qtiasiv1p2p1_v1p0.xsd"))))


@pytest.mark.parametrize("name", COURSES)
def test_manifest_and_every_assessment_validate_against_moodles_cc11_schemas(cartridges, name):
    manifest_schema, qti_schema = schemas()
    _, files, _ = cartridges[name]
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert manifest_schema.validate(manifest), manifest_schema.error_log
    assessments = [p for p in files if p.endswith("assessment.xml")]
    assert assessments
    for path in assessments:
        assert qti_schema.validate(etree.fromstring(files[path])), (path, qti_schema.error_log)


@pytest.mark.parametrize("name", COURSES)
def test_moodle_detects_a_cc11_cartridge(cartridges, name):
    """backup/converter/imscc11/lib.php: the first 1024 bytes, lower-cased, without whitespace and quotes."""
    head = cartridges[name][1]["imsmanifest.xml"][:1024].decode("utf-8", "replace").lower()
    head = re.sub(r"[\s\"']", "", head)
    assert "xmlns=http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" in head


@pytest.mark.parametrize("name", COURSES)
def test_every_resource_and_file_is_accounted_for_and_identifiers_are_unique(cartridges, name):
    _, files, _ = cartridges[name]
    manifest = etree.fromstring(files["imsmanifest.xml"])
    identifiers = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
    assert len(identifiers) == len(set(identifiers))
    resources = {r.get("identifier"): r for r in manifest.iterfind(".//cp:resource", namespaces=CP)}
    listed = set()
    for resource in resources.values():
        hrefs = [f.get("href") for f in resource.iterfind("cp:file", namespaces=CP)]
        assert hrefs and all(href in files for href in hrefs), resource.get("identifier")
        if resource.get("href"):
            assert resource.get("href") == hrefs[0]
        listed |= set(hrefs)
        for dependency in resource.iterfind("cp:dependency", namespaces=CP):
            assert dependency.get("identifierref") in resources
    assert listed == set(files) - {"imsmanifest.xml"}, "every file belongs to a resource"
    for item in manifest.iterfind(".//cp:item[@identifierref]", namespaces=CP):
        assert item.get("identifierref") in resources
    for path in (p for p in files if p.endswith("assessment.xml")):
        root = etree.fromstring(files[path])
        items = root.findall(".//q:item", namespaces=QTI)
        assert len({i.get("ident") for i in items}) == len(items)
        for element in items:
            for tag in ("response_label", "itemfeedback"):
                idents = [e.get("ident") for e in element.iterfind(f".//q:{tag}", namespaces=QTI)]
                assert len(idents) == len(set(idents))


@pytest.mark.parametrize("name", COURSES)
def test_overview_first_then_one_section_per_module(cartridges, name):
    """Moodle makes the N-th top-level item section N-1."""
    course, files, _ = cartridges[name]
    manifest = etree.fromstring(files["imsmanifest.xml"])
    top = manifest.findall("cp:organizations/cp:organization/cp:item/cp:item", namespaces=CP)
    titles = [i.findtext("cp:title", namespaces=CP) for i in top]
    assert titles == [course.settings.title] + [m.title for m in course.modules]
    overview = top[0].findall("cp:item", namespaces=CP)
    assert len(overview) == 1 and overview[0].get("identifierref")
    resources = {r.get("identifier"): r for r in manifest.iterfind(".//cp:resource", namespaces=CP)}
    for module, section in zip(course.modules, top[1:]):
        children = section.findall("cp:item", namespaces=CP)
        pages = [c for c in children if resources[c.get("identifierref")].get("type") == "webcontent"]
        assert [p.findtext("cp:title", namespaces=CP) for p in pages] == [p.title for p in module.pages]
        quizzes = [c for c in children if resources[c.get("identifierref")].get("type")
                   == "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"]
        has_quiz = any(q.type in CC_TYPES for q in module.questions)
        assert len(quizzes) == int(has_quiz) and children[len(pages):] == quizzes


@pytest.mark.parametrize("name", COURSES)
def test_lesson_pages_are_web_content_with_their_text_images_and_reflections(cartridges, name):
    course, files, _ = cartridges[name]
    for module in course.modules:
        for page in module.pages:
            html = files[f"{module.id}/{page.id}.html"].decode("utf-8")
            body = words(course, lxml.html.document_fromstring(html).body.text_content())
            for line in page.markdown.splitlines():
                line = line.strip().lstrip(">").strip()
                if line and not line.startswith("<!--"):
                    assert words(course, line) in body, line
            for reflection in page.reflections:
                assert words(course, reflection.prompt) in body
            for image in page.images:
                assert f'src="{image.path}"' in html
                assert files[f"{module.id}/{image.path}"] == (module.directory / image.path).read_bytes()


def moodle_reads(item) -> dict:
    """One QTI item as backup/cc/entity11.quiz.class.php reads it."""
    x = lambda path, node=item: node.xpath(path, namespaces=QTI)  # noqa: E731
    profile = x("q:itemmetadata/q:qtimetadata/q:qtimetadatafield[q:fieldlabel='cc_profile']/q:fieldentry/text()")[0]
    labels = x("q:presentation/q:response_lid/q:render_choice/q:response_label")
    feedback = {f.get("ident"): f.xpath("string(q:flow_mat/q:material/q:mattext)", namespaces=QTI)
                for f in x("q:itemfeedback")}

    def linked(conditions) -> str:
        return " ".join(feedback[d.get("linkrefid")] for c in conditions for d in c.xpath("q:displayfeedback", namespaces=QTI))

    conditions = x("q:resprocessing/q:respcondition")
    if profile == "cc.multiple_response.v0p1":
        correct = set(x(".//q:setvar[@varname='SCORE'][.=100]/../q:conditionvar//q:varequal[@case='Yes']"
                        "[not(parent::q:not)]/text()"))
    else:
        correct = {c.xpath("string(q:conditionvar/q:varequal)", namespaces=QTI) for c in conditions
                   if c.xpath("string(q:setvar)", namespaces=QTI)}
    answers = []
    for label in labels:
        ident = label.get("ident")
        own = [c for c in conditions if c.xpath("string(q:conditionvar/q:varequal)", namespaces=QTI).lower() == ident.lower()]
        answers.append((ident, label.xpath("string(q:material/q:mattext)", namespaces=QTI), ident in correct, linked(own)))
    return {
        "ident": item.get("ident"),
        "profile": profile,
        "text": x("string(q:presentation/q:material/q:mattext)"),
        "answers": answers,
        "general": linked([c for c in conditions if c.get("continue", "").lower() == "yes"]),
    }


@pytest.mark.parametrize("name", COURSES)
def test_quizzes_read_as_the_source_multiple_choice_and_true_false_questions(cartridges, name):
    course, files, _ = cartridges[name]
    for module in course.modules:
        expected = [q for q in module.questions if q.type in CC_TYPES]
        if not expected:
            assert f"{module.id}/assessment.xml" not in files
            continue
        root = etree.fromstring(files[f"{module.id}/assessment.xml"])
        read = [moodle_reads(i) for i in root.xpath("/q:questestinterop/q:assessment/q:section/q:item", namespaces=QTI)]
        assert [r["ident"] for r in read] == [q.id for q in expected]
        for question, item in zip(expected, read):
            assert item["profile"] == CC_TYPES[question.type]
            assert words(course, item["text"]).endswith(words(course, question.prompt))
            assert course.references[question.reference].title in words(course, item["general"])
            if question.type == "truefalse":
                assert [(a[0], a[2]) for a in item["answers"]] == [("true", question.answer), ("false", not question.answer)]
                feedback = {a[0]: words(course, a[3]) for a in item["answers"]}
                assert feedback[str(question.answer).lower()] == words(course, question.feedback.correct)
                assert feedback[str(not question.answer).lower()] == words(course, question.feedback.incorrect)
            else:
                assert [words(course, a[1]) for a in item["answers"]] == [words(course, o.text) for o in question.options]
                assert [a[2] for a in item["answers"]] == [o.correct for o in question.options]
                assert [words(course, a[3]) for a in item["answers"]] == [words(course, o.feedback) for o in question.options]


def test_quiz_attempts_travel_as_cc_maxattempts(cartridges):
    def attempts(name: str, module_id: str) -> str:
        root = etree.fromstring(cartridges[name][1][f"{module_id}/assessment.xml"])
        return root.xpath("string(//q:assessment/q:qtimetadata/q:qtimetadatafield[q:fieldlabel='cc_maxattempts']"
                          "/q:fieldentry)", namespaces=QTI)

    assert attempts("minimal", "intro") == "2"
    assert attempts("moodle-rich", "billeder") == "unlimited"


def test_question_images_travel_beside_the_assessment(cartridges):
    _, files, _ = cartridges["moodle-rich"]
    text = etree.fromstring(files["billeder/assessment.xml"]).xpath(
        "string(//q:item[@ident='billed-enkelt']/q:presentation/q:material/q:mattext)", namespaces=QTI)
    assert 'src="figur/plan.png"' in text and "@@PLUGINFILE@@" not in text
    assert files["billeder/figur/plan.png"] == (FIXTURES / "moodle-rich/modules/figur/plan.png").read_bytes()


def test_left_out_questions_are_warned_with_file_and_line(cartridges):
    _, _, warnings = cartridges["minimal"]
    quiz = FIXTURES / "minimal" / "quizzes" / "intro.yaml"
    left_out = [w.split(": imscc: ")[0] + " " + w.split("'")[1] for w in warnings if ": imscc: " in w]
    assert left_out == [f"{quiz}:39 intro-match", f"{quiz}:50 intro-orden", f"{quiz}:61 intro-scenarie"]


def test_two_builds_are_byte_identical(tmp_path):
    for name in COURSES:
        course = load(FIXTURES / name)
        built(FIXTURES / name, tmp_path / f"{name}-1", ["imscc"])
        built(FIXTURES / name, tmp_path / f"{name}-2", ["imscc"])
        path = f"imscc/{course.settings.id}.imscc"
        assert (tmp_path / f"{name}-1" / path).read_bytes() == (tmp_path / f"{name}-2" / path).read_bytes()


def test_lesson_pages_are_the_lessons_render_py_made_with_their_terms_as_words(tmp_path):
    """Pages are rendered once (render.py); the cartridge, with no glossary to open, shows a term's words."""
    source = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", source)
    edit(source / "modules" / "01-intro.md", "Det er kort.", "Det er kort: [[krydspres|et *krydspres*]] & [[ krydspres ]].")
    course = load(source)
    rendered = render_course(course)
    lesson = rendered.modules["intro"].lessons[0]  # the pages, rendered on first use
    converted = rendered.templates.caches.markdown.converted  # the build's own Markdown conversions
    converted.clear()
    cartridge = build_cartridge(rendered, question_bank(course, rendered.templates))
    assert '<a class="term" href="#term-krydspres">et <em>krydspres</em></a>' in lesson
    html = cartridge.files["intro/p1.html"].decode("utf-8")
    assert "Det er kort: et <em>krydspres</em> &amp; Krydspres.</p>" in html
    assert 'class="term"' not in html and "#term-" not in html
    lesson_markdown = {p.markdown for m in course.modules for p in m.pages}
    lesson_markdown |= {glossary_words(text, course.glossary) for text in lesson_markdown}
    assert not lesson_markdown & set(converted), "the cartridge converted a lesson page's Markdown again"
