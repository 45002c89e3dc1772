"""The view pages of a Course (with its ordered modules) and of a CourseModule."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from socialhub.core.browser.records import RecordView


MODULE_TYPE = "CourseModule"


def course_modules(course):
    """The catalog records of the modules of ``course`` the user may View,
    in the course's order."""
    return api.content.find(
        context=course,
        depth=1,
        portal_type=MODULE_TYPE,
        sort_on="getObjPositionInParent",
    )


class CourseView(RecordView):
    """A course as a learner needs it: what, when, how, who, and its modules."""

    def facts(self):
        """The course's format, level, duration, dates, places and certificate."""
        context = self.context
        return {
            "format": self.choice_title("course_format"),
            "level": self.choice_title("level"),
            "duration": self.number(context.duration_hours),
            "period": self.period(context.course_start, context.course_end),
            "enrollment": self.period(context.enrollment_start, context.enrollment_end),
            "enrollment_url": context.enrollment_url,
            "capacity": self.number(context.capacity),
            "certificate": bool(context.certificate),
            "languages": ", ".join(self.resource_languages()),
        }

    def modules(self):
        """The modules: ``{"number", "title", "description", "url", "duration"}``."""
        return [
            {
                "number": self.number(number),
                "title": brain.Title,
                "description": brain.Description,
                "url": brain.getURL(),
            }
            for number, brain in enumerate(course_modules(self.context), start=1)
        ]


class CourseModuleView(RecordView):
    """A module: its course, its place in it, study time and materials."""

    def course(self):
        """``{"title", "url"}`` of the module's course."""
        course = aq_parent(aq_inner(self.context))
        return {"title": course.Title(), "url": course.absolute_url()}

    def neighbours(self):
        """The module's number and the previous and next modules (or None)."""
        course = aq_parent(aq_inner(self.context))
        brains = list(course_modules(course))
        uids = [brain.UID for brain in brains]
        uid = api.content.get_uuid(self.context)
        if uid not in uids:
            return {"number": None, "previous": None, "next": None}
        index = uids.index(uid)

        def link(position):
            if 0 <= position < len(brains):
                return {
                    "title": brains[position].Title,
                    "url": brains[position].getURL(),
                }
            return None

        return {
            "number": self.number(index + 1),
            "count": self.number(len(brains)),
            "previous": link(index - 1),
            "next": link(index + 1),
        }
