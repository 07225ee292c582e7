"""group purchase (团购): purchase rounds, packages with contents, price in fen, supplier and a link
to the same package of the previous round, every price set with its reason, and the orders of
households (once per round, household and package)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_buy_round",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opened_by", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_group_buy_round_status")),
        sa.CheckConstraint(
            "closes_on IS NULL OR closes_on >= opens_on", name=op.f("ck_group_buy_round_dates")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_buy_round")),
        sa.UniqueConstraint("uuid", name=op.f("uq_group_buy_round_uuid")),
    )
    with op.batch_alter_table("group_buy_round", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_buy_round_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_group_buy_round_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_group_buy_round_origin_code",
            ["origin", "code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "group_buy_package",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("contents", sa.Text(), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("supplier", sa.String(length=100), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("rise_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "NOT flagged OR (rise_reason IS NOT NULL AND length(rise_reason) > 0)", name=op.f("ck_group_buy_package_reason")
        ),
        sa.CheckConstraint("length(contents) > 0", name=op.f("ck_group_buy_package_contents")),
        sa.CheckConstraint(
            "price_fen > 0 AND price_fen <= 1000000", name=op.f("ck_group_buy_package_price")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["group_buy_package.id"],
            name=op.f("fk_group_buy_package_previous_id_group_buy_package"),
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["group_buy_round.id"],
            name=op.f("fk_group_buy_package_round_id_group_buy_round"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_buy_package")),
        sa.UniqueConstraint("uuid", name=op.f("uq_group_buy_package_uuid")),
    )
    with op.batch_alter_table("group_buy_package", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_buy_package_origin"), ["origin"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_group_buy_package_previous_id"), ["previous_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_group_buy_package_round_id"), ["round_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_group_buy_package_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_group_buy_package_round_name",
            ["round_id", "name"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "group_buy_price_change",
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("old_fen", sa.Integer(), nullable=True),
        sa.Column("new_fen", sa.Integer(), nullable=False),
        sa.Column("previous_round_fen", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("new_fen > 0", name=op.f("ck_group_buy_price_change_new_fen")),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["group_buy_package.id"],
            name=op.f("fk_group_buy_price_change_package_id_group_buy_package"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_buy_price_change")),
        sa.UniqueConstraint("uuid", name=op.f("uq_group_buy_price_change_uuid")),
    )
    with op.batch_alter_table("group_buy_price_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_buy_price_change_origin"), ["origin"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_group_buy_price_change_package_id"), ["package_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_group_buy_price_change_seq"), ["seq"], unique=False)

    op.create_table(
        "group_buy_order",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("ordered_at", sa.DateTime(), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("paid_fen", sa.Integer(), nullable=True),
        sa.Column("paid_method", sa.String(length=20), nullable=True),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.Column("delivered", sa.Boolean(), nullable=False),
        sa.Column("delivered_by", sa.String(length=100), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "paid_method IS NULL OR paid_method IN ('cash', 'wechat', 'alipay', 'bank', 'other')",
            name=op.f("ck_group_buy_order_method"),
        ),
        sa.CheckConstraint(
            "NOT paid OR paid_fen IS NOT NULL", name=op.f("ck_group_buy_order_paid")
        ),
        sa.CheckConstraint("count >= 1 AND count <= 100", name=op.f("ck_group_buy_order_count")),
        sa.CheckConstraint(
            "paid_fen IS NULL OR paid_fen >= 0", name=op.f("ck_group_buy_order_paid_fen")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_group_buy_order_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["group_buy_package.id"],
            name=op.f("fk_group_buy_order_package_id_group_buy_package"),
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["group_buy_round.id"],
            name=op.f("fk_group_buy_order_round_id_group_buy_round"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_buy_order")),
        sa.UniqueConstraint(
            "round_id", "household_id", "package_id", name="uq_group_buy_order_once"
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_group_buy_order_uuid")),
    )
    with op.batch_alter_table("group_buy_order", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_buy_order_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_group_buy_order_origin"), ["origin"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_group_buy_order_package_id"), ["package_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_group_buy_order_seq"), ["seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("group_buy_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_buy_order_seq"))
        batch_op.drop_index(batch_op.f("ix_group_buy_order_package_id"))
        batch_op.drop_index(batch_op.f("ix_group_buy_order_origin"))
        batch_op.drop_index(batch_op.f("ix_group_buy_order_household_id"))

    op.drop_table("group_buy_order")
    with op.batch_alter_table("group_buy_price_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_buy_price_change_seq"))
        batch_op.drop_index(batch_op.f("ix_group_buy_price_change_package_id"))
        batch_op.drop_index(batch_op.f("ix_group_buy_price_change_origin"))

    op.drop_table("group_buy_price_change")
    with op.batch_alter_table("group_buy_package", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_group_buy_package_round_name",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_group_buy_package_seq"))
        batch_op.drop_index(batch_op.f("ix_group_buy_package_round_id"))
        batch_op.drop_index(batch_op.f("ix_group_buy_package_previous_id"))
        batch_op.drop_index(batch_op.f("ix_group_buy_package_origin"))

    op.drop_table("group_buy_package")
    with op.batch_alter_table("group_buy_round", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_group_buy_round_origin_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_group_buy_round_seq"))
        batch_op.drop_index(batch_op.f("ix_group_buy_round_origin"))

    op.drop_table("group_buy_round")
