"""Directives of the street office (通知 / 任务 / 物资调拨) and the communities' answers.

At a street office: `add_directive` writes a notice, a task or a supply allocation addressed to one
enrolled community or to all; `cancel_directive` tombstones it (the cancellation travels like any
change); `list_directives` shows each directive with the state it has at each community it is
addressed to — waiting for the next return package, sent, received (acknowledged by the
community's receipt), completed or arrived (the community's answer came back in its package).

At a community: `list_directives` shows the directives received in return packages with their
state here; `complete_task` records that a task is done; `confirm_arrival` records how much of an
allocation arrived and books it into the stock ledger as a receipt of kind "allocation"
(app.core.supplies.ledger.receive), the directive named as its source; `undo_answer` takes an answer
back (a wrong tick, 500 typed for 50): the answer becomes a tombstone with the reason, an
allocation's receipt is reversed by an adjustment on the ledger in the same transaction (refused if
the goods have already gone out), and the directive is open to be answered again. Answers, and
their tombstones, are the community's own records and go back in its normal packages.

Ownership (docs/exchange-format.md §3.6): a directive is changed only by its street office, an
answer only by its community. Bad input is refused with `InvalidInput` before anything changes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.office.peek import OfficeInfo
from app.core.supplies import ledger as supplies
from app.db.base import utcnow
from app.db.models_directives import (
    DIRECTIVE_KINDS,
    TO_ALL,
    Directive,
    DirectiveAnswer,
)
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.db.models_supplies import SupplyItem, SupplyMovement, SupplyPoint
from app.errors import AlreadyDone, InvalidInput

KIND_NAMES = {
    "notice": ("通知", "notice"),
    "task": ("任务", "task"),
    "allocation": ("物资调拨", "allocation"),
}
# the state of a directive at one community, as the street office or the community sees it
STATES = {
    "waiting": ("待发出", "waiting"),  # not yet in a return package for that community
    "sent": ("已发出", "sent"),  # in a return package
    "received": ("已签收", "received"),  # the community's receipt lists that package
    "open": ("待办", "open"),  # at a community: a task not yet done, an allocation not confirmed
    "completed": ("已完成", "completed"),
    "arrived": ("已到货", "arrived"),
    "cancelled": ("已撤销", "cancelled"),
}
MIN_REF = 8  # characters of a uuid that name a directive on the command line


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _actor(session: Session) -> str:
    return str(session.info.get("actor") or "unknown")


@dataclass(frozen=True)
class DirectiveSpec:
    kind: str
    to: str  # a community's code, or "all"
    title: str = ""
    text: str = ""
    due: date | str | None = None
    area: str | None = None
    item: str | None = None
    qty: Any = None
    unit: str | None = None


def _street_only(info: OfficeInfo) -> None:
    if not info.is_street_office:
        raise InvalidInput(
            "只有街道办可以下发或撤销通知、任务和物资调拨。",
            "Only a street office issues or cancels notices, tasks and allocations.",
        )


def _community_only(info: OfficeInfo) -> None:
    if info.is_street_office:
        raise InvalidInput(
            "完成任务、确认到货由收到事项的社区登记。",
            "Tasks are completed and arrivals confirmed by the community that received them.",
        )


def _due(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = _clean(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"日期格式应为 2026-11-29：{text}", f"The date must look like 2026-11-29: {text}"
        ) from None


def communities(session: Session) -> list[EnrolledOffice]:
    """The communities enrolled at this street office, by code."""
    return list(
        session.scalars(
            select(EnrolledOffice)
            .where(EnrolledOffice.role == "community")
            .order_by(EnrolledOffice.code)
        )
    )


def add_directive(session: Session, info: OfficeInfo, spec: DirectiveSpec) -> Directive:
    """A new directive from this street office; refused whole on any bad value."""
    _street_only(info)
    kind = _clean(spec.kind)
    if kind not in DIRECTIVE_KINDS:
        raise InvalidInput(
            f"事项类别应为 notice（通知）、task（任务）或 allocation（物资调拨）：{kind}",
            f"The kind must be notice, task or allocation: {kind}",
        )
    to = _clean(spec.to)
    known = {o.code for o in communities(session)}
    if not known:
        raise InvalidInput(
            "本街道尚未登记任何社区：请先用 keys enroll 登记社区的公钥。",
            "No community is enrolled here yet: enrol one with keys enroll first.",
        )
    if to != TO_ALL and to not in known:
        raise InvalidInput(
            f"本街道没有登记代码为 {to} 的社区；收件方应为已登记社区的代码或 all。",
            f"No community with code {to} is enrolled here; address a directive to an enrolled "
            "community's code or to all.",
        )
    title, text = _clean(spec.title), _clean(spec.text)
    item, unit, qty = _clean(spec.item) or None, _clean(spec.unit) or None, None
    if kind == "allocation":
        if not item or len(item) > 60:
            raise InvalidInput(
                "物资调拨须写明物资名称（最多 60 字）。",
                "An allocation names its item (1–60 characters).",
            )
        qty = supplies.check_qty(spec.qty)
        unit = unit or "个"
        if len(unit) > 10:
            raise InvalidInput("单位最多 10 字。", "The unit is at most 10 characters.")
        title = title or f"调拨 {item} {qty}{unit}"
    else:
        if spec.item or spec.qty is not None:
            raise InvalidInput(
                "只有物资调拨有物资和数量。", "Only an allocation has an item and a quantity."
            )
        if not text and kind == "task":
            raise InvalidInput("任务须写明要做什么（--text）。", "A task says what to do (--text).")
        if kind == "task" and not title:
            title = text[:30]
        if not title:
            raise InvalidInput("通知须有标题。", "A notice needs a title.")
        if kind == "notice" and not text:
            raise InvalidInput("通知须有正文（--text）。", "A notice needs a text (--text).")
    if len(title) > 100:
        raise InvalidInput("标题最多 100 字。", "The title is at most 100 characters.")
    due = _due(spec.due)
    if due is not None and kind != "task":
        raise InvalidInput("只有任务有完成期限。", "Only a task has a due date.")
    area = _clean(spec.area) or None
    if area is not None and (kind != "task" or len(area) > 100):
        raise InvalidInput(
            "只有任务可以写网格或区域（最多 100 字）。",
            "Only a task names a grid or area (at most 100 characters).",
        )
    directive = Directive(
        kind=kind,
        addressee=to,
        title=title,
        body=text,
        due_on=due,
        area=area,
        item_name=item if kind == "allocation" else None,
        unit=unit if kind == "allocation" else None,
        qty=qty,
        issued_at=utcnow(),
        issued_by=_actor(session),
    )
    session.add(directive)
    session.flush()
    return directive


def find_directive(session: Session, ref: str | int) -> Directive:
    """A directive by its id here, or by the first 8 or more characters of its uuid (the same at
    the street office and at every community)."""
    text = _clean(str(ref)).lower()
    found: Directive | None = None
    if text.isdigit():
        found = session.get(Directive, int(text))
    # a uuid may begin with digits only: a number that is no id here is tried as a uuid prefix
    if found is None and len(text) >= MIN_REF and set(text) <= set("0123456789abcdef-"):
        matches = list(
            session.scalars(select(Directive).where(Directive.uuid.like(f"{text}%")).limit(2))
        )
        if len(matches) > 1:
            raise InvalidInput(
                f"编号 {text} 对应多条事项，请多写几位。",
                f"{text} names more than one directive; give more characters.",
            )
        found = matches[0] if matches else None
    if found is None:
        raise InvalidInput(f"没有编号为 {ref} 的事项。", f"No directive {ref}.")
    return found


def cancel_directive(
    session: Session, info: OfficeInfo, ref: str | int, reason: str = ""
) -> Directive:
    """Tombstone a directive of this street office; the next return packages carry it."""
    _street_only(info)
    directive = find_directive(session, ref)
    if directive.origin != info.code:
        raise InvalidInput(
            f"事项 {ref} 不是本街道下发的，不能撤销。",
            f"Directive {ref} was not issued here; it cannot be cancelled here.",
        )
    if directive.deleted_at is not None:
        raise AlreadyDone(
            f"事项“{directive.title}”已于 {directive.deleted_at:%Y-%m-%d %H:%M} 撤销，未做任何改变。",
            f"Directive '{directive.title}' was already cancelled on "
            f"{directive.deleted_at:%Y-%m-%d %H:%M}; nothing changed.",
        )
    directive.deleted_at = utcnow()
    directive.delete_reason = _clean(reason) or "撤销"
    session.flush()
    return directive


# ---------------------------------------------------------------------------------------------
# at a community: answers


def _addressed_here(session: Session, info: OfficeInfo, ref: str | int) -> Directive:
    """The directive `ref` as this community received it (refused at a street office, or when
    it was addressed to another community)."""
    _community_only(info)
    directive = find_directive(session, ref)
    if directive.origin == info.code or directive.addressee not in (info.code, TO_ALL):
        raise InvalidInput(f"本社区没有收到事项 {ref}。", f"This community did not receive {ref}.")
    return directive


def _received(session: Session, info: OfficeInfo, ref: str | int, kind: str) -> Directive:
    directive = _addressed_here(session, info, ref)
    if directive.deleted_at is not None:
        raise InvalidInput(
            f"街道办已撤销事项“{directive.title}”，无需登记。",
            f"The street office cancelled '{directive.title}'; there is nothing to record.",
        )
    if directive.kind != kind:
        zh, en = KIND_NAMES[directive.kind]
        raise InvalidInput(
            f"事项“{directive.title}”是{zh}，"
            + ("不是任务。" if kind == "task" else "不是物资调拨。"),
            f"'{directive.title}' is a {en}, not "
            + ("a task." if kind == "task" else "an allocation."),
        )
    answer = _answer(session, directive.id, info.code)
    if answer is not None:
        what = "完成" if answer.kind == "completion" else f"到货 {answer.qty_received}"
        raise AlreadyDone(
            f"事项“{directive.title}”已于 {answer.at:%Y-%m-%d %H:%M} 登记{what}，未做任何改变。",
            f"'{directive.title}' was already recorded on {answer.at:%Y-%m-%d %H:%M}; "
            "nothing changed.",
        )
    return directive


def _answer(session: Session, directive_id: int, origin: str) -> DirectiveAnswer | None:
    return session.scalar(
        select(DirectiveAnswer).where(
            DirectiveAnswer.directive_id == directive_id,
            DirectiveAnswer.origin == origin,
            DirectiveAnswer.deleted_at.is_(None),
        )
    )


def complete_task(
    session: Session, info: OfficeInfo, ref: str | int, note: str = "", who: str | None = None
) -> DirectiveAnswer:
    """Record that this community has done a task it received."""
    directive = _received(session, info, ref, "task")
    answer = DirectiveAnswer(
        directive_id=directive.id,
        kind="completion",
        done=True,
        note=_clean(note) or None,
        who=_clean(who) or _actor(session),
        at=utcnow(),
    )
    session.add(answer)
    session.flush()
    return answer


def confirm_arrival(
    session: Session,
    info: OfficeInfo,
    ref: str | int,
    qty: Any,
    note: str = "",
    who: str | None = None,
) -> DirectiveAnswer:
    """Record how much of an allocation arrived and book it into the stock ledger."""
    directive = _received(session, info, ref, "allocation")
    amount = supplies.check_qty(qty, "到货数量", "quantity received")
    source = f"街道调拨：{directive.title}（{directive.uuid[:MIN_REF]}）"
    movement = supplies.receive(
        session,
        directive.item_name or "",
        amount,
        source=source,
        source_kind="allocation",
        donor_kind="government",
        unit=directive.unit,
    )
    answer = DirectiveAnswer(
        directive_id=directive.id,
        kind="arrival",
        done=True,
        note=_clean(note) or None,
        who=_clean(who) or _actor(session),
        at=utcnow(),
        qty_received=amount,
        movement_id=movement.id,
    )
    session.add(answer)
    session.flush()
    return answer


@dataclass(frozen=True)
class UndoneAnswer:
    """What `undo_answer` took back: the directive, the answer's kind and, for an allocation, the
    quantity taken out of stock again and what is left of the item there."""

    directive_id: int
    ref: str
    title: str
    kind: str  # "completion" or "arrival"
    item: str | None = None
    unit: str | None = None
    qty: int | None = None
    on_hand: int | None = None


def undo_answer(session: Session, info: OfficeInfo, ref: str | int, reason: str) -> UndoneAnswer:
    """Take back this community's answer to a directive: the answer is tombstoned with `reason`
    (the tombstone goes to the street office in the next package, which then shows the directive
    open again); an arrival's receipt is reversed by an adjustment of the same item at the same
    place, refused if the stock left there is smaller than what arrived. Nothing to take back is
    `AlreadyDone`."""
    directive = _addressed_here(session, info, ref)
    if directive.deleted_at is not None:
        raise InvalidInput(
            f"街道办已撤销事项“{directive.title}”，其登记不再更改；库存有误请用库存调整更正。",
            f"The street office cancelled '{directive.title}'; its answer no longer changes. "
            "Correct the stock with an adjustment if it is wrong.",
        )
    why = _clean(reason)
    if not why:
        raise InvalidInput(
            "撤回回复必须写明原因（如：误点完成、数量填错）。",
            "Say why the answer is taken back (e.g. ticked by mistake, wrong quantity).",
        )
    if len(why) > 200:
        raise InvalidInput("原因最多 200 字。", "The reason is at most 200 characters.")
    answer = _answer(session, directive.id, info.code)
    if answer is None:
        raise AlreadyDone(
            f"事项“{directive.title}”没有可撤回的回复（尚未登记完成或到货，或已撤回），"
            "未做任何改变。",
            f"'{directive.title}' has no answer to take back (none recorded, or already taken "
            "back); nothing changed.",
        )
    short_ref = directive.uuid[:MIN_REF]
    done = UndoneAnswer(directive.id, short_ref, directive.title, answer.kind)
    movement = session.get(SupplyMovement, answer.movement_id) if answer.movement_id else None
    if movement is not None:
        item = session.get(SupplyItem, movement.item_id)
        point = session.get(SupplyPoint, movement.point_id)
        assert item is not None and point is not None
        qty, have = movement.qty, supplies.on_hand(session, item.id, point.id)
        if have < qty:
            raise InvalidInput(
                f"不能撤回“{directive.title}”的到货登记：当时记入库存 {qty}{item.unit}"
                f"{item.name}，其中一部分已发出或调出，{point.name}现仅剩 {have}{item.unit}，"
                f"不够冲减。库存未改变。",
                f"Cannot take back the arrival for '{directive.title}': {qty} {item.unit} "
                f"{item.name} were booked into stock, some have gone out since and only {have} "
                f"{item.unit} are left at {point.name}; stock unchanged.",
            )
        supplies.adjust(
            session,
            item.name,
            -qty,
            reason=f"撤回到货登记：{directive.title}（{short_ref}）：{why}",
            point=point.name,
        )
        done = UndoneAnswer(
            directive.id,
            short_ref,
            directive.title,
            answer.kind,
            item.name,
            item.unit,
            qty,
            supplies.on_hand(session, item.id, point.id),
        )
    answer.deleted_at = utcnow()
    answer.delete_reason = why
    session.flush()
    return done


# ---------------------------------------------------------------------------------------------
# lists


@dataclass(frozen=True)
class CommunityState:
    code: str
    name: str
    state: str  # a key of STATES
    answered_at: datetime | None = None
    qty_received: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class DirectiveRow:
    id: int
    uuid: str
    kind: str
    addressee: str
    title: str
    text: str
    due_on: date | None
    area: str | None
    item: str | None
    qty: int | None
    unit: str | None
    issued_at: datetime
    cancelled: bool
    state: str  # at a community: its state here; at a street office: a summary
    communities: list[CommunityState] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return self.uuid[:MIN_REF]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "ref": self.ref,
            "kind": self.kind,
            "to": self.addressee,
            "title": self.title,
            "text": self.text,
            "due": self.due_on.isoformat() if self.due_on else None,
            "area": self.area,
            "item": self.item,
            "qty": self.qty,
            "unit": self.unit,
            "issued_at": self.issued_at.isoformat(),
            "cancelled": self.cancelled,
            "state": self.state,
            "communities": [
                {
                    "code": c.code,
                    "name": c.name,
                    "state": c.state,
                    "answered_at": c.answered_at.isoformat() if c.answered_at else None,
                    "qty_received": c.qty_received,
                    "note": c.note,
                }
                for c in self.communities
            ],
        }


def _row(d: Directive, state: str, per: list[CommunityState] | None = None) -> DirectiveRow:
    return DirectiveRow(
        d.id,
        d.uuid,
        d.kind,
        d.addressee,
        d.title,
        d.body,
        d.due_on,
        d.area,
        d.item_name,
        d.qty,
        d.unit,
        d.issued_at,
        d.deleted_at is not None,
        state,
        per or [],
    )


def _answer_state(answer: DirectiveAnswer) -> str:
    return "completed" if answer.kind == "completion" else "arrived"


def list_directives(session: Session, info: OfficeInfo) -> list[DirectiveRow]:
    """Newest first. At a street office its own directives with each community's state; at a
    community the directives it received with their state here."""
    if info.is_street_office:
        return _street_rows(session, info)
    directives = session.scalars(
        select(Directive)
        .where(Directive.origin != info.code, Directive.addressee.in_((info.code, TO_ALL)))
        .order_by(Directive.issued_at.desc(), Directive.id.desc())
    ).all()
    answers = {
        a.directive_id: a
        for a in session.scalars(
            select(DirectiveAnswer).where(
                DirectiveAnswer.origin == info.code, DirectiveAnswer.deleted_at.is_(None)
            )
        )
    }
    rows = []
    for d in directives:
        answer = answers.get(d.id)
        if d.deleted_at is not None:
            state = "cancelled"
        elif answer is not None:
            state = _answer_state(answer)
        elif d.kind == "notice":
            state = "received"
        else:
            state = "open"
        per = []
        if answer is not None:
            per.append(
                CommunityState(
                    info.code, info.name, state, answer.at, answer.qty_received, answer.note
                )
            )
        rows.append(_row(d, state, per))
    return rows


def _street_rows(session: Session, info: OfficeInfo) -> list[DirectiveRow]:
    offices = communities(session)
    # per community: the highest change number sent to it, and the highest acknowledged
    sent: dict[str, int] = {}
    acked: dict[str, int] = {}
    for code, up_to in session.execute(
        select(ExchangePackage.office_code, func.max(ExchangePackage.up_to_seq))
        .where(ExchangePackage.direction == "out")
        .group_by(ExchangePackage.office_code)
    ):
        sent[code] = int(up_to or 0)
    for code, up_to in session.execute(
        select(ExchangePackage.office_code, func.max(ExchangePackage.up_to_seq))
        .where(ExchangePackage.direction == "out", ExchangePackage.acknowledged_at.is_not(None))
        .group_by(ExchangePackage.office_code)
    ):
        acked[code] = int(up_to or 0)
    answers: dict[tuple[int, str], DirectiveAnswer] = {
        (a.directive_id, a.origin): a
        for a in session.scalars(
            select(DirectiveAnswer).where(DirectiveAnswer.deleted_at.is_(None))
        )
    }
    directives = session.scalars(
        select(Directive)
        .where(Directive.origin == info.code)
        .order_by(Directive.issued_at.desc(), Directive.id.desc())
    ).all()
    rows = []
    for d in directives:
        per = []
        for office in offices:
            if d.addressee not in (office.code, TO_ALL):
                continue
            answer = answers.get((d.id, office.code))
            if answer is not None:
                per.append(
                    CommunityState(
                        office.code,
                        office.name,
                        _answer_state(answer),
                        answer.at,
                        answer.qty_received,
                        answer.note,
                    )
                )
                continue
            if acked.get(office.code, 0) >= d.seq:
                state = "received"
            elif sent.get(office.code, 0) >= d.seq:
                state = "sent"
            else:
                state = "waiting"
            per.append(CommunityState(office.code, office.name, state))
        rows.append(_row(d, "cancelled" if d.deleted_at else _summary(per), per))
    return rows


def _summary(per: list[CommunityState]) -> str:
    """The state every community has reached (the least advanced one)."""
    order = ["waiting", "sent", "received", "completed", "arrived"]
    if not per:
        return "waiting"
    return min((c.state for c in per), key=order.index)


def state_text(state: str, lang: str = "zh") -> str:
    zh, en = STATES.get(state, (state, state))
    return en if lang == "en" else zh


def kind_text(kind: str, lang: str = "zh") -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return en if lang == "en" else zh
