"""The 物资 page: stock and ledger shown, a campaign planned with a preview, and delivered by
simulated scanner input (the code typed, then Enter) with answers in colour and words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core import supplies
from app.db.models import Household, Resident
from app.ui.main_window import MainWindow
from app.ui.pages.supplies import PlanDialog, SuppliesPage


@pytest.fixture
def window(qtbot, demo_ctx):
    with demo_ctx.db.session() as s:
        supplies.receive(s, "口罩", 5, unit="个", source="爱心企业")
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


def open_page(qtbot, window) -> SuppliesPage:
    page = window.open_area("supplies")
    assert isinstance(page, SuppliesPage)
    qtbot.wait_until(lambda: page.stock_table.rowCount() > 0, timeout=10_000)
    return page


def scan(qtbot, page: SuppliesPage, code: str) -> tuple[str, str]:
    with qtbot.wait_signal(page.scanned, timeout=10_000) as blocker:
        qtbot.keyClicks(page.scan, code)
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    return blocker.args[0], blocker.args[1]


def test_stock_plan_and_scan_a_campaign(qtbot, window, demo_ctx):
    page = open_page(qtbot, window)
    assert page.stock_table.item(0, 0).text() == "口罩"
    assert page.stock_table.item(0, 2).text() == "5"
    assert page.ledger_table.item(0, 3).text() == "入库"

    with demo_ctx.db.reading() as s:
        homes = list(
            s.scalars(
                select(Household.address_code)
                .where(Household.id.in_(select(Resident.household_id)))
                .order_by(Household.id)
            )
        )
        barcode = s.scalar(select(Household.code).where(Household.address_code == homes[1]))

    dialog = PlanDialog(demo_ctx, ["口罩"], page)
    qtbot.addWidget(dialog)
    dialog.name.setText("口罩发放")
    dialog.qty.setValue(2)
    with qtbot.wait_signal(dialog.preview_shown, timeout=10_000) as blocker:
        dialog.preview_button.click()
    preview = blocker.args[0]
    assert preview.households == len(homes) and preview.shortfall == 2 * len(homes) - 5
    assert "缺口" in dialog.preview_label.text()
    assert page.campaign_box.count() == 0  # a preview writes nothing

    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.create_campaign(dialog.spec())
    assert page.campaign_box.count() == 1 and page.current_campaign() == "SC0001"
    qtbot.wait_until(lambda: page.undelivered_table.rowCount() == len(homes), timeout=10_000)

    window.activateWindow()
    page.scan.setFocus()
    state, text = scan(qtbot, page, homes[0])
    assert state == "ok" and homes[0] in text and "已发放" in text
    assert page.scan.text() == ""
    state, text = scan(qtbot, page, homes[0])
    assert state == "again" and "已领取" in text
    state, text = scan(qtbot, page, barcode)  # the barcode carries the household code
    assert state == "ok" and homes[1] in text
    state, text = scan(qtbot, page, homes[2])
    assert state == "refused" and "库存不足" in text
    state, text = scan(qtbot, page, "99-9-999")
    assert state == "refused" and "找不到" in text
    assert page.answer.text() == "✖ " + text.removeprefix("✖ ")
    assert page.scan.hasFocus()

    qtbot.wait_until(lambda: page.stock_table.item(0, 2).text() == "1", timeout=10_000)
    qtbot.wait_until(lambda: page.undelivered_table.rowCount() == len(homes) - 2, timeout=10_000)
    assert page.campaign_table.item(0, 4).text() == f"2 / {len(homes)}"
