"""Grids and the people on duty in them: the history of households' grid assignments, the roster
(网格员、网格长、楼长、单元长、党员、志愿者、下沉干部、社工、共建单位), their responsibility zones,
duties with their shifts, and who was assigned to each shift and when they checked in and out.

The roster, zones, duties, shifts and assignments travel to the street office (who actually served
is what the paper found hidden behind 挂名式下沉), so each row carries the `Travelling` columns and is
tombstoned, never deleted. `grid_assignment` does not travel: it is this office's own record of
which grid each household was in and from when to when, written by the grid operations alongside
the (travelling, audited) change of `household.grid_id`.

Shift times, check-in and check-out times are the office's local wall-clock times (a shift is
"08:00–12:00 on 2026-11-30" wherever the data goes); the `Travelling` stamps stay in UTC.

This module imports nothing from `app.db.models` (which lists these classes among its travelling
models); grids, buildings, households and residents are referred to by table name.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Travelling

if TYPE_CHECKING:
    from app.db.models import Grid, Resident

# the roles of people on duty, in the order the roster shows them
PERSON_ROLES = (
    "staff",  # 社区工作人员
    "grid_leader",  # 网格长
    "grid_worker",  # 网格员
    "building_leader",  # 楼长
    "unit_leader",  # 单元长
    "party_member",  # 党员（责任区）
    "volunteer",  # 志愿者
    "cadre",  # 下沉干部
    "social_worker",  # 社工
    "partner",  # 共建单位、社会组织、企业
)
PERSON_STATUS = ("active", "inactive")
# the kinds of duty the paper names; others may be typed
DUTY_KINDS = ("卡点值守", "上门走访", "物资配送", "检测协助", "值班", "巡查", "其他")
ASSIGNMENT_HOW = ("initial", "building", "household", "merge", "split", "recorded")

_LIVE = text("deleted_at IS NULL")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class GridAssignment(Base):
    """From `started_at` on, a household was in a grid — until its next row (none: it still is).

    Append-only: written by the grid operations in one set-based INSERT beside the change of
    `household.grid_id`, never updated, so moving 60,000 households adds rows and rewrites none.
    `how` says what moved it (a building assignment, a single household, a merge or split of
    grids; `initial` for the grid a household had when this table began, `recorded` for one found
    in a grid the table had not seen). Times are UTC, as the audit trail's are.
    """

    __tablename__ = "grid_assignment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    how: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_grid_assignment_household", "household_id", "id"),
        CheckConstraint(_in("how", ASSIGNMENT_HOW), name="how"),
    )


class DutyPerson(Travelling, Base):
    """Someone on the roster. `code` is printed on their card as a barcode and scanned (or typed)
    at check-in. A person who lives in the community links to the resident record; building and
    unit leaders always do (they are chosen from the residents)."""

    __tablename__ = "duty_person"

    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(20), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), index=True)
    # the home unit of a sent-down cadre (派出单位), the organisation of a partner or social worker
    organisation: Mapped[str | None] = mapped_column(String(100))
    # a cadre's posting; for others, when they joined and left the roster
    posting_start: Mapped[date | None] = mapped_column(Date)
    posting_end: Mapped[date | None] = mapped_column(Date)
    skills: Mapped[str] = mapped_column(String(200), default="")  # ",驾驶,医护," like tags
    availability: Mapped[str | None] = mapped_column(String(200))
    health: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="active")
    notes: Mapped[str | None] = mapped_column(Text)

    grid: Mapped[Grid | None] = relationship()
    resident: Mapped[Resident | None] = relationship()
    zones: Mapped[list[DutyZone]] = relationship(
        back_populates="person",
        primaryjoin="and_(DutyZone.person_id == DutyPerson.id, DutyZone.deleted_at.is_(None))",
        order_by="DutyZone.id",
        viewonly=True,
    )

    __table_args__ = (
        Index(
            "uq_duty_person_origin_code",
            "origin",
            "code",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        CheckConstraint(_in("role", PERSON_ROLES), name="role"),
        CheckConstraint(_in("status", PERSON_STATUS), name="status"),
        CheckConstraint(
            "posting_end IS NULL OR posting_start IS NULL OR posting_end >= posting_start",
            name="posting",
        ),
    )


class DutyZone(Travelling, Base):
    """A part of a responsibility zone (党员责任区, a leader's building or unit): a whole building, one
    unit of it, or one household."""

    __tablename__ = "duty_zone"

    person_id: Mapped[int] = mapped_column(ForeignKey("duty_person.id"), index=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id"), index=True)
    unit: Mapped[int | None] = mapped_column(Integer)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))

    person: Mapped[DutyPerson] = relationship(back_populates="zones")

    __table_args__ = (
        CheckConstraint("unit IS NULL OR unit >= 1", name="unit"),
        CheckConstraint("household_id IS NULL OR unit IS NULL", name="one_level"),
    )


class Duty(Travelling, Base):
    """A duty (卡点值守 at the north gate, 上门走访 in grid 3, …), worked in shifts."""

    __tablename__ = "duty"

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    grid: Mapped[Grid | None] = relationship()
    shifts: Mapped[list[DutyShift]] = relationship(
        back_populates="duty",
        primaryjoin="and_(DutyShift.duty_id == Duty.id, DutyShift.deleted_at.is_(None))",
        order_by="DutyShift.starts_at",
        viewonly=True,
    )


class DutyShift(Travelling, Base):
    """One shift of a duty, from `starts_at` to `ends_at` (local time), for `needed` people."""

    __tablename__ = "duty_shift"

    duty_id: Mapped[int] = mapped_column(ForeignKey("duty.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    needed: Mapped[int] = mapped_column(Integer, default=1)
    notes: Mapped[str | None] = mapped_column(Text)

    duty: Mapped[Duty] = relationship(back_populates="shifts")

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="period"),
        CheckConstraint("needed >= 1", name="needed"),
    )


class ShiftAssignment(Travelling, Base):
    """A person put on a shift, and when they checked in and out (by scanning their code)."""

    __tablename__ = "shift_assignment"

    shift_id: Mapped[int] = mapped_column(ForeignKey("duty_shift.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("duty_person.id"), index=True)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_out_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)

    shift: Mapped[DutyShift] = relationship()
    person: Mapped[DutyPerson] = relationship()

    __table_args__ = (
        Index(
            "uq_shift_assignment_shift_person",
            "shift_id",
            "person_id",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        CheckConstraint(
            "checked_out_at IS NULL OR (checked_in_at IS NOT NULL "
            "AND checked_out_at >= checked_in_at)",
            name="checked",
        ),
    )


GRID_MODELS: tuple[type[Travelling], ...] = (
    DutyPerson,
    DutyZone,
    Duty,
    DutyShift,
    ShiftAssignment,
)
