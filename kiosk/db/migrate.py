"""Alembic migrations run from code, so the frozen bundle migrates too.

Alembic is imported only when the database is not already at ``HEAD``: the
common start-up (an up-to-date database) skips its import cost entirely.
A test keeps ``HEAD`` equal to the newest migration file.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from kiosk.db.database import DatabaseUnavailable, FailureReason
from kiosk.db.revision import HEAD

__all__ = ["HEAD", "MIGRATIONS_DIR", "alembic_config", "upgrade_to_head"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def alembic_config(engine: Engine) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def known_revisions() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py")}


def upgrade_to_head(engine: Engine) -> None:
    with engine.connect() as conn:
        revision = current_revision(conn)
    if revision == HEAD:
        return
    if revision is not None and revision not in known_revisions():
        raise DatabaseUnavailable(
            FailureReason.MIGRATION,
            Path(engine.url.database or ""),
            f"database is at revision {revision}, newer than this kiosk knows",
        )
    from alembic import command

    command.upgrade(alembic_config(engine), "head")  # type: ignore[arg-type]
