"""A throwaway PostgreSQL server for the tests: Debian's binaries, a data directory in a temp dir,
listening on a free loopback port, trust authentication, no fsync; stopped and removed at the end.

PostgreSQL refuses to run as root: as root, initdb and postgres run as the `postgres` OS user the
Debian package creates.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from support import free_port

STARTUP_SECONDS = 60


def binaries() -> Path | None:
    """The directory of initdb and postgres: PG_BIN, else the newest of Debian's versions."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda path: int(path.split("/")[4]))
    return Path(found[-1]).parent if found else None


@contextmanager
def postgres_server():
    """Yields a SQLAlchemy URL (postgresql+psycopg) of a fresh database on a server started here."""
    bin_dir = binaries()
    assert bin_dir, "PostgreSQL is not installed (./run test installs Debian's postgresql package)"
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    directory = Path(tempfile.mkdtemp(prefix="quotes-pg-"))
    if as_root:
        shutil.chown(directory, "postgres", "postgres")
    data = directory / "data"
    subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE, timeout=120)
    port = free_port()
    log = (directory / "server.log").open("wb")
    server = subprocess.Popen([*prefix, str(bin_dir / "postgres"), "-D", str(data), "-h", "127.0.0.1",
                               "-p", str(port), "-k", str(directory), "-c", "fsync=off",
                               "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
                              stdout=log, stderr=log)
    try:
        import psycopg

        give_up = time.monotonic() + STARTUP_SECONDS
        while True:
            assert server.poll() is None, (directory / "server.log").read_text()[-2000:]
            try:
                with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                                     autocommit=True, connect_timeout=2) as connection:
                    connection.execute("CREATE DATABASE quotes_test")
                break
            except psycopg.OperationalError:
                assert time.monotonic() < give_up, "PostgreSQL did not start in time"
                time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/quotes_test"
    finally:
        server.terminate()  # SIGTERM: PostgreSQL's smart shutdown; SIGINT would be fast
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        shutil.rmtree(directory, ignore_errors=True)
