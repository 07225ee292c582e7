"""follow-up visits (走访/随访): `visit_plan`, a plan made from a tag (home quarantine twice a day,
living alone daily, chronic illness weekly), and `visit`, each slot due to a resident under a plan
with its outcome, temperature (tenths of a degree), note and the request a needs-help visit logged

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_LIVE = sa.text("deleted_at IS NULL")


def _travelling() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "visit_plan",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("tag", sa.String(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("stopped_at", sa.DateTime(), nullable=True),
        sa.Column("made_by", sa.String(length=100), nullable=False),
        *_travelling(),
        sa.CheckConstraint(
            "kind = 'home-quarantine' OR kind = 'living-alone' OR kind = 'chronic'",
            name=op.f("ck_visit_plan_kind"),
        ),
        sa.CheckConstraint("days IS NULL OR days >= 1", name=op.f("ck_visit_plan_days")),
        sa.CheckConstraint("days IS NULL OR days <= 366", name=op.f("ck_visit_plan_days_max")),
        sa.CheckConstraint("length(tag) > 0", name=op.f("ck_visit_plan_tag")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_plan")),
        sa.UniqueConstraint("uuid", name=op.f("uq_visit_plan_uuid")),
    )
    with op.batch_alter_table("visit_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_plan_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_plan_seq"), ["seq"], unique=False)

    op.create_table(
        "visit",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("temperature_tenths", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        *_travelling(),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome = 'reached' OR outcome = 'not-reached' "
            "OR outcome = 'needs-help'",
            name=op.f("ck_visit_outcome"),
        ),
        sa.CheckConstraint(
            "temperature_tenths IS NULL OR temperature_tenths >= 340",
            name=op.f("ck_visit_temperature"),
        ),
        sa.CheckConstraint(
            "temperature_tenths IS NULL OR temperature_tenths <= 430",
            name=op.f("ck_visit_temperature_max"),
        ),
        sa.CheckConstraint(
            "outcome IS NULL OR (recorded_at IS NOT NULL AND recorded_by IS NOT NULL)",
            name=op.f("ck_visit_recorded"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["visit_plan.id"], name=op.f("fk_visit_plan_id_visit_plan")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_visit_resident_id_resident")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_request.id"],
            name=op.f("fk_visit_request_id_service_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
        sa.UniqueConstraint("uuid", name=op.f("uq_visit_uuid")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_visit_plan_resident_due",
            ["plan_id", "resident_id", "due_at"],
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_visit_plan_resident_due", sqlite_where=_LIVE, postgresql_where=_LIVE
        )
        batch_op.drop_index(batch_op.f("ix_visit_seq"))
        batch_op.drop_index(batch_op.f("ix_visit_resident_id"))
        batch_op.drop_index(batch_op.f("ix_visit_request_id"))
        batch_op.drop_index(batch_op.f("ix_visit_origin"))
        batch_op.drop_index(batch_op.f("ix_visit_due_at"))
    op.drop_table("visit")
    with op.batch_alter_table("visit_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_plan_seq"))
        batch_op.drop_index(batch_op.f("ix_visit_plan_origin"))
    op.drop_table("visit_plan")
