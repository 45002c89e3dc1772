"""One way for SocialHub's services to read their query parameters.

A service declares its parameters once, as a :class:`Parameters` of
:class:`Parameter` objects, and reads them with
``Parameters.parse(request)``: a dict of the values, converted and
checked, with each parameter's default for those not given. Anything wrong
raises ``zExceptions.BadRequest`` with a translated message that names the
parameter and says what it takes; :mod:`socialhub.core.errors` renders it.

The rules are the same everywhere:

- an unknown name is refused, and the message lists the names accepted;
- a parameter given several times (``?q=a&q=b``) is refused unless it
  takes several values (``multiple=True``: ``?themes=a&themes=b``);
- numbers are ASCII digits (``²`` is not a number), dates are real dates;
- ``b_start`` and ``b_size`` are :data:`BATCH`: a ``b_size`` over
  :data:`~socialhub.core.guard.limits.MAX_BATCH_SIZE` is reduced to it, as
  the REST guard does for stock services.

Nothing is written back into ``request.form``.
"""

from DateTime import DateTime
from DateTime.interfaces import DateTimeError
from plone.batching.batch import Batch
from plone.restapi.batching import HypermediaBatch
from socialhub.core import _
from socialhub.core.guard.limits import MAX_BATCH_SIZE
from zExceptions import BadRequest
from zope.i18n import translate

import datetime
import json
import re


#: The default size of a batch of SocialHub's services.
DEFAULT_BATCH_SIZE = 25
#: A whole number as a client writes it: ASCII digits (``²`` is not one).
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")
#: The longest value a message quotes back.
SHOWN_LENGTH = 60
#: A date or date and time, as ISO 8601 or as DateTime reads it.
DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+)?(Z|[+-][0-9:]+)?")
#: The dates a date index can store: DateIndex and DateRecurringIndex keep
#: minutes since year 0 in a signed 32-bit integer (up to the year 4083).
EARLIEST = datetime.date(1000, 1, 1)
LATEST = datetime.date(3999, 12, 31)


class Parameter:
    """A query parameter: its name, its default, one or several values."""

    def __init__(self, name, default=None, multiple=False):
        self.name = name
        self.default = default
        self.multiple = multiple

    def read(self, raw, request):
        """The value of the parameter from its raw form value (str or list)."""
        values = [value for value in as_list(raw) if value != ""]
        if not values:
            return [] if self.multiple else self.default
        if not self.multiple and len(values) > 1:
            fail(request, once_problem(self.name))
        converted = [self.convert(value, request) for value in values]
        return converted if self.multiple else converted[0]

    def convert(self, value, request):
        """One value, converted and checked (a text by default)."""
        if not isinstance(value, str):
            fail(
                request,
                _(
                    "error_parameter_text",
                    default="${name} must be a text.",
                    mapping={"name": self.name},
                ),
            )
        return value

    def matches(self, name):
        """Whether this parameter reads the form key ``name``."""
        return name == self.name


class Text(Parameter):
    """A text, stripped of surrounding white space."""

    def convert(self, value, request):
        return super().convert(value, request).strip()


class Choice(Parameter):
    """One of ``choices`` (a sequence, or a callable giving one)."""

    def __init__(self, name, choices, **kw):
        super().__init__(name, **kw)
        self.choices = choices

    def convert(self, value, request):
        value = super().convert(value, request)
        choices = self.choices() if callable(self.choices) else self.choices
        if value not in choices:
            fail(
                request,
                _(
                    "error_parameter_choice",
                    default="${name} must be one of ${choices}, not ${value}.",
                    mapping={
                        "name": self.name,
                        "choices": ", ".join(choices),
                        "value": value,
                    },
                ),
            )
        return value


class Integer(Parameter):
    """A whole number from ``minimum`` to ``maximum``.

    With ``clamp``, a number over ``maximum`` is reduced to it rather than
    refused (batch sizes, as the REST guard treats them).
    """

    def __init__(self, name, default=None, minimum=0, maximum=None, clamp=False):
        super().__init__(name, default=default)
        self.minimum = minimum
        self.maximum = maximum
        self.clamp = clamp

    def convert(self, value, request):
        value = super().convert(value, request)
        maximum = None if self.clamp else self.maximum
        number = whole_number(value, self.minimum, maximum)
        if number is None:
            fail(request, integer_problem(self.name, value, self.minimum, maximum))
        return min(number, self.maximum) if self.clamp else number


class Date(Parameter):
    """A calendar date, or a date and time, as a ``DateTime``."""

    def convert(self, value, request):
        value = super().convert(value, request)
        return parse_date(value, self.name, request)


class Suffixed(Parameter):
    """Parameters named ``<prefix>.<suffix>`` for a set of prefixes.

    ``prefixes`` is a callable giving the allowed prefixes (date indexes,
    say); the value is read by ``parameter``, given the full name.
    """

    def __init__(self, label, suffixes, parameter):
        super().__init__(label)
        self.suffixes = suffixes
        self.parameter = parameter

    def matches(self, name):
        prefix, dot, suffix = name.rpartition(".")
        return bool(prefix and dot and suffix in self.suffixes)


class Parameters:
    """The parameters a service takes."""

    def __init__(self, *parameters):
        self.parameters = parameters

    def names(self):
        """The names to list in messages."""
        return [parameter.name for parameter in self.parameters]

    def parse(self, request, form=None):
        """``{name: value}`` of every parameter; 400 for anything wrong.

        ``form`` defaults to the request's form. Suffixed parameters come
        back under their full names, as ``{name: value}`` dicts keyed by the
        label of their :class:`Suffixed`.
        """
        form = request.form if form is None else form
        values = {}
        for key in form:
            parameter = self.parameter_for(key)
            if parameter is None:
                fail(
                    request,
                    _(
                        "error_unknown_parameter",
                        default="Unknown parameter ${name}: use ${names}.",
                        mapping={"name": key, "names": ", ".join(self.names())},
                    ),
                )
            if isinstance(parameter, Suffixed):
                values.setdefault(parameter.name, {})[key] = parameter.parameter(
                    key
                ).read(form[key], request)
        for parameter in self.parameters:
            if isinstance(parameter, Suffixed):
                values.setdefault(parameter.name, {})
            else:
                values[parameter.name] = parameter.read(
                    form.get(parameter.name), request
                )
        return values

    def parameter_for(self, key):
        for parameter in self.parameters:
            if not isinstance(parameter, Suffixed) and parameter.matches(key):
                return parameter
        for parameter in self.parameters:
            if isinstance(parameter, Suffixed) and parameter.matches(key):
                return parameter
        return None


def batch(default_size=DEFAULT_BATCH_SIZE):
    """The ``b_start`` and ``b_size`` parameters of a batched service."""
    return (
        Integer("b_start", default=0),
        Integer(
            "b_size",
            default=default_size,
            minimum=1,
            maximum=MAX_BATCH_SIZE,
            clamp=True,
        ),
    )


class ParsedBatch(HypermediaBatch):
    """plone.restapi's batch of ``results`` at a parsed ``b_start`` and ``b_size``.

    ``HypermediaBatch`` reads the batch from the request's form (or JSON
    body); this one takes the values :func:`batch` parameters gave, so a
    service never writes them back into ``request.form``. Its links,
    ``canonical_url`` and ``items_total`` are plone.restapi's own.
    """

    def __init__(self, request, results, b_start, b_size):
        # HypermediaBatch.__init__ would read the form: set what it sets
        # (pinned in socialhub.core.compat.restapi).
        self.request = request
        self.b_start = b_start
        self.b_size = b_size
        self.batch = Batch(results, b_size, b_start)


def parse_date(value, name, request):
    """``value`` as a ``DateTime``; 400 naming ``name`` when it is no real
    date, or one beyond what a date index can store."""
    try:
        if not DATE_LIKE.fullmatch(value):
            raise DateTimeError(value)
        date = DateTime(value)
    except (DateTimeError, IndexError, OverflowError, TypeError, ValueError):
        fail(
            request,
            _(
                "error_search_date",
                default="${parameter} must be a date such as 2024-12-31, not ${value}.",
                mapping={"parameter": name, "value": value},
            ),
        )
    if not EARLIEST.year <= date.year() <= LATEST.year:
        fail(
            request,
            _(
                "error_query_date",
                default="${parameter} must be a date from ${earliest} to ${latest} "
                "such as 2024-12-31 or 2024-12-31T18:30, not ${value}.",
                mapping={
                    "parameter": name,
                    "earliest": EARLIEST.isoformat(),
                    "latest": LATEST.isoformat(),
                    "value": shown(value),
                },
            ),
        )
    return date


def whole_number(value, minimum=None, maximum=None):
    """``value`` (an int, or text of ASCII digits) as an int within bounds, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not WHOLE_NUMBER.fullmatch(value.strip()):
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    if (minimum is not None and value < minimum) or (
        maximum is not None and value > maximum
    ):
        return None
    return value


def once_problem(name):
    """The message refusing the parameter ``name`` given several times."""
    return _(
        "error_parameter_once",
        default="Give ${name} once.",
        mapping={"name": name},
    )


def integer_problem(name, value, minimum, maximum=None):
    """The message refusing ``value`` of the whole-number parameter ``name``."""
    if maximum is None:
        return _(
            "error_query_integer_minimum",
            default="${parameter} must be a whole number of at least ${minimum}, "
            "not ${value}.",
            mapping={"parameter": name, "minimum": minimum, "value": shown(value)},
        )
    return _(
        "error_query_integer",
        default="${parameter} must be a whole number from ${minimum} to "
        "${maximum}, not ${value}.",
        mapping={
            "parameter": name,
            "minimum": minimum,
            "maximum": maximum,
            "value": shown(value),
        },
    )


def shown(value):
    """``value`` as a message quotes it back: shortened, JSON unless text."""
    if not isinstance(value, str):
        try:
            value = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError, RecursionError):
            value = type(value).__name__
    if len(value) > SHOWN_LENGTH:
        value = value[: SHOWN_LENGTH - 1] + "…"
    return value


def as_list(value):
    """A form value as a list (a repeated parameter is already one)."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def fail(request, message):
    """Raise the 400 of ``request``, its message translated."""
    raise BadRequest(translate(message, context=request))
