"""Throwaway databases for the benchmarks: a SQLite file, or a PostgreSQL database dropped afterwards.

Every benchmark works in databases of its own, named after itself and its process, so it never
touches the databases of the application, of CI or of another run.
"""

import contextlib
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

POSTGRES = "postgres://postgres@127.0.0.1:5432"


def psql(sql: str, server: str = POSTGRES) -> None:
    """Run one statement on the server's `postgres` database, as its superuser."""
    url = urlsplit(server)
    subprocess.run(
        ["psql", "-q", "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres",
         "-d", "postgres", "-c", sql],
        check=True, stdout=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def throwaway_database(kind: str, directory: Path, name: str, server: str = POSTGRES):
    """Yield the URL of an empty database called `name`: a file in `directory`, or on `server`."""
    if kind == "sqlite":
        path = Path(directory) / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    name = f"{name}_{os.getpid()}"
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', server)
    psql(f'CREATE DATABASE "{name}"', server)
    try:
        yield f"{server}/{name}"
    finally:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', server)
