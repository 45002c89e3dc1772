"""Upgrade to 1006: the widgets of the Classic UI's forms."""

DATAGRID_PROFILE = "profile-collective.z3cform.datagridfield:default"


def install_form_widgets(context):
    """Install the people rows' grid and SocialHub's forms browser layer.

    ``context`` is portal_setup.
    """
    context.runAllImportStepsFromProfile(DATAGRID_PROFILE)
    context.runImportStepFromProfile(
        "profile-socialhub.core:default", "browserlayer", run_dependencies=False
    )
