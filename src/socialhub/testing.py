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
from plone.restapi.testing import RelativeSession
from plone.supermodel.model import finalizeSchemas
from plone.testing.zope import WSGIServer
from Products.CMFCore.indexing import processQueue
from socialhub.core.writeturns import WriteTurns
from zope.configuration import xmlconfig

import importlib
import os


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
