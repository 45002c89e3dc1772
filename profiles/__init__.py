"""Site-level GenericSetup profiles of SocialHub (package ``socialhub.profiles``).

``site`` installs every SocialHub plugin and the languages; ``demo`` adds demo
content on top of it, so a newcomer sees a real platform at once.
"""
