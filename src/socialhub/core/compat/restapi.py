"""plone.restapi internals SocialHub reaches (checked against plone.restapi 10.0.4).

Copies (sources pinned in :data:`COPIED`)
  :class:`socialhub.core.restapi.serializer.SocialHubSerializeToJson`
  re-implements ``SerializeToJson.__call__`` rather than extending it with
  ``super()``: its cost is the loop over the schemata, which looks up a
  schema serializer per schema and a field serializer per field, each
  lookup computing the interfaces the item provides anew (about 400 times
  for a SocialHub item). The loop is inside ``__call__``, so a subclass
  cannot replace it and call ``super()``. Measured on the demo site (every
  SocialHub item, 141, as a Manager, in-process, best of 5 rounds of 10, on
  a loaded machine): 13.71 ms an item with the copy, 13.86 ms with
  plone.restapi's own ``SerializeToJson``: 1 %, within noise. The copy
  stays until ``make bench`` on an idle machine decides (#17). Its
  :class:`~socialhub.core.restapi.serializer.SchemaFields` does what
  ``SerializeSchemaToJson.__call__``, ``DefaultFieldSerializer``,
  ``SerializeToJson.check_permission`` and
  ``DexterityObjectPrimaryFieldTarget.__call__`` do, and
  ``working_copy_info`` answers for ``update_with_working_copy_info`` when
  an item has no checkout relation.
  :class:`socialhub.core.restapi.relations.RecordSummaries` makes what
  ``DefaultJSONSummarySerializer.__call__`` makes from catalog records, with
  what it computes per record computed once per request.
  ``tests/test_core_serializer.py`` holds the answers to stock's. The copy
  calls ``SerializeToJson._get_workflow_state(obj)`` and ``getVersion``,
  as upstream's ``__call__`` does.

  :class:`socialhub.core.params.ParsedBatch` sets the attributes
  ``HypermediaBatch.__init__`` sets, from parsed values, instead of letting
  it read the request's form; the copymove services turn the
  ``ValueError`` of ``BaseCopyMove.reply``'s paste into a 400.

Stock services' bodies (sources pinned in :data:`STOCK_SERVICES`)
  :mod:`socialhub.core.guard.stock` describes, as JSON Schemas, the
  properties these services' ``reply`` methods read from the body; a
  change of a ``reply`` may change what it reads.
"""

#: Upstream functions SocialHub copies or re-implements, with the SHA-256 of
#: their source when the copy was made.
COPIED = {
    "plone.restapi.serializer.dxcontent:SerializeToJson.__call__": (
        "b933804b1ea972d2e893fa7c26d6146bc345d2efdab0e1749fd2557355508481"
    ),
    "plone.restapi.serializer.dxcontent:SerializeToJson.check_permission": (
        "35b56c4c267919f4d3698404b35cdd93de48cbba03c41d5cce202112567305d9"
    ),
    "plone.restapi.serializer.schema:SerializeSchemaToJson.__call__": (
        "f2e355454b0d3f323a339a9cb82334351c2fa8895a1546844b89bc9d0246b4d2"
    ),
    "plone.restapi.serializer.dxfields:DefaultFieldSerializer.__call__": (
        "465d1265e56526ec69a8bdf3091f5a5804e2b6570b5dace002b6858302449725"
    ),
    "plone.restapi.serializer.dxfields:DefaultFieldSerializer.get_value": (
        "c225cb40a1c7d8e153cc5bc6e775135b3d39ef90b3ffb31729d478ae4035a87f"
    ),
    "plone.restapi.serializer.dxcontent:DexterityObjectPrimaryFieldTarget.__call__": (
        "ccb65320a9c127a7d4a8e2dccf2b9db4aaab6a8ca7f476ab616299d84f575679"
    ),
    "plone.restapi.serializer.dxcontent:update_with_working_copy_info": (
        "85de6ca30c1cfd68cbbb5da197b023ee0b6079459346eabd856918c466f8785d"
    ),
    "plone.restapi.serializer.summary:DefaultJSONSummarySerializer.__call__": (
        "87316dcef023eb7fe239648a304a071696cb1f02ae538adcbd654627b01fdc6c"
    ),
    # socialhub.core.params.ParsedBatch sets what this sets, from parsed values.
    "plone.restapi.batching:HypermediaBatch.__init__": (
        "26f74874c8518fe248d4d29cc4d8e0fae53d67dfa65c1b9ea669eb1f672ee33e"
    ),
    # socialhub.core.restapi.services.copymove: a paste's ValueError is a 400.
    "plone.restapi.services.copymove.copymove:BaseCopyMove.reply": (
        "81b4d4b9ecbd61fc8bdcabf9a2275035ba1bd2e8c9e46b0d7fd9342bc98ec4ef"
    ),
}

#: The ``reply`` of each stock service whose body the REST guard checks,
#: with the SHA-256 of its source when its schema was written.
STOCK_SERVICES = {
    "plone.restapi.services.aliases.add:AliasesPost.reply": (
        "285743d62b664756a894c5bc521b14ed16452f6c0cb1cf84a95a2ec635b0f4b7"
    ),
    "plone.restapi.services.aliases.add:AliasesRootPost.reply": (
        "37926c68267b23732256decf5cbfbfa1f91ca8a9ad0a760c1355408e15ee9914"
    ),
    "plone.restapi.services.aliases.delete:AliasesDelete.reply": (
        "e44071ed645f4f458eb4a22418f1cce7cbed54f26f5c182f43cabf04b85fcb9d"
    ),
    "plone.restapi.services.auth.login:Login.reply": (
        "3c4a85bff37e354164e31979d79e3202150f4860b96683f943539bcd51aea3d1"
    ),
    "plone.restapi.services.copymove.copymove:Copy.reply": (
        "81b4d4b9ecbd61fc8bdcabf9a2275035ba1bd2e8c9e46b0d7fd9342bc98ec4ef"
    ),
    "plone.restapi.services.copymove.copymove:Move.reply": (
        "81b4d4b9ecbd61fc8bdcabf9a2275035ba1bd2e8c9e46b0d7fd9342bc98ec4ef"
    ),
    "plone.restapi.services.email_notification.post:EmailNotificationPost.reply": (
        "7187d635567888f224b3f8306f405e4177e18293202828a39bbce99c3a18fe98"
    ),
    "plone.restapi.services.email_send.post:EmailSendPost.reply": (
        "70e855a9159dabfe88e525a165fac018d5dd4de0811066b6d2ac4455bc047ba8"
    ),
    "plone.restapi.services.groups.add:GroupsPost.reply": (
        "36567276ada89a069dbc5c4883890faf235555f35d7fa23502bbca34058d9fdd"
    ),
    "plone.restapi.services.groups.update:GroupsPatch.reply": (
        "d9fd8fc8419ada9d6b7b6a2324dd5f0955e5796c187b75f9cf079aae2137915c"
    ),
    "plone.restapi.services.locking.add:Lock.reply": (
        "c87293cb5acd0020cfdd42dfa37a43e692f384e41abe6adb742dac751d2bf23f"
    ),
    "plone.restapi.services.multilingual.pam:LinkTranslations.reply": (
        "58d2486bd411ca2a22fe2a67515e8517b26a6468ac68d670b2e5a5f09e405ebd"
    ),
    "plone.restapi.services.multilingual.pam:UnlinkTranslations.reply": (
        "821575329aba99a6fbaa1c542456166683110a4141e7272d29521306d11d26e8"
    ),
    "plone.restapi.services.registry.update:RegistryUpdate.reply": (
        "44f26d8ab74b01c30ce2840aa82f40548295c1958fb94f2baa1fc0b9dfd14e19"
    ),
    "plone.restapi.services.relations.add:PostRelations.reply": (
        "3ad8a539d3bc4f1cb88523898ee3765365f7a072d9a6e46e95a53c25fcdc2853"
    ),
    "plone.restapi.services.relations.delete:DeleteRelations.reply": (
        "f95bb02aa699986dab3dc7fb7338e4f7d3035b1f4f52f2c30c00fa8010e0ed04"
    ),
    "plone.restapi.services.transactions.patch:TransactionsPatch.reply": (
        "19ee6e1a03ce40dd956f52e511ffe0b0c4b0cccad8575b0e39a5c1b875acdfe4"
    ),
    "plone.restapi.services.users.add:UsersPost.reply": (
        "dc302233122f9402f0e988045e66b463f715363b3fad1dec5ffb974aa5761b74"
    ),
    "plone.restapi.services.users.update:UsersPatch.reply": (
        "f38cef0b5381505b55bf4e6dfdcb1c123a017335f323a50def9aa0863a3a9745"
    ),
}
