"""SocialHub core's plone.restapi components: services, (de)serializers."""
