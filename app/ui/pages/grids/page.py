"""网格: the grid structure, the roster of people on duty, duties and check-in, attendance, the
coverage dashboard and a grid worker's view — one tab each.

* 网格划分: grids, buildings (multi-select; assign by ranges like 1-3,7), merge, split, rename;
  households of a building or those in no grid (always counted, never hidden), and a
  household's grid history.
* 人员名册: staff, grid workers and leaders, building and unit leaders chosen from residents,
  party members with zones, volunteers, sent-down cadres, social workers, partners; add, edit,
  import from Excel, print check-in cards.
* 排班签到: the scan field keeps the focus (a USB scanner types the code and Enter); a day's shifts
  with who is there, late or missing; duties, shifts and who is on them; the week's roster printed.
* 出勤统计: shifts served, missed and hours per person — per posting for sent-down cadres, who are
  flagged when they have not come at all.
* 覆盖情况: residents per person on duty per grid, as a chart and a table, against a limit that
  can be set; contact sheets printed.
* 网格员视图: one grid's vulnerable people, duties and households, printable as the list a grid
  worker takes door to door.

Also `CoverageSection`, the "网格覆盖" part of the 首页.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.grids import duty
from app.core.grids import structure as grids
from app.db.models import Household
from app.db.models_grids import PERSON_ROLES
from app.errors import GridDeskError, InvalidInput
from app.ui.context import AppContext, preview_folder
from app.ui.files import open_file
from app.ui.home_section import HomeSection
from app.ui.labels import listing, role_label, with_note
from app.ui.models.grid_models import (
    AttendanceModel,
    BuildingModel,
    CoverageModel,
    GridModel,
    HouseholdModel,
    PersonModel,
    ShiftModel,
    ShiftPeopleModel,
)
from app.ui.pages.coverage_chart import CoverageChart
from app.ui.pages.grids.dialogs import (
    AssignDialog,
    AssignPeopleDialog,
    DutyDialog,
    GridDialog,
    HistoryDialog,
    ImportPreviewDialog,
    MergeDialog,
    PersonDialog,
    ShiftsDialog,
    SplitDialog,
    data_table,
    date_edit,
    from_qdate,
    to_qdate,
)
from app.ui.qtfix import emit
from app.ui.toolbar import PageToolBar

GridChoices = list[tuple[str, str]]


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


def toolbar() -> QToolBar:
    return PageToolBar()


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


class Tab(QWidget):
    """A tab that loads when it is first shown and again when it is shown after a change."""

    def __init__(self, page: GridsPage) -> None:
        super().__init__()
        self.page = page
        self.ctx = page.ctx
        self.stale = True

    def reload(self) -> None:
        raise NotImplementedError

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()

    def action(
        self, bar: QToolBar, text: str, slot: Callable[[], Any], shortcut: Any = None
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        act.triggered.connect(slot)  # the slots take no arguments: `checked` is not passed
        bar.addAction(act)
        return act

    def write(
        self, fn: Callable[[Any], Any], title: str, then: Callable[[Any], None] | None = None
    ) -> None:
        """Run a write on the worker; on success broadcast the change (every tab refreshes)."""

        def done(result: Any) -> None:
            if then is not None:
                then(result)
            emit(self.ctx.changed, {"grids"})

        self.ctx.run(self, fn, title=title, on_success=done, show_progress=False)

    def preview(self, make: Callable[[Path], Any], title: str, file_name: str) -> None:
        """Make a PDF on the worker and show it in the print preview."""
        folder = preview_folder(self.ctx, "griddesk-grids-")
        target = folder / file_name

        def run(_progress: Any) -> Path:
            make(target)
            return target

        def show(path: Path) -> None:
            from app.ui.print_preview import PdfPreviewDialog

            dialog = PdfPreviewDialog(path, title, file_name, self.ctx.settings, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _code: _remove_tree(folder))
            self.page.preview_dialog = dialog
            dialog.open()

        self.ctx.run(self, run, title=title, on_success=show)


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


# --- 网格划分 --------------------------------------------------------------------------------------


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
        left_box.addWidget(bar)
        self.grid_model = GridModel(self)
        self.grid_table = data_table(self.grid_model, stretch=GridModel.COL_NAME)
        self.grid_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid_table.selectionModel().selectionChanged.connect(self._grid_selected)
        left_box.addWidget(self.grid_table, 1)

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(heading(self.tr("楼栋")))
        bar = toolbar()
        self.assign_action = self.action(
            bar, self.tr("分配到网格…"), self.assign_buildings, "Ctrl+G"
        )
        self.households_action = self.action(bar, self.tr("查看住户"), self.show_building)
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

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(right)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setChildrenCollapsible(False)

        # households
        bottom = QWidget()
        bottom_box = QVBoxLayout(bottom)
        bottom_box.setContentsMargins(0, 8, 0, 0)
        head = QHBoxLayout()
        self.household_title = heading(self.tr("住户"))
        head.addWidget(self.household_title)
        bar = toolbar()
        self.move_action = self.action(bar, self.tr("分到网格…"), self.assign_households)
        self.history_action = self.action(bar, self.tr("归属历史"), self.history)
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

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        self._update_actions()

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
        emit(self.page.loaded, "structure")

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
            emit(self.page.loaded, "households")

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
            emit(self.page.loaded, "households")

        self.ctx.run(self, run, on_success=show, show_progress=False)

    # --- actions ---------------------------------------------------------------------------------

    def _opened(self, dialog: Any, after: Callable[[Any], None] | None = None) -> Any:
        def done(result: Any) -> None:
            if after is not None:
                after(result)
            emit(self.ctx.changed, {"grids"})

        dialog.done.connect(done)
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

        self.write(run, self.tr("删除网格"))

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

    def _assigned(self, result: grids.AssignResult) -> None:
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


# --- 人员名册 --------------------------------------------------------------------------------------


class RosterTab(Tab):
    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        bar = toolbar()
        self.add_action = self.action(bar, self.tr("新增"), self.add, "Ctrl+N")
        self.edit_action = self.action(bar, self.tr("编辑"), self.edit, "Ctrl+E")
        self.remove_action = self.action(bar, self.tr("移出名册"), self.remove)
        bar.addSeparator()
        self.import_action = self.action(bar, self.tr("导入"), self.choose_import, "Ctrl+I")
        self.cards_action = self.action(bar, self.tr("打印工作证"), self.print_cards)
        layout.addWidget(bar)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("姓名、编号、电话、单位或技能"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload)
        self.role = QComboBox()
        self.role.addItem(self.tr("全部类别"), None)
        for role in PERSON_ROLES:
            self.role.addItem(role_label(role), role)
        self.grid = QComboBox()
        self.grid.addItem(self.tr("全部网格"), None)
        self.grid.addItem(self.tr("不属于网格"), "")
        self.active = QCheckBox(self.tr("只看今天在岗的"))
        search_button = QPushButton(self.tr("查询"))
        search_button.clicked.connect(self.reload)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.role)
        filters.addWidget(self.grid)
        filters.addWidget(self.active)
        filters.addWidget(search_button)
        for combo in (self.role, self.grid):
            combo.currentIndexChanged.connect(self.reload)
        self.active.toggled.connect(lambda _on: self.reload())
        layout.addLayout(filters)

        self.model = PersonModel(self)
        self.table = data_table(self.model, stretch=PersonModel.COL_SKILLS)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.activated.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        layout.addWidget(self.table, 1)
        self.empty = muted("")
        layout.addWidget(self.empty)
        self.count = muted("")
        layout.addWidget(self.count)
        self._update_actions()

    def set_grid_choices(self, choices: GridChoices) -> None:
        current = self.grid.currentData()
        self.grid.blockSignals(True)
        while self.grid.count() > 2:
            self.grid.removeItem(2)
        for code, name in choices:
            self.grid.addItem(f"{code} {name}", code)
        index = self.grid.findData(current)
        self.grid.setCurrentIndex(index if index >= 0 else 0)
        self.grid.blockSignals(False)

    def query(self) -> duty.PeopleQuery:
        return duty.PeopleQuery(
            text=self.search.text().strip(),
            role=self.role.currentData(),
            grid=self.grid.currentData(),
            active_only=self.active.isChecked(),
        )

    def reload(self) -> None:
        db, query = self.ctx.db, self.query()

        def run(_progress: Any) -> tuple[list[duty.PersonRow], int, GridChoices]:
            with db.reading() as session:
                total = len(duty.list_people(session)) if query != duty.PeopleQuery() else -1
                rows = duty.list_people(session, query)
                choices = [(g.code, g.name) for g in grids.list_grids(session)]
                return rows, total if total >= 0 else len(rows), choices

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[list[duty.PersonRow], int, GridChoices]) -> None:
        rows, total, choices = result
        self.page.set_grid_choices(choices)
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            for i, p in enumerate(rows):
                if p.id == selected.id:
                    self.table.selectRow(i)
        if total == 0:
            self.empty.setText(
                self.tr(
                    "名册还是空的。点击“新增”（Ctrl+N）登记第一位在岗人员，或“导入”Excel 名册。"
                )
            )
        elif not rows:
            self.empty.setText(self.tr("没有符合条件的人员。"))
        else:
            self.empty.setText("")
        roles: dict[str, int] = {}
        for p in rows:
            roles[p.role] = roles.get(p.role, 0) + 1
        parts = listing(f"{role_label(r)} {n}" for r, n in roles.items())
        self.count.setText(
            self.tr("共 {0} 人（全部 {1} 人）").format(len(rows), total)
            + (self.tr("：{0}").format(parts) if parts else "")
        )
        self._update_actions()
        emit(self.page.loaded, "roster")

    def selected(self) -> duty.PersonRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _update_actions(self) -> None:
        has = self.selected() is not None
        self.edit_action.setEnabled(has)
        self.remove_action.setEnabled(has)

    def _open(self, dialog: PersonDialog) -> PersonDialog:
        def done(code: str) -> None:
            self.page.status(self.tr("已保存，签到编号 {0}").format(code))
            emit(self.ctx.changed, {"grids"})

        dialog.done.connect(done)
        self.page.dialog = dialog
        dialog.open()
        return dialog

    def add(self) -> PersonDialog:
        return self._open(PersonDialog(self.ctx, self.page.grid_choices, None, self))

    def edit(self) -> PersonDialog | None:
        person = self.selected()
        if person is None:
            return None
        return self._open(PersonDialog(self.ctx, self.page.grid_choices, person, self))

    def remove(self) -> None:
        person = self.selected()
        if person is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("移出名册"),
            self.tr("把{0} {1}（{2}）移出名册？已有的出勤记录保留，以后的排班撤下。").format(
                role_label(person.role), person.name, person.code
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, person_id = self.ctx.db, person.id

        def run(_progress: Any) -> None:
            with db.session(note="grids page") as session:
                duty.remove_person(session, person_id, "removed in the window")

        self.write(run, self.tr("移出名册"))

    def choose_import(self) -> None:
        path = open_file(
            self,
            self.ctx.settings,
            self.tr("导入人员名册"),
            self.tr("表格文件 (*.xlsx *.xls *.xlsm *.ods *.csv)"),
        )
        if path is not None:
            self.import_file(str(path))

    def import_file(self, path: str, role: str | None = None) -> None:
        db, file = self.ctx.db, Path(path)

        def run(progress: Any) -> Any:
            from app.core.grids.duty_import import analyse_roster

            return analyse_roster(db, file, default_role=role, progress=progress)

        op = self.ctx.run(self, run, title=self.tr("检查人员名册"), on_success=self._preview_import)
        op.failure(lambda exc: self._import_failed(exc, str(file)))

    def _import_failed(self, exc: BaseException, path: str) -> None:
        if isinstance(exc, InvalidInput) and "角色" in exc.zh:
            names = [role_label(r) for r in PERSON_ROLES]
            picked, ok = QInputDialog.getItem(
                self,
                self.tr("名册中没有“类别”列"),
                self.tr("这份名册里的人都是："),
                names,
                names.index(role_label("volunteer")),
                False,
            )
            if ok:
                self.import_file(path, PERSON_ROLES[names.index(picked)])
            return
        if isinstance(exc, GridDeskError):
            QMessageBox.warning(self, self.tr("导入人员名册"), exc.message(self.ctx.lang))
            return
        from app.ui.crash import report_bug

        report_bug(exc, self)

    def _preview_import(self, plan: Any) -> ImportPreviewDialog:
        dialog = ImportPreviewDialog(plan, self, self.ctx.lang)
        self.page.dialog = dialog

        def accepted() -> None:
            db = self.ctx.db

            def run(progress: Any) -> Any:
                from app.core.grids.duty_import import apply_roster

                return apply_roster(db, plan, progress)

            self.ctx.run(
                self,
                run,
                title=self.tr("导入人员名册"),
                on_success=lambda r: (
                    self.page.status(
                        self.tr("已导入：新增 {0} 人，更新 {1} 人").format(r.added, r.updated)
                    ),
                    emit(self.ctx.changed, {"grids"}),
                ),
            )

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def print_cards(self) -> None:
        from app.core.grids.paper import print_duty_cards

        db = self.ctx.db
        person = self.selected()
        codes: list[str] | None = None
        if person is not None:
            box = QMessageBox(self)
            box.setWindowTitle(self.tr("打印工作证"))
            box.setText(self.tr("打印哪些人的签到工作证？"))
            one = box.addButton(
                self.tr("只打印 {0}（{1}）").format(person.name, person.code),
                QMessageBox.ButtonRole.AcceptRole,
            )
            everyone = box.addButton(self.tr("全部在岗人员"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() not in (one, everyone):
                return
            codes = [person.code] if box.clickedButton() is one else None
        self.preview(
            lambda target: print_duty_cards(db, target, codes=codes),
            self.tr("签到工作证"),
            self.tr("签到工作证.pdf"),
        )


# --- 排班签到 --------------------------------------------------------------------------------------


class ScanField(QLineEdit):
    """The scan field: a USB scanner types the code and Enter. It takes the focus back whenever
    the tab is shown or an operation of the tab finishes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanField")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.setFont(font)
        self.setMinimumHeight(44)


class DutyTab(Tab):
    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        self.shifts: list[duty.ShiftRow] = []
        self.duties: list[tuple[int, str, str, str | None, str | None]] = []
        self.people: list[duty.PersonRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)

        scan_box = QFrame()
        scan_box.setObjectName("card")
        scan_layout = QVBoxLayout(scan_box)
        scan_layout.setContentsMargins(16, 12, 16, 12)
        scan_layout.addWidget(heading(self.tr("签到 / 签退")))
        self.scan = ScanField()
        self.scan.setPlaceholderText(
            self.tr("扫描工作证条码，或输入编号后按回车（到岗签到，离岗再扫一次签退）")
        )
        self.scan.returnPressed.connect(self.scan_entered)
        scan_layout.addWidget(self.scan)
        self.scan_result = QLabel(self.tr("等待扫描…"))
        self.scan_result.setObjectName("scanResult")
        self.scan_result.setWordWrap(True)
        font = QFont(self.scan_result.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.scan_result.setFont(font)
        scan_layout.addWidget(self.scan_result)
        layout.addWidget(scan_box)

        day_row = QHBoxLayout()
        day_row.addWidget(heading(self.tr("班次")))
        prev_day = QPushButton(self.tr("◀ 前一天"))
        prev_day.clicked.connect(lambda: self.move_day(-1))
        self.day = date_edit()
        self.day.dateChanged.connect(lambda _d: self.reload())
        next_day = QPushButton(self.tr("后一天 ▶"))
        next_day.clicked.connect(lambda: self.move_day(1))
        today = QPushButton(self.tr("今天"))
        today.clicked.connect(lambda: self.day.setDate(to_qdate(date.today())))
        for w in (prev_day, self.day, next_day, today):
            day_row.addWidget(w)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        day_row.addWidget(self.summary, 1)
        layout.addLayout(day_row)

        bar = toolbar()
        self.add_duty_action = self.action(bar, self.tr("新增任务"), self.add_duty)
        self.edit_duty_action = self.action(bar, self.tr("编辑任务"), self.edit_duty)
        bar.addSeparator()
        self.shifts_action = self.action(bar, self.tr("排班…"), self.add_shifts)
        self.assign_action = self.action(bar, self.tr("安排人员…"), self.assign_people)
        self.unassign_action = self.action(bar, self.tr("撤下人员"), self.unassign)
        self.remove_shift_action = self.action(bar, self.tr("删除班次"), self.remove_shift)
        bar.addSeparator()
        self.print_action = self.action(bar, self.tr("打印本周值班表"), self.print_week, "Ctrl+P")
        layout.addWidget(bar)

        self.shift_model = ShiftModel(self)
        self.shift_table = data_table(self.shift_model, stretch=ShiftModel.COL_PEOPLE)
        self.shift_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.shift_table.selectionModel().selectionChanged.connect(self._shift_selected)
        self.people_model = ShiftPeopleModel(self)
        self.people_table = data_table(self.people_model)
        self.people_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people_table.selectionModel().selectionChanged.connect(self._update_actions)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.shift_table)
        split.addWidget(self.people_table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        self.empty = muted("")
        layout.addWidget(self.empty)
        # clicks elsewhere on the tab give the focus back to the scan field afterwards
        for table in (self.shift_table, self.people_table):
            table.installEventFilter(self)
        self._update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.shift_table, self.people_table):
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                text = event.text()
                allowed = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
                plain = not event.modifiers() & ~allowed  # scanners may type on the keypad
                if plain and text and text.isprintable() and not text.isspace():
                    # a scanner (or a person) typing a code while a table has the focus: the
                    # characters go to the scan field, which takes the focus back
                    self.scan.setFocus()
                    self.scan.insert(text)
                    return True
            elif event.type() == QEvent.Type.FocusOut:
                QTimer.singleShot(0, self._refocus_if_idle)
        return super().eventFilter(watched, event)

    def _refocus_if_idle(self) -> None:
        focus = QApplication.focusWidget()
        if (
            self.isVisible()
            and (focus is None or focus.window() is self.window())
            and not isinstance(focus, QLineEdit | QComboBox)
        ):
            self.scan.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan.setFocus()

    def move_day(self, days: int) -> None:
        self.day.setDate(self.day.date().addDays(days))

    def current_day(self) -> date:
        return from_qdate(self.day.date())

    def reload(self) -> None:
        db, day = self.ctx.db, self.current_day()

        def run(_progress: Any) -> tuple[list[duty.ShiftRow], list[Any], list[duty.PersonRow]]:
            with db.reading() as session:
                return (
                    duty.day_board(session, day),
                    duty.list_duties(session),
                    duty.list_people(session, duty.PeopleQuery(active_only=False)),
                )

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[list[duty.ShiftRow], list[Any], list[duty.PersonRow]]) -> None:
        shifts, duties, people = result
        selected = self.selected_shift()
        self.shifts, self.duties, self.people = shifts, duties, people
        self.shift_model.set_rows(shifts)
        for i, s in enumerate(shifts):
            if selected is not None and s.id == selected.id:
                self.shift_table.selectRow(i)
        self._shift_selected()
        missing = [(s, a) for s in shifts for a in s.people if a.status in ("late", "missed")]
        on_duty = sum(1 for s in shifts for a in s.people if a.status == "on_duty")
        text = self.tr("{0} 个班次，在岗 {1} 人").format(len(shifts), on_duty)
        if missing:
            names = listing(
                with_note(a.name, f"{s.duty} {s.starts_at:%H:%M}") for s, a in missing[:6]
            )
            more = self.tr(" 等") if len(missing) > 6 else ""
            text += self.tr("；未到 / 缺勤 {0} 人：{1}{2}").format(len(missing), names, more)
            self.summary.setObjectName("error")
        else:
            text += self.tr("；没有未到的人")
            self.summary.setObjectName("")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.summary.setText(text)
        if not duties:
            self.empty.setText(
                self.tr("还没有任务。点击“新增任务”登记卡点值守、上门走访等，再“排班…”。")
            )
        elif not shifts:
            self.empty.setText(self.tr("这一天没有班次。点击“排班…”安排。"))
        else:
            self.empty.setText("")
        self._update_actions()
        emit(self.page.loaded, "duty")

    def selected_shift(self) -> duty.ShiftRow | None:
        rows = self.shift_table.selectionModel().selectedRows()
        return self.shift_model.row_at(rows[0]) if rows else None

    def selected_assignment(self) -> duty.AssignmentRow | None:
        rows = self.people_table.selectionModel().selectedRows()
        return self.people_model.row_at(rows[0]) if rows else None

    def _shift_selected(self) -> None:
        shift = self.selected_shift()
        self.people_model.set_rows(shift.people if shift else [])
        self._update_actions()

    def _update_actions(self) -> None:
        shift = self.selected_shift()
        self.edit_duty_action.setEnabled(shift is not None)
        self.shifts_action.setEnabled(bool(self.duties))
        self.assign_action.setEnabled(shift is not None)
        self.remove_shift_action.setEnabled(shift is not None)
        a = self.selected_assignment()
        self.unassign_action.setEnabled(a is not None and a.checked_in_at is None)

    # --- scanning --------------------------------------------------------------------------------

    def scan_entered(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        self.scan.setFocus()
        if not code:
            return
        db = self.ctx.db

        def run(_progress: Any) -> duty.ScanResult:
            with db.session(note="check-in") as session:
                return duty.scan(session, code)

        op = self.ctx.run(self, run, on_success=self._scanned, show_progress=False)
        op.failure(self._scan_failed)

    def _scanned(self, result: duty.ScanResult) -> None:
        self.scan_result.setObjectName("scanResult")
        self._restyle()
        self.scan_result.setText(f"✔ {result.message(self.ctx.lang)}")
        self.scan.setFocus()
        emit(self.page.scanned, result)
        emit(self.ctx.changed, {"grids"})

    def _scan_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, GridDeskError):
            from app.ui.crash import report_bug

            report_bug(exc, self)
            return
        self.scan_result.setObjectName("error")
        self._restyle()
        self.scan_result.setText(self.tr("✘ 未签到：{0}").format(exc.message(self.ctx.lang)))
        QApplication.beep()
        self.scan.setFocus()
        emit(self.page.scanned, exc)

    def _restyle(self) -> None:
        self.scan_result.style().unpolish(self.scan_result)
        self.scan_result.style().polish(self.scan_result)

    # --- duties and shifts -----------------------------------------------------------------------

    def _open(self, dialog: Any) -> Any:
        dialog.done.connect(lambda _r: emit(self.ctx.changed, {"grids"}))
        dialog.finished.connect(lambda _code: self.scan.setFocus())
        self.page.dialog = dialog
        dialog.open()
        return dialog

    def add_duty(self) -> DutyDialog:
        return self._open(DutyDialog(self.ctx, self.page.grid_choices, None, self))

    def edit_duty(self) -> DutyDialog | None:
        shift = self.selected_shift()
        if shift is None:
            return None
        existing = next((d for d in self.duties if d[0] == shift.duty_id), None)
        return self._open(DutyDialog(self.ctx, self.page.grid_choices, existing, self))

    def add_shifts(self) -> ShiftsDialog:
        return self._open(ShiftsDialog(self.ctx, self.duties, self.current_day(), self))

    def assign_people(self) -> AssignPeopleDialog | None:
        shift = self.selected_shift()
        if shift is None:
            return None
        return self._open(AssignPeopleDialog(self.ctx, shift, self.people, self))

    def unassign(self) -> None:
        a = self.selected_assignment()
        if a is None:
            return
        db, assignment_id = self.ctx.db, a.id

        def run(_progress: Any) -> None:
            with db.session(note="grids page") as session:
                duty.unassign(session, assignment_id)

        self.write(run, self.tr("撤下人员"))

    def remove_shift(self) -> None:
        shift = self.selected_shift()
        if shift is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除班次"),
            self.tr("删除班次“{0}”？已排的人员一并撤下。").format(shift.label()),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, shift_id = self.ctx.db, shift.id

        def run(_progress: Any) -> None:
            with db.session(note="grids page") as session:
                duty.remove_shift(session, shift_id)

        self.write(run, self.tr("删除班次"))

    def print_week(self) -> None:
        from app.core.grids.paper import print_duty_roster

        db, day = self.ctx.db, self.current_day()
        monday = duty.week_start(day)
        self.preview(
            lambda target: print_duty_roster(db, day, target),
            self.tr("一周值班表"),
            self.tr("值班表-{0}.pdf").format(monday.isoformat()),
        )


# --- 出勤统计 --------------------------------------------------------------------------------------


class AttendanceTab(Tab):
    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        filters = QHBoxLayout()
        self.role = QComboBox()
        self.role.addItem(self.tr("全部人员"), None)
        for role in PERSON_ROLES:
            self.role.addItem(role_label(role), role)
        self.use_dates = QCheckBox(self.tr("统计期"))
        today = date.today()
        self.date_from = date_edit(today - timedelta(days=today.weekday()))
        self.date_to = date_edit(today)
        for w in (self.date_from, self.date_to):
            w.setEnabled(False)
            w.dateChanged.connect(lambda _d: self.reload())
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.use_dates.toggled.connect(lambda _on: self.reload())
        self.on_paper = QCheckBox(self.tr("只看下沉后未到岗的干部"))
        self.on_paper.toggled.connect(lambda _on: self._fill())
        self.role.currentIndexChanged.connect(self.reload)
        filters.addWidget(QLabel(self.tr("类别")))
        filters.addWidget(self.role)
        filters.addSpacing(12)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.date_to)
        filters.addSpacing(12)
        filters.addWidget(self.on_paper)
        filters.addStretch(1)
        layout.addLayout(filters)
        note = muted(
            self.tr("下沉干部按各自的下沉期统计。“到岗”指签到过的班次；“缺勤”指班次结束仍未签到。")
        )
        layout.addWidget(note)
        self.model = AttendanceModel(self)
        self.table = data_table(self.model)
        layout.addWidget(self.table, 1)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.rows: list[duty.AttendanceRow] = []

    def reload(self) -> None:
        db, role = self.ctx.db, self.role.currentData()
        dates = self.use_dates.isChecked()
        start = from_qdate(self.date_from.date()) if dates else None
        end = from_qdate(self.date_to.date()) if dates else None

        def run(_progress: Any) -> list[duty.AttendanceRow]:
            with db.reading() as session:
                return duty.attendance(session, start, end, role=role)

        self.ctx.run(self, run, on_success=self._loaded, show_progress=False)

    def _loaded(self, rows: list[duty.AttendanceRow]) -> None:
        self.rows = rows
        self._fill()
        emit(self.page.loaded, "attendance")

    def _fill(self) -> None:
        rows = [r for r in self.rows if r.on_paper] if self.on_paper.isChecked() else self.rows
        self.model.set_rows(rows)
        cadres = [r for r in self.rows if r.role == "cadre"]
        paper = [r for r in cadres if r.on_paper]
        served = sum(r.served for r in rows)
        missed = sum(r.missed for r in rows)
        hours = sum(r.hours for r in rows)
        text = self.tr("共 {0} 人：到岗 {1} 班次，缺勤 {2} 班次，合计 {3} 小时。").format(
            len(rows), served, missed, f"{hours:,.1f}"
        )
        if cadres:
            text += self.tr("下沉干部 {0} 人，其中 {1} 人下沉以来未到岗：{2}").format(
                len(cadres), len(paper), listing(r.name for r in paper) or self.tr("无")
            )
        self.summary.setText(text)


# --- 覆盖情况 --------------------------------------------------------------------------------------


class CoverageTab(Tab):
    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        self.coverage: grids.Coverage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("每名在岗人员服务居民超过")))
        self.limit = QSpinBox()
        self.limit.setRange(1, 1_000_000)
        self.limit.setSingleStep(50)
        self.limit.setSuffix(self.tr(" 人"))
        controls.addWidget(self.limit)
        controls.addWidget(QLabel(self.tr("即标为人手不足")))
        self.save_limit = QPushButton(self.tr("保存"))
        self.save_limit.clicked.connect(self.store_limit)
        controls.addWidget(self.save_limit)
        controls.addStretch(1)
        self.print_button = QPushButton(self.tr("打印各网格联系表"))
        self.print_button.clicked.connect(self.print_contacts)
        controls.addWidget(self.print_button)
        layout.addLayout(controls)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.chart = CoverageChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        self.model = CoverageModel(self)
        self.table = data_table(self.model, stretch=CoverageModel.COL_NAME)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(scroll)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

    def reload(self) -> None:
        db = self.ctx.db

        def run(_progress: Any) -> grids.Coverage:
            with db.reading() as session:
                return grids.coverage(session)

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(self, cov: grids.Coverage) -> None:
        self.coverage = cov
        self.limit.setValue(cov.max_residents_per_worker)
        self.chart.set_data(cov.grids, cov.max_residents_per_worker)
        self.model.set_rows(cov.grids)
        residents = sum(g.residents for g in cov.grids)
        workers = sum(g.workers for g in cov.grids)
        flagged = cov.flagged
        text = self.tr("{0} 个网格，居民 {1} 人，在岗人员 {2} 人；人手不足的网格 {3} 个").format(
            len(cov.grids), f"{residents:,}", workers, len(flagged)
        )
        if flagged:
            codes = listing(g.code for g in flagged[:12]) + ("…" if len(flagged) > 12 else "")
            text += self.tr("：{0}").format(codes)
        text += self.tr("。未分网格的住户 {0} 户（{1} 人）。").format(
            f"{cov.unassigned_households:,}", f"{cov.unassigned_residents:,}"
        )
        self.summary.setText(text)
        emit(self.page.loaded, "coverage")

    def store_limit(self) -> None:
        db, value = self.ctx.db, self.limit.value()

        def run(_progress: Any) -> None:
            with db.session(note="grids page") as session:
                grids.set_max_residents_per_worker(session, value)

        self.write(run, self.tr("保存上限"))

    def print_contacts(self) -> None:
        from app.core.grids.paper import print_contact_sheets

        db = self.ctx.db
        self.preview(
            lambda target: print_contact_sheets(db, target),
            self.tr("网格联系表"),
            self.tr("网格联系表.pdf"),
        )


# --- 网格员视图 ------------------------------------------------------------------------------------


class WorkerTab(Tab):
    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("网格")))
        self.grid = QComboBox()
        self.grid.setMinimumContentsLength(12)
        self.grid.currentIndexChanged.connect(lambda _i: self.reload())
        row.addWidget(self.grid)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        row.addWidget(self.summary, 1)
        self.print_list = QPushButton(self.tr("打印走访清单"))
        self.print_list.clicked.connect(self.print_worker_list)
        self.print_contacts = QPushButton(self.tr("打印本网格联系表"))
        self.print_contacts.clicked.connect(self.print_contact_sheet)
        row.addWidget(self.print_list)
        row.addWidget(self.print_contacts)
        layout.addLayout(row)

        self.vulnerable_model = HouseholdModel(self)
        self.vulnerable_table = data_table(
            self.vulnerable_model, stretch=HouseholdModel.COL_VULNERABLE
        )
        for col in (HouseholdModel.COL_CODE, HouseholdModel.COL_GRID):
            self.vulnerable_table.setColumnHidden(col, True)
        self.shift_model = ShiftModel(self)
        self.shift_table = data_table(self.shift_model, stretch=ShiftModel.COL_PEOPLE)
        self.household_model = HouseholdModel(self)
        self.household_table = data_table(
            self.household_model, stretch=HouseholdModel.COL_VULNERABLE
        )
        self.household_table.setColumnHidden(HouseholdModel.COL_GRID, True)

        def section(title: QLabel, table: QTableView) -> QWidget:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(title)
            lay.addWidget(table, 1)
            return box

        self.vulnerable_title = heading(self.tr("重点人群"))
        self.shift_title = heading(self.tr("近七天的任务"))
        self.household_title = heading(self.tr("全部住户"))
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(section(self.vulnerable_title, self.vulnerable_table))
        top.addWidget(section(self.shift_title, self.shift_table))
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(section(self.household_title, self.household_table))
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

    def set_grid_choices(self, choices: GridChoices) -> None:
        current = self.grid.currentData()
        self.grid.blockSignals(True)
        self.grid.clear()
        for code, name in choices:
            self.grid.addItem(f"{code} {name}", code)
        index = self.grid.findData(current)
        self.grid.setCurrentIndex(index if index >= 0 else 0)
        self.grid.blockSignals(False)
        if current is None and choices and self.isVisible():
            self.reload()

    def reload(self) -> None:
        db, code = self.ctx.db, self.grid.currentData()
        if code is None:
            # the grids are not known yet: fetch them, then this grid
            def first(_progress: Any) -> GridChoices:
                with db.reading() as session:
                    return [(g.code, g.name) for g in grids.list_grids(session)]

            def chosen(choices: GridChoices) -> None:
                self.page.set_grid_choices(choices)
                if choices:
                    self.reload()
                else:
                    self.summary.setText(self.tr("还没有网格。"))

            self.ctx.run(self, first, on_success=chosen, show_progress=False)
            return

        def run(
            _progress: Any,
        ) -> tuple[grids.Coverage, list[grids.HouseholdRow], list[duty.ShiftRow]]:
            with db.reading() as session:
                grid = grids.get_grid(session, code)
                households = grids.household_rows(session, Household.grid_id == grid.id)
                start = datetime.combine(date.today(), datetime.min.time())
                shifts = duty.shifts_between(session, start, start + timedelta(days=7), grid=code)
                return grids.coverage(session), households, shifts

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(
        self, result: tuple[grids.Coverage, list[grids.HouseholdRow], list[duty.ShiftRow]]
    ) -> None:
        cov, households, shifts = result
        code = self.grid.currentData()
        mine = next((g for g in cov.grids if g.code == code), None)
        vulnerable = [h for h in households if h.vulnerable]
        self.vulnerable_model.set_rows(vulnerable)
        self.shift_model.set_rows(shifts)
        self.household_model.set_rows(households)
        self.vulnerable_title.setText(self.tr("重点人群（{0} 户）").format(len(vulnerable)))
        self.shift_title.setText(self.tr("近七天的任务（{0} 个班次）").format(len(shifts)))
        self.household_title.setText(self.tr("全部住户（{0} 户）").format(f"{len(households):,}"))
        if mine is not None:
            per = mine.residents_per_worker
            self.summary.setText(
                self.tr("{0}：{1} 户，{2} 人，重点人群 {3} 人，在岗 {4} 人，{5}").format(
                    mine.name,
                    f"{mine.households:,}",
                    f"{mine.residents:,}",
                    f"{mine.vulnerable:,}",
                    mine.workers,
                    self.tr("无人在岗")
                    if per is None
                    else self.tr("每人服务 {0} 人").format(f"{per:,.0f}"),
                )
                + (self.tr("（人手不足）") if mine.flagged else "")
            )
        emit(self.page.loaded, "worker")

    def print_worker_list(self) -> None:
        from app.core.grids.paper import print_worker_list

        db, code = self.ctx.db, self.grid.currentData()
        if code is None:
            return
        self.preview(
            lambda target: print_worker_list(db, code, target),
            self.tr("网格走访清单"),
            self.tr("走访清单-{0}.pdf").format(code),
        )

    def print_contact_sheet(self) -> None:
        from app.core.grids.paper import print_contact_sheets

        db, code = self.ctx.db, self.grid.currentData()
        if code is None:
            return
        self.preview(
            lambda target: print_contact_sheets(db, target, grids=[code]),
            self.tr("网格联系表"),
            self.tr("联系表-{0}.pdf").format(code),
        )


# --- the page ------------------------------------------------------------------------------------


class GridsPage(QWidget):
    """网格: six tabs; each loads when shown and again after a change."""

    loaded = Signal(str)  # which part is on screen ("structure", "roster", "duty", …)
    scanned = Signal(object)  # a check-in's ScanResult, or the refusal

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.grid_choices: GridChoices = []
        self.dialog: Any = None  # the dialog last opened (tests and screenshots reach it here)
        self.preview_dialog: Any = None
        self.loads: Counter[str] = Counter()  # how often each part has been shown
        self.loaded.connect(self._count_load)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(8)
        title = QLabel(self.tr("网格"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.tabs = QTabWidget()
        self.structure = StructureTab(self)
        self.roster = RosterTab(self)
        self.duty = DutyTab(self)
        self.attendance = AttendanceTab(self)
        self.coverage = CoverageTab(self)
        self.worker = WorkerTab(self)
        self.tabs.addTab(self.structure, self.tr("网格划分"))
        self.tabs.addTab(self.roster, self.tr("人员名册"))
        self.tabs.addTab(self.duty, self.tr("排班签到"))
        self.tabs.addTab(self.attendance, self.tr("出勤统计"))
        self.tabs.addTab(self.coverage, self.tr("覆盖情况"))
        self.tabs.addTab(self.worker, self.tr("网格员视图"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self.status_label = muted("")
        layout.addWidget(self.status_label)
        ctx.changed.connect(self._on_changed)

    def _count_load(self, what: str) -> None:
        self.loads[what] += 1

    def all_tabs(self) -> list[Tab]:
        return [self.structure, self.roster, self.duty, self.attendance, self.coverage, self.worker]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, Tab) and self.isVisible():
            tab.refresh_if_stale()

    def _on_changed(self, what: object) -> None:
        if isinstance(what, set | frozenset | list | tuple) and not (
            {"grids", "residents", "households", "registry"} & set(what)
        ):
            return
        for tab in self.all_tabs():
            tab.stale = True
        self._tab_changed(self.tabs.currentIndex())

    def show_tab(self, tab: Tab) -> None:
        self.tabs.setCurrentWidget(tab)

    def set_grid_choices(self, choices: GridChoices) -> None:
        if choices == self.grid_choices:
            return
        self.grid_choices = choices
        self.roster.set_grid_choices(choices)
        self.worker.set_grid_choices(choices)

    def status(self, text: str) -> None:
        self.status_label.setText(text)


# --- the 首页 section ------------------------------------------------------------------------------


class CoverageSection(HomeSection):
    """首页 · 网格覆盖: understaffed grids, unassigned households and today's no-shows."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("网格覆盖"), parent)
        self.detail = muted("")
        self.body.addWidget(self.detail)
        self.coverage: grids.Coverage | None = None

    def refresh(self) -> None:
        db = self.ctx.db

        def run(_progress: Any) -> tuple[grids.Coverage, int]:
            with db.reading() as session:
                return grids.coverage(session), len(duty.no_shows(session, date.today()))

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[grids.Coverage, int]) -> None:
        cov, missing = result
        self.coverage = cov
        flagged = cov.flagged
        if not cov.grids:
            self.summary.setText(self.tr("还没有网格。在“网格”页新增网格并分配楼栋。"))
        else:
            self.summary.setText(
                self.tr(
                    "{0} 个网格，人手不足 {1} 个；未分网格的住户 {2} 户；今日未到岗 {3} 人次"
                ).format(len(cov.grids), len(flagged), f"{cov.unassigned_households:,}", missing)
            )
        if flagged:
            self.detail.setText(
                self.tr("人手不足：")
                + self.tr("、").join(
                    self.tr("{0}（{1}）").format(
                        g.code,
                        self.tr("无人在岗")
                        if g.residents_per_worker is None
                        else self.tr("每人 {0} 人").format(f"{g.residents_per_worker:,.0f}"),
                    )
                    for g in flagged[:8]
                )
                + ("…" if len(flagged) > 8 else "")
            )
        else:
            self.detail.setText("")
        emit(self.filled)
