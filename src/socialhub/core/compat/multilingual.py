"""plone.app.multilingual internals SocialHub reaches.

Checked against plone.app.multilingual 9.0.2.

Re-implementations (sources pinned in :data:`COPIED`):

- ``TranslationManager.get_translation``, ``get_translations`` and
  ``get_translated_languages``: :class:`socialhub.core.translations.TranslationManager`
  answers them from the ``TranslationGroup`` index's records when a search
  would find the same, and calls them (``super()``) otherwise; it reads
  the manager's ``tg`` (the group) and ``pcatalog`` (the catalog tool).
- ``LanguageIndependentFieldsManager.copy_fields``:
  :class:`socialhub.core.multilingual.LanguageIndependentFieldsManager`
  asks first whether a copy would change anything, reading the
  language-independent fields as ``copy_fields`` does, and calls it
  (``super()``) when it would.
"""

#: Upstream functions SocialHub re-implements or mirrors, with the SHA-256
#: of their source when that was written.
COPIED = {
    "plone.app.multilingual.dx.cloner:LanguageIndependentFieldsManager.copy_fields": (
        "5e0cdf4aed572da5533c1dad2d5aa26cf7f86a7a8d49b9dbe860dd5b449f2c7e"
    ),
    "plone.app.multilingual.manager:TranslationManager.get_translation": (
        "4472925dbb435acaa92fd2fe0547823839516da892915ad9c84f1be890f2b812"
    ),
    "plone.app.multilingual.manager:TranslationManager.get_translations": (
        "43e8251765a7385cb7461612fa7a55ece2372a6097f0e147a7920c1d0cf1d419"
    ),
    "plone.app.multilingual.manager:TranslationManager.get_translated_languages": (
        "854bec7724a29a57f91853208e50294873410b0168f0d89df7ba5124965a0288"
    ),
}
