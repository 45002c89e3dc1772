"""The secretariat's page of verification partners (``@@verification-partners``).

The Classic UI twin of the REST ``@verification-partners``, with its
functions (:mod:`socialhub.hub.verification.partners`): every partner with
its organisation, scope (terms in the page's language) and verifiers, and
a form to add a partner or change one's name and scope.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from socialhub.core import _
from socialhub.core.browser.formatting import page_language
from socialhub.core.browser.terms import TAXONOMY_LABELS
from socialhub.hub.verification import partners
from socialhub.taxonomy.terms import terms
from urllib.parse import urlencode
from zope.i18n import translate


#: The most organisations the form offers as a partner's entry.
ORGANISATIONS_MAX = 500


class VerificationPartnersView(BrowserView):
    """Lists the partners and adds or changes one."""

    errors = ()
    data = None

    def __call__(self):
        self.language = page_language(self.context, self.request) or "en"
        self.data = self.editing() or {}
        if self.request.method == "POST" and "form.save" in self.request.form:
            CheckAuthenticator(self.request)
            self.save()
        return self.index()

    @property
    def url(self):
        return f"{self.context.absolute_url()}/@@verification-partners"

    def editing(self):
        """The form's values for the partner named by ``?edit=``, or None."""
        group_id = self.request.form.get("edit")
        partner = partners.get_partner(group_id) if isinstance(group_id, str) else None
        if partner is None:
            return None
        return {
            "id": group_id[len(partners.GROUP_PREFIX) :],
            "title": partner["title"],
            "organisation": partner["organisation"] or "",
            "geography": list(partner["geography"]),
            "themes": list(partner["themes"]),
        }

    def partners(self):
        """One dict per partner, by group id."""
        found = []
        for group_id, partner in sorted(partners.all_partners().items()):
            organisation = (
                api.content.get(UID=partner["organisation"])
                if partner["organisation"]
                else None
            )
            found.append(
                {
                    "id": group_id,
                    "title": partner["title"],
                    "organisation": organisation,
                    "scope": [
                        {
                            "label": translate(
                                TAXONOMY_LABELS[name], context=self.request
                            ),
                            "terms": self.titles(name, partner[name]),
                        }
                        for name in partners.SCOPE_TAXONOMIES
                        if partner[name]
                    ],
                    "members": [
                        self.member(userid) for userid in partners.members(group_id)
                    ],
                    "members_url": "{}/@@usergroup-groupmembership?{}".format(
                        api.portal.get().absolute_url(),
                        urlencode({"groupname": group_id}),
                    ),
                    "edit_url": f"{self.url}?{urlencode({'edit': group_id})}",
                }
            )
        return found

    def member(self, userid):
        user = api.user.get(userid=userid)
        fullname = user.getProperty("fullname", "") if user is not None else ""
        return fullname or userid

    def titles(self, name, tokens):
        vocabulary = terms(name, self.language)
        if vocabulary is None:
            return list(tokens)
        return [
            vocabulary.title(token) if token in vocabulary else token
            for token in tokens
        ]

    def options(self, name):
        """The terms of a scope taxonomy, in order, indented by depth."""
        vocabulary = terms(name, self.language)
        if vocabulary is None:
            return []
        chosen = set(self.data.get(name) or ())
        return [
            {
                "token": token,
                "title": "\u00a0\u00a0" * (len(vocabulary.lineage(token)) - 1)
                + vocabulary.title(token),
                "selected": token in chosen,
            }
            for token in vocabulary.ordered_tokens()
        ]

    def scope_fields(self):
        """The scope's selects: ``{"name", "label", "options", "error"}``."""
        return [
            {
                "name": name,
                "label": translate(TAXONOMY_LABELS[name], context=self.request),
                "options": self.options(name),
                "error": self.error_for(name),
            }
            for name in partners.SCOPE_TAXONOMIES
        ]

    def organisations(self):
        """The organisations of the page's language a partner may be, by title."""
        catalog = api.portal.get_tool("portal_catalog")
        query = {"portal_type": "Actor", "sort_on": "sortable_title"}
        if self.language:
            query["Language"] = self.language
        return [
            {
                "uid": brain.UID,
                "title": brain.Title,
                "selected": brain.UID == self.data.get("organisation"),
            }
            for brain in catalog(**query)[:ORGANISATIONS_MAX]
        ]

    def save(self):
        form = self.request.form
        data = {
            name: form.get(name, "")
            for name in ("id", "title", "organisation")
            if isinstance(form.get(name, ""), str)
        }
        for name in partners.SCOPE_TAXONOMIES:
            value = form.get(name, [])
            data[name] = [value] if isinstance(value, str) else value
        self.data = data
        errors, clean = partners.check_partner(data)
        if errors:
            self.errors = [
                {
                    "field": error["field"],
                    "message": translate(error["message"], context=self.request),
                }
                for error in errors
            ]
            self.request.response.setStatus(400)
            return
        group_id, partner, created = partners.add_or_change_partner(clean)
        self.data = {}
        message = (
            _(
                "message_partner_added",
                default="${partner} is a verification partner.",
                mapping={"partner": partner["title"]},
            )
            if created
            else _(
                "message_partner_changed",
                default="The scope of ${partner} is saved.",
                mapping={"partner": partner["title"]},
            )
        )
        IStatusMessage(self.request).add(message)

    def error_for(self, field):
        """The messages of ``field``'s errors, joined."""
        return " ".join(
            error["message"] for error in self.errors if error["field"] == field
        )
