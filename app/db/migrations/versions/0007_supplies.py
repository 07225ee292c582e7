"""supplies: item catalogue, storage points, the stock ledger with a never-negative balance kept by a
trigger, distribution campaigns with their allocations, and deliveries (once per household)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 06:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# the triggers of app.db.models_supplies, written out here as they were at this revision
SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER trg_supply_movement_balance AFTER INSERT ON supply_movement
    BEGIN
        INSERT OR IGNORE INTO supply_balance (item_id, point_id, on_hand)
        VALUES (NEW.item_id, NEW.point_id, 0);
        UPDATE supply_balance SET on_hand = on_hand + NEW.qty
        WHERE item_id = NEW.item_id AND point_id = NEW.point_id;
    END
    """,
    """
    CREATE TRIGGER trg_supply_movement_fixed BEFORE UPDATE OF qty, item_id, point_id
    ON supply_movement
    BEGIN
        SELECT RAISE(ABORT, 'supply_movement is append-only');
    END
    """,
)

# The same two triggers on PostgreSQL (plpgsql): the balance row is made and moved by the ledger,
# so its CHECK (on_hand >= 0) refuses an issue beyond what is on hand; the ledger is append-only.
PG_TRIGGERS = (
    """
    CREATE FUNCTION trg_supply_movement_balance() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO supply_balance (item_id, point_id, on_hand)
        VALUES (NEW.item_id, NEW.point_id, 0) ON CONFLICT DO NOTHING;
        UPDATE supply_balance SET on_hand = on_hand + NEW.qty
        WHERE item_id = NEW.item_id AND point_id = NEW.point_id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER trg_supply_movement_balance AFTER INSERT ON supply_movement
    FOR EACH ROW EXECUTE FUNCTION trg_supply_movement_balance()
    """,
    """
    CREATE FUNCTION trg_supply_movement_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'supply_movement is append-only' USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    """
    CREATE TRIGGER trg_supply_movement_fixed BEFORE UPDATE OF qty, item_id, point_id
    ON supply_movement FOR EACH ROW EXECUTE FUNCTION trg_supply_movement_fixed()
    """,
)


def upgrade() -> None:
    op.create_table(
        "supply_item",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_item")),
        sa.UniqueConstraint("uuid", name=op.f("uq_supply_item_uuid")),
    )
    with op.batch_alter_table("supply_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supply_item_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_supply_item_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_supply_item_origin_name",
            ["origin", "name"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "supply_point",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_point")),
        sa.UniqueConstraint("uuid", name=op.f("uq_supply_point_uuid")),
    )
    with op.batch_alter_table("supply_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supply_point_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_supply_point_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_supply_point_origin_name",
            ["origin", "name"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "supply_balance",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.CheckConstraint("on_hand >= 0", name=op.f("ck_supply_balance_not_negative")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["supply_item.id"], name=op.f("fk_supply_balance_item_id_supply_item")
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["supply_point.id"], name=op.f("fk_supply_balance_point_id_supply_point")
        ),
        sa.PrimaryKeyConstraint("item_id", "point_id", name=op.f("pk_supply_balance")),
    )
    op.create_table(
        "supply_campaign",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("per", sa.String(length=20), nullable=False),
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_value", sa.Text(), nullable=True),
        sa.Column("vulnerable_first", sa.Boolean(), nullable=False),
        sa.Column("max_per_household", sa.Integer(), nullable=True),
        sa.Column("min_days_since", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("planned_by", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "per IN ('household', 'person', 'size')", name=op.f("ck_supply_campaign_per")
        ),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_supply_campaign_status")),
        sa.CheckConstraint(
            "target_kind IN ('all', 'grid', 'building', 'tag', 'list')",
            name=op.f("ck_supply_campaign_target_kind"),
        ),
        sa.CheckConstraint(
            "max_per_household IS NULL OR max_per_household >= 1",
            name=op.f("ck_supply_campaign_max"),
        ),
        sa.CheckConstraint(
            "min_days_since IS NULL OR min_days_since >= 1",
            name=op.f("ck_supply_campaign_min_days"),
        ),
        sa.CheckConstraint("qty >= 1", name=op.f("ck_supply_campaign_qty")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["supply_item.id"], name=op.f("fk_supply_campaign_item_id_supply_item")
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["supply_point.id"], name=op.f("fk_supply_campaign_point_id_supply_point")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_campaign")),
        sa.UniqueConstraint("uuid", name=op.f("uq_supply_campaign_uuid")),
    )
    with op.batch_alter_table("supply_campaign", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supply_campaign_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_supply_campaign_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_supply_campaign_origin_code",
            ["origin", "code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "supply_allocation",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("vulnerable", sa.Boolean(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.CheckConstraint("qty >= 1", name=op.f("ck_supply_allocation_qty")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["supply_campaign.id"],
            name=op.f("fk_supply_allocation_campaign_id_supply_campaign"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_supply_allocation_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("campaign_id", "household_id", name=op.f("pk_supply_allocation")),
    )
    with op.batch_alter_table("supply_allocation", schema=None) as batch_op:
        batch_op.create_index("ix_supply_allocation_household_id", ["household_id"], unique=False)

    op.create_table(
        "supply_movement",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=True),
        sa.Column("donor", sa.String(length=200), nullable=True),
        sa.Column("donor_kind", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("transfer_uuid", sa.String(length=36), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(kind IN ('receipt', 'transfer_in') AND qty > 0) OR (kind IN ('issue', 'transfer_out', 'write_off', 'delivery') AND qty < 0) OR kind IN ('adjustment', 'stocktake')",
            name=op.f("ck_supply_movement_sign"),
        ),
        sa.CheckConstraint(
            "kind <> 'delivery' OR (campaign_id IS NOT NULL AND household_id IS NOT NULL)",
            name=op.f("ck_supply_movement_delivery"),
        ),
        sa.CheckConstraint(
            "kind <> 'receipt' OR source_kind IN ('donation', 'purchase', 'allocation')",
            name=op.f("ck_supply_movement_source"),
        ),
        sa.CheckConstraint(
            "kind IN ('receipt', 'issue', 'transfer_out', 'transfer_in', 'adjustment', 'write_off', 'stocktake', 'delivery')",
            name=op.f("ck_supply_movement_kind"),
        ),
        sa.CheckConstraint(
            "kind NOT IN ('adjustment', 'write_off') OR length(reason) > 0",
            name=op.f("ck_supply_movement_reason"),
        ),
        sa.CheckConstraint("qty <> 0", name=op.f("ck_supply_movement_qty")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["supply_campaign.id"],
            name=op.f("fk_supply_movement_campaign_id_supply_campaign"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_supply_movement_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["supply_item.id"], name=op.f("fk_supply_movement_item_id_supply_item")
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["supply_point.id"], name=op.f("fk_supply_movement_point_id_supply_point")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_movement")),
        sa.UniqueConstraint("uuid", name=op.f("uq_supply_movement_uuid")),
    )
    with op.batch_alter_table("supply_movement", schema=None) as batch_op:
        batch_op.create_index("ix_supply_movement_campaign_id", ["campaign_id"], unique=False)
        batch_op.create_index(
            "ix_supply_movement_item_point", ["item_id", "point_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_supply_movement_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_supply_movement_seq"), ["seq"], unique=False)

    op.create_table(
        "supply_delivery",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=False),
        sa.Column("delivered_by", sa.String(length=100), nullable=False),
        sa.Column("how", sa.String(length=10), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("how IN ('scan', 'tick', 'cli')", name=op.f("ck_supply_delivery_how")),
        sa.CheckConstraint("qty >= 1", name=op.f("ck_supply_delivery_qty")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["supply_campaign.id"],
            name=op.f("fk_supply_delivery_campaign_id_supply_campaign"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_supply_delivery_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["supply_movement.id"],
            name=op.f("fk_supply_delivery_movement_id_supply_movement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supply_delivery")),
        sa.UniqueConstraint("campaign_id", "household_id", name="uq_supply_delivery_once"),
        sa.UniqueConstraint("uuid", name=op.f("uq_supply_delivery_uuid")),
    )
    with op.batch_alter_table("supply_delivery", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supply_delivery_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_supply_delivery_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_supply_delivery_seq"), ["seq"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
    elif op.get_bind().dialect.name == "postgresql":
        for statement in PG_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS trg_supply_movement_fixed")
        op.execute("DROP TRIGGER IF EXISTS trg_supply_movement_balance")
    elif op.get_bind().dialect.name == "postgresql":
        for name in ("trg_supply_movement_fixed", "trg_supply_movement_balance"):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON supply_movement")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    with op.batch_alter_table("supply_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supply_delivery_seq"))
        batch_op.drop_index(batch_op.f("ix_supply_delivery_origin"))
        batch_op.drop_index(batch_op.f("ix_supply_delivery_household_id"))

    op.drop_table("supply_delivery")
    with op.batch_alter_table("supply_movement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supply_movement_seq"))
        batch_op.drop_index(batch_op.f("ix_supply_movement_origin"))
        batch_op.drop_index("ix_supply_movement_item_point")
        batch_op.drop_index("ix_supply_movement_campaign_id")

    op.drop_table("supply_movement")
    with op.batch_alter_table("supply_allocation", schema=None) as batch_op:
        batch_op.drop_index("ix_supply_allocation_household_id")

    op.drop_table("supply_allocation")
    with op.batch_alter_table("supply_campaign", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_supply_campaign_origin_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_supply_campaign_seq"))
        batch_op.drop_index(batch_op.f("ix_supply_campaign_origin"))

    op.drop_table("supply_campaign")
    op.drop_table("supply_balance")
    with op.batch_alter_table("supply_point", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_supply_point_origin_name",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_supply_point_seq"))
        batch_op.drop_index(batch_op.f("ix_supply_point_origin"))

    op.drop_table("supply_point")
    with op.batch_alter_table("supply_item", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_supply_item_origin_name",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_supply_item_seq"))
        batch_op.drop_index(batch_op.f("ix_supply_item_origin"))

    op.drop_table("supply_item")
