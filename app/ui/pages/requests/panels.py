"""诉求 → 需求清单 and 统计: the open needs aggregated by category, grid and building (printed through
the print preview, exported for Excel/WPS), and the accountability figures — received, done on
time, median time to done, overdue now, satisfied at callback — per grid, person and category.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.trust.roles import Permission
from app.ui.context import AppContext, preview_folder
from app.ui.files import save_file
from app.ui.labels import building_label
from app.ui.models.requests import FiguresModel, category_label, on_time_text
from app.ui.models.rows import ALIGN_RIGHT, RowsModel


def _table(model: Any) -> QTableView:
    table = QTableView()
    table.setObjectName("dataTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(30)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class NeedsModel(RowsModel[Any]):
    """One line per category, grid and building: how many open requests, how many overdue."""

    COL_CATEGORY, COL_GRID, COL_BUILDING, COL_OPEN, COL_URGENT, COL_OVERDUE = range(6)

    def header_texts(self) -> list[str]:
        return [
            self.tr("类别"),
            self.tr("网格"),
            self.tr("楼栋"),
            self.tr("未办结"),
            self.tr("其中紧急"),
            self.tr("其中超期"),
        ]

    def text(self, row: Any, column: int) -> str:
        if column == self.COL_CATEGORY:
            return category_label(row.category)
        if column == self.COL_GRID:
            return row.grid or self.tr("未分网格")
        if column == self.COL_BUILDING:
            return building_label(row.building) if row.building else self.tr("未关联住户")
        if column == self.COL_OPEN:
            return f"{row.open:,}"
        if column == self.COL_URGENT:
            return f"{getattr(row, 'urgent', 0):,}"
        if column == self.COL_OVERDUE:
            return f"{row.overdue:,}"
        return ""

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if column >= self.COL_OPEN else None

    def emphasis(self, row: Any, column: int) -> bool:
        return column == self.COL_OVERDUE and row.overdue > 0


class NeedsPanel(QWidget):
    """需求清单."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview_dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        bar = QHBoxLayout()
        self.summary = QLabel()
        bar.addWidget(self.summary, 1)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self.print_needs)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(self.export_needs)
        for button in (self.print_button, self.export_button):
            button.setVisible(ctx.may(Permission.PRINT_PERSONAL))
            bar.addWidget(button)
        layout.addLayout(bar)
        self.model = NeedsModel(self)
        self.table = _table(self.model)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("没有未办结的诉求。"))
        self.empty.setObjectName("muted")
        self.empty.hide()
        layout.addWidget(self.empty)

    def refresh(self) -> None:
        from app.core.requests import needs

        db = self.ctx.db

        def work(_progress: Any) -> list[Any]:
            with db.reading() as session:
                return needs.needs_list(session)

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        total = sum(r.open for r in rows)
        overdue = sum(r.overdue for r in rows)
        self.summary.setText(
            self.tr("未办结诉求 {0} 件，其中超期 {1} 件").format(f"{total:,}", f"{overdue:,}")
        )
        self.empty.setVisible(not rows)
        self.loaded.emit()

    def print_needs(self) -> None:
        from app.core.requests import needs

        folder = preview_folder(self.ctx, "griddesk-needs-")
        name = self.tr("需求清单.pdf")
        target = folder / name
        db, title = self.ctx.db, self.tr("需求清单")

        def show(_result: Any) -> None:
            from app.ui.print_preview import PdfPreviewDialog

            dialog = PdfPreviewDialog(target, title, name, self.ctx.settings, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _code: shutil.rmtree(folder, ignore_errors=True))
            self.preview_dialog = dialog
            dialog.open()

        self.ctx.run(
            self,
            lambda _progress: needs.write_needs(db, target),
            title=self.tr("正在生成需求清单"),
            on_success=show,
        )

    def export_needs(self) -> None:
        from app.core.requests import needs

        chosen = save_file(
            self,
            self.ctx.settings,
            self.tr("导出需求清单"),
            self.tr("诉求需求清单.xlsx"),
            "Excel (*.xlsx)",
            suffix=".xlsx",
        )
        if chosen is None:
            return
        db, target = self.ctx.db, Path(chosen)
        self.ctx.run(
            self,
            lambda _progress: needs.write_needs(db, target),
            title=self.tr("导出需求清单"),
            on_success=lambda p: self.summary.setText(self.tr("已导出：{0}").format(p)),
        )


class FiguresPanel(QWidget):
    """统计: the accountability figures of every request so far, per grid, person or category."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("按：")))
        self.by = QComboBox()
        self.by.addItem(self.tr("网格"), "by_grid")
        self.by.addItem(self.tr("承办人"), "by_person")
        self.by.addItem(self.tr("类别"), "by_category")
        self.by.currentIndexChanged.connect(lambda _i: self._fill())
        bar.addWidget(self.by)
        bar.addSpacing(16)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)
        self.model = FiguresModel(self.tr("网格"), self)
        self.table = _table(self.model)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        from app.core.requests import figures

        db = self.ctx.db

        def work(_progress: Any) -> dict[str, Any]:
            with db.reading() as session:
                return figures.accountability(session)

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        self.summary.setText(summary_text(figures))
        self._fill()
        self.loaded.emit()

    def _fill(self) -> None:
        key = str(self.by.currentData())
        groups: dict[str, Any] = self.figures.get(key) or {}
        names = {
            "by_grid": self.tr("网格"),
            "by_person": self.tr("承办人"),
            "by_category": self.tr("类别"),
        }
        self.model.first = names[key]
        self.model.headers = self.model.header_texts()
        none = self.tr("（未派）")
        rows = [
            (category_label(k) if key == "by_category" else (none if k in ("", "-") else k), v)
            for k, v in groups.items()
        ]
        self.model.set_rows(rows)


def summary_text(f: dict[str, Any]) -> str:
    """受理 120 件，办结 100 件（按时 92%），当前超期 3 件，回访满意 80 件 — the one line of the
    figures, on this panel and on the 首页."""
    from PySide6.QtCore import QCoreApplication

    if not f:
        return ""
    return QCoreApplication.translate(
        "FiguresPanel", "受理 {0} 件，办结 {1} 件（按时 {2}），当前超期 {3} 件，回访满意 {4} 件"
    ).format(
        f"{int(f.get('received', 0)):,}",
        f"{int(f.get('done', 0)):,}",
        on_time_text(f),
        f"{int(f.get('overdue', 0)):,}",
        f"{int(f.get('satisfied', 0)):,}",
    )
