"""Roster import and export on files the tests build, one messy category at a time, as a careful
clerk would meet them: title rows, merged cells, IDs typed as numbers, full-width and invisible
characters, duplicates, a CSV from WPS in GBK, hostile files; and the round trip."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from app.core.registry import idnumber
from app.core.registry.roster_export import export_residents
from app.core.registry.roster_import import import_roster
from app.core.registry.roster_reading import find_layout
from app.core.spreadsheet import read_table
from app.db.engine import Database
from app.db.models import AuditEntry, Building, Household, Resident
from app.errors import InvalidInput
from tests.core.sheet_files import repeat, xlsx

HEADER = [
    "姓名",
    "身份证号",
    "性别",
    "联系电话",
    "楼栋",
    "单元",
    "门牌号",
    "与户主关系",
    "人员类别",
]


def pid(n: int, gender: str = "M", year: int = 1970) -> str:
    return idnumber.make("420106", date(year, 1 + n % 12, 1 + n % 28), n % 500, gender)


def write_xlsx(path: Path, rows: list[list[Any]], *, title: str | None = None) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    ws = wb.add_worksheet("花名册")
    r = 0
    if title:
        ws.merge_range(0, 0, 0, len(HEADER) - 1, title)
        ws.write(1, 0, "填报单位：幸福里社区")
        r = 3
    for row in rows:
        for c, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif value is not None:
                ws.write(r, c, value)
        r += 1
    wb.close()
    return path


def counts(db: Database) -> tuple[int, int]:
    with db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Resident)) or 0,
            session.scalar(select(func.count()).select_from(Household)) or 0,
        )


def family(b: int = 3, u: int = 2, room: str = "502", start: int = 1) -> list[list[Any]]:
    return [
        ["张三", pid(start), "男", "13812345678", f"{b}栋", f"{u}单元", room, "户主", "独居老人"],
        ["李四", pid(start + 1, "F"), "女", "13912345678", f"{b}栋", f"{u}单元", room, "配偶", ""],
        ["张小明", pid(start + 2, year=2010), "男", "", f"{b}栋", f"{u}单元", room, "子", "慢性病"],
    ]


def codes(plan_report: dict[str, Any]) -> dict[int, str]:
    return {p["row"]: p["code"] for p in plan_report["rejected"]}


def test_plain_roster_makes_households_heads_and_buildings(db: Database, tmp_path: Path) -> None:
    rows = [HEADER, *family(), *family(3, 2, "601", 10)]
    plan = import_roster(db, write_xlsx(tmp_path / "r.xlsx", rows))
    assert (plan.residents_added, plan.households_added) == (6, 2)
    assert plan.rejected == []
    with db.reading() as session:
        heads = session.execute(
            select(Household.address_code, Resident.name)
            .join(Resident, Resident.household_id == Household.id)
            .where(Resident.is_head)
            .order_by(Household.address_code)
        ).all()
        building = session.scalars(select(Building)).one()
        person = session.scalars(select(Resident).where(Resident.name == "张三").limit(1)).one()
    assert heads == [("3-2-502", "张三"), ("3-2-601", "张三")]
    assert building.number == "3" and building.units == 2  # an unknown building is created
    assert person.tags == ",独居老人," and person.phone == "13812345678"
    assert person.birth_date == idnumber.parse(pid(1)).birth_date  # filled from the ID number


def test_title_rows_and_merged_cells_above_the_header(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [HEADER, *family()], title="幸福里社区居民花名册")
    table = read_table(path)
    layout = find_layout(table)
    assert layout.header_row == 3
    plan = import_roster(db, path)
    assert plan.residents_added == 3
    assert plan.report()["header_row"] == 4


def test_numbers_as_ids_phones_and_the_row_numbers_reported(db: Database, tmp_path: Path) -> None:
    good = pid(7)
    rows = [
        HEADER,
        ["王五", float(good[:17] + "0"), "男", 13812345678, "3", "2", 502, "户主", ""],
        ["赵六", good, "男", 13812345679.0, "3", "2", 502, "子", ""],
    ]
    plan = import_roster(db, write_xlsx(tmp_path / "n.xlsx", rows))
    assert codes(plan.report()) == {2: "id_precision_lost"}  # row 2 as the sheet shows it
    with db.reading() as session:
        person = session.scalars(select(Resident)).one()
        household = session.scalars(select(Household)).one()
    assert (person.name, person.phone) == ("赵六", "13812345679")  # no ".0"
    assert household.address_code == "3-2-502"  # room typed as a number


def test_bad_ids_are_rejected_with_their_codes_and_good_rows_still_go_in(
    db: Database, tmp_path: Path
) -> None:
    good = pid(3)
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    rows = [
        HEADER,
        *family(),
        ["甲", wrong_check, "男", "", "3", "2", "502", "子", ""],
        ["乙", "4201061970", "男", "", "3", "2", "502", "子", ""],
        ["", pid(40), "男", "", "3", "2", "502", "子", ""],
        ["丙", pid(1), "男", "", "3", "2", "502", "子", ""],  # the head's number again
        ["丁", "42010619701399001X", "男", "", "3", "2", "502", "子", ""],
    ]
    plan = import_roster(db, write_xlsx(tmp_path / "b.xlsx", rows))
    assert codes(plan.report()) == {
        5: "id_checksum",
        6: "id_format",
        7: "missing_name",
        8: "duplicate_in_file",
        9: "id_format",
    }
    assert plan.residents_added == 3
    assert "第 2 行" in plan.rejected[3].message  # names the row it repeats
    assert counts(db) == (3, 1)


def test_full_width_zero_width_and_odd_spaces_are_normalised(db: Database, tmp_path: Path) -> None:
    number = pid(11, "F")
    wide = number.translate({0x30 + i: 0xFF10 + i for i in range(10)})
    rows = [
        HEADER,
        [
            "\u3000王\u200b 芳\u00a0",
            " " + wide + "\u200b",
            "女",
            "１３８ １２３４ ５６７８",
            "３栋",
            "２单元",
            "５０２",
            "户主 ",
            "",
        ],
    ]
    plan = import_roster(db, write_xlsx(tmp_path / "w.xlsx", rows))
    assert plan.rejected == []
    with db.reading() as session:
        person = session.scalars(select(Resident)).one()
        code = session.scalar(select(Household.address_code))
    assert (person.name, person.id_number, person.phone) == ("王芳", number, "13812345678")
    assert person.is_head and code == "3-2-502"


def test_lowercase_x_and_15_digit_numbers(db: Database, tmp_path: Path) -> None:
    x_id = next(
        idnumber.make("420106", date(1980, 5, d), s, "M")
        for d in range(1, 28)
        for s in range(500)
        if idnumber.make("420106", date(1980, 5, d), s, "M").endswith("X")
    )
    old = "420106500101001"
    rows = [
        HEADER,
        ["甲", x_id.lower(), "", "", "3", "1", "101", "户主", ""],
        ["乙", old, "", "", "3", "1", "101", "子", ""],
    ]
    import_roster(db, write_xlsx(tmp_path / "x.xlsx", rows))
    with db.reading() as session:
        ids = set(session.scalars(select(Resident.id_number)))
    assert ids == {x_id, idnumber.upgrade_15(old)}


def test_reimport_adds_nothing_and_a_change_is_an_update(db: Database, tmp_path: Path) -> None:
    rows = [HEADER, *family()]
    first = import_roster(db, write_xlsx(tmp_path / "a.xlsx", rows))
    assert first.residents_added == 3
    with db.reading() as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEntry))
    again = import_roster(db, write_xlsx(tmp_path / "b.xlsx", rows))
    assert (again.residents_added, again.residents_updated, again.households_added) == (0, 0, 0)
    assert not again.changes_anything
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
    rows[2] = [*rows[2][:3], "13700000000", *rows[2][4:]]  # 李四's new phone
    changed = import_roster(db, write_xlsx(tmp_path / "c.xlsx", rows))
    assert (changed.residents_added, changed.residents_updated) == (0, 1)
    assert counts(db) == (3, 1)
    with db.reading() as session:
        assert (
            session.scalar(select(Resident.phone).where(Resident.name == "李四")) == "13700000000"
        )


def test_dry_run_writes_nothing_but_reports_the_same(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "d.xlsx", [HEADER, *family(), ["", "", "", "", "", "", "", "", ""]]
    )
    plan = import_roster(db, path, dry_run=True)
    assert (plan.residents_added, plan.households_added) == (3, 1)
    assert counts(db) == (0, 0)


def test_grouping_by_address_without_a_relation_column(db: Database, tmp_path: Path) -> None:
    rows = [
        ["姓名", "身份证号", "住址"],
        ["甲", pid(1), "3栋2单元502室"],
        ["乙", pid(2, "F"), "3-2-601"],
        ["丙", pid(3), "3号楼2单元502"],
    ]
    plan = import_roster(db, write_xlsx(tmp_path / "g.xlsx", rows))
    assert (plan.residents_added, plan.households_added) == (3, 2)
    with db.reading() as session:
        heads = dict(
            session.execute(select(Resident.name, Resident.relation).where(Resident.is_head))
            .tuples()
            .all()
        )
    assert heads == {"甲": "户主", "乙": "户主"}  # the first listed at each address heads it


def test_rows_after_a_head_without_an_address_join_it(db: Database, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["甲", pid(1), "", "", "5", "1", "101", "户主", ""],
        ["乙", pid(2, "F"), "", "", "", "", "", "配偶", ""],
        ["丙", pid(3), "", "", "5", "1", "102", "户主", ""],
    ]
    plan = import_roster(db, write_xlsx(tmp_path / "h.xlsx", rows))
    assert (plan.residents_added, plan.households_added) == (3, 2)


def test_csv_saved_by_wps_in_gbk(db: Database, tmp_path: Path) -> None:
    text = "\n".join(
        [
            ",".join(HEADER),
            f"张三,{pid(1)},男,13812345678,3栋,2单元,502,户主,独居老人",
            f"李四,{pid(2, 'F')},女,13912345678,3栋,2单元,502,配偶,",
            "王五,4.20106E+17,男,,3栋,2单元,502,子,",
        ]
    )
    path = tmp_path / "wps.csv"
    path.write_bytes(text.encode("gbk"))
    plan = import_roster(db, path)
    assert plan.residents_added == 2
    assert codes(plan.report()) == {4: "id_precision_lost"}


def test_round_trip_adds_nothing(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    result = export_residents(demo_db, out)
    assert result.residents == 300
    plan = import_roster(demo_db, out)
    assert plan.rejected == []
    assert (plan.residents_added, plan.residents_updated, plan.households_added) == (0, 0, 0)
    assert not plan.changes_anything


def test_export_into_an_empty_community_rebuilds_it(
    demo_db: Database, db_factory, tmp_path: Path
) -> None:
    out = tmp_path / "all.xlsx"
    export_residents(demo_db, out)
    fresh = db_factory()
    plan = import_roster(fresh, out)
    assert plan.rejected == []
    assert counts(fresh) == counts(demo_db)
    with demo_db.reading() as a, fresh.reading() as b:
        q = select(
            Household.address_code,
            Resident.name,
            Resident.id_number,
            Resident.is_head,
            Resident.tags,
        )
        q = q.join(Household, Household.id == Resident.household_id)
        assert sorted(a.execute(q).tuples().all(), key=str) == sorted(
            b.execute(q).tuples().all(), key=str
        )


def test_export_masks_and_neutralises_formulas(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.session() as session:
        person = session.scalars(select(Resident).where(Resident.phone.is_not(None)).limit(1)).one()
        person.notes = '=HYPERLINK("http://x")'
        phone, number = person.phone, person.id_number
    out = tmp_path / "m.xlsx"
    export_residents(demo_db, out, mask=True)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    cells = {str(c) for r in rows for c in r}
    assert phone not in cells and number not in cells
    assert f"{phone[:3]}****{phone[7:]}" in cells
    assert '\'=HYPERLINK("http://x")' in cells
    with zipfile.ZipFile(out) as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")  # no formula anywhere


# --- hostile files ------------------------------------------------------------------------------


def test_binary_renamed_xlsx(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "evil.xlsx"
    path.write_bytes(b"\x7fELF" + bytes(range(256)) * 10)
    with pytest.raises(InvalidInput, match="不是 Excel"):
        import_roster(db, path)


def test_zip_bomb_is_refused_while_unpacking_it(db: Database, tmp_path: Path) -> None:
    # a sheet of 700 MB of spaces, a few hundred KB packed: unpacked a megabyte at a time, and
    # refused at 600 MB
    path = xlsx(tmp_path / "bomb.xlsx", repeat(b" " * 1024, 700 * 1024))
    with pytest.raises(InvalidInput, match="压缩炸弹"):
        import_roster(db, path)
    assert counts(db) == (0, 0)


def test_entity_expansion_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", [HEADER, *family()])
    evil = tmp_path / "lol.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"?>",
                    b'?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
                    1,
                )
            dst.writestr(item, data)
    with pytest.raises(InvalidInput, match="实体"):
        import_roster(db, evil)


def test_a_cell_a_million_rows_down_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, HEADER)
    ws.write_string(1_000_000, 0, " ")
    wb.close()
    with pytest.raises(InvalidInput, match="行数超过上限"):
        import_roster(db, path)


def test_no_header_says_what_is_missing(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [["a", "b"], ["1", "2"]])
    with pytest.raises(InvalidInput, match="找不到表头"):
        import_roster(db, path)


def test_hostile_file_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "evil.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(InvalidInput):
        import_roster(db, path)
    assert counts(db) == (0, 0)


@pytest.fixture
def db_factory(tmp_path: Path):
    """More empty communities in the same test."""
    from app.core.office.datadir import DataDir
    from app.core.office.setup import init_office, open_office

    made: list[Database] = []

    def make() -> Database:
        folder = DataDir(tmp_path / f"other{len(made)}")
        init_office(folder, "community", "420106001002", "和平里社区", "420106001")
        database, _info = open_office(folder)
        made.append(database)
        return database

    yield make
    for database in made:
        database.dispose()


def test_a_large_import_is_audited_as_batches_naming_its_records(
    db: Database, tmp_path: Path
) -> None:
    from app.db.events import created_count
    from app.db.models import AuditEntry

    rows = [HEADER] + [
        [f"居民{i}", pid(i), "", "", str(i // 300 + 1), "1", f"{i % 300 + 101}", "户主", ""]
        for i in range(1, 1501)
    ]
    db.actor = "李干事"
    plan = import_roster(db, write_xlsx(tmp_path / "big.xlsx", rows))
    assert plan.residents_added == 1500
    with db.reading() as session:
        batches = session.execute(
            select(
                AuditEntry.entity,
                AuditEntry.record_uuid,
                AuditEntry.old_value,
                AuditEntry.new_value,
                AuditEntry.actor,
                AuditEntry.note,
            ).where(AuditEntry.action == "create_many")
        ).all()
        per_record = session.scalar(
            select(func.count()).where(
                AuditEntry.action == "create", AuditEntry.entity == "resident"
            )
        )
        counted = dict(
            session.execute(
                select(
                    AuditEntry.entity,
                    func.sum(
                        created_count(AuditEntry.action, AuditEntry.old_value, AuditEntry.new_value)
                    ),
                ).group_by(AuditEntry.entity)
            )
            .tuples()
            .all()
        )
        residents = session.execute(select(Resident.id, Resident.origin, Resident.seq)).all()
    (_entity, batch, first, last, actor, note), *others = [b for b in batches if b[0] == "resident"]
    assert others == [] and per_record == 0
    # the row names exactly the records the import made, who made them and from which file
    assert (int(first), int(last)) == (min(r.id for r in residents), max(r.id for r in residents))
    assert batch == f"{residents[0].origin}:{residents[0].seq}"
    assert {f"{r.origin}:{r.seq}" for r in residents} == {batch}
    assert (actor, note) == ("李干事", "import big.xlsx")
    assert counted["resident"] == 1500 and counted["household"] == 1500


# --- rows that are not people, rows that join the household above ------------------------------

# a roster as street offices hand them out: a 序号 column first, a total row under it
NUMBERED = ["序号", "姓名", "身份证号", "联系电话", "住址", "与户主关系"]


def numbered_family() -> list[list[Any]]:
    return [
        [1, "张秀兰", pid(1, "F", 1950), "13812345678", "3-2-502", "户主"],
        [2, "王建国", pid(2, "M", 1948), "", "3-2-502", "配偶"],
    ]


def test_a_total_row_under_the_roster_is_not_a_resident(db: Database, tmp_path: Path) -> None:
    rows = [NUMBERED, *numbered_family(), ["合计", "10 人"]]
    plan = import_roster(db, write_xlsx(tmp_path / "total.xlsx", rows))
    assert (plan.residents_added, plan.rows_read, plan.rejected) == (2, 2, [])
    (warning,) = [w for w in plan.warnings if w.code == "not_a_person"]
    assert warning.row == 4 and "第 4 行" in warning.message and "10人" in warning.message
    assert "Row 4" in warning.message_en
    with db.reading() as session:
        names = set(session.scalars(select(Resident.name)))
    assert names == {"张秀兰", "王建国"}  # no resident named 10人 in 张秀兰's household


FOOTERS: list[tuple[str, list[Any]]] = [
    ("a count in the name column", ["合计", "10 人"]),
    ("a count of households", ["", "共10户"]),
    ("a bare number", ["", 10]),
    ("a total with a colon", ["", "总计：12人"]),
    ("共计 with spaces", ["", "共计 3 人"]),
    ("a subtotal with figures beside it", ["小计", "", "", 3, 2, 1]),
    ("a subtotal as the name", ["", "小计", "", "", "3-2-502", ""]),
    ("a signature line in one cell", ["制表人：李四"]),
    ("a label in the name column", ["", "审核：王五"]),
    ("a label beside a name", ["审核人", "王五"]),
    ("a date under the ID number", ["", "填表日期", "2026-11-29"]),
    ("a name alone", ["", "李四"]),
]


@pytest.mark.parametrize(("kind", "footer"), FOOTERS, ids=[k for k, _f in FOOTERS])
def test_footer_rows_of_each_kind_are_skipped_with_a_warning(
    db: Database, tmp_path: Path, kind: str, footer: list[Any]
) -> None:
    rows = [NUMBERED, *numbered_family(), footer, [3, "李明", pid(3), "", "3-2-601", "户主"]]
    plan = import_roster(db, write_xlsx(tmp_path / "f.xlsx", rows))
    assert plan.rejected == [], kind
    assert [(w.row, w.code) for w in plan.warnings] == [(4, "not_a_person")], kind
    assert plan.warnings[0].message.startswith("第 4 行")
    assert (plan.residents_added, plan.households_added, plan.rows_read) == (3, 2, 3)


def test_a_member_listed_with_a_relation_only_joins_the_household_above_and_says_so(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        HEADER,
        *family(),
        ["张小宝", "", "", "", "", "", "", "孙子", ""],  # two cells: a name and a relation
        ["王芳", pid(20, "F"), "女", "", "", "", "", "外孙女", ""],
        *family(5, 1, "101", 30),
    ]
    plan = import_roster(db, write_xlsx(tmp_path / "above.xlsx", rows))
    assert plan.rejected == [] and plan.residents_added == 8
    joined = {w.row: w for w in plan.warnings if w.code == "address_from_row_above"}
    assert set(joined) == {5, 6}
    assert "第 5 行" in joined[5].message and "3-2-502" in joined[5].message
    assert "张三" in joined[5].message and "3-2-502" in joined[6].message_en
    with db.reading() as session:
        where = dict(
            session.execute(
                select(Resident.name, Household.address_code).join(
                    Household, Household.id == Resident.household_id
                )
            )
            .tuples()
            .all()
        )
    assert where["张小宝"] == "3-2-502" and where["王芳"] == "3-2-502"


# --- numbers as typed ---------------------------------------------------------------------------


def test_number_cells_read_as_the_sheet_shows_them(db: Database, tmp_path: Path) -> None:
    from app.core.spreadsheet import cell_text, digits_lost

    number = pid(5)
    path = write_xlsx(
        tmp_path / "numbers.xlsx",
        [
            ["序号", *HEADER],
            [1.0, "王五", float(number), "男", 13812345678.0, 3.0, 2.0, 502.0, "户主", ""],
        ],
    )
    row = read_table(path).rows[1]
    shown = [cell_text(c) for c in row]
    assert shown[:2] == ["1", "王五"]
    assert shown[2] == number[:15] + "000"  # what the sheet kept: 15 digits, then zeros
    assert shown[4:8] == ["13812345678", "3", "2", "502"]
    assert [digits_lost(c) for c in row[:5]] == [False, False, True, False, False]
    plan = import_roster(db, path)
    (lost,) = plan.rejected
    assert (lost.row, lost.code) == (2, "id_precision_lost")
    # the message shows the number as the sheet does, masked, and says its digits are gone
    assert idnumber.mask(number[:15] + "000") in lost.message
    assert "e+" not in lost.message and "4.2" not in lost.message
    assert "15" in lost.message and number[:15] not in lost.message


def test_messages_mask_the_numbers_they_quote(db: Database, tmp_path: Path) -> None:
    good = pid(3)
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    rows = [
        HEADER,
        *family(),
        ["甲", wrong_check, "男", "", "3", "2", "502", "子", ""],
    ]
    plan = import_roster(db, write_xlsx(tmp_path / "m.xlsx", rows))
    (bad,) = plan.rejected
    assert bad.code == "id_checksum"
    assert wrong_check not in bad.message and wrong_check not in bad.message_en
    assert wrong_check[:6] + "********" + wrong_check[14:] in bad.message


# --- the rejected rows, saved to be corrected and imported again --------------------------------


def sheet_rows(path: Path) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_rejected_rows_are_saved_in_the_files_columns_with_the_reason(
    db: Database, tmp_path: Path
) -> None:
    from app.core.registry.roster_rejected import write_rejected

    good = pid(3)
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    lost = pid(8)
    rows = [
        HEADER,
        *family(),
        ["甲", wrong_check, "男", "13800001111", "3", "2", "502", "子", ""],  # row 8
        ["乙", float(lost), "男", "", "3", "2", "502", "子", ""],
        ["", pid(40), "男", "", "3", "2", "502", "子", ""],
    ]
    files = tmp_path / "files"
    files.mkdir()
    path = write_xlsx(files / "in.xlsx", rows, title="幸福里社区居民花名册")
    plan = import_roster(db, path, dry_run=True)
    assert {p.row: p.code for p in plan.rejected} == {
        8: "id_checksum",
        9: "id_precision_lost",
        10: "missing_name",
    }
    out = files / "未导入.xlsx"
    saved = write_rejected(plan, out)
    assert (saved.path, saved.rows) == (out, 3)
    assert sorted(p.name for p in files.iterdir()) == ["in.xlsx", "未导入.xlsx"]  # no temp file
    got = sheet_rows(out)
    assert got[0] == ["行号", "原因", *HEADER]
    assert [r[0] for r in got[1:]] == [8.0, 9.0, 10.0]  # the original file's row numbers
    by_row = {int(r[0]): r for r in got[1:]}
    # the cells as the file has them: the wrong number whole (it is what must be corrected), the
    # one stored as a number still a number
    assert by_row[8][2:] == ["甲", wrong_check, "男", "13800001111", "3", "2", "502", "子", ""]
    assert by_row[9][3] == read_table(path).rows[8][1]  # still the number the file has
    assert by_row[10][2:4] == ["", pid(40)]
    # the reasons say why and mask what they quote
    assert "校验位" in by_row[8][1] and wrong_check not in by_row[8][1]
    assert idnumber.mask(wrong_check) in by_row[8][1]
    assert "15" in by_row[9][1] and lost[:15] not in by_row[9][1]
    assert by_row[10][1] == "缺少姓名"
    reasons = " ".join(r[1] for r in got[1:])
    assert "13800001111" not in reasons

    # corrected there and imported again, the rows go in
    fixed = [got[0][2:]] + [r[2:] for r in got[1:]]
    fixed[1][1] = pid(50)
    fixed[2][1] = pid(51)
    fixed[3][0] = "戊"
    import_roster(db, path)
    again = import_roster(db, write_xlsx(files / "fixed.xlsx", fixed))
    assert again.rejected == [] and again.residents_added == 3
    assert counts(db) == (6, 1)


def test_the_rejected_file_is_written_whole_or_not_at_all(db: Database, tmp_path: Path) -> None:
    from app.core.registry.roster_rejected import write_rejected

    files = tmp_path / "files"
    files.mkdir()
    plan = import_roster(
        db,
        write_xlsx(files / "in.xlsx", [HEADER, ["", pid(1), "男", "", "3", "2", "502", "", ""]]),
        dry_run=True,
    )
    out = files / "out.xlsx"
    out.write_bytes(b"an earlier file")
    write_rejected(plan, out, lang="en")
    got = sheet_rows(out)
    assert got[0][:3] == ["Row", "Reason", "姓名"] and got[1][:2] == [2.0, "The name is missing"]
    folder = files / "taken.xlsx"
    folder.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(InvalidInput, match=r"taken\.xlsx"):
        write_rejected(plan, folder)
    assert sorted(p.name for p in files.iterdir()) == ["in.xlsx", "out.xlsx", "taken.xlsx"]
    with pytest.raises(InvalidInput, match=r"\.xlsx"):
        write_rejected(plan, files / "out.csv")
    with pytest.raises(InvalidInput, match="文件夹不存在"):
        write_rejected(plan, files / "nowhere" / "out.xlsx")
