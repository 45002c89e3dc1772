"""Uninstalling every SocialHub add-on leaves a Plone site that needs none of it.

The add-ons are uninstalled and installed again over REST (``@addons``), as
an add-ons control panel does, on a site with the whole suite, an event
(with its French translation and versions), a page, a translator's local
role and a publication its owner deleted. Afterwards no record of the
database refers to a SocialHub class or names a SocialHub module, interface
or behaviour; Plone's own components, classes and settings are back; the
site serves its pages.
"""

from Acquisition import aq_base
from plone import api
from plone.app.contenttypes.content import Event as PloneEvent
from plone.app.contenttypes.content import Folder
from plone.browserlayer.utils import registered_layers
from plone.dexterity.interfaces import IDexterityFTI
from Products.CMFUid.interfaces import IUniqueIdGenerator
from Products.CMFUid.UniqueIdGeneratorTool import UniqueIdGeneratorTool
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from tests.processes import CHECKOUT
from xml.etree import ElementTree
from ZODB.serialize import referencesf
from ZODB.utils import load_current
from ZODB.utils import oid_repr
from ZODB.utils import z64
from zope.component import getUtility

import io
import pickletools
import re
import requests
import transaction
import unittest


# Dependents first, as the add-ons' profiles depend on each other.
UNINSTALL_ORDER = (
    "socialhub.policies",
    "socialhub.hub",
    "socialhub.search",
    "socialhub.people",
    "socialhub.events",
    "socialhub.courses",
    "socialhub.initiatives",
    "socialhub.publications",
    "socialhub.actors",
    "socialhub.taxonomy",
    "socialhub.core",
)
SOCIALHUB_TYPES = ("Section", "Publication", "Actor", "Initiative", "Course")
SOCIALHUB_TYPES += ("CourseModule", "Person")
SECTIONS = ("publications", "actors", "initiatives", "courses", "people", "events")
TRANSLATOR = ("tina", "tina-secret-1")
# A dotted name of SocialHub's code: module, class, interface, behaviour.
SOCIALHUB_NAME = re.compile(r"socialhub(\.\w+)+")
STRING_OPCODES = {"BINUNICODE", "SHORT_BINUNICODE", "UNICODE", "BINUNICODE8"}


def stored_records(db):
    """``(oid, record)`` of every record reachable from the database's root.

    The functional layer's DemoStorage lies over the layer's base storage:
    following references from the root reads records of both.
    """
    seen = set()
    todo = [z64]
    while todo:
        oid = todo.pop()
        if oid in seen:
            continue
        seen.add(oid)
        record, _serial = load_current(db.storage, oid)
        yield oid, record
        todo.extend(referencesf(record))


def record_class(record):
    """``(module, name)`` of the class a record stores an instance of."""
    stream = io.BytesIO(record)
    for opcode, argument, _position in pickletools.genops(stream):
        if opcode.name == "GLOBAL":
            return tuple(argument.split(" "))
    return ("?", "?")


def socialhub_names(record):
    """Every class or string naming SocialHub's code in a record's pickles.

    A class is named by ``GLOBAL`` (protocol 3, ZODB's) or by the two
    strings before ``STACK_GLOBAL``; the record's class and the hints of
    its references to other records are among them.
    """
    stream = io.BytesIO(record)
    names = []
    for _pickle in ("class", "state"):
        strings = []
        for opcode, argument, _position in pickletools.genops(stream):
            if opcode.name == "GLOBAL":
                names.append(argument.replace(" ", "."))
            elif opcode.name == "STACK_GLOBAL" and len(strings) > 1:
                names.append(".".join(strings[-2:]))
            elif opcode.name in STRING_OPCODES:
                strings.append(argument)
                names.append(argument)
    return [name for name in names if SOCIALHUB_NAME.fullmatch(name)]


def profile_catalog_names():
    """Indexes and columns SocialHub's default profiles add to the catalog."""
    names = set()
    for root in ("src", "policies", "profiles"):
        for path in (CHECKOUT / root).glob("**/profiles/default/catalog.xml"):
            tree = ElementTree.parse(path)
            names.update(index.get("name") for index in tree.iter("index"))
            names.update(column.get("value") for column in tree.iter("column"))
    return names


class UninstallTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.api = api_session(self.layer, self)

    def post(self, path, data=None, status=201):
        response = self.api.post(path, json=data)
        self.assertEqual(response.status_code, status, response.text)
        return response.json() if response.text else None

    def addon(self, product, action, status=204):
        """Install or uninstall ``product`` through ``@addons``."""
        response = self.api.post(f"@addons/{product}/{action}")
        self.assertEqual(response.status_code, status, response.text)
        return response

    def is_installed(self, product):
        response = self.api.get(f"@addons/{product}")
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()["is_installed"]


class TestUninstallRefused(UninstallTestCase):
    """Uninstalling what the site still needs answers 400 and changes nothing."""

    def test_refused_while_records_exist(self):
        publication = self.post(
            "en/publications", {"@type": "Publication", "title": "A brief"}
        )
        response = self.addon("socialhub.publications", "uninstall", status=400)
        self.assertEqual(response.json()["type"], "BadRequest")
        self.assertEqual(
            response.json()["message"],
            "socialhub.publications cannot be uninstalled while the site has "
            "content of its types: Publication (1). Delete that content first.",
        )
        self.assertTrue(self.is_installed("socialhub.publications"))
        self.assertEqual(self.api.get("@types/Publication").status_code, 200)
        self.assertEqual(self.api.get(publication["@id"]).status_code, 200)
        section = self.api.get("fr/publications").json()
        self.assertEqual(section["@type"], "Section")

    def test_refused_while_needed(self):
        response = self.addon("socialhub.core", "uninstall", status=400)
        self.assertEqual(
            response.json()["message"],
            "socialhub.core is needed by socialhub.actors, socialhub.courses, "
            "socialhub.events, socialhub.hub, socialhub.initiatives, "
            "socialhub.people, socialhub.policies, socialhub.publications, "
            "socialhub.search, socialhub.taxonomy: uninstall those first.",
        )
        response = self.addon("socialhub.taxonomy", "uninstall", status=400)
        self.assertEqual(
            response.json()["message"],
            "socialhub.taxonomy is needed by socialhub.actors, socialhub.courses, "
            "socialhub.events, socialhub.initiatives, socialhub.people, "
            "socialhub.publications: uninstall those first.",
        )
        self.assertTrue(self.is_installed("socialhub.core"))
        self.assertTrue(self.is_installed("socialhub.taxonomy"))
        self.assertIsNotNone(self.portal.portal_types.get("Section"))

    def test_refused_in_french(self):
        self.addon("socialhub.hub", "uninstall")  # it needs the actors
        self.post("en/actors", {"@type": "Actor", "title": "ILO"})
        response = self.api.post(
            "@addons/socialhub.actors/uninstall",
            headers={"Accept-Language": "fr"},
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"],
            "Impossible de désinstaller socialhub.actors tant que le site a du "
            "contenu de ses types : Actor (1). Supprimez d'abord ce contenu.",
        )


class TestUninstallEverything(UninstallTestCase):
    """Every SocialHub add-on uninstalled, in the order their profiles allow."""

    def setUp(self):
        super().setUp()
        api.user.create(
            email="tina@example.org", username=TRANSLATOR[0], password=TRANSLATOR[1]
        )
        transaction.commit()
        self.event = self.post(
            "en/events",
            {
                "@type": "Event",
                "title": "Shock-responsive social protection",
                "start": "2026-03-10T14:00:00+00:00",
                "end": "2026-03-10T15:30:00+00:00",
                "event_kind": "webinar",
                "taxonomy_themes": ["child-grants"],
            },
        )
        self.post(f"{self.event['@id']}/@workflow/publish", status=200)
        self.api.patch(self.event["@id"], json={"description": "Second version"})
        locator = self.api.get(
            f"{self.event['@id']}/@translation-locator",
            params={"target_language": "fr"},
        ).json()
        self.french_event = self.post(
            locator["@id"],
            {
                "@type": "Event",
                "title": "Protection sociale adaptative",
                "language": "fr",
                "translation_of": self.event["UID"],
            },
        )
        self.post(f"{self.french_event['@id']}/@workflow/publish", status=200)
        self.document = self.post("en", {"@type": "Document", "title": "About"})
        self.post(f"{self.document['@id']}/@workflow/publish", status=200)
        # A translator may translate in French; a publication was deleted
        # (CMFEditions purges its versions).
        self.post(
            "fr/@sharing",
            {"entries": [{"id": TRANSLATOR[0], "roles": {"Translator": True}}]},
            status=204,
        )
        publication = self.post(
            "en/publications", {"@type": "Publication", "title": "Withdrawn"}
        )
        self.api.patch(publication["@id"], json={"description": "Edited"})
        self.assertEqual(self.api.delete(publication["@id"]).status_code, 204)

        for product in UNINSTALL_ORDER:
            self.addon(product, "uninstall")
        transaction.begin()  # see what the requests committed

    def test_no_stored_record_refers_to_socialhub(self):
        self.maxDiff = None  # list every offender
        offenders = [
            (oid_repr(oid), ".".join(record_class(record)), name)
            for oid, record in stored_records(self.portal._p_jar.db())
            for name in socialhub_names(record)
        ]
        self.assertEqual(offenders, [])

    def test_plone_components_and_classes_back(self):
        portal = self.portal
        event_fti = getUtility(IDexterityFTI, name="Event")
        self.assertEqual(event_fti.klass, "plone.app.contenttypes.content.Event")
        for portal_type in SOCIALHUB_TYPES:
            self.assertNotIn(portal_type, portal.portal_types.objectIds())
        site_manager = portal.getSiteManager()
        registrations = [
            *site_manager.registeredAdapters(),
            *site_manager.registeredUtilities(),
            *site_manager.registeredSubscriptionAdapters(),
            *site_manager.registeredHandlers(),
        ]
        for registration in registrations:
            component = getattr(registration, "factory", None) or getattr(
                registration, "component", None
            )
            module = getattr(component, "__module__", "") or type(component).__module__
            self.assertFalse(module.startswith("socialhub"), registration)
        self.assertFalse(
            [layer for layer in registered_layers() if "socialhub" in layer.__module__]
        )
        self.assertIs(type(aq_base(portal.portal_uidgenerator)), UniqueIdGeneratorTool)
        self.assertIs(
            aq_base(getUtility(IUniqueIdGenerator)), aq_base(portal.portal_uidgenerator)
        )
        catalog = portal.portal_catalog
        for name in ("SearchableText", "Title", "Description"):
            self.assertIs(type(catalog._catalog.indexes[name].index), OkapiIndex)
        catalog_names = set(catalog.indexes()) | set(catalog.schema())
        added = profile_catalog_names()
        self.assertIn("publication_date", added)
        self.assertEqual(added & catalog_names, set())
        self.assertFalse(
            [name for name in catalog.indexes() if name.startswith("taxonomy_")]
        )
        repository = portal.portal_repository
        for portal_type in SOCIALHUB_TYPES:
            self.assertNotIn(portal_type, repository.getVersionableContentTypes())

        # Events keep their place and data, as Plone's Event; sections that
        # held them are Folders, the others are gone.
        for language in ("en", "fr"):
            folder = portal[language]["events"]
            self.assertIs(type(aq_base(folder)), Folder)
            self.assertEqual(folder.portal_type, "Folder")
            self.assertEqual(len(folder.objectIds()), 1)
            event = folder.objectValues()[0]
            self.assertIs(type(aq_base(event)), PloneEvent)
        self.assertEqual(portal["en"]["events"].objectIds(), [self.event["id"]])
        self.assertEqual(portal["en"]["events"][self.event["id"]].event_kind, "webinar")
        self.assertNotIn("events", portal["es"].objectIds())
        for section in SECTIONS[:-1]:
            for language in ("en", "fr", "es"):
                self.assertNotIn(section, portal[language].objectIds())

        # Security and settings as Plone has them.
        self.assertNotIn("Translator", portal.validRoles())
        self.assertIsNone(api.group.get(groupname="translators"))
        self.assertEqual(
            dict(portal["fr"].get_local_roles()).get(TRANSLATOR[0], ()), ()
        )
        roles = {
            role["name"]
            for role in portal.rolesOfPermission("Add portal content")
            if role["selected"]
        }
        stock = {"Manager", "Site Administrator", "Owner", "Contributor"}
        self.assertEqual(roles, stock)
        self.assertNotIn(
            "Section", api.portal.get_registry_record("plone.types_not_searched")
        )
        self.assertTrue(
            api.portal.get_registry_record(
                "plone.app.querystring.field.Creator.fetch_vocabulary"
            )
        )
        setup_tool = portal.portal_setup
        installed = [
            profile["id"]
            for profile in setup_tool.listProfileInfo()
            if profile["id"].startswith("socialhub.")
            and setup_tool.getLastVersionForProfile(profile["id"]) != "unknown"
        ]
        self.assertEqual(installed, ["socialhub.profiles:languages"])

    def test_site_serves_its_pages(self):
        site = self.portal.absolute_url()
        anonymous = api_session(self.layer, self, auth=None)
        pages = {
            "": "Plone Site",
            "en": "LRF",
            "en/events": "Folder",
            self.event["@id"]: "Event",
            self.french_event["@id"]: "Event",
            self.document["@id"]: "Document",
        }
        for session in (anonymous, self.api):
            for path, portal_type in pages.items():
                with self.subTest(path=path, auth=session.auth):
                    response = session.get(path)
                    self.assertEqual(response.status_code, 200, response.text)
                    self.assertEqual(response.json()["@type"], portal_type)
                    url = path if path.startswith("http") else f"{site}/{path}"
                    page = requests.get(url, auth=session.auth, timeout=30)
                    self.assertEqual(page.status_code, 200, url)
                    self.assertIn("text/html", page.headers["Content-Type"])
        event = self.api.get(self.event["@id"]).json()
        self.assertNotIn("event_kind", event)
        self.assertEqual(event["review_state"], "published")
        translations = self.api.get(f"{self.event['@id']}/@translations").json()
        self.assertEqual(
            [item["@id"] for item in translations["items"]], [self.french_event["@id"]]
        )

    def test_installing_again(self):
        for product in reversed(UNINSTALL_ORDER):
            self.addon(product, "install")
        for language in ("en", "fr", "es"):
            for section in SECTIONS:
                response = self.api.get(f"{language}/{section}")
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["@type"], "Section")
        events = self.api.get("en/events").json()["items"]
        self.assertEqual([item["@id"] for item in events], [self.event["@id"]])
        event = self.api.get(self.event["@id"]).json()
        self.assertEqual(event["event_kind"]["token"], "webinar")
        publication = self.post(
            "en/publications", {"@type": "Publication", "title": "A new brief"}
        )
        self.assertEqual(publication["@type"], "Publication")
        transaction.begin()
        self.assertIn("Translator", self.portal.validRoles())
        group = api.group.get(groupname="translators")
        self.assertIn("Translator", group.getRoles())
