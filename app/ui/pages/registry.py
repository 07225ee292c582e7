"""住户: every resident in one table (ids first, rows on demand), filters above it, a search box with
type-ahead, the household view, add/edit/delete, import and export of rosters."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.registry import lookup, vocabulary
from app.core.registry.lookup import ResidentFilter
from app.core.registry.search import RegistrySearch
from app.core.trust.roles import Permission
from app.ui.context import AppContext
from app.ui.duplicates_dialog import DuplicatesDialog
from app.ui.files import save_file
from app.ui.labels import (
    RESIDENCY,
    STATUS,
    building_label,
    gender_label,
    grid_label,
    relation_label,
    residency_label,
    status_label,
    tag_label,
    with_note,
)
from app.ui.models.registry_model import (
    COL_ADDRESS,
    COL_COMMUNITY,
    COL_GENDER,
    COL_NAME,
    COL_RELATION,
    COL_RESIDENCY,
    COL_STATUS,
    COL_TAGS,
    ResidentTableModel,
)
from app.ui.registry_dialogs import HouseholdDialog, ResidentForm, confirm_delete
from app.ui.roster_import_wizard import ImportWizard

_CHANGING = ("household", "add", "delete", "duplicates", "import")  # not at a street office
LIMIT = 30  # people listed under the search box


def _place(choice: lookup.Choice, label: str) -> str:
    """A grid or building, with its community at a street office (every community has its 3栋)."""
    return f"{choice.community} · {label}" if choice.community else label


class SearchBox(QLineEdit):
    """The one box: type, arrows into the results, Enter opens the household."""

    open_household = Signal(int, int)  # household id, resident id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.engine = RegistrySearch()
        self.setPlaceholderText(
            self.tr("查找：姓名 / 拼音（zs）/ 身份证或电话后四位 / 3-2-502 / 户号")
        )
        self.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setWindowFlags(Qt.WindowType.ToolTip)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _t: self.timer.start())
        self.last_ms = 0.0

    def run_search(self) -> None:
        text = self.text().strip()
        self.results.clear()
        if not text:
            self.results.hide()
            return
        with self.ctx.db.reading() as session:
            hits = self.engine.search(session, text, limit=LIMIT + 1)
            communities = (
                lookup.community_names(session) if self.ctx.office.is_street_office else {}
            )
        self.last_ms = self.engine.last_ms
        more = len(hits) > LIMIT
        hits = hits[:LIMIT]
        for h in hits:
            where = f"{communities.get(h.community, h.community)} " if communities else ""
            head = self.tr("（户主）") if h.is_head else ""
            label = f"{h.name}{head}   {where}{h.address_code}   {h.id_masked}   {h.phone_masked}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, (h.household_id, h.resident_id))
            self.results.addItem(item)
        if not hits:
            self.results.addItem(QListWidgetItem(self.tr("没有找到“{0}”").format(text)))
        else:  # how many, and whether there are more than shown
            count = (
                self.tr("显示前 {0} 人，还有更多：请输入更多字缩小范围").format(LIMIT)
                if more
                else self.tr("共找到 {0} 人").format(len(hits))
            )
            note = QListWidgetItem(count)
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(note)
        self.results.setCurrentRow(0)
        self._place()
        self.results.show()

    def _place(self) -> None:
        below = self.mapToGlobal(self.rect().bottomLeft())
        self.results.setGeometry(below.x(), below.y() + 2, max(self.width(), 560), 320)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.results.isVisible() and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
            self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.timer.isActive():
                self.timer.stop()
                self.run_search()  # a scanner types the code and Enter at once
            item = self.results.currentItem()
            if item is not None:
                self._activate(item)
            return
        if key == Qt.Key.Key_Escape:
            self.results.hide()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        QTimer.singleShot(150, self.results.hide)
        super().focusOutEvent(event)

    def _activate(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        self.results.hide()
        self.open_household.emit(int(data[0]), int(data[1]))


class RegistryPage(QWidget):
    """The 住户 area. At a street office the same list over every community's residents, read
    only (the records are the communities'), with the community beside every address."""

    first_screen = Signal(float)  # ms from asking for rows to the first screen shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.read_only = ctx.office.is_street_office
        self.model = ResidentTableModel(ctx.db, self)
        self.model.background = lambda work, done: self.ctx.run(
            self, work, on_success=done, show_progress=False
        ).failure(lambda _exc: None)  # the ids are read again on demand, where a fault shows
        self._loaded = False
        self._sort_column = -1
        self.options = lookup.FilterOptions([], [], [], {})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        title = QLabel(self.tr("社区居民（只读）") if self.read_only else self.tr("住户"))
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addSpacing(16)
        self.preview_dialog: QWidget | None = None  # the roster's print preview, when open
        self.search = SearchBox(ctx)
        self.search.setMinimumWidth(480)
        self.search.open_household.connect(self.open_household)
        top.addWidget(self.search, 1)
        layout.addLayout(top)

        layout.addLayout(self._action_bar())
        layout.addLayout(self._filters())

        self._build_table()
        layout.addWidget(self.table, 1)
        self.empty = QLabel(
            self.tr("还没有收到任何社区的居民数据。在“数据交换”页导入各社区送来的数据包。")
            if self.read_only
            else self.tr("还没有居民。点击“导入”导入 Excel 花名册，或点击“新增住户”逐户登记。")
        )
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout.addWidget(self.empty)

        self.status_bar = QStatusBar()
        self.status_bar.setSizeGripEnabled(False)
        self.count_label = QLabel()
        self.status_bar.addPermanentWidget(self.count_label)
        layout.addWidget(self.status_bar)

        self.actions["household"].clicked.connect(self.add_household)
        self.actions["duplicates"].clicked.connect(self.find_duplicates)
        self.actions["add"].clicked.connect(self.add)
        self.actions["edit"].clicked.connect(self.open_selected)
        self.actions["delete"].clicked.connect(self.delete)
        self.actions["import"].clicked.connect(self.import_roster)
        self.actions["export"].clicked.connect(self.export)
        self.actions["print"].clicked.connect(self.print_list)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)
        if not self.read_only:
            QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add)
            QShortcut(QKeySequence("Ctrl+Shift+N"), self, activated=self.add_household)
            QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete)
        self.table.installEventFilter(self)
        ctx.changed.connect(self._on_changed)

    def _action_bar(self) -> QHBoxLayout:
        """新增住户 … 打印; at a street office only what reads."""
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.actions: dict[str, QPushButton] = {}
        for key, label, tip in (
            ("household", self.tr("新增住户"), self.tr("新登记一户及其户主（Ctrl+Shift+N）")),
            ("add", self.tr("新增居民"), self.tr("在选中居民的户中新增一人（Ctrl+N）")),
            ("edit", self.tr("编辑"), self.tr("编辑选中的居民（回车）")),
            ("delete", self.tr("删除"), self.tr("删除选中的居民（需填写原因）")),
            ("duplicates", self.tr("查重"), self.tr("查找重复登记，逐组核对后合并或保留")),
            ("import", self.tr("导入"), self.tr("从 Excel/WPS/CSV 花名册导入")),
            ("export", self.tr("导出"), self.tr("导出为 Excel，列与导入相同")),
            ("print", self.tr("打印"), self.tr("打印当前列表（已脱敏）")),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            self.actions[key] = button
            # a street office reads the communities' records; they change them, not it
            if not (self.read_only and key in _CHANGING):
                bar.addWidget(button)
            else:
                button.hide()
        if self.read_only:
            self.actions["edit"].setText(self.tr("查看这一户"))
            self.actions["edit"].setToolTip(self.tr("查看选中居民的一户（回车）"))
        bar.addStretch(1)
        return bar

    def _filters(self) -> QGridLayout:
        """The filters in one row, each labelled (the community first at a street office)."""
        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.setVerticalSpacing(6)
        self.community = QComboBox()
        self.grid = QComboBox()
        self.building = QComboBox()
        self.tag = QComboBox()
        self.residency = QComboBox()
        self.status = QComboBox()
        labelled = [
            (self.tr("网格："), self.grid),
            (self.tr("楼栋："), self.building),
            (self.tr("人员类别："), self.tag),
            (self.tr("户籍："), self.residency),
            (self.tr("状态："), self.status),
        ]
        if self.read_only:
            labelled.insert(0, (self.tr("社区："), self.community))
        for i, (label, combo) in enumerate(labelled):
            combo.setMinimumWidth(110)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(QLabel(label), 0, 2 * i)
            filters.addWidget(combo, 0, 2 * i + 1)
        filters.setColumnStretch(2 * len(labelled), 1)
        return filters

    def _build_table(self) -> None:
        """The residents' table: its columns never narrower than their header or the words they hold."""
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionClicked.connect(self._sort_clicked)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # never narrower than the header or the words the column holds: English ones are longer
        fits = self.table.fontMetrics().horizontalAdvance
        words = {
            COL_GENDER: [gender_label(g) for g in ("M", "F")],
            COL_RELATION: [relation_label(r) for r in ("户主", "配偶", "子", "女")],
            COL_RESIDENCY: [residency_label(k) for k in RESIDENCY],
            COL_STATUS: [status_label(k) for k in STATUS],
        }
        for col, width in enumerate((130, 48, 52, 190, 130, 110, 90, 60, 160, 60)):
            wanted = max([fits(w) + 16 for w in words.get(col, [])], default=0)
            self.table.setColumnWidth(col, max(width, wanted, header.sectionSizeHint(col)))
        header.setSectionResizeMode(COL_TAGS, QHeaderView.ResizeMode.Stretch)
        if self.read_only:  # the community stands right before the address
            header.moveSection(header.visualIndex(COL_COMMUNITY), header.visualIndex(COL_ADDRESS))
            self.table.setColumnWidth(COL_COMMUNITY, 120)
        else:
            self.table.setColumnHidden(COL_COMMUNITY, True)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())

    # --- loading ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.load()
        self.search.setFocus()

    def load(self) -> float:
        """Fill the filters and the first screen; returns the milliseconds it took."""
        started = time.perf_counter()
        with self.ctx.db.reading() as session:
            options = lookup.filter_options(session)
        self.model.communities = options.communities
        self._fill(self.community, [(name, code) for code, name in options.communities.items()])
        self.options = options  # their Chinese labels name the scope of a printed roster
        self._fill(
            self.grid, [(_place(c, grid_label(c.name, c.code)), c.id) for c in options.grids]
        )
        self._fill(
            self.building, [(_place(c, building_label(c.name)), c.id) for c in options.buildings]
        )
        self._fill(self.tag, [(tag_label(t), t) for t in options.tags])
        self._fill(self.residency, [(residency_label(k), k) for k in RESIDENCY])
        self._fill(self.status, [(status_label(k), k) for k in STATUS], default="active")
        for combo in (
            self.community,
            self.grid,
            self.building,
            self.tag,
            self.residency,
            self.status,
        ):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.model.reload(self.current_filter())
        for row in range(min(self.model.rowCount(), 40)):  # the first screen, read now
            self.model.row_at(row)
        ms = (time.perf_counter() - started) * 1000
        self._update_count()
        self.first_screen.emit(ms)
        return ms

    def _fill(self, combo: QComboBox, items: list[tuple[str, Any]], default: Any = None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("全部"), None)
        for label, value in items:
            combo.addItem(label, value)
        if default is not None:
            combo.setCurrentIndex(max(combo.findData(default), 0))
        combo.blockSignals(False)

    def current_filter(self) -> ResidentFilter:
        return ResidentFilter(
            community=self.community.currentData(),
            grid_id=self.grid.currentData(),
            building_id=self.building.currentData(),
            tag=self.tag.currentData(),
            residency=self.residency.currentData(),
            status=self.status.currentData(),
        )

    def apply_filters(self) -> None:
        self.model.reload(self.current_filter())
        self._update_count()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("共 {0} 人").format(f"{n:,}"))
        self.empty.setVisible(n == 0 and self.current_filter() == ResidentFilter())
        self.table.setVisible(not self.empty.isVisible())

    def _sort_clicked(self, column: int) -> None:
        """First click sorts ascending, the next click on the same column flips the order."""
        if column not in (COL_NAME, COL_ADDRESS, 2):
            return
        again = column == self._sort_column
        descending = not self.model.descending if again else False
        self._sort_column = column
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.model.sort(column, order)

    def _on_changed(self, changes: Change) -> None:
        if changes & Change.REGISTRY:
            self.reload_keeping_place()

    def reload_keeping_place(self, select_id: int | None = None) -> None:
        """Read the list again — a change may have added or removed people — and keep the person
        selected (or select `select_id`) and the scroll position."""
        current = self.selected_row()
        keep = select_id if select_id is not None else (current.id if current else None)
        scrolled = self.table.verticalScrollBar().value()
        self.model.reload()
        self._update_count()
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0:
            self.table.verticalScrollBar().setValue(scrolled)
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        if select_id is not None:
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        else:
            self.table.verticalScrollBar().setValue(scrolled)

    # --- actions ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
        return super().eventFilter(watched, event)

    def selected_row(self) -> lookup.ResidentRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None and row.household_id:
            self.open_household(row.household_id, row.id)

    def open_household(self, household_id: int, resident_id: int = 0) -> HouseholdDialog:
        dialog = HouseholdDialog(self.ctx, household_id, self, read_only=self.read_only)
        for r, m in enumerate(dialog.view.members if dialog.view else []):
            if m.id == resident_id:
                dialog.table.selectRow(r)
        dialog.open()
        return dialog

    def add(self) -> None:
        row = self.selected_row()
        if row is None:
            QMessageBox.information(
                self,
                self.tr("新增"),
                self.tr(
                    "请先选中一户中的任一居民（或用查找框找到这一户），再新增成员；"
                    "新登记一户请点“新增住户”。"
                ),
            )
            return
        form = ResidentForm(self.ctx, row.household_id, None, self)
        form.accepted.connect(lambda: self._show_saved(form.saved_id))
        form.open()

    def _show_saved(self, resident_id: int | None) -> None:
        """The person just added, selected in the list (or a word why the list does not show
        them: the filters above leave them out)."""
        if resident_id is None:
            return
        self.reload_keeping_place(select_id=resident_id)
        if self.model.row_of(resident_id) < 0:
            self.count_label.setText(
                self.tr("共 {0} 人（刚保存的居民不在当前筛选结果中）").format(
                    f"{self.model.rowCount():,}"
                )
            )

    def add_household(self) -> ResidentForm:
        """A new household with its head; once saved, its household view opens."""
        form = ResidentForm(self.ctx, 0, None, self, new_household=True)

        def saved() -> None:
            if form.made is not None:
                self._show_saved(form.made.head_id)
                self.open_household(form.made.id)

        form.accepted.connect(saved)
        form.open()
        return form

    def find_duplicates(self) -> DuplicatesDialog:
        dialog = DuplicatesDialog(self.ctx, self)
        dialog.open()
        dialog.load()
        return dialog

    def delete(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        reason = confirm_delete(self, with_note(row.name, row.address_code))
        if reason is None:
            return
        db = self.ctx.db

        def work(_progress: Any) -> None:
            with db.session(note=f"delete: {reason}") as session:
                lookup.delete_resident(session, row.id, reason)

        self.ctx.run(
            self,
            work,
            title=self.tr("删除居民"),
            show_progress=False,
            changes=Change.REGISTRY,
        )

    def import_roster(self) -> ImportWizard:
        wizard = ImportWizard(self.ctx, self)
        wizard.open()
        return wizard

    def export(self) -> None:

        from app.core.registry.roster_export import export_residents

        chosen = save_file(
            self,
            self.ctx.settings,
            self.tr("导出居民"),
            self.tr("居民花名册.xlsx"),
            self.tr("Excel 文件 (*.xlsx)"),
            suffix=".xlsx",
        )
        if chosen is None:
            return
        name = str(chosen)
        mask = self._export_masked()
        if mask is None:
            return
        db = self.ctx.db
        self.ctx.run(
            self,
            lambda progress: export_residents(db, Path(name), mask=mask, progress=progress),
            title=self.tr("导出居民"),
            on_success=lambda r: self.status_bar.showMessage(
                self.tr("已导出 {0} 人到 {1}").format(f"{r.residents:,}", r.path), 15_000
            ),
        )

    def _export_masked(self) -> bool | None:
        """Whether the export is masked (None: cancelled). Once the office has users it is masked
        unless a user who may see full values asks for them (audited, app.core decides again);
        in an office without users the question is asked as before users existed."""
        from app.ui.registry_dialogs import may, principal

        title = self.tr("导出居民")
        if principal(self.ctx) is None:
            return (
                QMessageBox.question(
                    self,
                    title,
                    self.tr("是否隐藏身份证号和电话的中间几位（脱敏）？\n交给外单位时建议脱敏。"),
                )
                == QMessageBox.StandardButton.Yes
            )
        if not may(self.ctx, Permission.FULL_VALUES):
            return True
        answer = QMessageBox.question(
            self,
            title,
            self.tr(
                "导出的身份证号和电话默认脱敏。\n"
                "是否导出完整证件号和电话？（将记入审计记录，文件请妥善保管）"
            ),
            QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return answer != QMessageBox.StandardButton.Yes

    def _printed_scope(self, f: ResidentFilter) -> list[str]:
        """The filters as the printed roster names them: in Chinese, as every printed document
        is, whatever the window's language."""
        words = [c.label for c in self.options.grids if c.id == f.grid_id]
        words += [c.label for c in self.options.buildings if c.id == f.building_id]
        if f.tag:
            words.append(f.tag)
        if f.residency in vocabulary.RESIDENCY:
            words.append(vocabulary.RESIDENCY[f.residency])
        if f.status in vocabulary.STATUS:
            words.append(vocabulary.STATUS[f.status])
        return words

    def print_list(self) -> None:
        """The filtered household roster as a PDF (masked), made on the worker and shown in the
        print preview, from which it is printed or saved."""

        from app.core.registry.roster_print import print_residents

        f = self.current_filter()
        scope = "、".join(self._printed_scope(f))
        from app.ui.print_preview import preview_pdf

        db = self.ctx.db
        preview_pdf(
            self,
            self.ctx,
            prefix="griddesk-roster-",
            name=self.tr("住户名单-{0}.pdf").format(date.today().isoformat()),
            title=self.tr("住户名单"),
            make=lambda target, progress: print_residents(
                db,
                target,
                f,
                scope=scope or "全部住户",
                progress=progress,  # printed: Chinese
            ),
        )
