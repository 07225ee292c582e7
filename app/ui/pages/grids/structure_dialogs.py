"""网格划分's dialogs: a grid added or renamed, buildings assigned by ranges, grids merged or split,
and a household's grid history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.grids import assignment, structure
from app.ui.context import AppContext
from app.ui.models.grid_models import HistoryModel
from app.ui.pages.grids.dialogs import OpDialog, data_table, grid_combo


class GridDialog(OpDialog):
    """新增网格, or 重命名 an existing one (its code and name)."""

    changes = Change.GRIDS

    def __init__(
        self, ctx: AppContext, grid: structure.GridRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(
            self.tr("修改网格 {0}").format(grid.code) if grid else self.tr("新增网格")
        )
        self.grid = grid
        self.code = QLineEdit(grid.code if grid else "")
        self.code.setPlaceholderText(self.tr("如 G04"))
        self.name = QLineEdit(grid.name if grid else "")
        self.name.setPlaceholderText(self.tr("如 第4网格"))
        self.notes = QLineEdit(grid.notes or "" if grid else "")
        self.form.addRow(self.tr("网格编号"), self.code)
        self.form.addRow(self.tr("网格名称"), self.name)
        self.form.addRow(self.tr("备注"), self.notes)
        self.finish_layout()
        self.fit_width(420)

    def work(self) -> Callable[[Any], Any]:
        db, code, name, notes = self.ctx.db, self.code.text(), self.name.text(), self.notes.text()
        old = self.grid.code if self.grid else None

        def run(_progress: Any) -> str:
            with db.session(note="grids page") as session:
                if old is None:
                    return structure.create_grid(session, code, name, notes).code
                return structure.rename_grid(
                    session, old, name=name, new_code=code, notes=notes
                ).code

        return run


class AssignDialog(OpDialog):
    """分配到网格: buildings by ranges (1-3,7), or the chosen households, into one grid."""

    changes = Change.GRIDS

    def __init__(
        self,
        ctx: AppContext,
        choices: Sequence[tuple[str, str]],
        *,
        buildings: str = "",
        households: Sequence[int] = (),
        household_label: str = "",
        grid: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("把住户分到网格") if households else self.tr("把楼栋分到网格"))
        self.households = list(households)
        self.target = grid_combo(choices)
        if grid:
            self.target.setCurrentIndex(max(self.target.findData(grid), 0))
        self.form.addRow(self.tr("划入网格"), self.target)
        self.ranges = QLineEdit(buildings)
        if self.households:
            label = QLabel(household_label)
            label.setWordWrap(True)
            self.form.addRow(self.tr("住户"), label)
        else:
            self.ranges.setPlaceholderText(self.tr("楼栋号和范围，如 1-3,7"))
            self.form.addRow(self.tr("楼栋"), self.ranges)
            hint = QLabel(self.tr("这些楼栋的全部住户都划入所选网格；范围不能重叠，楼栋号要存在。"))
            hint.setObjectName("muted")
            hint.setWordWrap(True)
            self.form.addRow("", hint)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("调整原因（记入历史，可不填）"))
        self.form.addRow(self.tr("说明"), self.note)
        self.finish_layout()
        self.fit_width(480)
        (self.ranges if not self.households else self.target).setFocus()

    def work(self) -> Callable[[Any], Any]:
        db = self.ctx.db
        grid = self.target.currentData()
        note = self.note.text().strip() or None
        households, ranges = self.households, self.ranges.text()

        def run(_progress: Any) -> assignment.AssignResult:
            with db.session(note="grids page") as session:
                if households:
                    return assignment.assign_households(session, grid, households, note=note)
                return assignment.assign_buildings(session, grid, ranges, note=note)

        return run


class MergeDialog(OpDialog):
    changes = Change.GRIDS

    def __init__(
        self,
        ctx: AppContext,
        choices: Sequence[tuple[str, str]],
        selected: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("合并网格"))
        self.target = grid_combo(choices)
        if selected:
            self.target.setCurrentIndex(max(self.target.findData(selected), 0))
        self.sources = QListWidget()
        for code, name in choices:
            item = QListWidgetItem(f"{code} {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.sources.addItem(item)
        self.sources.setMinimumHeight(160)
        self.form.addRow(self.tr("保留的网格"), self.target)
        self.form.addRow(self.tr("并入它的网格"), self.sources)
        hint = QLabel(
            self.tr(
                "所选网格的住户、楼栋、在岗人员和任务都转入保留的网格；所选网格随后停用（记录保留）。"
            )
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.finish_layout()
        self.fit_width(480)

    def checked(self) -> list[str]:
        return [
            str(self.sources.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.sources.count())
            if self.sources.item(i).checkState() == Qt.CheckState.Checked
        ]

    def work(self) -> Callable[[Any], Any]:
        db, target, sources = self.ctx.db, self.target.currentData(), self.checked()

        def run(_progress: Any) -> assignment.MergeResult:
            with db.session(note="grids page") as session:
                return assignment.merge_grids(session, sources, target)

        return run


class SplitDialog(OpDialog):
    changes = Change.GRIDS

    def __init__(
        self,
        ctx: AppContext,
        source: structure.GridRow,
        buildings: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("拆分网格 {0}").format(source.code))
        self.source = source.code
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("新网格编号，如 {0}B").format(source.code))
        self.name = QLineEdit()
        self.buildings = QLineEdit(buildings)
        self.buildings.setPlaceholderText(self.tr("划入新网格的楼栋，如 5-6"))
        self.households = QLineEdit()
        self.households.setPlaceholderText(self.tr("或单独的住户：3-2-502, 3-2-601"))
        self.form.addRow(self.tr("新网格编号"), self.code)
        self.form.addRow(self.tr("新网格名称"), self.name)
        self.form.addRow(self.tr("楼栋"), self.buildings)
        self.form.addRow(self.tr("住户"), self.households)
        self.finish_layout()
        self.fit_width(480)

    def work(self) -> Callable[[Any], Any]:
        db, source = self.ctx.db, self.source
        code, name = self.code.text(), self.name.text()
        buildings = self.buildings.text().strip() or None
        households = [h for h in self.households.text().replace("，", ",").split(",") if h.strip()]

        def run(_progress: Any) -> assignment.AssignResult:
            with db.session(note="grids page") as session:
                return assignment.split_grid(
                    session, source, code, name, buildings=buildings, households=households
                )

        return run


class HistoryDialog(QDialog):
    def __init__(
        self, address_code: str, rows: list[structure.HistoryRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("网格归属历史 — {0}").format(address_code))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        self.model = HistoryModel(self)
        self.model.set_rows(rows)
        table = data_table(self.model)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 320)
