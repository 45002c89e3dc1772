"""Classic UI of self-registration.

- ``@@register-organisation`` (language roots, site root): the form; a POST
  registers as ``@register-organisation`` does, and the page says what
  happened: thanks, the fields to correct (next to each), a duplicate (with
  a form to ask to claim it), or a rate limit.
- ``@@confirm-registration?token=...``: the page the mailed link opens.
  Opening it uses nothing up (a mail scanner may open it); its form posts
  the chosen password, which redeems the token.
- ``@@claim-request``: where the duplicate page's claim form posts.
- ``@@register-initiative`` (members): an initiative and its lead
  organisation, as ``@register-initiative``.
- A notice on an initiative's page for its owner while the lead
  organisation made for it waits to be completed, and a link to the form
  on the actors sections.

Forms carry plone.protect's authenticator (CSRF). A refused POST answers
4xx, whose transaction SocialHub drops: nothing is written, a confirmation
link with a refused password stays usable.
"""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from socialhub.core import _
from socialhub.core.errors import field_errors
from socialhub.core.ratelimit import RateLimited
from socialhub.core.sections import language_roots
from socialhub.core.tokens import TokenError
from socialhub.hub.accounts import AccountError
from socialhub.hub.accounts import pending_member
from socialhub.hub.registration import initiatives
from socialhub.hub.registration import registration
from socialhub.taxonomy.terms import get_taxonomy
from socialhub.taxonomy.terms import TaxonomyTerms
from zExceptions import BadRequest
from zExceptions import Unauthorized
from zope.i18n import translate

import logging


logger = logging.getLogger("socialhub.hub")

#: Which state of the page the template shows.
FORM, DONE, DUPLICATE, REFUSED = "form", "done", "duplicate", "refused"


class FormPage(BrowserView):
    """A page with a form that posts back to itself."""

    state = FORM
    #: ``{field: translated message}`` of a refused POST.
    errors = None
    #: A translated message for the whole page (an error or a success).
    message = ""

    def translate(self, message):
        return translate(message, context=self.request)

    def error_map(self, errors):
        """``{field: message}`` of ``[{"field", "message"}]``, translated."""
        return {
            error.get("field", ""): self.translate(error["message"]) for error in errors
        }

    def value(self, name, default=""):
        """The value posted for ``name``, to show again in the form."""
        value = self.request.form.get(name, default)
        return value if isinstance(value, (str, list)) else default

    @property
    def language(self):
        return registration.entry_language(self.context, self.request)

    def root_url(self):
        """The URL of the language root of the page."""
        root = language_roots().get(self.language) or api.portal.get()
        return root.absolute_url()

    def refuse(self, status, state=REFUSED):
        self.request.response.setStatus(status)
        self.state = state

    def countries(self, name="country"):
        """The countries of the geography taxonomy, by name in the page's language."""
        taxonomy = get_taxonomy("geography")
        if taxonomy is None:
            return []
        terms = TaxonomyTerms(taxonomy, self.language)
        selected = self.value(name)
        return sorted(
            (
                {
                    "value": token,
                    "title": terms.title(token),
                    "selected": token == selected,
                }
                for token in terms.tokens
                if len(token) == 2 and token.isalpha() and token.isupper()
            ),
            key=lambda row: row["title"],
        )


class RegisterOrganisationForm(FormPage):
    """``@@register-organisation``: an organisation registers itself."""

    honeypot_field = registration.HONEYPOT_FIELD
    duplicate = None

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST":
            self.submit()
        return self.index()

    def submit(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        data = {
            name: form[name]
            for name in (*registration.FIELDS, self.honeypot_field)
            if name in form
        }
        values, errors = registration.check_registration(data, self.language)
        if errors:
            self.errors = self.error_map(errors)
            self.refuse(400, FORM)
            return
        self.values = values
        if registration.honeypot_filled(data):
            logger.info("Registration form with a filled honeypot ignored")
            self.state = DONE
            return
        try:
            registration.register_organisation(
                self.context, self.request, values, self.language
            )
        except registration.DuplicateEntry as duplicate:
            self.duplicate = duplicate
            self.message = self.translate(
                _(
                    "error_duplicate_organisation_form",
                    default="This organisation seems to be in the directory "
                    "already. If you speak for it, ask to manage its entry with "
                    "the form below.",
                )
            )
            self.refuse(409, DUPLICATE)
            return
        except RateLimited as error:
            self.message = str(error)
            self.refuse(429)
            return
        except registration.RegistrationError as error:
            self.message = self.translate(error.message)
            self.refuse(400)
            return
        self.state = DONE

    def done_message(self):
        return self.translate(
            _(
                "registration_received",
                default="Thank you. We sent a link to ${email}: open it to "
                "confirm your address and choose your password, then log in "
                "to complete the entry of ${title} and submit it for "
                "verification.",
                mapping={
                    "email": self.values["contact_email"],
                    "title": self.values["title"],
                },
            )
        )

    def public_duplicates(self):
        return [
            {"url": item.absolute_url(), "title": item.Title()}
            for item in (self.duplicate.public if self.duplicate else [])
        ]

    def terms_url(self):
        page = registration.setting("terms_page") or "terms"
        return f"{self.root_url()}/{page}"

    def options(self, taxonomy_name, selected):
        """The terms of a taxonomy as ``<option>`` data, in the page's language."""
        taxonomy = get_taxonomy(taxonomy_name)
        if taxonomy is None:
            return []
        terms = TaxonomyTerms(taxonomy, self.language)
        selected = selected if isinstance(selected, list) else [selected]
        rows = []
        for token, _path in sorted(terms.tokens.items(), key=lambda item: item[1]):
            depth = len(terms.lineage(token)) - 1
            rows.append(
                {
                    "value": token,
                    "title": "\u2003" * depth + terms.title(token),
                    "selected": token in selected,
                }
            )
        return rows


class ConfirmRegistrationPage(FormPage):
    """``@@confirm-registration``: confirm the address, choose the password."""

    login = ""

    def __call__(self):
        self.errors = {}
        self.token = self.request.form.get("token")
        try:
            pending_member(self.token)
        except (TokenError, AccountError) as error:
            self.message = self.translate(error.message)
            self.refuse(error.status)
            return self.index()
        if self.request.method == "POST":
            self.submit()
        return self.index()

    def submit(self):
        CheckAuthenticator(self.request)
        password = self.request.form.get("password")
        if not isinstance(password, str):
            password = ""
        if password != self.request.form.get("password_confirm"):
            self.errors = {
                "password_confirm": self.translate(
                    _(
                        "error_passwords_differ",
                        default="The two passwords differ: type the same twice.",
                    )
                )
            }
            self.refuse(400, FORM)
            return
        try:
            result = registration.confirm_registration(self.token, password)
        except AccountError as error:
            self.errors = {error.field or "": self.translate(error.message)}
            self.refuse(error.status, FORM)
            return
        except TokenError as error:
            self.message = self.translate(error.message)
            self.refuse(error.status)
            return
        self.login = result["login"]
        self.state = DONE

    def login_url(self):
        return f"{self.root_url()}/login"


class ClaimRequestPage(FormPage):
    """``@@claim-request``: ask to manage the entries a registration collided with."""

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST":
            self.submit()
        return self.index()

    def submit(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        values, errors = registration.check_claim(
            {
                name: form[name]
                for name in ("claim_token", "name", "email", "message")
                if name in form
            }
        )
        if errors:
            self.errors = self.error_map(errors)
            self.refuse(400, FORM)
            return
        try:
            registration.request_claim(self.request, values)
        except TokenError as error:
            self.message = self.translate(error.message)
            self.refuse(error.status)
            return
        except RateLimited as error:
            self.message = str(error)
            self.refuse(429)
            return
        self.message = self.translate(
            _(
                "claim_request_sent",
                default="Your request was sent. The secretariat will check it "
                "and write to you at ${email}.",
                mapping={"email": values["email"]},
            )
        )
        self.state = DONE


class LeadToCompleteViewlet(ViewletBase):
    """On an initiative's page: its lead organisation waits to be completed.

    Shown to whoever may edit that entry (its owner, editors) while it is
    still registered, not yet submitted for verification.
    """

    def update(self):
        super().update()
        self.actor = initiatives.lead_to_complete_for_user(self.context)

    def render(self):
        return self.index() if self.actor is not None else ""


class RegisterLinkViewlet(ViewletBase):
    """On an actors section: a link to the registration form; on an
    initiatives section, for members: a link to the initiative form."""

    def kind(self):
        """``"organisation"``, ``"initiative"`` or None: which link to show."""
        if getattr(self.context, "portal_type", None) != "Section":
            return None
        if self.context.getId() == registration.ACTORS_SECTION:
            return "organisation"
        if (
            self.context.getId() == initiatives.INITIATIVES_SECTION
            and not api.user.is_anonymous()
        ):
            return "initiative"
        return None

    def form_url(self):
        return f"{self.context.aq_parent.absolute_url()}/@@register-{self.kind()}"

    def render(self):
        return self.index() if self.kind() else ""


class RegisterInitiativeForm(FormPage):
    """``@@register-initiative``: a member registers an initiative and its lead.

    The Classic UI twin of ``@register-initiative``: the initiative's title,
    summary and objectives, its lead organisation by name (with its web site
    and country, to find it or to make its entry). Then the initiative's page,
    which tells its owner what to complete.
    """

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to register an initiative.")
        self.errors = {}
        if self.request.method == "POST":
            url = self.submit()
            if url:
                return self.request.response.redirect(url, status=303)
        return self.index()

    def submit(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        data = {
            name: form[name].strip()
            for name in (
                "title",
                "description",
                "objectives",
                *initiatives.LEAD_FIELDS,
            )
            if isinstance(form.get(name), str) and form[name].strip()
        }
        lead, errors = initiatives.check_initiative(data, self.language)
        if not errors:
            try:
                initiative, _actor, _created = initiatives.register_initiative(
                    self.request, data, self.language, lead
                )
            except BadRequest as error:
                errors = field_errors(error) or [{"message": str(error)}]
            else:
                return initiative.absolute_url()
        self.errors = self.error_map(errors)
        self.message = self.errors.get("", "")
        self.refuse(400, FORM)
        return None
