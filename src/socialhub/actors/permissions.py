"""Permissions of the verification record and flags of organisations.

The ids are registered in ``configure.zcml``; the default role mapping is in
the workflow policies' ``rolemap.xml`` (socialhub.policies: Reviewer, Site
Administrator, Manager). Ids and titles are those of socialhub.policies,
where they were first defined: stored role maps name them.
"""

# Who sets the flags of an organisation (new, small, remote...) and why.
FlagActors = "socialhub: Flag actors"
FLAG_ACTORS_ID = "socialhub.FlagActors"

# Who records how and with which reference an organisation was verified.
RecordActorVerification = "socialhub: Record actor verification"
RECORD_ACTOR_VERIFICATION_ID = "socialhub.RecordActorVerification"
