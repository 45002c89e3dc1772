"""``@history`` of SocialHub content, with 4xx answers for bad versions."""
