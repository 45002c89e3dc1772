"""Catch the mail SocialHub sends during a functional test.

The functional layers serve the site from a thread of the test process:
patching :func:`socialhub.core.notifications._send` there catches what the
server sends, already translated.
"""

from unittest import mock

import re


LINK = re.compile(r"https?://\S+/@@invitation\?token=(\S+)")


class MailCatcher:
    """Collects ``(recipient, subject, body)`` of every message sent."""

    def __init__(self, test):
        self.sent = []
        patcher = mock.patch(
            "socialhub.core.notifications._send",
            side_effect=lambda *message: self.sent.append(message),
        )
        patcher.start()
        test.addCleanup(patcher.stop)

    def tokens(self):
        """The invitation tokens of the links mailed, in order."""
        return [LINK.search(body).group(1) for _to, _subject, body in self.sent]
