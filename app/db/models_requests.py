"""Residents' requests and complaints (诉求/投诉/举报) with their deadlines and outcomes.

One `service_request` row per request, from the call to the callback: what was asked (category,
text, priority, channel), of whom (the household, a callback number — both optional: a request may
be anonymous), where it went (a grid, a person on duty), by when (`due_at`, from the category's
deadline in 设置 unless given), how it ended (`outcome`, `done_at`) and what the resident said when
called back (`satisfied`). The history of a request is the audit trail of its fields (every change
is audited by the session events like every travelling record's).

Times of a request (`received_at`, `due_at`, `done_at` …) are the office's local wall-clock times,
as shift times are: "due by 14:00" wherever the data goes. The `Travelling` stamps stay in UTC.

Requests travel to the street office (Travelling columns, tombstoned), like deliveries and orders,
which name their household too; the street office's overview shows them only as counts per
category (app.core.street), never who asked. `about_user` names the user a staff complaint is about
(a user of this office, by name): that user does not see it, and only an administrator closes it.

This module imports nothing from `app.db.models`; households, grids, people on duty and group
purchase rounds are named by table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import WITHHELD, Base, Travelling

REQUEST_CATEGORIES = (
    "medical",
    "supplies",
    "care",
    "sanitation",
    "repair",
    "group-buy",
    "staff-complaint",
    "report",
    "inquiry",
    "other",
)
REQUEST_STATUS = ("registered", "assigned", "in-progress", "done", "confirmed")
REQUEST_CHANNELS = ("phone", "walk-in", "grid-worker", "message", "hotline-12345", "street-office")
REQUEST_PRIORITIES = ("urgent", "normal")


def _or(column: str, values: tuple[str, ...]) -> str:
    # written with OR, not IN (…), as the registry's checks are (revision 0009)
    return " OR ".join(f"{column} = '{v}'" for v in values)


class ServiceRequest(Travelling, Base):
    """A request, complaint or report from a resident (or anonymous), through its lifecycle.

    It travels to the street office without who asked or what was said: the columns marked
    `WITHHELD` leave in packages as the value given there (empty), so the street office counts
    requests per category and community and never learns the complainant (nor whom a complaint
    about staff names)."""

    __tablename__ = "service_request"

    category: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="registered")
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    channel: Mapped[str] = mapped_column(String(20), default="phone")
    text: Mapped[str] = mapped_column(Text, info={WITHHELD: ""})
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("household.id"), index=True, info={WITHHELD: None}
    )
    phone: Mapped[str | None] = mapped_column(String(40), info={WITHHELD: None})
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("duty_person.id"), index=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("group_buy_round.id"))
    about_user: Mapped[str | None] = mapped_column(String(60), info={WITHHELD: None})
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_by: Mapped[str | None] = mapped_column(String(100))
    outcome: Mapped[str | None] = mapped_column(Text, info={WITHHELD: ""})
    callback_at: Mapped[datetime | None] = mapped_column(DateTime)
    satisfied: Mapped[bool | None] = mapped_column(Boolean)
    callback_note: Mapped[str | None] = mapped_column(Text, info={WITHHELD: None})
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    reopen_reason: Mapped[str | None] = mapped_column(Text, info={WITHHELD: None})

    __table_args__ = (
        Index("ix_service_request_status_due", "status", "due_at"),
        CheckConstraint(_or("category", REQUEST_CATEGORIES), name="category"),
        CheckConstraint(_or("status", REQUEST_STATUS), name="status"),
        CheckConstraint(_or("priority", REQUEST_PRIORITIES), name="priority"),
        CheckConstraint(_or("channel", REQUEST_CHANNELS), name="channel"),
        CheckConstraint("due_at >= received_at", name="due"),
        CheckConstraint(
            "(status = 'done' OR status = 'confirmed') = (done_at IS NOT NULL AND outcome IS NOT NULL)",
            name="outcome",
        ),
        CheckConstraint("satisfied IS NULL OR status = 'confirmed'", name="callback"),
        CheckConstraint("reopened >= 0", name="reopened"),
    )


REQUEST_MODELS: tuple[type[Travelling], ...] = (ServiceRequest,)
