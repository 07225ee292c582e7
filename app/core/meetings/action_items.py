"""Action items: the follow-up that carries a meeting's decision through to done — closed with what was
done, reopened, listed across meetings (overdue ones too), and counted for the front page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.core.meetings.minutes import _like, parse_date
from app.db.models_meetings import (
    ActionItem,
    Decision,
    Meeting,
)
from app.errors import InvalidInput

ACTION_STATUS_NAMES = {
    "open": ("未办结", "open"),
    "done": ("已完成", "done"),
    "cancelled": ("已取消", "cancelled"),
}


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodoCounts:
    """How the action items of the meetings in force stand."""

    open: int
    overdue: int
    due_soon: int  # open, due today or within the next `soon_days`
    done: int


@dataclass(frozen=True)
class ActionItemRow:
    id: int
    meeting_id: int
    meeting_title: str
    meeting_date: date
    number: int  # 1-based within its meeting
    text: str
    owner: str
    due: date
    status: str
    overdue: bool
    done_on: date | None
    done_note: str | None
    closed_by: str | None
    decision_number: int | None
    decision_id: int | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "meeting": self.meeting_id,
            "meeting_title": self.meeting_title,
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat(),
            "status": self.status,
            "overdue": self.overdue,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "done_note": self.done_note,
            "decision": self.decision_number,
        }


@dataclass(frozen=True)
class ActionQuery:
    meeting_id: int | None = None
    owner: str = ""
    open_only: bool = False
    overdue_only: bool = False
    in_force_only: bool = True
    limit: int | None = None


# --- action items --------------------------------------------------------------------------------


def _item(session: Session, item_id: int) -> ActionItem:
    item = session.get(ActionItem, item_id)
    if item is None or item.deleted_at is not None or item.meeting.deleted_at is not None:
        raise InvalidInput(
            f"没有编号为 {item_id} 的待办事项。", f"No action item with id {item_id}."
        )
    meeting = item.meeting
    if meeting.status == "superseded":
        raise InvalidInput(
            f"待办事项 {item_id} 属于已被修正的第 {meeting.id} 号纪要，请在修正后的纪要中办理。",
            f"Action item {item_id} belongs to meeting {meeting.id}, which was superseded; "
            "follow it up in the amendment.",
        )
    if meeting.status == "draft" and meeting.amends_id is not None:
        raise InvalidInput(
            f"待办事项 {item_id} 在未发布的修正稿中，请在原纪要（第 {meeting.amends_id} 号）中办理。",
            f"Action item {item_id} is in an unpublished amendment; follow it up in the original "
            f"minutes (meeting {meeting.amends_id}).",
        )
    return item


def close_action_item(
    session: Session,
    item_id: int,
    what_was_done: str,
    done_on: date | str | None = None,
    *,
    cancelled: bool = False,
    today: date | None = None,
) -> None:
    """Close an action item with what was done (or why it was dropped)."""
    item = _item(session, item_id)
    if item.status != "open":
        raise InvalidInput(
            f"待办事项“{item.text}”{ACTION_STATUS_NAMES[item.status][0]}，不能再次办结。",
            f"Action item '{item.text}' is already {ACTION_STATUS_NAMES[item.status][1]}.",
        )
    note = (what_was_done or "").strip()
    if not note:
        raise InvalidInput(
            "办结待办事项时请写明办理情况（做了什么）。" if not cancelled else "请写明取消的原因。",
            "Say what was done to close the action item."
            if not cancelled
            else "Say why the action item is cancelled.",
        )
    today = today or date.today()
    when = parse_date(done_on, "办结日期", "The completion date") if done_on else today
    if when > today:
        raise InvalidInput(
            f"办结日期 {when.isoformat()} 在今天之后。",
            f"The completion date {when.isoformat()} is in the future.",
        )
    if when < item.meeting.held_on:
        raise InvalidInput(
            f"办结日期 {when.isoformat()} 早于会议日期 {item.meeting.held_on.isoformat()}。",
            f"The completion date {when.isoformat()} is before the meeting "
            f"({item.meeting.held_on.isoformat()}).",
        )
    item.status = "cancelled" if cancelled else "done"
    item.done_on = when
    item.done_note = note
    item.closed_by = str(session.info.get("actor") or "") or None
    session.flush()


def reopen_action_item(session: Session, item_id: int) -> None:
    """Undo a closing made by mistake (the audit trail keeps what it said)."""
    item = _item(session, item_id)
    if item.status == "open":
        raise InvalidInput(
            f"待办事项“{item.text}”本来就未办结。", f"Action item '{item.text}' is open already."
        )
    item.status = "open"
    item.done_on = None
    item.done_note = None
    item.closed_by = None
    session.flush()


def _in_force() -> ColumnElement[bool]:
    """Meetings whose action items count: published ones, and drafts that amend nothing."""
    return and_(
        Meeting.deleted_at.is_(None),
        or_(
            Meeting.status == "published",
            and_(Meeting.status == "draft", Meeting.amends_id.is_(None)),
        ),
    )


def list_action_items(
    session: Session, query: ActionQuery | None = None, *, today: date | None = None
) -> list[ActionItemRow]:
    """Action items, overdue first, then by due date. By default only those of meetings in force
    (published, or drafts that amend nothing); for one meeting, all of its items."""
    query = query or ActionQuery()
    today = today or date.today()
    stmt = (
        select(ActionItem, Meeting.title, Meeting.held_on, Decision.position)
        .join(Meeting, ActionItem.meeting_id == Meeting.id)
        .outerjoin(Decision, ActionItem.decision_id == Decision.id)
        .where(ActionItem.deleted_at.is_(None), Meeting.deleted_at.is_(None))
    )
    if query.meeting_id is not None:
        stmt = stmt.where(ActionItem.meeting_id == query.meeting_id)
    elif query.in_force_only:
        stmt = stmt.where(_in_force())
    if query.owner.strip():
        stmt = stmt.where(ActionItem.owner.like(_like(query.owner.strip()), escape="\\"))
    if query.open_only or query.overdue_only:
        stmt = stmt.where(ActionItem.status == "open")
    if query.overdue_only:
        stmt = stmt.where(ActionItem.due < today)
    if query.meeting_id is not None:
        stmt = stmt.order_by(ActionItem.position, ActionItem.id)
    else:
        stmt = stmt.order_by(
            (ActionItem.status != "open"), ActionItem.due, Meeting.held_on, ActionItem.position
        )
    if query.limit:
        stmt = stmt.limit(query.limit)
    rows = []
    for item, title, held_on, decision_position in session.execute(stmt):
        rows.append(
            ActionItemRow(
                id=item.id,
                meeting_id=item.meeting_id,
                meeting_title=title,
                meeting_date=held_on,
                number=item.position,
                text=item.text,
                owner=item.owner,
                due=item.due,
                status=item.status,
                overdue=item.status == "open" and item.due < today,
                done_on=item.done_on,
                done_note=item.done_note,
                closed_by=item.closed_by,
                decision_number=decision_position,
                decision_id=item.decision_id,
            )
        )
    return rows


def overdue_action_items(session: Session, today: date | None = None) -> list[ActionItemRow]:
    """Open action items past their due date, oldest first."""
    return list_action_items(session, ActionQuery(overdue_only=True), today=today)


def todo_counts(session: Session, today: date | None = None, soon_days: int = 3) -> TodoCounts:
    """For the dashboard: open, overdue, due soon and done action items of meetings in force."""
    today = today or date.today()
    base = (
        select(func.count())
        .select_from(ActionItem)
        .join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(ActionItem.deleted_at.is_(None), _in_force())
    )
    is_open = ActionItem.status == "open"
    open_n = session.scalar(base.where(is_open)) or 0
    overdue = session.scalar(base.where(is_open, ActionItem.due < today)) or 0
    soon = (
        session.scalar(
            base.where(
                is_open,
                ActionItem.due >= today,
                ActionItem.due <= today + timedelta(days=soon_days),
            )
        )
        or 0
    )
    done = session.scalar(base.where(ActionItem.status == "done")) or 0
    return TodoCounts(open=open_n, overdue=overdue, due_soon=soon, done=done)
