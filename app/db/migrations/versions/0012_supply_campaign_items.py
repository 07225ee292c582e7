"""supplies: campaigns that hand out several items at once — each further item of a campaign, with
its own share and rule, in `supply_campaign_item` (the first stays on `supply_campaign`, so the
campaigns made before this revision need no data copied)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supply_campaign_item",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("per", sa.String(length=20), nullable=False),
        sa.Column("max_per_household", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("position >= 1", name=op.f("ck_supply_campaign_item_position")),
        sa.CheckConstraint("qty >= 1", name=op.f("ck_supply_campaign_item_qty")),
        sa.CheckConstraint(
            "per IN ('household', 'person', 'size')", name=op.f("ck_supply_campaign_item_per")
        ),
        sa.CheckConstraint(
            "max_per_household IS NULL OR max_per_household >= 1",
            name=op.f("ck_supply_campaign_item_max"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["supply_campaign.id"],
            name=op.f("fk_supply_campaign_item_campaign_id_supply_campaign"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["supply_item.id"],
            name=op.f("fk_supply_campaign_item_item_id_supply_item"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_campaign_item")),
        sa.UniqueConstraint("campaign_id", "item_id", name="uq_supply_campaign_item_once"),
        sa.UniqueConstraint("uuid", name=op.f("uq_supply_campaign_item_uuid")),
    )
    with op.batch_alter_table("supply_campaign_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supply_campaign_item_origin"), ["origin"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_supply_campaign_item_seq"), ["seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("supply_campaign_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supply_campaign_item_seq"))
        batch_op.drop_index(batch_op.f("ix_supply_campaign_item_origin"))
    op.drop_table("supply_campaign_item")
