"""The 网格 page as a user meets it: buildings assigned by ranges in a dialog (a bad range refused
inside it), unassigned households shown and assigned, people added to the roster, a check-in by
scanner (the code typed and Enter) into a field that keeps the focus, the coverage chart and limit,
a grid worker's view, and the week's roster previewed as PDF."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select, update

from app.core.common.changes import Change
from app.core.grids import duty, duty_checkin, duty_shifts
from app.core.grids import structure as grids
from app.core.grids.duty import PersonInput
from app.core.grids.duty_demo import fill_demo_roster
from app.core.office.datadir import DataDir
from app.db.models import Building, Household
from app.ui.main_window import MainWindow
from app.ui.models.grid_models import (
    AttendanceModel,
    BuildingModel,
    CoverageModel,
    GridModel,
    HistoryModel,
    HouseholdModel,
    PersonModel,
    ShiftModel,
    ShiftPeopleModel,
)
from app.ui.pages.grids.coverage import CoverageSection
from app.ui.pages.grids.page import GridsPage
from app.ui.pages.grids.roster_dialogs import PersonDialog
from app.ui.pages.grids.structure import compress
from app.ui.pages.grids.structure_dialogs import AssignDialog
from tests.core.grid_helpers import copy_of, make_template
from tests.ui.conftest import type_chinese


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    return make_template(tmp_path_factory.mktemp("grids-ui"))


@pytest.fixture
def ctx(make_ctx, template: DataDir, tmp_path: Path):
    """A 3,000-resident community (G01-G03, buildings 1-8) with its demo roster."""
    folder = copy_of(template, tmp_path / "data")
    context = make_ctx(folder)
    with context.db.session(note="demo roster") as session:
        fill_demo_roster(session)
    return context


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


def open_page(qtbot, window) -> GridsPage:
    """The 网格 page, as the navigation opens it (built on the first visit, then loaded)."""
    page = window.open_area("grids")
    assert isinstance(page, GridsPage)
    qtbot.wait_until(lambda: page.loads["structure"] > 0, timeout=10_000)
    return page


def _is(what: str):
    return lambda name: name == what


def loaded(qtbot, page: GridsPage, what: str):
    return qtbot.wait_signal(page.loaded, timeout=10_000, check_params_cb=_is(what))


def dialog_of(qtbot, kind: type[QDialog]) -> QDialog:
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
        ]
        return len(found) == 1

    qtbot.wait_until(visible, timeout=5000)
    return found[0]


def households_in(ctx, grid_code: str, *numbers: str) -> tuple[int, int]:
    """(households of those buildings, of them in the grid)."""
    with ctx.db.reading() as s:
        gid = grids.get_grid(s, grid_code).id
        where = (Building.number.in_(numbers),)
        total = s.scalar(select(func.count()).select_from(Household).join(Building).where(*where))
        inside = s.scalar(
            select(func.count())
            .select_from(Household)
            .join(Building)
            .where(*where, Household.grid_id == gid)
        )
    return total or 0, inside or 0


# --- models --------------------------------------------------------------------------------------


def test_every_table_model_passes_the_model_tester(qtmodeltester, ctx) -> None:
    now = datetime.now()
    with ctx.db.reading() as s:
        cov = grids.coverage(s)
        hid = s.scalar(select(Household.id).limit(1))
        models = [
            (GridModel(), grids.list_grids(s)),
            (BuildingModel(), grids.buildings_overview(s)),
            (HouseholdModel(), grids.household_rows(s, Household.building_id == 1)),
            (HistoryModel(), grids.household_history(s, hid)[1]),
            (PersonModel(), duty.list_people(s)),
            (
                ShiftModel(),
                duty_shifts.shifts_between(s, now - timedelta(days=7), now + timedelta(days=7)),
            ),
            (AttendanceModel(), duty_checkin.attendance(s)),
            (CoverageModel(), cov.grids),
        ]
        shifts = duty_shifts.shifts_between(s, now - timedelta(days=7), now + timedelta(days=7))
        models.append((ShiftPeopleModel(), [a for x in shifts for a in x.people]))
    for model, rows in models:
        assert rows, type(model).__name__
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows)
    empty = GridModel()
    qtmodeltester.check(empty)


def test_flags_are_said_in_words_not_only_in_colour(ctx) -> None:
    with ctx.db.reading() as s:
        cov = grids.coverage(s)
    model = CoverageModel()
    model.set_rows(cov.grids)
    flagged = next(i for i, g in enumerate(cov.grids) if g.flagged)
    state = model.index(flagged, CoverageModel.COL_STATE)
    assert "人手不足" in model.data(state)
    assert model.data(state, Qt.ItemDataRole.FontRole).bold()


def test_building_numbers_are_written_back_as_ranges() -> None:
    assert compress(["1", "2", "3", "7", "12A", "9", "10"]) == "1-3,7,9-10,12A"
    assert compress([]) == ""


# --- the grid structure --------------------------------------------------------------------------


def test_buildings_chosen_in_the_table_go_to_a_grid(qtbot, window, ctx) -> None:
    page = open_page(qtbot, window)
    tab = page.structure
    assert tab.grid_model.rowCount() == 3
    assert "0 户" in tab.banner.text()
    tab.select_buildings(["1", "2", "3"])
    dialog = tab.assign_buildings()
    assert isinstance(dialog, AssignDialog)
    assert dialog.ranges.text() == "1-3"
    dialog.target.setCurrentIndex(dialog.target.findData("G03"))
    with loaded(qtbot, page, "structure"):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    total, inside = households_in(ctx, "G03", "1", "2", "3")
    assert total == inside > 0
    assert "G03" in page.status_label.text()
    assert not dialog.isVisible()


def test_an_overlapping_range_is_refused_inside_the_dialog(qtbot, window, ctx) -> None:
    page = open_page(qtbot, window)
    with ctx.db.reading() as s:
        before = dict(s.execute(select(Household.id, Household.grid_id)).tuples().all())
    dialog = page.structure.assign_buildings()
    dialog.ranges.clear()
    qtbot.keyClicks(dialog.ranges, "1-3,3-5")
    dialog.submit()
    qtbot.wait_until(lambda: dialog.error.isVisible(), timeout=5000)
    assert "重叠" in dialog.error.text()
    assert dialog.isVisible() and dialog.ranges.text() == "1-3,3-5"
    dialog.ranges.clear()
    qtbot.keyClicks(dialog.ranges, "1,99")
    dialog.submit()
    qtbot.wait_until(lambda: "99" in dialog.error.text(), timeout=5000)
    with ctx.db.reading() as s:
        assert dict(s.execute(select(Household.id, Household.grid_id)).tuples().all()) == before
    dialog.reject()


def test_unassigned_households_are_shown_and_assigned(qtbot, window, ctx) -> None:
    with ctx.db.session() as s:
        s.execute(update(Household).where(Household.id <= 7).values(grid_id=None))
    page = open_page(qtbot, window)
    tab = page.structure
    with loaded(qtbot, page, "structure"):
        ctx.changed.emit(Change.GRIDS)
    assert "7" in tab.banner.text() and tab.banner_button.isEnabled()
    with loaded(qtbot, page, "households"):
        qtbot.mouseClick(tab.banner_button, Qt.MouseButton.LeftButton)
    assert tab.household_model.rowCount() == 7
    assert {
        tab.household_model.data(tab.household_model.index(r, HouseholdModel.COL_GRID))
        for r in range(7)
    } == {"未分网格"}
    tab.household_table.selectAll()
    dialog = tab.assign_households()
    dialog.target.setCurrentIndex(dialog.target.findData("G02"))
    with loaded(qtbot, page, "structure"):
        dialog.submit()
    assert "0 户" in tab.banner.text()
    with ctx.db.reading() as s:
        assert grids.unassigned_households(s)[0] == 0


def test_a_new_grid_then_merged_away(qtbot, window, ctx, monkeypatch) -> None:
    page = open_page(qtbot, window)
    tab = page.structure
    dialog = tab.add_grid()
    qtbot.keyClicks(dialog.code, "G09")
    type_chinese(dialog.name, "第九网格")
    with loaded(qtbot, page, "structure"):
        dialog.submit()
    assert "G09" in [g.code for g in tab.grid_model.rows]
    merge = tab.merge()
    merge.target.setCurrentIndex(merge.target.findData("G01"))
    for i in range(merge.sources.count()):
        if merge.sources.item(i).data(Qt.ItemDataRole.UserRole) == "G09":
            merge.sources.item(i).setCheckState(Qt.CheckState.Checked)
    with loaded(qtbot, page, "structure"):
        merge.submit()
    assert "G09" not in [g.code for g in tab.grid_model.rows]


def test_household_history_is_shown(qtbot, window, ctx) -> None:
    page = open_page(qtbot, window)
    tab = page.structure
    tab.select_buildings(["2"])
    with loaded(qtbot, page, "households"):
        tab.show_building()
    tab.household_table.selectRow(0)
    tab.history()
    from app.ui.pages.grids.structure_dialogs import HistoryDialog

    dialog = dialog_of(qtbot, HistoryDialog)
    assert dialog.model.rowCount() >= 1
    assert (
        dialog.model.data(dialog.model.index(dialog.model.rowCount() - 1, HistoryModel.COL_TO))
        == "至今"
    )
    dialog.reject()


# --- the roster ----------------------------------------------------------------------------------


def test_a_volunteer_is_added_through_the_dialog(qtbot, window, ctx) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "roster"):
        page.show_tab(page.roster)
    before = page.roster.model.rowCount()
    dialog = page.roster.add()
    assert isinstance(dialog, PersonDialog)
    type_chinese(dialog.name, "胡志愿")
    dialog.role.setCurrentIndex(dialog.role.findData("volunteer"))
    qtbot.keyClicks(dialog.phone, "13912345678")
    dialog.grid.setCurrentIndex(dialog.grid.findData("G02"))
    type_chinese(dialog.skills, "驾驶、电脑")
    with loaded(qtbot, page, "roster"):
        dialog.submit()
    assert page.roster.model.rowCount() == before + 1
    row = next(p for p in page.roster.model.rows if p.name == "胡志愿")
    assert row.grid_code == "G02" and row.skills == ["电脑", "驾驶"]
    phone = page.roster.model.data(
        page.roster.model.index(page.roster.model.rows.index(row), PersonModel.COL_PHONE)
    )
    assert phone == "139****5678"  # masked on screen


def test_a_building_leader_without_a_resident_is_refused_in_the_dialog(qtbot, window) -> None:
    page = open_page(qtbot, window)
    dialog = page.roster.add()
    type_chinese(dialog.name, "钱楼长")
    dialog.role.setCurrentIndex(dialog.role.findData("building_leader"))
    qtbot.keyClicks(dialog.zone, "1")
    dialog.submit()
    qtbot.wait_until(lambda: dialog.error.isVisible(), timeout=5000)
    assert "居民" in dialog.error.text()
    # found through the registry's search, then accepted
    qtbot.keyClicks(dialog.resident_search, "1-1-101")
    qtbot.keyClick(dialog.resident_search, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: dialog.resident_results.count() > 0, timeout=5000)
    dialog._pick_resident(dialog.resident_results.item(0))
    assert dialog.resident_id is not None
    with loaded(qtbot, page, "structure"):
        dialog.submit()


# --- check-in ------------------------------------------------------------------------------------


@pytest.fixture
def on_shift_now(ctx) -> str:
    """A person on a shift that is going on now; returns their code."""
    now = datetime.now().replace(second=0, microsecond=0)
    with ctx.db.session() as s:
        d = duty_shifts.create_duty(s, "东门卡点", "卡点值守", place="小区东门")
        shift = duty_shifts.add_shift(
            s, d.id, now - timedelta(minutes=10), now + timedelta(hours=3)
        )
        person = duty.add_person(s, PersonInput("扫码员", "volunteer", grid="G01"))
        duty_shifts.assign_people(s, shift.id, [person.id])
        return person.code


def test_check_in_by_scanner_keeps_the_focus(qtbot, window, ctx, on_shift_now) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "duty"):
        page.show_tab(page.duty)
    tab = page.duty
    qtbot.wait_until(lambda: tab.scan.hasFocus(), timeout=5000)
    # a USB scanner types the code and Enter
    with qtbot.wait_signal(page.scanned, timeout=10_000) as got:
        qtbot.keyClicks(tab.scan, on_shift_now)
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    result = got.args[0]
    assert isinstance(result, duty_checkin.ScanResult) and result.action == "in"
    assert "签到" in tab.scan_result.text() and "扫码员" in tab.scan_result.text()
    assert tab.scan.text() == "" and tab.scan.hasFocus()
    qtbot.wait_until(
        lambda: (
            [a.status for s in tab.shift_model.rows for a in s.people if a.code == on_shift_now]
            == ["on_duty"]
        ),
        timeout=10_000,
    )  # the board follows
    # the second scan checks out
    with qtbot.wait_signal(page.scanned, timeout=10_000) as got:
        qtbot.keyClicks(tab.scan, on_shift_now)
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert got.args[0].action == "out" and "签退" in tab.scan_result.text()
    assert tab.scan.hasFocus()


def test_a_scan_of_someone_not_on_shift_is_refused_in_words(qtbot, window, ctx) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "duty"):
        page.show_tab(page.duty)
    tab = page.duty
    with ctx.db.session() as s:
        code = duty.add_person(s, PersonInput("无班人", "volunteer")).code
    with qtbot.wait_signal(page.scanned, timeout=10_000) as got:
        qtbot.keyClicks(tab.scan, code)
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert not isinstance(got.args[0], duty_checkin.ScanResult)
    assert "未签到" in tab.scan_result.text() and "不在班次上" in tab.scan_result.text()
    with qtbot.wait_signal(page.scanned, timeout=10_000):
        qtbot.keyClicks(tab.scan, "P9999")
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert "P9999" in tab.scan_result.text()
    assert tab.scan.hasFocus()


def test_shifts_are_added_and_people_put_on_them(qtbot, window, ctx) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "duty"):
        page.show_tab(page.duty)
    tab = page.duty
    day = date.today() + timedelta(days=20)
    with loaded(qtbot, page, "duty"):
        tab.day.setDate(tab.day.date().addDays(20))
    assert tab.shift_model.rowCount() == 0 and "没有班次" in tab.empty.text()
    dialog = tab.add_shifts()
    with loaded(qtbot, page, "duty"):
        dialog.submit()
    assert tab.shift_model.rowCount() == 1
    tab.shift_table.selectRow(0)
    people = tab.assign_people()
    ticked = []
    for i in range(people.list.count()):
        item = people.list.item(i)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and len(ticked) < 2:
            item.setCheckState(Qt.CheckState.Checked)
            ticked.append(item.data(Qt.ItemDataRole.UserRole))
    with loaded(qtbot, page, "duty"):
        people.submit()
    shift = tab.shift_model.rows[0]
    assert sorted(a.person_id for a in shift.people) == sorted(ticked)
    assert shift.starts_at.date() == day


# --- attendance, coverage, the grid worker -------------------------------------------------------


def test_attendance_flags_the_cadre_who_never_came(qtbot, window) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "attendance"):
        page.show_tab(page.attendance)
    page.attendance.on_paper.setChecked(True)
    rows = page.attendance.model.rows
    assert rows and all(r.on_paper and r.role == "cadre" for r in rows)
    note = page.attendance.model.index(0, AttendanceModel.COL_NOTE)
    assert "未到岗" in page.attendance.model.data(note)
    assert "未到岗" in page.attendance.summary.text()


def test_coverage_chart_and_limit(qtbot, window, ctx) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "coverage"):
        page.show_tab(page.coverage)
    tab = page.coverage
    assert len(tab.chart.grids) == 3 and tab.chart.height() > 100
    assert "人手不足" in tab.chart.describe()
    image = tab.chart.grab()
    assert not image.isNull()
    tab.limit.setValue(40)
    with loaded(qtbot, page, "coverage"):
        tab.save_limit.click()
    with ctx.db.reading() as s:
        assert grids.max_residents_per_worker(s) == 40
    assert all(g.flagged for g in tab.model.rows if g.residents)


def test_grid_workers_view_of_one_grid(qtbot, window, ctx) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "worker"):
        page.show_tab(page.worker)
    tab = page.worker
    with loaded(qtbot, page, "worker"):
        tab.grid.setCurrentIndex(tab.grid.findData("G02"))
    with ctx.db.reading() as s:
        g2 = grids.get_grid(s, "G02").id
        count = s.scalar(select(func.count()).select_from(Household).where(Household.grid_id == g2))
    assert tab.household_model.rowCount() == count
    assert all(h.vulnerable for h in tab.vulnerable_model.rows)
    assert "第2网格" in tab.summary.text()


def test_week_roster_is_previewed(qtbot, window) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "duty"):
        page.show_tab(page.duty)
    page.duty.print_week()
    qtbot.wait_until(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=15_000
    )
    assert page.preview_dialog.document.pageCount() >= 1
    page.preview_dialog.reject()


def test_home_shows_grid_coverage(qtbot, window) -> None:
    section = window.home.grid_coverage
    assert isinstance(section, CoverageSection)
    qtbot.wait_until(lambda: section.coverage is not None, timeout=10_000)
    assert "人手不足 1 个" in section.summary.text()
    assert "G02" in section.detail.text()


def test_a_roster_is_imported_after_a_preview(qtbot, window, ctx, tmp_path, monkeypatch) -> None:
    import xlsxwriter

    from app.ui.pages.grids.roster_dialogs import ImportPreviewDialog

    path = tmp_path / "volunteers.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for r, row in enumerate(
        [["姓名", "电话", "技能"], ["甲志愿", "13800000001", "驾驶"], ["", "13800000002", "搬运"]]
    ):
        for c, value in enumerate(row):
            ws.write_string(r, c, value)
    wb.close()
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "roster"):
        page.show_tab(page.roster)
    # no 类别 column: the window asks what everyone in the file is
    monkeypatch.setattr(
        "app.ui.pages.grids.roster.QInputDialog.getItem", lambda *_a, **_k: ("志愿者", True)
    )
    page.roster.import_file(str(path))
    preview = dialog_of(qtbot, ImportPreviewDialog)
    assert preview.plan.people_added == 1 and len(preview.plan.rejected) == 1
    assert any(
        "第 3 行" in preview.problems.item(i).text() for i in range(preview.problems.count())
    )
    with loaded(qtbot, page, "roster"):
        preview.import_button.click()
    assert "甲志愿" in [p.name for p in page.roster.model.rows]


def test_a_scan_while_a_table_has_the_focus_still_reaches_the_scan_field(
    qtbot, window, ctx, on_shift_now
) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "duty"):
        page.show_tab(page.duty)
    tab = page.duty
    tab.shift_table.setFocus()
    tab.shift_table.selectRow(0)
    with qtbot.wait_signal(page.scanned, timeout=10_000) as got:
        qtbot.keyClicks(tab.shift_table, on_shift_now)
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert isinstance(got.args[0], duty_checkin.ScanResult) and got.args[0].code == on_shift_now
    assert tab.scan.hasFocus()


def test_check_in_cards_are_previewed(qtbot, window) -> None:
    page = open_page(qtbot, window)
    with loaded(qtbot, page, "roster"):
        page.show_tab(page.roster)
    page.roster.table.clearSelection()
    page.roster.print_cards()  # nothing selected: everyone on duty, no question asked
    qtbot.wait_until(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=15_000
    )
    people = sum(1 for p in page.roster.model.rows if p.status == "active")
    assert page.preview_dialog.document.pageCount() == (people + 9) // 10
    page.preview_dialog.reject()
