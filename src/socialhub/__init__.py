"""SocialHub: a headless, multilingual knowledge platform for social policy.

Each sub-package is an independently installable Plone add-on with its own
GenericSetup profile; ``socialhub.profiles:site`` installs the whole suite.
"""
