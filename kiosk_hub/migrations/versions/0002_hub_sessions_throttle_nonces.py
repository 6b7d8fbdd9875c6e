"""hub sessions, login throttle and kiosk API nonces

Revision ID: 0002_sessions
Revises: 0001
Create Date: 2026-12-05 20:30:00
"""

import sqlalchemy as sa
from alembic import op

import kiosk.db.base

revision = "0002_sessions"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_name", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", kiosk.db.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", kiosk.db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_name"],
            ["hub_user.name"],
            name=op.f("fk_hub_session_user_name_hub_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_hub_session")),
    )
    with op.batch_alter_table("hub_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hub_session_user_name"), ["user_name"], unique=False)
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", kiosk.db.base.UTCDateTime(), nullable=False),
        sa.Column("locked_until", kiosk.db.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_login_throttle_last_failure_at"), ["last_failure_at"], unique=False
        )
    op.create_table(
        "api_nonce",
        sa.Column("kiosk_id", sa.Uuid(), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("seen_at", kiosk.db.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", "nonce", name=op.f("pk_api_nonce")),
    )
    with op.batch_alter_table("api_nonce", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_nonce_seen_at"), ["seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("api_nonce", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_nonce_seen_at"))
    op.drop_table("api_nonce")
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_throttle_last_failure_at"))
    op.drop_table("login_throttle")
    with op.batch_alter_table("hub_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hub_session_user_name"))
    op.drop_table("hub_session")
