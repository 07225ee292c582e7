"""service_request: residents' requests and complaints, with their deadlines, outcomes and
callbacks (issue 17); the deadlines per category and priority are settings (`requests.deadline.*`)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 06:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _or(column: str, values: tuple[str, ...]) -> str:
    return " OR ".join(f"{column} = '{v}'" for v in values)


CATEGORIES = (
    "medical",
    "supplies",
    "care",
    "sanitation",
    "repair",
    "group-buy",
    "staff-complaint",
    "report",
    "inquiry",
    "other",
)
STATUS = ("registered", "assigned", "in-progress", "done", "confirmed")
CHANNELS = ("phone", "walk-in", "grid-worker", "message", "hotline-12345", "street-office")
PRIORITIES = ("urgent", "normal")


def upgrade() -> None:
    op.create_table(
        "service_request",
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("about_user", sa.String(length=60), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by", sa.String(length=100), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("callback_at", sa.DateTime(), nullable=True),
        sa.Column("satisfied", sa.Boolean(), nullable=True),
        sa.Column("callback_note", sa.Text(), nullable=True),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column("reopen_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(_or("category", CATEGORIES), name=op.f("ck_service_request_category")),
        sa.CheckConstraint(_or("status", STATUS), name=op.f("ck_service_request_status")),
        sa.CheckConstraint(_or("priority", PRIORITIES), name=op.f("ck_service_request_priority")),
        sa.CheckConstraint(_or("channel", CHANNELS), name=op.f("ck_service_request_channel")),
        sa.CheckConstraint("due_at >= received_at", name=op.f("ck_service_request_due")),
        sa.CheckConstraint(
            "(status = 'done' OR status = 'confirmed') = (done_at IS NOT NULL AND outcome IS NOT NULL)",
            name=op.f("ck_service_request_outcome"),
        ),
        sa.CheckConstraint(
            "satisfied IS NULL OR status = 'confirmed'", name=op.f("ck_service_request_callback")
        ),
        sa.CheckConstraint("reopened >= 0", name=op.f("ck_service_request_reopened")),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_service_request_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grid.id"], name=op.f("fk_service_request_grid_id_grid")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["duty_person.id"], name=op.f("fk_service_request_person_id_duty_person")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["group_buy_round.id"],
            name=op.f("fk_service_request_round_id_group_buy_round"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_request")),
        sa.UniqueConstraint("uuid", name=op.f("uq_service_request_uuid")),
    )
    with op.batch_alter_table("service_request", schema=None) as batch_op:
        for column in (
            "origin",
            "seq",
            "household_id",
            "grid_id",
            "person_id",
            "received_at",
            "due_at",
        ):
            batch_op.create_index(
                batch_op.f(f"ix_service_request_{column}"), [column], unique=False
            )
        batch_op.create_index("ix_service_request_status_due", ["status", "due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("service_request", schema=None) as batch_op:
        batch_op.drop_index("ix_service_request_status_due")
        for column in (
            "origin",
            "seq",
            "household_id",
            "grid_id",
            "person_id",
            "received_at",
            "due_at",
        ):
            batch_op.drop_index(batch_op.f(f"ix_service_request_{column}"))
    op.drop_table("service_request")
