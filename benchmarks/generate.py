"""Fill the benchmark database: a SocialHub library, and a stock Plone site.

Run inside the benchmark's own instance, after ``socialhub --no-demo
create-site``::

    SOCIALHUB_VAR=DIR .venv/bin/python benchmarks/generate.py --scale 12000

It loads Zope the way ``socialhub create-site`` does (the project's
``instance/etc/zope.conf``, the settings of ``socialhub.cli``), then creates
``--scale`` real items, as a REST client would (plone.api and plone.restapi's
deserializer, so every field is validated, indexed, versioned and published
by the workflow):

- in the SocialHub site (``/Plone``): publications, actors, initiatives,
  courses and events in the shares of ``SHARES``, their fields taken from the
  demo content of the same type (``profiles/demo/content``), with generated
  titles, dates and taxonomy terms drawn with a skewed (Zipf-like), seeded
  distribution (a few terms frequent, most rare: one to three themes, one or
  two countries, one or two audiences), relations to generated organisations,
  publications and initiatives, and translations: about 23 % of the items
  are French or Spanish translations of English ones;
- in a stock Plone site beside it (``/stock``: plone.app.contenttypes,
  plone.restapi and plone.app.multilingual in the same three languages,
  nothing of SocialHub), the stock baseline: Documents in ``/stock/<language>
  /pages``, translated in the same shares.

Item ``n`` of a type is ``<type>-<n:06d>`` (``publication-000000``) in the
English section, ``...-fr`` / ``...-es`` for its translations; the first ones
are translated into both languages, so the benchmark reads those. Every item
is published (actors: verified), visible to anonymous users. When done, it
packs the database and writes ``benchmark.json`` into the data folder: the
marker that says this database holds a complete library of that scale.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from functools import cached_property
from pathlib import Path

import argparse
import copy
import json
import math
import random
import subprocess
import sys
import time


CHECKOUT = Path(__file__).resolve().parent.parent
MARKER = "benchmark.json"
#: Bump when the generated data changes: older databases are then rebuilt
#: (5: SocialHub's types keep versions, as the stock Document does; 6: both
#: sites are Classic UI sites themed with Barceloneta, every Course has a
#: CourseModule).
VERSION = 6
DEFAULT_SEED = 2024
SITE_ID = "Plone"
STOCK_SITE_ID = "stock"
STOCK_PROFILES = (
    # A Classic UI site, as plone.classicui sets it up (its base profiles).
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
    "plone.restapi:default",
    # Stock plone.app.multilingual in English, French and Spanish.
    "socialhub.profiles:languages",
)
#: What the items are, in this order (targets of relations first), and the
#: share of ``--scale`` each type gets. Documents go into the stock site.
SHARES = {
    "Actor": 0.10,
    "Publication": 0.55,
    "Initiative": 0.10,
    "Course": 0.05,
    "Event": 0.15,
    "Document": 0.05,
}
SECTIONS = {
    "Actor": "actors",
    "Publication": "publications",
    "Initiative": "initiatives",
    "Course": "courses",
    "Event": "events",
    "Document": "pages",
}
#: The id of the module every generated English course has.
MODULE_ID = "module-1"
#: Enough for an item of every type and its two translations.
MINIMUM_SCALE = 60
#: Of the items of a type, how many are translations, and into what.
TRANSLATED_SHARE = 0.23
TRANSLATION_LANGUAGES = {"fr": 2 / 3, "es": 1 / 3}
#: The taxonomies whose terms are drawn: (how many terms, their weights).
TERMS_PER_ITEM = {
    "themes": ((1, 2, 3), (0.5, 0.35, 0.15)),
    "geography": ((1, 2), (0.7, 0.3)),
    "audiences": ((1, 2), (0.6, 0.4)),
}
ZIPF_EXPONENT = 1.1
COMMIT_EVERY = 200
# Publication (effective) dates: a day between these two, at 09:00 UTC.
# Whole days, not distinct minutes: with one date per minute, the
# effectiveRange index (a DateRangeIndex) holds a persistent set per minute,
# and ZCatalog's query planner now and then runs it first, unrestricted: such
# a query then loads them all, 1.1-1.5 s instead of 10 ms at 100,000 items
# (see README.md). That is stock ZCatalog's behaviour, not SocialHub's; it
# would make the stock side of the comparisons erratic and slow.
FIRST_DATE = datetime(2010, 1, 1, tzinfo=UTC)
LAST_DATE = datetime(2025, 12, 31, tzinfo=UTC)
KINDS = ("working paper", "policy brief", "report", "article", "case study")
DOCUMENT_TEXT = (
    "<p>{title}.</p><p>A page of the stock site: the baseline SocialHub's "
    "types are compared with. It has a title, a description and this rich "
    "text, like most pages of a Plone site.</p>"
)


def main(argv=None):
    """Generate the content; print what was done and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="items to make")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.scale < MINIMUM_SCALE:
        parser.error(f"--scale must be at least {MINIMUM_SCALE}")

    settings = load_zope()
    started = time.monotonic()
    made = generate(settings, plan(args.scale), args.seed)
    seconds = round(time.monotonic() - started, 1)
    write_marker(
        settings.var,
        {
            "state": "complete",
            "version": VERSION,
            "scale": args.scale,
            "seed": args.seed,
            "site_id": settings.site_id,
            "items": made,
            "generation_seconds": seconds,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "git_commit": git_commit(),
        },
    )
    print(f"Created {args.scale} items in {seconds} s: {made}.", flush=True)


def plan(scale):
    """``{portal_type: (originals, {language: translations})}`` adding to ``scale``.

    Every type gets at least one original translated into both languages:
    the benchmark reads the first item of each type with its translations.
    """
    counts = {}
    left = scale
    for number, (portal_type, share) in enumerate(SHARES.items()):
        last = number == len(SHARES) - 1
        total = left if last else max(3, round(scale * share))
        left -= total
        translated = max(2, math.floor(total * TRANSLATED_SHARE))
        french = max(1, round(translated * TRANSLATION_LANGUAGES["fr"]))
        counts[portal_type] = (
            total - translated,
            {"fr": french, "es": translated - french},
        )
    return counts


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


def item_id(portal_type, number, language="en"):
    """The id of generated item ``number`` of a type in a language."""
    base = f"{portal_type.lower()}-{number:06d}"
    return base if language == "en" else f"{base}-{language}"


def generate(settings, counts, seed):
    """Create the items of ``counts``; return how many of each, by language."""
    from zope.component.hooks import setSite

    import transaction
    import Zope2

    root = Zope2.app()
    try:
        rng = random.Random(seed)
        made = {}
        # Each site in a request of its own: the browser layers of one site
        # must not reach the other.
        app = logged_in(root, settings.admin_user)
        stock = ensure_stock_site(app)
        enter(app, STOCK_SITE_ID)
        made["Document"] = Library(stock, rng).make("Document", *counts["Document"])
        transaction.commit()
        app = logged_in(root, settings.admin_user)
        library = Library(enter(app, settings.site_id), rng)
        for portal_type, (originals, translations) in counts.items():
            if portal_type != "Document":
                made[portal_type] = library.make(portal_type, originals, translations)
                transaction.commit()
        pack(settings.var)
        return made
    finally:
        transaction.abort()
        setSite(None)
        root._p_jar.close()
        Zope2.DB.close()


def pack(folder):
    """Pack the database: its size is then that of the data, not of history."""
    import Zope2

    print("  packing the database", flush=True)
    Zope2.DB.pack()
    old = Path(folder) / "filestorage" / "Data.fs.old"
    old.unlink(missing_ok=True)


def logged_in(app, username):
    """The application in a request, as the Zope user ``username``."""
    from AccessControl.SecurityManagement import newSecurityManager
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest

    app = makerequest(app)
    setRequest(app.REQUEST)
    user = app.acl_users.getUser(username)
    if user is None:
        raise SystemExit(f"generate: no Zope user {username!r}")
    newSecurityManager(None, user.__of__(app.acl_users))
    return app


def enter(app, site_id):
    """Make ``site_id`` the current site, with its browser layers, as a request does.

    The layers matter: plone.app.multilingual gives new content the language
    of its folder, and SocialHub's strict deserializer checks the fields, only
    in a request that has their layers.
    """
    from zope.component.hooks import setSite
    from zope.event import notify
    from zope.traversing.interfaces import BeforeTraverseEvent

    site = app[site_id]
    setSite(site)
    notify(BeforeTraverseEvent(site, app.REQUEST))
    return site


def ensure_stock_site(app):
    """The stock Plone site of the comparison, created if missing."""
    from Products.CMFPlone.factory import addPloneSite

    if STOCK_SITE_ID in app.objectIds():
        return app[STOCK_SITE_ID]
    print("  creating the stock Plone site", flush=True)
    site = addPloneSite(
        app,
        STOCK_SITE_ID,
        title="Stock Plone",
        extension_ids=STOCK_PROFILES,
        default_language="en",
    )
    # Themed on 127.0.0.1 too, as SocialHub's site (its site profile):
    # plone.app.theming leaves that host unthemed by default.
    site.portal_registry[
        "plone.app.theming.interfaces.IThemeSettings.hostnameBlacklist"
    ] = []
    for language in ("en", "fr", "es"):
        folder = _stock_create(site[language], "Folder", "pages", f"Pages ({language})")
        _stock_publish(folder)
    _link(site["en"]["pages"], {code: site[code]["pages"] for code in ("fr", "es")})
    return site


def _stock_create(container, portal_type, new_id, title, **fields):
    from plone import api

    return api.content.create(
        container=container,
        type=portal_type,
        id=new_id,
        title=title,
        language=container.Language(),
        **fields,
    )


def _stock_publish(item):
    from plone import api

    api.content.transition(obj=item, transition="publish")


def _link(original, translations):
    from plone.app.multilingual.interfaces import ITranslationManager

    manager = ITranslationManager(original)
    for language, translation in translations.items():
        manager.register_translation(language, translation)


class Library:
    """Creates the generated items of each type, always the same for a seed."""

    def __init__(self, site, rng):
        self.site = site
        self.rng = rng
        self.made = {}  # {portal_type: [English item paths]}
        self.days = (LAST_DATE - FIRST_DATE).days

    @cached_property
    def templates(self):
        """``{portal_type: [demo entries]}``: the fields items are made from."""
        from socialhub.profiles.democontent import demo_entries

        templates = {}
        for entry in demo_entries():
            templates.setdefault(entry["@type"], []).append(entry)
        return templates

    @cached_property
    def vocabularies(self):
        """The SocialHub site's taxonomies terms are drawn from."""
        from socialhub.taxonomy.terms import terms

        return {
            name: Vocabulary(terms(name, "en"), name, self.rng)
            for name in TERMS_PER_ITEM
        }

    def make(self, portal_type, originals, translations):
        """Create a type's originals and translations; ``{language: count}``."""
        started = time.monotonic()
        paths = self.made.setdefault(portal_type, [])
        for number in range(originals):
            languages = [
                language for language, count in translations.items() if number < count
            ]
            if portal_type == "Document":
                paths.append(self.document(number, languages))
            else:
                paths.append(self.record(portal_type, number, languages))
            if (number + 1) % COMMIT_EVERY == 0:
                self.commit(portal_type, number + 1, originals)
        seconds = time.monotonic() - started
        made = {"en": originals, **translations}
        print(
            f"  {portal_type}: {sum(made.values())} items in {seconds:.0f} s "
            f"({1000 * seconds / max(1, sum(made.values())):.1f} ms each)",
            flush=True,
        )
        return made

    def commit(self, portal_type, done, originals):
        import transaction

        transaction.get().note(f"Benchmark content: {portal_type} {done}")
        transaction.commit()
        self.site._p_jar.cacheGC()
        print(f"    {done} of {originals} {portal_type} originals", flush=True)

    def record(self, portal_type, number, languages):
        """One SocialHub item, its relations and translations; its path."""
        from plone.app.multilingual.interfaces import ITranslationManager
        from socialhub.profiles.democontent import add_item
        from socialhub.profiles.democontent import deserialize
        from socialhub.profiles.democontent import relation_values

        templates = self.templates[portal_type]
        template = templates[number % len(templates)]
        fields = self.fields(portal_type, number, template)
        section = self.site["en"][SECTIONS[portal_type]]
        item = add_item(
            section,
            portal_type,
            item_id(portal_type, number),
            fields,
            template.get("state"),
        )
        relations = self.relations(template.get("relations", {}))
        if relations:
            deserialize(item, relation_values(item, relations))
            item.reindexObject()
        if portal_type == "Course":
            self.module(item, number)
        manager = ITranslationManager(item)
        for language in languages:
            translated = {
                **fields,
                **template.get("translations", {}).get(language, {}).get("fields", {}),
            }
            translated["title"] = f"{translated['title']} ({number})"
            target = self.site[language][SECTIONS[portal_type]]
            translation = add_item(
                target,
                portal_type,
                item_id(portal_type, number, language),
                translated,
                template.get("state"),
            )
            manager.register_translation(language, translation)
        return "/".join(item.getPhysicalPath()[2:])

    def module(self, course, number):
        """The first module of an English course, from a demo module."""
        from socialhub.profiles.democontent import add_item

        templates = self.templates["CourseModule"]
        template = templates[number % len(templates)]
        fields = copy.deepcopy(template["fields"])
        fields["title"] = f"{fields['title']} ({number})"
        add_item(course, "CourseModule", MODULE_ID, fields, template.get("state"))

    def fields(self, portal_type, number, template):
        """A template's fields with this item's title, date and terms."""
        from socialhub.profiles.democontent import RECORD_KEYS

        fields = copy.deepcopy(template["fields"])
        for value in fields.values():
            for row in value if isinstance(value, list) else ():
                for key in RECORD_KEYS if isinstance(row, dict) else ():
                    # Rows name demo records (people, organisations) by path:
                    # the benchmark site has none of them.
                    row.pop(key, None)
        chosen = {}
        for name, (counts, weights) in TERMS_PER_ITEM.items():
            key = f"taxonomy_{name}"
            if key in fields:
                vocabulary = self.vocabularies[name]
                chosen[name] = vocabulary.pick(self.rng.choices(counts, weights)[0])
                fields[key] = chosen[name]
        effective = FIRST_DATE + timedelta(days=self.rng.randrange(self.days), hours=9)
        subject = self.vocabularies["themes"].title(
            chosen.get("themes", ["social-protection"])[0]
        )
        place = (
            self.vocabularies["geography"].title(chosen["geography"][0])
            if "geography" in chosen
            else "the world"
        )
        fields["title"] = f"{subject} in {place}: {self.rng.choice(KINDS)} {number}"
        fields["effective"] = effective.isoformat()
        if portal_type == "Publication":
            fields["publication_date"] = effective.date().isoformat()
            fields.pop("doi", None)  # unique in real data; not generated
            fields.pop("isbn", None)
        if portal_type == "Event":
            start = effective + timedelta(days=30)
            fields["start"] = start.isoformat()
            fields["end"] = (start + timedelta(hours=2)).isoformat()
        return fields

    def relations(self, template_relations):
        """The template's relations, pointing to generated items of the same types."""
        relations = {}
        for name, paths in template_relations.items():
            portal_type = _type_of_section(paths[0])
            candidates = self.made.get(portal_type)
            if not candidates:
                continue  # a type generated later: left out
            count = min(len(paths), len(candidates))
            relations[name] = [
                "/" + path for path in self.rng.sample(candidates, count)
            ]
        return relations

    def document(self, number, languages):
        """One stock Document with its translations; its path."""
        from plone.app.multilingual.interfaces import ITranslationManager
        from plone.app.textfield.value import RichTextValue

        effective = FIRST_DATE + timedelta(days=self.rng.randrange(self.days), hours=9)
        items = {}
        for language in ["en", *languages]:
            title = f"Page {number} ({language})"
            item = _stock_create(
                self.site[language]["pages"],
                "Document",
                item_id("Document", number, language),
                title,
                description=f"The description of stock page {number}.",
                text=RichTextValue(
                    DOCUMENT_TEXT.format(title=title), "text/html", "text/x-html-safe"
                ),
            )
            item.setEffectiveDate(effective.isoformat())
            _stock_publish(item)
            items[language] = item
        manager = ITranslationManager(items["en"])
        for language in languages:
            manager.register_translation(language, items[language])
        return "/".join(items["en"].getPhysicalPath()[2:])


def _type_of_section(path):
    """The portal type kept in the section of a demo path (``/en/actors/x``)."""
    section = path.strip("/").split("/")[1]
    return next(name for name, folder in SECTIONS.items() if folder == section)


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

    def title(self, token):
        return self.terms.title(token)


if __name__ == "__main__":
    sys.exit(main())
