"""The daily report as the street office reads it: every figure counted from the records (checked
against the records here), stamped with the time it was made, areas not recorded yet saying so —
read back from the PDF with pdftotext and from the .xlsx with calamine."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from app.core.meetings import minutes
from app.core.meetings.minutes import ActionItemInput, MeetingInput
from app.core.office.stats import office_stats
from app.core.printing import daily_report, daily_report_sections
from app.db.engine import Database
from app.db.models import Grid, Resident
from app.db.models_grids import Duty, DutyPerson, DutyShift, ShiftAssignment
from app.errors import InvalidInput

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

TODAY = date.today()
NOW = datetime.combine(TODAY, time(23, 30))


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode().split())


def xlsx_cells(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("日报").to_python()


def section(report: daily_report_sections.DailyReport, key: str) -> daily_report_sections.Section:
    return next(s for s in report.sections if s.key == key)


def test_the_figures_are_the_records(demo_db):
    with demo_db.reading() as session:
        report = daily_report_sections.build_daily_report(session, TODAY, now=NOW)
        stats = office_stats(session)
        moved = session.scalar(select(Resident.id).where(Resident.status == "moved_out"))
    assert moved is None
    population = section(report, "population")
    residency = {row[1]: row[2] for row in population.tables[0].rows}
    assert residency["户籍"] == stats["by_residency"]["registered"]
    assert residency["流动"] == stats["by_residency"]["migrant"]
    assert residency["小计"] == stats["residents"]
    # the demo was recorded today: the audit trail says so
    changes = dict(population.tables[1].rows)
    assert changes["新登记居民"] == stats["residents"]
    assert changes["新登记住户"] == stats["households"]
    tags = {row[0]: row[1] for row in section(report, "vulnerable").tables[0].rows}
    assert tags == stats["by_tag"]
    grids = section(report, "grids").tables[0].rows
    assert sum(r[1] for r in grids) == stats["households"]
    assert sum(r[2] for r in grids) == stats["residents"]


def test_areas_not_recorded_say_so_without_figures(demo_db):
    with demo_db.reading() as session:
        report = daily_report_sections.build_daily_report(session, TODAY, now=NOW)
    s = section(report, "requests")  # built, but no request yet: says so, no figures
    assert s.recorded and not s.tables and not s.charts
    assert "尚无诉求记录" in s.lines[0]
    s = section(report, "supplies")  # built, but nothing received yet: says so, no figures
    assert s.recorded and not s.tables and "尚无物资记录" in s.lines[0]
    assert "在岗人员名册尚未登记" in " ".join(section(report, "grids").lines)
    assert "没有排班记录" in section(report, "duty").lines[0]
    assert "尚无会议记录" in section(report, "meetings").lines[0]


def _roster_and_shifts(db: Database) -> None:
    with db.session() as session:
        # the last grid: a small demo puts every household in the first
        grid = session.scalars(select(Grid).order_by(Grid.code.desc())).first()
        worker = DutyPerson(code="P0001", name="王小红", role="grid_worker", grid_id=grid.id)
        absent = DutyPerson(code="P0002", name="赵志刚", role="volunteer")
        cadre = DutyPerson(
            code="P0003",
            name="钱国栋",
            role="cadre",
            organisation="区统计局",
            posting_start=TODAY - timedelta(days=10),
        )
        session.add_all([worker, absent, cadre])
        duty = Duty(name="北门卡点值守", kind="卡点值守", place="北门")
        session.add(duty)
        session.flush()
        shift = DutyShift(
            duty_id=duty.id,
            starts_at=datetime.combine(TODAY, time(8)),
            ends_at=datetime.combine(TODAY, time(12)),
            needed=3,
        )
        session.add(shift)
        session.flush()
        session.add_all(
            [
                ShiftAssignment(
                    shift_id=shift.id,
                    person_id=worker.id,
                    checked_in_at=datetime.combine(TODAY, time(7, 55)),
                    checked_out_at=datetime.combine(TODAY, time(12, 5)),
                ),
                ShiftAssignment(shift_id=shift.id, person_id=absent.id),
            ]
        )


def test_people_on_duty_attendance_and_cadres_on_paper(demo_db):
    _roster_and_shifts(demo_db)
    with demo_db.reading() as session:
        report = daily_report_sections.build_daily_report(session, TODAY, now=NOW)
    grids = section(report, "grids")
    assert ("网格员", 1) in grids.tables[1].rows and ("志愿者", 1) in grids.tables[1].rows
    with_worker = [r for r in grids.tables[0].rows if r[4] == 1]
    assert len(with_worker) == 1 and with_worker[0][5] == f"{with_worker[0][2]:,}"
    thin = " ".join(grids.lines)
    assert "人手偏紧" in thin and "第1网格（无网格员）" in thin
    duty = section(report, "duty")
    text = " ".join(duty.lines)
    assert "当日班次 1 个，需 3 人次，已排 2 人次，已签到 1 人次" in text
    assert "缺岗 1 人次" in text
    (row,) = duty.tables[0].rows
    assert row[:6] == ("08:00–12:00", "北门卡点值守", "北门", 3, 2, 1)
    assert row[6] == "赵志刚（缺岗）"
    assert "钱国栋（区统计局）" in text  # posted ten days ago, never on a shift


def test_overdue_action_items_of_the_meetings(demo_db):
    with demo_db.session() as session:
        minutes.create_meeting(
            session,
            MeetingInput(
                title="疫情防控工作例会",
                held_on=TODAY - timedelta(days=5),
                decisions=["增设核酸检测点"],
                action_items=[
                    ActionItemInput("联系医护人员", "李明", TODAY - timedelta(days=2), 1),
                    ActionItemInput("提交物资申请", "陈晓燕", TODAY + timedelta(days=5)),
                ],
            ),
        )
    with demo_db.reading() as session:
        report = daily_report_sections.build_daily_report(session, TODAY, now=NOW)
    s = section(report, "meetings")
    assert "待办事项共 2 项：未办结 2 项（其中逾期 1 项" in s.lines[0]
    (overdue,) = s.tables[1].rows
    assert overdue[:4] == ("联系医护人员", "李明", (TODAY - timedelta(days=2)).isoformat(), 2)


def test_pdf_is_chinese_time_stamped_and_free_of_id_numbers(demo_db, tmp_path):
    _roster_and_shifts(demo_db)
    out = tmp_path / "daily.pdf"
    with demo_db.reading() as session:
        report = daily_report.daily_report(session, out, TODAY, now=NOW)
        ids = [i for i in session.scalars(select(Resident.id_number)) if i]
    text = pdf_text(out)
    assert "幸福里社区工作日报" in text
    assert f"生成时间：{NOW:%Y-%m-%d}{NOW:%H:%M:%S}" in text
    for i, s in enumerate(report.sections):
        assert f"{daily_report_sections.NUMERALS[i]}、{s.title}" in text
    assert "尚无物资记录" in text
    assert "赵志刚（缺岗）" in text
    assert "第1页共" in text
    assert not [i for i in ids if i in text]


def test_xlsx_holds_the_same_report(demo_db, tmp_path):
    out = tmp_path / "daily.xlsx"
    with demo_db.reading() as session:
        report = daily_report.daily_report(session, out, TODAY, now=NOW)
    cells = xlsx_cells(out)
    flat = [str(c) for row in cells for c in row if str(c).strip()]
    assert flat[0] == "幸福里社区工作日报"
    assert any(c.startswith("生成时间：") and NOW.strftime("%H:%M:%S") in c for c in flat)
    tags = section(report, "vulnerable").tables[0].rows
    rows = [r for r in cells if r and r[0] == tags[0][0]]
    assert rows and rows[0][1] == tags[0][1]  # written as a number, not as text
    assert any("尚无诉求记录" in c for c in flat)


def test_bad_requests_are_refused(demo_db, tmp_path):
    with demo_db.reading() as session:
        with pytest.raises(InvalidInput):
            daily_report_sections.build_daily_report(session, TODAY + timedelta(days=1), now=NOW)
        with pytest.raises(InvalidInput):
            daily_report.daily_report(session, tmp_path / "daily.docx", TODAY, now=NOW)
    assert not list(tmp_path.glob("daily*"))


def test_an_empty_community_still_gets_a_report(db, tmp_path):
    out = tmp_path / "daily.pdf"
    with db.reading() as session:
        report = daily_report.daily_report(session, out, TODAY, now=NOW)
    assert "尚未划分网格" in " ".join(section(report, "grids").lines)
    assert "在册住户0户" in pdf_text(out)


def _supplies_day(db: Database) -> tuple[str, int]:
    """Stock received today, a 米 + 油 campaign over every household, three households served,
    one of them undone; returns the campaign code and its households."""
    from app.core.supplies import campaigns, deliveries, ledger

    with db.session() as s:
        ledger.receive(s, "米", 200, unit="袋", source="爱心粮油")
        ledger.receive(s, "油", 5, unit="瓶", source="爱心粮油")
        ledger.receive(s, "口罩", 50, unit="个", source="爱心企业")
        ledger.issue(s, "口罩", 10, reason="卡点值守")
        result = campaigns.create_campaign(
            s,
            campaigns.CampaignSpec(
                name="粮油包", item="米", qty=1, more=(campaigns.LineSpec("油", 1),)
            ),
        )
    with db.reading() as s:
        homes = [r.address_code for r in deliveries.campaign_households(s, result.code)]
    with db.session() as s:
        for h in homes[:3]:
            deliveries.deliver(s, result.code, h)
        deliveries.undo_delivery(s, result.code, homes[2], "登记错户")
    return result.code, len(homes)


def test_supplies_section_from_the_ledger(demo_db, tmp_path):
    code, households = _supplies_day(demo_db)
    out = tmp_path / "daily.pdf"
    with demo_db.reading() as session:
        report = daily_report.daily_report(session, out, TODAY, now=NOW)
    s = section(report, "supplies")
    assert s.recorded
    stock = {r[0]: r[2:7] for r in s.tables[0].rows}
    # on hand, received today, handed out today (the undone delivery back), received, out
    assert stock["米"] == (198, 200, 2, 200, 2)
    assert stock["油"] == (3, 5, 2, 5, 2)
    assert stock["口罩"] == (40, 50, 10, 50, 10)
    (campaign,) = s.tables[1].rows
    assert campaign == (code, "粮油包", "米、油", f"2 / {households}", 2, "进行中")
    short = {r[0]: r[2:] for r in s.tables[2].rows}
    assert short == {"油": (households - 2, 3, households - 5)}  # 米 is enough: not listed
    assert f"油缺 {households - 5:,}瓶" in s.lines[-1]

    text = pdf_text(out)
    assert "库存与当日收发" in text and "发放进度" in text and "物资缺口（需求清单）" in text
    assert f"{code}粮油包米、油2/{households}2进行中" in text
    # 米 袋: on hand, received today, handed out today, received, handed out, no expiry
    assert "米袋19820022002—" in text.replace(",", "")
    assert "本系统尚未记录物资" not in text

    xlsx = tmp_path / "daily.xlsx"
    with demo_db.reading() as session:
        daily_report.daily_report(session, xlsx, TODAY, now=NOW)
    rows = [r for r in xlsx_cells(xlsx) if r and r[0] == "油"]
    assert rows[0][:5] == ["油", "瓶", 3, 5, 2]
    assert any(r[0] == code and r[3] == f"2 / {households}" for r in xlsx_cells(xlsx) if r)


def test_supplies_shortages_match_the_needs_list(demo_db):
    from app.core.supplies import needs as supplies_needs

    _supplies_day(demo_db)
    with demo_db.reading() as session:
        assert supplies_needs.shortages(session) == supplies_needs.needs_list(session).items


def test_a_full_disk_fails_the_xlsx_cleanly(demo_db, capfd) -> None:
    """No space left: one OSError for the caller to explain, and nothing from a half-closed
    spreadsheet writer printed later ('Exception ignored … Traceback')."""
    import errno
    import gc
    import io

    from app.core.printing.daily_report import render_xlsx
    from app.core.printing.daily_report_sections import build_daily_report

    class FullDisk(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, _data) -> int:  # type: ignore[no-untyped-def, override]
            raise OSError(errno.ENOSPC, "No space left on device")

    with demo_db.reading() as session:
        report = build_daily_report(session)
    with pytest.raises(OSError) as failed:
        render_xlsx(report, FullDisk())
    assert failed.value.errno == errno.ENOSPC
    gc.collect()
    assert "Exception ignored" not in capfd.readouterr().err
