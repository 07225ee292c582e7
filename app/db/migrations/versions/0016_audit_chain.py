"""audit_log: every row hashed onto a chain (`prev_hash`, `row_hash`), the rows already there
chained in id order

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 06:00:00

From here on the chain is extended by each writing transaction (app.db.audit_chain); `check`
verifies it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import audit_chain

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("row_hash", sa.String(length=64), nullable=True))
    # the rows already there, chained in id order exactly as each writing transaction chains its
    # own from now on (the canonical form of a row is fixed: app.db.audit_chain)
    audit_chain.extend(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
