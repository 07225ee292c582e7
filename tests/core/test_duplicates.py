"""Possible duplicates as a clerk meets them: a person registered twice (once without an ID number),
one phone in several households, one ID number on two communities' rolls — listed side by side,
and each decision (merge, keep both, correct) carried out in one transaction and audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.core.common.masking import masked_birth
from app.core.registry import duplicates, idnumber, lookup
from app.core.registry.duplicates import decision_note, find_duplicates, keep_both, merge_residents
from app.core.registry.lookup import ResidentInput
from app.db.engine import Database
from app.db.models import AuditEntry, Household, Resident
from app.db.models_registry import DuplicateDecision
from app.errors import InvalidInput

OTHER_COMMUNITY = "420106001002"
QIAN = idnumber.make("420106", date(1950, 3, 7), 7, "M")


def _two_households(db: Database) -> tuple[int, int]:
    with db.reading() as session:
        ids = session.scalars(select(Household.id).order_by(Household.id).limit(2)).all()
    return ids[0], ids[1]


def _person(db: Database, resident_id: int) -> Resident:
    with db.reading() as session:
        person = session.get(Resident, resident_id)
        assert person is not None
        return person


def _groups(db: Database, kind: str) -> list[duplicates.DuplicateGroup]:
    with db.reading() as session:
        return [g for g in find_duplicates(session, [kind]).groups if g.kind == kind]


def _audit(db: Database, action: str) -> list[tuple[str, str | None, str | None]]:
    with db.reading() as session:
        return [
            (r.record_uuid, r.field, r.new_value)
            for r in session.scalars(select(AuditEntry).where(AuditEntry.action == action))
        ]


def test_a_person_registered_twice_is_listed_and_merged(demo_db: Database) -> None:
    home, other = _two_households(demo_db)
    with demo_db.session(note="registry") as session:
        first = lookup.add_resident(
            session,
            home,
            ResidentInput(
                name="钱多多",
                id_number=QIAN,
                tags=["慢性病"],
            ),
        )
    with demo_db.session(note="registry") as session:
        second = lookup.add_resident(  # the same man, typed again elsewhere without his number
            session,
            other,
            ResidentInput(
                name="钱多多",
                birth_date=date(1950, 3, 7),
                phone="13911112222",
                tags=["独居老人"],
            ),
        )
    [group] = [g for g in _groups(demo_db, "same_person") if "钱多多" in g.shared]
    assert {m.id for m in group.members} == {first, second}
    assert group.shared == f"钱多多 {masked_birth(date(1950, 3, 7), date.today())}"  # not the date
    assert {"id_number", "phone", "address_code", "tags"} <= group.differing()
    assert all("*" in m.id_number for m in group.members if m.id_number)  # masked on screen

    with demo_db.session(note=decision_note("merge", "")) as session:
        result = merge_residents(session, first, [second])
    assert result.kept == first and result.merged == (second,)
    kept, gone = _person(demo_db, first), _person(demo_db, second)
    assert kept.phone == "13911112222"  # what only the other record knew
    assert kept.tags == ",慢性病,独居老人,"
    assert kept.id_number == QIAN and kept.household_id == home
    assert gone.deleted_at is not None and "重复登记" in (gone.delete_reason or "")
    assert not [g for g in _groups(demo_db, "same_person") if "钱多多" in g.shared]
    merged = _audit(demo_db, "merge")
    assert (gone.uuid, "merged_into", kept.uuid) in merged
    assert (kept.uuid, "merged_from", gone.uuid) in merged
    with demo_db.reading() as session:
        notes = set(
            session.scalars(
                select(AuditEntry.note).where(AuditEntry.record_uuid.in_([kept.uuid, gone.uuid]))
            )
        )
        changed = set(
            session.scalars(
                select(AuditEntry.field).where(
                    AuditEntry.record_uuid == kept.uuid, AuditEntry.action == "update"
                )
            )
        )
    assert "duplicates: merge" in notes
    assert {"phone", "tags"} <= changed  # the field changes audited by the events


def test_merging_a_head_keeps_one_head_and_an_emptied_household_goes(demo_db: Database) -> None:
    home, _other = _two_households(demo_db)
    with demo_db.session() as session:  # a household of one, the duplicate record its head
        one = session.get(Household, home)
        assert one is not None
        alone = Household(
            code="H900001",
            building_id=one.building_id,
            unit=one.unit,
            room="9901",
            address_code=f"{one.address_code.split('-')[0]}-{one.unit}-9901",
        )
        session.add(alone)
        session.flush()
        alone_id = alone.id
    with demo_db.session(note="registry") as session:
        twice = lookup.add_resident(session, alone_id, ResidentInput(name="孙二娘"))
    assert _person(demo_db, twice).is_head
    with demo_db.session(note="registry") as session:
        kept = lookup.add_resident(session, home, ResidentInput(name="孙二娘", phone="13700001111"))
    with demo_db.session(note=decision_note("merge", "")) as session:
        result = merge_residents(session, kept, [twice])
    assert result.households_removed == (alone_id,)
    with demo_db.reading() as session:
        emptied = session.get(Household, alone_id)
        assert emptied is not None and emptied.deleted_at is not None
        heads = session.scalar(
            select(func.count())
            .select_from(Resident)
            .where(Resident.household_id == home, Resident.is_head, Resident.deleted_at.is_(None))
        )
    assert heads == 1


def test_different_id_numbers_are_not_merged(demo_db: Database) -> None:
    home, other = _two_households(demo_db)
    with demo_db.session(note="registry") as session:
        a = lookup.add_resident(
            session,
            home,
            ResidentInput(
                name="周同名", id_number=idnumber.make("420106", date(1980, 1, 1), 1, "M")
            ),
        )
    with demo_db.session(note="registry") as session:
        b = lookup.add_resident(
            session,
            other,
            ResidentInput(
                name="周同名", id_number=idnumber.make("420106", date(1980, 1, 1), 2, "M")
            ),
        )
    with (
        pytest.raises(InvalidInput, match="不同的人"),
        demo_db.session(note=decision_note("merge", "")) as session,
    ):
        merge_residents(session, a, [b])
    assert _person(demo_db, b).deleted_at is None
    # two people with the same name and birthday, both with their own numbers, are not listed
    assert not [g for g in _groups(demo_db, "same_person") if "周同名" in g.shared]


def test_a_shared_phone_kept_is_not_shown_again_until_someone_joins(demo_db: Database) -> None:
    home, other = _two_households(demo_db)
    phone = "13512345678"
    with demo_db.session(note="registry") as session:
        a = lookup.add_resident(session, home, ResidentInput(name="吴甲", phone=phone))
    with demo_db.session(note="registry") as session:
        b = lookup.add_resident(session, other, ResidentInput(name="郑乙", phone=phone))
    [group] = [g for g in _groups(demo_db, "shared_phone") if g.shared == "135****5678"]
    assert {m.id for m in group.members} == {a, b}

    with demo_db.session(note=decision_note("keep_both", "shared_phone")) as session:
        keep_both(session, "shared_phone", [a, b])
    assert not [g for g in _groups(demo_db, "shared_phone") if g.shared == "135****5678"]
    kept = _audit(demo_db, "keep_both")
    ua, ub = _person(demo_db, a).uuid, _person(demo_db, b).uuid
    assert (ua, "shared_phone", ub) in kept and (ub, "shared_phone", ua) in kept
    with demo_db.reading() as session:
        decision = session.scalars(select(DuplicateDecision)).one()
    assert decision.members == ",".join(sorted([ua, ub])) and decision.decision == "keep_both"
    with demo_db.session(note=decision_note("keep_both", "shared_phone")) as session:
        keep_both(session, "shared_phone", [b, a])  # deciding again changes nothing
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(DuplicateDecision)) == 1

    with demo_db.reading() as session:
        third_home = session.scalars(select(Household.id).order_by(Household.id.desc())).first()
    assert third_home is not None
    with demo_db.session(note="registry") as session:
        c = lookup.add_resident(session, third_home, ResidentInput(name="王丙", phone=phone))
    [again] = [g for g in _groups(demo_db, "shared_phone") if g.shared == "135****5678"]
    assert {m.id for m in again.members} == {a, b, c}


def test_correcting_a_record_ends_the_group(demo_db: Database) -> None:
    home, other = _two_households(demo_db)
    with demo_db.session(note="registry") as session:
        lookup.add_resident(session, home, ResidentInput(name="冯丁", phone="13622223333"))
    with demo_db.session(note="registry") as session:
        b = lookup.add_resident(session, other, ResidentInput(name="陈戊", phone="13622223333"))
    assert [g for g in _groups(demo_db, "shared_phone") if g.shared == "136****3333"]
    with demo_db.session(note="registry") as session:
        lookup.update_resident(session, b, ResidentInput(name="陈戊", phone="13622224444"))
    assert not [g for g in _groups(demo_db, "shared_phone") if g.shared == "136****3333"]


def test_a_correction_is_checked_as_the_form_checks_and_is_in_the_audit_trail(
    demo_db: Database,
) -> None:
    home, other = _two_households(demo_db)
    with demo_db.session(note="registry") as session:
        lookup.add_resident(session, home, ResidentInput(name="冯己", phone="13633334444"))
    with demo_db.session(note="registry") as session:
        b = lookup.add_resident(session, other, ResidentInput(name="陈庚", phone="13633334444"))
    with (
        pytest.raises(InvalidInput, match="手机号"),
        demo_db.session(note=decision_note("correct", "shared_phone")) as session,
    ):
        duplicates.correct_resident(session, "shared_phone", b, {"phone": "12345"})
    with (
        pytest.raises(InvalidInput),
        demo_db.session(note=decision_note("correct", "shared_phone")) as session,
    ):
        duplicates.correct_resident(session, "shared_phone", b, {"tags": "低保"})
    assert _person(demo_db, b).phone == "13633334444"  # refused: nothing changed
    with demo_db.session(note=decision_note("correct", "shared_phone", "电话记错")) as session:
        changed = duplicates.correct_resident(
            session, "shared_phone", b, {"phone": "136 3333 5555"}
        )
    assert changed == ["phone"] and _person(demo_db, b).phone == "13633335555"
    assert not [g for g in _groups(demo_db, "shared_phone") if g.shared == "136****4444"]
    uuid = _person(demo_db, b).uuid
    assert (uuid, "shared_phone", "phone") in _audit(demo_db, "correct")
    with demo_db.reading() as session:
        notes = set(
            session.scalars(
                select(AuditEntry.note).where(
                    AuditEntry.record_uuid == uuid, AuditEntry.field == "phone"
                )
            )
        )
    assert notes == {"duplicates: correct (shared_phone): 电话记错"}
    # corrected in the resident form instead: the decision is recorded on its own
    with demo_db.session(note=decision_note("correct", "same_person")) as session:
        duplicates.record_correction(session, "same_person", b)
    assert (uuid, "same_person", None) in _audit(demo_db, "correct")


def test_one_id_number_on_two_communities_rolls(demo_db: Database) -> None:
    """At a street office: the same person on two communities' rolls. Each record belongs to its
    community, so the street office may keep both but not merge them."""
    with demo_db.reading() as session:
        person = session.scalars(
            select(Resident).where(Resident.id_number.is_not(None)).order_by(Resident.id)
        ).first()
        assert person is not None
    other_office = Database(demo_db.engine, origin=OTHER_COMMUNITY)
    with other_office.session() as session:
        session.add(
            Resident(
                household_id=person.household_id,
                name=person.name,
                id_number=person.id_number,
                birth_date=person.birth_date,
            )
        )
        session.flush()
    [group] = _groups(demo_db, "same_id")
    assert {m.origin for m in group.members} == {demo_db.origin, OTHER_COMMUNITY}
    assert group.shared == f"{person.id_number[:6]}********{person.id_number[-4:]}"
    ids = [m.id for m in group.members]
    with (
        pytest.raises(InvalidInput, match="属于"),
        demo_db.session(note=decision_note("merge", "")) as session,
    ):
        merge_residents(session, person.id, [i for i in ids if i != person.id])
    with demo_db.session(note=decision_note("keep_both", "same_id")) as session:
        keep_both(session, "same_id", ids)
    assert _groups(demo_db, "same_id") == []
