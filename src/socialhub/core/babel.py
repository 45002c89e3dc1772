"""plone.app.multilingual's translation form ("Translate into") on a
SocialHub site.

The add-translation form shows each language-independent field (dates,
files, relations, identifiers) in display mode with the source's value:
the value is copied when the translation is saved. Two things break the
babel form on those fields:

- the display keeps the widget's pattern classes: ``pat-date-picker`` on a
  ``<span>`` replaces the source's date with an empty picker, so the
  translation side shows "Publication date" empty;
- ``babel_helper.js`` reads the ``input`` or ``textarea`` of every field it
  pairs with the source side (``tinymce.get(target.id)``) and fails with
  "Cannot read properties of null" on a display without one.

:class:`LanguageIndependentFieldDisplay` renders the display without the
pattern classes and with a disabled, nameless input, which the browser
never submits.
"""

from html import escape
from plone.app.multilingual.dx.form import LanguageIndependentFieldInputTemplate


class LanguageIndependentFieldDisplay(LanguageIndependentFieldInputTemplate):
    """A language-independent field of the add-translation form, shown with
    the source's value, inert, and paired by babel_helper.js."""

    def __call__(self, widget):
        widget.klass = " ".join(
            name for name in (widget.klass or "").split() if not name.startswith("pat-")
        )
        display = super().__call__(widget)
        anchor = (
            '<input type="hidden" disabled="disabled"'
            ' class="languageindependent-anchor"'
            f' id="{escape(widget.id)}-languageindependent" />'
        )
        return f"{display}\n{anchor}"
