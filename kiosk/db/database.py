"""Opening the kiosk database safely.

SQLite in WAL mode with ``synchronous=FULL``: a committed completion survives
a power cut. The folder and the files are the kiosk user's only (0700/0600 on
Linux). A database that fails to open is never overwritten or "repaired" in
place: the kiosk reports why and leaves the file for staff to rescue.
"""

from __future__ import annotations

import enum
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk_records.files import private_file, private_folder

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class FailureReason(enum.Enum):
    """Why the database could not be used; each has its own message on screen."""

    FOLDER = "folder"  # data folder missing and cannot be made, or not a folder
    UNREADABLE = "unreadable"  # no permission to read the file
    CORRUPT = "corrupt"  # not a SQLite database, or integrity check failed
    READ_ONLY = "read_only"  # disk or file is read-only
    MIGRATION = "migration"  # schema upgrade failed (e.g. newer database than this app)


class DatabaseUnavailable(Exception):
    def __init__(self, reason: FailureReason, path: Path, detail: str) -> None:
        super().__init__(f"{reason.value}: {path}: {detail}")
        self.reason = reason
        self.path = path
        self.detail = detail


def _set_sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


@dataclass
class Database:
    """An open, migrated database and the factory for its sessions."""

    path: Path
    engine: Engine

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One session and one transaction per user action: commit or roll back."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _check_folder(folder: Path) -> None:
    try:
        private_folder(folder)
    except OSError as exc:
        raise DatabaseUnavailable(FailureReason.FOLDER, folder, str(exc)) from exc
    if not folder.is_dir():
        raise DatabaseUnavailable(FailureReason.FOLDER, folder, "not a folder")


def _check_existing_file(path: Path) -> None:
    """Refuse files that are not SQLite databases before SQLite touches them."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise DatabaseUnavailable(FailureReason.UNREADABLE, path, str(exc)) from exc
    except OSError as exc:
        raise DatabaseUnavailable(FailureReason.UNREADABLE, path, str(exc)) from exc
    if header and header != SQLITE_HEADER:
        raise DatabaseUnavailable(FailureReason.CORRUPT, path, "not a SQLite database")


def _quick_check(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError as exc:  # cannot open or locked: not proof of damage
        raise DatabaseUnavailable(FailureReason.UNREADABLE, path, str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(FailureReason.CORRUPT, path, str(exc)) from exc
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:5])
        raise DatabaseUnavailable(FailureReason.CORRUPT, path, detail)


def _check_writable(path: Path) -> None:
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK):
        raise DatabaseUnavailable(FailureReason.READ_ONLY, path, "no write permission")


def _keep_private(path: Path) -> None:
    """The database and its journal files: this user's only (0600 on Linux)."""
    try:
        private_file(path)
        for journal in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if journal.exists():
                private_file(journal)
    except OSError as exc:
        raise DatabaseUnavailable(FailureReason.READ_ONLY, path, str(exc)) from exc


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    Raises:
        DatabaseUnavailable: with the reason the kiosk shows to staff.
    """
    from kiosk.db.migrate import upgrade_to_head

    _check_folder(path.parent)
    if path.exists():
        _check_existing_file(path)
    _check_writable(path)
    if path.exists() and path.stat().st_size > 0:
        _quick_check(path)
    _keep_private(path)
    engine = make_engine(path)
    try:
        upgrade_to_head(engine)
    except DatabaseUnavailable:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        reason = FailureReason.READ_ONLY if "readonly" in str(exc) else FailureReason.MIGRATION
        raise DatabaseUnavailable(reason, path, str(exc.orig)) from exc
    except (SADatabaseError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        raise DatabaseUnavailable(FailureReason.CORRUPT, path, str(exc)) from exc
    log.info("database ready: %s", path)
    return Database(path, engine)
