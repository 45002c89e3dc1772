"""Classic UI of self-registration: the forms and the confirmation page."""
