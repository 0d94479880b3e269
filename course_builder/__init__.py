"""course-builder: a leadership framework in, an onboarding course for every LMS out."""

__version__ = "1.0.0"
