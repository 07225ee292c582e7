"""The 住户 page as a clerk uses it: the table model (qtmodeltester), counts in the status bar,
filters, type-ahead search with the keyboard, the household view, the resident form's checks,
change of head, tombstone delete with its reason, and the import wizard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.core import idnumber
from app.db.models import AuditEntry, Resident
from app.ui.models.registry_model import COL_ID, COL_NAME, COL_PHONE, ResidentTableModel
from app.ui.pages.registry import RegistryPage
from app.ui.registry_dialogs import HouseholdDialog, ImportWizard, ResidentForm


@pytest.fixture
def page(qtbot, demo_ctx) -> RegistryPage:
    p = RegistryPage(demo_ctx)
    qtbot.addWidget(p)
    p.resize(1280, 760)
    p.show()
    qtbot.waitUntil(lambda: p.model.rowCount() > 0)
    return p


def test_model_passes_the_model_tester(qtmodeltester, demo_ctx) -> None:
    model = ResidentTableModel(demo_ctx.db)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 300


def test_rows_are_masked_and_loaded_by_page(demo_ctx) -> None:
    model = ResidentTableModel(demo_ctx.db)
    model.reload()
    assert model._pages == {}  # ids only until a row is shown
    text = model.data(model.index(0, COL_ID))
    assert "********" in text
    phone = next(
        model.data(model.index(r, COL_PHONE))
        for r in range(300)
        if model.data(model.index(r, COL_PHONE))
    )
    assert "****" in phone
    assert list(model._pages) == [0]
    model.data(model.index(250, COL_NAME))
    assert list(model._pages) == [0, 1]  # a page of 200 rows read when first shown


def test_count_in_the_status_bar_and_filters(page: RegistryPage, demo_ctx) -> None:
    assert page.count_label.text() == "共 300 人"
    page.tag.setCurrentIndex(page.tag.findData("独居老人"))
    with demo_ctx.db.reading() as session:
        alone = session.scalar(
            select(func.count()).select_from(Resident).where(Resident.tags.like("%,独居老人,%"))
        )
    assert page.count_label.text() == f"共 {alone} 人"
    assert all("独居老人" in page.model.row_at(r).tags for r in range(page.model.rowCount()))


def test_sorting_by_name(page: RegistryPage) -> None:
    page._sort_clicked(COL_NAME)
    names = [page.model.row_at(r).name for r in range(page.model.rowCount())]
    assert names == sorted(names)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: a popup cannot rise
def test_type_ahead_keyboard_enter_opens_the_household(qtbot, page: RegistryPage, demo_ctx) -> None:
    with demo_ctx.db.reading() as session:
        person = session.scalars(select(Resident).where(Resident.phone.is_not(None)).limit(1)).one()
    page.search.setFocus()
    qtbot.keyClicks(page.search, person.phone[-4:])
    qtbot.waitUntil(lambda: page.search.results.count() > 0)
    assert any(
        person.name in page.search.results.item(i).text()
        for i in range(page.search.results.count())
    )
    for _ in range(page.search.results.count()):
        item = page.search.results.currentItem()
        if item.data(Qt.ItemDataRole.UserRole)[1] == person.id:
            break
        qtbot.keyClick(page.search, Qt.Key.Key_Down)
    with qtbot.wait_signal(page.search.open_household) as blocker:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert blocker.args == [person.household_id, person.id]
    dialogs = page.findChildren(HouseholdDialog)
    assert dialogs and dialogs[-1].view.id == person.household_id
    assert person.name in [m.name for m in dialogs[-1].view.members]


def test_resident_form_shows_id_errors_next_to_the_field(qtbot, demo_ctx) -> None:
    form = ResidentForm(demo_ctx, 1)
    qtbot.addWidget(form)
    good = idnumber.make("420106", date(1990, 2, 3), 7, "F")
    form.id_number.setText(good[:17] + ("1" if good[17] != "1" else "2"))
    assert "校验位" in form.errors["id_number"].text() and form.errors["id_number"].isVisibleTo(
        form
    )
    form.id_number.setText(good.lower())
    assert not form.errors["id_number"].isVisibleTo(form)
    assert form.gender.currentData() == "F" and form.birth.date().toPython() == date(1990, 2, 3)
    form.name.setText("")
    form.phone.setText("12345")
    form.save()
    assert form.errors["name"].text() == "请填写姓名"
    assert "11位" in form.errors["phone"].text()


def test_add_change_head_and_delete_with_reason(qtbot, demo_ctx) -> None:
    dialog = HouseholdDialog(demo_ctx, 1)
    qtbot.addWidget(dialog)
    before = len(dialog.view.members)
    form = ResidentForm(demo_ctx, 1, None, dialog)
    form.name.setText("新生儿")
    form.relation.setCurrentText("孙子")
    with qtbot.wait_signal(demo_ctx.changed, timeout=5000):
        form.save()
    dialog.refresh()
    assert len(dialog.view.members) == before + 1
    newborn = next(m for m in dialog.view.members if m.name == "新生儿")
    dialog.table.selectRow(dialog.view.members.index(newborn))
    with qtbot.wait_signal(dialog.changed, timeout=5000):
        dialog.make_head()
    assert dialog.view.head.name == "新生儿"
    assert sum(m.is_head for m in dialog.view.members) == 1

    import app.ui.registry_dialogs as dialogs

    dialog.table.selectRow(0)
    target = dialog.selected()
    original = dialogs.confirm_delete
    asked: list[str] = []
    dialogs.confirm_delete = lambda _parent, what: asked.append(what) or "重复登记"  # type: ignore[assignment]
    try:
        with qtbot.wait_signal(dialog.changed, timeout=5000):
            dialog.delete()
    finally:
        dialogs.confirm_delete = original
    assert asked == [f"{target.name}（{dialog.view.address_code}）"]  # names the thing
    assert target.id not in [m.id for m in dialog.view.members]
    assert sum(m.is_head for m in dialog.view.members) == 1  # a new head was chosen
    with demo_ctx.db.reading() as session:
        gone = session.get(Resident, target.id)
        assert gone.deleted_at is not None and gone.delete_reason == "重复登记"
        assert session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "delete")
        )


def test_import_wizard_previews_then_imports(qtbot, demo_ctx, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.merge_range("A1:E1", "居民花名册")
    ws.write_row(2, 0, ["姓名", "身份证号", "联系电话", "住址", "与户主关系"])
    ws.write_row(
        3,
        0,
        [
            "甲乙",
            idnumber.make("420106", date(1970, 1, 1), 1, "M"),
            "13800001111",
            "90栋1单元101",
            "户主",
        ],
    )
    ws.write_row(4, 0, ["丙丁", 4.20106197001e17, "", "90栋1单元101", "子"])
    wb.close()
    wizard = ImportWizard(demo_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    assert wizard.mapping_page.combos["id_number"].currentText() == "身份证号"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    assert wizard.preview_page.problems.item(0, 1).text().endswith("id_precision_lost")
    assert "新增居民 1 人" in wizard.preview_page.summary.text()
    with demo_ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 300  # nothing yet
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.information
    QMessageBox.information = lambda *a, **k: QMessageBox.StandardButton.Ok  # type: ignore[assignment]
    try:
        with qtbot.wait_signal(wizard.imported, timeout=10_000):
            wizard.accept()
    finally:
        QMessageBox.information = original  # type: ignore[assignment]
    with demo_ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 301
