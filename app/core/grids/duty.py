"""The people on duty (一格多员): the roster, each person's code and responsibility zone, and the
contact sheets printed per grid.

* Everyone on the roster has a `code` (P0001…) printed on a card as a barcode; a USB scanner types
  it with Enter at the office (`duty_checkin`).
* A person's posting (for sent-down cadres) bounds the shifts they may take (`duty_shifts`).
  Refusals raise `InvalidInput` (Chinese and English) before anything is written.

Every operation takes a Session and plain values and returns plain values.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core.grids.structure import (
    active_on,
    get_grid,
    natural_key,
    parse_building_ranges,
    resolve_buildings,
)
from app.core.registry import address
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Building, Grid, Household, Resident, join_tags, split_tags
from app.db.models_grids import (
    PERSON_ROLES,
    DutyPerson,
    DutyShift,
    DutyZone,
    ShiftAssignment,
)
from app.errors import InvalidInput

ROLE_NAMES: dict[str, tuple[str, str]] = {
    "staff": ("社区工作人员", "community staff"),
    "grid_leader": ("网格长", "grid leader"),
    "grid_worker": ("网格员", "grid worker"),
    "building_leader": ("楼长", "building leader"),
    "unit_leader": ("单元长", "unit leader"),
    "party_member": ("党员", "party member"),
    "volunteer": ("志愿者", "volunteer"),
    "cadre": ("下沉干部", "sent-down cadre"),
    "social_worker": ("社工", "social worker"),
    "partner": ("共建单位", "partner organisation"),
}
assert set(ROLE_NAMES) == set(PERSON_ROLES)
# the words staff write in a roster's 角色 column
ROLE_WORDS: dict[str, str] = {
    **{zh: role for role, (zh, _en) in ROLE_NAMES.items()},
    **{role: role for role in PERSON_ROLES},
    **{en: role for role, (_zh, en) in ROLE_NAMES.items()},
    "工作人员": "staff",
    "社区干部": "staff",
    "社区工作者": "staff",
    "专职网格员": "grid_worker",
    "兼职网格员": "grid_worker",
    "网格管理员": "grid_worker",
    "楼栋长": "building_leader",
    "党员志愿者": "party_member",
    "在职党员": "party_member",
    "党员责任区": "party_member",
    "志愿": "volunteer",
    "青年志愿者": "volunteer",
    "下沉党员干部": "cadre",
    "下沉人员": "cadre",
    "机关干部": "cadre",
    "社会工作者": "social_worker",
    "社工人员": "social_worker",
    "社会组织": "partner",
    "企业": "partner",
    "物业": "partner",
    "合作单位": "partner",
    "共建单位": "partner",
}
# roles chosen from the residents: they must link to a resident record
RESIDENT_ROLES = ("building_leader", "unit_leader")


_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,19}$")
_SKILL_SPLIT = re.compile(r"[,，、;；/\s]+")
MAX_NAME = 60


def split_skills(values: Iterable[str]) -> list[str]:
    """驾驶、医护 / 驾驶,医护 / [驾驶, 医护] → ["医护", "驾驶"] (sorted, each once)."""
    return sorted({s for raw in values for s in _SKILL_SPLIT.split(raw.strip()) if s})


def role_name(role: str, lang: str = "zh") -> str:
    zh, en = ROLE_NAMES.get(role, (role, role))
    return en if lang == "en" else zh


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")


def phone_looks_valid(phone: str) -> bool:
    """An 11-digit mobile number or a landline (027-88886666, 88886666-123)."""
    return bool(_MOBILE.match(phone) or _LANDLINE.match(phone))


def role_from_text(text: str) -> str | None:
    value = unicodedata.normalize("NFKC", text or "").strip()
    return ROLE_WORDS.get(value) or ROLE_WORDS.get(value.lower())


def normalise_code(code: str) -> str:
    """What a scanner or a keyboard typed: spaces and full-width forms folded, upper case."""
    return "".join(unicodedata.normalize("NFKC", code or "").split()).upper()


# --- zones ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZonePart:
    building_id: int
    building: str
    unit: int | None = None
    household_id: int | None = None
    household: str | None = None

    @property
    def label(self) -> str:
        if self.household:
            return self.household
        if self.unit is not None:
            return f"{self.building}栋{self.unit}单元"
        return f"{self.building}栋"


_UNIT_SPEC = re.compile(r"^(\d{1,4}[A-Z]?)(?:栋|幢|号楼|楼|座)(\d{1,2})单元$")


def parse_zone(session: Session, spec: str) -> list[ZonePart]:
    """A responsibility zone as written: buildings and ranges (5,7-9), units (3栋2单元) and
    households (3-2-502, 3栋2单元502), separated by commas. Unknown ones are refused."""
    value = unicodedata.normalize("NFKC", spec or "").strip().upper()
    if not value:
        return []
    parts: list[ZonePart] = []
    building_tokens: list[str] = []
    households: list[str] = []
    units: list[tuple[str, int, str]] = []
    for token in (t for t in re.split(r"[,，、;；\s]+", value) if t):
        unit = _UNIT_SPEC.match(token)
        if unit:
            units.append((unit.group(1), int(unit.group(2)), token))
            continue
        if token.count("-") == 2 or "单元" in token:
            parsed = address.parse(token)
            if parsed is None:
                raise InvalidInput(
                    f"责任区中无法识别“{token}”（楼栋写 5 或 7-9，单元写 3栋2单元，住户写 3-2-502）",
                    f"Zone part not understood: '{token}' (buildings 5 or 7-9, units 3栋2单元, "
                    "households 3-2-502)",
                )
            households.append(parsed.code)
            continue
        building_tokens.append(token)
    buildings = {
        number: bid
        for number, bid in session.execute(
            select(Building.number, Building.id).where(Building.deleted_at.is_(None))
        )
        .tuples()
        .all()
    }
    if building_tokens:
        found = resolve_buildings(session, parse_building_ranges(",".join(building_tokens)))
        parts += [ZonePart(bid, n) for bid, n in zip(found.ids, found.numbers, strict=True)]
    unknown: list[str] = []
    unit_counts = dict(
        session.execute(select(Building.id, Building.units).where(Building.deleted_at.is_(None)))
        .tuples()
        .all()
    )
    for number, unit_no, token in units:
        bid = buildings.get(number)
        if bid is None or unit_no > unit_counts.get(bid, 0):
            unknown.append(token)
        else:
            parts.append(ZonePart(bid, number, unit=unit_no))
    if households:
        found_h = {
            code: (hid, bid)
            for code, hid, bid in session.execute(
                select(Household.address_code, Household.id, Household.building_id).where(
                    Household.address_code.in_(households), Household.deleted_at.is_(None)
                )
            )
        }
        number_of = {bid: n for n, bid in buildings.items()}
        for code in households:
            if code in found_h:
                hid, bid = found_h[code]
                parts.append(
                    ZonePart(bid, number_of.get(bid, "?"), household_id=hid, household=code)
                )
            else:
                unknown.append(code)
    if unknown:
        raise InvalidInput(
            f"责任区中有不存在的单元或住户：{'、'.join(unknown)}",
            f"The zone names units or households that do not exist: {', '.join(unknown)}",
        )
    seen: set[tuple[int, int | None, int | None]] = set()
    unique = []
    for p in parts:
        key = (p.building_id, p.unit, p.household_id)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def zone_text(parts: Iterable[ZonePart]) -> str:
    """Zone parts written back as the spec staff would type (buildings compressed into ranges)."""
    whole = sorted(
        {p.building for p in parts if p.unit is None and p.household is None}, key=natural_key
    )
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run.clear()

    for number in whole:
        if number.isdigit() and run and int(number) == run[-1] + 1:
            run.append(int(number))
            continue
        flush()
        if number.isdigit():
            run.append(int(number))
        else:
            out.append(number)
    flush()
    out += [p.label for p in parts if p.unit is not None]
    out += [p.label for p in parts if p.household is not None]
    return ",".join(out)


def _zone_parts(session: Session, person_ids: Sequence[int]) -> dict[int, list[ZonePart]]:
    found: dict[int, list[ZonePart]] = defaultdict(list)
    if not person_ids:
        return found
    for pid, bid, number, unit, hid, code in session.execute(
        select(
            DutyZone.person_id,
            DutyZone.building_id,
            Building.number,
            DutyZone.unit,
            DutyZone.household_id,
            Household.address_code,
        )
        .join(Building, Building.id == DutyZone.building_id)
        .outerjoin(Household, Household.id == DutyZone.household_id)
        .where(DutyZone.person_id.in_(person_ids), DutyZone.deleted_at.is_(None))
        .order_by(DutyZone.id)
    ):
        found[pid].append(ZonePart(bid, number, unit, hid, code))
    return found


# --- the roster ----------------------------------------------------------------------------------


@dataclass
class PersonInput:
    """A person as a form or an import row gives them."""

    name: str
    role: str
    phone: str | None = None
    grid: str | None = None  # grid code
    resident_id: int | None = None
    organisation: str | None = None
    posting_start: date | None = None
    posting_end: date | None = None
    skills: Sequence[str] = ()
    availability: str | None = None
    health: str | None = None
    zone: str | None = None  # "5,7-9,3栋2单元,3-2-502"
    code: str | None = None  # given, or the next free P0001…
    status: str = "active"
    notes: str | None = None


@dataclass(frozen=True)
class PersonRow:
    id: int
    code: str
    name: str
    role: str
    phone: str | None
    grid_code: str | None
    grid_name: str | None
    resident_id: int | None
    resident_address: str | None
    organisation: str | None
    posting_start: date | None
    posting_end: date | None
    skills: list[str]
    availability: str | None
    health: str | None
    status: str
    notes: str | None
    zone: list[ZonePart] = field(default_factory=list)

    @property
    def zone_text(self) -> str:
        return zone_text(self.zone)

    def to_input(self) -> PersonInput:
        return PersonInput(
            name=self.name,
            role=self.role,
            phone=self.phone,
            grid=self.grid_code,
            resident_id=self.resident_id,
            organisation=self.organisation,
            posting_start=self.posting_start,
            posting_end=self.posting_end,
            skills=list(self.skills),
            availability=self.availability,
            health=self.health,
            zone=self.zone_text,
            code=self.code,
            status=self.status,
            notes=self.notes,
        )

    def as_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "role": self.role,
            "role_name": role_name(self.role, lang),
            "phone": self.phone,
            "grid": self.grid_code,
            "resident_address": self.resident_address,
            "organisation": self.organisation,
            "posting_start": self.posting_start.isoformat() if self.posting_start else None,
            "posting_end": self.posting_end.isoformat() if self.posting_end else None,
            "skills": self.skills,
            "availability": self.availability,
            "status": self.status,
            "zone": self.zone_text,
        }


def next_code(session: Session) -> str:
    """The next free check-in code P0001, P0002, … (codes given by an import are kept)."""
    numbers = [
        int(c[1:])
        for c in session.scalars(select(DutyPerson.code).where(DutyPerson.code.like("P%")))
        if c[1:].isdigit()
    ]
    return f"P{(max(numbers, default=0) + 1):04d}"


def _clean(value: str | None, limit: int, what_zh: str, what_en: str) -> str | None:
    text = " ".join(unicodedata.normalize("NFKC", value or "").split())
    if len(text) > limit:
        raise InvalidInput(
            f"{what_zh}过长（不超过 {limit} 字）。", f"{what_en} is too long (at most {limit})."
        )
    return text or None


def validate_person(session: Session, data: PersonInput, person_id: int | None) -> dict[str, Any]:
    name = _clean(data.name, MAX_NAME, "姓名", "The name")
    if not name:
        raise InvalidInput("姓名不能为空。", "The name is required.")
    if data.role not in PERSON_ROLES:
        raise InvalidInput(
            f"未知的人员类别：{data.role}（可选：{'、'.join(zh for zh, _ in ROLE_NAMES.values())}）",
            f"Unknown role: {data.role} (one of {', '.join(PERSON_ROLES)})",
        )
    if data.status not in ("active", "inactive"):
        raise InvalidInput(f"未知的状态：{data.status}", f"Unknown status: {data.status}")
    grid_id = get_grid(session, data.grid).id if data.grid else None
    if data.posting_start and data.posting_end and data.posting_end < data.posting_start:
        raise InvalidInput(
            f"结束日期 {data.posting_end} 早于开始日期 {data.posting_start}。",
            f"The end date {data.posting_end} is before the start {data.posting_start}.",
        )
    if data.role == "cadre" and data.posting_start is None:
        raise InvalidInput(
            f"下沉干部 {name} 要填写下沉开始日期。",
            f"Sent-down cadre {name}: the start of the posting is required.",
        )
    if data.role == "cadre" and not (data.organisation or "").strip():
        raise InvalidInput(
            f"下沉干部 {name} 要填写派出单位。",
            f"Sent-down cadre {name}: the home unit is required.",
        )
    resident_id = data.resident_id
    if resident_id is not None:
        live = session.scalar(
            select(Resident.id).where(Resident.id == resident_id, Resident.deleted_at.is_(None))
        )
        if live is None:
            raise InvalidInput(
                "关联的居民记录不存在或已删除。", "The linked resident does not exist."
            )
    if data.role in RESIDENT_ROLES and resident_id is None:
        raise InvalidInput(
            f"{role_name(data.role)}要从本社区居民中选定：请为 {name} 关联居民记录。",
            f"A {role_name(data.role, 'en')} is chosen from the residents: link {name} to a "
            "resident record.",
        )
    zone = parse_zone(session, data.zone or "")
    if (
        data.role == "unit_leader"
        and zone
        and any(p.unit is None and not p.household for p in zone)
    ):
        raise InvalidInput(
            f"单元长 {name} 的责任区应写到单元（如 3栋2单元）。",
            f"Unit leader {name}: write the zone as units (3栋2单元).",
        )
    if data.role in ("building_leader", "unit_leader") and not zone:
        raise InvalidInput(
            f"请写明{role_name(data.role)} {name} 负责的{'楼栋' if data.role == 'building_leader' else '单元'}。",
            f"Give the {'building' if data.role == 'building_leader' else 'unit'} "
            f"{name} answers for.",
        )
    code = normalise_code(data.code) if data.code else None
    if code is not None:
        if not _CODE.match(code):
            raise InvalidInput(
                f"人员编号应为 1 至 20 位字母、数字或“-”：{data.code}",
                f"A person's code is 1-20 letters, digits or '-': {data.code}",
            )
        clash = session.scalar(
            select(DutyPerson.name).where(
                DutyPerson.code == code,
                DutyPerson.deleted_at.is_(None),
                DutyPerson.id != (person_id or 0),
            )
        )
        if clash:
            raise InvalidInput(
                f"人员编号 {code} 已被 {clash} 使用。", f"The code {code} is used by {clash}."
            )
    skills = split_skills(data.skills)
    return {
        "name": name,
        "role": data.role,
        "phone": _clean(data.phone, 40, "电话", "The phone"),
        "grid_id": grid_id,
        "resident_id": resident_id,
        "organisation": _clean(data.organisation, 100, "单位", "The organisation"),
        "posting_start": data.posting_start,
        "posting_end": data.posting_end,
        "skills": join_tags(skills),
        "availability": _clean(data.availability, 200, "可服务时间", "The availability"),
        "health": _clean(data.health, 100, "健康状况", "The health note"),
        "status": data.status,
        "notes": (data.notes or "").strip() or None,
        "code": code,
        "zone": zone,
    }


def _set_zone(session: Session, person: DutyPerson, zone: list[ZonePart]) -> None:
    existing = list(
        session.scalars(
            select(DutyZone).where(DutyZone.person_id == person.id, DutyZone.deleted_at.is_(None))
        )
    )
    wanted = {(p.building_id, p.unit, p.household_id) for p in zone}
    have = {(z.building_id, z.unit, z.household_id): z for z in existing}
    now = utcnow()
    for key, z in have.items():
        if key not in wanted:
            z.deleted_at = now
            z.delete_reason = "zone changed"
    for p in zone:
        key = (p.building_id, p.unit, p.household_id)
        if key not in have:
            session.add(
                DutyZone(
                    person_id=person.id,
                    building_id=p.building_id,
                    unit=p.unit,
                    household_id=p.household_id,
                )
            )


# the roster of the people on duty and their shifts are the office's to plan, for every grid
ROSTER = ("编排在岗人员和班次", "planning who is on duty and their shifts")


def add_person(session: Session, data: PersonInput) -> DutyPerson:
    scope.whole_register(session, ROSTER)
    values = validate_person(session, data, None)
    zone = values.pop("zone")
    values["code"] = values["code"] or next_code(session)
    person = DutyPerson(**values)
    session.add(person)
    session.flush()
    _set_zone(session, person, zone)
    session.flush()
    return person


def _person(session: Session, person_id: int) -> DutyPerson:
    person = session.get(DutyPerson, person_id)
    if person is None or person.deleted_at is not None:
        raise InvalidInput(
            f"人员记录不存在或已删除（{person_id}）。", f"No such person ({person_id})."
        )
    return person


def edit_person(session: Session, person_id: int, data: PersonInput) -> DutyPerson:
    scope.whole_register(session, ROSTER)
    person = _person(session, person_id)
    values = validate_person(session, data, person.id)
    zone = values.pop("zone")
    values["code"] = values["code"] or person.code
    for key, value in values.items():
        setattr(person, key, value)
    _set_zone(session, person, zone)
    if values["posting_end"] is not None or values["status"] == "inactive":
        _drop_future(session, person, values["posting_end"], values["status"] == "inactive")
    session.flush()
    return person


def _drop_future(session: Session, person: DutyPerson, end: date | None, all_future: bool) -> None:
    """Shifts the person can no longer work (after the posting's end, or all once inactive) and
    has not checked in to are taken off them."""
    now = datetime.now()
    query = (
        select(ShiftAssignment)
        .join(DutyShift, DutyShift.id == ShiftAssignment.shift_id)
        .where(
            ShiftAssignment.person_id == person.id,
            ShiftAssignment.deleted_at.is_(None),
            ShiftAssignment.checked_in_at.is_(None),
            DutyShift.starts_at > now,
        )
    )
    if not all_future and end is not None:
        query = query.where(
            DutyShift.starts_at >= datetime.combine(end + timedelta(days=1), time())
        )
    elif not all_future:
        return
    for a in session.scalars(query):
        a.deleted_at = utcnow()
        a.delete_reason = "no longer on the roster then"


def remove_person(session: Session, person_id: int, reason: str | None = None) -> None:
    """Take someone off the roster (a tombstone; their served shifts stay counted)."""
    scope.whole_register(session, ROSTER)
    person = _person(session, person_id)
    _drop_future(session, person, None, True)
    now = utcnow()
    for z in session.scalars(
        select(DutyZone).where(DutyZone.person_id == person.id, DutyZone.deleted_at.is_(None))
    ):
        z.deleted_at = now
        z.delete_reason = "person removed"
    person.deleted_at = now
    person.delete_reason = reason or "removed"
    session.flush()


@dataclass(frozen=True)
class PeopleQuery:
    text: str = ""  # name, code, phone, organisation or skill
    role: str | None = None
    grid: str | None = None  # grid code; "" for no grid
    active_only: bool = False


def list_people(session: Session, query: PeopleQuery | None = None) -> list[PersonRow]:
    query = query or PeopleQuery()
    stmt = (
        select(DutyPerson, Grid.code, Grid.name, Household.address_code)
        .outerjoin(Grid, Grid.id == DutyPerson.grid_id)
        .outerjoin(Resident, Resident.id == DutyPerson.resident_id)
        .outerjoin(Household, Household.id == Resident.household_id)
        .where(DutyPerson.deleted_at.is_(None))
    )
    if query.role:
        stmt = stmt.where(DutyPerson.role == query.role)
    if query.grid == "":
        stmt = stmt.where(DutyPerson.grid_id.is_(None))
    elif query.grid:
        stmt = stmt.where(Grid.code == query.grid)
    if query.active_only:
        stmt = stmt.where(active_on(date.today()))
    text = query.text.strip()
    if text:
        like = f"%{text}%"
        stmt = stmt.where(
            or_(
                DutyPerson.name.like(like),
                DutyPerson.code == normalise_code(text),
                DutyPerson.phone.like(like),
                DutyPerson.organisation.like(like),
                DutyPerson.skills.like(f"%,{text}%"),
            )
        )
    rows = list(session.execute(stmt))
    order = {r: i for i, r in enumerate(PERSON_ROLES)}
    rows.sort(key=lambda r: (order.get(r[0].role, 99), r[1] or "~", r[0].code))
    zones = _zone_parts(session, [r[0].id for r in rows])
    return [_row(p, gcode, gname, addr, zones.get(p.id, [])) for p, gcode, gname, addr in rows]


def _row(
    p: DutyPerson, gcode: str | None, gname: str | None, addr: str | None, zone: list[ZonePart]
) -> PersonRow:
    return PersonRow(
        id=p.id,
        code=p.code,
        name=p.name,
        role=p.role,
        phone=p.phone,
        grid_code=gcode,
        grid_name=gname,
        resident_id=p.resident_id,
        resident_address=addr,
        organisation=p.organisation,
        posting_start=p.posting_start,
        posting_end=p.posting_end,
        skills=split_tags(p.skills),
        availability=p.availability,
        health=p.health,
        status=p.status,
        notes=p.notes,
        zone=zone,
    )


def get_person(session: Session, person_id: int) -> PersonRow:
    p = _person(session, person_id)
    grid = session.get(Grid, p.grid_id) if p.grid_id else None
    addr = None
    if p.resident_id:
        addr = session.scalar(
            select(Household.address_code)
            .join(Resident, Resident.household_id == Household.id)
            .where(Resident.id == p.resident_id)
        )
    return _row(
        p,
        grid.code if grid else None,
        grid.name if grid else None,
        addr,
        _zone_parts(session, [p.id]).get(p.id, []),
    )


def find_person(session: Session, code: str) -> DutyPerson:
    wanted = normalise_code(code)
    if not wanted:
        raise InvalidInput("请扫描或输入人员编号。", "Scan or type a person's code.")
    person = session.scalar(
        select(DutyPerson).where(DutyPerson.code == wanted, DutyPerson.deleted_at.is_(None))
    )
    if person is None:
        raise InvalidInput(
            f"没有编号为 {wanted} 的人员。请核对工作证上的编号。",
            f"No one on the roster has the code {wanted}. Check the code on the card.",
        )
    return person


# --- contact sheets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildingContacts:
    number: str
    households: int
    people: list[tuple[str, PersonRow]]  # (what they answer for: 全楼 / 2单元 / 3-2-502, person)


@dataclass(frozen=True)
class ContactSheet:
    grid_code: str
    grid_name: str
    households: int
    residents: int
    grid_people: list[PersonRow]  # grid leaders, grid workers, staff and cadres of the grid
    buildings: list[BuildingContacts]
    others: list[PersonRow]  # volunteers, social workers, partners of the grid without a zone


def contact_sheet(session: Session, grid_code: str) -> ContactSheet:
    """Who answers for which building of a grid: its leaders and workers, each building's
    building and unit leaders and party members, and the other people on duty there."""
    from app.core.grids.structure import buildings_overview

    grid = get_grid(session, grid_code)
    scope.check_grid(session, grid_id=grid.id)  # a grid worker: their own grids' sheets
    buildings = [b for b in buildings_overview(session, grid.code) if b.by_grid.get(grid.code)]
    building_ids = {b.id for b in buildings}
    people = [p for p in list_people(session, PeopleQuery(active_only=True))]
    in_grid = [p for p in people if p.grid_code == grid.code]
    zoned: dict[int, list[tuple[str, PersonRow]]] = defaultdict(list)
    for p in people:
        for part in p.zone:
            if part.building_id in building_ids:
                what = part.household or (f"{part.unit}单元" if part.unit is not None else "全楼")
                zoned[part.building_id].append((what, p))
    with_zone = {p.id for entries in zoned.values() for _w, p in entries}
    lead_roles = ("grid_leader", "grid_worker", "staff", "cadre")
    residents = (
        session.scalar(
            select(func.count())
            .select_from(Resident)
            .join(Household, Household.id == Resident.household_id)
            .where(
                Household.grid_id == grid.id,
                Household.deleted_at.is_(None),
                Resident.deleted_at.is_(None),
                Resident.status == "active",
            )
        )
        or 0
    )
    return ContactSheet(
        grid.code,
        grid.name,
        sum(b.by_grid.get(grid.code, 0) for b in buildings),
        residents,
        [p for p in in_grid if p.role in lead_roles],
        [
            BuildingContacts(b.number, b.by_grid.get(grid.code, 0), zoned.get(b.id, []))
            for b in buildings
        ],
        [p for p in in_grid if p.role not in lead_roles and p.id not in with_zone],
    )


def resident_choices(session: Session, text: str, limit: int = 30) -> list[tuple[int, str]]:
    """Residents to link a person on duty to, found as the registry's search box finds them:
    (resident id, "张三 · 3-2-502 · 138****5678")."""
    from app.core.registry.search import search

    return [
        (
            h.resident_id,
            f"{h.name} · {h.address_code}" + (f" · {h.phone_masked}" if h.phone_masked else ""),
        )
        for h in search(session, text, limit)
        if h.status == "active"
    ]
