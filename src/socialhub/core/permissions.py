"""Permissions shared by SocialHub plugins.

The ids are registered in ``permissions.zcml``; the default role mapping is in
``profiles/default/rolemap.xml``.
"""

# Contact details (e-mail, phone, contact person) of actors and initiatives:
# the owner, editors and reviewers read them; Anonymous and other members never.
ViewContactDetails = "socialhub: View contact details"

# Who may give others the Translator role on the sharing page.
DelegateTranslatorRole = "socialhub: Delegate Translator role"
