"""住户 → 导入名册: the import wizard. File → columns (correctable) → every problem, nothing written
yet → import in the background (`app.core.registry.roster_import`); the rows that will not be
imported can be saved with the reason, to be corrected and imported again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.common.changes import Change
from app.core.registry.roster_import import analyse, apply
from app.core.registry.roster_plan import Plan
from app.core.registry.roster_reading import FIELDS, Layout, find_layout
from app.core.registry.roster_rejected import RejectedFile, write_rejected
from app.core.spreadsheet import Table, cell_text, digits_lost, read_table
from app.errors import Cancelled, GridDeskError, PlanOutdated
from app.ui.context import AppContext
from app.ui.files import open_file, save_file
from app.ui.labels import field_label
from app.ui.operations import delete_later


class ImportWizard(QWizard):
    """File → columns (correctable) → every problem, nothing written yet → import in background."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: Table | None = None
        self.layout_: Layout | None = None
        self.plan: Plan | None = None
        self.setWindowTitle(self.tr("导入居民花名册"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(920, 600)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("导入"))
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.preview_page = _PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)

    def accept(self) -> None:
        plan = self.plan
        if plan is None:
            return
        db = self.ctx.db

        def work(progress: Any) -> Any:
            return apply(db, plan, progress)

        def done(result: Any) -> None:
            self.imported.emit(result)
            QMessageBox.information(
                self,
                self.tr("导入完成"),
                self.tr("新增居民 {0} 人，更新 {1} 人，新增住户 {2} 户。").format(
                    f"{result.residents_added:,}",
                    f"{result.residents_updated:,}",
                    f"{result.households_added:,}",
                ),
            )
            QWizard.accept(self)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PlanOutdated):
                # another writer came first: say so and show the preview worked out again
                QMessageBox.information(self, self.tr("导入"), exc.message(self.ctx.lang))
                self.preview_page.initializePage()
            elif isinstance(exc, GridDeskError):
                QMessageBox.warning(self, self.tr("导入"), exc.message(self.ctx.lang))
            elif not isinstance(exc, Cancelled):
                from app.ui.crash import report_bug

                report_bug(exc, self)

        op = self.ctx.run(
            self, work, title=self.tr("正在导入"), on_success=done, changes=Change.REGISTRY
        )
        op.failure(failed)


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("第 1 步：选择文件"))
        self.setSubTitle(self.tr("Excel（.xlsx/.xls）、WPS 表格或 CSV 文件均可。"))
        grid = QGridLayout(self)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("花名册文件"))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        self.sheet = QComboBox()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        grid.addWidget(QLabel(self.tr("文件：")), 0, 0)
        grid.addWidget(self.path, 0, 1)
        grid.addWidget(browse, 0, 2)
        grid.addWidget(QLabel(self.tr("工作表：")), 1, 0)
        grid.addWidget(self.sheet, 1, 1)
        grid.addWidget(self.message, 2, 1, 1, 2)
        grid.setRowStretch(3, 1)
        self.path.textChanged.connect(self.completeChanged)
        self._reading = False
        self._read_for: tuple[str, str | None] | None = None  # the file and sheet read

    def browse(self) -> None:
        path = open_file(
            self,
            self.w.ctx.settings,
            self.tr("选择花名册"),
            self.tr("表格文件 (*.xlsx *.xlsm *.xls *.csv)"),
        )
        if path is not None:
            self.path.setText(str(path))

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """下一步 reads the file on the database worker (a 180,000-row roster takes seconds, and
        the window must not freeze meanwhile), then moves on by itself once it is read."""
        wanted = (self.path.text().strip(), self.sheet.currentText() or None)
        if self.w.table is not None and self._read_for == wanted:
            return True
        if self._reading:
            return False
        self._reading = True
        self.message.setObjectName("muted")
        self.message.setText(self.tr("正在读取文件…"))
        path, sheet = Path(wanted[0]), wanted[1]

        def work(_progress: Any) -> tuple[Table, Layout]:
            table = read_table(path, sheet)
            return table, find_layout(table)

        def done(result: tuple[Table, Layout]) -> None:
            self._reading = False
            table, layout = result
            self.message.setText("")
            self.sheet.blockSignals(True)
            self.sheet.clear()
            self.sheet.addItems(table.sheets)
            self.sheet.setCurrentText(table.sheet)
            self.sheet.blockSignals(False)
            self.w.table, self.w.layout_ = table, layout
            self._read_for = (wanted[0], table.sheet)  # the sheet the list now shows
            self.w.next()

        def failed(exc: BaseException) -> None:
            self._reading = False
            if isinstance(exc, GridDeskError):
                self.message.setObjectName("error")
                self.message.setText(exc.message(self.w.ctx.lang))
                self.message.style().polish(self.message)
            elif not isinstance(exc, Cancelled):
                from app.ui.crash import report_bug

                report_bug(exc, self)

        op = self.w.ctx.run(self, work, title=self.tr("读取花名册"), on_success=done)
        op.failure(failed)
        return False


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("第 2 步：核对各列"))
        self.setSubTitle(self.tr("已按常见列名自动对应；如有不对，请在下拉框中改正。"))
        layout = QVBoxLayout(self)
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(16)
        layout.addLayout(self.form)
        self.sample = QTableWidget()
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().setVisible(False)
        layout.addWidget(QLabel(self.tr("文件前几行：")))
        layout.addWidget(self.sample, 1)
        self.combos: dict[str, QComboBox] = {}

    def initializePage(self) -> None:
        table, lay = self.w.table, self.w.layout_
        assert table is not None and lay is not None
        while self.form.count():
            item = self.form.takeAt(0)
            if item is not None and item.widget() is not None:
                delete_later(item.widget())
        self.combos.clear()
        for n, fld in enumerate(FIELDS):
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), -1)
            for i, h in enumerate(lay.headers):
                if h:
                    combo.addItem(h, i)
            combo.setCurrentIndex(max(combo.findData(lay.columns.get(fld, -1)), 0))
            self.combos[fld] = combo
            self.form.addWidget(
                QLabel(self.tr("{0}：").format(field_label(fld))), n // 3, (n % 3) * 2
            )
            self.form.addWidget(combo, n // 3, (n % 3) * 2 + 1)
        rows = table.rows[lay.header_row : lay.header_row + 8]
        width = max((len(r) for r in rows), default=0)
        self.sample.setColumnCount(width)
        self.sample.setRowCount(max(len(rows) - 1, 0))
        self.sample.setHorizontalHeaderLabels([cell_text(h) for h in (rows[0] if rows else [])])
        for r, row in enumerate(rows[1:]):
            for c, value in enumerate(row):
                self.sample.setItem(r, c, self._sample_item(value))

    def _sample_item(self, value: Any) -> QTableWidgetItem:
        """A cell as the user typed it (1, not 1.0; a long number as its digits), and a number
        too long for the spreadsheet to have kept whole said to be so."""
        if not digits_lost(value):
            return QTableWidgetItem(cell_text(value))
        item = QTableWidgetItem(self.tr("{0}（末几位已丢失）").format(cell_text(value)))
        item.setToolTip(
            self.tr(
                "这个数字超过 15 位：表格只保留前 15 位，其余已变成 0，无法还原。"
                "身份证号这样的长号码要在设为文本的列中填写。"
            )
        )
        return item

    def validatePage(self) -> bool:
        lay = self.w.layout_
        assert lay is not None
        columns = {
            f: int(c.currentData()) for f, c in self.combos.items() if int(c.currentData()) >= 0
        }
        if "name" not in columns:
            QMessageBox.warning(self, self.tr("核对各列"), self.tr("请指定“姓名”所在的列。"))
            return False
        self.w.layout_ = Layout(header_row=lay.header_row, headers=lay.headers, columns=columns)
        return True


class _PreviewPage(QWizardPage):
    """Every problem, nothing written yet; the rows that will not be imported can be saved (in the
    file's own columns with the reason) to be corrected and imported again, before or after the
    import: the list here is gone once the wizard closes."""

    rejected_saved = Signal(object)  # the RejectedFile written

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("第 3 步：检查结果（尚未写入）"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("正在检查…"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([self.tr("行号"), self.tr("问题"), self.tr("说明")])
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.problems, 1)
        self.only_problems = QCheckBox(self.tr("有问题的行不导入，其余照常导入"))
        self.only_problems.setChecked(True)
        self.only_problems.setEnabled(False)
        saving = QHBoxLayout()
        self.save_rejected_button = QPushButton(self.tr("保存未导入的行…"))
        self.save_rejected_button.setToolTip(
            self.tr("把有问题的行按原表的列另存为 Excel 文件，并注明原因；改正后可再导入。")
        )
        self.save_rejected_button.setEnabled(False)
        self.save_rejected_button.clicked.connect(lambda: self.save_rejected())
        self.saved_note = QLabel()
        self.saved_note.setWordWrap(True)
        saving.addWidget(self.only_problems)
        saving.addStretch(1)
        saving.addWidget(self.saved_note)
        saving.addWidget(self.save_rejected_button)
        layout.addLayout(saving)
        self._ready = False

    def initializePage(self) -> None:
        self._ready = False
        self.w.plan = None
        self.save_rejected_button.setEnabled(False)
        self.saved_note.setText("")
        table, lay, db = self.w.table, self.w.layout_, self.w.ctx.db
        assert table is not None and lay is not None
        self.summary.setText(self.tr("正在检查…"))

        def work(progress: Any) -> Plan:
            return analyse(db, table, lay, progress)

        self.w.ctx.run(self, work, title=self.tr("检查花名册"), on_success=self.show_plan)

    def show_plan(self, plan: Plan) -> None:
        self.w.plan = plan
        self._ready = True
        self.summary.setText(
            self.tr(
                "共读取 {0} 行：将新增居民 {1} 人、更新 {2} 人、新增住户 {3} 户；"
                "{4} 行有问题不会导入，另有 {5} 条提示。点“导入”后一次写入，全部成功或全部不写。"
            ).format(
                f"{plan.rows_read:,}",
                f"{plan.residents_added:,}",
                f"{plan.residents_updated:,}",
                f"{plan.households_added:,}",
                f"{len(plan.rejected):,}",
                f"{len(plan.warnings):,}",
            )
        )
        shown = (plan.rejected + plan.warnings)[:2000]
        refused = len(plan.rejected)  # the rejected come first (no search of them per row)
        self.problems.setRowCount(len(shown))
        for r, p in enumerate(shown):
            kind = self.tr("未导入") if r < refused else self.tr("提示")
            self.problems.setItem(r, 0, QTableWidgetItem(str(p.row)))
            self.problems.setItem(r, 1, QTableWidgetItem(f"{kind} · {p.code}"))
            why = p.message_en if self.w.ctx.lang == "en" else p.message
            self.problems.setItem(r, 2, QTableWidgetItem(why))
        self.problems.resizeColumnsToContents()
        self.save_rejected_button.setEnabled(bool(plan.rejected))
        self.completeChanged.emit()

    def save_rejected(self, target: str | None = None) -> None:
        """Ask where (in the folder last used: the roster's, when it was chosen with 浏览…) and
        write the rejected rows there, in the background; the path is said under the list and
        emitted with `rejected_saved`."""
        plan = self.w.plan
        if plan is None or not plan.rejected:
            return
        chosen = (
            Path(target)
            if target
            else save_file(
                self,
                self.w.ctx.settings,
                self.tr("保存未导入的行"),
                self.tr("{0}-未导入的行.xlsx").format(plan.path.stem),
                self.tr("Excel 文件 (*.xlsx)"),
            )
        )
        if chosen is None:
            return
        out = chosen
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        lang = self.w.ctx.lang

        def work(_progress: Any) -> RejectedFile:
            return write_rejected(plan, out, lang)

        def done(saved: RejectedFile) -> None:
            self.saved_note.setText(
                self.tr("已保存 {0} 行：{1}").format(f"{saved.rows:,}", str(saved.path))
            )
            self.rejected_saved.emit(saved)

        self.w.ctx.run(self, work, title=self.tr("保存未导入的行"), on_success=done)

    def isComplete(self) -> bool:
        return self._ready and self.w.plan is not None and self.w.plan.changes_anything
