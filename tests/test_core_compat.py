"""The upstream behaviour SocialHub's fences (socialhub.core.compat) rely on.

One test class per upstream package. A failure here after an upgrade of
Plone names the upstream function and the fence to re-check: a private
attribute gone or changed in shape, a private method's signature changed,
or the source of a function SocialHub copies no longer the one it copied
(its SHA-256 differs from the one the fence records).
"""

from BTrees.Length import Length
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFCore.indexing import processQueue
from socialhub.core.compat import cmfeditions
from socialhub.core.compat import datagridfield
from socialhub.core.compat import dexterity
from socialhub.core.compat import genericsetup
from socialhub.core.compat import multilingual
from socialhub.core.compat import plonefolder
from socialhub.core.compat import querystring
from socialhub.core.compat import restapi
from socialhub.core.compat import source_sha256
from socialhub.core.compat import taxonomy
from socialhub.core.compat import zcatalog
from socialhub.core.compat.cmfplone import allowed_roles_and_users
from socialhub.core.compat.cmfplone import catalog_state
from socialhub.core.guard import stock
from socialhub.testing import SOCIALHUB_CORE_INTEGRATION_TESTING
from zope import schema
from zope.interface import Interface

import inspect
import unittest


class ISample(Interface):
    motto = schema.TextLine(default="fenced")


class FenceTestCase(unittest.TestCase):
    layer = SOCIALHUB_CORE_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.catalog = api.portal.get_tool("portal_catalog")

    def assert_sources(self, fence, recorded):
        """Each upstream source in ``recorded`` still has its recorded hash."""
        self.assertTrue(recorded)
        for dotted, sha256 in recorded.items():
            with self.subTest(upstream=dotted):
                self.assertEqual(
                    source_sha256(dotted),
                    sha256,
                    f"The source of {dotted} changed since SocialHub copied or "
                    f"overrode it: compare it with its copy, then record its new "
                    f"SHA-256 in {fence.__name__}.",
                )

    def assert_parameters(self, function, parameters, fence):
        """``function`` takes ``parameters`` (first ones, in order)."""
        names = list(inspect.signature(function).parameters)
        self.assertEqual(
            names[: len(parameters)],
            list(parameters),
            f"{function.__module__}.{function.__qualname__} changed its "
            f"signature: re-check {fence}.",
        )

    def assert_source_has(self, function, text, fence):
        self.assertIn(
            text,
            inspect.getsource(function),
            f"{function.__module__}.{function.__qualname__} no longer does "
            f"{text!r}: re-check {fence}.",
        )

    def add_document(self, **fields):
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        return api.content.create(
            container=self.portal, type="Document", id="fenced", **fields
        )


class TestZope(FenceTestCase):
    """ZPublisher, PAS and OFS: socialhub.core.compat.zope."""

    fence = "socialhub.core.compat.zope"

    def test_publish_module_takes_a_request_factory(self):
        from ZPublisher.WSGIPublisher import publish_module
        from ZPublisher.WSGIPublisher import WSGIRequest

        parameter = inspect.signature(publish_module).parameters.get("_request_factory")
        self.assertIsNotNone(
            parameter,
            f"ZPublisher.WSGIPublisher.publish_module has no _request_factory: "
            f"re-check {self.fence}.publish_with_request_class.",
        )
        self.assertIs(parameter.default, WSGIRequest)

    def test_inputs_are_processed_after_pub_start(self):
        from ZPublisher import WSGIPublisher

        self.assert_source_has(
            WSGIPublisher.transaction_pubevents,
            "notify(pubevents.PubStart(request))",
            f"{self.fence}.replace_process_inputs",
        )
        self.assert_source_has(
            WSGIPublisher.publish,
            "request.processInputs()",
            f"{self.fence}.replace_process_inputs",
        )
        source = inspect.getsource(WSGIPublisher.publish_module)
        self.assertLess(
            source.index("transaction_pubevents("),
            source.index("_publish(request, "),
            f"ZPublisher.WSGIPublisher.publish_module no longer starts the "
            f"publication (PubStart) before it publishes: re-check "
            f"{self.fence}.replace_process_inputs.",
        )

    def test_pas_skips_a_challenged_response(self):
        from Products.PluggableAuthService.PluggableAuthService import (
            PluggableAuthService,
        )

        self.assert_source_has(
            PluggableAuthService._unauthorized,
            "if resp._has_challenged:",
            f"{self.fence}.skip_login_challenge",
        )

    def test_btree_folder_tree(self):
        from Products.BTreeFolder2.BTreeFolder2 import BTreeFolder2Base

        self.assertIsNone(
            BTreeFolder2Base._tree,
            "Products.BTreeFolder2's BTreeFolder2Base._tree changed: re-check "
            "socialhub.core.content.Container and socialhub.core.compat.zope.",
        )

    def test_underscored_apis_every_add_on_calls(self):
        for name, parameters in (
            ("_setOb", ["id", "object"]),
            ("_delOb", ["id"]),
            ("_setObject", ["id", "object"]),
            ("_delObject", ["id"]),
            ("_delRoles", ["roles"]),
        ):
            with self.subTest(name=name):
                self.assert_parameters(
                    getattr(self.portal, name), parameters, self.fence
                )
        from AccessControl.userfolder import UserFolder

        self.assert_parameters(
            UserFolder._doAddUser,
            ["self", "name", "password", "roles", "domains"],
            self.fence,
        )


class TestMultilingual(FenceTestCase):
    """plone.app.multilingual: socialhub.core.compat.multilingual."""

    def test_copied_sources(self):
        self.assert_sources(multilingual, multilingual.COPIED)

    def test_translation_manager_attributes(self):
        from Acquisition import aq_base
        from plone.app.multilingual.manager import TranslationManager

        manager = TranslationManager("a-group")
        self.assertEqual(manager.tg, "a-group")
        self.assertIs(aq_base(manager.pcatalog), aq_base(self.catalog))


class TestTaxonomy(FenceTestCase):
    """collective.taxonomy: socialhub.core.compat.taxonomy."""

    def test_copied_sources(self):
        self.assert_sources(taxonomy, taxonomy.COPIED)


class TestCMFPlone(FenceTestCase):
    """The catalog tool: socialhub.core.compat.cmfplone."""

    def test_allowed_roles_and_users(self):
        user = api.user.get(userid=TEST_USER_ID).getUser()
        allowed = allowed_roles_and_users(self.catalog, user)
        self.assertIsInstance(
            allowed,
            list,
            "Products.CMFPlone.CatalogTool._listAllowedRolesAndUsers changed: "
            "re-check socialhub.core.compat.cmfplone.",
        )
        self.assertIn("Anonymous", allowed)
        self.assertIn(f"user:{TEST_USER_ID}", allowed)

    def test_catalog_state(self):
        message = (
            "Products.CMFPlone.CatalogTool._counter changed: "
            "re-check socialhub.core.compat.cmfplone.catalog_state."
        )
        self.add_document(title="Counted")
        count, serial = catalog_state(self.catalog)
        self.assertIsInstance(self.catalog._counter, Length, message)
        self.assertIsInstance(serial, bytes, message)
        api.content.create(container=self.portal, type="Document", id="counted")
        later, same_serial = catalog_state(self.catalog)
        self.assertGreater(later, count, message)
        # Not committed yet: the serial is that of the last commit.
        self.assertEqual(same_serial, serial, message)


class TestZCatalog(FenceTestCase):
    """ZCatalog, PluginIndexes, ZCTextIndex: socialhub.core.compat.zcatalog."""

    def test_records_and_indexes(self):
        document = self.add_document(title="Fenced")
        processQueue()
        path = "/".join(document.getPhysicalPath())
        record_id = zcatalog.record_id(self.catalog, path)
        self.assertIsInstance(record_id, int, "Catalog.uids changed")
        self.assertEqual(zcatalog.record(self.catalog, record_id).getPath(), path)
        self.assertIn("UID", zcatalog.indexes(self.catalog))
        uid_index = zcatalog.index(self.catalog, "UID")
        self.assertEqual(
            list(zcatalog.records_of(uid_index, "UID", document.UID())),
            [record_id],
            "UUIDIndex._apply_index changed: re-check "
            "socialhub.core.compat.zcatalog.records_of.",
        )
        keys = zcatalog.index_keys(zcatalog.index(self.catalog, "portal_type"))
        self.assertIn("Document", keys, "FieldIndex._index changed")
        self.assertIsInstance(keys.minKey(), str)

    def test_date_range_value(self):
        from DateTime import DateTime

        dates = zcatalog.index(self.catalog, "effectiveRange")
        self.assertIsInstance(
            zcatalog.date_range_value(dates, DateTime("2024-01-01")),
            int,
            "DateRangeIndex._convertDateTime changed: re-check "
            "socialhub.core.compat.zcatalog.date_range_value.",
        )

    def test_text_index(self):
        from BTrees.IOBTree import IOBTree

        text_index = zcatalog.index(self.catalog, "SearchableText")
        self.assertIsInstance(zcatalog.word_postings(text_index), IOBTree)
        self.assertTrue(
            hasattr(text_index, "_index_factory"),
            "ZCTextIndex._index_factory is gone: re-check "
            "socialhub.core.compat.zcatalog.set_index_factory.",
        )

    def test_overridden_methods(self):
        self.assert_sources(zcatalog, zcatalog.OVERRIDDEN)


class TestDexterity(FenceTestCase):
    """plone.dexterity: socialhub.core.compat.dexterity."""

    def test_default_from_schema(self):
        from plone.dexterity.content import _default_from_schema

        self.assert_parameters(
            _default_from_schema, ["context", "schema", "fieldname"], dexterity
        )
        document = self.add_document()
        self.assertEqual(
            dexterity.default_from_schema(document, ISample, "motto"),
            "fenced",
            "plone.dexterity.content._default_from_schema no longer gives a "
            "field's default: re-check socialhub.core.compat.dexterity.",
        )

    def test_copied_sources(self):
        self.assert_sources(dexterity, dexterity.COPIED)


class TestRestapi(FenceTestCase):
    """plone.restapi: socialhub.core.compat.restapi."""

    def test_copied_sources(self):
        self.assert_sources(restapi, restapi.COPIED)

    def test_private_methods_the_copy_calls(self):
        from plone.restapi.serializer.dxcontent import SerializeToJson

        self.assert_parameters(
            SerializeToJson._get_workflow_state, ["self", "obj"], restapi
        )
        self.assert_parameters(SerializeToJson.getVersion, ["self", "version"], restapi)

    def test_stock_services_read_the_bodies_described(self):
        described = {
            f"{service.__module__}:{service.__name__}.reply"
            for service in (*stock.BODY_SCHEMAS, *stock.BODY_REQUIRED)
        }
        self.assertEqual(described, set(restapi.STOCK_SERVICES))
        self.assert_sources(restapi, restapi.STOCK_SERVICES)


class TestQuerystring(FenceTestCase):
    """plone.app.querystring: socialhub.core.compat.querystring."""

    def test_copied_sources(self):
        self.assert_sources(querystring, querystring.COPIED)


class TestGenericSetup(FenceTestCase):
    """Products.GenericSetup: socialhub.core.compat.genericsetup."""

    def test_profile_infos(self):
        ids = {info["id"] for info in genericsetup.profile_infos()}
        self.assertIn("socialhub.core:default", ids)
        self.assertIn("socialhub.core:uninstall", ids)


class TestCMFEditions(FenceTestCase):
    """Products.CMFEditions, Products.CMFUid: socialhub.core.compat.cmfeditions."""

    def test_shadow_storage(self):
        from Products.CMFEditions.ZVCStorageTool import ZVCStorageTool

        self.assert_parameters(
            ZVCStorageTool._getShadowStorage, ["self", "autoAdd"], cmfeditions
        )
        storage = api.portal.get_tool("portal_historiesstorage")
        self.assertEqual(cmfeditions.highest_history_id(storage, 1), 0)
        self.assertIsInstance(cmfeditions.highest_history_id(storage, 2**62), int)

    def test_uid_counter(self):
        from Products.CMFUid.UniqueIdGeneratorTool import UniqueIdGeneratorTool

        tool = UniqueIdGeneratorTool()
        self.assertEqual(cmfeditions.uid_counter(tool), 0)
        cmfeditions.set_uid_counter(tool, 41)
        self.assertEqual(tool(), 42, "UniqueIdGeneratorTool._uid_counter changed")


class TestPloneFolder(FenceTestCase):
    """plone.folder: socialhub.core.compat.plonefolder."""

    def test_ordering_name(self):
        from plone.folder.default import DefaultOrdering
        from plone.folder.ordered import OrderedBTreeFolderBase

        self.assertEqual(OrderedBTreeFolderBase._ordering, "")
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        folder = api.content.create(container=self.portal, type="Folder", id="f")
        folder.setOrdering("unordered")
        self.assertNotIsInstance(folder.getOrdering(), DefaultOrdering)
        self.assertTrue(plonefolder.use_default_ordering(folder))
        self.assertIsInstance(folder.getOrdering(), DefaultOrdering)
        self.assertFalse(plonefolder.use_default_ordering(folder))


class TestDatagridField(FenceTestCase):
    """collective.z3cform.datagridfield: socialhub.core.compat.datagridfield."""

    def test_the_template_is_a_copy_with_one_change(self):
        from collective.z3cform import datagridfield as package
        from pathlib import Path
        from socialhub.core import forms

        upstream = Path(package.__file__).parent / datagridfield.UPSTREAM_TEMPLATE
        copy = Path(forms.__file__).parent / "people_input.pt"
        before, after = datagridfield.TEMPLATE_CHANGE
        self.assertEqual(
            copy.read_text(),
            upstream.read_text().replace(before, after, 1),
            f"{upstream} changed: copy it again to {copy} with "
            "socialhub.core.compat.datagridfield.TEMPLATE_CHANGE applied.",
        )

    def test_private_methods(self):
        from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget

        for name in datagridfield.PRIVATE_METHODS:
            with self.subTest(method=name):
                self.assertTrue(callable(getattr(DataGridFieldWidget, name, None)))
