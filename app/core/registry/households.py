"""Households as staff make and remake them: a new household with its head, a household split in
two (some members move to a new household at another address), two households merged into one.

Each runs in the caller's write session (one transaction), so every record made or changed is
stamped and audited by the session events (with the session's note: `registry: new household`,
`registry: split household`, `registry: merge households`); a household given up is
tombstoned with its reason, never deleted. Every household keeps exactly one head: the operations
take the head as a parameter (the 住户 page asks for it) and clear the old head's flag before
setting the new one, so the one-head index never sees two. The relations to the head (与户主关系)
follow the head as `app.core.registry.relations` says, or as the user picked (`relations`: resident id →
relation).

Each needs the right to record data, and a grid worker works on their grids' households only
(app.core.trust.scope): a household of another grid, or a new one outside their grids, is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.registry import address, relations
from app.core.registry.lookup import ResidentInput, _checked, _id_taken
from app.core.registry.vocabulary import HEAD
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Building, Household, Resident
from app.errors import InvalidInput

_CODE = re.compile(r"^H(\d+)$")


@dataclass(frozen=True)
class HouseholdMade:
    id: int
    code: str
    address_code: str
    head_id: int | None = None  # the head a new household was made with


@dataclass(frozen=True)
class Neighbour:
    """A household already at an address (shown before a second one is made there)."""

    id: int
    code: str
    head: str | None
    members: int


def parse_address(text: str) -> address.Address:
    found = address.parse(text or "")
    if found is None:
        raise InvalidInput(
            f"住址无法识别：{text}（应为“3栋2单元502”或“3-2-502”）",
            f"Address not understood: {text} (3栋2单元502 or 3-2-502 expected)",
        )
    return found


def households_at(session: Session, text: str) -> list[Neighbour]:
    """The live households at the address `text` names (usually none, or one; a grid worker's:
    those of their grids)."""
    scope.personal(session)
    found = parse_address(text)
    rows = session.execute(
        select(Household.id, Household.code)
        .where(
            Household.address_code == found.code,
            Household.deleted_at.is_(None),
            scope.household_clause(session),
        )
        .order_by(Household.id)
    ).all()
    out = []
    for household_id, code in rows:
        members = session.execute(
            select(Resident.name, Resident.is_head).where(
                Resident.household_id == household_id, Resident.deleted_at.is_(None)
            )
        ).all()
        head = next((name for name, is_head in members if is_head), None)
        out.append(Neighbour(household_id, code, head, len(members)))
    return out


def _next_code(session: Session) -> str:
    """The next household code H000123: after every code ever given, tombstoned ones too (a
    barcode printed for a household given up must never name another)."""
    numbers = [
        int(m.group(1))
        for code in session.scalars(select(Household.code).where(Household.code.like("H%")))
        if (m := _CODE.match(code))
    ]
    return f"H{max(numbers, default=0) + 1:06d}"


def _building(session: Session, where: address.Address) -> Building:
    """The building the address is in; a building not yet known is added (as an import does)."""
    building = session.scalars(
        select(Building).where(Building.number == where.building, Building.deleted_at.is_(None))
    ).first()
    floor = max(int(re.sub(r"\D", "", where.room) or "0") // 100, 1)
    if building is None:
        building = Building(number=where.building, units=where.unit, floors=floor)
        session.add(building)
        session.flush()
        return building
    if building.units < where.unit:
        building.units = where.unit
    if building.floors < floor:
        building.floors = floor
    return building


def _new_household(session: Session, where: address.Address, phone: str | None) -> Household:
    building = _building(session, where)
    household = Household(
        code=_next_code(session),
        building_id=building.id,
        unit=where.unit,
        room=where.room,
        address_code=where.code,
        grid_id=building.grid_id,  # the building's grid, as for an imported household
        phone=phone or None,
    )
    session.add(household)
    session.flush()
    return household


def _members(session: Session, household_id: int) -> list[Resident]:
    return list(
        session.scalars(
            select(Resident)
            .where(Resident.household_id == household_id, Resident.deleted_at.is_(None))
            .order_by(Resident.is_head.desc(), Resident.id)
        )
    )


def _live_household(session: Session, household_id: int) -> Household:
    household = session.get(Household, household_id)
    if household is None or household.deleted_at is not None:
        raise InvalidInput("这一户已不存在。", "The household no longer exists.")
    return household


def _make_head(person: Resident) -> None:
    person.is_head = True
    person.relation = HEAD


def _step_down(person: Resident) -> None:
    person.is_head = False
    if person.relation == HEAD:
        person.relation = None


def add_household(
    session: Session, address_text: str, head: ResidentInput, phone: str = ""
) -> HouseholdMade:
    """A new household at an address, with its head (the resident form's checks apply)."""
    scope.writing(session)
    where = parse_address(address_text)
    values = _checked(head)
    phone = "".join(phone.split())
    _id_taken(session, values["id_number"], None)
    household = _new_household(session, where, phone)
    scope.check_household(session, household.id)  # a grid worker: in one of their grids
    values["relation"] = values["relation"] or HEAD
    person = Resident(household_id=household.id, is_head=True, **values)
    session.add(person)
    session.flush()
    return HouseholdMade(household.id, household.code, household.address_code, person.id)


def split_household(
    session: Session,
    household_id: int,
    member_ids: Sequence[int],
    address_text: str,
    new_head_id: int,
    remaining_head_id: int | None = None,
    relations_picked: Mapping[int, str] | None = None,
) -> HouseholdMade:
    """Some members of a household move to a new household at `address_text`, `new_head_id` its
    head. Should the present head be among them, `remaining_head_id` (or else the eldest who
    stays) heads the household they leave. The relations follow the new heads (see the module's
    notes)."""
    scope.writing(session)
    scope.check_household(session, household_id)
    where = parse_address(address_text)
    moving_ids = list(dict.fromkeys(member_ids))
    _live_household(session, household_id)
    members = _members(session, household_id)
    by_id = {m.id: m for m in members}
    if not moving_ids or any(i not in by_id for i in moving_ids):
        raise InvalidInput(
            "请从这一户的成员中选择要分出去的人。",
            "Choose the members who leave from this household's members.",
        )
    staying = [m for m in members if m.id not in moving_ids]
    if not staying:
        raise InvalidInput(
            "不能把全部成员都分出去：这相当于整户迁址，请修改住址。",
            "Not every member can leave: that is the household moving; change its address.",
        )
    if new_head_id not in moving_ids:
        raise InvalidInput(
            "新户的户主必须是分出去的成员之一。", "The new head must be one of those leaving."
        )
    if remaining_head_id is not None and remaining_head_id not in {m.id for m in staying}:
        raise InvalidInput(
            "原户的户主必须是留下的成员之一。", "The remaining head must be one who stays."
        )
    household = _new_household(session, where, None)  # the same address may hold two
    scope.check_household(session, household.id)
    moving = [by_id[i] for i in moving_ids]
    old_head_leaves = any(m.is_head for m in moving)
    picked = relations_picked or {}
    old_head = next((m for m in members if m.is_head), None)
    stays_head_id = remaining_head_id
    if old_head_leaves and stays_head_id is None:
        stays_head_id = min(staying, key=lambda m: (m.birth_date is None, m.birth_date, m.id)).id
    wanted = relations.under(moving, old_head, by_id[new_head_id], picked)
    if stays_head_id is not None:
        wanted.update(relations.under(staying, old_head, by_id[stays_head_id], picked))
    for person in moving:
        _step_down(person)
    session.flush()
    for person in moving:
        person.household_id = household.id
    _make_head(by_id[new_head_id])
    if stays_head_id is not None:
        stays_head = by_id[stays_head_id]
        for person in staying:
            if person.is_head and person is not stays_head:
                _step_down(person)
        session.flush()
        _make_head(stays_head)
    relations.settle(members, wanted)
    session.flush()
    return HouseholdMade(household.id, household.code, household.address_code)


def merge_households(
    session: Session,
    keep_id: int,
    other_ids: Sequence[int],
    head_id: int,
    relations_picked: Mapping[int, str] | None = None,
) -> HouseholdMade:
    """The members of `other_ids` join household `keep_id` (its address and code stay), which
    `head_id` heads; the households they leave are tombstoned with the reason. A head who steps
    down becomes 其他 (or what the user picked: `relations_picked`), and their members' relations
    follow (see the module's notes)."""
    scope.writing(session)
    others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
    scope.check_households(session, [keep_id, *others])
    if not others:
        raise InvalidInput("请选择要并入的另一户。", "Choose the other household to merge.")
    keep = _live_household(session, keep_id)
    leaving = [_live_household(session, i) for i in others]
    families = [_members(session, keep_id)] + [_members(session, h.id) for h in leaving]
    everyone = [m for family in families for m in family]
    head = next((m for m in everyone if m.id == head_id), None)
    if head is None:
        raise InvalidInput(
            "户主必须是合并后这一户的成员之一。",
            "The head must be a member of the merged household.",
        )
    picked = relations_picked or {}
    wanted: dict[int, str] = {}
    for family in families:
        wanted.update(
            relations.under(family, next((m for m in family if m.is_head), None), head, picked)
        )
    for person in everyone:
        if person.is_head and person is not head:
            _step_down(person)
    session.flush()
    for person in everyone:
        person.household_id = keep.id
    _make_head(head)
    relations.settle(everyone, wanted)
    now = utcnow()
    for household in leaving:
        household.deleted_at = now
        household.delete_reason = f"并入 {keep.address_code}（户号 {keep.code}）"
    session.flush()
    return HouseholdMade(keep.id, keep.code, keep.address_code)


def heads_ok(session: Session, household_id: int) -> bool:
    """Exactly one head among the household's live members (the rule the operations keep)."""
    heads = session.scalar(
        select(func.count())
        .select_from(Resident)
        .where(
            Resident.household_id == household_id,
            Resident.is_head,
            Resident.deleted_at.is_(None),
        )
    )
    return heads == 1
