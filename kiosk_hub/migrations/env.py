"""Alembic environment of the hub: the engine comes from code, never from an ini file."""

from alembic import context

from kiosk_hub import models

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=models.HubBase.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
