"""Migrations: a fresh database at head equals the models; HEAD is the newest file."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kiosk import audit
from kiosk.db.base import Base
from kiosk.db.database import open_database
from kiosk.db.migrate import HEAD, alembic_config


def test_migrated_database_matches_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "kiosk.sqlite3")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    db.dispose()
    assert diff == []


def test_head_constant_is_the_newest_migration(tmp_path: Path) -> None:
    db = open_database(tmp_path / "kiosk.sqlite3")
    script = ScriptDirectory.from_config(alembic_config(db.engine))  # type: ignore[arg-type]
    assert script.get_current_head() == HEAD
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    db.dispose()


def test_reopening_a_migrated_database_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    db = open_database(path)
    with db.transaction() as session:
        audit.record(session, "system", "first_start")
    db.dispose()
    db = open_database(path)
    with db.transaction() as session:
        assert [e.action for e in audit.recent(session)] == ["first_start"]
    db.dispose()


def test_audit_log_is_append_only(tmp_path: Path) -> None:
    db = open_database(tmp_path / "kiosk.sqlite3")
    with db.transaction() as session:
        audit.record(session, "staff", "staff_login")
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(IntegrityError, match="append-only"), db.transaction() as session:
            session.execute(text(statement))
    with db.transaction() as session:
        assert [e.actor for e in audit.recent(session)] == ["staff"]
    db.dispose()
