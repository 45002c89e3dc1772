"""Install and uninstall handlers of the project hub plugin."""

from socialhub.core.uninstall import refuse_while_needed


PROFILE_ID = "socialhub.hub:default"


def pre_uninstall(setup_tool):
    """Refuse to uninstall while an add-on that needs this one is installed."""
    refuse_while_needed(PROFILE_ID)
