"""The dialogs of the 会议 page: the meeting editor (all the minutes' fields, decisions, action
items, attachments), closing an action item, and picking attendees from the residents.

The editor saves through the database worker and stays open if the save is refused, so nothing the
user typed is lost; a published meeting opens read-only (a correction is an amendment).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.meetings import action_items, attachments, search
from app.core.meetings import minutes as core
from app.core.meetings.minutes import ActionItemInput, MeetingInput
from app.core.meetings.search import MeetingDetail
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.dates import date_edit, from_qdate, to_qdate
from app.ui.files import open_files
from app.ui.labels import grid_label, meeting_kind_label, with_note


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


class ActionItemsTable(QTableWidget):
    """The action items of the minutes being edited: text, owner, due date, the decision."""

    COL_TEXT, COL_OWNER, COL_DUE, COL_DECISION = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("事项"), self.tr("责任人"), self.tr("完成时限"), self.tr("落实哪项决定")]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(self.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_OWNER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COL_DUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COL_DECISION, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(self.COL_OWNER, 120)
        self.setColumnWidth(self.COL_DUE, 140)
        self.setColumnWidth(self.COL_DECISION, 220)
        self.verticalHeader().setDefaultSectionSize(40)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ids: list[int | None] = []
        self.closed: list[str | None] = []  # "已完成" etc. for items already closed
        self.decisions: list[str] = []

    def add_item(self, item: ActionItemInput | None = None, default_due: date | None = None) -> int:
        row = self.rowCount()
        self.insertRow(row)
        text = QLineEdit(item.text if item else "")
        text.setPlaceholderText(self.tr("要做什么"))
        owner = QLineEdit(item.owner if item else "")
        owner.setPlaceholderText(self.tr("姓名"))
        due_value = item.due if item and isinstance(item.due, date) else default_due
        due = date_edit(due_value)
        decision = QComboBox()
        self.setCellWidget(row, self.COL_TEXT, text)
        self.setCellWidget(row, self.COL_OWNER, owner)
        self.setCellWidget(row, self.COL_DUE, due)
        self.setCellWidget(row, self.COL_DECISION, decision)
        self.ids.append(item.id if item else None)
        self.closed.append(None)
        self._fill_decisions(decision, item.decision if item else None)
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < self.rowCount():
            self.removeRow(row)
            del self.ids[row]
            del self.closed[row]

    def editor(self, row: int, column: int) -> Any:
        return self.cellWidget(row, column)

    def set_decisions(self, decisions: list[str]) -> None:
        self.decisions = decisions
        for row in range(self.rowCount()):
            combo = self.editor(row, self.COL_DECISION)
            self._fill_decisions(combo, combo.currentData())

    def _fill_decisions(self, combo: QComboBox, selected: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("（不对应某项决定）"), None)
        for number, text in enumerate(self.decisions, 1):
            short = text if len(text) <= 18 else text[:17] + "…"
            combo.addItem(f"{number}. {short}", number)
        index = combo.findData(selected) if selected else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def items(self) -> list[ActionItemInput]:
        result = []
        for row in range(self.rowCount()):
            result.append(
                ActionItemInput(
                    text=self.editor(row, self.COL_TEXT).text(),
                    owner=self.editor(row, self.COL_OWNER).text(),
                    due=from_qdate(self.editor(row, self.COL_DUE).date()),
                    decision=self.editor(row, self.COL_DECISION).currentData(),
                    id=self.ids[row],
                )
            )
        return result

    def set_read_only(self, read_only: bool) -> None:
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                self.editor(row, column).setEnabled(not read_only)


class MeetingEditorDialog(QDialog):
    """New minutes, a draft to change, or published minutes to read."""

    saved = Signal(int)  # the meeting's id, once the save is committed

    def __init__(
        self,
        ctx: AppContext,
        grids: list[tuple[str, str]],
        detail: MeetingDetail | None = None,
        parent: QWidget | None = None,
        start_from: MeetingInput | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.meeting_id = detail.id if detail else None
        self.read_only = bool(detail and detail.locked)
        self.pending_files: list[Path] = []
        self.removed_attachments: list[int] = []
        self.saved_id: int | None = None
        if detail is None:
            self.setWindowTitle(self.tr("新增会议纪要"))
        elif self.read_only:
            self.setWindowTitle(self.tr("查看会议纪要 — 第 {0} 号").format(detail.id))
        else:
            self.setWindowTitle(self.tr("编辑会议纪要 — 第 {0} 号").format(detail.id))
        self.resize(980, 720)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        if detail is not None and (self.read_only or detail.amends_id):
            banner = QLabel(self._banner_text(detail))
            banner.setObjectName("banner")
            banner.setWordWrap(True)
            layout.addWidget(banner)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._basics_tab(grids), self.tr("基本信息"))
        self.tabs.addTab(self._content_tab(), self.tr("议题与讨论"))
        self.tabs.addTab(self._decisions_tab(), self.tr("决定与待办"))
        self.tabs.addTab(self._attachments_tab(), self.tr("附件"))
        layout.addWidget(self.tabs, 1)

        self.buttons = QDialogButtonBox()
        if self.read_only:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
            self.buttons.rejected.connect(self.reject)
        else:
            self.save_button = self.buttons.addButton(
                self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.save_button.setDefault(True)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
            self.buttons.accepted.connect(self.save)
            self.buttons.rejected.connect(self.reject)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        if start_from is not None:
            self.load(start_from, detail)
        elif detail is not None:
            self.load(detail.to_input(), detail)
        else:
            self.actions.set_decisions([])
        self._level_changed()
        self._initial = self.collect()
        if self.read_only:
            self._set_read_only()
            self.tabs.setFocus()
        else:
            self.title.setFocus()

    # --- tabs --------------------------------------------------------------------------------

    def _basics_tab(self, grids: list[tuple[str, str]]) -> QWidget:
        page = QWidget()
        form = QGridLayout(page)
        form.setContentsMargins(16, 16, 16, 16)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("例如：第三网格疫情防控议事会"))
        self.title.setMaxLength(core.MAX_TITLE)
        self.kind = QComboBox()
        self.kind.setEditable(True)
        for kind in core.MEETING_KINDS:  # shown in the interface's language, kept as stored
            self.kind.addItem(meeting_kind_label(kind), kind)
        self.kind.setCurrentIndex(-1)
        self.kind.lineEdit().setPlaceholderText(self.tr("选择或输入"))
        self.level = QComboBox()
        self.level.addItem(self.tr("社区级"), "community")
        self.level.addItem(self.tr("网格级"), "grid")
        self.level.currentIndexChanged.connect(self._level_changed)
        self.grid = QComboBox()
        self.grid.addItem(self.tr("（未指定网格）"), None)
        for code, name in grids:
            self.grid.addItem(grid_label(name, code), code)
        self.held_on = date_edit()
        time_re = QRegularExpressionValidator(QRegularExpression(r"^([01]?\d|2[0-3])[:：][0-5]\d$"))
        self.start_time = QLineEdit()
        self.start_time.setPlaceholderText("09:30")
        self.start_time.setValidator(time_re)
        self.start_time.setMaximumWidth(110)
        self.end_time = QLineEdit()
        self.end_time.setPlaceholderText("11:00")
        self.end_time.setValidator(time_re)
        self.end_time.setMaximumWidth(110)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("例如：社区党群服务中心二楼会议室"))
        self.chair = QLineEdit()
        self.recorder = QLineEdit()
        self.attendees = QPlainTextEdit()
        self.attendees.setPlaceholderText(self.tr("每行一人，可写职务，如：网格长 刘芳"))
        self.absentees = QPlainTextEdit()
        self.absentees.setPlaceholderText(self.tr("每行一人，可注明原因，如：楼长 孙伟（请假）"))
        self.pick_button = QPushButton(self.tr("从居民中添加…"))
        self.pick_button.clicked.connect(self.pick_residents)
        self.attendee_count = QLabel("")
        self.attendee_count.setObjectName("muted")
        self.attendees.textChanged.connect(self._count_attendees)

        times = QHBoxLayout()
        times.setSpacing(8)
        times.addWidget(self.start_time)
        times.addWidget(QLabel(self.tr("至")))
        times.addWidget(self.end_time)
        times.addStretch(1)

        def label(text: str) -> QLabel:
            widget = QLabel(text)
            widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return widget

        form.addWidget(label(self.tr("会议名称 *")), 0, 0)
        form.addWidget(self.title, 0, 1, 1, 3)
        form.addWidget(label(self.tr("会议类型")), 1, 0)
        form.addWidget(self.kind, 1, 1)
        form.addWidget(label(self.tr("会议日期 *")), 1, 2)
        form.addWidget(self.held_on, 1, 3)
        form.addWidget(label(self.tr("级别")), 2, 0)
        form.addWidget(self.level, 2, 1)
        form.addWidget(label(self.tr("网格")), 2, 2)
        form.addWidget(self.grid, 2, 3)
        form.addWidget(label(self.tr("时间")), 3, 0)
        form.addLayout(times, 3, 1)
        form.addWidget(label(self.tr("地点")), 3, 2)
        form.addWidget(self.place, 3, 3)
        form.addWidget(label(self.tr("主持人")), 4, 0)
        form.addWidget(self.chair, 4, 1)
        form.addWidget(label(self.tr("记录人")), 4, 2)
        form.addWidget(self.recorder, 4, 3)
        attend_label = QVBoxLayout()
        attend_label.addWidget(label(self.tr("出席人员")))
        attend_label.addWidget(self.attendee_count, 0, Qt.AlignmentFlag.AlignRight)
        attend_label.addStretch(1)
        form.addLayout(attend_label, 5, 0)
        form.addWidget(self.attendees, 5, 1, 1, 3)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.pick_button)
        pick_row.addStretch(1)
        form.addLayout(pick_row, 6, 1, 1, 3)
        absent_label = label(self.tr("缺席人员"))
        absent_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addWidget(absent_label, 7, 0)
        form.addWidget(self.absentees, 7, 1, 1, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        form.setRowStretch(5, 2)
        form.setRowStretch(7, 1)
        self.setTabOrder(self.title, self.kind)
        return page

    def _content_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(16, 16, 16, 16)
        form.setVerticalSpacing(10)
        self.agenda = QPlainTextEdit()
        self.agenda.setPlaceholderText(self.tr("每行一项议题"))
        self.discussion = QPlainTextEdit()
        self.discussion.setPlaceholderText(self.tr("会上讨论的主要内容和各方意见"))
        self.residents_views = QPlainTextEdit()
        self.residents_views.setPlaceholderText(self.tr("居民提出的意见、建议和诉求"))
        agenda = QVBoxLayout()
        agenda.addWidget(self.agenda)
        self.overdue_button = QPushButton(self.tr("添加超期诉求…"))
        self.overdue_button.setToolTip(self.tr("把超期未办结的居民诉求列为议题"))
        self.overdue_button.clicked.connect(self.add_overdue_requests)
        agenda.addWidget(self.overdue_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow(self.tr("会议议题"), agenda)
        form.addRow(self.tr("讨论情况"), self.discussion)
        form.addRow(self.tr("居民意见"), self.residents_views)
        return page

    def add_overdue_requests(self) -> QDialog:
        """The overdue requests ticked in a list, each put on the agenda as a line."""
        from app.ui.pages.requests.agenda import OverdueAgendaDialog

        dialog = OverdueAgendaDialog(self.ctx, self)

        def add() -> None:
            lines = [line for line in _lines(self.agenda) if line] + dialog.lines()
            self.agenda.setPlainText("\n".join(dict.fromkeys(lines)))

        dialog.accepted.connect(add)
        dialog.open()
        return dialog

    def _decisions_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(QLabel(self.tr("决定事项（每行一项）")))
        self.decisions = QPlainTextEdit()
        self.decisions.setPlaceholderText(self.tr("例如：每周二、五为独居老人送菜上门"))
        self.decisions.setMaximumHeight(150)
        self.decisions.textChanged.connect(
            lambda: self.actions.set_decisions(_lines(self.decisions))
        )
        layout.addWidget(self.decisions)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("待办事项（每项都要有责任人和完成时限）")), 1)
        self.add_action_button = QPushButton(self.tr("添加待办"))
        self.add_action_button.clicked.connect(self.add_action)
        self.remove_action_button = QPushButton(self.tr("删除选中待办"))
        self.remove_action_button.clicked.connect(self.remove_action)
        head.addWidget(self.add_action_button)
        head.addWidget(self.remove_action_button)
        layout.addLayout(head)
        self.actions = ActionItemsTable()
        layout.addWidget(self.actions, 1)
        return page

    def _attachments_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        note = QLabel(
            self.tr(
                "附件（签字扫描件、签到表、照片等）复制保存在数据文件夹的 attachments 中。"
                "已发布的纪要也可以补充附件，但不能移除。"
            )
        )
        note.setWordWrap(True)
        note.setObjectName("muted")
        layout.addWidget(note)
        self.attachment_list = QListWidget()
        self.attachment_list.itemDoubleClicked.connect(self.open_attachment)
        layout.addWidget(self.attachment_list, 1)
        row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("添加文件…"))
        self.attach_button.clicked.connect(self.add_files)
        self.open_button = QPushButton(self.tr("打开"))
        self.open_button.clicked.connect(lambda: self.open_attachment(None))
        self.detach_button = QPushButton(self.tr("移除"))
        self.detach_button.clicked.connect(self.remove_file)
        row.addWidget(self.attach_button)
        row.addWidget(self.open_button)
        row.addWidget(self.detach_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    # --- loading and collecting --------------------------------------------------------------

    def _banner_text(self, detail: MeetingDetail) -> str:
        if detail.status == "published":
            text = self.tr("这份纪要已发布并锁定，只能查看。如需更正，请在列表中选中它并点“修正”。")
        elif detail.status == "superseded":
            text = self.tr("这份纪要已被第 {0} 号修正稿取代，仅作存档。").format(
                detail.amended_by_id
            )
        else:
            text = ""
        if detail.amends_id:
            amend = self.tr("这是第 {0} 号纪要的修正稿。修正原因：{1}").format(
                detail.amends_id, detail.amend_reason or ""
            )
            text = f"{amend}\n{text}" if text else amend
        return text

    def load(self, data: MeetingInput, detail: MeetingDetail | None) -> None:
        self.title.setText(data.title)
        if data.kind:
            self.kind.setCurrentText(meeting_kind_label(data.kind))
        self.level.setCurrentIndex(max(self.level.findData(data.level), 0))
        if data.grid:
            index = self.grid.findData(data.grid)
            if index < 0 and detail is not None and detail.grid_name:
                self.grid.addItem(grid_label(detail.grid_name, data.grid), data.grid)
                index = self.grid.count() - 1
            self.grid.setCurrentIndex(max(index, 0))
        if isinstance(data.held_on, date):
            self.held_on.setDate(to_qdate(data.held_on))
        for edit, value in ((self.start_time, data.start_time), (self.end_time, data.end_time)):
            edit.setText(value.strftime("%H:%M") if hasattr(value, "strftime") else (value or ""))
        self.place.setText(data.place or "")
        self.chair.setText(data.chair or "")
        self.recorder.setText(data.recorder or "")
        self.attendees.setPlainText("\n".join(data.attendees))
        self.absentees.setPlainText("\n".join(data.absentees))
        self.agenda.setPlainText("\n".join(data.agenda))
        self.discussion.setPlainText(data.discussion)
        self.residents_views.setPlainText(data.residents_views)
        self.decisions.setPlainText("\n".join(data.decisions))
        self.actions.set_decisions(list(data.decisions))
        states = {a.id: a for a in detail.action_items} if detail else {}
        for item in data.action_items:
            row = self.actions.add_item(item)
            known = states.get(item.id) if item.id else None
            if known is not None and known.status != "open":
                self.actions.closed[row] = known.status
                tip = self.tr("已办结：{0}").format(known.done_note or "")
                for column in range(self.actions.columnCount()):
                    self.actions.editor(row, column).setToolTip(tip)
        if detail is not None:
            for attachment in detail.attachments:
                entry = QListWidgetItem(with_note(attachment.file_name, _size(attachment.size)))
                entry.setData(Qt.ItemDataRole.UserRole, ("stored", attachment))
                self.attachment_list.addItem(entry)

    def _kind(self) -> str | None:
        """The meeting type as stored: a listed one by its Chinese name, else as typed."""
        typed = self.kind.currentText().strip()
        listed = self.kind.findText(typed)
        return str(self.kind.itemData(listed)) if listed >= 0 else typed or None

    def collect(self) -> MeetingInput:
        return MeetingInput(
            title=self.title.text(),
            held_on=from_qdate(self.held_on.date()),
            level=self.level.currentData(),
            grid=self.grid.currentData() if self.level.currentData() == "grid" else None,
            kind=self._kind(),
            start_time=self.start_time.text().replace("：", ":") or None,
            end_time=self.end_time.text().replace("：", ":") or None,
            place=self.place.text(),
            chair=self.chair.text(),
            recorder=self.recorder.text(),
            attendees=_lines(self.attendees),
            absentees=_lines(self.absentees),
            agenda=_lines(self.agenda),
            discussion=self.discussion.toPlainText(),
            residents_views=self.residents_views.toPlainText(),
            decisions=_lines(self.decisions),
            action_items=self.actions.items(),
        )

    def _set_read_only(self) -> None:
        for edit in (self.title, self.place, self.chair, self.recorder):
            edit.setReadOnly(True)
        for edit in (self.start_time, self.end_time):
            edit.setReadOnly(True)
        for text in (
            self.attendees,
            self.absentees,
            self.agenda,
            self.discussion,
            self.residents_views,
            self.decisions,
        ):
            text.setReadOnly(True)
        for widget in (self.kind, self.level, self.grid, self.held_on):
            widget.setEnabled(False)
        for button in (
            self.pick_button,
            self.add_action_button,
            self.remove_action_button,
            self.detach_button,
            self.overdue_button,
        ):
            button.hide()
        for edit in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            edit.setPlaceholderText("")  # an empty field reads as empty, not as a hint
            edit.style().unpolish(edit)  # the style sheet marks read-only fields
            edit.style().polish(edit)
        self.title.setCursorPosition(0)
        self.actions.set_read_only(True)
        if self.detail is not None and self.detail.status == "superseded":
            self.attach_button.setEnabled(False)

    def _level_changed(self) -> None:
        self.grid.setEnabled(self.level.currentData() == "grid" and not self.read_only)

    def _count_attendees(self) -> None:
        n = len(_lines(self.attendees))
        self.attendee_count.setText(self.tr("{0} 人").format(n) if n else "")

    # --- actions -----------------------------------------------------------------------------

    def add_action(self) -> None:
        row = self.actions.add_item(default_due=from_qdate(self.held_on.date()))
        self.tabs.setCurrentIndex(2)
        self.actions.setCurrentCell(row, 0)
        self.actions.editor(row, ActionItemsTable.COL_TEXT).setFocus()

    def remove_action(self) -> None:
        row = self.actions.currentRow()
        if row < 0:
            return
        if self.actions.closed[row]:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("这项待办已经办结，不能从纪要中删除。"),
            )
            return
        self.actions.remove_row(row)

    def pick_residents(self) -> None:
        picker = ResidentPickerDialog(self.ctx, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen:
            lines = _lines(self.attendees)
            lines += [name for name in picker.chosen if name not in lines]
            self.attendees.setPlainText("\n".join(lines))

    def add_files(self) -> None:
        names = open_files(self, self.ctx.settings, self.tr("选择附件"))
        if not names:
            return
        if self.read_only:
            self._attach_now([Path(n) for n in names])
            return
        for name in names:
            path = Path(name)
            self.pending_files.append(path)
            entry = QListWidgetItem(self.tr("{0}（保存时添加）").format(path.name))
            entry.setData(Qt.ItemDataRole.UserRole, ("pending", path))
            self.attachment_list.addItem(entry)

    def _attach_now(self, paths: list[Path]) -> None:
        """Published minutes: an attachment is added at once (it does not change the text)."""
        assert self.meeting_id is not None
        db, folder, meeting_id = self.ctx.db, self.ctx.datadir.attachments, self.meeting_id

        def work(_progress: Any) -> list[attachments.AttachmentRow]:
            with db.session() as session:
                for path in paths:
                    attachments.add_attachment(session, meeting_id, path, folder)
                return search.get_meeting(session, meeting_id).attachments

        def done(rows: list[attachments.AttachmentRow]) -> None:
            self.attachment_list.clear()
            for attachment in rows:
                entry = QListWidgetItem(with_note(attachment.file_name, _size(attachment.size)))
                entry.setData(Qt.ItemDataRole.UserRole, ("stored", attachment))
                self.attachment_list.addItem(entry)

        self.ctx.run(
            self, work, title=self.tr("添加附件"), on_success=done, changes=Change.MEETINGS
        )

    def remove_file(self) -> None:
        entry = self.attachment_list.currentItem()
        if entry is None:
            return
        kind, value = entry.data(Qt.ItemDataRole.UserRole)
        if kind == "pending":
            self.pending_files.remove(value)
        else:
            self.removed_attachments.append(value.id)
        self.attachment_list.takeItem(self.attachment_list.row(entry))

    def open_attachment(self, entry: QListWidgetItem | None) -> None:
        entry = entry or self.attachment_list.currentItem()
        if entry is None:
            return
        kind, value = entry.data(Qt.ItemDataRole.UserRole)
        if kind == "pending":
            path = value
        else:
            scratch = self.ctx.db.scratch or self.ctx.datadir.root / "tmp"
            path = attachments.readable_copy(
                self.ctx.datadir.attachments, value.stored_name, scratch
            )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- saving ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc or the close button: ask before typed work is thrown away."""
        if not self.read_only and (self.collect() != self._initial or self.pending_files):
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("放弃尚未保存的内容？"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def save(self) -> None:
        data = self.collect()
        db, folder = self.ctx.db, self.ctx.datadir.attachments
        meeting_id = self.meeting_id
        files = list(self.pending_files)
        removed = list(self.removed_attachments)

        def work(_progress: Any) -> int:
            with db.session() as session:
                if meeting_id is None:
                    saved = core.create_meeting(session, data)
                else:
                    saved = core.edit_meeting(session, meeting_id, data)
                for attachment_id in removed:
                    attachments.remove_attachment(session, attachment_id)
                for path in files:
                    attachments.add_attachment(session, saved, path, folder)
                return saved

        self.save_button.setEnabled(False)
        self.error.hide()
        self.ctx.run(
            self,
            work,
            title=self.tr("保存会议纪要"),
            show_progress=bool(files),
            changes=Change.MEETINGS,
        ).success(self._saved).failure(self._failed)

    def _saved(self, meeting_id: int) -> None:
        self.saved_id = meeting_id
        self.saved.emit(meeting_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, GridDeskError):
            self.show_error(exc.message(self.ctx.lang))
            QMessageBox.warning(self, self.windowTitle(), exc.message(self.ctx.lang))
            return
        from app.ui.crash import report_bug

        report_bug(exc, self)


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(size // 1024, 1)} KB"


class CloseActionDialog(QDialog):
    """Closing an action item: what was done, and when (or why it is dropped)."""

    def __init__(self, item: action_items.ActionItemRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("办结待办事项"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        what = QLabel(
            self.tr("事项：{0}\n责任人：{1}　完成时限：{2}").format(
                item.text, item.owner, item.due.isoformat()
            )
        )
        what.setWordWrap(True)
        layout.addWidget(what)
        frame = QFrame()
        form = QFormLayout(frame)
        form.setContentsMargins(0, 8, 0, 0)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("做了什么、结果如何（必填）"))
        self.note.setTabChangesFocus(True)
        self.done_on = date_edit()
        self.done_on.setMaximumDate(to_qdate(date.today()))
        self.done_on.setMinimumDate(to_qdate(item.meeting_date))
        self.cancelled = QCheckBox(self.tr("不再执行（取消此事项，写明原因）"))
        form.addRow(self.tr("办理情况"), self.note)
        form.addRow(self.tr("办结日期"), self.done_on)
        form.addRow("", self.cancelled)
        layout.addWidget(frame)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("办结"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.cancelled.toggled.connect(
            lambda on: self.ok.setText(self.tr("取消事项") if on else self.tr("办结"))
        )
        layout.addWidget(buttons)
        self.note.setFocus()

    def _accept(self) -> None:
        if not self.note.toPlainText().strip():
            QMessageBox.information(
                self, self.windowTitle(), self.tr("请写明办理情况（做了什么）。")
            )
            self.note.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, date, bool]:
        return (
            self.note.toPlainText().strip(),
            from_qdate(self.done_on.date()),
            self.cancelled.isChecked(),
        )


class ResidentPickerDialog(QDialog):
    """Find residents by name and add them as attendees (name and address; no ID numbers)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: list[str] = []
        self.setWindowTitle(self.tr("从居民中添加出席人员"))
        self.resize(480, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("输入姓名查找，按回车"))
        self.search.returnPressed.connect(self.find)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.itemDoubleClicked.connect(lambda _item: self._accept())
        layout.addWidget(self.results, 1)
        self.status = QLabel(self.tr("可按住 Ctrl 选择多人。"))
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("添加所选"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.setFocus()

    def find(self) -> None:
        text = self.search.text()
        db = self.ctx.db

        def work(_progress: Any) -> list[str]:
            with db.reading() as session:
                return core.attendee_candidates(session, text)

        def show(names: list[str]) -> None:
            self.results.clear()
            self.results.addItems(names)
            self.status.setText(
                self.tr("找到 {0} 人").format(len(names)) if names else self.tr("没有找到。")
            )
            if names:
                self.results.setCurrentRow(0)
                self.results.setFocus()

        self.ctx.run(self, work, on_success=show, show_progress=False)

    def _accept(self) -> None:
        self.chosen = [item.text() for item in self.results.selectedItems()]
        self.accept()
