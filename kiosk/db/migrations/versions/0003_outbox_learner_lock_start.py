"""outbox learner and sealed-ID flag; province hub address; staff lock start

Every serial goes through the outbox (slips and sealed-ID follow-ups too), so a record
knows its learner and whether it carries their sealed citizen ID; a province profile
gives the hub address before enrolment; the staff lock keeps when it began, so a clock
moved back cannot end it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 20:30:00
"""

from alembic import op
import sqlalchemy as sa
import kiosk.db.base


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('learner_id', sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column('carries_citizen_id', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f('ix_outbox_learner_id'), ['learner_id'], unique=False)
    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('province_hub_url', sa.String(length=300), nullable=True))
    with op.batch_alter_table('staff_lockout', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locked_at', kiosk.db.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff_lockout', schema=None) as batch_op:
        batch_op.drop_column('locked_at')
    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.drop_column('province_hub_url')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_learner_id'))
        batch_op.drop_column('carries_citizen_id')
        batch_op.drop_column('learner_id')
