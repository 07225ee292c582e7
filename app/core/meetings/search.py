"""Finding meetings (`search_meetings`, with how far each one's decisions and action items have got)
and reading one back whole, with its decisions, action items and attachments (`get_meeting`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, false, func, or_, select
from sqlalchemy.orm import Session

from app.core.meetings.action_items import (
    ActionItemRow,
    ActionQuery,
    list_action_items,
)
from app.core.meetings.attachments import AttachmentRow
from app.core.meetings.minutes import ActionItemInput, MeetingInput, _alive, _like, _meeting
from app.db.models import Grid
from app.db.models_meetings import (
    ActionItem,
    AgendaItem,
    Decision,
    Meeting,
)

# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    uuid: str
    title: str
    level: str
    grid_code: str | None
    grid_name: str | None
    kind: str | None
    held_on: date
    place: str | None
    status: str
    amends_id: int | None
    amended_by_id: int | None
    action_items: int
    open_action_items: int
    overdue_action_items: int
    done_action_items: int
    decisions: int
    decisions_carried_out: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "title": self.title,
            "level": self.level,
            "grid": self.grid_code,
            "grid_name": self.grid_name,
            "kind": self.kind,
            "date": self.held_on.isoformat(),
            "place": self.place,
            "status": self.status,
            "amends": self.amends_id,
            "amended_by": self.amended_by_id,
            "action_items": self.action_items,
            "open_action_items": self.open_action_items,
            "overdue_action_items": self.overdue_action_items,
            "done_action_items": self.done_action_items,
            "decisions": self.decisions,
            "decisions_carried_out": self.decisions_carried_out,
        }


@dataclass(frozen=True)
class DecisionRow:
    id: int
    number: int  # 1-based, as printed
    text: str
    action_items: int  # not cancelled
    carried_out: bool  # has action items, and all of them are done


@dataclass(frozen=True)
class MeetingDetail:
    """A meeting with all it holds, as the editor, the print and `meetings show` need it."""

    id: int
    uuid: str
    title: str
    level: str
    grid_code: str | None
    grid_name: str | None
    kind: str | None
    held_on: date
    start_time: time | None
    end_time: time | None
    place: str | None
    chair: str | None
    recorder: str | None
    attendees: list[str]
    absentees: list[str]
    agenda: list[str]
    discussion: str
    residents_views: str
    decisions: list[DecisionRow]
    action_items: list[ActionItemRow]
    attachments: list[AttachmentRow]
    status: str
    published_at: datetime | None
    published_by: str | None
    amends_id: int | None
    amends_title: str | None
    amend_reason: str | None
    amended_by_id: int | None
    created_at: datetime
    updated_at: datetime

    @property
    def locked(self) -> bool:
        return self.status != "draft"

    @property
    def decisions_carried_out(self) -> int:
        return sum(1 for d in self.decisions if d.carried_out)

    def to_input(self) -> MeetingInput:
        """The meeting as the editor starts from (ids kept, so an edit updates in place)."""
        return MeetingInput(
            title=self.title,
            held_on=self.held_on,
            level=self.level,
            grid=self.grid_code,
            kind=self.kind,
            start_time=self.start_time,
            end_time=self.end_time,
            place=self.place,
            chair=self.chair,
            recorder=self.recorder,
            attendees=list(self.attendees),
            absentees=list(self.absentees),
            agenda=list(self.agenda),
            discussion=self.discussion,
            residents_views=self.residents_views,
            decisions=[d.text for d in self.decisions],
            action_items=[
                ActionItemInput(
                    text=a.text, owner=a.owner, due=a.due, decision=a.decision_number, id=a.id
                )
                for a in self.action_items
            ],
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "title": self.title,
            "level": self.level,
            "grid": self.grid_code,
            "kind": self.kind,
            "date": self.held_on.isoformat(),
            "start_time": self.start_time.strftime("%H:%M") if self.start_time else None,
            "end_time": self.end_time.strftime("%H:%M") if self.end_time else None,
            "place": self.place,
            "chair": self.chair,
            "recorder": self.recorder,
            "attendees": self.attendees,
            "absentees": self.absentees,
            "agenda": self.agenda,
            "discussion": self.discussion,
            "residents_views": self.residents_views,
            "decisions": [d.text for d in self.decisions],
            "decisions_carried_out": self.decisions_carried_out,
            "action_items": [a.as_json() for a in self.action_items],
            "attachments": [
                {"id": a.id, "file_name": a.file_name, "size": a.size, "sha256": a.sha256}
                for a in self.attachments
            ],
            "status": self.status,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "amends": self.amends_id,
            "amend_reason": self.amend_reason,
            "amended_by": self.amended_by_id,
        }


@dataclass(frozen=True)
class MeetingQuery:
    """A search over all minutes. Empty fields do not filter."""

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    level: str | None = None
    grid: str | None = None  # grid code
    status: str | None = None
    include_superseded: bool = True


# --- search and reading --------------------------------------------------------------------------


@dataclass
class _Progress:
    total: int = 0
    open: int = 0
    overdue: int = 0
    done: int = 0
    by_decision: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))


def _progress(
    session: Session, meeting_ids: Sequence[int], today: date
) -> tuple[dict[int, _Progress], dict[int, list[int]]]:
    """Action item counts per meeting, and each meeting's live decision ids."""
    progress: dict[int, _Progress] = defaultdict(_Progress)
    decisions: dict[int, list[int]] = defaultdict(list)
    for chunk_start in range(0, len(meeting_ids), 500):
        chunk = list(meeting_ids[chunk_start : chunk_start + 500])
        for meeting_id, decision_id, status, due in session.execute(
            select(
                ActionItem.meeting_id, ActionItem.decision_id, ActionItem.status, ActionItem.due
            ).where(ActionItem.deleted_at.is_(None), ActionItem.meeting_id.in_(chunk))
        ):
            p = progress[meeting_id]
            if status == "cancelled":
                continue
            p.total += 1
            if status == "open":
                p.open += 1
                if due < today:
                    p.overdue += 1
            elif status == "done":
                p.done += 1
            if decision_id is not None:
                p.by_decision[decision_id].append(status)
        for meeting_id, decision_id in session.execute(
            select(Decision.meeting_id, Decision.id).where(
                Decision.deleted_at.is_(None), Decision.meeting_id.in_(chunk)
            )
        ):
            decisions[meeting_id].append(decision_id)
    return progress, decisions


def _carried_out(statuses: list[str]) -> bool:
    return bool(statuses) and all(s == "done" for s in statuses)


def _matching(query: MeetingQuery) -> Select[tuple[Meeting, str, str]]:
    """The meetings a query asks for, with their grid, as one statement: the filters are kept
    apart from the counting so the search reads as find, then count."""
    stmt = (
        select(Meeting, Grid.code, Grid.name)
        .outerjoin(Grid, Meeting.grid_id == Grid.id)
        .where(Meeting.deleted_at.is_(None))
    )
    if query.date_from:
        stmt = stmt.where(Meeting.held_on >= query.date_from)
    if query.date_to:
        stmt = stmt.where(Meeting.held_on <= query.date_to)
    if query.level:
        stmt = stmt.where(Meeting.level == query.level)
    if query.grid:
        stmt = stmt.where(Grid.code == query.grid)
    if query.status:
        stmt = stmt.where(Meeting.status == query.status)
    elif not query.include_superseded:
        stmt = stmt.where(Meeting.status != "superseded")
    for word in query.text.split():
        stmt = stmt.where(_word_hit(word))
    return stmt


def _word_hit(word: str) -> ColumnElement[bool]:
    """Where one search word may appear: the meeting's own text fields, its agenda and decisions,
    and its action items' text and owner; a word found in any of them is a hit."""
    pattern = _like(word)
    fields = [
        Meeting.title,
        Meeting.kind,
        Meeting.place,
        Meeting.chair,
        Meeting.recorder,
        Meeting.attendees,
        Meeting.absentees,
        Meeting.discussion,
        Meeting.residents_views,
    ]
    child_hits = [
        exists().where(
            model.meeting_id == Meeting.id,
            model.deleted_at.is_(None),
            model.text.like(pattern, escape="\\"),
        )
        for model in (AgendaItem, Decision)
    ]
    item_hit = exists().where(
        ActionItem.meeting_id == Meeting.id,
        ActionItem.deleted_at.is_(None),
        or_(
            ActionItem.text.like(pattern, escape="\\"),
            ActionItem.owner.like(pattern, escape="\\"),
        ),
    )
    return or_(
        false(),
        *[f.like(pattern, escape="\\") for f in fields],
        *child_hits,
        item_hit,
    )


def search_meetings(
    session: Session, query: MeetingQuery | None = None, *, today: date | None = None
) -> list[MeetingSummary]:
    """All minutes matching the query, newest first, with their follow-up counts."""
    query = query or MeetingQuery()
    today = today or date.today()
    stmt = _matching(query)
    stmt = stmt.order_by(Meeting.held_on.desc(), Meeting.id.desc())
    found = session.execute(stmt).all()
    ids = [m.id for m, _c, _n in found]
    progress, decisions = _progress(session, ids, today)
    amended_by = {
        int(original): int(newest)
        for original, newest in session.execute(
            select(Meeting.amends_id, func.max(Meeting.id))
            .where(Meeting.amends_id.is_not(None), Meeting.deleted_at.is_(None))
            .group_by(Meeting.amends_id)
        )
    }
    result = []
    for meeting, grid_code, grid_name in found:
        p = progress.get(meeting.id, _Progress())
        live_decisions = decisions.get(meeting.id, [])
        result.append(
            MeetingSummary(
                id=meeting.id,
                uuid=meeting.uuid,
                title=meeting.title,
                level=meeting.level,
                grid_code=grid_code,
                grid_name=grid_name,
                kind=meeting.kind,
                held_on=meeting.held_on,
                place=meeting.place,
                status=meeting.status,
                amends_id=meeting.amends_id,
                amended_by_id=amended_by.get(meeting.id),
                action_items=p.total,
                open_action_items=p.open,
                overdue_action_items=p.overdue,
                done_action_items=p.done,
                decisions=len(live_decisions),
                decisions_carried_out=sum(
                    1 for d in live_decisions if _carried_out(p.by_decision.get(d, []))
                ),
            )
        )
    return result


def get_meeting(session: Session, meeting_id: int, *, today: date | None = None) -> MeetingDetail:
    """A meeting with everything it holds."""
    today = today or date.today()
    meeting = _meeting(session, meeting_id)
    grid = meeting.grid
    items = list_action_items(session, ActionQuery(meeting_id=meeting.id), today=today)
    statuses: dict[int, list[str]] = defaultdict(list)
    for a in items:
        if a.decision_id is not None and a.status != "cancelled":
            statuses[a.decision_id].append(a.status)
    decisions = [
        DecisionRow(
            id=d.id,
            number=d.position,
            text=d.text,
            action_items=len(statuses.get(d.id, [])),
            carried_out=_carried_out(statuses.get(d.id, [])),
        )
        for d in _alive(meeting.decisions)
    ]
    amended_by = session.scalar(
        select(func.max(Meeting.id)).where(
            Meeting.amends_id == meeting.id, Meeting.deleted_at.is_(None)
        )
    )
    return MeetingDetail(
        id=meeting.id,
        uuid=meeting.uuid,
        title=meeting.title,
        level=meeting.level,
        grid_code=grid.code if grid else None,
        grid_name=grid.name if grid else None,
        kind=meeting.kind,
        held_on=meeting.held_on,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        place=meeting.place,
        chair=meeting.chair,
        recorder=meeting.recorder,
        attendees=[s for s in meeting.attendees.splitlines() if s.strip()],
        absentees=[s for s in meeting.absentees.splitlines() if s.strip()],
        agenda=[a.text for a in _alive(meeting.agenda_items)],
        discussion=meeting.discussion,
        residents_views=meeting.residents_views,
        decisions=decisions,
        action_items=items,
        attachments=[
            AttachmentRow(
                id=a.id,
                file_name=a.file_name,
                stored_name=a.stored_name,
                size=a.size,
                sha256=a.sha256,
                note=a.note,
            )
            for a in _alive(meeting.attachments)
        ],
        status=meeting.status,
        published_at=meeting.published_at,
        published_by=meeting.published_by,
        amends_id=meeting.amends_id,
        amends_title=meeting.amends.title if meeting.amends else None,
        amend_reason=meeting.amend_reason,
        amended_by_id=amended_by,
        created_at=meeting.created_at,
        updated_at=meeting.updated_at,
    )
