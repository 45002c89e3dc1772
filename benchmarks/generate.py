"""Fill a SocialHub site's catalog with a generated library of publications.

Run inside the benchmark's own instance, after ``socialhub create-site``::

    SOCIALHUB_VAR=DIR .venv/bin/python benchmarks/generate.py --scale 100000

It loads Zope the way ``socialhub create-site`` does (the project's
``instance/etc/zope.conf``, the settings of ``socialhub.cli``), then catalogs
``--scale`` publications under ``/Plone/<language>/publications/``.

The items are catalog records, not stored objects: creating 100,000 real
Dexterity items takes well over the quarter of an hour a benchmark may spend
on its data (about 13 ms each on two cores, growing with the catalog), while
the searches measured here never load an object: they read the catalog's
indexes and its metadata. So one real Publication is created first as a
template; every index and metadata value the real indexers give it is read
through Plone's own indexable wrapper, and the generated records copy those
values, changing what differs from item to item (id, path, UID, title,
language, dates, workflow state and who may view it, taxonomy terms with their
ancestors). The template itself is never committed. Opening a generated item's
URL answers 404.

Terms are drawn with a skewed (Zipf-like), seeded distribution, so a few
terms are frequent and most are rare, as in a real library: one to three
themes (never a root theme), one or two countries, one or two audiences.
Every item is published, visible to anonymous users. When done, it packs the
database and writes ``benchmark.json`` into the data folder: the marker that
says this database holds a complete library of that scale.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path

import argparse
import json
import random
import subprocess
import sys
import time
import uuid


CHECKOUT = Path(__file__).resolve().parent.parent
MARKER = "benchmark.json"
#: Bump when the generated data changes: older databases are then rebuilt.
VERSION = 2
DEFAULT_SEED = 2024
#: Languages of the generated items and their shares: mostly English.
LANGUAGES = {"en": 0.80, "fr": 0.12, "es": 0.08}
#: The taxonomies the items get terms of: (how many terms, their weights).
TERMS_PER_ITEM = {
    "themes": ((1, 2, 3), (0.5, 0.35, 0.15)),
    "geography": ((1, 2), (0.7, 0.3)),
    "audiences": ((1, 2), (0.6, 0.4)),
}
ZIPF_EXPONENT = 1.1
COMMIT_EVERY = 5000
# Publication (effective) dates: a day between these two, at 09:00 UTC.
# Whole days, not distinct minutes: with one date per minute, the
# effectiveRange index (a DateRangeIndex) holds a persistent set per minute,
# 100,000 of them, and ZCatalog's query planner now and then runs it first,
# unrestricted: such a query then loads them all, 1.1-1.5 s instead of 10 ms
# (see README.md). That is stock ZCatalog's behaviour, not the faceted
# search's; it would make the stock side of the comparison erratic and slow.
FIRST_DATE = datetime(2010, 1, 1, tzinfo=UTC)
LAST_DATE = datetime(2025, 12, 31, tzinfo=UTC)
KINDS = ("working paper", "policy brief", "report", "article", "case study")


def main(argv=None):
    """Generate the library; print what was done and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="items to make")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")

    settings = load_zope()
    started = time.monotonic()
    made = generate(settings, args.scale, args.seed)
    seconds = round(time.monotonic() - started, 1)
    write_marker(
        settings.var,
        {
            "state": "complete",
            "version": VERSION,
            "scale": args.scale,
            "seed": args.seed,
            "site_id": settings.site_id,
            "languages": made,
            "generation_seconds": seconds,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "git_commit": git_commit(),
        },
    )
    print(f"Cataloged {args.scale} publications in {seconds} s: {made}.", flush=True)


def load_zope():
    """Load Zope with the instance's configuration, as ``socialhub`` does."""
    from socialhub.cli import Settings
    from Zope2.Startup.run import make_wsgi_app

    settings = Settings.from_environ(CHECKOUT / "instance")
    settings.prepare()
    make_wsgi_app({}, str(settings.zope_conf))
    return settings


def git_commit():
    """The checkout's commit, with ``+dirty`` when it has uncommitted changes."""
    try:
        commit = _git("rev-parse", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit}+dirty" if dirty else commit


def _git(*arguments):
    return subprocess.run(
        ["git", *arguments],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def read_marker(folder):
    """The marker of a benchmark database in ``folder``, or None."""
    try:
        return json.loads((Path(folder) / MARKER).read_text())
    except (OSError, ValueError):
        return None


def write_marker(folder, data):
    """Record what the database in ``folder`` holds."""
    (Path(folder) / MARKER).write_text(json.dumps(data, indent=2) + "\n")


def generate(settings, scale, seed):
    """Catalog ``scale`` items; return how many went into each language."""
    from zope.component.hooks import setSite

    import transaction
    import Zope2

    app = Zope2.app()
    try:
        site = open_site(app, settings)
        template = template_values(site)
        transaction.abort()  # the template item is never stored
        catalog = site.portal_catalog
        made = dict.fromkeys(LANGUAGES, 0)
        for number, values in enumerate(records(site, template, scale, seed), 1):
            catalog.catalog_object(Record(values), uid=values["path"])
            made[values["Language"]] += 1
            if number % COMMIT_EVERY == 0 or number == scale:
                transaction.get().note(f"Benchmark library: {number} of {scale}")
                transaction.commit()
                app._p_jar.cacheGC()
                print(f"  {number} cataloged", flush=True)
        pack(settings.var)
        return made
    finally:
        transaction.abort()
        setSite(None)
        app._p_jar.close()
        Zope2.DB.close()


def pack(folder):
    """Pack the database: its size is then that of the data, not of history."""
    import Zope2

    print("  packing the database", flush=True)
    Zope2.DB.pack()
    old = Path(folder) / "filestorage" / "Data.fs.old"
    old.unlink(missing_ok=True)


def open_site(app, settings):
    """The site, set up as in a request: local components, browser layers, admin.

    The layers matter: plone.app.multilingual gives new content the language
    of its folder only in a request that has its layer.
    """
    from AccessControl.SecurityManagement import newSecurityManager
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.event import notify
    from zope.globalrequest import setRequest
    from zope.traversing.interfaces import BeforeTraverseEvent

    app = makerequest(app)
    setRequest(app.REQUEST)
    user = app.acl_users.getUser(settings.admin_user)
    if user is None:
        raise SystemExit(f"generate: no Zope user {settings.admin_user!r}")
    newSecurityManager(None, user.__of__(app.acl_users))
    site = app[settings.site_id]
    setSite(site)
    notify(BeforeTraverseEvent(site, app.REQUEST))
    return site


def template_values(site):
    """Every value the catalog reads from a real Publication.

    Its workflow state does not matter: the values that depend on it (state,
    dates, who may view it) are set per item, as for a published one.
    """
    from plone import api
    from plone.indexer.interfaces import IIndexableObject
    from zope.component import queryMultiAdapter

    item = api.content.create(
        container=site["en"]["publications"],
        type="Publication",
        id="benchmark-template",
        title="Benchmark template",
    )
    catalog = site.portal_catalog
    wrapper = queryMultiAdapter((item, catalog), IIndexableObject)
    values = {}
    for name in catalog_attributes(catalog):
        value = getattr(wrapper, name, Record.MISSING)
        if value is not Record.MISSING and callable(value):
            value = value()
        if value is not Record.MISSING:
            values[name] = value
    return values


def catalog_attributes(catalog):
    """The names of every attribute the catalog's indexes and metadata read."""
    names = set(catalog._catalog.schema)
    for index in catalog._catalog.indexes.values():
        names.update(index.getIndexSourceNames())
        # Date range and recurrence indexes read further attributes.
        for attribute in ("_since_field", "_until_field", "attr_recurdef"):
            if getattr(index, attribute, None):
                names.add(getattr(index, attribute))
    return sorted(names)


class Record:
    """A catalog stand-in: answers the attributes the catalog reads.

    It provides IIndexableObject, so Plone's catalog indexes it as it is,
    without looking up indexers.
    """

    MISSING = object()
    __slots__ = ("_values",)

    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None


def _provide_indexable():
    from plone.indexer.interfaces import IIndexableObject
    from zope.interface import classImplements

    classImplements(Record, IIndexableObject)


def records(site, template, scale, seed):
    """Yield the values of ``scale`` generated items, always the same for a seed."""
    from DateTime import DateTime
    from Products.CMFPlone.CatalogTool import sortable_title
    from socialhub.taxonomy import field_name
    from socialhub.taxonomy.terms import terms

    _provide_indexable()
    rng = random.Random(seed)
    vocabularies = {
        name: Vocabulary(terms(name, "en"), name, rng) for name in TERMS_PER_ITEM
    }
    site_path = "/".join(site.getPhysicalPath())
    days = (LAST_DATE - FIRST_DATE).days
    languages, shares = zip(*LANGUAGES.items(), strict=True)
    for number in range(scale):
        language = rng.choices(languages, shares)[0]
        item_id = f"benchmark-{number:06d}"
        effective = FIRST_DATE + timedelta(days=rng.randrange(days), hours=9)
        created = effective - timedelta(days=rng.randint(0, 60))
        values = dict(template)
        chosen = {}
        for name, (counts, weights) in TERMS_PER_ITEM.items():
            vocabulary = vocabularies[name]
            chosen[name] = vocabulary.pick(rng.choices(counts, weights)[0])
            values[field_name(name)] = vocabulary.with_ancestors(chosen[name])
        title = (
            f"{vocabularies['themes'].title(chosen['themes'][0])} in "
            f"{vocabularies['geography'].title(chosen['geography'][0])}: "
            f"{rng.choice(KINDS)} {number}"
        )
        values.update(
            {
                "id": item_id,
                "getId": item_id,
                "path": f"{site_path}/{language}/publications/{item_id}",
                "UID": uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                "TranslationGroup": uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                "Language": language,
                "Title": title,
                "sortable_title": sortable_title.callable(Record({"Title": title})),
                "SearchableText": f"{item_id} {title}",
                "review_state": "published",
                "allowedRolesAndUsers": ["Anonymous"],
                "publication_date": effective.date(),
                "getObjPositionInParent": number,
            }
        )
        values["getPhysicalPath"] = tuple(values["path"].split("/"))
        values.update(dates(DateTime(created), DateTime(effective)))
        yield values


def dates(created, effective):
    """The date indexes and metadata of an item created, then published."""
    return {
        "created": created,
        "modified": effective,
        "effective": effective,
        "Date": effective.ISO8601(),
        "CreationDate": created.ISO8601(),
        "ModificationDate": effective.ISO8601(),
        "EffectiveDate": effective.ISO8601(),
    }


class Vocabulary:
    """The terms of one taxonomy an item may get, with skewed odds.

    Which terms are frequent is itself drawn from the seed: the candidates
    are shuffled, then the n-th gets a weight of 1 / n ** ZIPF_EXPONENT.
    """

    def __init__(self, terms, name, rng):
        self.terms = terms
        self.rng = rng
        tokens = terms.ordered_tokens()
        if name == "themes":
            # Leaf or mid-level themes, never the broad root themes.
            candidates = [token for token in tokens if terms.parent(token)]
        elif name == "geography":
            # Countries: the terms without narrower terms.
            parents = {terms.parent(token) for token in tokens}
            candidates = [token for token in tokens if token not in parents]
        else:
            candidates = list(tokens)
        rng.shuffle(candidates)
        self.candidates = candidates
        self.weights = [
            1 / rank**ZIPF_EXPONENT for rank in range(1, len(candidates) + 1)
        ]
        self.lineages = {token: terms.lineage(token) for token in tokens}

    def pick(self, count):
        """``count`` distinct tokens (fewer if the vocabulary is that small)."""
        count = min(count, len(self.candidates))
        chosen = []
        for _attempt in range(100 * count):
            token = self.rng.choices(self.candidates, self.weights)[0]
            if token not in chosen:
                chosen.append(token)
            if len(chosen) == count:
                break
        return chosen

    def with_ancestors(self, tokens):
        """The tokens and their ancestors, as the taxonomy indexer gives them."""
        found = []
        for token in tokens:
            for ancestor in self.lineages[token]:
                if ancestor not in found:
                    found.append(ancestor)
        return found

    def title(self, token):
        return self.terms.title(token)


if __name__ == "__main__":
    sys.exit(main())
