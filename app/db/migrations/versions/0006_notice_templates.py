"""printing: the notice templates an office writes for itself (travelling columns, tombstoned)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "notice_template",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("based_on", sa.String(length=40), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_template")),
        sa.UniqueConstraint("uuid", name=op.f("uq_notice_template_uuid")),
    )
    with op.batch_alter_table("notice_template", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_template_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_notice_template_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_notice_template_name",
            ["name"],
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        )
        batch_op.create_index(
            "uq_notice_template_origin_code",
            ["origin", "code"],
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table("notice_template", schema=None) as batch_op:
        batch_op.drop_index("uq_notice_template_origin_code")
        batch_op.drop_index("uq_notice_template_name")
        batch_op.drop_index(batch_op.f("ix_notice_template_seq"))
        batch_op.drop_index(batch_op.f("ix_notice_template_origin"))

    op.drop_table("notice_template")
