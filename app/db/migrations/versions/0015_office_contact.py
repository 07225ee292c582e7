"""office: the contact person (联系人), kept with the phone and address that 设置 now edits

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("office", sa.Column("contact", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.drop_column("contact")
