"""exchange: enrolled offices and the packages sent and received; a resident's ID number is
unique per office (a street office holds every community's residents)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 06:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


ID_NUMBER_LIVE = sa.text("id_number IS NOT NULL AND deleted_at IS NULL")


def _id_number_index(columns: list[str]) -> None:
    op.drop_index("uq_resident_id_number", table_name="resident")
    op.create_index(
        "uq_resident_id_number",
        "resident",
        columns,
        unique=True,
        sqlite_where=ID_NUMBER_LIVE,
        postgresql_where=ID_NUMBER_LIVE,
    )


def upgrade() -> None:
    _id_number_index(["id_number", "origin"])
    op.create_table(
        "enrolled_office",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("signing_public", sa.String(length=64), nullable=False),
        sa.Column("encryption_public", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=48), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("last_package_seq", sa.Integer(), nullable=False),
        sa.Column("last_package_hash", sa.String(length=64), nullable=True),
        sa.Column("last_imported_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "role IN ('community', 'street-office')", name=op.f("ck_enrolled_office_role")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_enrolled_office")),
    )
    op.create_table(
        "exchange_package",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("office_code", sa.String(length=20), nullable=False),
        sa.Column("package_seq", sa.Integer(), nullable=False),
        sa.Column("package_hash", sa.String(length=64), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("since_seq", sa.Integer(), nullable=False),
        sa.Column("up_to_seq", sa.Integer(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "direction IN ('in', 'out')", name=op.f("ck_exchange_package_direction")
        ),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["enrolled_office.code"],
            name=op.f("fk_exchange_package_office_code_enrolled_office"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_package")),
        sa.UniqueConstraint(
            "direction", "office_code", "package_seq", name="uq_exchange_package_seq"
        ),
    )


def downgrade() -> None:
    _id_number_index(["id_number"])
    op.drop_table("exchange_package")
    op.drop_table("enrolled_office")
