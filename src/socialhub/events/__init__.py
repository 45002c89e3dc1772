"""Events: Plone's own Event, extended for webinars, conferences and live chats."""
