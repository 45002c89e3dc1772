"""A throwaway PostgreSQL server: the shared storage (RelStorage) of two instances.

SocialHub scales out by running several Zope instances on one RelStorage
database in PostgreSQL (``SOCIALHUB_DSN``, instance/etc/storage-relstorage.conf).
The ``shared-writes`` workload needs such a database: :func:`postgresql` runs
a server of Debian's PostgreSQL packages (``benchmarks/install-postgresql``)
with its data in a temporary folder, on the loopback address only and with
no password (``trust``: nothing but this machine can reach it), and removes it
afterwards. :meth:`Cluster.load` copies the benchmark's FileStorage into a new
database with RelStorage's ``zodbconvert``.
"""

from contextlib import contextmanager
from harness import BenchmarkError
from harness import BIN
from harness import HOST
from harness import tail
from pathlib import Path

import glob
import os
import shutil
import subprocess
import tempfile


USER = "socialhub"
#: Debian's server programs are not on the PATH; the newest version wins.
SERVER_BINARIES = "/usr/lib/postgresql/*/bin"
#: initdb and the server refuse to run as root: as root, run them as the
#: ``postgres`` user Debian's package creates.
SYSTEM_USER = "postgres"
TIMEOUT = 600


def server_binaries():
    """The folder of PostgreSQL's server programs; a clear error when missing."""
    folders = sorted(
        glob.glob(SERVER_BINARIES), key=lambda path: int(Path(path).parent.name)
    )
    if folders:
        return Path(folders[-1])
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise BenchmarkError(
        "PostgreSQL is not installed: run benchmarks/install-postgresql "
        "(make bench does)"
    )


class Cluster:
    """A running PostgreSQL server of the benchmark.

    ``pg_ctl`` is the command prefix that controls it (``restart``).
    """

    def __init__(self, folder, port, pg_ctl=()):
        self.folder = folder
        self.port = port
        self.pg_ctl = list(pg_ctl)

    def dsn(self, database):
        """The libpq connection string of ``database`` (SOCIALHUB_DSN)."""
        return f"dbname={database} user={USER} host={HOST} port={self.port}"

    def load(self, data, database):
        """A new database holding the FileStorage (and blobs) in ``data``."""
        self.run_sql(f"CREATE DATABASE {database}")
        config = self.folder / f"convert-{database}.conf"
        config.write_text(
            "%import relstorage\n"
            "<filestorage source>\n"
            f"    path {data / 'filestorage' / 'Data.fs'}\n"
            f"    blob-dir {data / 'blobstorage'}\n"
            "    read-only true\n"
            "</filestorage>\n"
            "<relstorage destination>\n"
            "    keep-history false\n"
            f"    blob-dir {self.folder / 'blobcache'}\n"
            "    shared-blob-dir false\n"
            "    <postgresql>\n"
            f"        dsn {self.dsn(database)}\n"
            "    </postgresql>\n"
            "</relstorage>\n"
        )
        run([str(BIN / "zodbconvert"), str(config)], "zodbconvert")
        return self.dsn(database)

    def restart(self, mode="immediate"):
        """Restart the server; ``immediate`` is a crash: no clean shutdown,
        every connection cut, recovery from the write-ahead log."""
        run(self.pg_ctl + ["-m", mode, "restart"], "pg_ctl restart")

    def run_sql(self, statement):
        """Run one SQL statement as the cluster's owner."""
        run(
            [str(server_binaries() / "psql"), "-q", "-d", self.dsn("postgres")]
            + ["-c", statement],
            "psql",
        )


@contextmanager
def postgresql(port):
    """Run PostgreSQL on the loopback ``port`` until the block ends; a :class:`Cluster`.

    Its data is in a new folder of the system's temporary folder (as root,
    the server runs as another user, who must reach it).
    """
    binaries = server_binaries()
    folder = Path(tempfile.mkdtemp(prefix="socialhub-postgresql-"))
    try:
        as_owner = server_owner(folder)
        data = folder / "data"
        run(
            as_owner
            + [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", USER]
            + ["-E", "UTF8", "--no-locale"],
            "initdb",
        )
        options = f"-p {port} -k {folder} -c listen_addresses={HOST}"
        log = folder / "server.log"
        pg_ctl = as_owner + [str(binaries / "pg_ctl"), "-D", str(data), "-w"]
        pg_ctl += ["-l", str(log), "-o", options]
        try:
            run(pg_ctl + ["start"], "pg_ctl start")
        except BenchmarkError as error:
            raise BenchmarkError(f"{error}\n{tail(log)}") from None
        try:
            yield Cluster(folder, port, pg_ctl)
        finally:
            run(pg_ctl + ["-m", "fast", "stop"], "pg_ctl stop", check=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def server_owner(folder):
    """The command prefix that runs PostgreSQL's programs as their owner.

    As root, the ``postgres`` user Debian's package creates, who gets
    ``folder``; otherwise the current user.
    """
    if os.geteuid() != 0:
        return []
    try:
        shutil.chown(folder, SYSTEM_USER, SYSTEM_USER)
    except LookupError:
        raise BenchmarkError(
            f"PostgreSQL's server refuses to run as root, and there is no "
            f"{SYSTEM_USER!r} user to run it as: install Debian's package "
            "(benchmarks/install-postgresql) or run the benchmarks as "
            "another user"
        ) from None
    return ["runuser", "-u", SYSTEM_USER, "--"]


def run(command, name, check=True):
    """Run a PostgreSQL or RelStorage program; its failure is the run's."""
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if check and result.returncode:
        raise BenchmarkError(
            f"{name} failed ({result.returncode}):\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return result
