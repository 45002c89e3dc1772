"""Dates and numbers formatted for the page's locale ("15 mars 2025", "12 345")."""

from socialhub.core.languages import search_language
from zope.i18n.locales import LoadLocaleError
from zope.i18n.locales import locales

import datetime


def page_language(context, request):
    """The language of a view page: its language root's (``/fr/...``: fr)."""
    return search_language(context, request)


def page_locale(context, request):
    """The zope.i18n locale of the page's language.

    A combined code (``pt-br``) gives the country's variant where zope.i18n
    has it, else the language's; an unknown language gives English.
    """
    language, _, country = (page_language(context, request) or "en").partition("-")
    for arguments in ((language, country.upper() or None), (language,), ("en",)):
        try:
            return locales.getLocale(*arguments)
        except LoadLocaleError:
            continue


def format_date(value, locale, length="long"):
    """A date (or the date of a datetime) as the locale writes it; "" if None.

    ``length`` is a CLDR length: ``"long"`` gives "15 mars 2025" in French,
    "March 15, 2025" in English.
    """
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return locale.dates.getFormatter("date", length).format(value)


def format_number(value, locale):
    """An integer or a decimal number with the locale's separators; "" if None.

    Years are not numbers: write them with :func:`format_year`.
    """
    if value is None:
        return ""
    return locale.numbers.getFormatter("decimal").format(value)


def format_year(value):
    """A year as a reader writes it, without grouping: "2015"; "" if None."""
    return "" if value is None else str(int(value))


def format_period(start, end, locale):
    """Two dates as a period: "1 janvier 2019 – 31 décembre 2027".

    An open end gives "1 janvier 2019 –"; "" when neither date is set.
    """
    if start is None and end is None:
        return ""
    return " – ".join([format_date(start, locale), format_date(end, locale)]).strip()
