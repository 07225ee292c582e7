"""Meetings: minutes of community and grid deliberation, their decisions, and the action items that
carry a decision through to done (社区、网格两级议事).

Lifecycle: a meeting is a *draft* while it is written (freely edited, or tombstoned); *published*
locks the minutes; a correction is an *amendment* — a new draft linked to the published minutes,
which keep their text; publishing the amendment marks the original *superseded*. Action items keep
their follow-up (closed with what was done, or reopened) after publication: that is the point of
them. Every change is stamped and audited by the session events of `app.db.events`.

Every operation takes a Session and plain values and returns plain values; a refusal raises
`InvalidInput` (Chinese and English) before anything is written.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.db.base import utcnow
from app.db.models import Grid, Household, Resident
from app.db.models_meetings import (
    LEVELS,
    ActionItem,
    AgendaItem,
    Attachment,
    Decision,
    Meeting,
)
from app.db.models_meetings import MEETING_KINDS as MEETING_KINDS  # offered by the editor
from app.errors import InvalidInput

LEVEL_NAMES = {"community": ("社区级", "community"), "grid": ("网格级", "grid")}
STATUS_NAMES = {
    "draft": ("草稿", "draft"),
    "published": ("已发布", "published"),
    "superseded": ("已修正", "superseded"),
}
ACTION_STATUS_NAMES = {
    "open": ("未办结", "open"),
    "done": ("已完成", "done"),
    "cancelled": ("已取消", "cancelled"),
}

MAX_TITLE = 200
MAX_NAME = 60
MAX_PLACE = 200
MAX_KIND = 40
JSON_KEYS = {
    "title",
    "level",
    "grid",
    "kind",
    "type",
    "date",
    "time",
    "start_time",
    "end_time",
    "place",
    "chair",
    "recorder",
    "attendees",
    "absentees",
    "agenda",
    "discussion",
    "residents_views",
    "views",
    "decisions",
    "action_items",
}
ACTION_KEYS = {"id", "text", "owner", "due", "decision"}


# --- input ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItemInput:
    """An action item as the user gives it. `decision` is the 1-based number of the decision it
    carries out (or None); `id` names an item already recorded (when editing a draft)."""

    text: str
    owner: str
    due: date | str | None
    decision: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class MeetingInput:
    """Everything a user writes into a meeting's minutes."""

    title: str
    held_on: date | str | None
    level: str = "community"
    grid: str | None = None  # the grid's code (or its name)
    kind: str | None = None
    start_time: time | str | None = None
    end_time: time | str | None = None
    place: str | None = None
    chair: str | None = None
    recorder: str | None = None
    attendees: Sequence[str] = ()
    absentees: Sequence[str] = ()
    agenda: Sequence[str] = ()
    discussion: str = ""
    residents_views: str = ""
    decisions: Sequence[str] = ()
    action_items: Sequence[ActionItemInput] = ()


@dataclass(frozen=True)
class _Clean:
    """A MeetingInput after validation: parsed values, the grid resolved."""

    title: str
    held_on: date
    level: str
    grid_id: int | None
    kind: str | None
    start_time: time | None
    end_time: time | None
    place: str | None
    chair: str | None
    recorder: str | None
    attendees: str
    absentees: str
    agenda: list[str]
    discussion: str
    residents_views: str
    decisions: list[str]
    action_items: list[ActionItemInput]
    dues: list[date]


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodoCounts:
    """How the action items of the meetings in force stand."""

    open: int
    overdue: int
    due_soon: int  # open, due today or within the next `soon_days`
    done: int


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
class AttachmentRow:
    id: int
    file_name: str
    stored_name: str
    size: int
    sha256: str
    note: str | None


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


@dataclass(frozen=True)
class ActionQuery:
    meeting_id: int | None = None
    owner: str = ""
    open_only: bool = False
    overdue_only: bool = False
    in_force_only: bool = True
    limit: int | None = None


# --- parsing -------------------------------------------------------------------------------------

_DATE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*$")


def parse_date(value: date | str | None, what_zh: str, what_en: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or not str(value).strip():
        raise InvalidInput(f"{what_zh}不能为空。", f"{what_en} is required.")
    m = _DATE.match(str(value))
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise InvalidInput(
        f"{what_zh}不是有效日期（应为 2026-11-28 这样的格式）：{value}",
        f"{what_en} is not a valid date (expected like 2026-11-28): {value}",
    )


def parse_time(value: time | str | None, what_zh: str, what_en: str) -> time | None:
    if isinstance(value, time):
        return value
    if value is None or not str(value).strip():
        return None
    m = _TIME.match(str(value))
    if m:
        try:
            return time(int(m.group(1)), int(m.group(2)))
        except ValueError:
            pass
    raise InvalidInput(
        f"{what_zh}不是有效时间（应为 09:30 这样的格式）：{value}",
        f"{what_en} is not a valid time (expected like 09:30): {value}",
    )


def _str_list(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise InvalidInput(
        f'“{key}”应为文字列表，例如 ["第一项", "第二项"]。',
        f'"{key}" must be a list of strings, e.g. ["first", "second"].',
    )


def _opt_str(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    raise InvalidInput(f"“{key}”应为文字。", f'"{key}" must be text.')


def _action_from_json(raw: Any, number: int) -> ActionItemInput:
    if not isinstance(raw, dict):
        raise InvalidInput(
            f'待办事项第{number}项应为 {{"text", "owner", "due"}} 形式的对象。',
            f'Action item {number} must be an object with "text", "owner" and "due".',
        )
    unknown = sorted(set(raw) - ACTION_KEYS)
    if unknown:
        raise InvalidInput(
            f"待办事项第{number}项有无法识别的字段：{', '.join(unknown)}",
            f"Action item {number} has unknown keys: {', '.join(unknown)}",
        )
    decision = raw.get("decision")
    item_id = raw.get("id")
    for key, value in (("decision", decision), ("id", item_id)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise InvalidInput(
                f"待办事项第{number}项的“{key}”应为整数。",
                f'Action item {number}: "{key}" must be a whole number.',
            )
    return ActionItemInput(
        text=_opt_str(raw.get("text"), "text") or "",
        owner=_opt_str(raw.get("owner"), "owner") or "",
        due=_opt_str(raw.get("due"), "due"),
        decision=decision,
        id=item_id,
    )


def input_from_json(data: Any, base: MeetingInput | None = None) -> MeetingInput:
    """A MeetingInput from the JSON of `meetings add` / `meetings edit`.

    With `base` (editing), keys missing from `data` keep the base's values; action items given
    without ids take the ids of the base's items at the same place, so an edit updates them.
    """
    if not isinstance(data, dict):
        raise InvalidInput(
            '会议文件应为一个 JSON 对象（{"title": …, "date": …}）。',
            'The meeting file must hold one JSON object ({"title": ..., "date": ...}).',
        )
    unknown = sorted(set(data) - JSON_KEYS)
    if unknown:
        raise InvalidInput(
            f"会议文件中有无法识别的字段：{', '.join(unknown)}",
            f"The meeting file has unknown keys: {', '.join(unknown)}",
        )
    start = data.get("start_time", data.get("time"))
    values: dict[str, Any] = {}
    if "title" in data:
        values["title"] = _opt_str(data["title"], "title") or ""
    if "date" in data:
        values["held_on"] = _opt_str(data["date"], "date")
    if "level" in data:
        values["level"] = _opt_str(data["level"], "level") or ""
    if "grid" in data:
        values["grid"] = _opt_str(data["grid"], "grid") or None
    if "kind" in data or "type" in data:
        values["kind"] = _opt_str(data.get("kind", data.get("type")), "kind")
    if "start_time" in data or "time" in data:
        values["start_time"] = _opt_str(start, "start_time")
    if "end_time" in data:
        values["end_time"] = _opt_str(data["end_time"], "end_time")
    for key in ("place", "chair", "recorder"):
        if key in data:
            values[key] = _opt_str(data[key], key)
    for key in ("attendees", "absentees", "agenda", "decisions"):
        if key in data:
            values[key] = _str_list(data[key], key)
    if "discussion" in data:
        values["discussion"] = _opt_str(data["discussion"], "discussion") or ""
    if "residents_views" in data or "views" in data:
        values["residents_views"] = (
            _opt_str(data.get("residents_views", data.get("views")), "residents_views") or ""
        )
    if "action_items" in data:
        raw_items = data["action_items"]
        if raw_items is None:
            raw_items = []
        if not isinstance(raw_items, list):
            raise InvalidInput(
                "“action_items”应为列表。", '"action_items" must be a list of objects.'
            )
        items = [_action_from_json(raw, i) for i, raw in enumerate(raw_items, 1)]
        if base is not None and not any(item.id for item in items):
            known = [a.id for a in base.action_items]
            items = [
                replace(item, id=known[i]) if i < len(known) else item
                for i, item in enumerate(items)
            ]
        values["action_items"] = items
    if base is None:
        if "title" not in values:
            values["title"] = ""
        if "held_on" not in values:
            values["held_on"] = None
        return MeetingInput(**values)
    return replace(base, **values)


# --- validation ----------------------------------------------------------------------------------


def _text(value: str | None, limit: int, what_zh: str, what_en: str) -> str | None:
    clean = (value or "").strip()
    if len(clean) > limit:
        raise InvalidInput(
            f"{what_zh}过长（不超过 {limit} 字）。",
            f"{what_en} is too long (at most {limit} characters).",
        )
    return clean or None


def _lines(values: Iterable[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


def resolve_grid(session: Session, ref: str) -> Grid:
    """A grid named by its code (or, failing that, its exact name)."""
    ref = ref.strip()
    alive = Grid.deleted_at.is_(None)
    grid = session.scalars(select(Grid).where(alive, Grid.code == ref)).first()
    if grid is None:
        grid = session.scalars(select(Grid).where(alive, Grid.name == ref)).first()
    if grid is None:
        raise InvalidInput(
            f"没有这个网格：{ref}（请用网格编号，如 G01）",
            f"No such grid: {ref} (name it by its code, e.g. G01)",
        )
    return grid


def validate(session: Session, data: MeetingInput) -> _Clean:
    """Check a meeting as the user wrote it; raise InvalidInput naming the first problem."""
    title = _text(data.title, MAX_TITLE, "会议名称", "The title")
    if not title:
        raise InvalidInput("会议名称不能为空。", "The meeting needs a title.")
    held_on = parse_date(data.held_on, "会议日期", "The meeting date")
    if not 1949 <= held_on.year <= 2100:
        raise InvalidInput(
            f"会议日期不合理：{held_on.isoformat()}",
            f"The meeting date is not plausible: {held_on.isoformat()}",
        )
    level = (data.level or "").strip()
    if level not in LEVELS:
        raise InvalidInput(
            f"会议级别应为 community（社区）或 grid（网格），而不是 {level or '空'}",
            f"The level must be community or grid, not {level or 'empty'}",
        )
    grid_id: int | None = None
    if data.grid and data.grid.strip():
        if level == "community":
            raise InvalidInput(
                "社区级会议不属于某个网格：请把级别改为网格级（grid），或去掉网格。",
                "A community-level meeting belongs to no grid: set the level to grid, "
                "or leave the grid out.",
            )
        grid_id = resolve_grid(session, data.grid).id
    start = parse_time(data.start_time, "开始时间", "The start time")
    end = parse_time(data.end_time, "结束时间", "The end time")
    if start and end and end < start:
        raise InvalidInput("结束时间早于开始时间。", "The end time is earlier than the start time.")
    decisions = _lines(data.decisions)
    items: list[ActionItemInput] = []
    dues: list[date] = []
    seen_ids: set[int] = set()
    for n, item in enumerate(data.action_items, 1):
        text = _text(item.text, 2000, f"待办事项第{n}项的内容", f"Action item {n}'s text")
        owner = _text(item.owner, MAX_NAME, f"待办事项第{n}项的责任人", f"Action item {n}'s owner")
        if not text:
            raise InvalidInput(f"待办事项第{n}项没有内容。", f"Action item {n} has no text.")
        if not owner:
            raise InvalidInput(
                f"待办事项第{n}项“{text}”没有责任人：每项待办都要有人负责。",
                f"Action item {n} ('{text}') has no owner: every action item needs one.",
            )
        if item.due is None or (isinstance(item.due, str) and not item.due.strip()):
            raise InvalidInput(
                f"待办事项第{n}项“{text}”没有完成时限。",
                f"Action item {n} ('{text}') has no due date.",
            )
        due = parse_date(item.due, f"待办事项第{n}项的完成时限", f"Action item {n}'s due date")
        if due < held_on:
            raise InvalidInput(
                f"待办事项第{n}项“{text}”的完成时限 {due.isoformat()} 早于会议日期 "
                f"{held_on.isoformat()}。",
                f"Action item {n} ('{text}') is due {due.isoformat()}, before the meeting "
                f"({held_on.isoformat()}).",
            )
        if item.decision is not None and not 1 <= item.decision <= len(decisions):
            raise InvalidInput(
                f"待办事项第{n}项对应的决定事项第{item.decision}项不存在"
                f"（共 {len(decisions)} 项决定）。",
                f"Action item {n} refers to decision {item.decision}, but there are "
                f"{len(decisions)} decisions.",
            )
        if item.id is not None:
            if item.id in seen_ids:
                raise InvalidInput(f"待办事项第{n}项重复。", f"Action item {n} appears twice.")
            seen_ids.add(item.id)
        items.append(replace(item, text=text, owner=owner))
        dues.append(due)
    return _Clean(
        title=title,
        held_on=held_on,
        level=level,
        grid_id=grid_id,
        kind=_text(data.kind, MAX_KIND, "会议类型", "The meeting type"),
        start_time=start,
        end_time=end,
        place=_text(data.place, MAX_PLACE, "会议地点", "The place"),
        chair=_text(data.chair, MAX_NAME, "主持人", "The chair"),
        recorder=_text(data.recorder, MAX_NAME, "记录人", "The recorder"),
        attendees="\n".join(_lines(data.attendees)),
        absentees="\n".join(_lines(data.absentees)),
        agenda=_lines(data.agenda),
        discussion=(data.discussion or "").strip(),
        residents_views=(data.residents_views or "").strip(),
        decisions=decisions,
        action_items=items,
        dues=dues,
    )


# --- loading -------------------------------------------------------------------------------------


def _alive(rows: Iterable[Any]) -> list[Any]:
    return [r for r in rows if r.deleted_at is None]


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise InvalidInput(f"没有编号为 {meeting_id} 的会议。", f"No meeting with id {meeting_id}.")
    return meeting


def parse_meeting_ref(ref: str | int) -> int:
    """A meeting as named on the command line: its number (12, or #12)."""
    text = str(ref).strip().lstrip("#")
    if not text.isdigit():
        raise InvalidInput(
            f"会议编号应为数字（meetings list 中的 id）：{ref}",
            f"A meeting is named by its number (the id in meetings list): {ref}",
        )
    return int(text)


def _refuse_locked(meeting: Meeting) -> None:
    if meeting.status == "published":
        raise InvalidInput(
            f"第 {meeting.id} 号会议纪要“{meeting.title}”已发布，不能再修改；如需更正，请做修正稿。",
            f"Meeting {meeting.id} ('{meeting.title}') is published and locked; "
            "make an amendment to correct it.",
        )
    if meeting.status == "superseded":
        raise InvalidInput(
            f"第 {meeting.id} 号会议纪要“{meeting.title}”已被修正稿取代，不能再修改。",
            f"Meeting {meeting.id} ('{meeting.title}') has been superseded by an amendment; "
            "it cannot be changed.",
        )


# --- writing -------------------------------------------------------------------------------------


def _apply(session: Session, meeting: Meeting, clean: _Clean) -> None:
    existing = {a.id: a for a in _alive(meeting.action_items)}
    for ref in sorted({i.id for i in clean.action_items if i.id is not None} - set(existing)):
        raise InvalidInput(
            f"第 {meeting.id} 号会议没有编号为 {ref} 的待办事项。",
            f"Meeting {meeting.id} has no action item {ref}.",
        )
    meeting.title = clean.title
    meeting.held_on = clean.held_on
    meeting.level = clean.level
    meeting.grid_id = clean.grid_id
    meeting.kind = clean.kind
    meeting.start_time = clean.start_time
    meeting.end_time = clean.end_time
    meeting.place = clean.place
    meeting.chair = clean.chair
    meeting.recorder = clean.recorder
    meeting.attendees = clean.attendees
    meeting.absentees = clean.absentees
    meeting.discussion = clean.discussion
    meeting.residents_views = clean.residents_views
    now = utcnow()

    agenda = _alive(meeting.agenda_items)
    for i, text in enumerate(clean.agenda):
        if i < len(agenda):
            agenda[i].position = i + 1
            agenda[i].text = text
        else:
            meeting.agenda_items.append(AgendaItem(position=i + 1, text=text))
    for gone in agenda[len(clean.agenda) :]:
        gone.deleted_at = now
        gone.delete_reason = "removed from the draft"

    decisions = _alive(meeting.decisions)
    kept: list[Decision] = []
    for i, text in enumerate(clean.decisions):
        if i < len(decisions):
            decisions[i].position = i + 1
            decisions[i].text = text
            kept.append(decisions[i])
        else:
            decision = Decision(position=i + 1, text=text)
            meeting.decisions.append(decision)
            kept.append(decision)
    for gone in decisions[len(clean.decisions) :]:
        gone.deleted_at = now
        gone.delete_reason = "removed from the draft"

    if kept:
        session.flush()  # new decisions need their ids before items point at them
    used: set[int] = set()
    for i, (item, due) in enumerate(zip(clean.action_items, clean.dues, strict=True)):
        decision_id = kept[item.decision - 1].id if item.decision else None
        row = existing.get(item.id) if item.id is not None else None
        if row is None:
            meeting.action_items.append(
                ActionItem(
                    position=i + 1,
                    text=item.text,
                    owner=item.owner,
                    due=due,
                    status="open",
                    decision_id=decision_id,
                )
            )
            continue
        used.add(row.id)
        row.position = i + 1
        row.text = item.text
        row.owner = item.owner
        row.due = due
        row.decision_id = decision_id
    for row_id, row in existing.items():
        if row_id not in used:
            row.deleted_at = now
            row.delete_reason = "removed from the draft"


def create_meeting(session: Session, data: MeetingInput) -> int:
    """Record a meeting as a draft; returns its id."""
    clean = validate(session, data)
    meeting = Meeting(status="draft", title=clean.title, held_on=clean.held_on)
    session.add(meeting)
    _apply(session, meeting, clean)
    session.flush()
    return meeting.id


def edit_meeting(session: Session, meeting_id: int, data: MeetingInput) -> int:
    """Change a draft; published minutes are refused (make an amendment instead)."""
    meeting = _meeting(session, meeting_id)
    _refuse_locked(meeting)
    clean = validate(session, data)
    _apply(session, meeting, clean)
    session.flush()
    return meeting.id


def delete_meeting(session: Session, meeting_id: int, reason: str = "") -> None:
    """Tombstone a draft and what it holds; published minutes are never deleted."""
    meeting = _meeting(session, meeting_id)
    if meeting.status != "draft":
        raise InvalidInput(
            f"第 {meeting.id} 号会议纪要已发布，不能删除（已发布的纪要要存档）。",
            f"Meeting {meeting.id} is published and cannot be deleted (published minutes are "
            "kept on file).",
        )
    now = utcnow()
    why = reason.strip() or "draft deleted"
    for child in (
        *_alive(meeting.agenda_items),
        *_alive(meeting.decisions),
        *_alive(meeting.action_items),
        *_alive(meeting.attachments),
    ):
        child.deleted_at = now
        child.delete_reason = why
    meeting.deleted_at = now
    meeting.delete_reason = why
    session.flush()


def publish_meeting(session: Session, meeting_id: int) -> int:
    """Publish and lock the minutes. Publishing an amendment supersedes the minutes it amends;
    action items closed there meanwhile are closed in the amendment too."""
    meeting = _meeting(session, meeting_id)
    if meeting.status != "draft":
        raise InvalidInput(
            f"第 {meeting.id} 号会议纪要已发布过了。",
            f"Meeting {meeting.id} has already been published.",
        )
    if not meeting.chair and not meeting.recorder and not meeting.attendees.strip():
        raise InvalidInput(
            f"第 {meeting.id} 号会议还没有填写主持人、记录人或出席人员，不能发布。",
            f"Meeting {meeting.id} names no chair, recorder or attendees; it cannot be published "
            "like that.",
        )
    original = meeting.amends
    if original is not None:
        if original.status != "published" or original.deleted_at is not None:
            raise InvalidInput(
                f"被修正的第 {original.id} 号纪要已不是现行版本，这份修正稿不能发布。",
                f"Meeting {original.id}, which this amends, is no longer the current version; "
                "this amendment cannot be published.",
            )
        sources = {a.id: a for a in _alive(original.action_items)}
        for item in _alive(meeting.action_items):
            source = sources.get(item.carried_from_id) if item.carried_from_id else None
            if source is not None and source.status != "open" and item.status == "open":
                item.status = source.status
                item.done_on = source.done_on
                item.done_note = source.done_note
                item.closed_by = source.closed_by
        original.status = "superseded"
    meeting.status = "published"
    meeting.published_at = utcnow()
    meeting.published_by = str(session.info.get("actor") or "") or None
    session.flush()
    return meeting.id


def amend_meeting(session: Session, meeting_id: int, reason: str) -> int:
    """Start a correction of published minutes: a new draft that copies them and links to them.
    The original stays as it was (and in force) until the amendment is published."""
    original = _meeting(session, meeting_id)
    if original.status != "published":
        raise InvalidInput(
            f"只有已发布的纪要才需要修正；第 {original.id} 号是{STATUS_NAMES[original.status][0]}。",
            f"Only published minutes are amended; meeting {original.id} is "
            f"{STATUS_NAMES[original.status][1]}.",
        )
    why = (reason or "").strip()
    if not why:
        raise InvalidInput(
            "请写明修正原因（会记录在修正稿上）。",
            "Give the reason for the amendment (it is printed on it).",
        )
    pending = session.scalar(
        select(Meeting.id).where(
            Meeting.amends_id == original.id,
            Meeting.status == "draft",
            Meeting.deleted_at.is_(None),
        )
    )
    if pending is not None:
        raise InvalidInput(
            f"第 {original.id} 号纪要已有一份未发布的修正稿（第 {pending} 号），请先完成或删除它。",
            f"Meeting {original.id} already has an unpublished amendment (meeting {pending}); "
            "finish or delete that first.",
        )
    copy = Meeting(
        status="draft",
        amends_id=original.id,
        amend_reason=why,
        title=original.title,
        level=original.level,
        grid_id=original.grid_id,
        kind=original.kind,
        held_on=original.held_on,
        start_time=original.start_time,
        end_time=original.end_time,
        place=original.place,
        chair=original.chair,
        recorder=original.recorder,
        attendees=original.attendees,
        absentees=original.absentees,
        discussion=original.discussion,
        residents_views=original.residents_views,
    )
    session.add(copy)
    for agenda in _alive(original.agenda_items):
        copy.agenda_items.append(AgendaItem(position=agenda.position, text=agenda.text))
    new_decisions: dict[int, Decision] = {}
    for decision in _alive(original.decisions):
        new_decisions[decision.id] = Decision(position=decision.position, text=decision.text)
        copy.decisions.append(new_decisions[decision.id])
    session.flush()
    for item in _alive(original.action_items):
        target = new_decisions.get(item.decision_id) if item.decision_id else None
        copy.action_items.append(
            ActionItem(
                position=item.position,
                text=item.text,
                owner=item.owner,
                due=item.due,
                status=item.status,
                done_on=item.done_on,
                done_note=item.done_note,
                closed_by=item.closed_by,
                decision_id=target.id if target else None,
                carried_from_id=item.id,
            )
        )
    session.flush()
    return copy.id


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


# --- search and summaries ------------------------------------------------------------------------


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


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


def search_meetings(
    session: Session, query: MeetingQuery | None = None, *, today: date | None = None
) -> list[MeetingSummary]:
    """All minutes matching the query, newest first, with their follow-up counts."""
    query = query or MeetingQuery()
    today = today or date.today()
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
        stmt = stmt.where(
            or_(
                false(),
                *[f.like(pattern, escape="\\") for f in fields],
                *child_hits,
                item_hit,
            )
        )
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


def grid_choices(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the grids a meeting can belong to."""
    return [
        (code, name)
        for code, name in session.execute(
            select(Grid.code, Grid.name).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
        )
    ]


def attendee_candidates(session: Session, text: str, limit: int = 50) -> list[str]:
    """Residents whose name contains `text`, as an attendee line: 张三（3-2-502）. No ID numbers."""
    text = text.strip()
    if not text:
        return []
    rows = session.execute(
        select(Resident.name, Household.address_code)
        .join(Household, Resident.household_id == Household.id)
        .where(
            Resident.deleted_at.is_(None),
            Resident.status == "active",
            Resident.name.like(_like(text), escape="\\"),
        )
        .order_by(Resident.name, Household.address_code)
        .limit(limit)
    )
    return [f"{name}（{address}）" for name, address in rows]


# --- attachments ---------------------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
_UNSAFE = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


def add_attachment(
    session: Session,
    meeting_id: int,
    source: Path,
    attachments_dir: Path,
    note: str | None = None,
) -> int:
    """Keep a copy of `source` with the minutes (in the data folder's attachments/ folder).

    Attachments may be added to published minutes too (the signed scan comes after the meeting);
    they never change the minutes' text, and once published they cannot be removed.
    """
    meeting = _meeting(session, meeting_id)
    if meeting.status == "superseded":
        _refuse_locked(meeting)
    source = Path(source)
    if not source.is_file():
        raise InvalidInput(f"找不到文件：{source}", f"File not found: {source}")
    size = source.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(
            f"附件过大（{size // (1024 * 1024)} MB，上限 200 MB）：{source.name}",
            f"The attachment is too large ({size // (1024 * 1024)} MB, limit 200 MB): "
            f"{source.name}",
        )
    digest = hashlib.sha256()
    with open(source, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    safe = _UNSAFE.sub("_", source.name)[-120:] or "file"
    stored = f"{meeting.uuid}/{sha[:16]}-{safe}"
    target = Path(attachments_dir) / stored
    if not target.is_file():

        def copy(fh: BinaryIO) -> None:
            with open(source, "rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)

        write_atomically(target, copy)
    attachment = Attachment(
        file_name=source.name[:255],
        stored_name=stored,
        size=size,
        sha256=sha,
        note=(note or "").strip() or None,
    )
    meeting.attachments.append(attachment)
    session.flush()
    return attachment.id


def remove_attachment(session: Session, attachment_id: int) -> None:
    """Tombstone an attachment of a draft (the file stays until the draft is gone)."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.deleted_at is not None:
        raise InvalidInput(
            f"没有编号为 {attachment_id} 的附件。", f"No attachment with id {attachment_id}."
        )
    _refuse_locked(attachment.meeting)
    attachment.deleted_at = utcnow()
    attachment.delete_reason = "removed from the draft"
    session.flush()


def office_name(session: Session) -> str:
    from app.db.models import Office

    return session.scalar(select(Office.name)) or ""
