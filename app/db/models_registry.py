"""Search support for the registry (households and residents), kept beside the foundation models.

Nothing here is a record of its own: every row is derived from `resident` and can be rebuilt.

* `name_char`: each distinct character that occurs in residents' names, with all its pinyin
  readings (heteronyms included: 单 → "dan chan shan"). Pinyin search expands the typed letters into
  the characters that fit each position and walks the name index; no name is ever converted whole.
  Kept up to date by the session events (`app.db.events` → `app.db.search_index`).
* two expression indexes on `resident` (revision 0014, not in these models: SQLAlchemy does not
  reflect them): the last four characters of the ID number and of the phone, so a tail of 4–18
  digits is one probe of each. The database keeps them on every write path — ORM, bulk statements,
  plain SQL — and a bulk load builds them in one sort.
* `ix_resident_name`: residents' names, for name prefixes, the pinyin walk and sorting by name;
  `ix_resident_live` (status, deleted_at): the list of live residents of a status in registration
  order, and their count (status first, so that no other query's `deleted_at IS NULL` probes it).

And one table that is a record of this office's own (revision 0009): `duplicate_decision`, the
groups of possible duplicates a person looked at and found to be different people ("keep both"),
so they are not shown again. It does not travel; the decision is in the audit trail as well.

SQLite drops a table's triggers with the table: a later revision that rebuilds `resident` in batch
mode must create the triggers of revision 0004 again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, utcnow
from app.db.models import Resident


class NameChar(Base):
    """A character seen in a resident's name and its pinyin readings, space separated."""

    __tablename__ = "name_char"

    ch: Mapped[str] = mapped_column(String(1), primary_key=True)
    readings: Mapped[str] = mapped_column(String(200))


# (name, deleted_at, status): the search and the list sorted by name read the index alone
RESIDENT_NAME_INDEX = Index("ix_resident_name", Resident.name, Resident.deleted_at, Resident.status)
# (status, deleted_at): the 住户 list's default query (live, in residence, in registration order)
# and its count read this small index instead of the whole table. Status first (revision 0009): as
# (deleted_at, status) any query with `deleted_at IS NULL` could probe it, and SQLite's planner
# walked every live resident through it instead of using the index that query needed.
RESIDENT_LIVE_INDEX = Index("ix_resident_live", Resident.status, Resident.deleted_at)


DUPLICATE_KINDS = ("same_id", "same_person", "shared_phone")


class DuplicateDecision(Base):
    """A group of residents found to be different people, kept as they are ("keep both").

    `members` names the group by its residents' uuids, sorted and comma-separated: should another
    record join the group later, it is a new group and shown again.
    """

    __tablename__ = "duplicate_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    members: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(20), default="keep_both")
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("uq_duplicate_decision_members", "kind", "members", unique=True),
        CheckConstraint("kind IN ('same_id', 'same_person', 'shared_phone')", name="kind"),
        CheckConstraint("decision IN ('keep_both')", name="decision"),
    )
