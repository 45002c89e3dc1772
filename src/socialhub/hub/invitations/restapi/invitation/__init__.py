"""``@invitation``: what an invitation link is about, and its answer."""
