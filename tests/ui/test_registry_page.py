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

from app.core.registry import idnumber, lookup
from app.db.models import AuditEntry, Resident
from app.ui.models.registry_model import (
    COL_ID,
    COL_NAME,
    COL_PHONE,
    PAGE,
    ResidentTableModel,
)
from app.ui.pages.registry import RegistryPage
from app.ui.registry_dialogs import HouseholdDialog, ResidentForm
from app.ui.roster_import_wizard import ImportWizard


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


def test_the_rest_of_the_ids_arrive_in_the_background(qtbot, page) -> None:
    """The first screen shows with one page of ids; the others are read behind it, so the first
    drag of the scroll bar does not wait for them."""
    assert page.model.rowCount() > PAGE
    qtbot.waitUntil(lambda: page.model.complete, timeout=10_000)
    with page.ctx.db.reading() as session:
        expected = lookup.resident_ids(session, page.model.filter, "id", False)
    assert page.model.ids == expected


def test_a_background_answer_to_an_older_query_is_dropped(demo_ctx) -> None:
    """Filter or sort changed while the ids were being read: the older answer is not used."""
    model = ResidentTableModel(demo_ctx.db)
    pending: list[tuple[object, object]] = []
    model.background = lambda work, done: pending.append((work, done))
    model.reload()
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert len(pending) == 2 and not model.complete
    (old_work, old_done), (new_work, new_done) = pending
    old_done(old_work(None))  # type: ignore[operator]
    assert not model.complete  # registration order, not the names now shown
    new_done(new_work(None))  # type: ignore[operator]
    assert model.complete
    names = [model.row_at(r).name for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert names == sorted(names, reverse=True)  # the list as the newer query orders it


def test_rows_are_masked_and_loaded_by_page(demo_ctx) -> None:
    model = ResidentTableModel(demo_ctx.db)
    model.reload()
    assert model._pages == {}  # ids only until a row is shown
    # and of the ids only the first page: the count comes from the database, not from a list
    assert (len(model.ids), model.count, model.complete) == (PAGE, 300, False)
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
    assert model.complete and len(model.ids) == 300  # every id, once a row past the first page
    with demo_ctx.db.reading() as session:
        in_order = session.execute(select(Resident.id, Resident.name).order_by(Resident.id)).all()
    assert model.ids == [i for i, _name in in_order]
    assert model.data(model.index(299, COL_NAME)).startswith(in_order[-1][1])


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


def test_the_first_click_on_age_puts_the_youngest_first(page: RegistryPage) -> None:
    page._sort_clicked(2)  # 年龄
    ages = [page.model.row_at(r).age for r in range(page.model.rowCount())]
    known = [a for a in ages if a is not None]
    assert known == sorted(known) and known[0] < known[-1]  # the youngest first
    assert ages[: len(known)] == known  # the unknown ages come last
    page._sort_clicked(2)
    again = [page.model.row_at(r).age for r in range(page.model.rowCount())]
    assert [a for a in again if a is not None] == sorted(known, reverse=True)


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
    wizard.next()  # the file is read on the worker; the wizard moves on when it is
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
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


def _roster_with_numbers_and_a_total(path: Path) -> tuple[str, str]:
    """A roster as staff type them: a 序号 and a phone as numbers, one ID number typed as a number
    (its last digits lost), one with a wrong check character, and a total row under it; returns
    (the ID number typed as a number, the wrong one)."""
    good = idnumber.make("420106", date(1971, 2, 3), 7, "M")
    lost = idnumber.make("420106", date(1972, 2, 3), 8, "M")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["序号", "姓名", "身份证号", "联系电话", "住址", "与户主关系"])
    ws.write_row(1, 0, [1, "甲乙", good, 13800001111, "91栋1单元101", "户主"])
    ws.write_row(2, 0, [2, "丙丁", float(lost), "", "91栋1单元101", "子"])
    ws.write_row(3, 0, [3, "戊己", wrong, "", "91栋1单元101", "女"])
    ws.write_row(4, 0, ["合计", "3人"])
    wb.close()
    return lost, wrong


def test_import_wizard_shows_cells_as_typed(qtbot, demo_ctx, tmp_path: Path) -> None:
    path = tmp_path / "花名册.xlsx"
    lost, _wrong = _roster_with_numbers_and_a_total(path)
    wizard = ImportWizard(demo_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    sample = wizard.mapping_page.sample
    assert [sample.item(0, c).text() for c in (0, 3)] == ["1", "13800001111"]  # not 1.0
    shown = sample.item(1, 2).text()
    assert shown.startswith(lost[:15] + "000") and "丢失" in shown  # not 4.2010619…e+17
    assert "15" in sample.item(1, 2).toolTip()


def test_import_wizard_saves_the_rejected_rows(
    qtbot, demo_ctx, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog
    from python_calamine import CalamineWorkbook

    path = tmp_path / "花名册.xlsx"
    lost, wrong = _roster_with_numbers_and_a_total(path)
    wizard = ImportWizard(demo_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    preview = wizard.preview_page
    listed = {
        preview.problems.item(r, 0).text(): preview.problems.item(r, 1).text()
        for r in range(preview.problems.rowCount())
    }
    assert listed["5"].endswith("not_a_person")  # the total row: no resident named 3人
    assert "新增居民 1 人" in preview.summary.text()
    assert preview.save_rejected_button.isEnabled()

    target = tmp_path / "改正后再导入"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.wait_signal(preview.rejected_saved, timeout=10_000) as saved:
        preview.save_rejected_button.click()
    out = target.with_suffix(".xlsx")
    assert saved.args[0].path == out and out.name in preview.saved_note.text()
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["行号", "原因", "序号", "姓名", "身份证号", "联系电话", "住址", "与户主关系"]
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [
        (3.0, "丙丁", wizard.table.rows[2][2]),  # still the number the file has
        (4.0, "戊己", wrong),
    ]
    assert all(wrong not in r[1] and lost[:15] not in r[1] for r in rows[1:])  # masked reasons
    with demo_ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 300  # nothing yet


# --- households made and remade, duplicates settled -------------------------------------------------


def _accept_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def yes(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    return asked


def test_a_new_household_from_the_page(qtbot, page: RegistryPage, monkeypatch) -> None:
    asked = _accept_questions(monkeypatch)
    form = page.add_household()
    qtbot.addWidget(form)
    assert form.windowTitle() == "新增住户" and form.relation.currentText() == "户主"
    form.address.setText("东边那栋")
    form.name.setText("高新户")
    form.save()
    assert "住址无法识别" in form.errors["address"].text()
    assert form.errors["address"].isVisibleTo(form)
    form.address.setText("77栋1单元101")
    with qtbot.wait_signal(form.accepted, timeout=5000):
        form.save()
    assert asked == []  # nobody lived there: no question
    assert form.made is not None and form.made.address_code == "77-1-101"
    qtbot.waitUntil(lambda: page.model.count == 301)
    dialogs = page.findChildren(HouseholdDialog)
    assert dialogs and dialogs[-1].view.address_code == "77-1-101"
    assert [(m.name, m.is_head) for m in dialogs[-1].view.members] == [("高新户", True)]
    # a second household at an address already lived in is asked about, naming who lives there
    again = page.add_household()
    qtbot.addWidget(again)
    again.address.setText("77-1-101")
    again.name.setText("合租人")
    with qtbot.wait_signal(again.accepted, timeout=5000):
        again.save()
    assert len(asked) == 1 and "高新户" in asked[0] and "77-1-101" in asked[0]


def test_a_resident_added_with_the_toolbar_appears_in_the_list_selected(
    qtbot, page: RegistryPage
) -> None:
    """新增居民 on the page: the list grows by one and the new person is selected and shown
    (registered last, the newcomer is at the end of the list as it is sorted)."""
    before = page.model.count
    page.table.selectRow(0)
    household = page.selected_row().household_id
    page.add()
    form = next(f for f in page.findChildren(ResidentForm) if f.isVisible())
    form.name.setText("新来的人")
    with qtbot.wait_signal(form.accepted, timeout=5000):
        form.save()
    qtbot.waitUntil(lambda: page.model.count == before + 1)
    assert page.count_label.text() == f"共 {before + 1:,} 人"
    chosen = page.selected_row()
    assert chosen is not None and chosen.name == "新来的人"
    assert chosen.household_id == household
    shown = page.table.visualRect(page.table.currentIndex())
    assert page.table.viewport().rect().intersects(shown)  # scrolled to it


def test_split_and_merge_in_the_household_view(qtbot, demo_ctx, monkeypatch) -> None:
    from app.ui.household_dialogs import MergeDialog, SplitDialog

    _accept_questions(monkeypatch)
    with demo_ctx.db.reading() as session:
        big = session.execute(
            select(Resident.household_id)
            .where(Resident.deleted_at.is_(None))
            .group_by(Resident.household_id)
            .having(func.count() >= 3)
            .limit(1)
        ).scalar_one()
    dialog = HouseholdDialog(demo_ctx, big)
    qtbot.addWidget(dialog)
    before = [m.name for m in dialog.view.members]
    split = dialog.split()
    assert isinstance(split, SplitDialog)
    split.members.item(0).setCheckState(Qt.CheckState.Checked)  # the head leaves
    split.members.item(1).setCheckState(Qt.CheckState.Checked)
    assert split.new_head.count() == 2 and split.remaining_head.count() == len(before) - 2
    split.split()
    assert "住址" in split.error.text()  # no address yet: said next to the form
    split.address.setText("88-2-303")
    split.new_head.setCurrentIndex(1)
    with qtbot.wait_signal(dialog.changed, timeout=5000):
        split.split()
    assert sorted(m.name for m in dialog.view.members) == sorted(before[2:])
    assert sum(m.is_head for m in dialog.view.members) == 1
    with demo_ctx.db.reading() as session:
        new_id = lookup.find_household(session, "88-2-303")
        assert new_id is not None
        new = lookup.household_view(session, new_id)
    assert sorted(m.name for m in new.members) == sorted(before[:2])
    assert new.head is not None and new.head.name == before[1]

    merge = dialog.merge()
    assert isinstance(merge, MergeDialog)
    merge.target.setText("88栋2单元303")
    merge.look_up()
    assert merge.other is not None and merge.other.id == new_id
    assert merge.head.count() == len(before)
    chosen = merge.head.findText(before[1], Qt.MatchFlag.MatchStartsWith)
    merge.head.setCurrentIndex(chosen)
    stepping_down = next(m for m in dialog.view.members if m.is_head)
    merge.stepped.setCurrentIndex(merge.stepped.findData("子"))  # the relation the user picks
    with qtbot.wait_signal(dialog.changed, timeout=5000):
        merge.merge()
    assert sorted(m.name for m in dialog.view.members) == sorted(before)
    assert dialog.view.head is not None and dialog.view.head.name == before[1]
    assert dialog.view.head.relation == "户主"
    assert next(m for m in dialog.view.members if m.id == stepping_down.id).relation == "子"
    with demo_ctx.db.reading() as session:
        assert lookup.find_household(session, "88-2-303") is None  # tombstoned


def test_duplicates_side_by_side_keep_both_and_merge(
    qtbot, page: RegistryPage, monkeypatch
) -> None:
    from app.core.common.masking import masked_birth
    from app.core.registry.lookup import ResidentInput
    from app.db.models_registry import DuplicateDecision

    asked = _accept_questions(monkeypatch)
    db = page.ctx.db
    with db.reading() as session:
        a, b = session.scalars(select(Resident.household_id).distinct().limit(2)).all()
    with db.session(note="registry") as session:
        lookup.add_resident(session, a, ResidentInput(name="钱重复", birth_date=date(1960, 6, 6)))
    with db.session(note="registry") as session:
        lookup.add_resident(
            session,
            b,
            ResidentInput(name="钱重复", birth_date=date(1960, 6, 6), phone="13911119999"),
        )
    with db.session(note="registry") as session:
        lookup.add_resident(session, a, ResidentInput(name="共用甲", phone="13700007777"))
    with db.session(note="registry") as session:
        lookup.add_resident(session, b, ResidentInput(name="共用乙", phone="13700007777"))
    dialog = page.find_duplicates()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    titles = [dialog.groups.item(i).text() for i in range(dialog.groups.count())]
    born = masked_birth(date(1960, 6, 6), date.today())  # the age: never a birth date (masking)
    assert any(t.startswith(f"同名同生日 · 钱重复 {born}") for t in titles)
    assert any(t.startswith("电话相同 · 137****7777") for t in titles)

    dialog.groups.setCurrentRow(next(i for i, t in enumerate(titles) if "137****7777" in t))
    assert dialog.side.columnCount() == 2
    labels = [dialog.side.verticalHeaderItem(r).text() for r in range(dialog.side.rowCount())]
    assert "≠ 姓名" in labels and "联系电话" in labels  # the differences marked, not by colour
    with qtbot.wait_signal(dialog.loaded, timeout=10_000):
        dialog.keep_both()
    assert not any(
        "137****7777" in dialog.groups.item(i).text() for i in range(dialog.groups.count())
    )
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(DuplicateDecision)) == 1

    row = next(i for i in range(dialog.groups.count()) if "钱重复" in dialog.groups.item(i).text())
    dialog.groups.setCurrentRow(row)
    group = dialog.current()
    keep = next(c for c, m in enumerate(group.members) if not m.phone)
    dialog.side.selectColumn(keep)
    with qtbot.wait_signal(dialog.loaded, timeout=10_000):
        dialog.merge()
    assert asked and "并入" in asked[-1]
    with db.reading() as session:
        left = session.scalars(
            select(Resident).where(Resident.name == "钱重复", Resident.deleted_at.is_(None))
        ).all()
    assert len(left) == 1 and left[0].phone == "13911119999"
    assert not any("钱重复" in dialog.groups.item(i).text() for i in range(dialog.groups.count()))


def test_print_shows_the_filtered_roster_as_a_masked_pdf(qtbot, page: RegistryPage) -> None:
    import subprocess

    page.building.setCurrentIndex(1)  # the first building only
    page.apply_filters()
    building = page.building.currentText()
    qtbot.mouseClick(page.actions["print"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(),
        timeout=30_000,
    )
    dialog = page.preview_dialog
    assert dialog.document.pageCount() >= 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(dialog.pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "住户名单" in text and building in text
    with page.ctx.db.reading() as session:
        numbers = [n for n in session.scalars(select(Resident.id_number)) if n]
    assert numbers and not any(n in text for n in numbers)  # masked on paper
    assert any(idnumber.mask(n) in text for n in numbers)
    dialog.reject()


def test_every_category_of_person_is_in_sight_on_the_form(qtbot, demo_ctx) -> None:
    """The eight categories stand in rows of four, each visible inside the form (a scrolling row
    hid 低保 and 特困); ticking one saves it."""
    form = ResidentForm(demo_ctx, 1)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert list(form.tag_boxes)[-2:] == ["低保", "特困"]
    for name, box in form.tag_boxes.items():
        assert box.isVisible(), name
        inside = box.mapTo(form, box.rect().bottomRight())
        assert form.rect().contains(inside), name
    form.tag_boxes["特困"].setChecked(True)
    assert "特困" in form.data().tags


def test_the_wizard_reads_the_file_off_the_gui_thread(qtbot, demo_ctx, tmp_path: Path) -> None:
    """下一步 on a roster: the file is read on the database worker (a large one took seconds on
    the GUI thread, the window frozen); the page says so and moves on by itself."""
    import threading

    import app.ui.roster_import_wizard as wizard_module

    path = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["姓名", "住址"])
    sheet.write_row(1, 0, ["王五", "88栋1单元101"])
    book.close()
    seen: list[threading.Thread] = []
    real = wizard_module.read_table

    def reading(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread())
        return real(*args, **kwargs)

    wizard_module.read_table = reading  # type: ignore[assignment]
    try:
        wizard = ImportWizard(demo_ctx)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.file_page.path.setText(str(path))
        wizard.next()
        assert wizard.currentPage() is wizard.file_page  # not yet: the worker is reading
        assert "读取" in wizard.file_page.message.text()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    finally:
        wizard_module.read_table = real  # type: ignore[assignment]
    assert seen and seen[0] is not threading.main_thread()
