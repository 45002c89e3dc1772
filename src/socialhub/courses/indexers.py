"""Catalog data of courses, so listings never need full objects."""

from plone.indexer import indexer
from socialhub.courses.content.course import ICourse


@indexer(ICourse)
def course_format(obj):
    """The course's format token (instructor_led, self_paced, blended)."""
    return obj.course_format


@indexer(ICourse)
def course_level(obj):
    """The course's level token (introductory, intermediate, advanced)."""
    return obj.level


@indexer(ICourse)
def course_start(obj):
    """The day the course starts."""
    return obj.course_start


@indexer(ICourse)
def course_end(obj):
    """The day the course ends."""
    return obj.course_end


@indexer(ICourse)
def course_certificate(obj):
    """Whether the course gives a certificate."""
    return bool(obj.certificate)
