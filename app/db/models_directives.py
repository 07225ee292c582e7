"""Directives of the street office (街道下发事项) and the communities' answers to them.

A **directive** is written at a street office and travels to its communities in return packages:
a notice (通知: a title and a text), a task (任务: a text, a due date, optionally the grid or area
it concerns) or a supply allocation (物资调拨: an item, its unit and a quantity). It is addressed to
one community, by its code, or to all of them (`addressee = 'all'`). Its `origin` is the street
office; only the street office changes it, and a cancelled directive is a tombstone.

An **answer** is written at a community about a directive it received: a task's completion (done,
note, who, when) or an allocation's arrival (the quantity received, booked into the community's
stock ledger as a receipt of kind "allocation", `movement_id`). Its `origin` is the community, so
it goes back in the community's normal packages, and the street office sees it. One live answer
per directive and community.

This module imports nothing from `app.db.models`; supply movements are named by table.
"""

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
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Travelling, utcnow

_LIVE = text("deleted_at IS NULL")

DIRECTIVE_KINDS = ("notice", "task", "allocation")
TO_ALL = "all"


class Directive(Travelling, Base):
    """A notice, task or supply allocation from the street office to one community or to all."""

    __tablename__ = "directive"

    kind: Mapped[str] = mapped_column(String(12))
    addressee: Mapped[str] = mapped_column(String(20))  # a community's code, or 'all'
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    area: Mapped[str | None] = mapped_column(String(100))  # a task's grid or area, as text
    item_name: Mapped[str | None] = mapped_column(String(60))
    unit: Mapped[str | None] = mapped_column(String(10))
    qty: Mapped[int | None] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (
        Index("ix_directive_addressee", "addressee"),
        CheckConstraint("kind = 'notice' OR kind = 'task' OR kind = 'allocation'", name="kind"),
        CheckConstraint(
            "kind <> 'allocation' OR (item_name IS NOT NULL AND qty > 0)", name="allocation"
        ),
    )


class DirectiveAnswer(Travelling, Base):
    """A community's answer to a directive: a task completed, an allocation arrived."""

    __tablename__ = "directive_answer"

    directive_id: Mapped[int] = mapped_column(ForeignKey("directive.id"))
    kind: Mapped[str] = mapped_column(String(12))
    done: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    qty_received: Mapped[int | None] = mapped_column(Integer)
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("supply_movement.id"))

    __table_args__ = (
        Index(
            "uq_directive_answer_directive_origin",
            "directive_id",
            "origin",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        CheckConstraint("kind = 'completion' OR kind = 'arrival'", name="kind"),
        CheckConstraint(
            "kind <> 'arrival' OR (qty_received IS NOT NULL AND qty_received >= 0)",
            name="arrival",
        ),
    )


DIRECTIVE_MODELS: tuple[type[Travelling], ...] = (Directive, DirectiveAnswer)
