"""supplies: `supply_need`, a community's unmet needs per item (needed, on hand, shortage,
households waiting) refreshed at each export, so that the street office sees them (the allocations
they are counted from stay at the community)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supply_need",
        sa.Column("item", sa.String(length=60), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("needed", sa.Integer(), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("shortage", sa.Integer(), nullable=False),
        sa.Column("households_waiting", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "needed >= 0 AND on_hand >= 0 AND shortage >= 0",
            name=op.f("ck_supply_need_figures"),
        ),
        sa.CheckConstraint("households_waiting >= 0", name=op.f("ck_supply_need_waiting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_need")),
        sa.UniqueConstraint("uuid", name=op.f("uq_supply_need_uuid")),
    )
    with op.batch_alter_table("supply_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supply_need_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_supply_need_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_supply_need_origin_item",
            ["origin", "item"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("supply_need", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_supply_need_origin_item",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_supply_need_seq"))
        batch_op.drop_index(batch_op.f("ix_supply_need_origin"))
    op.drop_table("supply_need")
