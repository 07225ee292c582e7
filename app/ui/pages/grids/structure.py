"""网格划分: grids, buildings (multi-select; assign by ranges like 1-3,7), merge, split, rename;
households of a building or those in no grid (always counted, never hidden), and a household's
grid history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.grids import assignment
from app.core.grids import structure as grids
from app.ui.labels import listing
from app.ui.models.grid_models import BuildingModel, GridModel, HouseholdModel
from app.ui.pages.grids.dialogs import data_table
from app.ui.pages.grids.structure_dialogs import (
    AssignDialog,
    GridDialog,
    HistoryDialog,
    MergeDialog,
    SplitDialog,
)
from app.ui.pages.grids.tab import Tab, heading, muted, toolbar

if TYPE_CHECKING:
    from app.ui.pages.grids.page import GridsPage


def compress(numbers: list[str]) -> str:
    """Building numbers as a range spec: 1,2,3,7,12A → 1-3,7,12A."""
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run.clear()

    for n in sorted(numbers, key=grids.natural_key):
        if n.isdigit() and run and int(n) == run[-1] + 1:
            run.append(int(n))
            continue
        flush()
        if n.isdigit():
            run.append(int(n))
        else:
            out.append(n)
    flush()
    return ",".join(out)


class StructureTab(Tab):
    FILTER_ALL, FILTER_GRID, FILTER_UNASSIGNED = range(3)

    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        self.buildings: list[grids.BuildingRow] = []
        self.unassigned = 0
        self.showing_unassigned = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)

        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner_button = QPushButton(self.tr("查看未分网格的住户"))
        self.banner_button.clicked.connect(self.show_unassigned)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_button)
        layout.addLayout(banner_row)

        # grids (left) and buildings (right)
        left = self._grids_pane()
        right = self._buildings_pane()
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(right)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setChildrenCollapsible(False)

        # households
        bottom = self._households_pane()

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        self._update_actions()

    def _grids_pane(self) -> QWidget:
        """The grids, with what can be done to them."""
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(heading(self.tr("网格")))
        bar = toolbar()
        self.add_action = self.action(bar, self.tr("新增"), self.add_grid, "Ctrl+N")
        self.rename_action = self.action(bar, self.tr("修改"), self.rename_grid, "Ctrl+E")
        self.merge_action = self.action(bar, self.tr("合并"), self.merge)
        self.split_action = self.action(bar, self.tr("拆分"), self.split)
        self.remove_action = self.action(bar, self.tr("删除"), self.remove_grid)
        # redrawing the grids is the office staff's (hidden actions take no shortcut either)
        for action in (
            self.add_action,
            self.rename_action,
            self.merge_action,
            self.split_action,
            self.remove_action,
        ):
            action.setVisible(self.ctx.plans_office_work)
        left_box.addWidget(bar)
        if not self.ctx.plans_office_work:
            bar.hide()  # (once it has its parent: a parentless widget shown is a window)
        self.grid_model = GridModel(self)
        self.grid_table = data_table(self.grid_model, stretch=GridModel.COL_NAME)
        self.grid_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid_table.selectionModel().selectionChanged.connect(self._grid_selected)
        left_box.addWidget(self.grid_table, 1)
        return left

    def _buildings_pane(self) -> QWidget:
        """The buildings, filtered: all, the selected grid's, or those with households in no grid."""
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(heading(self.tr("楼栋")))
        bar = toolbar()
        self.assign_action = self.action(
            bar, self.tr("分配到网格…"), self.assign_buildings, "Ctrl+G"
        )
        self.households_action = self.action(bar, self.tr("查看住户"), self.show_building)
        self.assign_action.setVisible(self.ctx.plans_office_work)
        bar.addSeparator()
        self.filter = QComboBox()
        self.filter.addItem(self.tr("全部楼栋"), self.FILTER_ALL)
        self.filter.addItem(self.tr("所选网格的楼栋"), self.FILTER_GRID)
        self.filter.addItem(self.tr("有未分网格住户的楼栋"), self.FILTER_UNASSIGNED)
        self.filter.currentIndexChanged.connect(self._fill_buildings)
        bar.addWidget(self.filter)
        right_box.addWidget(bar)
        self.building_model = BuildingModel(self)
        self.building_table = data_table(self.building_model, stretch=BuildingModel.COL_SPLIT)
        self.building_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.building_table.activated.connect(lambda _i: self.show_building())
        self.building_table.selectionModel().selectionChanged.connect(self._update_actions)
        right_box.addWidget(self.building_table, 1)
        self.building_count = muted()
        right_box.addWidget(self.building_count)
        return right

    def _households_pane(self) -> QWidget:
        """The households of a building, or those in no grid."""
        bottom = QWidget()
        bottom_box = QVBoxLayout(bottom)
        bottom_box.setContentsMargins(0, 8, 0, 0)
        head = QHBoxLayout()
        self.household_title = heading(self.tr("住户"))
        head.addWidget(self.household_title)
        bar = toolbar()
        self.move_action = self.action(bar, self.tr("分到网格…"), self.assign_households)
        self.history_action = self.action(bar, self.tr("归属历史"), self.history)
        self.move_action.setVisible(self.ctx.plans_office_work)
        head.addWidget(bar)
        head.addStretch(1)
        bottom_box.addLayout(head)
        self.household_model = HouseholdModel(self)
        self.household_table = data_table(
            self.household_model, stretch=HouseholdModel.COL_VULNERABLE
        )
        self.household_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.household_table.selectionModel().selectionChanged.connect(self._update_actions)
        bottom_box.addWidget(self.household_table, 1)
        self.household_note = muted(
            self.tr("选中一栋楼后点“查看住户”（或双击），这里列出它的住户。")
        )
        bottom_box.addWidget(self.household_note)
        return bottom

    # --- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        db = self.ctx.db

        def run(_progress: Any) -> tuple[list[grids.GridRow], list[grids.BuildingRow], int]:
            with db.reading() as session:
                unassigned, _rows = grids.unassigned_households(session, limit=0)
                return grids.list_grids(session), grids.buildings_overview(session), unassigned

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[list[grids.GridRow], list[grids.BuildingRow], int]) -> None:
        rows, buildings, unassigned = result
        selected = self.selected_grid()
        self.grid_model.set_rows(rows)
        self.page.set_grid_choices([(g.code, g.name) for g in rows])
        for i, g in enumerate(rows):
            if selected is not None and g.code == selected.code:
                self.grid_table.selectRow(i)
        self.buildings = buildings
        self.unassigned = unassigned
        if unassigned:
            self.banner.setText(
                self.tr("有 {0} 户尚未分到任何网格。请把它们所在的楼栋或住户分到网格。").format(
                    f"{unassigned:,}"
                )
            )
        else:
            self.banner.setText(self.tr("所有住户都已分到网格（未分网格的住户：0 户）。"))
        self.banner_button.setEnabled(unassigned > 0)
        self._fill_buildings()
        if self.showing_unassigned:
            self.show_unassigned()
        elif self.household_model.rows:
            self.show_building()
        self.page.loaded.emit("structure")

    def _fill_buildings(self) -> None:
        mode = self.filter.currentData()
        grid = self.selected_grid()
        rows = self.buildings
        if mode == self.FILTER_GRID and grid is not None:
            rows = [b for b in rows if grid.code in b.by_grid or b.grid_code == grid.code]
        elif mode == self.FILTER_UNASSIGNED:
            rows = [b for b in rows if b.unassigned]
        self.building_model.set_rows(rows)
        total = sum(b.households for b in rows)
        self.building_count.setText(self.tr("共 {0} 栋，{1} 户").format(len(rows), f"{total:,}"))
        self._update_actions()

    def _grid_selected(self) -> None:
        if self.filter.currentData() == self.FILTER_GRID:
            self._fill_buildings()
        self._update_actions()

    def _update_actions(self) -> None:
        has_grid = self.selected_grid() is not None
        for act in (self.rename_action, self.split_action, self.remove_action):
            act.setEnabled(has_grid)
        self.merge_action.setEnabled(self.grid_model.rowCount() > 1)
        self.assign_action.setEnabled(self.grid_model.rowCount() > 0)
        self.households_action.setEnabled(bool(self.selected_buildings()))
        picked = self.selected_households()
        self.move_action.setEnabled(bool(picked) and self.grid_model.rowCount() > 0)
        self.history_action.setEnabled(len(picked) == 1)

    # --- selection -------------------------------------------------------------------------------

    def selected_grid(self) -> grids.GridRow | None:
        rows = self.grid_table.selectionModel().selectedRows()
        return self.grid_model.row_at(rows[0]) if rows else None

    def selected_buildings(self) -> list[grids.BuildingRow]:
        rows = sorted(i.row() for i in self.building_table.selectionModel().selectedRows())
        return [self.building_model.rows[r] for r in rows if r < len(self.building_model.rows)]

    def selected_households(self) -> list[grids.HouseholdRow]:
        rows = sorted(i.row() for i in self.household_table.selectionModel().selectedRows())
        return [self.household_model.rows[r] for r in rows if r < len(self.household_model.rows)]

    def select_buildings(self, numbers: list[str]) -> None:
        """Select buildings by number (as a user's Ctrl+click would)."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        for i, b in enumerate(self.building_model.rows):
            if b.number in numbers:
                left = self.building_model.index(i, 0)
                right = self.building_model.index(i, self.building_model.columnCount() - 1)
                selection.select(left, right)
        self.building_table.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    # --- households ------------------------------------------------------------------------------

    def show_building(self) -> None:
        chosen = self.selected_buildings()
        if not chosen:
            return
        building = chosen[0]
        db = self.ctx.db
        self.showing_unassigned = False

        def run(_progress: Any) -> list[grids.HouseholdRow]:
            with db.reading() as session:
                return grids.building_households(session, building.id)

        def show(rows: list[grids.HouseholdRow]) -> None:
            self.household_model.set_rows(rows)
            self.household_title.setText(
                self.tr("{0}栋的住户（{1} 户）").format(building.number, len(rows))
            )
            self.household_note.setText(
                self.tr("可多选住户后点“分到网格…”单独调整；楼栋的其他住户不受影响。")
            )
            self._update_actions()
            self.page.loaded.emit("households")

        self.ctx.run(self, run, on_success=show, show_progress=False)

    def show_unassigned(self) -> None:
        db = self.ctx.db
        self.showing_unassigned = True

        def run(_progress: Any) -> tuple[int, list[grids.HouseholdRow]]:
            with db.reading() as session:
                return grids.unassigned_households(session, limit=2000)

        def show(result: tuple[int, list[grids.HouseholdRow]]) -> None:
            total, rows = result
            self.household_model.set_rows(rows)
            self.household_title.setText(self.tr("未分网格的住户（{0} 户）").format(f"{total:,}"))
            more = (
                self.tr("（列出前 {0} 户；按楼栋分配可一次处理全部）").format(len(rows))
                if total > len(rows)
                else ""
            )
            self.household_note.setText(
                (
                    self.tr("全选（Ctrl+A）后点“分到网格…”。")
                    if rows
                    else self.tr("没有未分网格的住户。")
                )
                + more
            )
            self._update_actions()
            self.page.loaded.emit("households")

        self.ctx.run(self, run, on_success=show, show_progress=False)

    # --- actions ---------------------------------------------------------------------------------

    def _opened(self, dialog: Any, after: Callable[[Any], None] | None = None) -> Any:
        if after is not None:
            dialog.done.connect(after)
        self.page.dialog = dialog
        dialog.open()
        return dialog

    def add_grid(self) -> GridDialog:
        return self._opened(GridDialog(self.ctx, None, self))

    def rename_grid(self) -> GridDialog | None:
        grid = self.selected_grid()
        if grid is None:
            return None
        return self._opened(GridDialog(self.ctx, grid, self))

    def merge(self) -> MergeDialog:
        grid = self.selected_grid()
        return self._opened(
            MergeDialog(self.ctx, self.page.grid_choices, grid.code if grid else None, self),
            lambda r: self.page.status(
                self.tr("已将 {0} 并入 {1}（{2} 户）").format(
                    listing(r.merged), r.target, f"{r.households_moved:,}"
                )
            ),
        )

    def split(self) -> SplitDialog | None:
        grid = self.selected_grid()
        if grid is None:
            return None
        spec = compress([b.number for b in self.selected_buildings()])
        return self._opened(
            SplitDialog(self.ctx, grid, spec, self),
            lambda r: self.page.status(
                self.tr("已拆出新网格 {0}（{1} 户）").format(r.grid, f"{r.households_moved:,}")
            ),
        )

    def remove_grid(self) -> None:
        grid = self.selected_grid()
        if grid is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除网格"),
            self.tr("删除网格 {0}“{1}”？只有没有住户、没有在岗人员的网格才能删除。").format(
                grid.code, grid.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, code = self.ctx.db, grid.code

        def run(_progress: Any) -> None:
            with db.session(note="grids page") as session:
                grids.remove_grid(session, code, "removed in the window")

        self.write(run, self.tr("删除网格"), Change.GRIDS)

    def assign_buildings(self) -> AssignDialog:
        spec = compress([b.number for b in self.selected_buildings()])
        grid = self.selected_grid()
        return self._opened(
            AssignDialog(
                self.ctx,
                self.page.grid_choices,
                buildings=spec,
                grid=grid.code if grid else None,
                parent=self,
            ),
            self._assigned,
        )

    def assign_households(self) -> AssignDialog | None:
        picked = self.selected_households()
        if not picked:
            return None
        label = listing(h.address_code for h in picked[:8]) + (
            self.tr(" 等 {0} 户").format(len(picked)) if len(picked) > 8 else ""
        )
        return self._opened(
            AssignDialog(
                self.ctx,
                self.page.grid_choices,
                households=[h.id for h in picked],
                household_label=label,
                parent=self,
            ),
            self._assigned,
        )

    def _assigned(self, result: assignment.AssignResult) -> None:
        text = self.tr("已将 {0} 户划入网格 {1}").format(
            f"{result.households_moved:,}", result.grid
        )
        if result.households_already:
            text += self.tr("（{0} 户原已在此网格）").format(f"{result.households_already:,}")
        if result.gaps:
            text += self.tr("；范围中没有这些楼号：{0}").format(listing(result.gaps))
        self.page.status(text)

    def history(self) -> None:
        picked = self.selected_households()
        if len(picked) != 1:
            return
        db, hid = self.ctx.db, picked[0].id

        def run(_progress: Any) -> tuple[str, list[grids.HistoryRow]]:
            with db.reading() as session:
                return grids.household_history(session, hid)

        def show(result: tuple[str, list[grids.HistoryRow]]) -> None:
            dialog = HistoryDialog(result[0], result[1], self)
            self.page.dialog = dialog
            dialog.open()

        self.ctx.run(self, run, on_success=show, show_progress=False)
