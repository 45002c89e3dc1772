"""Test layers of the SocialHub suite.

One sandbox layer per plugin, which loads that plugin's ZCML and applies its
profile on a stock Plone site, and one for the whole suite as
``socialhub.profiles:site`` installs it (languages, language root folders,
every plugin). Each comes as an integration layer and as a functional layer
serving the site over real HTTP for ``plone.restapi.testing.RelativeSession``.
"""

from plone import api
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import MOCK_MAILHOST_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.browserlayer.layer import mark_layer
from plone.browserlayer.utils import registered_layers
from plone.dexterity.interfaces import IDexterityFTI
from plone.restapi.testing import RelativeSession
from plone.supermodel.model import finalizeSchemas
from plone.testing.zope import WSGIServer
from Products.CMFCore.indexing import processQueue
from secrets import token_urlsafe
from socialhub.core.writeturns import WriteTurns
from zope.component import getUtility
from zope.component import queryUtility
from zope.configuration import xmlconfig
from zope.globalrequest import setRequest
from zope.traversing.interfaces import BeforeTraverseEvent

import importlib
import os
import transaction


# Compile the .po files of the socialhub domain when the ZCML registers them,
# as zope.conf asks a real instance to.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


CORE_OVERRIDES = """
<configure xmlns="http://namespaces.zope.org/zope">
  <includeOverrides package="socialhub.core" file="overrides.zcml" />
</configure>
"""


class SocialHubWSGIServer(WSGIServer):
    """plone.testing's WSGI server with the middleware of SocialHub's
    ``zope.ini`` (``egg:socialhub#guard`` and ``egg:socialhub#writeturns``),
    which the functional layers serve through; the write turns are the
    ``write_turns`` resource."""

    pipeline = [
        *WSGIServer.pipeline,
        ("socialhub", "paste.filter_app_factory", "guard", {}),
        ("socialhub", "paste.filter_app_factory", "writeturns", {}),
    ]

    def make_wsgi_app(self):
        app = super().make_wsgi_app()
        self["write_turns"] = write_turns_in(app)
        return app


def middleware_in(app, kind):
    """The middleware of class ``kind`` in a WSGI pipeline (outermost first)."""
    while not isinstance(app, kind):
        app = app.application
    return app


def write_turns_in(app):
    """The :class:`WriteTurns` middleware of a WSGI pipeline."""
    return middleware_in(app, WriteTurns)


SOCIALHUB_WSGI_SERVER_FIXTURE = SocialHubWSGIServer(
    name="SocialHubWSGIServer", module=__name__
)


class SocialHubLayer(PloneSandboxLayer):
    """A Plone site with some SocialHub packages' ZCML and profiles.

    Subclasses name the packages whose ``configure.zcml`` is loaded and the
    profiles applied, in order.
    """

    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)
    packages = ()
    profiles = ()

    def setUpZope(self, app, configurationContext):
        for name in self.packages:
            self.loadZCML(package=importlib.import_module(name))
        # What Plone's overrides.zcml loads through plone.autoinclude: every
        # plugin includes core, and only core overrides.
        xmlconfig.string(CORE_OVERRIDES, context=configurationContext)
        # A real instance loads all ZCML in one run, which ends with
        # plone.supermodel finalizing every schema (applying the directives
        # of plugins such as plone.app.multilingual's languageindependent).
        # A layer loads ours in a later run: finalize again, as startup does.
        finalizeSchemas()

    def setUpPloneSite(self, portal):
        for profile in self.profiles:
            applyProfile(portal, profile)
        setRoles(portal, TEST_USER_ID, ["Manager"])
        # plone.app.testing unsets the site before it commits the layer, and
        # queued catalog operations need the site: run them now.
        processQueue()


class CoreLayer(SocialHubLayer):
    packages = ("socialhub.core",)
    profiles = ("socialhub.core:default",)


class PluginLayer(SocialHubLayer):
    """One SocialHub plugin alone on a stock Plone site with p.a.multilingual.

    English, French and Spanish language roots exist, as on a real site, so
    the plugin's install handler creates its sections in each.
    """

    plugin = None

    @property
    def packages(self):
        return ("socialhub.profiles", f"socialhub.{self.plugin}")

    @property
    def profiles(self):
        return ("socialhub.profiles:languages", f"socialhub.{self.plugin}:default")


def plugin_layers(plugin):
    """The fixture, integration and functional layers of one plugin."""
    name = "".join(part.capitalize() for part in plugin.split("_"))
    fixture = type(f"{name}Layer", (PluginLayer,), {"plugin": plugin})(
        name=f"SocialHub{name}Layer:Fixture"
    )
    integration = IntegrationTesting(
        bases=(fixture,), name=f"SocialHub{name}Layer:Integration"
    )
    functional = FunctionalTesting(
        bases=(fixture, SOCIALHUB_WSGI_SERVER_FIXTURE),
        name=f"SocialHub{name}Layer:Functional",
    )
    return fixture, integration, functional


class SuiteLayer(SocialHubLayer):
    packages = ("socialhub",)
    profiles = ("socialhub.profiles:site",)


class DemoLayer(SocialHubLayer):
    defaultBases = ()
    profiles = ("socialhub.profiles:demo",)


SOCIALHUB_CORE_FIXTURE = CoreLayer(name="SocialHubCoreLayer:Fixture")
SOCIALHUB_CORE_INTEGRATION_TESTING = IntegrationTesting(
    bases=(SOCIALHUB_CORE_FIXTURE,), name="SocialHubCoreLayer:Integration"
)

(
    SOCIALHUB_TAXONOMY_FIXTURE,
    SOCIALHUB_TAXONOMY_INTEGRATION_TESTING,
    SOCIALHUB_TAXONOMY_FUNCTIONAL_TESTING,
) = plugin_layers("taxonomy")
(
    SOCIALHUB_PUBLICATIONS_FIXTURE,
    SOCIALHUB_PUBLICATIONS_INTEGRATION_TESTING,
    SOCIALHUB_PUBLICATIONS_FUNCTIONAL_TESTING,
) = plugin_layers("publications")
(
    SOCIALHUB_ACTORS_FIXTURE,
    SOCIALHUB_ACTORS_INTEGRATION_TESTING,
    SOCIALHUB_ACTORS_FUNCTIONAL_TESTING,
) = plugin_layers("actors")
(
    SOCIALHUB_INITIATIVES_FIXTURE,
    SOCIALHUB_INITIATIVES_INTEGRATION_TESTING,
    SOCIALHUB_INITIATIVES_FUNCTIONAL_TESTING,
) = plugin_layers("initiatives")
(
    SOCIALHUB_COURSES_FIXTURE,
    SOCIALHUB_COURSES_INTEGRATION_TESTING,
    SOCIALHUB_COURSES_FUNCTIONAL_TESTING,
) = plugin_layers("courses")
(
    SOCIALHUB_EVENTS_FIXTURE,
    SOCIALHUB_EVENTS_INTEGRATION_TESTING,
    SOCIALHUB_EVENTS_FUNCTIONAL_TESTING,
) = plugin_layers("events")
(
    SOCIALHUB_HUB_FIXTURE,
    SOCIALHUB_HUB_INTEGRATION_TESTING,
    SOCIALHUB_HUB_FUNCTIONAL_TESTING,
) = plugin_layers("hub")

(
    SOCIALHUB_PEOPLE_FIXTURE,
    SOCIALHUB_PEOPLE_INTEGRATION_TESTING,
    SOCIALHUB_PEOPLE_FUNCTIONAL_TESTING,
) = plugin_layers("people")

SOCIALHUB_FIXTURE = SuiteLayer(name="SocialHubLayer:Fixture")
SOCIALHUB_INTEGRATION_TESTING = IntegrationTesting(
    bases=(SOCIALHUB_FIXTURE,), name="SocialHubLayer:Integration"
)
SOCIALHUB_MAIL_INTEGRATION_TESTING = IntegrationTesting(
    bases=(SOCIALHUB_FIXTURE, MOCK_MAILHOST_FIXTURE),
    name="SocialHubLayer:MailIntegration",
)
SOCIALHUB_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(SOCIALHUB_FIXTURE, SOCIALHUB_WSGI_SERVER_FIXTURE),
    name="SocialHubLayer:Functional",
)

SOCIALHUB_DEMO_FIXTURE = DemoLayer(
    bases=(SOCIALHUB_FIXTURE,), name="SocialHubDemoLayer:Fixture"
)
SOCIALHUB_DEMO_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(SOCIALHUB_DEMO_FIXTURE, SOCIALHUB_WSGI_SERVER_FIXTURE),
    name="SocialHubDemoLayer:Functional",
)


#: The member of the fuzz layer: authenticated, no role beyond Member.
FUZZ_MEMBER = ("fuzz-member", "fuzz-member-password")
#: What Anonymous and a Member must never read on the fuzz layer's site
#: (each string appears in no demo item; UIDs are read from the site).
FUZZ_SECRETS = {
    "private_publication": {
        "path": "en/publications/fuzz-draft",
        "title": "Zephyrine draft on benefit arrears",
        "description": "Unpublished notes of Quarrick Velloway.",
    },
    "private_actor": {
        "path": "en/actors/fuzz-registered",
        "title": "Marrowgate cooperative of carers",
        "contact_person": "Odile Brannagh",
        "contact_email": "odile.brannagh@marrowgate.example.org",
        "contact_phone": "+41 22 555 0199",
    },
    # A verified actor: public, but its contact details are not.
    "public_actor_contact": {
        "path": "en/actors/ilo",
        "contact_person": "Ysolde Farrant",
        "contact_email": "ysolde.farrant@ilo.example.org",
        "contact_phone": "+41 22 555 0147",
    },
    # A user nobody but a Manager may look up.
    "hidden_user": {
        "username": "fuzz-hidden",
        "fullname": "Thessaly Undergrove",
        "email": "thessaly.undergrove@example.org",
    },
}
#: Items, a user and a group that fuzzed writes may change or remove (the
#: fuzz suite recreates a removed item).
FUZZ_SCRATCH_ITEMS = {
    "en/publications/fuzz-scratch": "Publication",
    "en/fuzz-scratch-page": "Document",
}
FUZZ_SCRATCH_USER = "fuzz-scratch-user"
FUZZ_SCRATCH_GROUP = "fuzz-scratch-group"
#: Where the fuzz layer relates a published record to the private ones: the
#: serializers must hide those relations from Anonymous and Members.
FUZZ_RELATED_PUBLICATION = "en/publications/cash-transfers-west-africa"


class FuzzLayer(SocialHubLayer):
    """The demo site with what the fuzz suite (tests/test_core_fuzz.py) guards.

    A Member, a private Publication, a registered (private) Actor with
    contact details, contact details on a verified Actor, a user only
    Managers may look up, and a published Publication related to the
    private records (``FUZZ_SECRETS``); and the scratch items, user and
    group that fuzzed writes may change.
    """

    defaultBases = (SOCIALHUB_DEMO_FIXTURE,)

    def setUpPloneSite(self, portal):
        # The browser layers and the global request, as the demo profile's
        # loader (socialhub.profiles.democontent) sets them for its items.
        mark_layer(portal, BeforeTraverseEvent(portal, portal.REQUEST))
        setRequest(portal.REQUEST)
        try:
            self.add_fixture(portal)
        finally:
            setRequest(None)
        super().setUpPloneSite(portal)

    def add_fixture(self, portal):
        from socialhub.profiles.democontent import add_item
        from socialhub.profiles.democontent import deserialize

        username, password = FUZZ_MEMBER
        api.user.create(
            email=f"{username}@example.org", username=username, password=password
        )
        hidden = FUZZ_SECRETS["hidden_user"]
        api.user.create(
            email=hidden["email"],
            username=hidden["username"],
            password=token_urlsafe(),
            properties={"fullname": hidden["fullname"]},
        )
        publication = FUZZ_SECRETS["private_publication"]
        draft = self._add(portal, publication, "Publication", add_item)
        actor = FUZZ_SECRETS["private_actor"]
        registered = self._add(portal, actor, "Actor", add_item)
        public = FUZZ_SECRETS["public_actor_contact"]
        deserialize(
            portal.unrestrictedTraverse(public["path"]),
            {key: value for key, value in public.items() if key != "path"},
        )
        deserialize(
            portal.unrestrictedTraverse(FUZZ_RELATED_PUBLICATION),
            {
                "publishers": ["/en/actors/ilo", "/" + actor["path"]],
                "relatedItems": ["/" + publication["path"]],
            },
        )
        for item in (draft, registered):
            item.reindexObject()
        for path, portal_type in FUZZ_SCRATCH_ITEMS.items():
            parent_path, item_id = path.rsplit("/", 1)
            api.content.create(
                container=portal.unrestrictedTraverse(parent_path),
                type=portal_type,
                id=item_id,
                title=f"Scratch {item_id}",
            )
        api.user.create(
            email=f"{FUZZ_SCRATCH_USER}@example.org",
            username=FUZZ_SCRATCH_USER,
            password=token_urlsafe(),
        )
        api.group.create(groupname=FUZZ_SCRATCH_GROUP, title="Scratch group")

    @staticmethod
    def _add(portal, secret, portal_type, add_item):
        parent_path, item_id = secret["path"].rsplit("/", 1)
        fields = {key: value for key, value in secret.items() if key != "path"}
        return add_item(
            portal.unrestrictedTraverse(parent_path), portal_type, item_id, fields
        )


SOCIALHUB_FUZZ_FIXTURE = FuzzLayer(name="SocialHubFuzzLayer:Fixture")
SOCIALHUB_FUZZ_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(SOCIALHUB_FUZZ_FIXTURE, SOCIALHUB_WSGI_SERVER_FIXTURE),
    name="SocialHubFuzzLayer:Functional",
)


def api_session(layer, test=None, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)):
    """A JSON session on the REST API of a functional layer's site.

    ``auth`` is a (user, password) pair or None for Anonymous; ``test``, when
    given, closes the session at its cleanup.
    """
    session = RelativeSession(layer["portal"].absolute_url(), test=test)
    session.headers["Accept"] = "application/json"
    if auth is not None:
        session.auth = auth
    return session


def field_errors(response):
    """The field errors of a 400 answer, as a list of dicts.

    SocialHub's error shape (``socialhub.core.errors``) lists them as
    ``errors``; each entry has ``field``, ``message`` and, for errors of the
    deserializer, ``error``.
    """
    return response.json()["errors"]


def public_transition(portal_type):
    """The workflow transition that makes an item of ``portal_type`` public.

    Organisations are verified (socialhub_verification_workflow); everything
    else is published.
    """
    return "verify" if portal_type == "Actor" else "publish"


def assert_sections(test, section_id, titles):
    """Assert a plugin's section exists in every language root as it should.

    ``titles`` maps each language to the section's translated title; each
    section is a published ``Section`` in its language.
    """
    portal = test.layer["portal"]
    for language, title in titles.items():
        with test.subTest(language=language):
            section = portal[language][section_id]
            test.assertEqual(section.portal_type, "Section")
            test.assertEqual(section.Title(), title)
            test.assertEqual(section.Language(), language)
            test.assertEqual(api.content.get_state(section), "published")


def allowed_types(container):
    """The ids of the types the current user may add in ``container``."""
    return [fti.getId() for fti in container.allowedContentTypes()]


class PluginInstallTests:
    """What every plugin's install passes, for an integration TestCase.

    Mix in before ``unittest.TestCase`` and name the plugin's ``product``
    (``socialhub.actors``), ``browser_layer``, ``section_id`` and the
    section's ``section_titles`` by language. The test user is a Manager.
    """

    product = None
    browser_layer = None
    section_id = None
    section_titles = {}

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_installed_with_browser_layer(self):
        installer = get_installer(self.portal, self.layer["request"])
        self.assertTrue(installer.is_product_installed(self.product))
        self.assertIn(self.browser_layer, registered_layers())

    def test_section_in_every_language_with_translated_title(self):
        assert_sections(self, self.section_id, self.section_titles)

    def assert_addable_only_in_section(self, portal_type):
        """``portal_type`` is all the plugin's English section takes, and
        neither the language root nor a folder takes it."""
        section = self.portal["en"][self.section_id]
        self.assertEqual(allowed_types(section), [portal_type])
        self.assertNotIn(portal_type, allowed_types(self.portal["en"]))
        folder = api.content.create(container=self.portal["en"], type="Folder", id="f")
        self.assertNotIn(portal_type, allowed_types(folder))

    def assert_behaviors(self, portal_type, behaviors):
        """The FTI of ``portal_type`` lists each of ``behaviors``."""
        fti = getUtility(IDexterityFTI, name=portal_type)
        for behavior in behaviors:
            with self.subTest(behavior=behavior):
                self.assertIn(behavior, fti.behaviors)
        return fti

    def assert_indexes(self, indexes):
        """Each of ``indexes`` (name: meta_type) is an index of that kind and
        a metadata column of the catalog."""
        catalog = api.portal.get_tool("portal_catalog")
        for name, meta_type in indexes.items():
            with self.subTest(index=name):
                self.assertEqual(catalog.Indexes[name].meta_type, meta_type)
                self.assertIn(name, catalog.schema())


class PluginUninstallTests:
    """What every plugin's uninstall passes, for an integration TestCase.

    Mix in before ``unittest.TestCase`` and name the ``product``, its
    ``browser_layer`` and the ``portal_types`` it adds (their FTIs go, the
    Section no longer takes them, they are no longer versioned). ``setUp``
    uninstalls the product; a plugin that extends a type of Plone's instead
    overrides ``test_uninstalled`` and calls ``assert_product_uninstalled``.
    """

    product = None
    browser_layer = None
    portal_types = ()

    def setUp(self):
        self.portal = self.layer["portal"]
        self.installer = get_installer(self.portal, self.layer["request"])
        self.installer.uninstall_product(self.product)

    def assert_product_uninstalled(self):
        """The product is no longer installed and its browser layer is gone."""
        self.assertFalse(self.installer.is_product_installed(self.product))
        self.assertNotIn(self.browser_layer, registered_layers())

    def test_uninstalled(self):
        self.assert_product_uninstalled()
        section_fti = getUtility(IDexterityFTI, name="Section")
        versionable = api.portal.get_tool(
            "portal_repository"
        ).getVersionableContentTypes()
        for portal_type in self.portal_types:
            with self.subTest(portal_type=portal_type):
                self.assertIsNone(queryUtility(IDexterityFTI, name=portal_type))
                self.assertNotIn(portal_type, section_fti.allowed_content_types)
                self.assertNotIn(portal_type, versionable)


class RestRecordTests:
    """Creating records of one type over REST, for a functional TestCase.

    Mix in before ``unittest.TestCase`` and name the ``container`` the
    records are posted to (``en/actors``) and ``record``, the JSON of a valid
    record. ``api`` is a Manager's session, ``anonymous`` Anonymous's. The
    item helpers (``post``, ``add``, ``publish``, ``make_public``) serve
    tests that name no record type too.
    """

    container = None
    record = {}

    def setUp(self):
        self.portal = self.layer["portal"]
        self.api = api_session(self.layer, self)
        self.anonymous = api_session(self.layer, self, auth=None)

    def post(self, path, data, status=201):
        """POST ``data`` to ``path``, assert ``status``, return the JSON."""
        response = self.api.post(path, json=data)
        self.assertEqual(response.status_code, status, response.text)
        return response.json()

    def create(self, container=None, **overrides):
        """Create ``record`` with ``overrides`` (201), return its JSON."""
        return self.post(container or self.container, {**self.record, **overrides})

    def add(self, container, portal_type, **fields):
        """Create an item of ``portal_type`` in ``container`` (201), return
        its JSON."""
        return self.post(container, {"@type": portal_type, **fields})

    def publish(self, item, transition="publish"):
        """Apply ``transition`` to the REST ``item`` (200)."""
        response = self.api.post(f"{item['@id']}/@workflow/{transition}")
        self.assertEqual(response.status_code, 200, response.text)

    def make_public(self, item):
        """Make the REST ``item`` public as the suite's workflows do: verify
        an Actor, publish anything else (see :func:`public_transition`)."""
        self.publish(item, public_transition(item["@type"]))

    @staticmethod
    def uids(values):
        """The UIDs of the items of a REST relation list."""
        return [value["UID"] for value in values]

    def count(self):
        """How many items ``container`` holds, as the last commit left it."""
        transaction.begin()
        return len(self.portal.unrestrictedTraverse(self.container).objectIds())

    def assert_refused(self, overrides, errors):
        """Creating ``record`` with ``overrides`` is a 400 with exactly the
        field ``errors`` (see :func:`field_errors`), and adds nothing."""
        before = self.count()
        response = self.api.post(self.container, json={**self.record, **overrides})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(field_errors(response), errors)
        self.assertEqual(self.count(), before)

    def assert_field_refused(self, overrides, field, message):
        """:meth:`assert_refused` with one error on ``field``."""
        self.assert_refused(overrides, [{"field": field, "message": message}])
