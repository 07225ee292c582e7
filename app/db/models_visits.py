"""Follow-up visits (走访/随访): the plans made from a tag of the register, and each visit due to a
resident under a plan, with what came of it.

A plan (`visit_plan`) names its kind (home quarantine: twice a day; living alone: daily; chronic
illness: weekly), the tag whose residents it covers (独居老人, 慢性病, 居家隔离 …), its first day,
how many days it runs (none: until stopped) and when it was stopped. A visit (`visit`) is one slot
of one resident under one plan — `due_at` is the slot, the office's local wall-clock time as shift
times are — made when a day's visits are first asked for, and recorded once: the outcome (reached /
not reached / needs help), a temperature for home quarantine, a note, when and by whom, and the
request a needs-help visit logged. One live visit per plan, resident and slot (a partial unique
index); a second record of the same visit is refused by the operation, and the database insists
that an outcome comes with its time and recorder.

Temperatures are held in tenths of a degree as whole numbers (37.2 °C is 372), as money is held in
fen elsewhere: a package carries integers, never floats.

Both tables travel to the street office (Travelling columns, tombstoned, never deleted): a stopped
plan's visits not yet recorded are tombstoned with the reason. This module imports nothing from
`app.db.models`; residents are named by table, requests by theirs.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Travelling

PLAN_KINDS = ("home-quarantine", "living-alone", "chronic")
VISIT_OUTCOMES = ("reached", "not-reached", "needs-help")
# a body temperature a thermometer can read, in tenths of a degree (34.0 to 43.0 °C)
MIN_TENTHS, MAX_TENTHS = 340, 430
MAX_PLAN_DAYS = 366

_LIVE = text("deleted_at IS NULL")


def _or(column: str, values: tuple[str, ...]) -> str:
    # written with OR, not IN (…), as the registry's checks are (revision 0009)
    return " OR ".join(f"{column} = '{v}'" for v in values)


class VisitPlan(Travelling, Base):
    """A follow-up plan for the residents carrying `tag`: from `starts_on`, for `days` days (None:
    until stopped); `stopped_at` (local time) ends it early."""

    __tablename__ = "visit_plan"

    kind: Mapped[str] = mapped_column(String(20))
    tag: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date] = mapped_column(Date)
    days: Mapped[int | None] = mapped_column(Integer)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (
        CheckConstraint(_or("kind", PLAN_KINDS), name="kind"),
        CheckConstraint("days IS NULL OR days >= 1", name="days"),
        CheckConstraint(f"days IS NULL OR days <= {MAX_PLAN_DAYS}", name="days_max"),
        CheckConstraint("length(tag) > 0", name="tag"),
    )


class Visit(Travelling, Base):
    """One visit due to a resident under a plan at `due_at`, and its record once made."""

    __tablename__ = "visit"

    plan_id: Mapped[int] = mapped_column(ForeignKey("visit_plan.id"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    outcome: Mapped[str | None] = mapped_column(String(20))
    temperature_tenths: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime)
    recorded_by: Mapped[str | None] = mapped_column(String(100))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("service_request.id"), index=True)

    __table_args__ = (
        Index(
            "uq_visit_plan_resident_due",
            "plan_id",
            "resident_id",
            "due_at",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        CheckConstraint("outcome IS NULL OR " + _or("outcome", VISIT_OUTCOMES), name="outcome"),
        CheckConstraint(
            f"temperature_tenths IS NULL OR temperature_tenths >= {MIN_TENTHS}", name="temperature"
        ),
        CheckConstraint(
            f"temperature_tenths IS NULL OR temperature_tenths <= {MAX_TENTHS}",
            name="temperature_max",
        ),
        CheckConstraint(
            "outcome IS NULL OR (recorded_at IS NOT NULL AND recorded_by IS NOT NULL)",
            name="recorded",
        ),
    )


VISIT_MODELS: tuple[type[Travelling], ...] = (VisitPlan, Visit)
