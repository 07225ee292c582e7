"""Requests and complaints through their lifecycle: 已登记 → 已派单 → 处理中 → 已办结 → 已回访, or
reopened.

    row = log_request(session, Category.MEDICAL, "需要胰岛素", household_id=h, priority=Priority.URGENT)
    assign(session, row.id, grid_code="G01")
    finish(session, row.id, "已送药上门")
    callback(session, row.id, satisfied=True)

Every operation takes the caller's Session and plain values and returns the request as a list shows
it (`RequestRow`). A refusal changes nothing: `InvalidInput` (exit 1) for a step out of order or a
missing value — closing without an outcome, a callback before the request is done, a deadline in
the past — and `AlreadyDone` (exit 3) for a request done or called back a second time. Each change
is audited by the session events (the request's `history` reads it back).

Who sees what. Writes need `Permission.WRITE`, lists `Permission.PERSONAL`. A grid worker sees and
works only the requests of their grids (app.core.trust.scope), and no complaint about staff. A
complaint about a member of staff (`about_user`) is hidden from that user everywhere, even by its
number, and only an administrator (the community's secretary or director) closes it.

Times are the office's local wall-clock times (naive), like shift times; `now` may be given for
tests and for a request typed in after the call.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.core.common.masking import mask_phone
from app.core.requests.deadlines import due_for
from app.core.requests.vocabulary import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    CLOSED_STATUSES,
    OPEN_STATUSES,
    PRIORITY_LABELS,
    STATUS_LABELS,
    Category,
    Channel,
    Priority,
    Status,
    category_of,
    channel_of,
    priority_of,
    status_of,
)
from app.core.trust import scope
from app.core.trust.roles import Permission, Role, principal_of, require
from app.db.models import AuditEntry, Grid, Household
from app.db.models_grids import DutyPerson
from app.db.models_requests import ServiceRequest
from app.errors import AlreadyDone, GridDeskError, InvalidInput

MAX_TEXT = 2000


class AdministratorOnly(GridDeskError):
    """A complaint about staff is closed by an administrator (the secretary or the director)."""

    def __init__(self) -> None:
        super().__init__(
            "对工作人员的投诉只能由管理员（书记或主任）办结。",
            "A complaint about a member of staff can only be closed by an administrator "
            "(the secretary or the director).",
        )


@dataclass(frozen=True)
class RequestRow:
    id: int
    uuid: str
    category: Category
    status: Status
    priority: Priority
    channel: Channel
    text: str
    household_id: int | None
    household: str | None  # the address code (3-2-502)
    grid_code: str | None
    assigned_to: str | None  # the person on duty's name
    phone_masked: str
    received_at: datetime
    due_at: datetime
    done_at: datetime | None
    overdue: bool
    outcome: str | None
    satisfied: bool | None
    anonymous: bool
    about_user: str | None = None
    reopened: int = 0

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def done_on_time(self) -> bool | None:
        """Whether it was done by its deadline (None while open)."""
        return None if self.done_at is None else self.done_at <= self.due_at


@dataclass(frozen=True)
class RequestFilter:
    status: Status | str | None = None
    category: Category | str | None = None
    grid: str | None = None  # a grid's code
    overdue: bool = False
    text: str | None = None
    household_id: int | None = None
    open_only: bool = False


# --- values ------------------------------------------------------------------------------------


def local_now() -> datetime:
    """The office's wall-clock time, to the second."""
    return datetime.now().replace(microsecond=0)


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


# --- reading -----------------------------------------------------------------------------------

_HH = aliased(Household)
_GRID = aliased(Grid)
_PERSON = aliased(DutyPerson)


def _row_select() -> Select[Any]:
    return (
        select(
            ServiceRequest.id,
            ServiceRequest.uuid,
            ServiceRequest.category,
            ServiceRequest.status,
            ServiceRequest.priority,
            ServiceRequest.channel,
            ServiceRequest.text,
            ServiceRequest.household_id,
            _HH.address_code,
            _GRID.code,
            _PERSON.name,
            ServiceRequest.phone,
            _HH.phone,
            ServiceRequest.received_at,
            ServiceRequest.due_at,
            ServiceRequest.done_at,
            ServiceRequest.outcome,
            ServiceRequest.satisfied,
            ServiceRequest.about_user,
            ServiceRequest.reopened,
        )
        .select_from(ServiceRequest)
        .outerjoin(_HH, _HH.id == ServiceRequest.household_id)
        .outerjoin(_GRID, _GRID.id == ServiceRequest.grid_id)
        .outerjoin(_PERSON, _PERSON.id == ServiceRequest.person_id)
    )


def _to_row(r: Any, now: datetime) -> RequestRow:
    status = Status(r[3])
    due = r[14]
    return RequestRow(
        id=r[0],
        uuid=r[1],
        category=Category(r[2]),
        status=status,
        priority=Priority(r[4]),
        channel=Channel(r[5]),
        text=r[6],
        household_id=r[7],
        household=r[8],
        grid_code=r[9],
        assigned_to=r[10],
        phone_masked=mask_phone(r[11] or r[12]),
        received_at=r[13],
        due_at=due,
        done_at=r[15],
        overdue=status in OPEN_STATUSES and due < now,
        outcome=r[16],
        satisfied=r[17],
        anonymous=r[7] is None and not r[11],
        about_user=r[18],
        reopened=r[19] or 0,
    )


def visible_clause(session: Session) -> ColumnElement[bool]:
    """The requests the session's user may see: live ones; a grid worker's of their grids and no
    complaint about staff; never a complaint about the user themself."""
    clauses: list[ColumnElement[bool]] = [ServiceRequest.deleted_at.is_(None)]
    principal = principal_of(session)
    if principal is not None:
        clauses.append(
            or_(ServiceRequest.about_user.is_(None), ServiceRequest.about_user != principal.name)
        )
    ids = scope.grid_ids(session)
    if ids is not None:
        clauses.append(ServiceRequest.grid_id.in_(sorted(ids)))
        clauses.append(ServiceRequest.category != Category.STAFF_COMPLAINT.value)
    return and_(*clauses)


def _filter_clauses(session: Session, f: RequestFilter | None, now: datetime) -> list[Any]:
    clauses: list[Any] = [visible_clause(session)]
    if f is None:
        return clauses
    if f.status:
        clauses.append(ServiceRequest.status == status_of(f.status).value)
    if f.category:
        clauses.append(ServiceRequest.category == category_of(f.category).value)
    if f.grid:
        code = _clean(f.grid).upper()
        clauses.append(
            ServiceRequest.grid_id.in_(
                select(Grid.id).where(func.upper(Grid.code) == code, Grid.deleted_at.is_(None))
            )
        )
    if f.overdue or f.open_only:
        clauses.append(ServiceRequest.status.in_([s.value for s in OPEN_STATUSES]))
    if f.overdue:
        clauses.append(ServiceRequest.due_at < now)
    if f.household_id is not None:
        clauses.append(ServiceRequest.household_id == f.household_id)
    if f.text:
        needle = f"%{_clean(f.text)}%"
        clauses.append(
            or_(
                ServiceRequest.text.like(needle),
                ServiceRequest.household_id.in_(
                    select(Household.id).where(Household.address_code.like(needle))
                ),
            )
        )
    return clauses


def list_requests(
    session: Session,
    f: RequestFilter | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    now: datetime | None = None,
) -> list[RequestRow]:
    """The requests the user may see, newest first, filtered by `f`."""
    require(session, Permission.PERSONAL)
    now = now or local_now()
    q = (
        _row_select()
        .where(*_filter_clauses(session, f, now))
        .order_by(ServiceRequest.received_at.desc(), ServiceRequest.id.desc())
        .offset(offset)
    )
    if limit is not None:
        q = q.limit(limit)
    return [_to_row(r, now) for r in session.execute(q)]


def count_requests(
    session: Session, f: RequestFilter | None = None, now: datetime | None = None
) -> int:
    """How many requests `list_requests` would give with no limit."""
    require(session, Permission.PERSONAL)
    now = now or local_now()
    q = select(func.count()).select_from(ServiceRequest).where(*_filter_clauses(session, f, now))
    return int(session.scalar(q) or 0)


def request_row(session: Session, request_id: int, now: datetime | None = None) -> RequestRow:
    """One request as a list shows it; refused (InvalidInput) when there is none the user may see."""
    require(session, Permission.PERSONAL)
    return _row(session, _get(session, request_id).id, now)


def _row(session: Session, request_id: int, now: datetime | None) -> RequestRow:
    session.flush()
    got = session.execute(_row_select().where(ServiceRequest.id == request_id)).one()
    return _to_row(got, now or local_now())


def _not_found(request_id: Any) -> InvalidInput:
    return InvalidInput(f"找不到诉求 {request_id}", f"No request {request_id}")


def _get(session: Session, request_id: int | str) -> ServiceRequest:
    """The request by its number, refused as not found when the user may not see it (a complaint
    about them is not even confirmed to exist); a grid worker's request outside their grids:
    OutsideGrids."""
    try:
        wanted = int(str(request_id).strip().lstrip("#Rr"))
    except ValueError:
        raise _not_found(request_id) from None
    req = session.get(ServiceRequest, wanted)
    if req is None or req.deleted_at is not None:
        raise _not_found(request_id)
    principal = principal_of(session)
    if principal is not None and req.about_user and req.about_user == principal.name:
        raise _not_found(request_id)
    ids = scope.grid_ids(session)
    if ids is not None:
        if req.category == Category.STAFF_COMPLAINT.value:
            raise _not_found(request_id)
        if req.grid_id not in ids:
            scope.check_grid(session, grid_id=req.grid_id if req.grid_id is not None else -1)
    return req


def history(session: Session, request_id: int, lang: str = "zh") -> list[tuple[datetime, str, str]]:
    """What happened to a request, oldest first: (when, who, what — in `lang`), from the audit
    trail. Values of its text, outcome, notes and phone are not repeated here, only that they
    changed."""
    require(session, Permission.PERSONAL)
    req = _get(session, request_id)
    session.flush()
    rows = session.execute(
        select(
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.field,
            AuditEntry.old_value,
            AuditEntry.new_value,
        )
        .where(AuditEntry.record_uuid == req.uuid, AuditEntry.entity == "service_request")
        .order_by(AuditEntry.id)
    )
    out: list[tuple[datetime, str, str]] = []
    for at, actor, action, field, old, new in rows:
        if field in _STEP_TIMES:
            continue  # said by the status step beside it, at the same time
        when = at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
        out.append((when, actor, _describe(action, field, old, new, 1 if lang == "en" else 0)))
    return out


# times and names a status step writes along with itself
_STEP_TIMES = {"assigned_at", "started_at", "done_at", "done_by", "callback_at", "received_at"}
_SHOWN_FIELDS = {"status", "priority", "category", "due_at", "satisfied", "reopened"}
_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "status": ("状态", "Status"),
    "priority": ("优先级", "Priority"),
    "category": ("类别", "Category"),
    "due_at": ("办理期限", "Deadline"),
    "satisfied": ("满意", "Satisfied"),
    "reopened": ("重新打开次数", "Times reopened"),
    "grid_id": ("网格", "Grid"),
    "person_id": ("承办人", "Handled by"),
    "outcome": ("办理结果", "Outcome"),
    "text": ("诉求内容", "Request text"),
    "callback_note": ("回访记录", "Callback note"),
    "reopen_reason": ("重新打开原因", "Reason for reopening"),
    "phone": ("回访电话", "Callback phone"),
    "household_id": ("住户", "Household"),
    "channel": ("来源", "Channel"),
    "round_id": ("团购轮次", "Group-buy round"),
    "about_user": ("被投诉的工作人员", "Staff member complained about"),
}
# the stored codes of the fields shown with their values, in words
_VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "status": {k.value: v for k, v in STATUS_LABELS.items()},
    "priority": {k.value: v for k, v in PRIORITY_LABELS.items()},
    "category": {k.value: v for k, v in CATEGORY_LABELS.items()},
    "satisfied": {
        "1": ("是", "yes"),
        "0": ("否", "no"),
        "True": ("是", "yes"),
        "False": ("否", "no"),
    },
}


def _describe(action: str, field: str | None, old: str | None, new: str | None, i: int) -> str:
    """One step of the history in words: `i` 0 Chinese, 1 English."""
    if action == "create":
        return ("登记", "Registered")[i]
    if action == "delete":
        return ("删除", "Deleted")[i]
    label = _FIELD_LABELS.get(field or "", (field or "", field or ""))[i]
    if field in _SHOWN_FIELDS:
        words = _VALUE_LABELS.get(field or "", {})

        def shown(value: str | None) -> str:
            return words[value][i] if value in words else (value or "—")

        return f"{label}{'：' if i == 0 else ': '}{shown(old)} → {shown(new)}"
    return f"{label}已更改" if i == 0 else f"{label} changed"


# --- the lifecycle -----------------------------------------------------------------------------


def _actor(session: Session) -> str:
    return str(session.info.get("actor") or "unknown")


def _find_grid(session: Session, code: str) -> Grid:
    wanted = _clean(code).upper()
    grid = session.scalar(
        select(Grid).where(func.upper(Grid.code) == wanted, Grid.deleted_at.is_(None))
    )
    if grid is None:
        raise InvalidInput(f"找不到网格 {code}", f"No grid {code}")
    scope.check_grid(session, grid_id=grid.id)
    return grid


def log_request(
    session: Session,
    category: Category | str,
    text: str,
    *,
    household_id: int | None = None,
    phone: str | None = None,
    priority: Priority | str = Priority.NORMAL,
    channel: Channel | str = Channel.PHONE,
    about_user: str | None = None,
    round_id: int | None = None,
    visit_id: int | None = None,
    grid_code: str | None = None,
    due_at: datetime | None = None,
    now: datetime | None = None,
) -> RequestRow:
    """Log a request as it comes in: 已登记, due by the category's deadline (or `due_at`).

    Without a household or a callback number it is anonymous (allowed: `RequestRow.anonymous`
    says so). Its grid is the household's (or `grid_code`). `visit_id` is the visit it came from;
    the visit keeps the link (app.core.requests.visits). Refused: an empty text, an unknown
    household, grid or round, a deadline in the past, `about_user` on a request that is not a
    complaint about staff.
    """
    require(session, Permission.WRITE)
    now = now or local_now()
    cat = category_of(category)
    prio = priority_of(priority)
    chan = channel_of(
        channel if visit_id is None or channel != Channel.PHONE else Channel.GRID_WORKER
    )
    body = _clean(text)
    if not body:
        raise InvalidInput("请填写诉求内容。", "The request needs a line of text.")
    if len(body) > MAX_TEXT:
        raise InvalidInput(
            f"诉求内容过长（最多 {MAX_TEXT} 字）。",
            f"The request's text is too long (at most {MAX_TEXT} characters).",
        )
    grid_id: int | None = None
    if household_id is not None:
        household = session.get(Household, household_id)
        if household is None or household.deleted_at is not None:
            raise InvalidInput(f"找不到住户 {household_id}", f"No household {household_id}")
        scope.check_household(session, household_id)
        grid_id = household.grid_id
    if grid_code:
        grid_id = _find_grid(session, grid_code).id
    if scope.grid_ids(session) is not None and grid_id is None:
        raise InvalidInput(
            "请指明住户或所在网格。", "Name the household or the grid the request belongs to."
        )
    number = _clean(phone) or None
    if number is not None and (len(number) > 40 or not any(c.isdigit() for c in number)):
        raise InvalidInput(
            f"回访电话无效：{mask_phone(number)}", "The callback number is not valid"
        )
    about = _clean(about_user) or None
    if about is not None and cat is not Category.STAFF_COMPLAINT:
        raise InvalidInput(
            "只有“对工作人员的投诉”才指明被投诉人。",
            "Only a complaint about staff names the member of staff it is about.",
        )
    if round_id is not None:
        from app.db.models_group_buy import GroupBuyRound

        if session.get(GroupBuyRound, round_id) is None:
            raise InvalidInput(f"找不到团购批次 {round_id}", f"No group purchase round {round_id}")
    if due_at is not None:
        if due_at <= now:
            raise InvalidInput(
                f"办理期限已过：{due_at:%Y-%m-%d %H:%M}，请填写将来的时间。",
                f"The deadline {due_at:%Y-%m-%d %H:%M} is in the past; give a later time.",
            )
        due = due_at
    else:
        due = due_for(session, cat, prio, now)
    req = ServiceRequest(
        category=cat.value,
        status=Status.REGISTERED.value,
        priority=prio.value,
        channel=chan.value,
        text=body,
        household_id=household_id,
        phone=number,
        grid_id=grid_id,
        round_id=round_id,
        about_user=about,
        received_at=now,
        due_at=due,
        reopened=0,
    )
    session.add(req)
    session.flush()
    return _row(session, req.id, now)


def assign(
    session: Session,
    request_id: int,
    *,
    person_id: int | None = None,
    grid_code: str | None = None,
    now: datetime | None = None,
) -> RequestRow:
    """Send a request to a person on duty and/or a grid: 已派单. A person's grid becomes the
    request's when no grid is named. Refused once it is done (reopen it first)."""
    require(session, Permission.WRITE)
    now = now or local_now()
    req = _get(session, request_id)
    if person_id is None and not grid_code:
        raise InvalidInput(
            "请指明承办人或网格。", "Name the person on duty or the grid to send it to."
        )
    _refuse_closed(req, ("已办结，不能再派单；请先重新打开。", "It is done; reopen it first."))
    if grid_code:
        req.grid_id = _find_grid(session, grid_code).id
    if person_id is not None:
        person = session.get(DutyPerson, person_id)
        if person is None or person.deleted_at is not None or person.status != "active":
            raise InvalidInput(
                f"找不到在岗人员 {person_id}", f"No active person on duty {person_id}"
            )
        req.person_id = person.id
        if not grid_code and person.grid_id is not None:
            scope.check_grid(session, grid_id=person.grid_id)
            req.grid_id = person.grid_id
    req.status = Status.ASSIGNED.value
    req.assigned_at = now
    return _row(session, req.id, now)


def start(session: Session, request_id: int, now: datetime | None = None) -> RequestRow:
    """The person it was sent to has started on it: 处理中."""
    require(session, Permission.WRITE)
    now = now or local_now()
    req = _get(session, request_id)
    _refuse_closed(req, ("已办结。", "It is already done."))
    if req.status == Status.IN_PROGRESS.value:
        raise AlreadyDone(
            f"诉求 {req.id} 已在处理中。", f"Request {req.id} is already in progress."
        )
    req.status = Status.IN_PROGRESS.value
    req.started_at = now
    return _row(session, req.id, now)


def _refuse_closed(req: ServiceRequest, message: tuple[str, str]) -> None:
    if req.status in (Status.DONE.value, Status.CONFIRMED.value):
        raise InvalidInput(f"诉求 {req.id} {message[0]}", f"Request {req.id}: {message[1]}")


def finish(
    session: Session, request_id: int, outcome: str, now: datetime | None = None
) -> RequestRow:
    """Close a request with its outcome: 已办结. Refused without an outcome; `AlreadyDone` when it
    is done already; a complaint about staff only by an administrator."""
    require(session, Permission.WRITE)
    now = now or local_now()
    req = _get(session, request_id)
    if req.status in (Status.DONE.value, Status.CONFIRMED.value):
        raise AlreadyDone(
            f"诉求 {req.id} 已于 {req.done_at:%Y-%m-%d %H:%M} 办结。",
            f"Request {req.id} was done on {req.done_at:%Y-%m-%d %H:%M}.",
        )
    result = _clean(outcome)
    if not result:
        raise InvalidInput(
            "办结须填写办理结果。", "A request is closed with its outcome; none was given."
        )
    if len(result) > MAX_TEXT:
        raise InvalidInput("办理结果过长。", "The outcome is too long.")
    if req.category == Category.STAFF_COMPLAINT.value:
        principal = principal_of(session)
        if principal is not None and principal.role is not Role.ADMIN:
            raise AdministratorOnly()
    if now < req.received_at:
        raise InvalidInput("办结时间早于登记时间。", "It cannot be done before it was received.")
    req.status = Status.DONE.value
    req.outcome = result
    req.done_at = now
    req.done_by = _actor(session)
    return _row(session, req.id, now)


def callback(
    session: Session,
    request_id: int,
    satisfied: bool,
    note: str | None = None,
    now: datetime | None = None,
) -> RequestRow:
    """The resident was called back, satisfied or not: 已回访. Refused before it is done;
    `AlreadyDone` when the callback is recorded already."""
    require(session, Permission.WRITE)
    now = now or local_now()
    req = _get(session, request_id)
    if req.status == Status.CONFIRMED.value:
        raise AlreadyDone(
            f"诉求 {req.id} 已回访。", f"The callback of request {req.id} is recorded already."
        )
    if req.status != Status.DONE.value:
        raise InvalidInput(
            f"诉求 {req.id} 尚未办结，不能回访。",
            f"Request {req.id} is not done yet; there is nothing to call back about.",
        )
    req.status = Status.CONFIRMED.value
    req.satisfied = bool(satisfied)
    req.callback_at = now
    req.callback_note = _clean(note) or None
    return _row(session, req.id, now)


def reopen(
    session: Session, request_id: int, reason: str, now: datetime | None = None
) -> RequestRow:
    """Open a done request again, with the reason: back to 已派单 (已登记 when it was never sent
    to anyone), due again by its category's deadline from now. The earlier outcome and callback
    stay in its history."""
    require(session, Permission.WRITE)
    now = now or local_now()
    req = _get(session, request_id)
    why = _clean(reason)
    if not why:
        raise InvalidInput("重新打开须说明原因。", "Say why the request is opened again.")
    if req.status not in (Status.DONE.value, Status.CONFIRMED.value):
        raise InvalidInput(
            f"诉求 {req.id} 尚未办结，无须重新打开。",
            f"Request {req.id} is not done; there is nothing to reopen.",
        )
    sent = req.assigned_at is not None
    req.status = (Status.ASSIGNED if sent else Status.REGISTERED).value
    req.done_at = None
    req.outcome = None
    req.done_by = None
    req.satisfied = None
    req.callback_at = None
    req.callback_note = None
    req.reopened = (req.reopened or 0) + 1
    req.reopen_reason = why
    req.due_at = max(due_for(session, Category(req.category), Priority(req.priority), now), now)
    return _row(session, req.id, now)


def to_delivery(session: Session, request_id: int, campaign_id: int) -> tuple[RequestRow, Any]:
    """A request for supplies served from an open campaign in one step: the household's share is
    delivered (the supplies ledger and the campaign's rules apply: its target, stock, once per
    household) and the request is done with what was delivered. Returns the request and the
    delivery (app.core.supplies.deliveries.DeliveryResult)."""
    from app.core.supplies.deliveries import deliver
    from app.db.models_supplies import SupplyCampaign

    require(session, Permission.WRITE)
    req = _get(session, request_id)
    if req.category != Category.SUPPLIES.value:
        raise InvalidInput(
            "只有“生活物资”类诉求可以转为配送。", "Only a request for supplies becomes a delivery."
        )
    if req.household_id is None:
        raise InvalidInput(
            "匿名诉求没有住户，不能配送。", "An anonymous request has no household to deliver to."
        )
    if req.status in (Status.DONE.value, Status.CONFIRMED.value):
        raise AlreadyDone(f"诉求 {req.id} 已办结。", f"Request {req.id} is done already.")
    campaign = session.get(SupplyCampaign, campaign_id)
    if campaign is None or campaign.deleted_at is not None:
        raise InvalidInput(f"找不到发放 {campaign_id}", f"No campaign {campaign_id}")
    household = session.get(Household, req.household_id)
    assert household is not None
    result = deliver(session, campaign.code, household.code, how="tick")
    row = finish(session, req.id, f"已配送（{campaign.name}）：{result.summary}")
    return row, result


__all__ = [
    "CATEGORY_LABELS",
    "CHANNEL_LABELS",
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "PRIORITY_LABELS",
    "STATUS_LABELS",
    "AdministratorOnly",
    "Category",
    "Channel",
    "Priority",
    "RequestFilter",
    "RequestRow",
    "Status",
    "assign",
    "callback",
    "category_of",
    "channel_of",
    "count_requests",
    "finish",
    "history",
    "list_requests",
    "log_request",
    "priority_of",
    "reopen",
    "request_row",
    "start",
    "status_of",
    "to_delivery",
]
