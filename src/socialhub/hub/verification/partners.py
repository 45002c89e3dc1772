"""Verification partners: Plone groups with a scope of taxonomy terms.

Why groups and not a content type: the partner's verifiers are members, and
Plone already manages who belongs to a group (the Users and Groups control
panel, ``@groups``); the scope is the only thing a group lacks, and it is
kept here, in a BTree on the site keyed by the group id. An organisation is
in a partner's scope when each part of the scope that is set (geography,
themes) shares a term with the organisation; a parent term (Africa) covers
its descendants (Kenya), as the taxonomy indexes do.
"""

from Acquisition import aq_base
from borg.localrole.interfaces import ILocalRoleProvider
from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone import api
from socialhub.actors.content.actor import IActor
from socialhub.core import _
from socialhub.taxonomy.terms import terms
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.interface import implementer

import re


PARTNERS_KEY = "socialhub.hub.verification.partners"
VERIFIER_ROLE = "Verifier"
#: The prefix of the group id of every partner.
GROUP_PREFIX = "verifiers-"
SCOPE_TAXONOMIES = ("geography", "themes")
#: What a partner is made of (REST and the backend page).
PARTNER_FIELDS = ("id", "title", "organisation", "geography", "themes")
PARTNER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
TITLE_MAX = 200
#: The most terms one part of a scope may have.
SCOPE_MAX = 300


def _storage(create=False):
    annotations = IAnnotations(api.portal.get())
    storage = annotations.get(PARTNERS_KEY)
    if storage is None and create:
        storage = annotations[PARTNERS_KEY] = OOBTree()
    return storage


def all_partners():
    """``{group id: {"title", "organisation", "geography", "themes"}}``."""
    storage = _storage()
    return dict(storage.items()) if storage is not None else {}


def get_partner(group_id):
    """The partner of a group id, or None."""
    storage = _storage()
    return storage.get(group_id) if storage is not None else None


def save_partner(group_id, title, organisation, geography, themes):
    """Create or change a partner (its group must exist) and re-index security."""
    storage = _storage(create=True)
    partner = storage.get(group_id)
    if partner is None:
        partner = storage[group_id] = PersistentMapping()
    partner.update(
        {
            "title": title,
            "organisation": organisation,
            "geography": list(geography),
            "themes": list(themes),
        }
    )
    reindex_actor_security()
    return partner


def members(group_id):
    """The user ids of the verifiers in a partner's group, sorted."""
    if api.group.get(groupname=group_id) is None:
        return []
    return sorted(user.getId() for user in api.user.get_users(groupname=group_id))


def _error(field, message):
    return {"field": field, "message": message}


def _check_tokens(value, name):
    """The sorted distinct tokens of ``value``, or None if not all are terms."""
    vocabulary = terms(name, "en")
    if (
        not isinstance(value, list)
        or len(value) > SCOPE_MAX
        or not all(isinstance(token, str) for token in value)
        or vocabulary is None
        or any(token not in vocabulary for token in value)
    ):
        return None
    return sorted(set(value))


def check_partner(data):
    """``(errors, clean)`` of a partner's data (``PARTNER_FIELDS``).

    ``errors`` lists ``{"field", "message"}`` (messages to translate), the
    first error of each field, in the order of the fields; ``clean`` holds
    the values to give :func:`add_or_change_partner` when there is none.
    """
    errors = []
    clean = {}
    partner_id = data.get("id")
    if not isinstance(partner_id, str) or not PARTNER_ID.match(partner_id):
        errors.append(
            _error(
                "id",
                _(
                    "error_partner_id",
                    default="2 to 40 lowercase letters, digits and hyphens.",
                ),
            )
        )
    else:
        clean["id"] = partner_id
    title = data.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > TITLE_MAX:
        errors.append(
            _error(
                "title",
                _("error_partner_title", default="The partner's name is required."),
            )
        )
    else:
        clean["title"] = title.strip()
    organisation = data.get("organisation") or None
    found = api.content.get(UID=organisation) if isinstance(organisation, str) else None
    if organisation is not None and getattr(found, "portal_type", None) != "Actor":
        errors.append(
            _error(
                "organisation",
                _(
                    "error_partner_organisation",
                    default="Not the UID of an organisation of the directory.",
                ),
            )
        )
    clean["organisation"] = organisation
    for name in SCOPE_TAXONOMIES:
        tokens = _check_tokens(data.get(name) or [], name)
        if tokens is None:
            errors.append(
                _error(
                    name,
                    _(
                        "error_partner_terms",
                        default="A list of terms of the ${taxonomy} taxonomy.",
                        mapping={"taxonomy": name},
                    ),
                )
            )
        clean[name] = tokens or []
    scope_refused = any(error["field"] in SCOPE_TAXONOMIES for error in errors)
    if not scope_refused and not any(clean[name] for name in SCOPE_TAXONOMIES):
        errors.append(
            _error(
                "geography",
                _(
                    "error_partner_scope",
                    default="Give the scope: at least one region, country or theme.",
                ),
            )
        )
    return errors, clean


def add_or_change_partner(clean):
    """Create a partner and its group, or change its name and scope.

    ``clean`` comes from :func:`check_partner`; returns
    ``(group id, partner, created)``.
    """
    group_id = GROUP_PREFIX + clean["id"]
    created = api.group.get(groupname=group_id) is None
    if created:
        api.group.create(groupname=group_id, title=clean["title"])
    partner = save_partner(
        group_id,
        clean["title"],
        clean["organisation"],
        clean["geography"],
        clean["themes"],
    )
    return group_id, partner, created


def remove_partner(group_id):
    """Forget a partner's scope (its group stays) and re-index security."""
    storage = _storage()
    if storage is not None and group_id in storage:
        del storage[group_id]
        reindex_actor_security()


def reindex_actor_security():
    """Re-index who may see each organisation after a scope changed."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Actor"):
        obj = brain._unrestrictedGetObject()
        obj.reindexObject(idxs=["allowedRolesAndUsers"])


def _with_ancestors(name, tokens):
    vocabulary = terms(name, "en")
    covered = set()
    for token in tokens or ():
        covered.add(token)
        if vocabulary is not None and token in vocabulary:
            covered.update(vocabulary.lineage(token))
    return covered


def actor_terms(actor):
    """``{"geography": tokens, "themes": tokens}`` of an organisation, with ancestors.

    The headquarters' country counts as geography (its ISO code is the
    country's token in the geography taxonomy).
    """
    geography = list(getattr(actor, "taxonomy_geography", None) or ())
    country = getattr(actor, "headquarters_country", None)
    if country:
        geography.append(country)
    return {
        "geography": _with_ancestors("geography", geography),
        "themes": _with_ancestors("themes", getattr(actor, "taxonomy_themes", None)),
    }


def in_scope(partner, covered):
    """Whether an organisation's terms (:func:`actor_terms`) are in a partner's scope.

    An empty scope covers nothing.
    """
    parts = [name for name in SCOPE_TAXONOMIES if partner.get(name)]
    return bool(parts) and all(set(partner[name]) & covered[name] for name in parts)


def partners_for(actor):
    """The group ids of the partners whose scope covers ``actor``."""
    partners = all_partners()
    if not partners:
        return []
    covered = actor_terms(actor)
    return sorted(
        gid for gid, partner in partners.items() if in_scope(partner, covered)
    )


def user_partners(actor, user=None):
    """The partners covering ``actor`` that ``user`` (default: current) belongs to."""
    user = user or api.user.get_current()
    if getattr(aq_base(user), "getUser", None) is not None:
        user = user.getUser()  # the user behind Plone's member data
    # A user of Zope's root user folder (the administrator ``make start``
    # creates) has no groups; through acquisition it would seem to.
    has_groups = getattr(aq_base(user), "getGroups", None) is not None
    groups = set(user.getGroups() or ()) if has_groups else set()
    return [gid for gid in partners_for(actor) if gid in groups]


@implementer(ILocalRoleProvider)
@adapter(IActor)
class VerifierRoles:
    """``Verifier`` on an organisation, for the partners whose scope covers it."""

    def __init__(self, context):
        self.context = context

    def getRoles(self, principal_id):
        """``["Verifier"]`` for a partner group covering the organisation."""
        if principal_id in partners_for(self.context):
            return [VERIFIER_ROLE]
        return []

    def getAllRoles(self):
        """Every partner group covering the organisation, with ``Verifier``."""
        for group_id in partners_for(self.context):
            yield group_id, [VERIFIER_ROLE]
