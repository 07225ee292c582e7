"""Households made and remade by hand: a new household with its head, a household split in two, two
merged into one — each in one transaction, one head per household throughout, every change in the
audit trail with the operation named, and nothing half-done when a step is refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.core.registry import households, idnumber, lookup
from app.core.registry.households import add_household, merge_households, split_household
from app.core.registry.lookup import ResidentInput
from app.db.engine import Database
from app.db.models import AuditEntry, Building, Household, Resident
from app.errors import InvalidInput


def _members(db: Database, household_id: int) -> dict[str, bool]:
    with db.reading() as session:
        return dict(
            session.execute(
                select(Resident.name, Resident.is_head).where(
                    Resident.household_id == household_id, Resident.deleted_at.is_(None)
                )
            )
            .tuples()
            .all()
        )


def _notes(db: Database, uuid: str) -> set[str | None]:
    with db.reading() as session:
        return set(session.scalars(select(AuditEntry.note).where(AuditEntry.record_uuid == uuid)))


def _family(db: Database, n: int = 3) -> tuple[int, dict[str, int]]:
    with db.session(note="registry: new household") as session:
        made = add_household(
            session,
            "8栋2单元1203",
            ResidentInput(name="刘大", id_number=idnumber.make("420106", date(1950, 5, 6), n, "M")),
        )
    ids = {"刘大": 0}
    with db.reading() as session:
        ids["刘大"] = session.scalars(
            select(Resident.id).where(Resident.household_id == made.id)
        ).one()
    for name, born in (
        ("王二", date(1952, 1, 1)),
        ("刘三", date(1980, 2, 2)),
        ("李四", date(1982, 3, 3)),
    ):
        with db.session(note="registry") as session:
            ids[name] = lookup.add_resident(
                session, made.id, ResidentInput(name=name, birth_date=born, relation="家人")
            )
    return made.id, ids


def test_a_new_household_with_its_head(db: Database) -> None:
    with db.session(note="registry: new household") as session:
        made = add_household(
            session,
            "12栋3单元501室",
            ResidentInput(name="陈新", phone="13800001234"),
            phone="027-88886666",
        )
    assert made.address_code == "12-3-501" and made.code == "H000001"
    with db.reading() as session:
        household = session.get(Household, made.id)
        building = session.get(Building, household.building_id)  # type: ignore[union-attr]
        head = session.scalars(select(Resident).where(Resident.household_id == made.id)).one()
    assert household is not None and household.phone == "027-88886666"
    assert building is not None and (building.number, building.units, building.floors) == (
        "12",
        3,
        5,
    )
    assert head.is_head and head.relation == "户主" and head.phone == "13800001234"
    assert "registry: new household" in _notes(db, household.uuid)
    assert "registry: new household" in _notes(db, head.uuid)
    # the next one gets the next code; a second household at one address is allowed (合租)
    with db.session(note="registry: new household") as session:
        again = add_household(session, "12-3-501", ResidentInput(name="周合租"))
    assert again.code == "H000002" and again.address_code == "12-3-501"
    with db.reading() as session:
        neighbours = households.households_at(session, "12栋3单元501")
    assert [(n.code, n.head, n.members) for n in neighbours] == [
        ("H000001", "陈新", 1),
        ("H000002", "周合租", 1),
    ]


def test_a_new_household_refuses_what_the_form_refuses_and_writes_nothing(db: Database) -> None:
    with (
        pytest.raises(InvalidInput, match="住址无法识别"),
        db.session(note="registry: new household") as session,
    ):
        add_household(session, "幸福里", ResidentInput(name="甲"))
    with (
        pytest.raises(InvalidInput, match="姓名"),
        db.session(note="registry: new household") as session,
    ):
        add_household(session, "3-1-101", ResidentInput(name=" "))
    with (
        pytest.raises(InvalidInput, match="校验位"),
        db.session(note="registry: new household") as session,
    ):
        add_household(session, "3-1-101", ResidentInput(name="乙", id_number="420106195001010010"))
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 0
        assert session.scalar(select(func.count()).select_from(Building)) == 0


def test_split_moves_members_with_one_head_each(db: Database) -> None:
    home, ids = _family(db)
    with db.session(note="registry: split household") as session:
        made = split_household(session, home, [ids["刘三"], ids["李四"]], "8-1-302", ids["刘三"])
    assert _members(db, home) == {"刘大": True, "王二": False}
    assert _members(db, made.id) == {"刘三": True, "李四": False}
    with db.reading() as session:
        moved = session.get(Resident, ids["刘三"])
        assert moved is not None and moved.relation == "户主"
        assert households.heads_ok(session, home) and households.heads_ok(session, made.id)
        audited = session.scalars(
            select(AuditEntry.field).where(
                AuditEntry.record_uuid == moved.uuid, AuditEntry.note == "registry: split household"
            )
        ).all()
    assert {"household_id", "is_head", "relation"} <= set(audited)


def test_split_away_the_head_names_a_new_one_for_those_who_stay(db: Database) -> None:
    home, ids = _family(db)
    with db.session(note="registry: split household") as session:
        split_household(session, home, [ids["刘大"]], "9-1-101", ids["刘大"], ids["刘三"])
    assert _members(db, home) == {"王二": False, "刘三": True, "李四": False}
    home2, ids2 = _family(db, 4)
    with db.session(note="registry: split household") as session:
        split_household(session, home2, [ids2["刘大"], ids2["李四"]], "9-1-102", ids2["李四"])
    assert _members(db, home2) == {"王二": True, "刘三": False}  # the eldest who stays


def test_a_refused_split_changes_nothing(db: Database) -> None:
    home, ids = _family(db)
    everyone = list(ids.values())
    with (
        pytest.raises(InvalidInput, match="全部成员"),
        db.session(note="registry: split household") as session,
    ):
        split_household(session, home, everyone, "9-1-101", ids["刘大"])
    with (
        pytest.raises(InvalidInput, match="新户的户主"),
        db.session(note="registry: split household") as session,
    ):
        split_household(session, home, [ids["李四"]], "9-1-101", ids["刘三"])
    with (
        pytest.raises(InvalidInput, match="住址"),
        db.session(note="registry: split household") as session,
    ):
        split_household(session, home, [ids["李四"]], "东边那栋", ids["李四"])
    assert _members(db, home) == {"刘大": True, "王二": False, "刘三": False, "李四": False}
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 1


def test_merge_two_households_under_the_head_chosen(db: Database) -> None:
    home, ids = _family(db)
    with db.session(note="registry: new household") as session:
        other = add_household(session, "8-2-1204", ResidentInput(name="赵邻"))
    with db.reading() as session:
        zhao = session.scalars(select(Resident.id).where(Resident.name == "赵邻")).one()
    with db.session(note="registry: merge households") as session:
        kept = merge_households(session, home, [other.id], zhao)
    assert kept.id == home and kept.address_code == "8-2-1203"
    assert _members(db, home) == {
        "刘大": False,
        "王二": False,
        "刘三": False,
        "李四": False,
        "赵邻": True,
    }
    with db.reading() as session:
        gone = session.get(Household, other.id)
        assert gone is not None and gone.deleted_at is not None
        assert gone.delete_reason == f"并入 8-2-1203（户号 {kept.code}）"
        former = session.get(Resident, ids["刘大"])
        assert former is not None and former.relation == "其他"  # no longer 户主
        assert households.heads_ok(session, home)
    assert "registry: merge households" in _notes(db, gone.uuid)


def test_merge_refuses_a_head_from_elsewhere(db: Database) -> None:
    home, _ids = _family(db)
    with db.session(note="registry: new household") as session:
        other = add_household(session, "8-2-1204", ResidentInput(name="赵邻"))
    with db.session(note="registry: new household") as session:
        stranger = add_household(session, "8-2-1205", ResidentInput(name="钱外"))
    with db.reading() as session:
        qian = session.scalars(select(Resident.id).where(Resident.name == "钱外")).one()
    with (
        pytest.raises(InvalidInput, match="户主必须是"),
        db.session(note="registry: merge households") as session,
    ):
        merge_households(session, home, [other.id], qian)
    assert _members(db, other.id) == {"赵邻": True}
    assert _members(db, stranger.id) == {"钱外": True}


# --- the relation to the head follows the head ----------------------------------------------------


def _relations(db: Database, household_id: int) -> dict[str, str | None]:
    with db.reading() as session:
        return dict(
            session.execute(
                select(Resident.name, Resident.relation).where(
                    Resident.household_id == household_id, Resident.deleted_at.is_(None)
                )
            )
            .tuples()
            .all()
        )


def _three_generations(
    db: Database, at: str = "6-1-101", n: int = 10
) -> tuple[int, dict[str, int]]:
    with db.session(note="registry: new household") as session:
        made = add_household(
            session,
            at,
            ResidentInput(name="张父", id_number=idnumber.make("420106", date(1950, 1, 1), n, "M")),
        )
    ids: dict[str, int] = {}
    with db.reading() as session:
        ids["张父"] = session.scalars(
            select(Resident.id).where(Resident.household_id == made.id)
        ).one()
    for name, relation, born, gender in (
        ("李母", "配偶", date(1952, 2, 2), "F"),
        ("张子", "子", date(1978, 3, 3), "M"),
        ("王媳", "儿媳", date(1980, 4, 4), "F"),
        ("张孙", "孙子", date(2008, 5, 5), "M"),
    ):
        with db.session(note="registry") as session:
            ids[name] = lookup.add_resident(
                session,
                made.id,
                ResidentInput(name=name, relation=relation, birth_date=born, gender=gender),
            )
    return made.id, ids


def test_a_son_splitting_off_heads_his_wife_and_child_as_spouse_and_son(db: Database) -> None:
    home, ids = _three_generations(db)
    with db.session(note="registry: split household") as session:
        made = split_household(
            session, home, [ids["张子"], ids["王媳"], ids["张孙"]], "6-1-102", ids["张子"]
        )
    assert _relations(db, made.id) == {"张子": "户主", "王媳": "配偶", "张孙": "子"}
    assert _relations(db, home) == {"张父": "户主", "李母": "配偶"}  # their head stays


def test_a_split_taking_the_head_away_reheads_those_who_stay(db: Database) -> None:
    home, ids = _three_generations(db)
    with db.session(note="registry: split household") as session:
        split_household(session, home, [ids["张父"]], "7-1-101", ids["张父"], ids["李母"])
    # the old head's spouse heads now: the children stay her children
    assert _relations(db, home) == {"李母": "户主", "张子": "子", "王媳": "儿媳", "张孙": "孙子"}


def test_a_relation_picked_by_the_user_wins(db: Database) -> None:
    home, ids = _three_generations(db)
    with db.session(note="registry: split household") as session:
        made = split_household(
            session,
            home,
            [ids["张子"], ids["王媳"]],
            "6-1-103",
            ids["王媳"],
            None,
            {ids["张子"]: "夫"},
        )
    assert _relations(db, made.id) == {"王媳": "户主", "张子": "夫"}


def test_merging_in_the_old_head_becomes_other_or_what_was_picked(db: Database) -> None:
    home, ids = _three_generations(db)
    with db.session(note="registry: new household") as session:
        other = add_household(session, "6-2-201", ResidentInput(name="赵户"))
    with db.session(note="registry") as session:
        lookup.add_resident(session, other.id, ResidentInput(name="钱妻", relation="配偶"))
    with db.session(note="registry: merge households") as session:
        merge_households(session, home, [other.id], ids["张父"])
    # the kept household's head stays, so do its relations; the merged household's head is 其他
    # unless the user says, and his wife, with no link to the new head known, too
    assert _relations(db, home) == {
        "张父": "户主",
        "李母": "配偶",
        "张子": "子",
        "王媳": "儿媳",
        "张孙": "孙子",
        "赵户": "其他",
        "钱妻": "其他",
    }


def test_merging_in_a_son_picked_as_son_carries_his_family(db: Database) -> None:
    with db.session(note="registry: new household") as session:
        home = add_household(
            session,
            "6-3-301",
            ResidentInput(
                name="老周", id_number=idnumber.make("420106", date(1945, 1, 1), 30, "M")
            ),
        ).id
    young, ids = _three_generations(db, "6-3-302", 31)  # 张父's family: his son is 张子
    with db.session(note="registry: merge households") as session:
        merge_households(session, home, [young], registry_head(db, home), {ids["张父"]: "子"})
    assert _relations(db, home) == {
        "老周": "户主",
        "张父": "子",
        "李母": "儿媳",
        "张子": "孙子",
        "王媳": "其他",
        "张孙": "其他",
    }


def registry_head(db: Database, household_id: int) -> int:
    with db.reading() as session:
        return session.scalars(
            select(Resident.id).where(Resident.household_id == household_id, Resident.is_head)
        ).one()


def test_set_head_and_move_carry_relations(db: Database) -> None:
    home, ids = _three_generations(db)
    with db.session(note="change head") as session:
        assert lookup.change_head(session, ids["张子"]) is True
    assert _relations(db, home) == {
        "张子": "户主",
        "张父": "父亲",
        "李母": "其他",
        "王媳": "配偶",
        "张孙": "子",
    }
    with db.session(note="change head") as session:
        assert lookup.change_head(session, ids["张子"]) is False  # already the head
    with db.session(note="registry: new household") as session:
        other = add_household(session, "6-9-901", ResidentInput(name="孤老"))
    with db.session(note="move") as session:
        lookup.move_resident(session, ids["张孙"], other.id, "孙子")
    assert _relations(db, other.id) == {"孤老": "户主", "张孙": "孙子"}
    with db.session(note="move") as session:
        lookup.move_resident(session, ids["王媳"], other.id)
    assert _relations(db, other.id)["王媳"] == "其他"
    # the head moving out: the eldest who stays heads, and the relations follow
    with db.session(note="move") as session:
        lookup.move_resident(session, ids["张子"], other.id)
    assert _relations(db, home) == {"张父": "户主", "李母": "其他"}
