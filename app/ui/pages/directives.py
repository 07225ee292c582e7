"""下发事项 (street office) / 街道下发 (community): the notices, tasks and supply allocations that
travel from the street office to its communities in return packages.

`DirectivesPanel(ctx)` is a panel, not a page of its own: the 数据交换 page embeds it as a tab.

* At a street office: a form to write a notice, a task or an allocation for one community or for
  all, the list of directives with a summary state, and for the selected one the state at each
  community (待发出 / 已发出 / 已签收 / 已完成 / 已到货); 撤销 cancels one.
* At a community: the directives received, with their state here; 完成 records a task done (with
  a note), 确认到货 records how much of an allocation arrived and books it into stock; 撤回回复
  takes a mistaken answer back (a confirmation naming what happens, and a required reason): the
  directive is open again and an arrival's stock is taken out again.

States are written in words (never by colour alone). All work goes through app.core.street.directives on
the database worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import NOTHING, Change
from app.core.exchange.returns import export_return_packages
from app.core.street import directives as core
from app.core.supplies.ledger import MAX_QTY
from app.db.models_directives import TO_ALL
from app.ui.context import AppContext
from app.ui.files import choose_folder
from app.ui.labels import clauses, listing, with_note
from app.ui.pages.grids.dialogs import OpDialog
from app.ui.tables import list_table


def _table(headers: list[str]) -> QTableWidget:
    table = list_table(headers)
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class DirectivesPanel(QWidget):
    """Street office: compose and follow directives; community: answer the ones received."""

    loaded = Signal()
    # what was just recorded: "added", "cancelled", "completed", "arrived", "undone"
    done = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.street = ctx.office.is_street_office
        self.rows: list[core.DirectiveRow] = []
        self.undo_dialog: UndoAnswerDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        intro = QLabel(
            self.tr(
                "通知、任务和物资调拨随回传包发给社区；社区的完成情况和到货数量随社区的数据包报回。"
            )
            if self.street
            else self.tr(
                "街道办的通知、任务和物资调拨随回传包到达本社区。完成任务、确认到货后，"
                "随下一次数据包报街道办。"
            )
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if self.street:
            layout.addWidget(self._compose_box())

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._list_pane())
        split.addWidget(self._detail_pane())
        split.setChildrenCollapsible(False)
        split.setSizes([300, 300] if self.street else [420, 180])
        layout.addWidget(split, 1)

        ctx.changed.connect(self._on_changed)
        self._update_buttons()
        QTimer.singleShot(0, self.reload)

    def _list_pane(self) -> QWidget:
        """The directives with what can be done to the selected one, and what was just done."""
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(self._buttons())
        self.export_label = QLabel()
        self.export_label.setWordWrap(True)
        self.export_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_label.setVisible(False)
        tl.addWidget(self.export_label)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback.setVisible(False)
        tl.addWidget(self.feedback)
        self.table = _table(
            [
                self.tr("编号"),
                self.tr("类别"),
                self.tr("标题"),
                self.tr("收件方") if self.street else self.tr("期限 / 数量"),
                self.tr("期限 / 数量") if self.street else self.tr("下发时间"),
                self.tr("状态"),
            ]
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.empty = QLabel(
            self.tr("暂无事项。在上方填写并点击“下发”，随下一次回传包发给社区。")
            if self.street
            else self.tr("暂未收到街道办的事项。导入街道办的回传包后在此显示。")
        )
        self.empty.setObjectName("muted")
        tl.addWidget(self.empty)
        tl.addWidget(self.table)
        return top

    def _detail_pane(self) -> QWidget:
        """The selected directive in full; at a street office each community's state of it."""
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.detail)
        if self.street:
            self.state_table = _table(
                [
                    self.tr("社区"),
                    self.tr("代码"),
                    self.tr("状态"),
                    self.tr("登记时间"),
                    self.tr("到货数量"),
                    self.tr("备注"),
                ]
            )
            bl.addWidget(self.state_table)
        else:
            bl.addStretch(1)
        return bottom

    def _buttons(self) -> QHBoxLayout:
        """撤销 and 写出回传包 at a street office; 完成, 确认到货 and 撤回回复 at a community."""
        buttons = QHBoxLayout()
        self.list_label = QLabel()
        self.list_label.setObjectName("sectionTitle")
        buttons.addWidget(self.list_label)
        buttons.addStretch(1)
        if self.street:
            self.cancel_button = QPushButton(self.tr("撤销"))
            self.cancel_button.clicked.connect(self.cancel_selected)
            buttons.addWidget(self.cancel_button)
            self.export_button = QPushButton(self.tr("写出回传包…"))
            self.export_button.setToolTip(
                self.tr("为每个有新事项的社区写出一个回传包，存到U盘等文件夹")
            )
            self.export_button.clicked.connect(lambda: self.export_return())
            buttons.addWidget(self.export_button)
        else:
            self.complete_button = QPushButton(self.tr("完成"))
            self.complete_button.clicked.connect(lambda: self.complete_selected())
            self.arrival_button = QPushButton(self.tr("确认到货"))
            self.arrival_button.clicked.connect(lambda: self.confirm_selected())
            self.undo_button = QPushButton(self.tr("撤回回复"))
            self.undo_button.setToolTip(
                self.tr("误点完成、到货数量填错时，撤回本社区的登记（须写明原因），可重新登记")
            )
            self.undo_button.clicked.connect(lambda: self.undo_selected())
            buttons.addWidget(self.complete_button)
            buttons.addWidget(self.arrival_button)
            buttons.addWidget(self.undo_button)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.reload)
        buttons.addWidget(refresh)
        return buttons

    # --- the form (street office) ----------------------------------------------------------------

    def _compose_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("下发新事项"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        first = QHBoxLayout()
        self.kind = QComboBox()
        for key, label in (
            ("notice", self.tr("通知")),
            ("task", self.tr("任务")),
            ("allocation", self.tr("物资调拨")),
        ):
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        first.addWidget(self.kind)
        first.addWidget(QLabel(self.tr("发给")))
        self.to = QComboBox()
        self.to.setMinimumWidth(260)
        first.addWidget(self.to, 1)
        form.addRow(self.tr("类别"), first)
        self.title = QLineEdit()
        self.title.setMaxLength(100)
        self.title.setPlaceholderText(self.tr("如：明日全员核酸检测安排"))
        form.addRow(self.tr("标题"), self.title)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("通知正文，或任务要做什么"))
        self.text.setFixedHeight(64)
        self.text.setTabChangesFocus(True)
        form.addRow(self.tr("内容"), self.text)

        self.task_row = QWidget()
        tr = QHBoxLayout(self.task_row)
        tr.setContentsMargins(0, 0, 0, 0)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setDate(QDate.currentDate().addDays(1))
        tr.addWidget(self.due)
        tr.addWidget(QLabel(self.tr("网格 / 区域")))
        self.area = QLineEdit()
        self.area.setMaxLength(100)
        self.area.setPlaceholderText(self.tr("可不填"))
        tr.addWidget(self.area, 1)
        form.addRow(self.tr("完成期限"), self.task_row)

        self.alloc_row = QWidget()
        ar = QHBoxLayout(self.alloc_row)
        ar.setContentsMargins(0, 0, 0, 0)
        self.item = QLineEdit()
        self.item.setMaxLength(60)
        self.item.setPlaceholderText(self.tr("如：N95口罩"))
        ar.addWidget(self.item, 2)
        ar.addWidget(QLabel(self.tr("数量")))
        self.qty = QSpinBox()
        self.qty.setRange(1, MAX_QTY)
        self.qty.setValue(100)
        ar.addWidget(self.qty)
        ar.addWidget(QLabel(self.tr("单位")))
        self.unit = QLineEdit(self.tr("个"))
        self.unit.setMaxLength(10)
        self.unit.setMaximumWidth(80)
        ar.addWidget(self.unit)
        form.addRow(self.tr("物资"), self.alloc_row)

        send = QHBoxLayout()
        self.form_answer = QLabel()
        self.form_answer.setWordWrap(True)
        send.addWidget(self.form_answer, 1)
        self.add_button = QPushButton(self.tr("下发"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add)
        send.addWidget(self.add_button)
        form.addRow(send)
        self._kind_changed()
        return box

    def _kind_changed(self, _index: int = 0) -> None:
        kind = self.kind.currentData()
        self.task_row.setEnabled(kind == "task")
        self.alloc_row.setEnabled(kind == "allocation")
        self.text.setEnabled(kind != "allocation")
        self.title.setPlaceholderText(
            self.tr("如：明日全员核酸检测安排")
            if kind == "notice"
            else self.tr("可不填，默认取内容开头")
            if kind == "task"
            else self.tr("可不填，默认为“调拨 物资 数量”")
        )

    def spec(self) -> core.DirectiveSpec:
        kind = str(self.kind.currentData())
        return core.DirectiveSpec(
            kind=kind,
            to=str(self.to.currentData()),
            title=self.title.text(),
            text=self.text.toPlainText() if kind != "allocation" else "",
            due=self.due.date().toPython() if kind == "task" else None,  # type: ignore[arg-type]
            area=self.area.text() if kind == "task" else None,
            item=self.item.text() if kind == "allocation" else None,
            qty=self.qty.value() if kind == "allocation" else None,
            unit=self.unit.text() if kind == "allocation" else None,
        )

    def add(self) -> None:
        spec = self.spec()
        db, info = self.ctx.db, self.ctx.office

        def work(_progress: Any) -> str:
            with db.session(note="directive add") as session:
                return core.add_directive(session, info, spec).title

        def added(title: str) -> None:
            self.form_answer.setText(self.tr("已登记“{0}”，随下一次回传包发出。").format(title))
            self.title.clear()
            self.text.clear()
            self.area.clear()
            self.item.clear()
            self.done.emit("added")

        self.ctx.run(
            self,
            work,
            title=self.tr("下发"),
            on_success=added,
            show_progress=False,
            changes=Change.DIRECTIVES,
        )

    # --- loading ---------------------------------------------------------------------------------

    def _on_changed(self, changes: Change) -> None:
        if changes & (Change.DIRECTIVES | Change.EXCHANGE):
            self.reload()

    def reload(self) -> None:
        db, info = self.ctx.db, self.ctx.office

        def work(_progress: Any) -> dict[str, Any]:
            with db.reading() as session:
                return {
                    "rows": core.list_directives(session, info),
                    "communities": [(o.code, o.name) for o in core.communities(session)]
                    if info.is_street_office
                    else [],
                }

        self.ctx.run(self, work, on_success=self._loaded, show_progress=False)

    def _state(self, state: str) -> str:
        return {
            "waiting": self.tr("待发出"),
            "sent": self.tr("已发出"),
            "received": self.tr("已签收") if self.street else self.tr("已收到"),
            "open": self.tr("待办"),
            "completed": self.tr("已完成"),
            "arrived": self.tr("已到货"),
            "cancelled": self.tr("已撤销"),
        }.get(state, state)

    def _kind(self, kind: str) -> str:
        return {
            "notice": self.tr("通知"),
            "task": self.tr("任务"),
            "allocation": self.tr("物资调拨"),
        }[kind]

    def _amount(self, r: core.DirectiveRow) -> str:
        if r.kind == "allocation":
            return f"{r.item} {r.qty}{r.unit}"
        if r.kind == "task" and r.due_on:
            return self.tr("{0} 前").format(r.due_on.isoformat())
        return ""

    def _summary(self, r: core.DirectiveRow) -> str:
        if r.cancelled:
            return self._state("cancelled")
        counts: dict[str, int] = {}
        for c in r.communities:
            counts[c.state] = counts.get(c.state, 0) + 1
        order = ["arrived", "completed", "received", "sent", "waiting"]
        return listing(
            self.tr("{0} {1}").format(self._state(s), counts[s]) for s in order if s in counts
        )

    def _loaded(self, data: dict[str, Any]) -> None:
        selected = self.selected()
        self.rows = data["rows"]
        names: dict[str, str] = dict(data["communities"])
        if self.street:
            current = self.to.currentData()
            self.to.blockSignals(True)
            self.to.clear()
            self.to.addItem(self.tr("全部社区"), TO_ALL)
            for code, name in data["communities"]:
                self.to.addItem(with_note(name, code), code)
            index = self.to.findData(current)
            self.to.setCurrentIndex(max(index, 0))
            self.to.blockSignals(False)
        rows = []
        for r in self.rows:
            if self.street:
                to = (
                    self.tr("全部社区")
                    if r.addressee == TO_ALL
                    else names.get(r.addressee, r.addressee)
                )
                rows.append(
                    [r.ref, self._kind(r.kind), r.title, to, self._amount(r), self._summary(r)]
                )
            else:
                rows.append(
                    [
                        r.ref,
                        self._kind(r.kind),
                        r.title,
                        self._amount(r),
                        r.issued_at.strftime("%Y-%m-%d %H:%M"),
                        self._state(r.state),
                    ]
                )
        self.table.blockSignals(True)
        _fill(self.table, rows)
        self.table.blockSignals(False)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.list_label.setText(
            self.tr("已下发事项（共 {0} 条）").format(len(rows))
            if self.street
            else self.tr("收到的事项（共 {0} 条，待办 {1} 条）").format(
                len(rows), sum(1 for r in self.rows if r.state == "open")
            )
        )
        again = next((i for i, r in enumerate(self.rows) if selected and r.id == selected.id), None)
        if again is None and self.rows:
            again = 0
        if again is not None:
            self.table.selectRow(again)
        self._selected()
        self.loaded.emit()

    # --- the selected directive ------------------------------------------------------------------

    def selected(self) -> core.DirectiveRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def _selected(self) -> None:
        r = self.selected()
        if r is None:
            self.detail.setText("")
            if self.street:
                _fill(self.state_table, [])
            self._update_buttons()
            return
        lines = ["<b>" + self.tr("{0}：{1}").format(self._kind(r.kind), _esc(r.title)) + "</b>"]
        if r.text:
            lines.append(_esc(r.text))
        if r.kind == "task":
            parts = []
            if r.due_on:
                parts.append(self.tr("完成期限 {0}").format(r.due_on.isoformat()))
            if r.area:
                parts.append(self.tr("网格 / 区域：{0}").format(_esc(r.area)))
            if parts:
                lines.append(clauses(parts))
        if r.kind == "allocation":
            lines.append(
                self.tr("调拨物资：{0}，数量 {1}{2}").format(_esc(r.item or ""), r.qty, r.unit)
            )
            if not self.street and r.state == "open":
                lines.append(
                    self.tr(
                        "货到后核对实际数量，点击“确认到货”，即记入本社区库存（来源：街道调拨）。"
                    )
                )
        if not self.street and r.kind == "task" and r.state == "open":
            lines.append(self.tr("完成后点击“完成”，可写明完成情况。"))
        lines.append(
            self.tr("下发时间 {0}，编号 {1}").format(r.issued_at.strftime("%Y-%m-%d %H:%M"), r.ref)
        )
        if not self.street and r.communities:
            answer = r.communities[0]
            got = (
                self.tr("，到货 {0}{1}").format(answer.qty_received, r.unit)
                if answer.qty_received is not None
                else ""
            )
            note = self.tr("，备注：{0}").format(_esc(answer.note)) if answer.note else ""
            lines.append(
                self.tr("本社区于 {0} 登记{1}{2}{3}").format(
                    answer.answered_at.strftime("%Y-%m-%d %H:%M") if answer.answered_at else "",
                    self._state(answer.state),
                    got,
                    note,
                )
            )
            if not r.cancelled:
                lines.append(
                    self.tr("登记有误（误点、数量填错）可点击“撤回回复”，写明原因后重新登记。")
                )
        self.detail.setText("<br>".join(lines))
        if self.street:
            _fill(
                self.state_table,
                [
                    [
                        c.name,
                        c.code,
                        self._state(c.state),
                        c.answered_at.strftime("%Y-%m-%d %H:%M") if c.answered_at else "",
                        c.qty_received,
                        c.note or "",
                    ]
                    for c in r.communities
                ],
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        r = self.selected()
        if self.street:
            self.cancel_button.setEnabled(r is not None and not r.cancelled)
            return
        is_open = r is not None and r.state == "open"
        self.complete_button.setEnabled(is_open and r is not None and r.kind == "task")
        self.arrival_button.setEnabled(is_open and r is not None and r.kind == "allocation")
        # at a community, `communities` holds this community's live answer, if any
        self.undo_button.setEnabled(r is not None and bool(r.communities) and not r.cancelled)

    # --- actions ---------------------------------------------------------------------------------

    def _record(self, what: str, fn: Any, title: str) -> None:
        db = self.ctx.db

        def work(_progress: Any) -> None:
            with db.session(note=f"directive {what}") as session:
                fn(session)

        def recorded(_result: Any) -> None:
            self.done.emit(what)

        # an arrival is taken into stock
        changes = Change.DIRECTIVES | (Change.SUPPLIES if what == "arrived" else NOTHING)
        self.ctx.run(
            self, work, title=title, on_success=recorded, show_progress=False, changes=changes
        )

    def export_return(self, folder: str | None = None) -> None:
        """Street office: the return packages of every community with something new."""
        if folder is None:
            chosen = choose_folder(self, self.ctx.settings, self.tr("回传包存到哪个文件夹（U盘）"))
            if chosen is None:
                return
            folder = str(chosen)
        db, datadir, info, out = self.ctx.db, self.ctx.datadir, self.ctx.office, Path(folder)

        def work(_progress: Any) -> list[Any]:
            return export_return_packages(db, datadir, info, out)

        def written(results: list[Any]) -> None:
            names = "\n".join(
                self.tr("{0}：{1}（{2}）").format(r.recipient, r.path.name, r.records)
                for r in results
            )
            self.export_label.setText(
                self.tr("已写出 {0} 个回传包到 {1}：\n{2}").format(len(results), folder, names)
            )
            self.export_label.setVisible(True)
            self.done.emit("exported")

        self.ctx.run(
            self,
            work,
            title=self.tr("写出回传包"),
            on_success=written,
            changes=Change.EXCHANGE | Change.DIRECTIVES,
        )

    def cancel_selected(self) -> None:
        r = self.selected()
        if r is None or r.cancelled:
            return
        answer = QMessageBox.question(
            self,
            self.tr("撤销"),
            self.tr("撤销“{0}”？撤销随下一次回传包通知社区。").format(r.title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        info, ref = self.ctx.office, r.uuid
        self._record(
            "cancelled",
            lambda s: core.cancel_directive(s, info, ref, "撤销"),
            self.tr("撤销"),
        )

    def complete_selected(self, note: str | None = None) -> None:
        r = self.selected()
        if r is None or r.kind != "task" or r.state != "open":
            return
        if note is None:
            text, ok = QInputDialog.getText(
                self,
                self.tr("完成"),
                self.tr("任务“{0}”已完成。备注（可不填）：").format(r.title),
            )
            if not ok:
                return
            note = text
        info, ref, given = self.ctx.office, r.uuid, note
        self._record(
            "completed", lambda s: core.complete_task(s, info, ref, given), self.tr("完成")
        )

    def confirm_selected(self, qty: int | None = None) -> None:
        r = self.selected()
        if r is None or r.kind != "allocation" or r.state != "open":
            return
        if qty is None:
            value, ok = QInputDialog.getInt(
                self,
                self.tr("确认到货"),
                self.tr("“{0}”实际到货数量（{1}），将记入库存：").format(r.title, r.unit),
                r.qty or 1,
                1,
                MAX_QTY,
            )
            if not ok:
                return
            qty = value
        info, ref, amount = self.ctx.office, r.uuid, qty
        self._record(
            "arrived",
            lambda s: core.confirm_arrival(s, info, ref, amount),
            self.tr("确认到货"),
        )

    def undo_selected(self) -> UndoAnswerDialog | None:
        """撤回回复: the dialog that names what undoing does and asks why; on OK the answer is
        taken back on the database worker, and the dialog closes only when that succeeded."""
        r = self.selected()
        if self.street or r is None or not r.communities or r.cancelled:
            return None
        dialog = UndoAnswerDialog(self.ctx, r, self)
        dialog.done.connect(self._undone)
        self.undo_dialog = dialog
        dialog.open()
        return dialog

    def _undone(self, result: core.UndoneAnswer) -> None:
        if result.qty is not None:
            text = self.tr(
                "已撤回“{0}”的到货登记，库存冲减 {1}{2}{3}（现有 {4}{2}），可重新确认到货。"
            )
            text = text.format(result.title, result.qty, result.unit, result.item, result.on_hand)
        else:
            text = self.tr("已撤回任务“{0}”的完成登记，可重新登记完成。").format(result.title)
        self.feedback.setText(text)
        self.feedback.setVisible(True)
        self.done.emit("undone")


class UndoAnswerDialog(OpDialog):
    """撤回回复: says what taking the answer back does (an arrival's stock is taken out again) and
    requires a reason; a refusal (the goods already handed out) shows inside the dialog."""

    def __init__(self, ctx: AppContext, row: core.DirectiveRow, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.row = row
        self.setWindowTitle(self.tr("撤回回复"))
        self.setMinimumWidth(520)
        answer = row.communities[0]
        if answer.qty_received is not None:
            text = self.tr(
                "撤回“{0}”的到货登记？<br>已记入库存的 <b>{1}{2}{3}</b> 将从库存冲减"
                "（记一笔库存调整），该调拨恢复为待办，可重新确认到货。"
            ).format(
                _esc(row.title), answer.qty_received, _esc(row.unit or ""), _esc(row.item or "")
            )
        else:
            text = self.tr(
                "撤回任务“{0}”的完成登记？<br>该任务恢复为待办，可重新登记完成。"
            ).format(_esc(row.title))
        self.question = QLabel(text + "<br>" + self.tr("撤回随下一次数据包报街道办。"))
        self.question.setWordWrap(True)
        self.form.addRow(self.question)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("如：误点完成、数量填错"))
        self.form.addRow(self.tr("撤回原因（必填）"), self.reason)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("撤回回复"))
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        self.finish_layout()
        self.reason.setFocus()

    def show_error(self, text: str) -> None:
        super().show_error(text)
        self.adjustSize()  # room for the message under the question, not over it

    def changes_of(self, result: core.UndoneAnswer) -> Change:
        # an arrival taken back takes its stock out again
        return Change.DIRECTIVES | (Change.SUPPLIES if result.qty is not None else NOTHING)

    def work(self) -> Any:
        db, info, ref, reason = self.ctx.db, self.ctx.office, self.row.uuid, self.reason.text()

        def run(_progress: Any) -> core.UndoneAnswer:
            with db.session(note="directive undo") as session:
                return core.undo_answer(session, info, ref, reason)

        return run


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
