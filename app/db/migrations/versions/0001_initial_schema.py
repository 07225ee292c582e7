"""initial schema: office, change counter, audit trail, grids, buildings, households, residents

Revision ID: 0001
Revises:
Create Date: 2026-11-29 04:37:42.484255
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_record_uuid"), ["record_uuid"], unique=False)

    op.create_table(
        "change_counter",
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("origin", name=op.f("pk_change_counter")),
    )
    op.create_table(
        "grid",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid")),
        sa.UniqueConstraint("uuid", name=op.f("uq_grid_uuid")),
    )
    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_grid_origin_code",
            ["origin", "code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("parent_code", sa.String(length=20), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('community', 'street-office')", name=op.f("ck_office_role")),
        sa.CheckConstraint("id = 1", name=op.f("ck_office_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
    )
    op.create_table(
        "building",
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("floors", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("units >= 1 AND floors >= 1", name=op.f("ck_building_size")),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_building_grid_id_grid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_building")),
        sa.UniqueConstraint("uuid", name=op.f("uq_building_uuid")),
    )
    with op.batch_alter_table("building", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_building_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_building_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_building_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_building_origin_number",
            ["origin", "number"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "household",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("building_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.Integer(), nullable=False),
        sa.Column("room", sa.String(length=20), nullable=False),
        sa.Column("address_code", sa.String(length=60), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("unit >= 1", name=op.f("ck_household_unit")),
        sa.ForeignKeyConstraint(
            ["building_id"], ["building.id"], name=op.f("fk_household_building_id_building")
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_household_grid_id_grid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
        sa.UniqueConstraint("uuid", name=op.f("uq_household_uuid")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index("ix_household_address", ["origin", "address_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_building_id"), ["building_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_household_origin_code",
            ["origin", "code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "resident",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("doc_type", sa.String(length=20), nullable=True),
        sa.Column("doc_number", sa.String(length=40), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("relation", sa.String(length=20), nullable=True),
        sa.Column("is_head", sa.Boolean(), nullable=False),
        sa.Column("residency", sa.String(length=20), nullable=False),
        sa.Column("tags", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "gender IS NULL OR gender IN ('M', 'F')", name=op.f("ck_resident_gender")
        ),
        sa.CheckConstraint(
            "residency IN ('registered', 'migrant', 'abroad')", name=op.f("ck_resident_residency")
        ),
        sa.CheckConstraint(
            "status IN ('active', 'moved_out', 'deceased')", name=op.f("ck_resident_status")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_resident_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resident")),
        sa.UniqueConstraint("uuid", name=op.f("uq_resident_uuid")),
    )
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resident_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_resident_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_resident_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_resident_id_number",
            ["id_number"],
            unique=True,
            sqlite_where=sa.text("id_number IS NOT NULL AND deleted_at IS NULL"),
            postgresql_where=sa.text("id_number IS NOT NULL AND deleted_at IS NULL"),
        )
        batch_op.create_index(
            "uq_resident_one_head",
            ["household_id"],
            unique=True,
            sqlite_where=sa.text("is_head AND deleted_at IS NULL"),
            postgresql_where=sa.text("is_head AND deleted_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_resident_one_head",
            sqlite_where=sa.text("is_head AND deleted_at IS NULL"),
            postgresql_where=sa.text("is_head AND deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "uq_resident_id_number",
            sqlite_where=sa.text("id_number IS NOT NULL AND deleted_at IS NULL"),
            postgresql_where=sa.text("id_number IS NOT NULL AND deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_resident_seq"))
        batch_op.drop_index(batch_op.f("ix_resident_origin"))
        batch_op.drop_index(batch_op.f("ix_resident_household_id"))

    op.drop_table("resident")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_household_origin_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_household_seq"))
        batch_op.drop_index(batch_op.f("ix_household_origin"))
        batch_op.drop_index(batch_op.f("ix_household_grid_id"))
        batch_op.drop_index(batch_op.f("ix_household_building_id"))
        batch_op.drop_index("ix_household_address")

    op.drop_table("household")
    with op.batch_alter_table("building", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_building_origin_number",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_building_seq"))
        batch_op.drop_index(batch_op.f("ix_building_origin"))
        batch_op.drop_index(batch_op.f("ix_building_grid_id"))

    op.drop_table("building")
    op.drop_table("office")
    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_grid_origin_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_grid_seq"))
        batch_op.drop_index(batch_op.f("ix_grid_origin"))

    op.drop_table("grid")
    op.drop_table("change_counter")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_record_uuid"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
