"""grids and people on duty: households' grid-assignment history, the roster with responsibility
zones, duties, shifts and shift assignments with check-in and check-out

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 05:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duty",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_duty_grid_id_grid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty")),
        sa.UniqueConstraint("uuid", name=op.f("uq_duty_uuid")),
    )
    with op.batch_alter_table("duty", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duty_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_seq"), ["seq"], unique=False)

    op.create_table(
        "duty_shift",
        sa.Column("duty_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("needed", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_duty_shift_period")),
        sa.CheckConstraint("needed >= 1", name=op.f("ck_duty_shift_needed")),
        sa.ForeignKeyConstraint(["duty_id"], ["duty.id"], name=op.f("fk_duty_shift_duty_id_duty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_shift")),
        sa.UniqueConstraint("uuid", name=op.f("uq_duty_shift_uuid")),
    )
    with op.batch_alter_table("duty_shift", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duty_shift_duty_id"), ["duty_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_shift_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_shift_seq"), ["seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_shift_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "grid_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "how IN ('initial', 'building', 'household', 'merge', 'split', 'recorded')",
            name=op.f("ck_grid_assignment_how"),
        ),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grid.id"], name=op.f("fk_grid_assignment_grid_id_grid")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_grid_assignment_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_assignment")),
    )
    with op.batch_alter_table("grid_assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_assignment_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index("ix_grid_assignment_household", ["household_id", "id"], unique=False)

    op.create_table(
        "duty_person",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("organisation", sa.String(length=100), nullable=True),
        sa.Column("posting_start", sa.Date(), nullable=True),
        sa.Column("posting_end", sa.Date(), nullable=True),
        sa.Column("skills", sa.String(length=200), nullable=False),
        sa.Column("availability", sa.String(length=200), nullable=True),
        sa.Column("health", sa.String(length=100), nullable=True),
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
            "role IN ('staff', 'grid_leader', 'grid_worker', 'building_leader', 'unit_leader', 'party_member', 'volunteer', 'cadre', 'social_worker', 'partner')",
            name=op.f("ck_duty_person_role"),
        ),
        sa.CheckConstraint("status IN ('active', 'inactive')", name=op.f("ck_duty_person_status")),
        sa.CheckConstraint(
            "posting_end IS NULL OR posting_start IS NULL OR posting_end >= posting_start",
            name=op.f("ck_duty_person_posting"),
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_duty_person_grid_id_grid")),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_duty_person_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_person")),
        sa.UniqueConstraint("uuid", name=op.f("uq_duty_person_uuid")),
    )
    with op.batch_alter_table("duty_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duty_person_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_person_origin"), ["origin"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_duty_person_resident_id"), ["resident_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_duty_person_role"), ["role"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_person_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_duty_person_origin_code",
            ["origin", "code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "duty_zone",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("building_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.Integer(), nullable=True),
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
            "household_id IS NULL OR unit IS NULL", name=op.f("ck_duty_zone_one_level")
        ),
        sa.CheckConstraint("unit IS NULL OR unit >= 1", name=op.f("ck_duty_zone_unit")),
        sa.ForeignKeyConstraint(
            ["building_id"], ["building.id"], name=op.f("fk_duty_zone_building_id_building")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_duty_zone_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["duty_person.id"], name=op.f("fk_duty_zone_person_id_duty_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_zone")),
        sa.UniqueConstraint("uuid", name=op.f("uq_duty_zone_uuid")),
    )
    with op.batch_alter_table("duty_zone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duty_zone_building_id"), ["building_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_zone_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_zone_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_zone_seq"), ["seq"], unique=False)

    op.create_table(
        "shift_assignment",
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(), nullable=True),
        sa.Column("checked_out_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at)",
            name=op.f("ck_shift_assignment_checked"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["duty_person.id"],
            name=op.f("fk_shift_assignment_person_id_duty_person"),
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["duty_shift.id"], name=op.f("fk_shift_assignment_shift_id_duty_shift")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_assignment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_shift_assignment_uuid")),
    )
    with op.batch_alter_table("shift_assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shift_assignment_origin"), ["origin"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_shift_assignment_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_shift_assignment_seq"), ["seq"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_shift_assignment_shift_id"), ["shift_id"], unique=False
        )
        batch_op.create_index(
            "uq_shift_assignment_shift_person",
            ["shift_id", "person_id"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    # the grid each household is in now opens its history (from when the household was recorded)
    op.execute(
        "INSERT INTO grid_assignment (household_id, grid_id, started_at, how, actor) "
        "SELECT id, grid_id, created_at, 'initial', 'migration 0005' FROM household "
        "WHERE grid_id IS NOT NULL AND deleted_at IS NULL ORDER BY id"
    )


def downgrade() -> None:
    op.drop_table("shift_assignment")
    op.drop_table("duty_zone")
    op.drop_table("duty_person")
    op.drop_table("grid_assignment")
    op.drop_table("duty_shift")
    op.drop_table("duty")
