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

from app.db.audit_chain import CONTENT, GENESIS, row_hash

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_CHUNK = 5000


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("row_hash", sa.String(length=64), nullable=True))
    audit = sa.table(
        "audit_log",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime),
        *[sa.column(name, sa.Text) for name in CONTENT if name not in ("id", "at")],
        sa.column("prev_hash", sa.String),
        sa.column("row_hash", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(*[audit.c[name] for name in CONTENT]).order_by(audit.c.id))
    stmt = (
        sa.update(audit)
        .where(audit.c.id == sa.bindparam("b_id"))
        .values(prev_hash=sa.bindparam("b_prev"), row_hash=sa.bindparam("b_row"))
    )
    prev = GENESIS
    updates = []
    for row in rows.mappings().all():
        digest = row_hash(prev, row)
        updates.append({"b_id": row["id"], "b_prev": prev, "b_row": digest})
        prev = digest
    for i in range(0, len(updates), _CHUNK):
        bind.execute(stmt, updates[i : i + _CHUNK])


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
