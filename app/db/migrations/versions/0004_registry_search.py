"""registry search: name characters with their pinyin, ID-number/phone tails kept by triggers,
an index on residents' names

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 05:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The tails of a resident's ID number and phone (last four characters). New residents' tails were
# added by the session events (one INSERT ... SELECT per bulk insert, far cheaper than a trigger per
# row); a changed ID number or phone is handled here, by a trigger. Revision 0014 replaced the table
# and the trigger with two expression indexes.
TRIGGERS = {
    "trg_resident_tail_update": """
        CREATE TRIGGER trg_resident_tail_update AFTER UPDATE OF id_number, phone ON resident
        WHEN NEW.id_number IS NOT OLD.id_number OR NEW.phone IS NOT OLD.phone
        BEGIN
            DELETE FROM resident_tail WHERE resident_id = OLD.id;
            INSERT OR IGNORE INTO resident_tail (tail, resident_id)
            SELECT substr(NEW.id_number, -4), NEW.id WHERE length(NEW.id_number) >= 4;
            INSERT OR IGNORE INTO resident_tail (tail, resident_id)
            SELECT substr(NEW.phone, -4), NEW.id WHERE length(NEW.phone) >= 4;
        END
    """,
}

# The same trigger on PostgreSQL: a plpgsql function run after each row's update.
PG_TRIGGERS = {
    "trg_resident_tail_update": (
        """
        CREATE FUNCTION trg_resident_tail_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM resident_tail WHERE resident_id = OLD.id;
            INSERT INTO resident_tail (tail, resident_id)
            SELECT right(NEW.id_number, 4), NEW.id WHERE length(NEW.id_number) >= 4
            ON CONFLICT DO NOTHING;
            INSERT INTO resident_tail (tail, resident_id)
            SELECT right(NEW.phone, 4), NEW.id WHERE length(NEW.phone) >= 4
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER trg_resident_tail_update AFTER UPDATE OF id_number, phone ON resident
        FOR EACH ROW
        WHEN (NEW.id_number IS DISTINCT FROM OLD.id_number OR NEW.phone IS DISTINCT FROM OLD.phone)
        EXECUTE FUNCTION trg_resident_tail_update()
        """,
    ),
}


def upgrade() -> None:
    op.create_table(
        "name_char",
        sa.Column("ch", sa.String(length=1), nullable=False),
        sa.Column("readings", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("ch", name=op.f("pk_name_char")),
    )
    op.create_table(
        "resident_tail",
        sa.Column("tail", sa.String(length=4), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["resident.id"],
            name=op.f("fk_resident_tail_resident_id_resident"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tail", "resident_id", name="pk_resident_tail"),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.create_index(
            "ix_resident_name", ["name", "deleted_at", "status"], unique=False
        )
        batch_op.create_index("ix_resident_live", ["deleted_at", "status"], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for sql in TRIGGERS.values():
            op.execute(sql)
    elif bind.dialect.name == "postgresql":
        for function, trigger in PG_TRIGGERS.values():
            op.execute(function)
            op.execute(trigger)
    tail = "right({column}, 4)" if bind.dialect.name == "postgresql" else "substr({column}, -4)"
    op.execute(
        f"INSERT INTO resident_tail (tail, resident_id) "
        f"SELECT {tail.format(column='id_number')}, id FROM resident WHERE length(id_number) >= 4 "
        f"UNION SELECT {tail.format(column='phone')}, id FROM resident WHERE length(phone) >= 4"
    )
    # the characters of the names already there, each converted to pinyin once
    from app.db.search_index import name_chars, remember_chars

    names = bind.execute(sa.text("SELECT DISTINCT name FROM resident")).scalars()
    remember_chars(bind, name_chars(names))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif bind.dialect.name == "postgresql":
        for name in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON resident")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_index("ix_resident_live")
        batch_op.drop_index("ix_resident_name")
    op.drop_table("resident_tail")
    op.drop_table("name_char")
