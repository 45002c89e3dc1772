"""Review in the Classic UI: the review queue and the comment form of the
transitions that need a comment (sending back, rejecting)."""
