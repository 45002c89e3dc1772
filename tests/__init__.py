"""Tests of the SocialHub suite, run by zope-testrunner (`make test`)."""
