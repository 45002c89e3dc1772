"""collective.taxonomy internals SocialHub reaches.

Checked against collective.taxonomy 4.0.0.

- The control panel's delete action
  (``TaxonomySettingsControlPanelForm.handle_delete_taxonomy_action``):
  :func:`socialhub.taxonomy.setuphandlers.remove_taxonomy` removes a
  taxonomy the way it does (the behaviour, then the utility's
  registrations), which collective.taxonomy offers only as a form
  button; the source it follows is pinned in :data:`COPIED`.
"""

#: Upstream functions SocialHub mirrors, with the SHA-256 of their source
#: when that was written.
COPIED = {
    "collective.taxonomy.controlpanel:TaxonomySettingsControlPanelForm"
    ".handle_delete_taxonomy_action.func": (
        "760a2d918bc210127945c4cf8ecd3d7f4ffb79d7d30194bef7d35c502ccbddfd"
    ),
}
