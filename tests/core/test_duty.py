"""People on duty: the roster with zones and resident links, duties and shifts, check-in by code,
no-shows, attendance (cadres per posting), the demo roster, and the roster import — with bad input
refused and nothing half-done."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from sqlalchemy import func, select

from app.core.grids import duty, duty_checkin, duty_shifts, structure
from app.core.grids.duty import PersonInput
from app.core.grids.duty_demo import fill_demo_roster
from app.core.grids.duty_import import import_duty_roster
from app.core.office.datadir import DataDir
from app.core.office.setup import open_office
from app.db.engine import Database
from app.db.models import Household, Resident
from app.db.models_grids import DutyPerson, DutyZone, ShiftAssignment
from app.errors import AlreadyDone, InvalidInput
from tests.core.grid_helpers import copy_of, make_template

DAY = date(2026, 11, 30)  # a Monday


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    return make_template(tmp_path_factory.mktemp("duty"))


@pytest.fixture
def cdb(template: DataDir, tmp_path: Path) -> Iterator[Database]:
    database, _info = open_office(copy_of(template, tmp_path / "c"))
    try:
        yield database
    finally:
        database.dispose()


def a_resident(db: Database, n: int = 0) -> tuple[int, str, str]:
    """(resident id, name, address code) of the n-th head of household."""
    with db.reading() as s:
        row = s.execute(
            select(Resident.id, Resident.name, Household.address_code)
            .join(Household, Household.id == Resident.household_id)
            .where(Resident.is_head)
            .order_by(Resident.id)
            .offset(n)
            .limit(1)
        ).one()
    return row.id, row.name, row.address_code


@pytest.fixture
def gate(cdb: Database) -> dict[str, Any]:
    """A gate duty with a morning and an overlapping late-morning shift, and two people."""
    with cdb.session() as s:
        d = duty_shifts.create_duty(s, "北门卡点", "卡点值守", grid="G01", place="小区北门")
        morning = duty_shifts.add_shift(s, d.id, at(8), at(12), needed=2)
        late = duty_shifts.add_shift(s, d.id, at(11), at(14))
        afternoon = duty_shifts.add_shift(s, d.id, at(14), at(18))
        wang = duty.add_person(s, PersonInput("王网格", "grid_worker", "13800001111", grid="G01"))
        li = duty.add_person(s, PersonInput("李志愿", "volunteer", "13900002222", grid="G01"))
        return {
            "duty": d.id,
            "morning": morning.id,
            "late": late.id,
            "afternoon": afternoon.id,
            "wang": (wang.id, wang.code),
            "li": (li.id, li.code),
        }


# --- the roster ----------------------------------------------------------------------------------


def test_people_get_printable_codes(cdb: Database) -> None:
    with cdb.session() as s:
        a = duty.add_person(s, PersonInput("张三", "staff"))
        b = duty.add_person(s, PersonInput("李四", "volunteer", skills=["驾驶、医护"]))
    assert (a.code, b.code) == ("P0001", "P0002")
    with cdb.reading() as s:
        row = duty.get_person(s, b.id)
    assert row.skills == ["医护", "驾驶"]


def test_roles_that_need_more_are_refused_without_it(cdb: Database) -> None:
    rid, _name, _addr = a_resident(cdb)
    with cdb.session() as s:
        with pytest.raises(InvalidInput, match="居民"):
            duty.add_person(s, PersonInput("楼长甲", "building_leader", zone="1"))
        with pytest.raises(InvalidInput, match="负责"):
            duty.add_person(s, PersonInput("楼长甲", "building_leader", resident_id=rid))
        with pytest.raises(InvalidInput, match="开始日期"):
            duty.add_person(s, PersonInput("干部甲", "cadre", organisation="区民政局"))
        with pytest.raises(InvalidInput, match="派出单位"):
            duty.add_person(s, PersonInput("干部甲", "cadre", posting_start=DAY))
        with pytest.raises(InvalidInput, match="早于"):
            duty.add_person(
                s,
                PersonInput(
                    "干部乙",
                    "cadre",
                    organisation="区民政局",
                    posting_start=DAY,
                    posting_end=DAY - timedelta(days=1),
                ),
            )
        with pytest.raises(InvalidInput, match="G99"):
            duty.add_person(s, PersonInput("甲", "volunteer", grid="G99"))
        with pytest.raises(InvalidInput):
            duty.add_person(s, PersonInput("甲", "chef"))
        with pytest.raises(InvalidInput):
            duty.add_person(s, PersonInput("  ", "volunteer"))
        assert s.scalar(select(func.count()).select_from(DutyPerson)) == 0


def test_zones_of_buildings_units_and_households(cdb: Database) -> None:
    rid, _name, addr = a_resident(cdb)
    with cdb.session() as s:
        p = duty.add_person(
            s, PersonInput("党员甲", "party_member", zone=f"1-3，5、4栋2单元,{addr}")
        )
        row = duty.get_person(s, p.id)
        assert row.zone_text == f"1-3,5,4栋2单元,{addr}"
        leader = duty.add_person(
            s, PersonInput("楼长乙", "unit_leader", resident_id=rid, zone="2栋1单元")
        )
        assert leader.resident_id == rid
        with pytest.raises(InvalidInput, match="单元"):
            duty.add_person(s, PersonInput("单元长丙", "unit_leader", resident_id=rid, zone="2"))
        with pytest.raises(InvalidInput, match="99"):
            duty.add_person(s, PersonInput("党员丁", "party_member", zone="1,99"))
        with pytest.raises(InvalidInput, match="4栋9单元"):
            duty.add_person(s, PersonInput("党员丁", "party_member", zone="4栋9单元"))
        with pytest.raises(InvalidInput):
            duty.add_person(s, PersonInput("党员丁", "party_member", zone="1-3,2"))
    with cdb.session() as s:
        duty.edit_person(s, p.id, PersonInput("党员甲", "party_member", zone="7"))
    with cdb.reading() as s:
        assert duty.get_person(s, p.id).zone_text == "7"
        live = s.scalar(
            select(func.count())
            .select_from(DutyZone)
            .where(DutyZone.person_id == p.id, DutyZone.deleted_at.is_(None))
        )
        assert live == 1


def test_code_clash_is_refused(cdb: Database) -> None:
    with cdb.session() as s:
        duty.add_person(s, PersonInput("甲", "staff", code="a-01"))
        with pytest.raises(InvalidInput, match="A-01"):
            duty.add_person(s, PersonInput("乙", "staff", code="A-01"))
        with pytest.raises(InvalidInput):
            duty.add_person(s, PersonInput("乙", "staff", code="坏 编号"))


def test_people_are_found_by_name_code_skill_and_grid(cdb: Database) -> None:
    with cdb.session() as s:
        duty.add_person(s, PersonInput("王一", "volunteer", grid="G01", skills=["驾驶"]))
        duty.add_person(s, PersonInput("王二", "grid_worker", grid="G02"))
        duty.add_person(s, PersonInput("张三", "staff"))
    with cdb.reading() as s:
        names = lambda q: [p.name for p in duty.list_people(s, q)]  # noqa: E731
        assert names(duty.PeopleQuery(text="王")) == ["王二", "王一"]
        assert names(duty.PeopleQuery(text="驾驶")) == ["王一"]
        assert names(duty.PeopleQuery(text="p0003")) == ["张三"]
        assert names(duty.PeopleQuery(grid="G02")) == ["王二"]
        assert names(duty.PeopleQuery(grid="")) == ["张三"]
        assert names(duty.PeopleQuery(role="volunteer")) == ["王一"]


# --- shifts --------------------------------------------------------------------------------------


def test_shift_times_are_checked(cdb: Database, gate: dict[str, Any]) -> None:
    with cdb.session() as s:
        with pytest.raises(InvalidInput):
            duty_shifts.add_shift(s, gate["duty"], at(12), at(8))
        with pytest.raises(InvalidInput):
            duty_shifts.add_shift(s, gate["duty"], at(8), at(9, day=DAY + timedelta(days=2)))
        night = duty_shifts.add_daily_shifts(
            s, gate["duty"], DAY, DAY + timedelta(days=2), time(22), time(6)
        )
    assert (night[0].starts_at, night[0].ends_at) == (
        at(22),
        at(6, day=DAY + timedelta(days=1)),
    )
    assert len(night) == 3


def test_a_person_cannot_be_on_two_overlapping_shifts(cdb: Database, gate: dict[str, Any]) -> None:
    wang, li = gate["wang"][0], gate["li"][0]
    with cdb.session() as s:
        duty_shifts.assign_people(s, gate["morning"], [wang])
    with cdb.session() as s:
        with pytest.raises(InvalidInput) as err:
            duty_shifts.assign_people(s, gate["late"], [li, wang])
        assert (
            "王网格" in err.value.zh and "北门卡点" in err.value.zh and "overlaps" in err.value.en
        )
    with cdb.reading() as s:  # all or none: 李 was not put on it either
        on_late = s.scalar(
            select(func.count())
            .select_from(ShiftAssignment)
            .where(ShiftAssignment.shift_id == gate["late"])
        )
    assert on_late == 0
    with cdb.session() as s:
        outcome = duty_shifts.assign_people(s, gate["afternoon"], [wang, li])
        assert outcome.added == ["王网格", "李志愿"]
        with pytest.raises(AlreadyDone):
            duty_shifts.assign_people(s, gate["afternoon"], [wang])


def test_a_shift_cannot_be_moved_onto_another_of_its_people(
    cdb: Database, gate: dict[str, Any]
) -> None:
    wang = gate["wang"][0]
    with cdb.session() as s:
        duty_shifts.assign_people(s, gate["morning"], [wang])
        duty_shifts.assign_people(s, gate["afternoon"], [wang])
    with cdb.session() as s, pytest.raises(InvalidInput):
        duty_shifts.edit_shift(s, gate["afternoon"], at(10), at(15), 1)


def test_cadres_serve_only_within_their_posting(cdb: Database, gate: dict[str, Any]) -> None:
    with cdb.session() as s:
        cadre = duty.add_person(
            s,
            PersonInput(
                "赵干部",
                "cadre",
                organisation="区民政局",
                posting_start=DAY + timedelta(days=1),
                posting_end=DAY + timedelta(days=30),
            ),
        )
        with pytest.raises(InvalidInput, match="在岗期"):
            duty_shifts.assign_people(s, gate["morning"], [cadre.id])


# --- check-in ------------------------------------------------------------------------------------


def test_scanning_checks_in_then_out(cdb: Database, gate: dict[str, Any]) -> None:
    wang_id, code = gate["wang"]
    with cdb.session() as s:
        duty_shifts.assign_people(s, gate["morning"], [wang_id])
    with cdb.session() as s:
        first = duty_checkin.scan(s, f" {code.lower()} ", at(7, 50))
        assert (first.action, first.late_minutes) == ("in", 0)
        assert "签到" in first.message() and "checked in" in first.message("en")
    with cdb.session() as s:
        second = duty_checkin.scan(s, code, at(12, 5))
        assert second.action == "out" and second.hours == pytest.approx(4.25)
    with cdb.session() as s, pytest.raises(AlreadyDone):
        duty_checkin.scan(s, code, at(12, 6))


def test_check_in_is_refused_off_shift_and_for_unknown_codes(
    cdb: Database, gate: dict[str, Any]
) -> None:
    wang_id, code = gate["wang"]
    li_code = gate["li"][1]
    with cdb.session() as s:
        duty_shifts.assign_people(s, gate["afternoon"], [wang_id])
    with cdb.session() as s:
        with pytest.raises(InvalidInput) as err:
            duty_checkin.scan(s, code, at(9))  # too early: the shift starts at 14:00
        assert "不在班次上" in err.value.zh and "14:00" in err.value.zh
        with pytest.raises(InvalidInput, match="之后没有排班"):
            duty_checkin.scan(s, li_code, at(9))
        with pytest.raises(InvalidInput, match="P9999"):
            duty_checkin.scan(s, "P9999", at(9))
        with pytest.raises(InvalidInput):
            duty_checkin.scan(s, "", at(9))
        with pytest.raises(InvalidInput):
            duty_checkin.check_out(s, code, at(15))
        assert not s.dirty
    with cdb.reading() as s:
        assert s.scalar(select(func.count()).where(ShiftAssignment.checked_in_at.is_not(None))) == 0


def test_no_shows_are_visible_the_same_day(cdb: Database, gate: dict[str, Any]) -> None:
    wang_id, wang_code = gate["wang"]
    li_id = gate["li"][0]
    with cdb.session() as s:
        duty_shifts.assign_people(s, gate["morning"], [wang_id, li_id])
        duty_checkin.scan(s, wang_code, at(8, 2))
    with cdb.reading() as s:
        assert duty_shifts.no_shows(s, DAY, at(8, 10)) == []
        [(shift, missing)] = duty_shifts.no_shows(s, DAY, at(8, 20))
        assert missing.name == "李志愿" and missing.status == "late" and shift.duty == "北门卡点"
        board = {a.name: a.status for x in duty_shifts.day_board(s, DAY, at(13)) for a in x.people}
    assert board == {"王网格": "on_duty", "李志愿": "missed"}


def test_attendance_counts_served_missed_and_hours(cdb: Database, gate: dict[str, Any]) -> None:
    wang_id, wang_code = gate["wang"]
    li_id = gate["li"][0]
    with cdb.session() as s:
        duty_shifts.assign_people(s, gate["morning"], [wang_id, li_id])
        duty_shifts.assign_people(s, gate["afternoon"], [wang_id])
        duty_checkin.scan(s, wang_code, at(8))
        duty_checkin.scan(s, wang_code, at(12))
        duty_checkin.scan(s, wang_code, at(14))  # forgets to check out: counted to the shift's end
    with cdb.reading() as s:
        rows = {r.name: r for r in duty_checkin.attendance(s, now=at(22))}
    assert (rows["王网格"].served, rows["王网格"].missed, rows["王网格"].hours) == (2, 0, 8.0)
    assert (rows["李志愿"].assigned, rows["李志愿"].served, rows["李志愿"].missed) == (1, 0, 1)


def test_cadre_attendance_is_counted_per_posting(cdb: Database, gate: dict[str, Any]) -> None:
    with cdb.session() as s:
        cadre = duty.add_person(
            s,
            PersonInput(
                "赵干部",
                "cadre",
                organisation="区民政局",
                posting_start=DAY - timedelta(days=10),
                posting_end=DAY + timedelta(days=20),
            ),
        )
        duty_shifts.assign_people(s, gate["morning"], [cadre.id])
    with cdb.reading() as s:
        [row] = [r for r in duty_checkin.attendance(s, now=at(20)) if r.role == "cadre"]
    assert (row.period_start, row.period_end) == (
        DAY - timedelta(days=10),
        DAY + timedelta(days=20),
    )
    assert (row.assigned, row.missed, row.on_paper) == (1, 1, True)
    assert row.as_json()["on_paper"] is True
    # a later posting (the same person sent again) no longer counts that morning
    with cdb.session() as s:
        data = duty.get_person(s, cadre.id).to_input()
        data.posting_start = DAY + timedelta(days=1)
        duty.edit_person(s, cadre.id, data)
    with cdb.reading() as s:
        [row] = [r for r in duty_checkin.attendance(s, now=at(20)) if r.role == "cadre"]
    assert (row.assigned, row.missed, row.on_paper) == (0, 0, False)


def test_leaving_the_roster_takes_future_shifts_off(cdb: Database, gate: dict[str, Any]) -> None:
    wang_id = gate["wang"][0]
    with cdb.session() as s:
        duty_shifts.assign_people(s, gate["morning"], [wang_id])
    with cdb.session() as s:
        duty.remove_person(s, wang_id, "调离")
    with cdb.reading() as s:
        assert [p.name for p in duty.list_people(s)] == ["李志愿"]
        left = s.scalar(
            select(func.count())
            .select_from(ShiftAssignment)
            .where(ShiftAssignment.deleted_at.is_(None), ShiftAssignment.person_id == wang_id)
        )
    assert left == (0 if at(8) > datetime.now() else 1)


def test_contact_sheet_names_who_answers_for_each_building(cdb: Database) -> None:
    rid, name, _addr = a_resident(cdb)
    with cdb.session() as s:
        duty.add_person(s, PersonInput("网格长甲", "grid_leader", "13800000001", grid="G01"))
        duty.add_person(
            s, PersonInput(name, "building_leader", resident_id=rid, grid="G01", zone="2")
        )
        duty.add_person(s, PersonInput("志愿乙", "volunteer", grid="G01"))
        sheet = duty.contact_sheet(s, "G01")
    assert [p.name for p in sheet.grid_people] == ["网格长甲"]
    by_number = {b.number: b for b in sheet.buildings}
    assert [(what, p.name) for what, p in by_number["2"].people] == [("全楼", name)]
    assert [p.name for p in sheet.others] == ["志愿乙"]
    assert sheet.households == sum(b.households for b in sheet.buildings)


def test_week_roster_puts_shifts_on_their_days(cdb: Database, gate: dict[str, Any]) -> None:
    with cdb.session() as s:
        duty_shifts.assign_people(s, gate["morning"], [gate["wang"][0]])
        days = duty_shifts.week_roster(s, duty_shifts.week_start(DAY + timedelta(days=3)))
    assert days[0][0] == DAY and len(days) == 7
    assert [x.id for x in days[0][1]] == [gate["morning"], gate["late"], gate["afternoon"]]
    assert days[0][1][0].people[0].name == "王网格" and days[0][1][0].short == 1


def test_coverage_counts_the_roster(cdb: Database) -> None:
    with cdb.session() as s:
        duty.add_person(s, PersonInput("甲", "grid_worker", grid="G02"))
        cov = {g.code: g for g in structure.coverage(s).grids}
    assert cov["G02"].workers == 1 and cov["G01"].workers == 0


# --- the demo roster -----------------------------------------------------------------------------


def test_demo_roster_fills_every_kind_and_shows_a_cadre_on_paper(cdb: Database) -> None:
    now = at(15, day=DAY + timedelta(days=2))
    with cdb.session(note="demo roster") as session:
        result = fill_demo_roster(session, now=now)
    assert result.people > 20 and result.shifts > 40 and result.check_ins > 0
    with cdb.reading() as s:
        roles = {p.role for p in duty.list_people(s)}
        rows = duty_checkin.attendance(s, now=now)
        cov = structure.coverage(s)
    assert roles == set(duty.ROLE_NAMES)
    assert any(r.on_paper for r in rows)
    assert any(g.flagged for g in cov.grids) and not all(g.flagged for g in cov.grids)
    with pytest.raises(AlreadyDone), cdb.session(note="demo roster") as session:
        fill_demo_roster(session, now=now)


# --- import --------------------------------------------------------------------------------------


def write_xlsx(
    path: Path, rows: list[list[Any]], title: str | None = "幸福里社区在岗人员名册"
) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("名册")
    r = 0
    if title:
        ws.write(0, 0, title)
        r = 2
    for row in rows:
        for c, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif value is not None:
                ws.write(r, c, value)
        r += 1
    wb.close()
    return path


HEADER = [
    "序号",
    "姓名",
    "人员类别",
    "联系电话",
    "所属网格",
    "派出单位",
    "下沉开始日期",
    "结束日期",
    "技能特长",
    "责任区",
    "身份证号",
    "住址",
    "备注",
]


def roster_rows(cdb: Database) -> list[list[Any]]:
    rid, name, _addr = a_resident(cdb)
    with cdb.reading() as s:
        id_number = s.scalar(select(Resident.id_number).where(Resident.id == rid))
    wrong = id_number[:-1] + ("0" if id_number[-1] != "0" else "1")  # checksum broken
    return [
        HEADER,
        [1, "王网格", "网格员", "13800001111", "G01", "", "", "", "", "", "", "", ""],
        [
            2,
            "赵干部",
            "下沉干部",
            "13900002222",
            "第2网格",
            "区民政局",
            "2026-11-01",
            "2026-12-31",
            "",
            "",
            "",
            "",
            "",
        ],
        [3, name, "楼长", "", "G01", "", "", "", "", "1", id_number, "", "从居民中选出"],
        [4, "钱党员", "党员", "13700003333", "G03", "", "", "", "", "7-8", "", "", ""],
        [5, "孙志愿", "志愿者", "13600004444", "", "", "", "", "驾驶、医护", "", "", "", ""],
        [6, "李错号", "志愿者", "", "", "", "", "", "", "", wrong, "", ""],
        [7, "周无网", "网格员", "", "G99", "", "", "", "", "", "", "", ""],
        [8, "吴厨师", "厨师", "", "", "", "", "", "", "", "", "", ""],
        [9, "王网格", "网格员", "13800001111", "G01", "", "", "", "", "", "", "", ""],
        [
            10,
            "郑日期",
            "下沉干部",
            "",
            "",
            "区财政局",
            "2026-12-31",
            "2026-11-01",
            "",
            "",
            "",
            "",
            "",
        ],
        [11, "冯楼栋", "党员", "", "", "", "", "", "", "1-3,99", "", "", ""],
        [12, "陈外人", "楼长", "", "", "", "", "", "", "2", "", "", ""],
        [13, "", "志愿者", "13500000000", "", "", "", "", "", "", "", "", ""],
        [14, "褚号码", "志愿者", "", "", "", "", "", "", "", 4.20106199001011e17, "", ""],
    ]


def test_roster_import_reports_problems_by_spreadsheet_row(cdb: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", roster_rows(cdb))
    plan = import_duty_roster(cdb, path)
    report = plan.report()
    assert report["header_row"] == 3
    assert report["rows_read"] == 14
    assert report["people_added"] == 5
    codes = {p["row"]: p["code"] for p in report["rejected"]}
    assert codes == {
        9: "id_checksum",
        10: "unknown_grid",
        11: "unknown_role",
        12: "duplicate_in_file",
        13: "posting_dates",
        14: "bad_zone",
        15: "not_a_resident",
        16: "missing_name",
        17: "id_precision_lost",
    }
    with cdb.reading() as s:
        people = {p.name: p for p in duty.list_people(s)}
    assert people["赵干部"].grid_code == "G02" and people["赵干部"].posting_start == date(
        2026, 11, 1
    )
    assert people["孙志愿"].skills == ["医护", "驾驶"]
    assert people["钱党员"].zone_text == "7-8"
    leader = next(p for p in people.values() if p.role == "building_leader")
    assert leader.resident_id is not None and leader.zone_text == "1"
    with cdb.reading() as s:  # ID numbers are used to link, never kept on the roster
        assert "id_number" not in DutyPerson.__table__.c


def test_importing_the_same_roster_again_changes_nothing(cdb: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", roster_rows(cdb))
    import_duty_roster(cdb, path)
    with cdb.reading() as s:
        seq = s.scalar(select(func.max(DutyPerson.seq)))
    again = import_duty_roster(cdb, path)
    assert (again.people_added, again.people_updated, again.changes_anything) == (0, 0, False)
    with cdb.reading() as s:
        assert s.scalar(select(func.max(DutyPerson.seq))) == seq
    rows = roster_rows(cdb)
    rows[5][3] = "13600009999"  # 孙志愿 has a new phone: the only 孙志愿 among the volunteers
    rows[1][8] = "电脑"  # 王网格 learns a skill
    changed = import_duty_roster(cdb, write_xlsx(tmp_path / "r2.xlsx", rows))
    assert (changed.people_updated, changed.people_added) == (2, 0)
    with cdb.reading() as s:
        people = {p.name: p for p in duty.list_people(s)}
    assert people["孙志愿"].phone == "13600009999" and people["王网格"].skills == ["电脑"]


def test_dry_run_writes_nothing(cdb: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", roster_rows(cdb))
    plan = import_duty_roster(cdb, path, dry_run=True)
    assert plan.people_added == 5
    with cdb.reading() as s:
        assert s.scalar(select(func.count()).select_from(DutyPerson)) == 0


def test_a_roster_without_a_role_column_needs_a_role_given(cdb: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "v.xlsx", [["姓名", "联系电话", "技能"], ["甲", "13800000000", "驾驶"]], None
    )
    with pytest.raises(InvalidInput, match="角色"):
        import_duty_roster(cdb, path)
    plan = import_duty_roster(cdb, path, default_role="volunteer")
    assert plan.people_added == 1


def test_a_gbk_csv_roster_is_read(cdb: Database, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(
        "姓名,角色,电话\r\n甲,志愿者,13800000000\r\n乙,社工,13800000001\r\n".encode("gbk")
    )
    plan = import_duty_roster(cdb, path)
    assert plan.people_added == 2 and not plan.rejected


def test_total_and_signature_rows_under_the_roster_are_not_people(
    cdb: Database, tmp_path: Path
) -> None:
    rows = [
        *roster_rows(cdb),
        ["合计", "14人"],  # row 18
        ["", "", "", "", "", "", "", "", "", "", "", "", "共 14 人"],
        ["", "共计：5人"],
        ["制表人：李四"],
        ["审核人", "王五"],
        ["", "填表日期", "", "", "", "", "", "", "", "", "2026-11-29"],
    ]
    plan = import_duty_roster(cdb, write_xlsx(tmp_path / "footer.xlsx", rows), dry_run=True)
    report = plan.report()
    assert report["rows_read"] == 14 and report["people_added"] == 5
    assert {p["row"] for p in report["rejected"]} == set(range(9, 18))  # as without the footer
    skipped = {p["row"]: p["message"] for p in report["warnings"] if p["code"] == "not_a_person"}
    assert sorted(skipped) == [18, 19, 20, 21, 22, 23]
    assert all(f"第 {row} 行" in text for row, text in skipped.items())
    assert "14人" in skipped[18]
    names = {e.data.name for e in plan.entries}
    assert not names & {"14人", "共计：5人", "王五", "填表日期"}
