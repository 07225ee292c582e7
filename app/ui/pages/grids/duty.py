"""排班签到: the scan field keeps the focus (a USB scanner types the code and Enter); a day's shifts
with who is there, late or missing; duties, shifts and who is on them; the week's roster printed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.grids import duty, duty_checkin, duty_shifts
from app.errors import GridDeskError
from app.ui.dates import date_edit, from_qdate, to_qdate
from app.ui.labels import listing, with_note
from app.ui.models.grid_models import ShiftModel, ShiftPeopleModel
from app.ui.pages.grids.dialogs import data_table
from app.ui.pages.grids.duty_dialogs import AssignPeopleDialog, DutyDialog, ShiftsDialog
from app.ui.pages.grids.tab import Tab, heading, muted, toolbar

if TYPE_CHECKING:
    from app.ui.pages.grids.page import GridsPage


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
        self.shifts: list[duty_shifts.ShiftRow] = []
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
        between = bar.addSeparator()
        self.shifts_action = self.action(bar, self.tr("排班…"), self.add_shifts)
        self.assign_action = self.action(bar, self.tr("安排人员…"), self.assign_people)
        self.unassign_action = self.action(bar, self.tr("撤下人员"), self.unassign)
        self.remove_shift_action = self.action(bar, self.tr("删除班次"), self.remove_shift)
        for planning in (
            self.add_duty_action,
            self.edit_duty_action,
            self.shifts_action,
            self.assign_action,
            self.unassign_action,
            self.remove_shift_action,
            between,
            bar.addSeparator(),
        ):
            planning.setVisible(self.ctx.plans_office_work)  # the office staff's roster
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

        def run(
            _progress: Any,
        ) -> tuple[list[duty_shifts.ShiftRow], list[Any], list[duty.PersonRow]]:
            with db.reading() as session:
                return (
                    duty_shifts.day_board(session, day),
                    duty_shifts.list_duties(session),
                    duty.list_people(session, duty.PeopleQuery(active_only=False)),
                )

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(
        self, result: tuple[list[duty_shifts.ShiftRow], list[Any], list[duty.PersonRow]]
    ) -> None:
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
        plans = self.ctx.plans_office_work
        if not duties:
            self.empty.setText(
                self.tr("还没有任务。点击“新增任务”登记卡点值守、上门走访等，再“排班…”。")
                if plans
                else self.tr("还没有任务：由社区工作人员登记任务和排班。")
            )
        elif not shifts:
            self.empty.setText(
                self.tr("这一天没有班次。点击“排班…”安排。")
                if plans
                else self.tr("这一天没有班次。")
            )
        else:
            self.empty.setText("")
        self._update_actions()
        self.page.loaded.emit("duty")

    def selected_shift(self) -> duty_shifts.ShiftRow | None:
        rows = self.shift_table.selectionModel().selectedRows()
        return self.shift_model.row_at(rows[0]) if rows else None

    def selected_assignment(self) -> duty_shifts.AssignmentRow | None:
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

        def run(_progress: Any) -> duty_checkin.ScanResult:
            with db.session(note="check-in") as session:
                return duty_checkin.scan(session, code)

        op = self.ctx.run(
            self, run, on_success=self._scanned, show_progress=False, changes=Change.DUTY
        )
        op.failure(self._scan_failed)

    def _scanned(self, result: duty_checkin.ScanResult) -> None:
        self.scan_result.setObjectName("scanResult")
        self._restyle()
        self.scan_result.setText(f"✔ {result.message(self.ctx.lang)}")
        self.scan.setFocus()
        self.page.scanned.emit(result)

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
        self.page.scanned.emit(exc)

    def _restyle(self) -> None:
        self.scan_result.style().unpolish(self.scan_result)
        self.scan_result.style().polish(self.scan_result)

    # --- duties and shifts -----------------------------------------------------------------------

    def _open(self, dialog: Any) -> Any:
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
                duty_shifts.unassign(session, assignment_id)

        self.write(run, self.tr("撤下人员"), Change.DUTY)

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
                duty_shifts.remove_shift(session, shift_id)

        self.write(run, self.tr("删除班次"), Change.DUTY)

    def print_week(self) -> None:
        from app.core.grids.paper import print_duty_roster

        db, day = self.ctx.db, self.current_day()
        monday = duty_shifts.week_start(day)
        self.preview(
            lambda target: print_duty_roster(db, day, target),
            self.tr("一周值班表"),
            self.tr("值班表-{0}.pdf").format(monday.isoformat()),
        )
