"""Permissions of the SocialHub workflow policies.

The ids are registered in ``configure.zcml``; the default role mapping is in
``profiles/default/rolemap.xml`` (Reviewer, Site Administrator, Manager).
"""

# Who sets the flags of an organisation (new, small, remote...) and why.
FlagActors = "socialhub: Flag actors"
FLAG_ACTORS_ID = "socialhub.FlagActors"

# Who records how and with which reference an organisation was verified.
RecordActorVerification = "socialhub: Record actor verification"
RECORD_ACTOR_VERIFICATION_ID = "socialhub.RecordActorVerification"
