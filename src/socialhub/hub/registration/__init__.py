"""Organisations register themselves; initiatives bring their organisation.

An anonymous visitor registers an organisation (``POST @register-organisation``
or the ``@@register-organisation`` form of a language root): the contact
person gets an account that stays inactive until they confirm their e-mail
address (``POST @confirm-registration`` or the ``@@confirm-registration``
page the mailed link opens), and the organisation an entry in the
"registered" (private) state of that language's actors section, owned by
them; they complete it and submit it for verification. An organisation that
may already be in the directory is not registered twice: the registrant is
told, and may ask to claim the entry (``POST @claim-request``).

A member who registers an initiative (``POST @register-initiative``) names
its lead organisation by UID or by name; a name the directory does not know
becomes a registered entry owned by the member, who is asked to complete it.
"""
