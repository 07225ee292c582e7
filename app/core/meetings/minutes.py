"""Meetings: minutes of community and grid deliberation, their decisions, and the action items that
carry a decision through to done (社区、网格两级议事).

Lifecycle: a meeting is a *draft* while it is written (freely edited, or tombstoned); *published*
locks the minutes; a correction is an *amendment* — a new draft linked to the published minutes,
which keep their text; publishing the amendment marks the original *superseded*. Action items keep
their follow-up (closed with what was done, or reopened) after publication: that is the point of
them. Every change is stamped and audited by the session events of `app.db.events`.

This module holds the minutes as written: their input, its parsing and validation, and the
lifecycle above. The follow-up of action items is in `action_items`, finding meetings and reading
one back in `search`, attached files in `attachments`.

Every operation takes a Session and plain values and returns plain values; a refusal raises
`InvalidInput` (Chinese and English) before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.db.models import Grid, Household, Resident
from app.db.models_meetings import (
    LEVELS,
    ActionItem,
    AgendaItem,
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


# --- for the editor and the searches ----------------------------------------------------------


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


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


def office_name(session: Session) -> str:
    from app.db.models import Office

    return session.scalar(select(Office.name)) or ""
