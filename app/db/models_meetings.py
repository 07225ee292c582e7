"""Meetings: the minutes of community and grid deliberation (社区、网格两级议事), their agenda, the
decisions taken, and the action items that follow a decision through to done.

Every table here travels to the street office, so each row carries the `Travelling` columns and is
tombstoned, never deleted. A meeting is a `draft` while it is written, `published` once the minutes
are locked, and `superseded` when a published amendment (a new meeting row whose `amends_id` points
at it) has replaced it; the original is kept as it was.

This module imports nothing from `app.db.models` (which lists these classes among its travelling
models); the grid is referred to by table name.
"""

from __future__ import annotations

from datetime import date, datetime, time
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
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Travelling

if TYPE_CHECKING:
    from app.db.models import Grid

LEVELS = ("community", "grid")
# the kinds the paper names for the two-level deliberation system; others may be typed
MEETING_KINDS = (
    "领导小组会议",
    "联席会议",
    "居民议事会",
    "网格议事会",
    "党员大会",
    "工作例会",
)


class Meeting(Travelling, Base):
    """One meeting and its minutes. Attendees and absentees are kept one per line, as typed."""

    __tablename__ = "meeting"

    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="community")
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(200))
    chair: Mapped[str | None] = mapped_column(String(60))
    recorder: Mapped[str | None] = mapped_column(String(60))
    attendees: Mapped[str] = mapped_column(Text, default="")
    absentees: Mapped[str] = mapped_column(Text, default="")
    discussion: Mapped[str] = mapped_column(Text, default="")
    residents_views: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    published_by: Mapped[str | None] = mapped_column(String(100))
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    amend_reason: Mapped[str | None] = mapped_column(Text)

    grid: Mapped[Grid | None] = relationship()
    amends: Mapped[Meeting | None] = relationship(remote_side="Meeting.id")
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="meeting", order_by="Decision.position"
    )
    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="meeting", order_by="ActionItem.position"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="meeting", order_by="Attachment.id"
    )

    __table_args__ = (
        CheckConstraint("level IN ('community', 'grid')", name="level"),
        CheckConstraint("status IN ('draft', 'published', 'superseded')", name="status"),
        CheckConstraint(
            "end_time IS NULL OR start_time IS NULL OR end_time >= start_time", name="times"
        ),
    )


class AgendaItem(Travelling, Base):
    """A subject on the meeting's agenda (议题), in order."""

    __tablename__ = "meeting_agenda_item"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")


class Decision(Travelling, Base):
    """A decision taken (决定事项). It counts as carried out once all its action items are done."""

    __tablename__ = "meeting_decision"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")


class ActionItem(Travelling, Base):
    """Something a named person must do by a date; closing it records what was done."""

    __tablename__ = "meeting_action_item"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_decision.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(60), index=True)
    due: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    done_on: Mapped[date | None] = mapped_column(Date)
    done_note: Mapped[str | None] = mapped_column(Text)
    closed_by: Mapped[str | None] = mapped_column(String(100))
    # in an amendment, the item of the amended minutes this one continues
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_action_item.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="action_items")
    decision: Mapped[Decision | None] = relationship()

    __table_args__ = (
        Index("ix_meeting_action_item_status_due", "status", "due"),
        CheckConstraint("status IN ('open', 'done', 'cancelled')", name="status"),
        CheckConstraint(
            "status = 'open' OR (done_on IS NOT NULL AND done_note IS NOT NULL)", name="closed"
        ),
    )


class Attachment(Travelling, Base):
    """A file kept with the minutes (a signed scan, a sign-in sheet, photos) in the data folder's
    `attachments/` folder; `stored_name` is its path there, `sha256` proves it unchanged."""

    __tablename__ = "meeting_attachment"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="attachments")


MEETING_MODELS: tuple[type[Travelling], ...] = (
    Meeting,
    AgendaItem,
    Decision,
    ActionItem,
    Attachment,
)
