"""hub voice packs

Revision ID: 0003_voice_packs
Revises: 0002_sessions
Create Date: 2026-12-06 02:18:27.190490
"""

import sqlalchemy as sa
from alembic import op

import kiosk.db.base

revision = "0003_voice_packs"
down_revision = "0002_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "voice_pack",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("made_by", sa.String(length=16), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", kiosk.db.base.UTCDateTime(), nullable=False),
        sa.Column("test_data", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voice_pack")),
        sa.UniqueConstraint("lang", "version", name=op.f("uq_voice_pack_lang")),
    )


def downgrade() -> None:
    op.drop_table("voice_pack")
