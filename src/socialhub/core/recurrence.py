"""Recurrence rules of events checked before they are stored.

An event's ``recurrence`` (plone.app.event's ``IEventRecurrence``) is a text
field: any text was stored, and a rule that is not one (``"x"``) made every
later indexing of the event fail in plone.app.event's indexers (HTTP 500 at
the end of the request). Here a rule is expanded once, as those indexers do,
before it is stored: over REST a field error
(:func:`recurrence_problems`, called by the content deserializer), in the
Classic UI the error next to the field (:class:`RecurrenceValidator`).
"""

from datetime import datetime
from itertools import islice
from plone.app.event.dx.behaviors import IEventRecurrence
from plone.event.recurrence import recurrence_sequence_ical
from socialhub.core import _
from socialhub.core.textinput import TextLengthValidator
from z3c.form import validator
from zope.i18n import translate
from zope.schema.interfaces import ValidationError

import pytz


#: Any start will do: whether a rule can be read does not depend on it.
START = datetime(2024, 1, 1, tzinfo=pytz.utc)  # plone.event localizes with pytz
RECURRENCE = IEventRecurrence["recurrence"]


class InvalidRecurrence(ValidationError):
    __doc__ = _(
        "error_recurrence",
        default="This is not a recurrence rule such as RRULE:FREQ=WEEKLY;COUNT=10.",
    )


def check_recurrence(rule):
    """Raise :class:`InvalidRecurrence` unless ``rule`` can be expanded."""
    if not rule or not isinstance(rule, str):
        return  # left to the text field
    try:
        list(islice(recurrence_sequence_ical(START, recrule=rule, count=2), 2))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        raise InvalidRecurrence(rule) from None


def recurrence_problems(context, data, request):
    """``[{"field", "message"}]`` when ``data`` gives an event a bad rule."""
    if "recurrence" not in data or not IEventRecurrence.providedBy(context):
        return []
    try:
        check_recurrence(data["recurrence"])
    except InvalidRecurrence as error:
        message = translate(error.doc(), context=request)
        return [{"field": "recurrence", "error": "ValidationError", "message": message}]
    return []


class RecurrenceValidator(TextLengthValidator):
    """The validator of the recurrence widget, which also reads the rule."""

    def validate(self, value, force=False):
        super().validate(value, force)
        check_recurrence(value)


validator.WidgetValidatorDiscriminators(RecurrenceValidator, field=RECURRENCE)
