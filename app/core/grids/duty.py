"""People on duty and what they did: the roster (一格多员), responsibility zones, duties and their
shifts, check-in and check-out by the person's code, no-shows, and attendance per person — for
sent-down cadres per posting, so that who served only on paper (挂名式下沉) is visible.

* Everyone on the roster has a `code` (P0001…) printed on a card as a barcode; a USB scanner types
  it with Enter at the office, which checks the person in — or out, when they are checked in.
* A person cannot be on two shifts that overlap, nor on a shift outside their posting; a check-in
  with no shift at that time is refused. Refusals raise `InvalidInput` (Chinese and English)
  before anything is written; a second scan after check-out raises `AlreadyDone`.
* Shift, check-in and check-out times are local wall-clock times.

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
from app.db.base import utcnow
from app.db.models import Building, Grid, Household, Resident, join_tags, split_tags
from app.db.models_grids import (
    DUTY_KINDS,
    PERSON_ROLES,
    Duty,
    DutyPerson,
    DutyShift,
    DutyZone,
    ShiftAssignment,
)
from app.errors import AlreadyDone, InvalidInput

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

CHECK_IN_EARLY = timedelta(minutes=60)  # a check-in this long before the shift counts for it
LATE_AFTER = timedelta(minutes=15)  # not checked in this long after the start: a no-show so far
CHECK_OUT_GRACE = timedelta(hours=6)  # a check-out this long after the end still counts
MAX_SHIFT = timedelta(hours=24)
ON_PAPER_AFTER = timedelta(days=7)  # a cadre this long into a posting with no shift served

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


def add_person(session: Session, data: PersonInput) -> DutyPerson:
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


# --- duties and shifts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftRow:
    id: int
    duty_id: int
    duty: str
    kind: str
    grid_code: str | None
    place: str | None
    starts_at: datetime
    ends_at: datetime
    needed: int
    people: list[AssignmentRow]

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def short(self) -> int:
        return max(self.needed - len(self.people), 0)

    def label(self) -> str:
        end = self.ends_at.strftime("%H:%M")
        if self.ends_at.date() != self.starts_at.date():
            end = "次日" + end
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{end} {self.duty}"


@dataclass(frozen=True)
class AssignmentRow:
    id: int
    shift_id: int
    person_id: int
    code: str
    name: str
    role: str
    phone: str | None
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    status: str  # upcoming / on_duty / done / late / missed


def _kind(kind: str) -> str:
    value = unicodedata.normalize("NFKC", kind or "").strip()
    if not value:
        raise InvalidInput(
            f"请选择任务类型（{'、'.join(DUTY_KINDS)}）。",
            f"Choose the kind of duty ({', '.join(DUTY_KINDS)}).",
        )
    if len(value) > 20:
        raise InvalidInput("任务类型不超过 20 字。", "The kind is at most 20 characters.")
    return value


def create_duty(
    session: Session,
    name: str,
    kind: str,
    grid: str | None = None,
    place: str | None = None,
    notes: str | None = None,
) -> Duty:
    clean = _clean(name, 100, "任务名称", "The duty's name")
    if not clean:
        raise InvalidInput("任务名称不能为空。", "The duty needs a name.")
    duty = Duty(
        name=clean,
        kind=_kind(kind),
        grid_id=get_grid(session, grid).id if grid else None,
        place=_clean(place, 200, "地点", "The place"),
        notes=(notes or "").strip() or None,
    )
    session.add(duty)
    session.flush()
    return duty


def edit_duty(
    session: Session,
    duty_id: int,
    name: str,
    kind: str,
    grid: str | None = None,
    place: str | None = None,
    notes: str | None = None,
) -> Duty:
    duty = _duty(session, duty_id)
    clean = _clean(name, 100, "任务名称", "The duty's name")
    if not clean:
        raise InvalidInput("任务名称不能为空。", "The duty needs a name.")
    duty.name = clean
    duty.kind = _kind(kind)
    duty.grid_id = get_grid(session, grid).id if grid else None
    duty.place = _clean(place, 200, "地点", "The place")
    duty.notes = (notes or "").strip() or None
    session.flush()
    return duty


def _duty(session: Session, duty_id: int) -> Duty:
    duty = session.get(Duty, duty_id)
    if duty is None or duty.deleted_at is not None:
        raise InvalidInput(f"任务不存在或已删除（{duty_id}）。", f"No such duty ({duty_id}).")
    return duty


def _shift(session: Session, shift_id: int) -> DutyShift:
    shift = session.get(DutyShift, shift_id)
    if shift is None or shift.deleted_at is not None:
        raise InvalidInput(f"班次不存在或已删除（{shift_id}）。", f"No such shift ({shift_id}).")
    return shift


def list_duties(session: Session) -> list[tuple[int, str, str, str | None, str | None]]:
    """(id, name, kind, grid code, place) of the live duties."""
    return [
        (d.id, d.name, d.kind, code, d.place)
        for d, code in session.execute(
            select(Duty, Grid.code)
            .outerjoin(Grid, Grid.id == Duty.grid_id)
            .where(Duty.deleted_at.is_(None))
            .order_by(Duty.kind, Duty.name)
        )
    ]


def _check_period(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise InvalidInput(
            f"班次的结束时间 {ends_at:%Y-%m-%d %H:%M} 应晚于开始时间 {starts_at:%Y-%m-%d %H:%M}。",
            f"The shift must end ({ends_at:%Y-%m-%d %H:%M}) after it starts "
            f"({starts_at:%Y-%m-%d %H:%M}).",
        )
    if ends_at - starts_at > MAX_SHIFT:
        raise InvalidInput("一个班次不能超过 24 小时。", "A shift cannot be longer than 24 hours.")


def add_shift(
    session: Session,
    duty_id: int,
    starts_at: datetime,
    ends_at: datetime,
    needed: int = 1,
    notes: str | None = None,
) -> DutyShift:
    duty = _duty(session, duty_id)
    _check_period(starts_at, ends_at)
    if needed < 1 or needed > 500:
        raise InvalidInput("每班人数应在 1 到 500 之间。", "People per shift must be 1 to 500.")
    shift = DutyShift(
        duty_id=duty.id,
        starts_at=starts_at.replace(second=0, microsecond=0),
        ends_at=ends_at.replace(second=0, microsecond=0),
        needed=needed,
        notes=(notes or "").strip() or None,
    )
    session.add(shift)
    session.flush()
    return shift


def add_daily_shifts(
    session: Session,
    duty_id: int,
    first_day: date,
    last_day: date,
    start: time,
    end: time,
    needed: int = 1,
) -> list[DutyShift]:
    """The same shift every day from `first_day` to `last_day`; an end at or before the start
    means the next morning (22:00–06:00)."""
    if last_day < first_day:
        raise InvalidInput("结束日期早于开始日期。", "The last day is before the first.")
    if (last_day - first_day).days > 92:
        raise InvalidInput("一次最多排 93 天。", "At most 93 days at once.")
    shifts = []
    day = first_day
    while day <= last_day:
        starts = datetime.combine(day, start)
        ends = datetime.combine(day if end > start else day + timedelta(days=1), end)
        shifts.append(add_shift(session, duty_id, starts, ends, needed))
        day += timedelta(days=1)
    return shifts


def edit_shift(
    session: Session, shift_id: int, starts_at: datetime, ends_at: datetime, needed: int
) -> DutyShift:
    shift = _shift(session, shift_id)
    _check_period(starts_at, ends_at)
    people = list(
        session.scalars(
            select(ShiftAssignment.person_id).where(
                ShiftAssignment.shift_id == shift.id, ShiftAssignment.deleted_at.is_(None)
            )
        )
    )
    for pid in people:
        _refuse_clash(session, _person(session, pid), starts_at, ends_at, exclude_shift=shift.id)
    shift.starts_at = starts_at.replace(second=0, microsecond=0)
    shift.ends_at = ends_at.replace(second=0, microsecond=0)
    shift.needed = needed
    session.flush()
    return shift


def _remove_shift(session: Session, shift: DutyShift, reason: str) -> None:
    now = utcnow()
    for a in session.scalars(
        select(ShiftAssignment).where(
            ShiftAssignment.shift_id == shift.id, ShiftAssignment.deleted_at.is_(None)
        )
    ):
        a.deleted_at = now
        a.delete_reason = reason
    shift.deleted_at = now
    shift.delete_reason = reason


def remove_shift(session: Session, shift_id: int) -> None:
    shift = _shift(session, shift_id)
    checked = session.scalar(
        select(func.count())
        .select_from(ShiftAssignment)
        .where(
            ShiftAssignment.shift_id == shift.id,
            ShiftAssignment.deleted_at.is_(None),
            ShiftAssignment.checked_in_at.is_not(None),
        )
    )
    if checked:
        raise InvalidInput(
            f"这个班次已有 {checked} 人签到，不能删除。",
            f"{checked} people have checked in to this shift; it cannot be removed.",
        )
    _remove_shift(session, shift, "removed")
    session.flush()


def _refuse_clash(
    session: Session,
    person: DutyPerson,
    starts_at: datetime,
    ends_at: datetime,
    exclude_shift: int | None = None,
) -> None:
    """A person on two overlapping shifts, or on a shift outside their posting, is refused."""
    if person.status != "active":
        raise InvalidInput(
            f"{person.name}（{person.code}）已不在岗，不能排班。",
            f"{person.name} ({person.code}) is no longer active; cannot be put on a shift.",
        )
    if (person.posting_start and starts_at.date() < person.posting_start) or (
        person.posting_end and starts_at.date() > person.posting_end
    ):
        period = f"{person.posting_start or '…'} 至 {person.posting_end or '…'}"
        raise InvalidInput(
            f"{person.name}（{person.code}）的在岗期为 {period}，{starts_at:%Y-%m-%d} 不在其中。",
            f"{person.name} ({person.code}) serves {period}; {starts_at:%Y-%m-%d} is outside it.",
        )
    clash = session.execute(
        select(DutyShift, Duty.name)
        .join(ShiftAssignment, ShiftAssignment.shift_id == DutyShift.id)
        .join(Duty, Duty.id == DutyShift.duty_id)
        .where(
            ShiftAssignment.person_id == person.id,
            ShiftAssignment.deleted_at.is_(None),
            DutyShift.deleted_at.is_(None),
            DutyShift.starts_at < ends_at,
            DutyShift.ends_at > starts_at,
            DutyShift.id != (exclude_shift or 0),
        )
        .limit(1)
    ).first()
    if clash is not None:
        other, duty_name = clash
        raise InvalidInput(
            f"{person.name}（{person.code}）在 {other.starts_at:%m-%d %H:%M}–{other.ends_at:%H:%M} "
            f"已排在“{duty_name}”，与这个班次时间重叠。",
            f"{person.name} ({person.code}) is already on '{duty_name}' "
            f"{other.starts_at:%m-%d %H:%M}–{other.ends_at:%H:%M}, which overlaps this shift.",
        )


@dataclass(frozen=True)
class AssignOutcome:
    added: list[str]  # names
    already: list[str]


def assign_people(session: Session, shift_id: int, person_ids: Sequence[int]) -> AssignOutcome:
    """Put people on a shift: every one is checked first (on the roster then, no overlapping shift),
    so either all are added or none."""
    shift = _shift(session, shift_id)
    if not person_ids:
        raise InvalidInput("没有选择人员。", "No one chosen.")
    on_it = set(
        session.scalars(
            select(ShiftAssignment.person_id).where(
                ShiftAssignment.shift_id == shift.id, ShiftAssignment.deleted_at.is_(None)
            )
        )
    )
    added: list[DutyPerson] = []
    already: list[str] = []
    for pid in dict.fromkeys(person_ids):
        person = _person(session, pid)
        if person.id in on_it:
            already.append(person.name)
            continue
        _refuse_clash(session, person, shift.starts_at, shift.ends_at)
        added.append(person)
    if not added:
        raise AlreadyDone(
            f"{'、'.join(already)} 已在这个班次上。", f"{', '.join(already)} already on this shift."
        )
    for person in added:
        session.add(ShiftAssignment(shift_id=shift.id, person_id=person.id))
    session.flush()
    return AssignOutcome([p.name for p in added], already)


def unassign(session: Session, assignment_id: int) -> None:
    a = session.get(ShiftAssignment, assignment_id)
    if a is None or a.deleted_at is not None:
        raise InvalidInput("这条排班不存在。", "No such assignment.")
    if a.checked_in_at is not None:
        raise InvalidInput(
            "此人已签到，不能从班次中撤下（出勤记录要保留）。",
            "Checked in already; the attendance record stays.",
        )
    a.deleted_at = utcnow()
    a.delete_reason = "taken off the shift"
    session.flush()


def _status(a: ShiftAssignment, shift: DutyShift, now: datetime) -> str:
    if a.checked_in_at is not None:
        if a.checked_out_at is not None or now > shift.ends_at + CHECK_OUT_GRACE:
            return "done"
        return "on_duty"
    if now < shift.starts_at + LATE_AFTER:
        return "upcoming"
    if now <= shift.ends_at:
        return "late"
    return "missed"


def shifts_between(
    session: Session,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
    grid: str | None = None,
    *,
    overlapping: bool = False,
) -> list[ShiftRow]:
    """Shifts starting in [start, end) — or, `overlapping`, any part of which falls in it (a night
    shift begun yesterday is still on today's board) — with the people on them and their state
    at `now`."""
    now = now or datetime.now()
    first = DutyShift.ends_at > start if overlapping else DutyShift.starts_at >= start
    stmt = (
        select(DutyShift, Duty, Grid.code)
        .join(Duty, Duty.id == DutyShift.duty_id)
        .outerjoin(Grid, Grid.id == Duty.grid_id)
        .where(
            DutyShift.deleted_at.is_(None),
            Duty.deleted_at.is_(None),
            first,
            DutyShift.starts_at < end,
        )
        .order_by(DutyShift.starts_at, Duty.name, DutyShift.id)
    )
    if grid:
        stmt = stmt.where(Grid.code == grid)
    found = list(session.execute(stmt))
    ids = [s.id for s, _d, _g in found]
    people: dict[int, list[tuple[ShiftAssignment, DutyPerson]]] = defaultdict(list)
    if ids:
        for a, p in session.execute(
            select(ShiftAssignment, DutyPerson)
            .join(DutyPerson, DutyPerson.id == ShiftAssignment.person_id)
            .where(ShiftAssignment.shift_id.in_(ids), ShiftAssignment.deleted_at.is_(None))
            .order_by(ShiftAssignment.id)
        ):
            people[a.shift_id].append((a, p))
    by_id = {s.id: s for s, _d, _g in found}
    rows = []
    for s, d, gcode in found:
        rows.append(
            ShiftRow(
                s.id,
                d.id,
                d.name,
                d.kind,
                gcode,
                d.place,
                s.starts_at,
                s.ends_at,
                s.needed,
                [
                    AssignmentRow(
                        a.id,
                        a.shift_id,
                        p.id,
                        p.code,
                        p.name,
                        p.role,
                        p.phone,
                        a.checked_in_at,
                        a.checked_out_at,
                        _status(a, by_id[a.shift_id], now),
                    )
                    for a, p in people.get(s.id, [])
                ],
            )
        )
    return rows


def day_board(session: Session, day: date, now: datetime | None = None) -> list[ShiftRow]:
    """The shifts of a day — any that is on during it, a night shift begun the evening before
    included — and who is there, late, missing or done."""
    start = datetime.combine(day, time())
    return shifts_between(session, start, start + timedelta(days=1), now, overlapping=True)


def no_shows(
    session: Session, day: date, now: datetime | None = None
) -> list[tuple[ShiftRow, AssignmentRow]]:
    """People on the day's shifts who have not checked in though their shift has begun."""
    return [
        (s, a)
        for s in day_board(session, day, now)
        for a in s.people
        if a.status in ("late", "missed")
    ]


# --- check-in -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanResult:
    action: str  # "in" or "out"
    person: str
    code: str
    role: str
    duty: str
    starts_at: datetime
    ends_at: datetime
    at: datetime
    late_minutes: int = 0
    hours: float | None = None  # on check-out

    def message(self, lang: str = "zh") -> str:
        span = f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"
        if self.action == "in":
            if lang == "en":
                late = f", {self.late_minutes} min late" if self.late_minutes else ""
                return f"{self.person} ({self.code}) checked in at {self.at:%H:%M}: {self.duty} {span}{late}"
            late = f"，迟到 {self.late_minutes} 分钟" if self.late_minutes else ""
            return f"{self.person}（{self.code}）{self.at:%H:%M} 签到：{self.duty} {span}{late}"
        hours = f"{self.hours:.1f}" if self.hours is not None else "0"
        if lang == "en":
            return f"{self.person} ({self.code}) checked out at {self.at:%H:%M}: {self.duty}, {hours} h"
        return f"{self.person}（{self.code}）{self.at:%H:%M} 签退：{self.duty}，在岗 {hours} 小时"


def _candidates(
    session: Session, person: DutyPerson, now: datetime
) -> list[tuple[ShiftAssignment, DutyShift, str]]:
    return [
        (a, s, name)
        for a, s, name in session.execute(
            select(ShiftAssignment, DutyShift, Duty.name)
            .join(DutyShift, DutyShift.id == ShiftAssignment.shift_id)
            .join(Duty, Duty.id == DutyShift.duty_id)
            .where(
                ShiftAssignment.person_id == person.id,
                ShiftAssignment.deleted_at.is_(None),
                DutyShift.deleted_at.is_(None),
                DutyShift.starts_at <= now + CHECK_IN_EARLY,
                DutyShift.ends_at >= now - CHECK_OUT_GRACE,
            )
            .order_by(DutyShift.starts_at)
        ).tuples()
    ]


def scan(session: Session, code: str, now: datetime | None = None) -> ScanResult:
    """What a scan of a person's code at the office does: check out if they are checked in to a
    shift, else check in to their shift now (from an hour before it starts until it ends).

    Refused (`InvalidInput`) for an unknown code or a person with no shift now; `AlreadyDone` when
    they have already checked out of the shift at hand."""
    now = (now or datetime.now()).replace(microsecond=0)
    person = find_person(session, code)
    found = _candidates(session, person, now)
    for a, s, duty in found:
        if a.checked_in_at is not None and a.checked_out_at is None:
            return _check_out(a, s, duty, person, now)
    return _check_in(session, person, found, now)


def check_in(session: Session, code: str, now: datetime | None = None) -> ScanResult:
    now = (now or datetime.now()).replace(microsecond=0)
    person = find_person(session, code)
    found = _candidates(session, person, now)
    for a, _s, _duty in found:
        if a.checked_in_at is not None and a.checked_out_at is None:
            raise AlreadyDone(
                f"{person.name}（{person.code}）已在 {a.checked_in_at:%H:%M} 签到。",
                f"{person.name} ({person.code}) checked in at {a.checked_in_at:%H:%M} already.",
            )
    return _check_in(session, person, found, now)


def check_out(session: Session, code: str, now: datetime | None = None) -> ScanResult:
    now = (now or datetime.now()).replace(microsecond=0)
    person = find_person(session, code)
    for a, s, duty in _candidates(session, person, now):
        if a.checked_in_at is not None and a.checked_out_at is None:
            return _check_out(a, s, duty, person, now)
    raise InvalidInput(
        f"{person.name}（{person.code}）现在没有签到中的班次，无需签退。",
        f"{person.name} ({person.code}) is not checked in to any shift now.",
    )


def _check_in(
    session: Session,
    person: DutyPerson,
    found: list[tuple[ShiftAssignment, DutyShift, str]],
    now: datetime,
) -> ScanResult:
    open_ = [
        (a, s, d)
        for a, s, d in found
        if a.checked_in_at is None and s.starts_at - CHECK_IN_EARLY <= now <= s.ends_at
    ]
    if open_:
        a, s, duty = open_[0]
        a.checked_in_at = now
        session.flush()
        late = max(int((now - s.starts_at).total_seconds() // 60), 0)
        return ScanResult(
            "in", person.name, person.code, person.role, duty, s.starts_at, s.ends_at, now, late
        )
    done = [(a, s, d) for a, s, d in found if a.checked_out_at is not None]
    if done:
        a, s, duty = done[0]
        assert a.checked_out_at is not None
        raise AlreadyDone(
            f"{person.name}（{person.code}）已于 {a.checked_out_at:%H:%M} 签退“{duty}”，本班次已结束。",
            f"{person.name} ({person.code}) checked out of '{duty}' at {a.checked_out_at:%H:%M}.",
        )
    upcoming = session.execute(
        select(DutyShift.starts_at, Duty.name)
        .join(ShiftAssignment, ShiftAssignment.shift_id == DutyShift.id)
        .join(Duty, Duty.id == DutyShift.duty_id)
        .where(
            ShiftAssignment.person_id == person.id,
            ShiftAssignment.deleted_at.is_(None),
            DutyShift.deleted_at.is_(None),
            DutyShift.starts_at > now,
        )
        .order_by(DutyShift.starts_at)
        .limit(1)
    ).first()
    nxt_zh = f"下一班：{upcoming[0]:%m-%d %H:%M} {upcoming[1]}" if upcoming else "之后没有排班"
    nxt_en = (
        f"next shift: {upcoming[0]:%m-%d %H:%M} {upcoming[1]}" if upcoming else "no shifts ahead"
    )
    raise InvalidInput(
        f"{person.name}（{person.code}）现在不在班次上，不能签到（{nxt_zh}）。",
        f"{person.name} ({person.code}) is not on a shift now; check-in refused ({nxt_en}).",
    )


def _check_out(
    a: ShiftAssignment, s: DutyShift, duty: str, person: DutyPerson, now: datetime
) -> ScanResult:
    assert a.checked_in_at is not None
    a.checked_out_at = max(now, a.checked_in_at)
    hours = _served_hours(a.checked_in_at, a.checked_out_at, s, now)
    return ScanResult(
        "out", person.name, person.code, person.role, duty, s.starts_at, s.ends_at, now, hours=hours
    )


def _served_hours(
    checked_in: datetime, checked_out: datetime | None, shift: DutyShift, now: datetime
) -> float:
    """Hours on duty: from check-in to check-out; without a check-out, to the shift's end (or now,
    while it lasts); never more than the check-out grace past the end."""
    end = checked_out or min(shift.ends_at, now)
    end = min(end, shift.ends_at + CHECK_OUT_GRACE)
    return max((end - checked_in).total_seconds(), 0) / 3600


# --- attendance ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    person_id: int
    code: str
    name: str
    role: str
    organisation: str | None
    grid_code: str | None
    period_start: date | None
    period_end: date | None
    assigned: int
    served: int
    missed: int
    upcoming: int
    hours: float
    on_paper: bool  # a cadre well into a posting who has served no shift

    def as_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "role": self.role,
            "role_name": role_name(self.role, lang),
            "organisation": self.organisation,
            "grid": self.grid_code,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "shifts_assigned": self.assigned,
            "shifts_served": self.served,
            "shifts_missed": self.missed,
            "shifts_upcoming": self.upcoming,
            "hours": round(self.hours, 1),
            "on_paper": self.on_paper,
        }


def attendance(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
    role: str | None = None,
) -> list[AttendanceRow]:
    """Per person on the roster: shifts assigned, served (checked in), missed (ended with no
    check-in), still to come, and hours, over [start, end] (default: all) — for a sent-down cadre
    over their posting within that."""
    now = now or datetime.now()
    people = session.execute(
        select(DutyPerson, Grid.code)
        .outerjoin(Grid, Grid.id == DutyPerson.grid_id)
        .where(DutyPerson.deleted_at.is_(None), *([DutyPerson.role == role] if role else []))
    ).all()
    stmt = (
        select(ShiftAssignment, DutyShift)
        .join(DutyShift, DutyShift.id == ShiftAssignment.shift_id)
        .where(ShiftAssignment.deleted_at.is_(None), DutyShift.deleted_at.is_(None))
    )
    if start is not None:
        stmt = stmt.where(DutyShift.starts_at >= datetime.combine(start, time()))
    if end is not None:
        stmt = stmt.where(DutyShift.starts_at < datetime.combine(end + timedelta(days=1), time()))
    per: dict[int, list[tuple[ShiftAssignment, DutyShift]]] = defaultdict(list)
    for a, s in session.execute(stmt).tuples():
        per[a.person_id].append((a, s))
    rows = []
    today = now.date()
    for p, gcode in people:
        period_start, period_end = start, end
        if p.role == "cadre":
            period_start = max(filter(None, [start, p.posting_start]), default=None)
            period_end = min(filter(None, [end, p.posting_end]), default=None)
        assigned = served = missed = upcoming = 0
        hours = 0.0
        for a, s in per.get(p.id, []):
            day = s.starts_at.date()
            if (period_start and day < period_start) or (period_end and day > period_end):
                continue
            assigned += 1
            status = _status(a, s, now)
            if a.checked_in_at is not None:
                served += 1
                hours += _served_hours(a.checked_in_at, a.checked_out_at, s, now)
            elif status == "missed":
                missed += 1
            elif status == "upcoming":
                upcoming += 1
        on_paper = (
            p.role == "cadre"
            and p.status == "active"
            and served == 0
            and p.posting_start is not None
            and p.posting_start <= today
            and (missed > 0 or today - p.posting_start >= ON_PAPER_AFTER)
        )
        rows.append(
            AttendanceRow(
                p.id,
                p.code,
                p.name,
                p.role,
                p.organisation,
                gcode,
                period_start,
                period_end,
                assigned,
                served,
                missed,
                upcoming,
                hours,
                on_paper,
            )
        )
    order = {r: i for i, r in enumerate(PERSON_ROLES)}
    rows.sort(key=lambda r: (order.get(r.role, 99), r.code))
    return rows


# --- printed lists -------------------------------------------------------------------------------


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_roster(
    session: Session, monday: date, grid: str | None = None
) -> list[tuple[date, list[ShiftRow]]]:
    """The seven days from `monday` with their shifts (for the printed duty roster)."""
    start = datetime.combine(monday, time())
    shifts = shifts_between(session, start, start + timedelta(days=7), grid=grid)
    days: list[tuple[date, list[ShiftRow]]] = [(monday + timedelta(days=i), []) for i in range(7)]
    for s in shifts:
        days[(s.starts_at.date() - monday).days][1].append(s)
    return days


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
