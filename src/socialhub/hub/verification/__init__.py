"""Third-party verification of organisations by partner organisations.

A *verification partner* is a Plone group (its members are the partner's
verifiers; Plone's group pages and ``@groups`` manage them) with a *scope*:
geography and/or theme terms of the shared taxonomies, kept in
:mod:`.partners`. A local role provider gives the group the ``Verifier``
role on every organisation in its scope, so its members may verify, reject
or revoke those organisations and no others (the workflow's guards and the
catalog's ``allowedRolesAndUsers`` both see the role). Every verification
decision is kept as a history on the organisation (:mod:`.history`).
"""
