"""Possible duplicates among residents, laid side by side for a person to decide.

Three kinds, each found by one grouping query over the live residents:

* `same_id` — the same ID number on two records. A community cannot store that twice (one live
  record per ID number and office), but a street office holds every community's rolls, where one
  person may be on two of them;
* `same_person` — the same name and birth date in two households, where the ID numbers do not
  tell them apart (one or both lack one): a person registered twice, once without the number;
* `shared_phone` — one phone number given by residents of several households: a relative's phone
  for elderly neighbours, or one person in two households.

What a person decides, each in the caller's write session (one transaction), whose audit note
`decision_note` gives, and in the audit trail:

* `merge_residents` — the records are one person: the others are folded into the one kept (empty
  fields filled from them, tags united) and tombstoned with the reason; a head who leaves is
  replaced as `registry` does, a household left with nobody is tombstoned too. The field changes
  and tombstones are audited by the session events; the decision itself (`merged_into` /
  `merged_from`) by `events.record_decision`;
* `keep_both` — they are different people: the group is recorded (`duplicate_decision`) and not
  shown again, until another record joins it;
* correct — a record is wrong (a mistyped phone): the resident form's ordinary update, audited
  as every edit is.

Records that belong to another office (at a street office) can be looked at and kept, not merged:
only the office that owns a record changes it.

What the view shows is masked (`app.core.common.masking`): ID numbers and phones, and the age in place of
the birth date, which beside a masked ID number would give the number back — also in the title of a
`same_person` group (张三 76岁: the kind already says that the birth dates are the same).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from app.core.common.masking import mask_id_number, mask_phone, masked_birth
from app.core.trust import scope
from app.db import events
from app.db.base import utcnow
from app.db.models import Household, Resident, join_tags, split_tags
from app.db.models_registry import DUPLICATE_KINDS, DuplicateDecision
from app.errors import InvalidInput

# what a grid worker may not do (app.core.trust.scope.whole_register)
DUPLICATES = ("各户之间的重复记录", "duplicates across households")
KINDS = DUPLICATE_KINDS
KIND_LABELS = {"same_id": "身份证号相同", "same_person": "同名同生日", "shared_phone": "电话相同"}
KIND_LABELS_EN = {
    "same_id": "Same ID number",
    "same_person": "Same name and birth date",
    "shared_phone": "Same phone",
}
DEFAULT_LIMIT = 500  # groups of each kind listed at most (the rest after these are decided)

# the fields shown side by side, in order, and the ones a merge fills when the kept record is empty
FIELDS = (
    "name",
    "gender",
    "age",
    "id_number",
    "doc_number",
    "phone",
    "address_code",
    "household_code",
    "relation",
    "residency",
    "tags",
    "status",
    "notes",
)
# (not the relation: it belongs to the household the record is in)
_FILLED = ("id_number", "gender", "birth_date", "doc_type", "doc_number", "phone", "notes")


@dataclass(frozen=True)
class Candidate:
    """One record of a group, as the side-by-side view shows it (ID number and phone masked, the
    age instead of the birth date)."""

    id: int
    uuid: str
    origin: str
    household_id: int
    household_code: str
    address_code: str
    name: str
    gender: str | None
    age: str  # 61岁, or "" when the birth date is unknown
    id_number: str  # masked
    doc_number: str
    phone: str  # masked
    relation: str
    is_head: bool
    residency: str
    tags: tuple[str, ...]
    status: str
    notes: str

    def value(self, name: str) -> str:
        """The field as text, for the side-by-side view and for telling fields apart."""
        value: Any = getattr(self, name)
        if isinstance(value, tuple):
            return "、".join(value)
        return "" if value is None else str(value)


@dataclass(frozen=True)
class DuplicateGroup:
    kind: str
    shared: str  # what the records share, masked: 420106********1234 / 张三 76岁 / 138****5678
    members: tuple[Candidate, ...]

    @property
    def key(self) -> str:
        """The group's name in `duplicate_decision`: its records' uuids, sorted."""
        return members_key(m.uuid for m in self.members)

    def differing(self) -> set[str]:
        """The fields whose values are not the same on every record."""
        return {f for f in FIELDS if len({m.value(f) for m in self.members}) > 1}

    def title(self, lang: str = "zh") -> str:
        labels = KIND_LABELS_EN if lang == "en" else KIND_LABELS
        return f"{labels[self.kind]} · {self.shared} · {len(self.members)}"


@dataclass
class DuplicateReport:
    groups: list[DuplicateGroup] = field(default_factory=list)
    more: dict[str, bool] = field(default_factory=dict)  # kind → more groups than listed

    def count(self, kind: str) -> int:
        return sum(1 for g in self.groups if g.kind == kind)


def members_key(uuids: Iterable[str]) -> str:
    return ",".join(sorted(uuids))


_LIVE = Resident.deleted_at.is_(None)


def _same_id_keys(session: Session, limit: int) -> list[Any]:
    if session.get_bind().dialect.name == "sqlite":
        # the partial unique index holds exactly these rows, in this order: 0.08 s at 180,000
        # (SQLite's planner, left alone, reads every row through another index: 0.4 s)
        return list(session.scalars(_SAME_ID_SQLITE, {"n": limit + 1}))
    q = (
        select(Resident.id_number)
        .where(_LIVE, Resident.id_number.is_not(None))
        .group_by(Resident.id_number)
        .having(func.count() > 1)
        .order_by(Resident.id_number)
    )
    return list(session.scalars(q.limit(limit + 1)))


_SAME_ID_SQLITE = text(
    "SELECT id_number FROM resident INDEXED BY uq_resident_id_number "
    "WHERE id_number IS NOT NULL AND deleted_at IS NULL "
    "GROUP BY id_number HAVING count(*) > 1 ORDER BY id_number LIMIT :n"
)


def _same_person_keys(session: Session, limit: int) -> list[Any]:
    # ID numbers on every record tell the people apart (the same one on all: `same_id`);
    # a missing one does not
    q = (
        select(Resident.name, Resident.birth_date)
        .where(_LIVE, Resident.status == "active", Resident.birth_date.is_not(None))
        .group_by(Resident.name, Resident.birth_date)
        .having(
            func.min(Resident.household_id) != func.max(Resident.household_id),
            func.count(Resident.id_number) < func.count(),  # someone has no ID number
        )
        .order_by(Resident.name, Resident.birth_date)
    )
    return [tuple(r) for r in session.execute(q.limit(limit + 1))]


def _shared_phone_keys(session: Session, limit: int) -> list[Any]:
    q = (
        select(Resident.phone)
        .where(_LIVE, Resident.status == "active", Resident.phone.is_not(None))
        .group_by(Resident.phone)
        .having(func.min(Resident.household_id) != func.max(Resident.household_id))
        .order_by(Resident.phone)
    )
    return list(session.scalars(q.limit(limit + 1)))


def _candidates(session: Session, where: Any) -> list[tuple[Candidate, Any]]:
    """The live records matching `where`, each with the raw value that groups it."""
    today = date.today()
    rows = session.execute(
        _candidate_query()
        .where(_LIVE, where)
        .order_by(Household.address_code, Resident.is_head.desc(), Resident.id)
    ).all()
    return [(_candidate(r, today), r) for r in rows]


def _candidate_query() -> Select[Any]:
    return select(
        Resident.id,
        Resident.uuid,
        Resident.origin,
        Resident.household_id,
        Household.code,
        Household.address_code,
        Resident.name,
        Resident.gender,
        Resident.birth_date,
        Resident.id_number,
        Resident.doc_number,
        Resident.phone,
        Resident.relation,
        Resident.is_head,
        Resident.residency,
        Resident.tags,
        Resident.status,
        Resident.notes,
    ).join(Household, Household.id == Resident.household_id)


def _candidate(r: Any, today: date) -> Candidate:
    return Candidate(
        id=r.id,
        uuid=r.uuid,
        origin=r.origin,
        household_id=r.household_id,
        household_code=r.code,
        address_code=r.address_code,
        name=r.name,
        gender={"M": "男", "F": "女"}.get(r.gender or ""),
        age=masked_birth(r.birth_date, today),
        id_number=mask_id_number(r.id_number),
        doc_number=r.doc_number or "",
        phone=mask_phone(r.phone),
        relation=r.relation or "",
        is_head=bool(r.is_head),
        residency=r.residency,
        tags=tuple(split_tags(r.tags)),
        status=r.status,
        notes=r.notes or "",
    )


def _chunks(items: Sequence[Any], size: int = 400) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def find_duplicates(
    session: Session, kinds: Sequence[str] = KINDS, limit: int = DEFAULT_LIMIT
) -> DuplicateReport:
    """The groups of possible duplicates not yet decided, at most `limit` of each kind (across
    every household: not a grid worker's work)."""
    scope.whole_register(session, DUPLICATES)
    decided = {
        (kind, members)
        for kind, members in session.execute(
            select(DuplicateDecision.kind, DuplicateDecision.members)
        )
    }
    report = DuplicateReport()
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(kind)
        groups = _groups(session, kind, limit)
        listed = [g for g in groups if (kind, g.key) not in decided]
        report.more[kind] = len(listed) > limit
        report.groups.extend(listed[:limit])
    return report


def _groups(session: Session, kind: str, limit: int) -> list[DuplicateGroup]:
    # decided groups are left out after the query: ask for enough to fill `limit` anyway
    decided = session.scalar(
        select(func.count()).select_from(DuplicateDecision).where(DuplicateDecision.kind == kind)
    )
    want = limit + (decided or 0)
    by_key: dict[Any, list[Candidate]] = {}
    if kind == "same_id":
        keys = _same_id_keys(session, want)
        for chunk in _chunks(keys):
            for c, r in _candidates(session, Resident.id_number.in_(chunk)):
                by_key.setdefault(r.id_number, []).append(c)
        shown = {k: mask_id_number(k) for k in keys}
    elif kind == "same_person":
        keys = _same_person_keys(session, want)
        names = sorted({name for name, _born in keys})
        wanted = set(keys)
        for chunk in _chunks(names):
            found = _candidates(
                session,
                Resident.name.in_(chunk)
                & (Resident.status == "active")
                & Resident.birth_date.is_not(None),
            )
            for c, r in found:
                if (r.name, r.birth_date) in wanted:
                    by_key.setdefault((r.name, r.birth_date), []).append(c)
        today = date.today()
        shown = {k: f"{k[0]} {masked_birth(k[1], today)}" for k in keys}
    else:
        keys = _shared_phone_keys(session, want)
        for chunk in _chunks(keys):
            for c, r in _candidates(
                session, Resident.phone.in_(chunk) & (Resident.status == "active")
            ):
                by_key.setdefault(r.phone, []).append(c)
        shown = {k: mask_phone(k) for k in keys}
    return [
        DuplicateGroup(kind, shown[k], tuple(by_key[k])) for k in keys if len(by_key.get(k, ())) > 1
    ]


# --- decisions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    kept: int
    merged: tuple[int, ...]
    households_removed: tuple[int, ...]


def _live(session: Session, resident_id: int) -> Resident:
    person = session.get(Resident, resident_id)
    if person is None or person.deleted_at is not None:
        raise InvalidInput("此居民已不存在。", "The resident no longer exists.")
    return person


def _origin(session: Session) -> str | None:
    """The office this session writes for (a street office holds other offices' records)."""
    origin = session.info.get("origin")
    return str(origin) if origin else None


def _owned(person: Resident, origin: str | None) -> None:
    if origin is not None and person.origin != origin:
        raise InvalidInput(
            f"{person.name} 的记录属于 {person.origin}，只能由该社区合并或更正；可以选择“都保留”。",
            f"{person.name}'s record belongs to {person.origin}; only that office can merge or "
            "correct it (it can be kept as it is)",
        )


def decision_note(decision: str, kind: str, note: str = "") -> str:
    """The audit note of the write session a decision is made in (`merge`, `keep_both`,
    `correct`): `duplicates: keep both (shared_phone)`, with the person's own note after a colon."""
    what = {
        "merge": "duplicates: merge",
        "keep_both": f"duplicates: keep both ({kind})",
        "correct": f"duplicates: correct ({kind})",
    }[decision]
    note = " ".join(note.split())
    return f"{what}: {note}" if note else what


def merge_residents(session: Session, keep_id: int, others: Sequence[int]) -> MergeResult:
    """Fold `others` into the record `keep_id`: one person registered more than once."""
    scope.whole_register(session, DUPLICATES)
    others = [i for i in dict.fromkeys(others) if i != keep_id]
    if not others:
        raise InvalidInput("请至少选择两条记录。", "Choose at least two records.")
    keep = _live(session, keep_id)
    _owned(keep, _origin(session))
    dropped = [_live(session, i) for i in others]
    for person in dropped:
        _owned(person, _origin(session))
    numbers = {p.id_number for p in (keep, *dropped) if p.id_number}
    if len(numbers) > 1:
        raise InvalidInput(
            "这几条记录的身份证号不同，是不同的人，不能合并；可以选择“都保留”或更正。",
            "The records have different ID numbers: different people, not merged (keep both "
            "or correct one)",
        )
    kept_address = session.get(Household, keep.household_id)
    where = kept_address.address_code if kept_address else ""
    fill: dict[str, Any] = {}
    tags = set(split_tags(keep.tags))
    for person in dropped:
        for name in _FILLED:
            value = getattr(person, name)
            if value not in (None, "") and getattr(keep, name) in (None, "") and name not in fill:
                fill[name] = value
        tags |= set(split_tags(person.tags))
    now = utcnow()
    left: list[int] = []
    for person in dropped:
        was_head = person.is_head
        person.deleted_at = now
        person.delete_reason = f"重复登记，已并入 {keep.name}（{where}）"
        person.is_head = False
        session.flush()  # the ID number and head are free before the kept record takes them
        if was_head:
            _promote_next(session, person.household_id)
        left.append(person.household_id)
    for name, value in fill.items():
        setattr(keep, name, value)
    if fill.get("id_number"):
        keep.doc_type = "id_card"
    if join_tags(tags) != keep.tags:
        keep.tags = join_tags(tags)
    session.flush()
    emptied = _tombstone_empty(session, [h for h in dict.fromkeys(left) if h != keep.household_id])
    events.record_decision(
        session, "resident", [p.uuid for p in dropped], "merge", "merged_into", keep.uuid
    )
    events.record_decision(
        session,
        "resident",
        [keep.uuid],
        "merge",
        "merged_from",
        ",".join(p.uuid for p in dropped),
    )
    return MergeResult(keep.id, tuple(p.id for p in dropped), tuple(emptied))


def _promote_next(session: Session, household_id: int) -> None:
    """The eldest remaining member heads the household, the relations follow (as `registry`)."""
    from app.core.registry.lookup import promote_eldest

    promote_eldest(session, household_id)


def _tombstone_empty(session: Session, household_ids: Sequence[int]) -> list[int]:
    emptied = []
    for household_id in household_ids:
        members = session.scalar(
            select(func.count())
            .select_from(Resident)
            .where(Resident.household_id == household_id, _LIVE)
        )
        household = session.get(Household, household_id)
        if not members and household is not None and household.deleted_at is None:
            household.deleted_at = utcnow()
            household.delete_reason = "重复登记的居民合并后，此户已无人"
            emptied.append(household_id)
    return emptied


def keep_both(session: Session, kind: str, resident_ids: Sequence[int]) -> bool:
    """These records are different people: record it, so the group is not listed again. False
    when it was recorded already (nothing changed)."""
    scope.whole_register(session, DUPLICATES)
    if kind not in KINDS:
        raise ValueError(kind)
    people = [_live(session, i) for i in dict.fromkeys(resident_ids)]
    if len(people) < 2:
        raise InvalidInput("请至少选择两条记录。", "Choose at least two records.")
    key = members_key(p.uuid for p in people)
    already = session.scalar(
        select(func.count())
        .select_from(DuplicateDecision)
        .where(DuplicateDecision.kind == kind, DuplicateDecision.members == key)
    )
    if already:
        return False
    session.add(
        DuplicateDecision(
            kind=kind,
            members=key,
            decision="keep_both",
            actor=str(session.info.get("actor") or events.default_actor()),
            note=KIND_LABELS[kind],
        )
    )
    for person in people:
        others = [p.uuid for p in people if p is not person]
        events.record_decision(
            session, "resident", [person.uuid], "keep_both", kind, ",".join(others)
        )
    return True


CORRECTABLE = ("name", "id_number", "phone", "birth_date", "gender", "doc_number")


def record_correction(session: Session, kind: str, resident_id: int) -> None:
    """The decision `correct` in the audit trail, after the record was corrected in the resident
    form (whose changes are audited as every edit is)."""
    if kind not in KINDS:
        raise ValueError(kind)
    person = _live(session, resident_id)
    events.record_decision(session, "resident", [person.uuid], "correct", kind, None)


def correct_resident(
    session: Session, kind: str, resident_id: int, changes: dict[str, str]
) -> list[str]:
    """One record of a group was wrong (a mistyped phone, an ID number of someone else): the
    resident form's checks and update, and the decision (`correct`) in the audit trail, in one
    transaction. Returns the fields that changed."""
    scope.whole_register(session, DUPLICATES)
    from app.core.registry.lookup import _checked, _id_taken, resident_input

    if kind not in KINDS:
        raise ValueError(kind)
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown or not changes:
        raise InvalidInput(
            f"可更正的项：{'、'.join(CORRECTABLE)}",
            f"Fields that can be corrected: {', '.join(CORRECTABLE)}",
        )
    person = _live(session, resident_id)
    _owned(person, _origin(session))
    data = resident_input(person)
    for name, value in changes.items():
        if name == "birth_date":
            try:
                data.birth_date = date.fromisoformat(value) if value else None
            except ValueError as exc:
                raise InvalidInput(
                    f"出生日期应写作 2026-11-29：{value}",
                    f"A birth date is written 2026-11-29: {value}",
                ) from exc
        elif name == "gender":
            data.gender = {"男": "M", "女": "F", "M": "M", "F": "F"}.get(value.upper() or value)
        else:
            setattr(data, name, value)
    values = _checked(data)
    _id_taken(session, values["id_number"], resident_id)
    changed = [k for k, v in values.items() if getattr(person, k) != v]
    for key in changed:
        setattr(person, key, values[key])
    session.flush()
    events.record_decision(
        session, "resident", [person.uuid], "correct", kind, ",".join(changed) or None
    )
    return changed
