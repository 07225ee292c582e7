"""The one scan field with its answer (app.ui.scan.ScanPanel), as 物资 and 团购 use it: the answer
in colour and in words, a beep for anything but a yes, the page's own widgets before the field
and reached by Tab before it, the keyboard back in the field after an answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget

from app.ui import scan
from app.ui.pages.supplies.group_buy import GroupBuyTab
from app.ui.pages.supplies.page import SuppliesPage
from app.ui.style import DANGER, OK_COLOUR, WARN_COLOUR


@pytest.fixture
def beeps(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    heard: list[None] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: heard.append(None)))
    return heard


def test_answers_in_colour_and_words_and_beeps_for_a_problem(qtbot, beeps) -> None:
    box = QComboBox()
    panel = scan.ScanPanel(
        "扫码签收",
        "扫描住户条码",
        "选择一次发放，然后扫描住户条码。",
        object_name="scanAnswer",
        min_width=320,
        spacing=10,
        leading=((QLabel("发放"), 0), (box, 0)),
    )
    qtbot.addWidget(panel)
    panel.show()
    assert panel.answer.text() == "选择一次发放，然后扫描住户条码。"
    assert "dashed" in panel.answer.styleSheet()

    for state, colour, beeped in (
        ("ok", OK_COLOUR, 0),
        ("again", WARN_COLOUR, 1),
        ("refused", DANGER, 2),
        ("undone", WARN_COLOUR, 2),
    ):
        panel.say(state, f"{state} 3-2-502")
        assert panel.answer.text() == f"{state} 3-2-502"
        assert f"background: {colour}" in panel.answer.styleSheet()
        assert "QLabel#scanAnswer" in panel.answer.styleSheet()
        assert len(beeps) == beeped

    row = [panel.row.itemAt(i).widget() for i in range(panel.row.count())]
    assert [w.text() if isinstance(w, QLabel) else w for w in row] == [
        "发放",
        box,
        "扫码签收",
        panel.field,
    ]
    assert _tab_reaches(box, panel.field, panel)

    panel.field.setText("3-2-502")
    panel.refocus()
    qtbot.waitUntil(panel.field.hasFocus)
    assert panel.field.selectedText() == "3-2-502"


def _tab_reaches(start: QWidget, target: QWidget, within: QWidget) -> bool:
    """`target` follows `start` in the focus chain before any other focusable widget does."""
    w = start.nextInFocusChain()
    while w is not start and w is not within:
        if w is target:
            return True
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(within):
            return False
        w = w.nextInFocusChain()
    return False


def test_supplies_and_group_buy_use_the_one_panel(qtbot, demo_ctx) -> None:
    page = SuppliesPage(demo_ctx)
    qtbot.addWidget(page)
    tab = GroupBuyTab(demo_ctx)
    qtbot.addWidget(tab)
    for owner, name in ((page, "scanAnswer"), (tab, "groupBuyAnswer")):
        assert isinstance(owner.scan_panel, scan.ScanPanel)
        assert owner.scan is owner.scan_panel.field
        assert owner.answer is owner.scan_panel.answer
        assert owner.answer.objectName() == name
    assert _tab_reaches(page.campaign_box, page.scan, page)
    assert _tab_reaches(tab.search, tab.scan, tab)
