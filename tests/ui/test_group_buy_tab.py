"""The 团购 tab of the 物资 page: a package added through its dialog, a price rise that asks for the
reason and shows ⚠ 涨价 with it in the table, an order for a household, delivery by simulated
scanner input (the code typed, then Enter), the 已付款 tick and the totals, the household search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.core.supplies import group_buy as gb
from app.core.supplies import group_buy_orders
from app.db.models import Household, Resident
from app.ui.pages.supplies.group_buy import GroupBuyTab
from app.ui.pages.supplies.group_buy_dialogs import PackageDialog
from tests.ui.conftest import type_chinese

VEG = "A 蔬菜套餐"


@pytest.fixture
def tab(qtbot, demo_ctx) -> GroupBuyTab:
    with demo_ctx.db.session() as s:
        gb.open_round(s, "第1批")
        gb.add_package(s, VEG, "30.00", "中百仓储", "白菜 2kg; 土豆 1.5kg")
        gb.close_round(s)
        gb.open_round(s, "第2批", copy_previous=True)
    widget = GroupBuyTab(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.wait_signal(widget.loaded, timeout=10_000):
        widget.show()
    qtbot.wait_until(lambda: widget.package_table.rowCount() == 1, timeout=10_000)
    return widget


def households(ctx) -> list[tuple[str, str]]:
    with ctx.db.reading() as s:
        return [
            (a, c)
            for a, c in s.execute(
                select(Household.address_code, Household.code)
                .where(Household.id.in_(select(Resident.household_id)))
                .order_by(Household.id)
                .limit(3)
            ).tuples()
        ]


def text(table, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item else ""


def save(qtbot, tab: GroupBuyTab, dialog: PackageDialog) -> None:
    with (
        qtbot.wait_signal(tab.loaded, timeout=10_000),
        qtbot.wait_signal(dialog.saved, timeout=10_000),
    ):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_packages_prices_and_the_rise_flag(qtbot, tab, demo_ctx):
    assert text(tab.package_table, 0, 0) == VEG
    assert text(tab.package_table, 0, 2) == "30.00"
    assert text(tab.package_table, 0, 3) == "持平"
    assert "10%" in tab.threshold_label.text()

    # a new package
    dialog = tab.package_dialog(None)
    qtbot.addWidget(dialog)
    type_chinese(dialog.name, "C 肉蛋套餐")
    type_chinese(dialog.contents, "猪肉 1kg；鸡蛋 10个")
    qtbot.keyClicks(dialog.price, "58.5")
    type_chinese(dialog.supplier, "武商超市")
    assert "新增" in dialog.change.text()
    save(qtbot, tab, dialog)
    rows = {text(tab.package_table, r, 0): r for r in range(tab.package_table.rowCount())}
    assert set(rows) == {VEG, "C 肉蛋套餐"}
    assert text(tab.package_table, rows["C 肉蛋套餐"], 2) == "58.50"
    assert text(tab.package_table, rows["C 肉蛋套餐"], 3) == "新增"

    # a rise of 20 %: the dialog says so and will not save without the reason
    tab.package_table.selectRow(rows[VEG])
    dialog = tab.package_dialog(tab.selected_package())
    qtbot.addWidget(dialog)
    dialog.price.selectAll()
    qtbot.keyClicks(dialog.price, "36")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "+20.0%" in dialog.change.text() and "⚠ 涨价" in dialog.change.text()
    assert not ok.isEnabled()
    type_chinese(dialog.reason, "暴雨导致蔬菜减产")
    assert ok.isEnabled()
    save(qtbot, tab, dialog)
    rows = {text(tab.package_table, r, 0): r for r in range(tab.package_table.rowCount())}
    assert text(tab.package_table, rows[VEG], 2) == "36.00"
    assert text(tab.package_table, rows[VEG], 3) == "+20.0%"
    assert text(tab.package_table, rows[VEG], tab.COL_FLAG) == "⚠ 涨价：暴雨导致蔬菜减产"


def test_order_scan_delivery_and_payment(qtbot, tab, demo_ctx):
    (a, a_code), (b, _b_code), _c = households(demo_ctx)

    def order(address: str, count: int) -> tuple[str, str]:
        tab.order_household.setText(address)
        tab.order_count.setValue(count)
        with qtbot.wait_signal(tab.answered, timeout=10_000) as blocker:
            tab.order_button.click()
        return blocker.args[0], blocker.args[1]

    state, message = order(a, 2)
    assert state == "ok" and a in message and "60.00" in message
    qtbot.wait_until(lambda: tab.order_table.rowCount() == 1, timeout=10_000)
    state, message = order("99-9-999", 1)
    assert state == "refused" and "找不到住户" in message
    state, _ = order(b, 1)
    assert state == "ok"
    qtbot.wait_until(lambda: tab.order_table.rowCount() == 2, timeout=10_000)
    assert "3 份" in tab.totals.text() and "应收 90.00 元" in tab.totals.text()

    # delivery by the scanner: the household's barcode, then Enter
    tab.window().activateWindow()
    tab.scan.setFocus()

    def scan(code: str) -> tuple[str, str]:
        with qtbot.wait_signal(tab.scanned, timeout=10_000) as blocker:
            qtbot.keyClicks(tab.scan, code)
            qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
        return blocker.args[0], blocker.args[1]

    state, message = scan(a_code)
    assert state == "ok" and a in message and "已送达" in message
    assert tab.scan.text() == ""
    row = next(r for r in range(tab.order_table.rowCount()) if text(tab.order_table, r, 0) == a)
    qtbot.wait_until(
        lambda: tab.order_table.item(row, tab.COL_DELIVERED).checkState() == Qt.CheckState.Checked,
        timeout=10_000,
    )
    assert text(tab.order_table, row, tab.COL_DELIVERED) == "已送达"  # in words, not a tick alone
    state, message = scan(a_code)
    assert state == "again" and "已送达" in message
    state, message = scan("88-8-888")
    assert state == "refused" and "找不到" in message
    assert tab.scan.hasFocus()

    # 已付款 ticked in the table
    with qtbot.wait_signal(tab.loaded, timeout=10_000):
        tab.order_table.item(row, tab.COL_PAID).setCheckState(Qt.CheckState.Checked)
    assert "已收 60.00 元" in tab.totals.text() and "未付款 1 户" in tab.totals.text()
    with demo_ctx.db.reading() as s:
        t = group_buy_orders.round_totals(s, gb.get_round(s))
    assert t.paid_fen == 6000

    # the household search narrows the orders
    with qtbot.wait_signal(tab.loaded, timeout=10_000):
        tab.search.setText(b)
    assert tab.order_table.rowCount() == 1 and text(tab.order_table, 0, 0) == b
    with qtbot.wait_signal(tab.loaded, timeout=10_000):
        tab.search.clear()
    assert tab.order_table.rowCount() == 2


def test_the_tab_is_on_the_supplies_page(qtbot, demo_ctx):
    from app.ui.main_window import MainWindow
    from app.ui.pages.supplies.page import SuppliesPage

    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    page = win.open_area("supplies")
    assert isinstance(page, SuppliesPage)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "团购" in titles
    page.tabs.setCurrentWidget(page.group_buy)
    qtbot.wait_until(lambda: "开新批次" in page.group_buy.round_state.text(), timeout=10_000)


def test_price_history_and_supplier_list(qtbot, tab, demo_ctx, tmp_path):
    from app.ui.pages.supplies.group_buy_dialogs import HistoryDialog

    with demo_ctx.db.session() as s:
        gb.edit_package(s, VEG, price="36.00", reason="暴雨导致蔬菜减产")
        group_buy_orders.place_order(s, households(demo_ctx)[0][0], VEG, 2)
    with qtbot.wait_signal(tab.loaded, timeout=10_000):
        tab.reload()
    tab.package_table.selectRow(0)
    tab.show_history()
    qtbot.wait_until(lambda: isinstance(tab.preview_dialog, HistoryDialog), timeout=10_000)
    table = tab.preview_dialog.table
    assert [text(table, r, 2) for r in range(table.rowCount())] == ["30.00", "36.00"]
    assert text(table, 1, 3) == "+20.0%" and text(table, 1, 4) == "⚠ 涨价：暴雨导致蔬菜减产"
    tab.preview_dialog.close()

    out = tmp_path / "订货单.xlsx"
    with qtbot.wait_signal(tab.answered, timeout=10_000) as blocker:
        tab.export_supplier_list(str(out))
    assert blocker.args[0] == "ok" and out.exists()
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("供应商订货单").to_python()
    assert rows[2][:2] == ["中百仓储", VEG] and rows[2][4] == 2


def test_the_price_notice_opens_in_the_print_preview(qtbot, tab):
    from app.ui.print_preview import PdfPreviewDialog

    tab.preview_notice()
    qtbot.wait_until(lambda: isinstance(tab.preview_dialog, PdfPreviewDialog), timeout=10_000)
    dialog = tab.preview_dialog
    assert dialog.document.pageCount() == 1
    assert dialog.pdf_path.name == "团购价格公示-TG0002.pdf"
    dialog.close()
