"""Periods of two dates: an initiative's, a course's, its enrolment window.

The dates are the type's fields; the rule that the end is not before the
start is written once, as an interface invariant::

    invariant(ends_after_start("start", "end"))
"""

from socialhub.core import _
from zope.interface import Invalid


END_BEFORE_START = _(
    "error_end_before_start",
    default="The end date cannot be before the start date.",
)


def reversed_period(start, end):
    """True when both dates are given and ``end`` is before ``start``."""
    return start is not None and end is not None and end < start


def ends_after_start(start, end, message=END_BEFORE_START):
    """An invariant: the field ``end`` is not before the field ``start``.

    Unset dates pass; a reversed period raises ``Invalid(message)``.
    """

    def period_invariant(data):
        if reversed_period(getattr(data, start, None), getattr(data, end, None)):
            raise Invalid(message)

    period_invariant.__name__ = f"{end}_not_before_{start}"
    period_invariant.__doc__ = f"``{end}`` cannot be before ``{start}``."
    return period_invariant
