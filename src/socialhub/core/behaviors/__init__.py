"""Behaviours shared by several SocialHub content types."""
