"""The entities of the foundation. Later issues extend them through new Alembic revisions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
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

from app.db.base import Base, Travelling, utcnow
from app.db.models_directives import DIRECTIVE_MODELS
from app.db.models_grids import GRID_MODELS
from app.db.models_group_buy import GROUP_BUY_MODELS
from app.db.models_meetings import MEETING_MODELS
from app.db.models_requests import REQUEST_MODELS
from app.db.models_supplies import SUPPLY_MODELS
from app.db.models_visits import VISIT_MODELS

ROLES = ("community", "street-office")
RESIDENCY = ("registered", "migrant", "abroad")
GENDERS = ("M", "F")
RESIDENT_STATUS = ("active", "moved_out", "deceased")
DOC_TYPES = ("id_card", "passport", "hk_macau_permit", "taiwan_permit", "foreigner_permit", "other")

NOT_DELETED = text("deleted_at IS NULL")


class Office(Base):
    """This installation's own office: a community or a street office (one row)."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    parent_code: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(String(60))  # the contact person (联系人)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("role IN ('community', 'street-office')", name="role"),
    )


class ChangeCounter(Base):
    """The last change sequence number handed out per origin."""

    __tablename__ = "change_counter"

    origin: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """Who changed what and when: one row per changed field (or per created/deleted record), and
    the reads and events that matter (sign-in, an export, a print …: `action` is then the kind and
    `note` the summary; app.core.trust.audit). Each row is hashed onto a chain (`prev_hash`,
    `row_hash`; app.db.audit_chain) in the transaction that writes it."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))  # create / update / delete
    entity: Mapped[str] = mapped_column(String(40))
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))


class Grid(Travelling, Base):
    __tablename__ = "grid"

    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index(
            "uq_grid_origin_code",
            "origin",
            "code",
            unique=True,
            sqlite_where=NOT_DELETED,
            postgresql_where=NOT_DELETED,
        ),
    )


class Building(Travelling, Base):
    """A building as numbered on the ground (1, 2, 3 … or 12A)."""

    __tablename__ = "building"

    number: Mapped[str] = mapped_column(String(20))
    name: Mapped[str | None] = mapped_column(String(100))
    units: Mapped[int] = mapped_column(Integer, default=1)
    floors: Mapped[int] = mapped_column(Integer, default=1)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)

    grid: Mapped[Grid | None] = relationship()

    __table_args__ = (
        Index(
            "uq_building_origin_number",
            "origin",
            "number",
            unique=True,
            sqlite_where=NOT_DELETED,
            postgresql_where=NOT_DELETED,
        ),
        CheckConstraint("units >= 1 AND floors >= 1", name="size"),
    )


class Household(Travelling, Base):
    """A household at building-unit-room (3-2-502); `code` is printed as its barcode."""

    __tablename__ = "household"

    code: Mapped[str] = mapped_column(String(20))
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id"), index=True)
    unit: Mapped[int] = mapped_column(Integer)
    room: Mapped[str] = mapped_column(String(20))
    address_code: Mapped[str] = mapped_column(String(60))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)

    building: Mapped[Building] = relationship()
    grid: Mapped[Grid | None] = relationship()
    members: Mapped[list[Resident]] = relationship(back_populates="household")

    __table_args__ = (
        Index(
            "uq_household_origin_code",
            "origin",
            "code",
            unique=True,
            sqlite_where=NOT_DELETED,
            postgresql_where=NOT_DELETED,
        ),
        Index("ix_household_address", "origin", "address_code"),
        CheckConstraint("unit >= 1", name="unit"),
    )


class Resident(Travelling, Base):
    """A person. `tags` holds vulnerability tags as ",独居老人,慢性病," so one LIKE finds a tag."""

    __tablename__ = "resident"

    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_number: Mapped[str | None] = mapped_column(String(18))
    doc_type: Mapped[str | None] = mapped_column(String(20))
    doc_number: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    relation: Mapped[str | None] = mapped_column(String(20))
    is_head: Mapped[bool] = mapped_column(Boolean, default=False)
    residency: Mapped[str] = mapped_column(String(20), default="registered")
    tags: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    notes: Mapped[str | None] = mapped_column(Text)

    household: Mapped[Household] = relationship(back_populates="members")

    __table_args__ = (
        # exactly one head per household: at most one here, at least one in the operations + check
        Index(
            "uq_resident_one_head",
            "household_id",
            unique=True,
            sqlite_where=text("is_head AND deleted_at IS NULL"),
            postgresql_where=text("is_head AND deleted_at IS NULL"),
        ),
        # per office (revision 0008): a street office holds the residents of all its communities,
        # and one person may be on two communities' rolls; `id_number` first serves lookups by it
        Index(
            "uq_resident_id_number",
            "id_number",
            "origin",
            unique=True,
            sqlite_where=text("id_number IS NOT NULL AND deleted_at IS NULL"),
            postgresql_where=text("id_number IS NOT NULL AND deleted_at IS NULL"),
        ),
        # written with OR, not IN (…): SQLite builds a temporary table for an IN list each time
        # an INSERT runs, once per row of an executemany (0.9 s of a 180,000-row import; 0009)
        CheckConstraint("gender IS NULL OR gender = 'M' OR gender = 'F'", name="gender"),
        CheckConstraint(
            "residency = 'registered' OR residency = 'migrant' OR residency = 'abroad'",
            name="residency",
        ),
        CheckConstraint(
            "status = 'active' OR status = 'moved_out' OR status = 'deceased'", name="status"
        ),
    )


class Tag(Base):
    """The editable list of tags; `vulnerable` ones count on the dashboards."""

    __tablename__ = "tag"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    vulnerable: Mapped[bool] = mapped_column(Boolean, default=True)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """Small named values of this installation (last export time, display preferences)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


TRAVELLING_MODELS: tuple[type[Travelling], ...] = (
    Grid,
    Building,
    Household,
    Resident,
    *MEETING_MODELS,
    *GRID_MODELS,
    *SUPPLY_MODELS,
    *DIRECTIVE_MODELS,
    *GROUP_BUY_MODELS,
    *REQUEST_MODELS,
    *VISIT_MODELS,
)


def join_tags(tags: list[str] | tuple[str, ...] | set[str]) -> str:
    clean = sorted({t.strip() for t in tags if t and t.strip()})
    return "," + ",".join(clean) + "," if clean else ""


def split_tags(value: str | None) -> list[str]:
    return [t for t in (value or "").split(",") if t]
