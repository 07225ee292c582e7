"""meetings: minutes of community and grid deliberation, agenda items, decisions, action items,
attachments — all travelling records (uuid, origin, seq, tombstone)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("chair", sa.String(length=60), nullable=True),
        sa.Column("recorder", sa.String(length=60), nullable=True),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("absentees", sa.Text(), nullable=False),
        sa.Column("discussion", sa.Text(), nullable=False),
        sa.Column("residents_views", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by", sa.String(length=100), nullable=True),
        sa.Column("amends_id", sa.Integer(), nullable=True),
        sa.Column("amend_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("level IN ('community', 'grid')", name=op.f("ck_meeting_level")),
        sa.CheckConstraint(
            "status IN ('draft', 'published', 'superseded')", name=op.f("ck_meeting_status")
        ),
        sa.CheckConstraint(
            "end_time IS NULL OR start_time IS NULL OR end_time >= start_time",
            name=op.f("ck_meeting_times"),
        ),
        sa.ForeignKeyConstraint(
            ["amends_id"], ["meeting.id"], name=op.f("fk_meeting_amends_id_meeting")
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_meeting_grid_id_grid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_uuid")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_amends_id"), ["amends_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_seq"), ["seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_status"), ["status"], unique=False)

    op.create_table(
        "meeting_agenda_item",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_agenda_item_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_agenda_item")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_agenda_item_uuid")),
    )
    with op.batch_alter_table("meeting_agenda_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_agenda_item_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_agenda_item_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_agenda_item_seq"), ["seq"], unique=False)

    op.create_table(
        "meeting_attachment",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("stored_name", sa.String(length=300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_attachment_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attachment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_attachment_uuid")),
    )
    with op.batch_alter_table("meeting_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_attachment_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_attachment_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_attachment_seq"), ["seq"], unique=False)

    op.create_table(
        "meeting_decision",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_decision_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_decision")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_decision_uuid")),
    )
    with op.batch_alter_table("meeting_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_decision_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_decision_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_decision_seq"), ["seq"], unique=False)

    op.create_table(
        "meeting_action_item",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=60), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=True),
        sa.Column("closed_by", sa.String(length=100), nullable=True),
        sa.Column("carried_from_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status = 'open' OR (done_on IS NOT NULL AND done_note IS NOT NULL)",
            name=op.f("ck_meeting_action_item_closed"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'done', 'cancelled')", name=op.f("ck_meeting_action_item_status")
        ),
        sa.ForeignKeyConstraint(
            ["carried_from_id"],
            ["meeting_action_item.id"],
            name=op.f("fk_meeting_action_item_carried_from_id_meeting_action_item"),
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["meeting_decision.id"],
            name=op.f("fk_meeting_action_item_decision_id_meeting_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_action_item_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_action_item")),
        sa.UniqueConstraint("uuid", name=op.f("uq_meeting_action_item_uuid")),
    )
    with op.batch_alter_table("meeting_action_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_action_item_decision_id"), ["decision_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_action_item_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_action_item_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_action_item_owner"), ["owner"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_action_item_seq"), ["seq"], unique=False)
        batch_op.create_index("ix_meeting_action_item_status_due", ["status", "due"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meeting_action_item", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_action_item_status_due")
        batch_op.drop_index(batch_op.f("ix_meeting_action_item_seq"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_item_owner"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_item_origin"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_item_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_item_decision_id"))

    op.drop_table("meeting_action_item")
    with op.batch_alter_table("meeting_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_decision_seq"))
        batch_op.drop_index(batch_op.f("ix_meeting_decision_origin"))
        batch_op.drop_index(batch_op.f("ix_meeting_decision_meeting_id"))

    op.drop_table("meeting_decision")
    with op.batch_alter_table("meeting_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attachment_seq"))
        batch_op.drop_index(batch_op.f("ix_meeting_attachment_origin"))
        batch_op.drop_index(batch_op.f("ix_meeting_attachment_meeting_id"))

    op.drop_table("meeting_attachment")
    with op.batch_alter_table("meeting_agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_agenda_item_seq"))
        batch_op.drop_index(batch_op.f("ix_meeting_agenda_item_origin"))
        batch_op.drop_index(batch_op.f("ix_meeting_agenda_item_meeting_id"))

    op.drop_table("meeting_agenda_item")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_status"))
        batch_op.drop_index(batch_op.f("ix_meeting_seq"))
        batch_op.drop_index(batch_op.f("ix_meeting_origin"))
        batch_op.drop_index(batch_op.f("ix_meeting_held_on"))
        batch_op.drop_index(batch_op.f("ix_meeting_grid_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_amends_id"))

    op.drop_table("meeting")
