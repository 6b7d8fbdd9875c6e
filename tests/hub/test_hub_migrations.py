"""The hub's migrations build exactly its models, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kiosk_hub.db import open_hub_database
from kiosk_hub.models import HubBase


def test_fresh_database_at_head_matches_the_models(db_url: str) -> None:
    database = open_hub_database(db_url)
    try:
        with database.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, HubBase.metadata) == []
        open_hub_database(db_url).dispose()  # migrating again is a no-op
    finally:
        database.dispose()
