"""directives: the street office's notices, tasks and supply allocations to its communities and
the communities' answers (a task completed, an allocation arrived); a notice template's name is
unique per office (a street office holds the templates of many communities)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def _travelling_columns() -> list[sa.Column[object]]:
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


def _template_name_index(name: str, columns: list[str]) -> None:
    with op.batch_alter_table("notice_template", schema=None) as batch_op:
        batch_op.create_index(name, columns, unique=True, sqlite_where=LIVE, postgresql_where=LIVE)


def upgrade() -> None:
    op.create_table(
        "directive",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("addressee", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("area", sa.String(length=100), nullable=True),
        sa.Column("item_name", sa.String(length=60), nullable=True),
        sa.Column("unit", sa.String(length=10), nullable=True),
        sa.Column("qty", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        *_travelling_columns(),
        sa.CheckConstraint(
            "kind = 'notice' OR kind = 'task' OR kind = 'allocation'",
            name=op.f("ck_directive_kind"),
        ),
        sa.CheckConstraint(
            "kind <> 'allocation' OR (item_name IS NOT NULL AND qty > 0)",
            name=op.f("ck_directive_allocation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directive")),
        sa.UniqueConstraint("uuid", name=op.f("uq_directive_uuid")),
    )
    op.create_index("ix_directive_addressee", "directive", ["addressee"], unique=False)
    op.create_index(op.f("ix_directive_origin"), "directive", ["origin"], unique=False)
    op.create_index(op.f("ix_directive_seq"), "directive", ["seq"], unique=False)
    op.create_table(
        "directive_answer",
        sa.Column("directive_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("qty_received", sa.Integer(), nullable=True),
        sa.Column("movement_id", sa.Integer(), nullable=True),
        *_travelling_columns(),
        sa.CheckConstraint(
            "kind = 'completion' OR kind = 'arrival'", name=op.f("ck_directive_answer_kind")
        ),
        sa.CheckConstraint(
            "kind <> 'arrival' OR (qty_received IS NOT NULL AND qty_received >= 0)",
            name=op.f("ck_directive_answer_arrival"),
        ),
        sa.ForeignKeyConstraint(
            ["directive_id"],
            ["directive.id"],
            name=op.f("fk_directive_answer_directive_id_directive"),
        ),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["supply_movement.id"],
            name=op.f("fk_directive_answer_movement_id_supply_movement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directive_answer")),
        sa.UniqueConstraint("uuid", name=op.f("uq_directive_answer_uuid")),
    )
    op.create_index(
        op.f("ix_directive_answer_origin"), "directive_answer", ["origin"], unique=False
    )
    op.create_index(op.f("ix_directive_answer_seq"), "directive_answer", ["seq"], unique=False)
    op.create_index(
        "uq_directive_answer_directive_origin",
        "directive_answer",
        ["directive_id", "origin"],
        unique=True,
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    op.drop_index("uq_notice_template_name", table_name="notice_template")
    _template_name_index("uq_notice_template_origin_name", ["origin", "name"])


def downgrade() -> None:
    op.drop_index("uq_notice_template_origin_name", table_name="notice_template")
    _template_name_index("uq_notice_template_name", ["name"])
    op.drop_index("uq_directive_answer_directive_origin", table_name="directive_answer")
    op.drop_index(op.f("ix_directive_answer_seq"), table_name="directive_answer")
    op.drop_index(op.f("ix_directive_answer_origin"), table_name="directive_answer")
    op.drop_table("directive_answer")
    op.drop_index(op.f("ix_directive_seq"), table_name="directive")
    op.drop_index(op.f("ix_directive_origin"), table_name="directive")
    op.drop_index("ix_directive_addressee", table_name="directive")
    op.drop_table("directive")
