"""course-builder: a leadership framework in, an onboarding course for every LMS out."""
