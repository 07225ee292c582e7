"""Type-ahead search: every kind of query a clerk types, and the search tables following every way a
resident is written (ORM, bulk statements, plain SQL, tombstones)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, text, update

from app.core.registry import address, idnumber
from app.core.registry.search import RegistrySearch, kind_of, normalise, search, segmentations
from app.db.engine import Database
from app.db.models import Building, Household, Resident
from app.db.models_registry import NameChar

SHAN_ID = idnumber.make("420106", datetime(1961, 5, 4).date(), 123, "M")
ZHANG_ID = idnumber.make("420106", datetime(1980, 1, 2).date(), 45, "M")


@pytest.fixture
def people(db: Database) -> Database:
    """Building 3 with two households: 3-2-502 (单田芳, 张三 …) and 3-2-601 (吕布)."""
    with db.session() as session:
        b = Building(number="3", units=2, floors=6)
        session.add(b)
        session.flush()
        h1 = Household(code="H000502", building_id=b.id, unit=2, room="502", address_code="3-2-502")
        h2 = Household(code="H000601", building_id=b.id, unit=2, room="601", address_code="3-2-601")
        session.add_all([h1, h2])
        session.flush()
        session.add_all(
            [
                Resident(
                    household_id=h1.id,
                    name="单田芳",
                    id_number=SHAN_ID,
                    phone="13812345678",
                    is_head=True,
                    relation="户主",
                ),
                Resident(household_id=h1.id, name="张三", id_number=ZHANG_ID, phone="02788886666"),
                Resident(household_id=h1.id, name="张三丰", phone="13900001111"),
                Resident(household_id=h2.id, name="吕布", is_head=True, relation="户主"),
            ]
        )
    return db


def names(db: Database, query: str) -> list[str]:
    with db.reading() as session:
        return [h.name for h in search(session, query)]


def test_name_and_its_start(people: Database) -> None:
    assert names(people, "张三") == ["张三", "张三丰"]
    assert names(people, "张") == ["张三", "张三丰"]
    assert names(people, "单田芳") == ["单田芳"]
    assert names(people, "李") == []


def test_full_pinyin_and_initials(people: Database) -> None:
    assert names(people, "zhangsan") == ["张三", "张三丰"]
    assert names(people, "zhangsanf") == ["张三丰"]
    assert names(people, "zs") == ["张三", "张三丰"]  # the exact length first
    assert names(people, "zsf") == ["张三丰"]
    assert names(people, "ZS") == ["张三", "张三丰"]
    assert names(people, "ｚｓ") == ["张三", "张三丰"]  # typed with a full-width input method


def test_heteronyms_find_both_readings(people: Database) -> None:
    """单 is read shan as a surname and dan otherwise: both find 单田芳."""
    assert names(people, "shantianfang") == ["单田芳"]
    assert names(people, "dantianfang") == ["单田芳"]
    assert names(people, "stf") == ["单田芳"]
    assert names(people, "dtf") == ["单田芳"]


def test_u_with_umlaut_typed_as_v_or_u(people: Database) -> None:
    assert names(people, "lvbu") == ["吕布"]
    assert names(people, "lubu") == ["吕布"]


def test_id_number_and_phone_tails(people: Database) -> None:
    with people.reading() as session:
        hits = search(session, SHAN_ID[-6:])
    assert [(h.name, h.matched) for h in hits] == [("单田芳", "id_tail")]
    assert hits[0].id_masked == SHAN_ID[:6] + "********" + SHAN_ID[-4:]
    assert hits[0].phone_masked == "138****5678"
    assert names(people, "5678") == ["单田芳"]
    assert names(people, "13812345678") == ["单田芳"]
    assert names(people, "6666") == ["张三"]
    assert names(people, ZHANG_ID[-4:]) == ["张三"]
    assert names(people, "9999") == []


def test_addresses_in_every_written_form(people: Database) -> None:
    for query in ("3-2-502", "3栋2单元502", "3栋2单元502室", "3号楼2单元502", "３－２－５０２"):
        assert set(names(people, query)) == {"单田芳", "张三", "张三丰"}, query
    assert names(people, "3-2-502")[0] == "单田芳"  # the head first
    assert set(names(people, "3-2")) == {"单田芳", "张三", "张三丰", "吕布"}
    assert set(names(people, "3栋")) == {"单田芳", "张三", "张三丰", "吕布"}
    assert names(people, "3-2-6") == ["吕布"]
    assert names(people, "4-1") == []


def test_household_code_as_scanned(people: Database) -> None:
    assert set(names(people, "H000601")) == {"吕布"}
    assert set(names(people, "h000502")) == {"单田芳", "张三", "张三丰"}


def test_kinds() -> None:
    assert kind_of(normalise("张三")) == "name"
    assert kind_of(normalise("zs")) == "pinyin"
    assert kind_of(normalise("1234")) == "tail"
    assert kind_of(normalise("42010619610504123X")) == "tail"
    assert kind_of(normalise("3-2-502")) == "address"
    assert kind_of(normalise("3栋2单元")) == "address"
    assert kind_of(normalise("12")) == "address"
    assert kind_of(normalise("H000123")) == "household_code"
    assert kind_of(normalise("  ")) == "empty"


def test_segmentations_include_the_short_last_syllable() -> None:
    syllables = {"xi", "an", "xian", "a", "zhang", "san", "zha"}
    assert [("xian", True)] in segmentations("xian", syllables)
    assert [("xi", True), ("an", True)] in segmentations("xian", syllables)
    assert [("zhang", True), ("s", False)] in segmentations("zhangs", syllables)


# --- the search tables follow every write path ----------------------------------------------------


def _household_id(db: Database) -> int:
    with db.reading() as session:
        return session.scalars(select(Household.id).order_by(Household.id)).first() or 0


def test_orm_rename_and_phone_change_are_searchable_at_once(people: Database) -> None:
    with people.session() as session:
        person = session.scalars(select(Resident).where(Resident.name == "张三")).one()
        person.name = "欧阳修"
        person.phone = "13500002222"
    assert names(people, "oyx") == ["欧阳修"]
    assert names(people, "ouyangxiu") == ["欧阳修"]
    assert names(people, "2222") == ["欧阳修"]
    assert names(people, "6666") == []  # the old phone's tail is gone
    assert names(people, ZHANG_ID[-4:]) == ["欧阳修"]  # the ID number did not change


def test_bulk_insert_and_bulk_update_are_searchable(people: Database) -> None:
    hid = _household_id(people)
    with people.session() as session:
        session.execute(
            insert(Resident),
            [
                {"household_id": hid, "name": "覃晓", "phone": "18600001234"},
                {"household_id": hid, "name": "仇英", "phone": None},
            ],
        )
    assert names(people, "qinxiao") == ["覃晓"]
    assert names(people, "1234") == ["覃晓"]
    assert names(people, "qiuying") == ["仇英"] or names(people, "chouying") == ["仇英"]
    with people.session() as session:
        session.execute(update(Resident).where(Resident.name == "仇英").values(phone="17700009876"))
        session.execute(update(Resident).where(Resident.name == "覃晓").values(name="翟晓"))
    assert names(people, "9876") == ["仇英"]
    assert names(people, "zhaixiao") == ["翟晓"] or names(people, "dixiao") == ["翟晓"]
    assert names(people, "zx") == ["翟晓"]


def test_plain_sql_update_keeps_the_tails(people: Database) -> None:
    """The tails are indexes the database keeps: even an UPDATE that bypasses the ORM (a repair
    with the sqlite3 tool) leaves them right."""
    with people.session() as session:
        session.execute(text("UPDATE resident SET phone = '13344445555' WHERE name = '吕布'"))
    assert names(people, "4445555") == ["吕布"]
    with people.session() as session:
        session.execute(text("UPDATE resident SET phone = NULL WHERE name = '吕布'"))
    assert names(people, "5555") == []


def test_rebuild_restores_the_name_characters(people: Database) -> None:
    from app.db.search_index import rebuild

    with people.session() as session:
        session.execute(text("DELETE FROM name_char"))
    assert names(people, "stf") == []
    with people.session() as session:
        rebuild(session.connection())
    assert names(people, "stf") == ["单田芳"]
    assert names(people, "5678") == ["单田芳"]


def test_tail_search_reads_the_two_tail_indexes(people: Database) -> None:
    """The query's expressions are the indexes' own (a different spelling would scan the table)."""
    with people.reading() as session:
        plan = session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT id FROM resident "
                "WHERE (substr(id_number, -4) = '5678' OR substr(phone, -4) = '5678')"
            )
        ).all()
    details = " ".join(str(row[-1]) for row in plan)
    assert "ix_resident_id_tail" in details and "ix_resident_phone_tail" in details


def test_tombstoned_residents_are_not_found(people: Database) -> None:
    with people.session() as session:
        person = session.scalars(select(Resident).where(Resident.name == "张三丰")).one()
        person.deleted_at = datetime.now(UTC).replace(tzinfo=None)
        person.delete_reason = "重复登记"
    assert names(people, "张三") == ["张三"]
    assert names(people, "1111") == []


def test_every_name_character_is_known_with_its_readings(demo_db: Database) -> None:
    with demo_db.reading() as session:
        chars = dict(session.execute(select(NameChar.ch, NameChar.readings)).tuples().all())
        all_names = session.scalars(select(Resident.name)).all()
    assert set("".join(all_names)) <= set(chars)
    assert all(chars[ch] for ch in chars)


def test_search_engine_sees_characters_added_after_it_loaded(people: Database) -> None:
    engine = RegistrySearch()
    with people.reading() as session:
        assert engine.search(session, "gx") == []
    hid = _household_id(people)
    with people.session() as session:
        session.add(Resident(household_id=hid, name="龚雪"))
    with people.reading() as session:
        assert [h.name for h in engine.search(session, "gx")] == ["龚雪"]


@settings(max_examples=60, deadline=None)
@given(
    building=st.integers(1, 999),
    unit=st.integers(1, 9),
    floor=st.integers(1, 33),
    room=st.integers(1, 4),
    form=st.sampled_from(
        ["{b}-{u}-{r}", "{b}栋{u}单元{r}", "{b}栋{u}单元{r}室", "{b}号楼{u}单元{r}"]
    ),
)
def test_every_written_address_form_gives_the_code(
    building: int, unit: int, floor: int, room: int, form: str
) -> None:
    r = f"{floor}{room:02d}"
    parsed = address.parse(form.format(b=building, u=unit, r=r))
    assert parsed is not None and parsed.code == f"{building}-{unit}-{r}"
