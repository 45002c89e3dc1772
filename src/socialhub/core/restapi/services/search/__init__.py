"""``@search`` on SocialHub sites: plone.restapi's, with its query checked."""
