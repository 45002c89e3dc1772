"""Run the SocialHub command lines as a newcomer would, for the tests.

These tests start real processes (make, a fresh virtualenv, buildout) rather
than a test layer: they prove what a user's first commands do.
"""

from pathlib import Path

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time


CHECKOUT = Path(__file__).resolve().parent.parent

#: The zope.testrunner level of the end-to-end tests (the ``level`` of their
#: TestCase): ``make test`` runs every level (``--all``); ``make check`` and a
#: bare ``zope-testrunner`` run level 1 only, the fast development loop.
END_TO_END = 2


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command, cwd=CHECKOUT, env=None, timeout=600):
    """Run a command to its end; return the CompletedProcess (text output)."""
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def environ(**overrides):
    """os.environ with the overrides, minus settings that would leak in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SOCIALHUB_", "MAKE")) and key not in ("PORT", "SITE_ID")
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return env


@contextlib.contextmanager
def serving(command, port, cwd=CHECKOUT, env=None, timeout=240):
    """Start a server command, wait until it answers on ``port``, stop it after.

    Yields the Popen; its whole output is in ``process.output`` once stopped.
    Fails with the output so far when the server exits or does not answer.
    """
    log = tempfile.TemporaryFile("w+")
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    f"{command} did not serve on port {port}:\n{_read(log)}"
                )
            time.sleep(0.5)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        # make may exit before the server it started has closed its socket:
        # the next server must not find the old one still answering.
        deadline = time.monotonic() + 30
        while _answers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        process.output = _read(log)
        log.close()


def _answers(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _read(log):
    log.flush()
    log.seek(0)
    return log.read()
