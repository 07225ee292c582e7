"""the editable tag list (seeded with the vulnerability tags) and installation settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 04:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BUILTIN_TAGS = ["独居老人", "空巢老人", "残疾人", "慢性病", "孕产妇", "婴幼儿", "低保", "特困"]


def upgrade() -> None:
    tag = op.create_table(
        "tag",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("vulnerable", sa.Boolean(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_tag")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.bulk_insert(
        tag,
        [
            {"name": n, "vulnerable": True, "builtin": True, "position": i}
            for i, n in enumerate(BUILTIN_TAGS)
        ],
    )
    # tags already typed on residents before this revision join the list, so none is orphaned
    conn = op.get_bind()
    known = set(BUILTIN_TAGS)
    position = len(BUILTIN_TAGS)
    for (value,) in conn.execute(sa.text("SELECT DISTINCT tags FROM resident WHERE tags != ''")):
        for name in [t for t in value.split(",") if t]:
            if name not in known:
                known.add(name)
                conn.execute(
                    sa.text(
                        "INSERT INTO tag (name, vulnerable, builtin, position) "
                        "VALUES (:n, :v, :b, :p)"
                    ),
                    {"n": name, "v": False, "b": False, "p": position},
                )
                position += 1


def downgrade() -> None:
    op.drop_table("setting")
    op.drop_table("tag")
