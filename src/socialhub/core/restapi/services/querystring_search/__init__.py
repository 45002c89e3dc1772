"""``@querystring-search`` on SocialHub sites: plone.restapi's, checked first."""
