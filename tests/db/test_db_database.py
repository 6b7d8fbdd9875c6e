"""Opening the database: WAL + FULL sync, and every failure kept, never overwritten."""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.db.database import DatabaseUnavailable, FailureReason, open_database


def test_fresh_database_is_wal_with_full_sync(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new" / "kiosk.sqlite3")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.dispose()


def test_garbage_file_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    path.write_bytes(b"not a database at all, but someone's data")
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(path)
    assert info.value.reason is FailureReason.CORRUPT
    assert path.read_bytes() == b"not a database at all, but someone's data"


def test_damaged_pages_are_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("CREATE TABLE filler (x TEXT)")
    con.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    con.commit()
    con.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 6)):  # smash a few b-tree pages
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(path)
    assert info.value.reason is FailureReason.CORRUPT
    assert path.read_bytes() == before


def _open_on_read_only_disk(folder: Path) -> str:
    """Open the database with ``folder`` on a read-only file system; return the reason.

    As root (CI) the folder is bind-mounted read-only in a private mount namespace,
    which is what a write-protected USB disk looks like; otherwise permissions do it.
    """
    snippet = (
        "import sys; from pathlib import Path\n"
        "from kiosk.db.database import DatabaseUnavailable, open_database\n"
        "try:\n"
        "    open_database(Path(sys.argv[1]) / 'kiosk.sqlite3')\n"
        "except DatabaseUnavailable as exc:\n"
        "    print(exc.reason.value)\n"
        "else:\n"
        "    print('opened')\n"
    )
    python = f"{sys.executable} -c {shlex.quote(snippet)} {shlex.quote(str(folder))}"
    if os.geteuid() == 0:
        q = shlex.quote(str(folder))
        script = f"mount --bind {q} {q} && mount -o remount,bind,ro {q} && {python}"
        cmd = ["unshare", "--mount", "sh", "-c", script]
    else:
        folder.chmod(0o555)
        cmd = ["sh", "-c", python]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    folder.chmod(0o755)
    return done.stdout.strip() or done.stderr


def test_read_only_disk_is_reported(tmp_path: Path) -> None:
    assert _open_on_read_only_disk(tmp_path) == "read_only"


def test_database_on_read_only_disk_is_reported_and_kept(tmp_path: Path) -> None:
    open_database(tmp_path / "kiosk.sqlite3").dispose()
    before = (tmp_path / "kiosk.sqlite3").read_bytes()
    assert _open_on_read_only_disk(tmp_path) == "read_only"
    assert (tmp_path / "kiosk.sqlite3").read_bytes() == before


def test_folder_that_cannot_be_made_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(blocker / "data" / "kiosk.sqlite3")
    assert info.value.reason is FailureReason.FOLDER


def test_newer_database_than_the_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(path)
    assert info.value.reason is FailureReason.MIGRATION
