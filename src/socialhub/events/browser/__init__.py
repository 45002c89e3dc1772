"""The Classic UI of the events plugin: SocialHub's Event view page."""
