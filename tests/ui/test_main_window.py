"""The main window as a user meets it: every area reachable, real counts on 首页, areas not built
yet saying so, English through the translation files."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from app.core.common.changes import Change
from app.core.office.stats import office_stats
from app.ui.application import install_translators
from app.ui.main_window import MainWindow
from app.ui.pages.not_built import NotBuiltPage

AREAS = [
    "首页",
    "住户",
    "网格",
    "物资",
    "会议",
    "诉求",
    "通知打印",
    "报表",
    "数据交换",
    "审计",
    "设置",
]


@pytest.fixture
def window(qtbot, demo_ctx):
    win = MainWindow(demo_ctx)
    # the pages' first counts may still be on the worker: closing would ask to wait for them
    qtbot.addWidget(win, before_close_func=lambda _w: demo_ctx.tasks.wait(-1))
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


def test_navigation_lists_every_area_in_order(window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == AREAS


def test_every_area_opens_from_the_navigation(qtbot, window):
    for row, _title in enumerate(AREAS):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row
        assert window.stack.currentWidget().isVisible()


def test_ctrl_number_switches_area(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentRow() == 2


def test_home_shows_the_counts_of_the_database(window, demo_ctx):
    with demo_ctx.db.reading() as session:
        expected = office_stats(session)
    shown = {
        key: int(card.value.text().replace(",", "")) for key, card in window.home.cards.items()
    }
    assert shown == {key: expected[key] for key in shown}
    assert shown["residents"] == 300
    tags = {
        window.home.tag_table.item(r, 0).text(): window.home.tag_table.item(r, 1).text()
        for r in range(window.home.tag_table.rowCount())
    }
    assert tags["独居老人"] == f"{expected['by_tag']['独居老人']:,}"


def test_home_refreshes_when_an_operation_reports_a_change(qtbot, window, demo_ctx):
    from sqlalchemy import update

    from app.db.models import Household

    with demo_ctx.db.session() as session:
        session.execute(update(Household).where(Household.id <= 5).values(grid_id=None))
    with qtbot.wait_signal(window.home.filled, timeout=10_000):
        demo_ctx.changed.emit(Change.HOUSEHOLDS)
    assert window.home.cards["unassigned_households"].value.text() == "5"


def test_areas_not_built_say_so_and_show_no_figures(window):
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
    not_built = [w for w in window.pages.values() if isinstance(w, NotBuiltPage)]
    for page in not_built:
        texts = " ".join(label.text() for label in page.findChildren(QLabel))
        assert "此功能尚未完成" in texts
        assert not re.search(r"\d", texts), texts


def test_status_bar_names_the_office_folder_and_last_export(window, demo_ctx):
    assert demo_ctx.office.name in window.office_label.text()
    assert str(demo_ctx.datadir.root) in window.office_label.toolTip()
    assert "尚未导出" in window.export_label.text()


def test_backup_now_writes_a_copy_into_backups(qtbot, window, demo_ctx):
    window.backup_now()
    qtbot.wait_until(lambda: any(demo_ctx.datadir.backups.glob("*manual.sqlite3")), timeout=10_000)


def test_english_interface_through_the_translation_file(qtbot, demo_ctx):
    app = QApplication.instance()
    translators = install_translators(app, "en")
    try:
        win = MainWindow(demo_ctx)
        qtbot.addWidget(win)
        names = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert names[0] == "Home" and names[-1] == "Settings"
        assert "Households" in names
        demo_ctx.tasks.wait(-1)
    finally:
        for tr in translators:
            app.removeTranslator(tr)


def test_an_empty_community_says_what_to_do_in_the_window(qtbot, make_ctx, datadir):
    """No households yet: 首页 says what to do with buttons — never a command to type — and
    导入名单 opens the import wizard on 住户."""
    from app.ui.roster_import_wizard import ImportWizard

    ctx = make_ctx(datadir)
    win = MainWindow(ctx)
    qtbot.addWidget(win, before_close_func=lambda _w: ctx.tasks.wait(-1))
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    text = win.home.subtitle.text()
    assert "导入" in text and "命令" not in text and "demo" not in text
    assert win.home.first_steps.isVisible()
    buttons = {b.text(): b for b in win.home.first_steps.findChildren(QPushButton)}
    assert set(buttons) == {"导入名单…", "新增住户…"}
    buttons["导入名单…"].click()
    assert win.nav.currentRow() == 1  # 住户
    assert any(w.isVisible() for w in win.pages["registry"].findChildren(ImportWizard))
