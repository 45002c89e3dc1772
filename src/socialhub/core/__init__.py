"""Shared foundation of the SocialHub suite.

Roles, permissions, the browser layer and the helpers every SocialHub plugin
builds on. Nothing here adds content types: plugins do.
"""

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "socialhub.core"

_ = MessageFactory("socialhub")
