"""Full-text indexing of the shared field kinds (``plone.textindexer``)."""

from plone.app.dexterity.textindexer.converters import (
    DefaultDexterityTextIndexFieldConverter,
)
from plone.dexterity.interfaces import IDexterityContent
from socialhub.core.fields import IPersonList
from socialhub.core.fields import persons_text
from z3c.form.interfaces import IWidget
from zope.component import adapter


@adapter(IDexterityContent, IPersonList, IWidget)
class PersonListConverter(DefaultDexterityTextIndexFieldConverter):
    """A person list marked ``searchable`` indexes names and affiliations."""

    def convert(self):
        return persons_text(self.field.get(self.context))
