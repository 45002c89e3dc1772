"""People fields (authors, speakers, instructors) as rows of inputs.

A :class:`socialhub.core.fields.PersonList` stores a list of dicts, the same
over REST and in the Classic UI. Its form widget is
collective.z3cform.datagridfield's grid, one row per person and one input
per key of :class:`socialhub.core.fields.IPerson` (name, affiliation, ORCID
iD, web address); rows are added, removed and reordered in the page. A row
stores the keys that have a value only, as a REST client does, so a list
stored over REST opens in the form and saves unchanged.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldObjectWidget
from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from collective.z3cform.datagridfield.interfaces import IDataGridFieldLayer
from collective.z3cform.datagridfield.interfaces import IDataGridFieldWidget
from collective.z3cform.datagridfield.row import DictRow
from collective.z3cform.datagridfield.row import DictRowConverter
from socialhub.core import _
from socialhub.core.fields import IRowList
from z3c.form.converter import BaseDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import NO_VALUE
from z3c.form.validator import SimpleFieldValidator
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ValidationError


def row_field(field):
    """The row of a grid of ``field``: a dict with the keys of its row schema."""
    return DictRow(schema=field.row_schema, __name__="person", required=False)


# The names of the rows that are not people: the row the page turns into a
# person when the editor types in it, and the template of new rows.
UNSAVED_ROWS = ("AA", "TT")
# More rows than any list of authors has: a count the page never sends.
MAX_ROWS = 500


class IPersonRowsWidget(IDataGridFieldWidget):
    """The grid of a person list: one row of inputs per person."""


class InvalidPersonRows(ValidationError):
    __doc__ = _(
        "error_person_rows",
        default="Correct the people marked below.",
    )


class UnreadableRows(ValidationError):
    __doc__ = _(
        "error_person_rows_count",
        default="The rows of people could not be read: reload the form.",
    )


@implementer(IPersonRowsWidget)
class PersonRowsWidget(DataGridFieldWidget):
    """A datagrid of rows for a :class:`socialhub.core.fields.RowList`
    (people, affiliations).

    The datagrid reads its rows from a ``List`` field's ``value_type``; a
    row list is a JSON field: the rows are its :func:`row_field`.
    """

    allow_reorder = True
    unreadable_count = False

    @property
    def field(self):
        return self._field

    @field.setter
    def field(self, value):
        self._field = value
        self.columns = [
            {
                "name": name,
                "label": column.title,
                "description": column.description,
                "required": column.required,
                "mode": None,
            }
            for name, column in getFieldsInOrder(value.row_schema)
        ]
        self.row = row_field(value)

    def createObjectWidget(self, idx):
        """The widget of one row: one input per key of a person."""
        widget = FieldWidget(self.row, DataGridFieldObjectWidget(self.request))
        widget.setErrors = idx not in UNSAVED_ROWS
        return widget

    def extract(self, default=NO_VALUE):
        """The rows sent, or none and an error for a count of rows that is
        not a number of at most :data:`MAX_ROWS` (z3c.form would answer 500
        or build as many rows)."""
        count = self.request.get(self.counterName)
        self.unreadable_count = count is not None and not (
            isinstance(count, str)
            and count.isascii()
            and count.isdigit()
            and int(count) <= MAX_ROWS
        )
        if self.unreadable_count:
            return []
        return super().extract(default)

    def person_rows(self):
        """The row widgets of the people, without the unsaved rows."""
        return [
            row
            for row in self.widgets or ()
            if not row.name.endswith(tuple("." + name for name in UNSAVED_ROWS))
        ]


@adapter(IRowList, IDataGridFieldLayer)
@implementer(IFieldWidget)
def PersonRowsFieldWidget(field, request):
    """The form widget of a person list: rows of inputs."""
    return FieldWidget(field, PersonRowsWidget(request))


def stored_person(row):
    """A person as a person list stores it: the keys that have a value."""
    return {name: value for name, value in row.items() if value not in (None, "")}


def same_person_key(person):
    """What the rows show of ``person``: equal for a person saved unchanged."""
    return tuple(sorted(stored_person(person).items()))


@adapter(IRowList, IPersonRowsWidget)
class PersonRowsConverter(BaseDataConverter):
    """A person list to and from the rows of its grid."""

    def row_converter(self, index):
        rows = self.widget.person_rows()
        row = rows[index] if index < len(rows) else self.widget.getWidget(index)
        return DictRowConverter(self.widget.row, row)

    def toWidgetValue(self, value):
        return [
            self.row_converter(index).toWidgetValue(person)
            for index, person in enumerate(value or ())
        ]

    def toFieldValue(self, value):
        # A person saved unchanged keeps what it had, empty keys included
        # (a REST client may store ``"affiliation": ""``), wherever its row
        # was moved.
        # _get_stored_rows: the datagrid's own reading of the stored value
        # (a private method; no public one gives it).
        unchanged = {
            same_person_key(person): person
            for person in self.widget._get_stored_rows() or ()
            if isinstance(person, dict)
        }
        people = []
        for index, row in enumerate(value or ()):
            person = stored_person(self.row_converter(index).toFieldValue(row))
            people.append(dict(unchanged.get(same_person_key(person), person)))
        return people


@adapter(Interface, Interface, Interface, IRowList, IPersonRowsWidget)
class PersonRowsValidator(SimpleFieldValidator):
    """A person list whose rows have errors is refused with a message next
    to the field; each input says its own error."""

    def validate(self, value, force=False):
        if self.widget.unreadable_count:
            raise UnreadableRows()
        for row in self.widget.person_rows():
            if any(getattr(cell, "error", None) for cell in row.widgets.values()):
                raise InvalidPersonRows()
        return super().validate(value, force)
