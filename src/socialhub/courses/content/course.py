"""Course: an e-course or MOOC of the virtual campus, made of modules."""

from plone.app.multilingual.dx import directives as multilingual
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.behaviors.organisations import organisation_relations
from socialhub.core.behaviors.organisations import organisations_picker
from socialhub.core.behaviors.people import person_lists
from socialhub.core.behaviors.period import ends_after_start
from socialhub.core.content import Container
from socialhub.core.fields import PersonList
from socialhub.core.fields import WebURL
from socialhub.core.interfaces import ISocialHubContent
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


COURSE_FORMATS = SimpleVocabulary(
    [
        SimpleTerm(
            "instructor_led",
            title=_("course_format_instructor_led", default="Instructor-led"),
        ),
        SimpleTerm(
            "self_paced", title=_("course_format_self_paced", default="Self-paced")
        ),
        SimpleTerm("blended", title=_("course_format_blended", default="Blended")),
    ]
)

LEVELS = SimpleVocabulary(
    [
        SimpleTerm(
            "introductory", title=_("level_introductory", default="Introductory")
        ),
        SimpleTerm(
            "intermediate", title=_("level_intermediate", default="Intermediate")
        ),
        SimpleTerm("advanced", title=_("level_advanced", default="Advanced")),
    ]
)

# Besides the people and partners, language-independent by their directives.
LANGUAGE_INDEPENDENT = (
    "course_format",
    "level",
    "duration_hours",
    "course_start",
    "course_end",
    "enrollment_start",
    "enrollment_end",
    "enrollment_url",
    "capacity",
    "certificate",
)


class ICourse(model.Schema):
    """An e-course or MOOC: its format, level, dates, enrolment and people."""

    course_format = schema.Choice(
        title=_("label_course_format", default="Format"),
        description=_(
            "help_course_format",
            default="Instructor-led (with a tutor and a cohort), self-paced, or both.",
        ),
        vocabulary=COURSE_FORMATS,
        required=False,
    )
    level = schema.Choice(
        title=_("label_course_level", default="Level"),
        vocabulary=LEVELS,
        required=False,
    )
    duration_hours = schema.Int(
        title=_("label_duration_hours", default="Duration (hours)"),
        description=_(
            "help_course_duration_hours",
            default="The estimated study time of the whole course.",
        ),
        required=False,
        min=1,
        max=1000,
    )
    course_start = schema.Date(
        title=_("label_course_start", default="Course starts"),
        required=False,
    )
    course_end = schema.Date(
        title=_("label_course_end", default="Course ends"),
        required=False,
    )
    enrollment_start = schema.Date(
        title=_("label_enrollment_start", default="Enrolment opens"),
        required=False,
    )
    enrollment_end = schema.Date(
        title=_("label_enrollment_end", default="Enrolment closes"),
        required=False,
    )
    enrollment_url = WebURL(
        title=_("label_enrollment_url", default="Enrolment address"),
        # Learners also enrol by e-mail.
        allow_mailto=True,
        description=_(
            "help_enrollment_url",
            default="Where learners sign up, e.g. the course page of the learning "
            "platform.",
        ),
        required=False,
    )
    capacity = schema.Int(
        title=_("label_capacity", default="Places"),
        description=_(
            "help_capacity",
            default="How many learners can enrol; leave empty when there is no limit.",
        ),
        required=False,
        min=1,
    )
    certificate = schema.Bool(
        title=_("label_certificate", default="Certificate"),
        description=_(
            "help_certificate",
            default="Learners who complete the course receive a certificate.",
        ),
        required=False,
        default=False,
    )
    instructors = PersonList(
        title=_("label_instructors", default="Instructors"),
        description=_(
            "help_instructors",
            default="Each with a name and optionally an affiliation, an ORCID iD "
            "and a web address.",
        ),
    )
    person_lists("instructors")
    partners = organisation_relations(
        _("label_partners", default="Partner organisations")
    )
    organisations_picker("partners")

    multilingual.languageindependent(*LANGUAGE_INDEPENDENT)

    invariant(ends_after_start("course_start", "course_end"))
    invariant(
        ends_after_start(
            "enrollment_start",
            "enrollment_end",
            _(
                "error_enrollment_end_before_start",
                default="Enrolment cannot close before it opens.",
            ),
        )
    )


@implementer(ICourse, ISocialHubContent)
class Course(Container):
    """A course: a folder of its modules, in their order."""
