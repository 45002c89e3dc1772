"""Lists of people: a publication's authors, a course's instructors, speakers.

The field is :class:`socialhub.core.fields.PersonList` (name, affiliation,
ORCID iD, web address per row); :class:`person_lists` declares what every
such list is: the same in every language, and searchable by its names and
affiliations::

    authors = PersonList(title=_("label_authors", default="Authors"))
    person_lists("authors")
"""

from plone.app.dexterity.textindexer.directives import SEARCHABLE_KEY
from plone.app.multilingual.dx.directives import LANGUAGE_INDEPENDENT_KEY
from plone.supermodel.directives import Directive
from zope.interface import Interface


class person_lists(Directive):
    """Schema directive: ``names`` are lists of people.

    As ``searchable(...)`` and ``languageindependent(...)`` together.
    """

    def factory(self, *names):
        if not names:
            raise TypeError("person_lists expects at least one field name.")
        return [(Interface, name, "true") for name in names]

    def store(self, tags, value):
        tags.setdefault(SEARCHABLE_KEY, []).extend(value)
        tags.setdefault(LANGUAGE_INDEPENDENT_KEY, []).extend(value)
