"""A throw-away PostgreSQL cluster for the test suite.

Runs the PostgreSQL server binaries (``initdb``/``pg_ctl``) found on PATH or under
``/usr/lib/postgresql/*/bin`` (highest version wins; ``PG_BINDIR`` overrides both) on a
cluster in a temporary directory, listening only on 127.0.0.1 on a free port, with trust
authentication and durability switched off for speed.  Everything is removed on
:meth:`PostgresServer.stop`, which also runs at interpreter exit in case the test run is
interrupted; and a small watchdog process stops the server and removes its directory if
the test process is killed outright (SIGTERM/SIGKILL, e.g. a CI timeout).

PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
``postgres`` system user (created by Debian's ``postgresql`` package).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql

SUPERUSER = "postgres"
HOST = "127.0.0.1"
_DEBIAN_BINDIRS = "/usr/lib/postgresql/*/bin"
_START_ATTEMPTS = 3
_SPEED_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
UTF8_CTYPE = "C.UTF-8"

# Run in a separate process (own session) holding the read end of a pipe from the test
# process.  When the test process goes away without calling stop() -- killed by SIGTERM or
# SIGKILL, e.g. a CI timeout -- the pipe reaches EOF and this stops the server and removes
# its directory, so no orphaned postgres is left behind.
_WATCHDOG = """
import json, shutil, subprocess, sys
cfg = json.loads(sys.argv[1])
sys.stdin.buffer.read()
subprocess.run(cfg["stop"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL, check=False, **cfg["kwargs"])
shutil.rmtree(cfg["tmpdir"], ignore_errors=True)
"""


class PostgresNotAvailable(RuntimeError):
    """The PostgreSQL server binaries (initdb, pg_ctl) cannot be found."""


class PostgresStartError(RuntimeError):
    """initdb or pg_ctl failed."""


def _version_key(bindir: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/15/bin -> (15,)
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name)) or (0,)


def find_bindir() -> Path:
    """Directory holding initdb and pg_ctl, or raise PostgresNotAvailable."""
    override = os.environ.get("PG_BINDIR")
    if override:
        bindir = Path(override)
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
        raise PostgresNotAvailable(f"PG_BINDIR={override} does not contain initdb and pg_ctl")

    initdb = shutil.which("initdb")
    if initdb is not None:
        bindir = Path(initdb).resolve().parent
        if (bindir / "pg_ctl").is_file():
            return bindir
        pg_ctl = shutil.which("pg_ctl")
        if pg_ctl is not None:
            return Path(pg_ctl).resolve().parent

    candidates = [
        path.parent
        for path in Path("/").glob(_DEBIAN_BINDIRS.lstrip("/") + "/initdb")
        if (path.parent / "pg_ctl").is_file()
    ]
    if candidates:
        return max(candidates, key=_version_key)

    raise PostgresNotAvailable(
        "PostgreSQL server binaries not found: no initdb/pg_ctl on PATH or under "
        f"{_DEBIAN_BINDIRS}. Install them (Debian: apt-get install postgresql; "
        "./scripts/test does this itself) or set PG_BINDIR."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A private PostgreSQL cluster: ``start()``, ``create_database()``, ..., ``stop()``."""

    def __init__(self, bindir: Path | str | None = None, locale: str = "C") -> None:
        self._bindir = Path(bindir) if bindir is not None else None
        self._locale = locale  # initdb's; the benchmarks ask for C.UTF-8 (trigrams of Chinese)
        self._tmpdir: Path | None = None
        self._port: int | None = None
        self._run_as: pwd.struct_passwd | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None

    # -- lifecycle -----------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._port is not None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("PostgresServer is not running")
        return self._port

    def start(self) -> None:
        if self.running:
            return
        bindir = self._bindir or find_bindir()
        for tool in ("initdb", "pg_ctl"):
            if not (bindir / tool).is_file():
                raise PostgresNotAvailable(f"{bindir / tool} does not exist")
        self._bindir = bindir
        self._run_as = self._server_user()

        self._tmpdir = Path(tempfile.mkdtemp(prefix="repair-counter-pg-", dir=self._base_dir()))
        atexit.register(self.stop)
        try:
            self._initdb()
            self._start_watchdog()
            self._start_server()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        tmpdir, self._tmpdir = self._tmpdir, None
        if tmpdir is None:
            return
        atexit.unregister(self.stop)
        self._port = None
        watchdog, self._watchdog = self._watchdog, None
        if watchdog is not None:
            watchdog.kill()
            watchdog.wait()
            if watchdog.stdin is not None:
                watchdog.stdin.close()
        if (tmpdir / "data" / "postmaster.pid").exists():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                self._run(self._stop_command(tmpdir), cwd=tmpdir, check=False)
        shutil.rmtree(tmpdir, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- databases -----------------------------------------------------------------

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL of database ``dbname`` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@{HOST}:{self.port}/{dbname}"

    def create_database(self, *, ctype: str | None = None, owner: str | None = None) -> str:
        """Create a fresh, uniquely named database and return its SQLAlchemy URL; `ctype`: its
        LC_CTYPE instead of the cluster's (e.g. "C"), `owner`: a role to own it."""
        name = f"test_{uuid.uuid4().hex[:16]}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if ctype is not None:
            statement += sql.SQL(" TEMPLATE template0 LC_CTYPE {}").format(sql.Literal(ctype))
        if owner is not None:
            statement += sql.SQL(" OWNER {}").format(sql.Identifier(owner))
        with self._admin_connection() as conn:
            conn.execute(statement)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop the database ``url`` points at, closing any connections still open to it."""
        name = unquote(urlsplit(url).path.lstrip("/"))
        if not name:
            raise ValueError(f"no database name in {url!r}")
        with self._admin_connection() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def end_connections(self, url: str) -> int:
        """End every connection to the database ``url`` points at, as an administrator would
        (``pg_terminate_backend``), and wait until they are gone; how many there were."""
        name = unquote(urlsplit(url).path.lstrip("/"))
        with self._admin_connection() as conn:
            ended = conn.execute(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            ).fetchall()
        return len(ended)

    def halt(self) -> None:
        """Stop the server but keep its cluster and port (``resume()`` starts it again): a
        server restarted under connected clients."""
        assert self._tmpdir is not None
        self._run(self._stop_command(self._tmpdir), cwd=self._tmpdir)

    def resume(self) -> None:
        """Start the halted server again, on the same port."""
        assert self._tmpdir is not None
        tmpdir = self._tmpdir
        self._run(
            [
                self._tool("pg_ctl"),
                "start",
                "-D",
                str(tmpdir / "data"),
                "-l",
                str(tmpdir / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {self.port} {_SPEED_OPTIONS}",
            ],
            cwd=tmpdir,
        )

    def _admin_connection(self) -> psycopg.Connection[Any]:
        return psycopg.connect(
            host=HOST,
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        )

    # -- internals -----------------------------------------------------------------

    @staticmethod
    def _server_user() -> pwd.struct_passwd | None:
        if os.geteuid() != 0:
            return None
        try:
            return pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresNotAvailable(
                "running as root, and PostgreSQL refuses to run as root, but there is no "
                "'postgres' user to run it as (Debian's postgresql package creates one)"
            ) from None

    def _base_dir(self) -> str | None:
        """Where to make the temp dir: the default, unless the server user can't reach it."""
        if self._run_as is None:
            return None
        base = Path(tempfile.gettempdir()).resolve()
        for directory in (base, *base.parents):
            if not directory.stat().st_mode & stat.S_IXOTH:
                return "/tmp"
        return None

    def _tool(self, name: str) -> str:
        assert self._bindir is not None
        return str(self._bindir / name)

    def _stop_command(self, tmpdir: Path) -> list[str]:
        return [
            self._tool("pg_ctl"),
            "stop",
            "-D",
            str(tmpdir / "data"),
            "-m",
            "fast",
            "-w",
            "-t",
            "30",
        ]

    def _run_kwargs(self, cwd: Path) -> dict[str, Any]:
        """subprocess arguments to run a PostgreSQL program (as `postgres` if we are root)."""
        env = dict(os.environ, LC_ALL="C", LANG="C")
        env.pop("PGDATA", None)
        kwargs: dict[str, Any] = {"cwd": str(cwd), "env": env}
        if self._run_as is not None:
            kwargs.update(user=self._run_as.pw_uid, group=self._run_as.pw_gid, extra_groups=[])
            env.update(
                HOME=self._run_as.pw_dir, USER=self._run_as.pw_name, LOGNAME=self._run_as.pw_name
            )
        return kwargs

    def _start_watchdog(self) -> None:
        assert self._tmpdir is not None
        kwargs = self._run_kwargs(self._tmpdir)
        env = kwargs.pop("env")  # passed as the watchdog's own environment, not in argv
        config = {
            "stop": self._stop_command(self._tmpdir),
            "kwargs": kwargs,
            "tmpdir": str(self._tmpdir),
        }
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            env=env,
            start_new_session=True,
        )

    def _run(self, args: list[str], *, cwd: Path, check: bool = True) -> str:
        proc = subprocess.run(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
            **self._run_kwargs(cwd),
        )
        if check and proc.returncode != 0:
            raise PostgresStartError(
                f"{' '.join(args)} exited with status {proc.returncode}:\n{proc.stdout}"
            )
        return proc.stdout

    def _initdb(self) -> None:
        tmpdir = self._tmpdir
        assert tmpdir is not None
        (tmpdir / "socket").mkdir()
        if self._run_as is not None:
            for path in (tmpdir, tmpdir / "socket"):
                os.chown(path, self._run_as.pw_uid, self._run_as.pw_gid)
        self._run(
            [
                self._tool("initdb"),
                "-D",
                str(tmpdir / "data"),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                # Sorting as in locale C, but a UTF-8 character type: pg_trgm makes trigrams of
                # the characters the ctype calls letters, and in C that leaves out Chinese.
                f"--locale={self._locale}",
                f"--lc-ctype={UTF8_CTYPE if self._locale == 'C' else self._locale}",
                "--no-sync",
            ],
            cwd=tmpdir,
        )
        with (tmpdir / "data" / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                "\n# repair-counter test cluster\n"
                f"listen_addresses = '{HOST}'\n"
                f"unix_socket_directories = '{tmpdir / 'socket'}'\n"
            )

    def _start_server(self) -> None:
        tmpdir = self._tmpdir
        assert tmpdir is not None
        log = tmpdir / "server.log"
        error: PostgresStartError | None = None
        for _attempt in range(_START_ATTEMPTS):
            # Another process may grab the port between _free_port() and the server
            # binding it; then pg_ctl fails and we try another port.
            port = _free_port()
            try:
                self._run(
                    [
                        self._tool("pg_ctl"),
                        "start",
                        "-D",
                        str(tmpdir / "data"),
                        "-l",
                        str(log),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        f"-p {port} {_SPEED_OPTIONS}",
                    ],
                    cwd=tmpdir,
                )
            except PostgresStartError as exc:
                server_log = log.read_text(errors="replace") if log.exists() else ""
                error = PostgresStartError(f"{exc}\nserver log:\n{server_log}")
                continue
            self._port = port
            return
        assert error is not None
        raise error
