"""A throwaway PostgreSQL cluster for tests and benchmarks (unix socket only).

`initdb` runs as the ``postgres`` user when we are root (PostgreSQL refuses to run
as root); the cluster lives in a fresh folder under /tmp and is removed on exit.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


class ClusterError(RuntimeError):
    """PostgreSQL could not be started."""


def postgres_bin() -> Path:
    """The newest installed PostgreSQL server's bin folder."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if not found:
        raise ClusterError(
            "no PostgreSQL server under /usr/lib/postgresql (apt install postgresql)"
        )
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], as_postgres: bool) -> None:
    cmd = ["runuser", "-u", "postgres", "--", *args] if as_postgres else args
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ClusterError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-800:]}")


@contextlib.contextmanager
def throwaway_cluster(database: str = "hub") -> Iterator[str]:
    """Start a private cluster, create ``database`` and yield its SQLAlchemy URL."""
    bindir = postgres_bin()
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="hocso-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if as_postgres:
        pw = pwd.getpwnam("postgres")
        for path in (root, sock):
            os.chown(path, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    user = "postgres" if as_postgres else pwd.getpwuid(os.geteuid()).pw_name
    started = False
    try:
        _run(
            [str(bindir / "initdb"), "-D", str(data), "-U", user, "-A", "trust", "-E", "UTF8",
             "--no-sync", "--locale=C"],
            as_postgres,
        )  # fmt: skip
        options = (
            f"-k {sock} -p {port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB"
        )
        _run(
            [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "60",
             "-l", str(root / "log"), "start"],
            as_postgres,
        )  # fmt: skip
        started = True
        _run(
            [str(bindir / "createdb"), "-h", str(sock), "-p", str(port), "-U", user, database],
            as_postgres,
        )
        yield f"postgresql+psycopg://{user}@/{database}?host={sock}&port={port}"
    finally:
        if started:
            with contextlib.suppress(ClusterError):
                _run(
                    [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                    as_postgres,
                )
        shutil.rmtree(root, ignore_errors=True)
