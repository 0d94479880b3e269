"""Only what pyproject.toml cannot say: the data folders at the repository's root ship inside the package.

templates/ (the built-in theme a course overrides file by file), starter/ (the course `course-builder new`
writes) and xsd/ (the schemas `inspect` validates manifests against) stay at the root, where editors and
developers look for them; the wheel and the sdist carry them as course_builder/templates/, …/starter/ and
…/xsd/, every file below them (course_builder/resources.py finds them in both places).
"""
from setuptools import find_packages, setup

DATA_FOLDERS = ("templates", "starter", "xsd")

setup(
    packages=[
        *find_packages(include=["course_builder", "course_builder.*"]),
        *(f"course_builder.{folder}" for folder in DATA_FOLDERS),
    ],
    package_dir={f"course_builder.{folder}": folder for folder in DATA_FOLDERS},
    # every file: a new template folder, or a file a module keeps beside its code, needs no change here
    package_data={package: ["**/*"] for package in ("course_builder", *(f"course_builder.{f}" for f in DATA_FOLDERS))},
    exclude_package_data={"": ["**/__pycache__/*", "**/*.pyc", "**/.DS_Store"]},
)
