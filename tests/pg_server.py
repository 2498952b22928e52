"""A throw-away PostgreSQL server for the team-mode tests (issue 19 point 3): initdb and pg_ctl on a temporary folder
and a free port, stopped when the test session ends. No mock: the storage, services and commands run against a real
server, as an office's IT would run it.

The server binaries are found on PATH or under /usr/lib/postgresql/<version>/bin (Debian's package; .ci/run installs
it when missing). PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user (Debian's
package creates it), through `runuser`. Each test gets a database of its own (`PgServer.new_database`), created from
template0 so nothing a test did leaks into the next; a test that wants an up-to-date register gets a copy of one
migrated once per server (`PgServer.register_template`), as tests/register_template.py does for SQLite.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "breachdesk_admin"
START_TIMEOUT_S = 60


def server_bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: PATH first, then Debian's versioned folders, newest first."""
    found = shutil.which("pg_ctl")
    if found is not None and shutil.which("initdb") is not None:
        return Path(found).resolve().parent
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        for version in sorted(
            root.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0, reverse=True
        ):
            if (version / "bin" / "pg_ctl").exists() and (version / "bin" / "initdb").exists():
                return version / "bin"
    return None


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    folder: Path
    port: int
    bin_dir: Path
    as_user: str | None  # the system user the server runs as (root cannot run it)
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _template: str | None = None

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def url(self, database: str, user: str = SUPERUSER, password: str | None = None) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """One statement as the superuser, outside a transaction (CREATE DATABASE cannot run in one)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database, autocommit=True
        ) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def new_database(self, prefix: str = "register", template: str = "template0") -> str:
        """A fresh database (with pg_trgm available, as the README asks the administrator to allow): empty, or a copy
        of `template`."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\'')
        return name

    def register_template(self) -> str:
        """A database made an up-to-date register once per server, by Database.open (every migration, 0001 to head),
        to be copied by CREATE DATABASE … TEMPLATE. Why: migrating a register for each test cost ~0.3 s of CPU,
        the server's included (issue 20); a copy is what an office's server holds on every start after the first.
        Nobody stays connected to it (PostgreSQL copies only a template no session is using)."""
        if self._template is None:
            from app.db.database import Database  # the register's own code, only for tests that want one
            from app.paths import DataPaths

            name = self.new_database("register_template")
            Database.open(DataPaths(self.folder / "template-data"), self.url(name)).close()
            self._template = name
        return self._template

    def drop_database(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_user is not None:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=START_TIMEOUT_S)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> PgServer:
    """initdb + pg_ctl start; raises RuntimeError with the server's own words when it cannot."""
    bin_dir = server_bin_dir()
    if bin_dir is None:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql"
        )
    as_user = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="breachdesk-pg-"))
    if as_user is not None:
        shutil.chown(folder, user=as_user)
    server = PgServer(folder, _free_port(), bin_dir, as_user)
    data, sockets = folder / "data", folder / "sockets"
    try:
        server._run(
            "initdb", "-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"
        )
        sockets.mkdir()
        if as_user is not None:
            shutil.chown(sockets, user=as_user)
        options = f"-p {server.port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        options += (
            " -c full_page_writes=off -c synchronous_commit=off"  # a test server: speed, not durability
        )
        server._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "server.log"), "-w", "start")
    except subprocess.CalledProcessError as error:
        log = folder / "server.log"
        details = (error.stderr or "") + (log.read_text(errors="replace") if log.exists() else "")
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"the test PostgreSQL server did not start: {details[-2000:]}") from error
    return server
