"""Permissions of the people plugin (registered in ``configure.zcml``)."""

#: Who adds Person records (rolemap.xml: as organisations).
AddPerson = "socialhub.people: Add Person"
ADD_PERSON_ID = "socialhub.people.AddPerson"

#: Who links a Person to a member account (rolemap.xml: Site Administrator
#: and Manager): the member becomes the record's Owner.
LinkPersonAccount = "socialhub.people: Link person to member"
LINK_PERSON_ACCOUNT_ID = "socialhub.people.LinkPersonAccount"
