"""会议: the minutes of community and grid deliberation, searched, written, published, amended and
printed; and their action items followed to done (overdue ones marked 逾期, not by colour alone).

Also `MeetingTodoSection`, the "会议待办" part of the 首页 dashboard.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.meetings import action_items, search
from app.core.meetings import minutes as core
from app.core.meetings.action_items import ActionItemRow, ActionQuery, TodoCounts
from app.core.meetings.search import MeetingQuery, MeetingSummary
from app.ui.context import AppContext, preview_folder
from app.ui.dates import date_edit, from_qdate
from app.ui.home_section import HomeSection
from app.ui.models.meeting_models import ActionItemModel, MeetingTableModel
from app.ui.pages.meeting_editor import CloseActionDialog, MeetingEditorDialog
from app.ui.toolbar import PageToolBar


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setObjectName("dataTable")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(34)
    view.setWordWrap(False)
    view.horizontalHeader().setHighlightSections(False)
    return view


# --- the page ------------------------------------------------------------------------------------


class MeetingsPage(QWidget):
    """会议: toolbar, filters, the list of minutes, and the action items under it."""

    loaded = Signal()  # the list is on screen
    actions_loaded = Signal()

    SCOPE_MEETING, SCOPE_OPEN, SCOPE_OVERDUE, SCOPE_ALL = range(4)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._started = False
        self._grids: list[tuple[str, str]] = []
        self._select_after_load: int | None = None
        self._list_request = 0  # only the latest search's results are shown
        self.loads = 0  # how many times the list has been shown (first visit: 0 until loaded)
        self._actions_request = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(12)
        title = QLabel(self.tr("会议"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        self.toolbar = PageToolBar()
        self.add_action = self._action(
            self.tr("新增"), self.new_meeting, QKeySequence.StandardKey.New
        )
        self.edit_action = self._action(self.tr("编辑"), self.edit_meeting, "Ctrl+E")
        self.delete_action = self._action(
            self.tr("删除"), self.delete_meeting, QKeySequence.StandardKey.Delete
        )
        self.toolbar.addSeparator()
        self.publish_action = self._action(self.tr("发布"), self.publish_meeting, "Ctrl+Shift+P")
        self.amend_action = self._action(self.tr("修正"), self.amend_meeting, "Ctrl+Shift+M")
        self.toolbar.addSeparator()
        self.print_action = self._action(
            self.tr("打印"), self.print_meeting, QKeySequence.StandardKey.Print
        )
        layout.addWidget(self.toolbar)

        layout.addLayout(self._filters())

        self.model = MeetingTableModel(self)
        self.table = _table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MeetingTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.edit_meeting())  # Enter, double-click
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self._actions_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        layout.addWidget(self.count_label)
        self._update_actions()
        ctx.changed.connect(self._on_changed)

    def _action(self, text: str, slot: Any, shortcut: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索名称、议题、讨论、决定、待办、人员…"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload)
        self.level_filter = QComboBox()
        self.level_filter.addItem(self.tr("全部级别"), None)
        self.level_filter.addItem(self.tr("社区级"), "community")
        self.level_filter.addItem(self.tr("网格级"), "grid")
        self.grid_filter = QComboBox()
        self.grid_filter.addItem(self.tr("全部网格"), None)
        self.grid_filter.setMinimumContentsLength(8)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部状态"), None)
        self.status_filter.addItem(self.tr("草稿"), "draft")
        self.status_filter.addItem(self.tr("已发布"), "published")
        self.status_filter.addItem(self.tr("已修正"), "superseded")
        self.use_dates = QCheckBox(self.tr("日期"))
        today = date.today()
        self.date_from = date_edit(today.replace(day=1))
        self.date_to = date_edit(today)
        for widget in (self.date_from, self.date_to):
            widget.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        search_button = QPushButton(self.tr("查询"))
        search_button.clicked.connect(self.reload)
        clear_button = QPushButton(self.tr("清除条件"))
        clear_button.clicked.connect(self.clear_filters)

        row.addWidget(self.search, 3)
        row.addWidget(self.level_filter)
        row.addWidget(self.grid_filter)
        row.addWidget(self.status_filter)
        row.addWidget(self.use_dates)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("—"))
        row.addWidget(self.date_to)
        row.addWidget(search_button)
        row.addWidget(clear_button)
        for combo in (self.level_filter, self.grid_filter, self.status_filter):
            combo.currentIndexChanged.connect(self.reload)
        self.use_dates.toggled.connect(self.reload)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        return row

    def _actions_panel(self) -> QWidget:
        panel = QFrame()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        head = QHBoxLayout()
        head.setSpacing(8)
        heading = QLabel(self.tr("待办事项"))
        heading.setObjectName("sectionTitle")
        head.addWidget(heading)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("选中会议的待办"), self.SCOPE_MEETING)
        self.scope.addItem(self.tr("全部未办结"), self.SCOPE_OPEN)
        self.scope.addItem(self.tr("全部逾期"), self.SCOPE_OVERDUE)
        self.scope.addItem(self.tr("全部待办（含已办结）"), self.SCOPE_ALL)
        self.scope.currentIndexChanged.connect(self.reload_actions)
        self.owner_filter = QLineEdit()
        self.owner_filter.setPlaceholderText(self.tr("责任人"))
        self.owner_filter.setClearButtonEnabled(True)
        self.owner_filter.setMaximumWidth(160)
        self.owner_filter.returnPressed.connect(self.reload_actions)
        self.close_button = QPushButton(self.tr("办结…"))
        self.close_button.clicked.connect(self.close_action_item)
        self.reopen_button = QPushButton(self.tr("重新打开"))
        self.reopen_button.clicked.connect(self.reopen_action_item)
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("muted")
        head.addWidget(self.scope)
        head.addWidget(self.owner_filter)
        head.addWidget(self.progress_label, 1)
        head.addWidget(self.close_button)
        head.addWidget(self.reopen_button)
        layout.addLayout(head)
        self.action_model = ActionItemModel(self)
        self.action_table = _table(self.action_model)
        header = self.action_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ActionItemModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ActionItemModel.COL_DONE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.action_table.doubleClicked.connect(lambda _index: self.close_action_item())
        self.action_table.selectionModel().selectionChanged.connect(self._update_actions)
        layout.addWidget(self.action_table, 1)
        self.action_empty = QLabel("")
        self.action_empty.setObjectName("muted")
        layout.addWidget(self.action_empty)
        return panel

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def _on_changed(self, changes: Change) -> None:
        if self._started and changes & (Change.MEETINGS | Change.GRIDS):
            self.reload()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.reload()

    def clear_filters(self) -> None:
        for combo in (self.level_filter, self.grid_filter, self.status_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.use_dates.blockSignals(True)
        self.use_dates.setChecked(False)
        self.use_dates.blockSignals(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.search.clear()
        self.reload()

    def query(self) -> MeetingQuery:
        dates = self.use_dates.isChecked()
        return MeetingQuery(
            text=self.search.text().strip(),
            date_from=from_qdate(self.date_from.date()) if dates else None,
            date_to=from_qdate(self.date_to.date()) if dates else None,
            level=self.level_filter.currentData(),
            grid=self.grid_filter.currentData(),
            status=self.status_filter.currentData(),
        )

    def reload(self) -> None:
        """Search again with the filters; keeps the selected meeting selected."""
        db = self.ctx.db
        query = self.query()
        if self._select_after_load is None:
            self._select_after_load = self.selected_id()

        def work(_progress: Any) -> tuple[list[MeetingSummary], list[tuple[str, str]], int]:
            with db.reading() as session:
                found = search.search_meetings(session, query)
                total = (
                    len(found)
                    if query == MeetingQuery()
                    else len(search.search_meetings(session, MeetingQuery()))
                )
                return found, core.grid_choices(session), total

        self._list_request += 1
        token = self._list_request
        self.ctx.run(
            self, work, on_success=lambda result: self._show(token, result), show_progress=False
        )

    def _show(
        self, token: int, result: tuple[list[MeetingSummary], list[tuple[str, str]], int]
    ) -> None:
        if token != self._list_request:
            return  # a newer search is on its way; show only the latest
        rows, grids, total = result
        if grids != self._grids:
            self._grids = grids
            current = self.grid_filter.currentData()
            self.grid_filter.blockSignals(True)
            while self.grid_filter.count() > 1:
                self.grid_filter.removeItem(1)
            for code, name in grids:
                self.grid_filter.addItem(name, code)
            self.grid_filter.setCurrentIndex(max(self.grid_filter.findData(current), 0))
            self.grid_filter.blockSignals(False)
        self.model.set_rows(rows)
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.list_stack.setCurrentWidget(self.empty)
            self.empty.setText(
                self.tr("暂无会议纪要。点击“新增”（Ctrl+N）记录第一次会议。")
                if total == 0
                else self.tr("没有符合条件的会议。可以换个关键词，或点“清除条件”。")
            )
        open_n = sum(r.open_action_items for r in rows)
        overdue = sum(r.overdue_action_items for r in rows)
        self.count_label.setText(
            self.tr("共 {0} 次会议（全部 {1} 次）；未办结待办 {2} 项，其中逾期 {3} 项").format(
                len(rows), total, open_n, overdue
            )
        )
        wanted = self._select_after_load
        self._select_after_load = None
        target = 0
        for i, row in enumerate(rows):
            if row.id == wanted:
                target = i
                break
        if rows:
            self.table.selectRow(target)
        self._update_actions()
        self.reload_actions()
        self.loads += 1
        self.loaded.emit()

    def selected(self) -> MeetingSummary | None:
        index = self.table.currentIndex()
        selected = self.table.selectionModel().selectedRows()
        if selected:
            index = selected[0]
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row else None

    def select_meeting(self, meeting_id: int) -> None:
        for i, row in enumerate(self.model.rows):
            if row.id == meeting_id:
                self.table.selectRow(i)
                return

    def _selection_changed(self) -> None:
        self._update_actions()
        if self.scope.currentData() == self.SCOPE_MEETING:
            self.reload_actions()

    def _update_actions(self) -> None:
        row = self.selected()
        has = row is not None
        draft = has and row is not None and row.status == "draft"
        self.edit_action.setEnabled(has)
        self.edit_action.setText(self.tr("编辑") if (draft or not has) else self.tr("查看"))
        self.delete_action.setEnabled(draft)
        self.publish_action.setEnabled(draft)
        self.amend_action.setEnabled(has and row is not None and row.status == "published")
        self.print_action.setEnabled(has)
        self.delete_action.setToolTip(
            self.tr("只能删除草稿；已发布的纪要要存档") if has and not draft else ""
        )
        item = self.selected_action()
        self.close_button.setEnabled(item is not None and item.status == "open")
        self.reopen_button.setEnabled(item is not None and item.status != "open")

    # --- action items ------------------------------------------------------------------------

    def reload_actions(self) -> None:
        scope = self.scope.currentData()
        meeting = self.selected()
        db = self.ctx.db
        owner = self.owner_filter.text().strip()
        if scope == self.SCOPE_MEETING:
            if meeting is None:
                self._actions_request += 1
                self._actions_shown(None, [])
                return
            query = ActionQuery(meeting_id=meeting.id, owner=owner)
        else:
            query = ActionQuery(
                owner=owner,
                open_only=scope == self.SCOPE_OPEN,
                overdue_only=scope == self.SCOPE_OVERDUE,
            )

        def work(_progress: Any) -> list[ActionItemRow]:
            with db.reading() as session:
                return action_items.list_action_items(session, query)

        self._actions_request += 1
        token = self._actions_request
        self.ctx.run(
            self,
            work,
            on_success=lambda rows: self._actions_shown(meeting, rows, token),
            show_progress=False,
        )

    def _actions_shown(
        self, meeting: MeetingSummary | None, rows: list[ActionItemRow], token: int | None = None
    ) -> None:
        if token is not None and token != self._actions_request:
            return  # superseded by a newer request
        selected = self.selected_action()
        self.action_model.set_rows(rows)
        if selected is not None:
            for i, row in enumerate(rows):
                if row.id == selected.id:
                    self.action_table.selectRow(i)
        scope = self.scope.currentData()
        if scope == self.SCOPE_MEETING and meeting is not None:
            self.progress_label.setText(
                self.tr(
                    "决定 {0} 项，已落实 {1} 项；待办 {2} 项，已完成 {3} 项，逾期 {4} 项"
                ).format(
                    meeting.decisions,
                    meeting.decisions_carried_out,
                    meeting.action_items,
                    meeting.done_action_items,
                    meeting.overdue_action_items,
                )
            )
        else:
            overdue = sum(1 for r in rows if r.overdue)
            self.progress_label.setText(
                self.tr("{0} 项，其中逾期 {1} 项").format(len(rows), overdue)
            )
        if rows:
            self.action_empty.setText("")
            self.action_empty.hide()
        else:
            self.action_empty.show()
            if scope == self.SCOPE_MEETING and meeting is None:
                self.action_empty.setText(self.tr("在上面选中一次会议，这里显示它的待办事项。"))
            elif scope == self.SCOPE_MEETING:
                self.action_empty.setText(
                    self.tr("这次会议没有待办事项。在“编辑”的“决定与待办”中添加。")
                )
            else:
                self.action_empty.setText(self.tr("没有这样的待办事项。"))
        self._update_actions()
        self.actions_loaded.emit()

    def selected_action(self) -> ActionItemRow | None:
        rows = self.action_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.action_model.rows):
            return None
        return self.action_model.rows[rows[0].row()]

    def close_action_item(self) -> None:
        item = self.selected_action()
        if item is None or item.status != "open":
            return
        dialog = CloseActionDialog(item, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        note, done_on, cancelled = dialog.values()
        db = self.ctx.db

        def work(_progress: Any) -> None:
            with db.session() as session:
                action_items.close_action_item(session, item.id, note, done_on, cancelled=cancelled)

        self.ctx.run(
            self,
            work,
            title=self.tr("办结待办事项"),
            show_progress=False,
            changes=Change.MEETINGS,
        )

    def reopen_action_item(self) -> None:
        item = self.selected_action()
        if item is None or item.status == "open":
            return
        answer = QMessageBox.question(
            self,
            self.tr("重新打开待办"),
            self.tr("重新打开待办事项“{0}”？原办理情况会保留在修改记录中。").format(item.text),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db

        def work(_progress: Any) -> None:
            with db.session() as session:
                action_items.reopen_action_item(session, item.id)

        self.ctx.run(
            self,
            work,
            title=self.tr("重新打开待办"),
            show_progress=False,
            changes=Change.MEETINGS,
        )

    # --- meetings ----------------------------------------------------------------------------

    def new_meeting(self) -> MeetingEditorDialog:
        dialog = MeetingEditorDialog(self.ctx, self._grids, None, self)
        self._open_editor(dialog)
        return dialog

    def _open_editor(self, dialog: MeetingEditorDialog) -> None:
        dialog.saved.connect(self._saved)
        dialog.setModal(True)
        dialog.open()

    def _saved(self, meeting_id: int) -> None:
        self._select_after_load = meeting_id

    def edit_meeting(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        self._load_detail(meeting_id, self._edit_loaded)

    def _load_detail(self, meeting_id: int, then: Any) -> None:
        db = self.ctx.db

        def work(_progress: Any) -> search.MeetingDetail:
            with db.reading() as session:
                return search.get_meeting(session, meeting_id)

        self.ctx.run(self, work, on_success=then, show_progress=False)

    def _edit_loaded(self, detail: search.MeetingDetail) -> None:
        self._open_editor(MeetingEditorDialog(self.ctx, self._grids, detail, self))

    def delete_meeting(self) -> None:
        row = self.selected()
        if row is None or row.status != "draft":
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除会议草稿"),
            self.tr("删除会议草稿“{0}”（{1}）？\n删除后不再显示，但会留下删除记录。").format(
                row.title, row.held_on.isoformat()
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db

        def work(_progress: Any) -> None:
            with db.session() as session:
                core.delete_meeting(session, row.id, "deleted in the window")

        self.ctx.run(
            self,
            work,
            title=self.tr("删除会议草稿"),
            show_progress=False,
            changes=Change.MEETINGS,
        )

    def publish_meeting(self) -> None:
        row = self.selected()
        if row is None or row.status != "draft":
            return
        extra = (
            self.tr("\n发布后，第 {0} 号纪要将被这份修正稿取代（原纪要保留存档）。").format(
                row.amends_id
            )
            if row.amends_id
            else ""
        )
        answer = QMessageBox.question(
            self,
            self.tr("发布会议纪要"),
            self.tr(
                "发布第 {0} 号会议纪要“{1}”？\n发布后纪要锁定，不能再修改；如需更正只能做修正稿。"
            ).format(row.id, row.title)
            + extra,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db

        def work(_progress: Any) -> int:
            with db.session() as session:
                return core.publish_meeting(session, row.id)

        def done(meeting_id: int) -> None:
            self._select_after_load = meeting_id

        self.ctx.run(
            self,
            work,
            title=self.tr("发布会议纪要"),
            on_success=done,
            show_progress=False,
            changes=Change.MEETINGS,
        )

    def amend_meeting(self) -> None:
        row = self.selected()
        if row is None or row.status != "published":
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("修正会议纪要"),
            self.tr(
                "将为“{0}”建立一份修正稿（原纪要保留存档）。\n请写明修正原因（会印在修正稿上）："
            ).format(row.title),
        )
        if not ok:
            return
        db = self.ctx.db

        def work(_progress: Any) -> search.MeetingDetail:
            with db.session() as session:
                new_id = core.amend_meeting(session, row.id, reason)
                return search.get_meeting(session, new_id)

        def done(detail: search.MeetingDetail) -> None:
            self._select_after_load = detail.id
            self._open_editor(MeetingEditorDialog(self.ctx, self._grids, detail, self))

        self.ctx.run(
            self,
            work,
            title=self.tr("修正会议纪要"),
            on_success=done,
            show_progress=False,
            changes=Change.MEETINGS,
        )

    def print_meeting(self) -> None:
        row = self.selected()
        if row is None:
            return
        db = self.ctx.db
        folder = preview_folder(self.ctx, "griddesk-minutes-")

        def work(progress: Any) -> tuple[Path, str]:
            from app.core.meetings.paper import default_file_name, write_minutes_pdf

            progress(0, 2, "")
            with db.reading() as session:
                detail = search.get_meeting(session, row.id)
                office = core.office_name(session)
            progress(1, 2, "")
            name = default_file_name(detail)
            return write_minutes_pdf(detail, office, folder / name, audit_to=db), name

        self.ctx.run(self, work, title=self.tr("正在生成会议纪要"), on_success=self._preview)

    def _preview(self, result: tuple[Path, str]) -> None:
        from app.ui.print_preview import PdfPreviewDialog

        path, name = result
        dialog = PdfPreviewDialog(path, name, name, self.ctx.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: _remove_tree(path.parent))
        self.preview = dialog
        dialog.open()


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


# --- the dashboard section -----------------------------------------------------------------------


class MeetingTodoSection(HomeSection):
    """首页 · 会议待办: open and overdue action items of the meetings in force."""

    SHOWN = 4  # the most urgent; the 会议 page lists them all

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("会议待办"), parent, spacing=8)
        layout = self.body
        self.model = ActionItemModel(self)
        self.table = _table(self.model)
        self.table.setColumnHidden(ActionItemModel.COL_DONE, True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ActionItemModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setFixedHeight(
            34 * self.SHOWN + self.table.horizontalHeader().sizeHint().height() + 4
        )
        layout.addWidget(self.table)
        self.counts: TodoCounts | None = None  # refreshed by the 首页, which it is part of

    def refresh(self) -> None:
        db = self.ctx.db

        def work(_progress: Any) -> tuple[TodoCounts, list[ActionItemRow]]:
            with db.reading() as session:
                counts = action_items.todo_counts(session)
                rows = action_items.list_action_items(
                    session, ActionQuery(open_only=True, limit=self.SHOWN)
                )
                return counts, rows

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[TodoCounts, list[ActionItemRow]]) -> None:
        counts, rows = result
        self.counts = counts
        self.model.set_rows(rows)
        if counts.open == 0:
            self.summary.setText(
                self.tr("暂无未办结的会议待办。会议决定的事项在“会议”页登记后显示在这里。")
            )
        else:
            text = self.tr("未办结 {0} 项，其中逾期 {1} 项、3 天内到期 {2} 项").format(
                counts.open, counts.overdue, counts.due_soon
            )
            if counts.open > len(rows):
                text += self.tr("（以下为最紧急的 {0} 项）").format(len(rows))
            self.summary.setText(text)
        self.table.setVisible(bool(rows))
        self.filled.emit()
