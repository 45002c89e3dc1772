"""The browser layer of SocialHub's form widgets."""

from plone.app.z3cform.interfaces import IPloneFormLayer


class ISocialHubFormsLayer(IPloneFormLayer):
    """Requests to a site with socialhub.core: SocialHub's widget templates.

    A Plone form layer, so its templates come before plone.app.z3cform's and
    collective.taxonomy's (registered for z3c.form's form layer).
    """
