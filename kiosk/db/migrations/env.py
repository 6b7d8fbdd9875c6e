"""Alembic environment: the engine comes from the kiosk, never from an ini file."""

from alembic import context

from kiosk.db import models  # noqa: F401  (registers the tables)
from kiosk.db.base import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
