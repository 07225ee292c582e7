"""排班签到's dialogs: a duty, its shifts, and the people on a shift."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from app.core.common.changes import Change
from app.core.grids import duty_shifts
from app.core.grids.duty import PersonRow
from app.db.models_grids import DUTY_KINDS
from app.errors import AlreadyDone
from app.ui.context import AppContext
from app.ui.dates import date_edit, from_qdate, from_qtime
from app.ui.labels import duty_kind_label, role_label, with_note
from app.ui.pages.grids.dialogs import OpDialog, grid_combo


class DutyDialog(OpDialog):
    changes = Change.DUTY

    def __init__(
        self,
        ctx: AppContext,
        choices: Sequence[tuple[str, str]],
        existing: tuple[int, str, str, str | None, str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("编辑任务") if existing else self.tr("新增任务"))
        self.existing = existing
        self.name = QLineEdit(existing[1] if existing else "")
        self.name.setPlaceholderText(self.tr("如 北门卡点值守"))
        self.kind = QComboBox()
        self.kind.setEditable(True)
        for kind in DUTY_KINDS:  # shown in the interface's language, kept by their stored name
            self.kind.addItem(duty_kind_label(kind), kind)
        if existing:
            self.kind.setCurrentText(duty_kind_label(existing[2]))
        self.grid = grid_combo(choices, self.tr("（全社区）"))
        if existing and existing[3]:
            self.grid.setCurrentIndex(max(self.grid.findData(existing[3]), 0))
        self.place = QLineEdit(existing[4] or "" if existing else "")
        self.form.addRow(self.tr("任务名称"), self.name)
        self.form.addRow(self.tr("类型"), self.kind)
        self.form.addRow(self.tr("网格"), self.grid)
        self.form.addRow(self.tr("地点"), self.place)
        self.finish_layout()
        self.fit_width(440)

    def work(self) -> Callable[[Any], Any]:
        db = self.ctx.db
        typed = self.kind.currentText().strip()
        listed = self.kind.findText(typed)
        name, kind, grid, place = (
            self.name.text(),
            str(self.kind.itemData(listed)) if listed >= 0 else typed,
            self.grid.currentData(),
            self.place.text(),
        )
        duty_id = self.existing[0] if self.existing else None

        def run(_progress: Any) -> int:
            with db.session(note="grids page") as session:
                if duty_id is None:
                    return duty_shifts.create_duty(session, name, kind, grid, place).id
                return duty_shifts.edit_duty(session, duty_id, name, kind, grid, place).id

        return run


class ShiftsDialog(OpDialog):
    """排班: the same shift every day over some days."""

    changes = Change.DUTY

    def __init__(
        self,
        ctx: AppContext,
        duties: Sequence[tuple[int, str, str, str | None, str | None]],
        day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("排班"))
        self.duty = QComboBox()
        for duty_id, name, kind, grid, _place in duties:
            where = f" · {grid}" if grid else ""
            self.duty.addItem(with_note(name, duty_kind_label(kind) + where), duty_id)
        self.first = date_edit(day)
        self.last = date_edit(day)
        self.start = QTimeEdit(QTime(8, 0))
        self.end = QTimeEdit(QTime(12, 0))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.needed = QSpinBox()
        self.needed.setRange(1, 500)
        self.needed.setValue(2)
        days = QHBoxLayout()
        days.addWidget(self.first)
        days.addWidget(QLabel(self.tr("至")))
        days.addWidget(self.last)
        days.addStretch(1)
        hours = QHBoxLayout()
        hours.addWidget(self.start)
        hours.addWidget(QLabel("—"))
        hours.addWidget(self.end)
        hours.addWidget(QLabel(self.tr("（结束早于开始即为次日）")))
        hours.addStretch(1)
        self.form.addRow(self.tr("任务"), self.duty)
        self.form.addRow(self.tr("日期"), days)
        self.form.addRow(self.tr("时间"), hours)
        self.form.addRow(self.tr("每班人数"), self.needed)
        self.finish_layout()
        self.fit_width(520)

    def work(self) -> Callable[[Any], Any]:
        db = self.ctx.db
        duty_id = self.duty.currentData()
        first, last = from_qdate(self.first.date()), from_qdate(self.last.date())
        start, end = from_qtime(self.start.time()), from_qtime(self.end.time())
        needed = self.needed.value()
        if duty_id is None:
            from app.errors import InvalidInput

            raise InvalidInput("请先新增一项任务。", "Add a duty first.")

        def run(_progress: Any) -> int:
            with db.session(note="grids page") as session:
                return len(
                    duty_shifts.add_daily_shifts(session, duty_id, first, last, start, end, needed)
                )

        return run


class AssignPeopleDialog(OpDialog):
    """安排人员: tick the people for a shift; anyone busy then is refused, naming the other shift."""

    changes = Change.DUTY

    def __init__(
        self,
        ctx: AppContext,
        shift: duty_shifts.ShiftRow,
        people: Sequence[PersonRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("安排人员"))
        self.shift = shift
        on_it = {a.person_id for a in shift.people}
        header = QLabel(
            self.tr("{0}，{1}–{2}，需要 {3} 人，已排 {4} 人").format(
                shift.duty,
                shift.starts_at.strftime("%Y-%m-%d %H:%M"),
                shift.ends_at.strftime("%H:%M"),
                shift.needed,
                len(shift.people),
            )
        )
        header.setWordWrap(True)
        self.form.addRow(header)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按姓名、编号、类别、网格筛选"))
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setMinimumHeight(260)
        for p in people:
            if p.status != "active":
                continue
            label = f"{p.code}  {p.name}  {role_label(p.role)}" + (
                f"  {p.grid_code}" if p.grid_code else ""
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            if p.id in on_it:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setText(label + self.tr("（已在此班次）"))
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.form.addRow(self.filter)
        self.form.addRow(self.list)
        self.finish_layout()
        self.resize(520, 520)
        self.filter.setFocus()

    def _filter(self, text: str) -> None:
        words = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(words) and words not in item.text().lower())

    def checked(self) -> list[int]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if (
                item.flags() & Qt.ItemFlag.ItemIsUserCheckable
                and item.checkState() == Qt.CheckState.Checked
            ):
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def work(self) -> Callable[[Any], Any]:
        db, shift_id, ids = self.ctx.db, self.shift.id, self.checked()

        def run(_progress: Any) -> duty_shifts.AssignOutcome:
            with db.session(note="grids page") as session:
                return duty_shifts.assign_people(session, shift_id, ids)

        return run

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AlreadyDone):
            self._busy = False
            self.buttons.setEnabled(True)
            self.accept()
            return
        super()._failed(exc)
