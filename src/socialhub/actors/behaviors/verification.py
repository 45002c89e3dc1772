"""The verification record and flags of an organisation (``socialhub.verification``).

A schema-only behaviour: its values are attributes of the Actor. Reviewers
record how an organisation was verified and with which reference;
``verified_by`` and ``verified_on`` are read-only and set by
:func:`socialhub.actors.subscribers.record_verification` on the ``verify``
transition. The flags (``actor_flags``, with ``actor_flag_reason``) are the
knowledge-management team's: only "socialhub: Flag actors" writes them
(plone.restapi silently skips fields one may not write). They are indexed
(KeywordIndex ``actor_flags``), so ``@search?actor_flags=remote`` works.
"""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.indexer import indexer
from plone.supermodel import model
from socialhub.actors.permissions import FLAG_ACTORS_ID
from socialhub.actors.permissions import RECORD_ACTOR_VERIFICATION_ID
from socialhub.core import _
from zope import schema
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# The names are those the behaviour had in socialhub.policies: @types and
# stored settings show them.
VERIFICATION_METHODS_VOCABULARY = "socialhub.policies.VerificationMethods"
ACTOR_FLAGS_VOCABULARY = "socialhub.policies.ActorFlags"

# The method recorded when a reviewer verifies without choosing one.
DEFAULT_METHOD = "team_review"

VERIFICATION_METHODS = (
    (
        "team_review",
        _(
            "verification_method_team_review",
            default="Review by the knowledge-management team",
        ),
    ),
    (
        "third_party",
        _("verification_method_third_party", default="Third-party validation"),
    ),
    (
        "document_check",
        _("verification_method_document_check", default="Document check"),
    ),
)

ACTOR_FLAGS = (
    ("new", _("actor_flag_new", default="New")),
    ("small", _("actor_flag_small", default="Small organisation")),
    ("less_visible", _("actor_flag_less_visible", default="Less visible")),
    ("remote", _("actor_flag_remote", default="Remote")),
    ("very_active", _("actor_flag_very_active", default="Very active")),
)


def _vocabulary(terms):
    return SimpleVocabulary(
        [SimpleTerm(value=token, token=token, title=title) for token, title in terms]
    )


@provider(IVocabularyFactory)
def verification_methods(context=None):
    """How an organisation was verified."""
    return _vocabulary(VERIFICATION_METHODS)


@provider(IVocabularyFactory)
def actor_flags_vocabulary(context=None):
    """The flags reviewers give organisations."""
    return _vocabulary(ACTOR_FLAGS)


@provider(IFormFieldProvider)
class IVerification(model.Schema):
    """Verification record and flags of an organisation."""

    model.fieldset(
        "verification",
        label=_("label_fieldset_verification", default="Verification"),
        fields=[
            "verification_method",
            "verification_reference",
            "verified_by",
            "verified_on",
            "actor_flags",
            "actor_flag_reason",
        ],
    )

    directives.write_permission(
        verification_method=RECORD_ACTOR_VERIFICATION_ID,
        verification_reference=RECORD_ACTOR_VERIFICATION_ID,
        actor_flags=FLAG_ACTORS_ID,
        actor_flag_reason=FLAG_ACTORS_ID,
    )

    verification_method = schema.Choice(
        title=_("label_verification_method", default="Verification method"),
        description=_(
            "help_verification_method",
            default="How the organisation was verified.",
        ),
        vocabulary=VERIFICATION_METHODS_VOCABULARY,
        required=False,
    )

    verification_reference = schema.TextLine(
        title=_("label_verification_reference", default="Verification reference"),
        description=_(
            "help_verification_reference",
            default="For example the validation id or address of the third party.",
        ),
        required=False,
    )

    verified_by = schema.TextLine(
        title=_("label_verified_by", default="Verified by"),
        required=False,
        readonly=True,
    )

    verified_on = schema.Datetime(
        title=_("label_verified_on", default="Verified on"),
        required=False,
        readonly=True,
    )

    actor_flags = schema.List(
        title=_("label_actor_flags", default="Flags"),
        description=_(
            "help_actor_flags",
            default="Set by the knowledge-management team; listings filter on them.",
        ),
        value_type=schema.Choice(vocabulary=ACTOR_FLAGS_VOCABULARY),
        required=False,
        default=[],
        missing_value=[],
    )

    actor_flag_reason = schema.Text(
        title=_("label_actor_flag_reason", default="Reason for the flags"),
        required=False,
    )


@indexer(IVerification)
def actor_flags_indexer(obj):
    """The flags of an organisation, for the ``actor_flags`` index."""
    flags = getattr(obj, "actor_flags", None)
    if not flags:
        raise AttributeError("actor_flags")
    return tuple(flags)
