"""``@review-queue``: what waits for a reviewer, oldest first."""
