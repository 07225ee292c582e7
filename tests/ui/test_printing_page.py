"""通知打印 and 报表 as a user meets them: a template chosen, values typed, the live preview showing
the first household's notice (name masked), a template of the office's own written and saved, a
batch made in the background and previewed as PDF, a cancelled batch leaving nothing; the daily
report counted on screen, previewed as PDF and exported as .xlsx."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog
from sqlalchemy import func, select

from app.core.common.masking import mask_name
from app.core.printing.notice_targets import Target, find_households
from app.db.models import Building, Household, Resident
from app.db.models_printing import NoticeTemplateRecord
from app.ui import print_preview
from app.ui.main_window import MainWindow
from app.ui.pages.printing.page import PrintingPage
from app.ui.pages.reports import ReportsPage
from app.ui.print_preview import PdfPreviewDialog
from tests.ui.conftest import type_chinese


@pytest.fixture
def window(qtbot, demo_ctx):
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


def open_printing(qtbot, window) -> PrintingPage:
    page = window.open_area("printing")  # built on the first visit, then loads
    assert isinstance(page, PrintingPage)
    qtbot.wait_until(lambda: bool(page.templates) and page.found is not None, timeout=10_000)
    with qtbot.wait_signal(page.preview_updated, timeout=10_000):
        page.schedule_preview()
    return page


def preview_text(page: PrintingPage) -> str:
    assert page.preview.document.pageCount() >= 1
    return "".join(page.preview.document.getAllText(0).text().split())


def choose_template(qtbot, page: PrintingPage, key: str) -> None:
    row = [t.key for t in page.templates].index(key)
    with qtbot.wait_signal(page.preview_updated, timeout=10_000):
        page.list.setCurrentRow(row)


def first_household(ctx) -> tuple[str, str]:
    """(the head's name, written address) of the first household in address order."""
    with ctx.db.reading() as session:
        first = find_households(session, Target("all")).rows[0]
        head = session.scalar(
            select(Resident.name).where(Resident.household_id == first.id, Resident.is_head)
        )
    return head, first.address


def test_templates_are_listed_and_the_preview_is_the_first_households_notice(
    qtbot, window, demo_ctx
):
    page = open_printing(qtbot, window)
    names = [page.list.item(i).text() for i in range(page.list.count())]
    assert names[:5] == [
        "居家健康监测告知书（内置）",
        "物资领取通知（内置）",
        "检测通知（内置）",
        "公告（内置）",
        "团购价格公示（内置）",
    ]
    head, address = first_household(demo_ctx)
    text = preview_text(page)
    assert f"{mask_name(head)}（{address}）住户" in text
    assert head not in text or len(head) < 2
    assert page.editor.builtin_note.isVisible() and page.editor.body_edit.isReadOnly()
    with demo_ctx.db.reading() as session:
        households = session.scalar(select(func.count()).select_from(Household))
    assert page.scope.count_label.text() == f"共 {households:,} 户，每户一份"
    assert any("网格员名册" in w[0] for w in page.warnings)  # said on screen, not invented
    assert "网格员名册尚未建立" in page.preview.warnings_label.text()


def test_typed_values_show_in_the_preview_and_only_the_templates_fields_are_asked(qtbot, window):
    page = open_printing(qtbot, window)
    choose_template(qtbot, page, "supply-pickup")
    assert not page.values_form.content_edit.isVisibleTo(page)  # the supply notice has no {内容}
    assert page.values_form.line_fields["place"].isVisibleTo(page)
    with qtbot.wait_signal(page.preview_updated, timeout=10_000):
        type_chinese(page.values_form.line_fields["place"], "社区服务中心东门")
    with qtbot.wait_signal(page.preview_updated, timeout=10_000):
        type_chinese(page.values_form.line_fields["items"], "蔬菜礼包")
    assert "在社区服务中心东门发放蔬菜礼包" in preview_text(page)
    choose_template(qtbot, page, "announcement")
    assert page.values_form.content_edit.isVisibleTo(page)
    assert not page.values_form.line_fields["place"].isVisibleTo(page)
    assert not page.paper_options.barcode.isChecked()  # a board notice names no household


def test_four_to_a_sheet_shows_four_households_in_the_preview(qtbot, window, demo_ctx):
    page = open_printing(qtbot, window)
    with qtbot.wait_signal(page.preview_updated, timeout=10_000):
        page.paper_options.per_sheet.setCurrentIndex(2)
    with demo_ctx.db.reading() as session:
        first = find_households(session, Target("all")).rows[:4]
    text = preview_text(page)
    assert all(f"户号{h.code}" in text for h in first)
    assert "正文印出约 8.0 磅" in page.paper_options.size_note.text()
    with qtbot.wait_signal(page.preview_updated, timeout=10_000):
        page.paper_options.paper.setCurrentIndex(1)
    assert "字太小" in page.paper_options.size_note.text()


def test_a_template_of_the_offices_own_is_written_and_saved(qtbot, window, demo_ctx):
    page = open_printing(qtbot, window)
    page.copy_template()
    assert page.current is None and page.dirty and not page.editor.body_edit.isReadOnly()
    page.editor.name_edit.clear()
    type_chinese(page.editor.name_edit, "纸箱回收通知")
    page.editor.body_edit.clear()
    type_chinese(page.editor.body_edit, "请{户主}于{时间}前将闲置纸箱放在单元门口。")
    assert page.editor.template_problem.text() == ""
    type_chinese(page.editor.body_edit, "{时问}")
    assert "{时问}" in page.editor.template_problem.text()  # a typo is caught before paper
    page.editor.body_edit.undo()
    page.editor.body_edit.clear()
    type_chinese(page.editor.body_edit, "请{户主}于{时间}前将闲置纸箱放在单元门口。")
    assert page.save_action.isEnabled()
    with qtbot.wait_signal(page.templates_loaded, timeout=10_000):
        page.save_action.trigger()
    assert page.list.currentItem().text() == "纸箱回收通知"
    assert not page.dirty and page.delete_action.isEnabled()
    with demo_ctx.db.reading() as session:
        saved = session.scalars(select(NoticeTemplateRecord)).one()
    assert (saved.code, saved.name, saved.based_on) == (
        "custom-1",
        "纸箱回收通知",
        "home-quarantine",
    )
    assert saved.body == "请{户主}于{时间}前将闲置纸箱放在单元门口。"

    # switching away with unsaved changes asks first
    type_chinese(page.editor.body_edit, "谢谢配合！")
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    import app.ui.pages.printing.page as printing_module

    original = printing_module.QMessageBox.question
    printing_module.QMessageBox.question = question
    try:
        page.list.setCurrentRow(0)
    finally:
        printing_module.QMessageBox.question = original
    assert asked == ["保存对“纸箱回收通知”的修改吗？"]
    assert page.list.currentItem().text() == "纸箱回收通知" and page.dirty


def test_a_batch_is_made_in_the_background_and_previewed(
    qtbot, window, demo_ctx, tmp_path, monkeypatch
):
    page = open_printing(qtbot, window)
    with demo_ctx.db.reading() as session:
        in_building = session.scalar(
            select(func.count())
            .select_from(Household)
            .join(Building, Household.building_id == Building.id)
            .where(Building.number == "1")
        )
    with qtbot.wait_signal(page.target_loaded, timeout=10_000):
        page.scope.kind.setCurrentIndex(2)  # 按楼栋: the first building
    assert page.scope.count_label.text() == f"共 {in_building:,} 户，每户一份"
    page.paper_options.per_sheet.setCurrentIndex(1)
    with qtbot.wait_signal(page.generated, timeout=30_000) as made:
        page.generate_button.click()
    result = made.args[0]
    assert result.notices == in_building and result.pages == -(-in_building // 2)
    dialog = page.preview_dialog
    assert isinstance(dialog, PdfPreviewDialog)
    qtbot.wait_until(lambda: dialog.document.pageCount() == result.pages, timeout=10_000)
    assert f"已生成 {in_building:,} 份“居家健康监测告知书”" in page.status.text()
    # printed as the system dialog would: every sheet goes to the printer, on the PDF's paper
    # (drawn at 75 dpi: the test's printer is a PDF, which took 8 s to compress 49 sheets of
    # 300 dpi), and a sheet at the printer's resolution too
    assert dialog.page_size().id() == QPageSize.PageSizeId.A4
    with monkeypatch.context() as patched:
        patched.setattr(print_preview, "PRINT_DPI", 75)
        assert dialog.render_to(a_printer(tmp_path / "printed.pdf", dialog)) == result.pages
    one = a_printer(tmp_path / "one.pdf", dialog)
    one.setFromTo(1, 1)
    assert dialog.render_to(one) == 1
    folder = result.path.parent
    dialog.reject()
    qtbot.wait_until(lambda: not folder.exists(), timeout=5000)  # the temporary copy goes


def a_printer(path, dialog: PdfPreviewDialog) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(dialog.page_size())
    return printer


def test_a_cancelled_batch_leaves_nothing(qtbot, window, demo_ctx, monkeypatch):
    page = open_printing(qtbot, window)

    from app.ui import operations

    original = operations.DbOperation.run_in_background

    def run_and_cancel(self):
        original(self)
        self._request_cancel()

    monkeypatch.setattr(operations.DbOperation, "run_in_background", run_and_cancel)
    page.generate()
    qtbot.wait_until(lambda: "已取消" in page.status.text(), timeout=30_000)
    assert page.preview_dialog is None


def test_an_unknown_household_is_said_plainly(qtbot, window):
    page = open_printing(qtbot, window)
    page.scope.kind.setCurrentIndex(4)
    with qtbot.wait_signal(page.target_loaded, timeout=10_000):
        page.scope.households_edit.setText("9-9-999")
        page.scope.households_edit.editingFinished.emit()
    assert "找不到这些住户：9-9-999" in page.scope.count_label.text()
    assert not page.generate_button.isEnabled()


# --- 报表 ---------------------------------------------------------------------------------------


def open_reports(qtbot, window) -> ReportsPage:
    page = window.open_area("reports")
    assert isinstance(page, ReportsPage)
    qtbot.wait_until(lambda: page.report is not None, timeout=10_000)
    return page


def test_the_daily_report_on_screen_as_pdf_and_as_xlsx(
    qtbot, window, demo_ctx, tmp_path, monkeypatch
):
    page = open_reports(qtbot, window)
    text = page.summary.toPlainText()
    assert "幸福里社区工作日报" in text and "在册住户" in text
    assert "尚无物资记录" in text  # the supplies section, with nothing received yet
    assert date.today().isoformat() in page.stamp.text()

    with qtbot.wait_signal(page.report_shown, timeout=10_000):
        page.set_day(date.today() - timedelta(days=1))
    assert page.report.day == date.today() - timedelta(days=1)

    page.make_pdf()
    qtbot.wait_until(lambda: isinstance(page.preview_dialog, PdfPreviewDialog), timeout=30_000)
    dialog = page.preview_dialog
    assert dialog.document.pageCount() >= 2
    saved = dialog.save_to(tmp_path / "日报.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    dialog.reject()

    target = tmp_path / "日报"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel 工作簿 (*.xlsx)")
    )
    with qtbot.wait_signal(page.xlsx_saved, timeout=30_000) as done:
        page.xlsx_button.click()
    assert done.args[0] == target.with_suffix(".xlsx")
    assert target.with_suffix(".xlsx").read_bytes()[:2] == b"PK"
    assert "已导出到" in page.status.text()


def test_progress_dialogs_are_gone_after_a_batch(qtbot, window):
    page = open_printing(qtbot, window)
    with qtbot.wait_signal(page.generated, timeout=60_000):
        page.generate()
    qtbot.wait_until(
        lambda: not [d for d in page.findChildren(QProgressDialog) if d.isVisible()], timeout=5000
    )
    page.preview_dialog.reject()


def test_notices_on_a5_go_to_the_printer_on_a5(qtbot, demo_ctx, tmp_path):
    from app.core.printing import notice_pdf, notices

    out = tmp_path / "a5.pdf"
    with demo_ctx.db.reading() as session:
        notices.print_notices(
            session,
            "testing",
            Target("building", "1"),
            notice_pdf.NoticeLayout(paper="A5"),
            notices.NoticeValues(),
            out,
        )
    dialog = PdfPreviewDialog(out, "a5", "a5.pdf", tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.page_size().id() == QPageSize.PageSizeId.A5


def test_the_price_notice_preview_lists_the_group_purchase_bundles(qtbot, demo_ctx):
    from app.core.supplies import group_buy

    with demo_ctx.db.session() as session:
        group_buy.open_round(session, "第1批")
        group_buy.add_package(session, "A 蔬菜套餐", "36.00", "中百仓储", "白菜 2kg; 土豆 1.5kg")
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    page = open_printing(qtbot, win)
    choose_template(qtbot, page, "price")
    text = preview_text(page)
    assert "A蔬菜套餐" in text and "36.00" in text  # as it will print, not a blank to fill
    with qtbot.wait_signal(page.preview_updated, timeout=10_000):
        type_chinese(page.values_form.content_edit, "本周暂停团购")
    assert "本周暂停团购" in preview_text(page)
    assert "A蔬菜套餐" not in preview_text(page)  # typed 内容 wins, as when printing
