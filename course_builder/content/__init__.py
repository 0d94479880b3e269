"""The content model: loaded and validated once, read by every exporter."""
from course_builder.content.load import LoadResult, load_course
from course_builder.content.problems import Problem
from course_builder.content.validate import validate_course

__all__ = ["LoadResult", "Problem", "load_course", "validate_course"]
