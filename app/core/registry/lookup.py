"""The registry of households and residents: the list (ids first, rows on demand), one household
with its members, and the changes staff make by hand. The 住户 page and the CLI call these.

Every change goes through a write session, so it is stamped and audited by the session events;
a delete is a tombstone with its reason; a household always keeps exactly one head.

Who may see and change what is asked here, where the work is done (app.core.trust.scope): a grid
worker lists, counts, opens and changes the households of their grids only (another grid's
household or resident is refused before anything of it is read); a viewer opens no one's record
(the count alone stays); a change needs the right to record data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.core.common.masking import age_on, mask_id_number, mask_phone
from app.core.common.text import strip_invisible
from app.core.registry import idnumber, relations
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import (
    RESIDENCY,
    RESIDENT_STATUS,
    Building,
    Grid,
    Household,
    Resident,
    Tag,
    join_tags,
    split_tags,
)
from app.errors import InvalidInput

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")


@dataclass(frozen=True)
class ResidentFilter:
    community: str | None = None  # at a street office: the code of the community it came from
    grid_id: int | None = None
    building_id: int | None = None
    tag: str | None = None
    residency: str | None = None
    status: str | None = "active"


SORT_KEYS = ("id", "name", "address", "age")  # id: the order of registration


def _list_query(
    session: Session, f: ResidentFilter, sort: str, descending: bool
) -> Select[tuple[int]]:
    q = _filtered(session, select(Resident.id), f, joined=sort == "address")
    if sort == "name":
        keys: list[Any] = [Resident.name, Resident.id]
    elif sort == "address":
        keys = [Household.building_id, Household.unit, Household.room, Resident.household_id]
        keys += [Resident.is_head.desc(), Resident.id]
    elif sort == "age":
        keys = [Resident.birth_date, Resident.id]
        descending = not descending  # ascending age: the latest birth date (the youngest) first
    else:
        keys = [Resident.id]
    if descending:
        keys = [k.desc() if hasattr(k, "desc") else k for k in keys]
    return q.order_by(*keys)


def _filtered(
    session: Session, q: Select[Any], f: ResidentFilter, joined: bool = False
) -> Select[Any]:
    q = q.where(Resident.deleted_at.is_(None), scope.resident_clause(session))
    needs_household = joined or f.grid_id is not None or f.building_id is not None
    if needs_household:
        q = q.join(Household, Household.id == Resident.household_id)
        if f.grid_id is not None:
            q = q.where(Household.grid_id == f.grid_id)
        if f.building_id is not None:
            q = q.where(Household.building_id == f.building_id)
    if f.community:
        q = q.where(Resident.origin == f.community)
    if f.tag:
        q = q.where(Resident.tags.like(f"%,{f.tag},%"))
    if f.residency:
        q = q.where(Resident.residency == f.residency)
    if f.status:
        q = q.where(Resident.status == f.status)
    return q


def resident_count(session: Session, f: ResidentFilter) -> int:
    """How many residents the filter selects (the status bar's 共 N 人), without listing them."""
    count: int = session.execute(
        _filtered(session, select(func.count()).select_from(Resident), f)
    ).scalar_one()
    return count


def resident_ids(
    session: Session,
    f: ResidentFilter,
    sort: str = "id",
    descending: bool = False,
    limit: int | None = None,
) -> list[int]:
    """The ids of the residents the filter selects, in order (the first `limit` of them): cheap
    even at 180,000."""
    if sort not in SORT_KEYS:
        raise ValueError(sort)
    scope.personal(session)
    stmt = _list_query(session, f, sort, descending)
    if limit is not None:
        stmt = stmt.limit(limit)
    conn = session.connection()
    compiled = stmt.compile(
        dialect=conn.dialect, compile_kwargs={"literal_binds": False, "render_postcompile": True}
    )
    # plain DBAPI rows: 180,000 ints without a Row object each (a third of the time)
    params: Any = (
        tuple(compiled.params[k] for k in compiled.positiontup)
        if compiled.positiontup  # SQLite's ? placeholders
        else compiled.params  # psycopg's named ones
    )
    raw = conn.exec_driver_sql(str(compiled), params)
    return [r[0] for r in raw.cursor.fetchall()] if raw.cursor is not None else []


@dataclass(frozen=True)
class ResidentRow:
    """One line of the list, masked for the screen: the age, never the birth date, beside the
    masked ID number (`app.core.common.masking`)."""

    id: int
    household_id: int
    name: str
    gender: str
    age: int | None
    id_masked: str
    phone_masked: str
    address_code: str
    household_code: str
    relation: str
    is_head: bool
    residency: str
    tags: tuple[str, ...]
    status: str
    community: str = ""  # the code of the office that owns the record (its community)


def resident_rows(session: Session, ids: Sequence[int]) -> list[ResidentRow]:
    """The list lines for some ids, in the order given (one query per page of the table)."""
    scope.personal(session)
    if not ids:
        return []
    today = date.today()
    rows = session.execute(
        select(
            Resident.id,
            Resident.household_id,
            Resident.name,
            Resident.gender,
            Resident.birth_date,
            Resident.id_number,
            Resident.phone,
            Household.address_code,
            Household.code,
            Resident.relation,
            Resident.is_head,
            Resident.residency,
            Resident.tags,
            Resident.status,
            Resident.origin,
        )
        .join(Household, Household.id == Resident.household_id)
        .where(Resident.id.in_(list(ids)), scope.household_clause(session))
    ).all()
    by_id = {
        r[0]: ResidentRow(
            id=r[0],
            household_id=r[1],
            name=r[2],
            gender={"M": "男", "F": "女"}.get(r[3] or "", ""),
            age=age_on(r[4], today),
            id_masked=mask_id_number(r[5]),
            phone_masked=mask_phone(r[6]),
            address_code=r[7],
            household_code=r[8],
            relation=r[9] or "",
            is_head=bool(r[10]),
            residency=r[11],
            tags=tuple(split_tags(r[12])),
            status=r[13],
            community=r[14],
        )
        for r in rows
    }
    return [by_id[i] for i in ids if i in by_id]


@dataclass(frozen=True)
class Choice:
    """One choice of a filter. `label` names it in Chinese (北区（G01）, 3栋), as the printed roster
    and the command line do; a window in another language names it from the parts."""

    id: int
    label: str
    name: str = ""  # a grid's name, a building's number
    code: str = ""  # a grid's code
    community: str = ""  # at a street office, the name of the community it is in


@dataclass(frozen=True)
class FilterOptions:
    grids: list[Choice]
    buildings: list[Choice]
    tags: list[str]
    communities: dict[str, str]  # code → name, at a street office (its enrolled communities)


def filter_options(session: Session) -> FilterOptions:
    """The choices above the list (a grid worker's grids only). At a street office a grid or
    building is named with its community (every community has its 3栋)."""
    communities = community_names(session)

    def community(origin: str) -> str:
        return communities.get(origin, origin) if communities else ""

    def where(origin: str) -> str:
        return f"{community(origin)} · " if communities else ""

    grids = [
        Choice(
            i,
            f"{where(origin)}{name}（{code}）",
            name,
            code,
            community(origin),
        )
        for i, code, name, origin in session.execute(
            select(Grid.id, Grid.code, Grid.name, Grid.origin)
            .where(Grid.deleted_at.is_(None), *_own_grids(session))
            .order_by(Grid.origin, Grid.code)
        )
    ]
    buildings = sorted(
        (
            (
                origin,
                Choice(
                    i,
                    f"{where(origin)}{number}栋",
                    number,
                    community=community(origin),
                ),
            )
            for i, number, origin in session.execute(
                select(Building.id, Building.number, Building.origin).where(
                    Building.deleted_at.is_(None)
                )
            )
        ),
        key=lambda pair: (pair[0], len(pair[1].label), pair[1].label),
    )
    tags = list(session.scalars(select(Tag.name).order_by(Tag.position)))
    return FilterOptions(grids, [choice for _o, choice in buildings], tags, communities)


def _own_grids(session: Session) -> list[Any]:
    """A grid worker's grids only (app.core.trust.scope); no condition for everyone else."""
    ids = scope.grid_ids(session)
    return [] if ids is None else [Grid.id.in_(sorted(ids))]


def community_names(session: Session) -> dict[str, str]:
    """The communities whose records a street office holds, code → name (empty at a community):
    3-2-502 means nothing at a street office without the community it is in."""
    from app.db.models_exchange import EnrolledOffice

    return {
        code: name
        for code, name in session.execute(
            select(EnrolledOffice.code, EnrolledOffice.name)
            .where(EnrolledOffice.role == "community")
            .order_by(EnrolledOffice.code)
        )
    }


# --- one household -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    gender: str | None
    birth_date: date | None
    id_number: str | None
    doc_type: str | None
    doc_number: str | None
    phone: str | None
    relation: str | None
    is_head: bool
    residency: str
    tags: tuple[str, ...]
    status: str
    notes: str | None


@dataclass(frozen=True)
class HouseholdView:
    id: int
    code: str
    address_code: str
    building: str
    unit: int
    room: str
    grid: str | None
    phone: str | None
    members: list[Member] = field(default_factory=list)
    community: str = ""  # the code of the office that owns the household

    @property
    def head(self) -> Member | None:
        return next((m for m in self.members if m.is_head), None)


def _member(r: Resident) -> Member:
    return Member(
        id=r.id,
        name=r.name,
        gender=r.gender,
        birth_date=r.birth_date,
        id_number=r.id_number,
        doc_type=r.doc_type,
        doc_number=r.doc_number,
        phone=r.phone,
        relation=r.relation,
        is_head=r.is_head,
        residency=r.residency,
        tags=tuple(split_tags(r.tags)),
        status=r.status,
        notes=r.notes,
    )


def household_view(session: Session, household_id: int) -> HouseholdView:
    """One household with its members; refused for a viewer, and for a grid worker when it is
    not in their grids (app.core.trust.scope)."""
    scope.personal(session)
    scope.check_household(session, household_id)
    h = session.get(Household, household_id)
    if h is None or h.deleted_at is not None:
        raise InvalidInput("这一户已不存在。", "The household no longer exists.")
    building = session.get(Building, h.building_id)
    grid = session.get(Grid, h.grid_id) if h.grid_id else None
    members = session.scalars(
        select(Resident)
        .where(Resident.household_id == h.id, Resident.deleted_at.is_(None))
        .order_by(Resident.is_head.desc(), Resident.id)
    ).all()
    return HouseholdView(
        id=h.id,
        code=h.code,
        address_code=h.address_code,
        building=building.number if building else "",
        unit=h.unit,
        room=h.room,
        grid=grid.name if grid else None,
        phone=h.phone,
        members=[_member(m) for m in members],
        community=h.origin,
    )


def find_household(session: Session, text: str) -> int | None:
    """A household named as the CLI names it: its address code (3-2-502) or its code (H000123).
    One outside a grid worker's grids is refused (OutsideGrids), not returned."""
    found = _find_household(session, text)
    scope.check_household(session, found)
    return found


def _find_household(session: Session, text: str) -> int | None:
    from app.core.registry import address

    value = address.clean(text).upper()
    parsed = address.parse(value)
    q = select(Household.id).where(Household.deleted_at.is_(None))
    if parsed is not None:
        got = session.scalars(q.where(Household.address_code == parsed.code)).first()
        if got is not None:
            return got
    return session.scalars(q.where(Household.code == value)).first()


def find_resident(session: Session, text: str, household_id: int | None = None) -> int:
    """A resident named as the CLI names one: the record's number (as `duplicates list` and
    `household show` print it), an ID number, or `HOUSEHOLD/NAME` (3-2-502/张三); within
    `household_id`, the name alone. Refused when nobody, or more than one, answers."""
    value = "".join((text or "").split())
    live = Resident.deleted_at.is_(None)
    q = select(Resident.id).where(live)
    found: list[int] = []
    where = value
    if "/" in value:
        where, name = value.rsplit("/", 1)
        household = find_household(session, where)
        if household is None:
            raise InvalidInput(f"找不到住户 {where}", f"No household {where}")
        found = list(
            session.scalars(q.where(Resident.household_id == household, Resident.name == name))
        )
    elif value.isdigit() and len(value) < 15:
        found = list(session.scalars(q.where(Resident.id == int(value))))
    elif len(value) in (15, 18) and value[:-1].isdigit():
        try:
            number = idnumber.parse(value).number
        except idnumber.IdNumberError as exc:
            raise InvalidInput(exc.zh, exc.en) from exc
        found = list(session.scalars(q.where(Resident.id_number == number)))
    elif household_id is not None and value:
        found = list(
            session.scalars(q.where(Resident.household_id == household_id, Resident.name == value))
        )
    if len(found) > 1:
        raise InvalidInput(
            f"“{text}”对应多名居民，请用编号指定",
            f"More than one resident answers to '{text}'; give the record number",
        )
    if not found:
        raise InvalidInput(f"找不到居民 {text}", f"No resident {text}")
    scope.check_resident(session, found[0])
    return found[0]


def resident_input(person: Resident) -> ResidentInput:
    """What the resident form would show for `person` (to change some fields and save)."""
    return ResidentInput(
        name=person.name,
        id_number=person.id_number or "",
        gender=person.gender,
        birth_date=person.birth_date,
        doc_type=person.doc_type,
        doc_number=person.doc_number or "",
        phone=person.phone or "",
        relation=person.relation or "",
        residency=person.residency,
        tags=split_tags(person.tags),
        status=person.status,
        notes=person.notes or "",
    )


# --- changes -----------------------------------------------------------------------------------


NOTES_MAX = 2000  # a resident's notes: a few lines, far below what a spreadsheet cell holds


@dataclass
class ResidentInput:
    """What the resident form sends; `check()` says what is wrong, field by field, in Chinese."""

    name: str
    id_number: str = ""
    gender: str | None = None
    birth_date: date | None = None
    doc_type: str | None = None
    doc_number: str = ""
    phone: str = ""
    relation: str = ""
    residency: str = "registered"
    tags: list[str] = field(default_factory=list)
    status: str = "active"
    notes: str = ""

    def check(self) -> dict[str, str]:
        """Field → message; fills birth date and gender from the ID number and normalises it."""
        errors: dict[str, str] = {}
        # what nobody types on purpose (controls, bidi overrides) goes (app.core.common.text)
        self.name = " ".join(strip_invisible(self.name).split())
        self.relation = strip_invisible(self.relation).strip()
        self.doc_number = strip_invisible(self.doc_number).strip()
        self.notes = strip_invisible(self.notes).strip()
        if not self.name:
            errors["name"] = "请填写姓名"
        elif len(self.name) > 60:
            errors["name"] = "姓名不能超过60个字"
        if len(self.relation) > 20:
            errors["relation"] = "与户主关系不能超过20个字"
        if len(self.doc_number) > 40:
            errors["doc_number"] = "证件号不能超过40个字"
        if len(self.notes) > NOTES_MAX:
            # a spreadsheet cell holds 32,767 characters: longer would be cut on export
            errors["notes"] = f"备注不能超过{NOTES_MAX}个字（现有{len(self.notes)}个）"
        raw = self.id_number.strip()
        if raw:
            try:
                info = idnumber.parse(raw)
            except idnumber.IdNumberError as exc:
                errors["id_number"] = exc.zh
            else:
                self.id_number = info.number  # x → X, 15 digits → 18
                self.birth_date = info.birth_date
                self.gender = info.gender
                self.doc_type = "id_card"
        else:
            self.id_number = ""
            if self.doc_type == "id_card":
                self.doc_type = None
        phone = "".join(self.phone.split())
        if phone and not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
            errors["phone"] = "手机号应为11位，固定电话如 027-88886666"
        self.phone = phone
        if self.residency not in RESIDENCY:
            errors["residency"] = "户籍类型应为户籍、流动或境外"
        if self.status not in RESIDENT_STATUS:
            errors["status"] = "状态无效"
        if self.birth_date is not None and self.birth_date > date.today():
            errors["birth_date"] = "出生日期不能晚于今天"
        return errors

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id_number": self.id_number or None,
            "gender": self.gender,
            "birth_date": self.birth_date,
            "doc_type": self.doc_type,
            "doc_number": self.doc_number.strip() or None,
            "phone": self.phone or None,
            "relation": self.relation.strip() or None,
            "residency": self.residency,
            "tags": join_tags(self.tags),
            "status": self.status,
            "notes": self.notes.strip() or None,
        }


def _checked(data: ResidentInput) -> dict[str, Any]:
    errors = data.check()
    if errors:
        first = next(iter(errors.values()))
        raise InvalidInput(first, "; ".join(f"{k}: {v}" for k, v in errors.items()))
    return data.values()


def _id_taken(session: Session, number: str | None, except_id: int | None) -> None:
    if not number:
        return
    q = select(Resident.name, Household.address_code).join(
        Household, Household.id == Resident.household_id
    )
    q = q.where(Resident.id_number == number, Resident.deleted_at.is_(None))
    if except_id is not None:
        q = q.where(Resident.id != except_id)
    other = session.execute(q).first()
    if other is not None:
        raise InvalidInput(
            f"身份证号已登记在 {other[1]} 的 {other[0]} 名下",
            f"The ID number is already registered to {other[0]} at {other[1]}",
        )


def add_resident(session: Session, household_id: int, data: ResidentInput) -> int:
    scope.writing(session)
    scope.check_household(session, household_id)
    values = _checked(data)
    _id_taken(session, values["id_number"], None)
    household = session.get(Household, household_id)
    if household is None or household.deleted_at is not None:
        raise InvalidInput("这一户已不存在。", "The household no longer exists.")
    has_head = session.scalar(
        select(func.count())
        .select_from(Resident)
        .where(
            Resident.household_id == household_id,
            Resident.is_head,
            Resident.deleted_at.is_(None),
        )
    )
    person = Resident(household_id=household_id, is_head=not has_head, **values)
    session.add(person)
    session.flush()
    return person.id


def update_resident(session: Session, resident_id: int, data: ResidentInput) -> None:
    scope.writing(session)
    scope.check_resident(session, resident_id)
    values = _checked(data)
    person = _live(session, resident_id)
    _id_taken(session, values["id_number"], resident_id)
    for key, value in values.items():
        if getattr(person, key) != value:
            setattr(person, key, value)


def _live(session: Session, resident_id: int) -> Resident:
    person = session.get(Resident, resident_id)
    if person is None or person.deleted_at is not None:
        raise InvalidInput("此居民已不存在。", "The resident no longer exists.")
    return person


def change_head(session: Session, resident_id: int, old_head_relation: str | None = None) -> bool:
    """Make this member the head of their household; the old head stays a member (one action),
    with `old_head_relation` or the one `app.core.registry.relations` works out, and the others' relations
    follow the new head. False when the member was the head already (nothing changed)."""
    scope.writing(session)
    scope.check_resident(session, resident_id)
    person = _live(session, resident_id)
    if person.is_head:
        return False
    family = _family(session, person.household_id)
    old = next((m for m in family if m.is_head), None)
    picked = {old.id: old_head_relation} if old is not None and old_head_relation else {}
    wanted = relations.under(family, old, person, picked)
    if old is not None:
        old.is_head = False
        session.flush()  # the one-head index sees the old head leave first
    person.is_head = True
    relations.settle(family, wanted)
    return True


def _family(session: Session, household_id: int) -> list[Resident]:
    return list(
        session.scalars(
            select(Resident)
            .where(Resident.household_id == household_id, Resident.deleted_at.is_(None))
            .order_by(Resident.id)
        )
    )


def move_resident(
    session: Session, resident_id: int, to_household_id: int, relation: str | None = None
) -> None:
    """Move a person to another household, where their relation to its head is `relation` (else
    其他; 户主 if it has none). A head who leaves is replaced by the eldest member, and the
    relations there follow the new head."""
    scope.writing(session)
    scope.check_resident(session, resident_id)
    scope.check_household(session, to_household_id)
    person = _live(session, resident_id)
    target = session.get(Household, to_household_id)
    if target is None or target.deleted_at is not None:
        raise InvalidInput("目标户不存在。", "The target household does not exist.")
    if target.id == person.household_id:
        raise InvalidInput("此人已在这一户。", "The person is already in that household.")
    old_household = person.household_id
    was_head = person.is_head
    target_has_head = session.scalar(
        select(func.count())
        .select_from(Resident)
        .where(
            Resident.household_id == target.id,
            Resident.is_head,
            Resident.deleted_at.is_(None),
        )
    )
    person.is_head = False
    session.flush()
    person.household_id = target.id
    if not target_has_head:
        person.is_head = True
        person.relation = relations.HEAD
    else:
        person.relation = relations.clean(relation) or relations.OTHER
    session.flush()
    if was_head:
        _promote_next(session, old_household)


def _promote_next(session: Session, household_id: int) -> None:
    """The eldest remaining member heads the household; the relations follow them."""
    promote_eldest(session, household_id)


def promote_eldest(session: Session, household_id: int) -> None:
    """After the head left: the eldest member heads the household, the relations follow."""
    family = _family(session, household_id)
    if not family:
        return
    nxt = min(family, key=lambda m: (m.birth_date is None, m.birth_date, m.id))
    wanted = relations.under(family, None, nxt, {})
    nxt.is_head = True
    relations.settle(family, wanted)


def delete_resident(session: Session, resident_id: int, reason: str) -> None:
    """A tombstone with its reason; a head's household gets the eldest member as new head."""
    scope.writing(session)
    scope.check_resident(session, resident_id)
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请填写删除原因。", "A reason for the deletion is required.")
    person = _live(session, resident_id)
    was_head = person.is_head
    person.deleted_at = utcnow()
    person.delete_reason = reason
    person.is_head = False
    session.flush()
    if was_head:
        _promote_next(session, person.household_id)
