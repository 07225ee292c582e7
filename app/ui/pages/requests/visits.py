"""诉求 → 随访: the follow-up plans (made from a kind and a tag, stopped), the visits due on a day per
grid with yesterday's missed ones flagged at the top (漏访, in bold red), each recorded in a
keystroke or two — 已联系 / 未联系上 / 需要帮助 (which logs an urgent request), with a temperature
and a note — and the day's door-to-door checklist printed through the print preview.

All work goes through `app.core.requests.visits` and `checklist` on the database worker.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.trust.roles import Permission
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.dates import date_edit, from_qdate
from app.ui.labels import BUILTIN_TAGS, tag_label
from app.ui.models.requests import PLAN_KINDS, VisitsModel, plan_description, plan_label
from app.ui.models.rows import RowsModel
from app.ui.style import DANGER, OK_COLOUR
from app.ui.toolbar import PageToolBar


class PlansModel(RowsModel[Any]):
    COL_PLAN, COL_TAG, COL_START, COL_END, COL_PEOPLE, COL_STATE = range(6)

    def header_texts(self) -> list[str]:
        return [
            self.tr("随访计划"),
            self.tr("对象"),
            self.tr("开始"),
            self.tr("结束"),
            self.tr("人数"),
            self.tr("状态"),
        ]

    def text(self, row: Any, column: int) -> str:
        if column == self.COL_PLAN:
            return plan_label(row.kind)
        if column == self.COL_TAG:
            return tag_label(row.tag)
        if column == self.COL_START:
            return row.start.isoformat()
        if column == self.COL_END:
            if row.stopped_at is not None:
                return f"{row.stopped_at:%Y-%m-%d}"
            return row.last_day.isoformat() if row.last_day else self.tr("直到停止")
        if column == self.COL_PEOPLE:
            return f"{row.residents:,}"
        if column == self.COL_STATE:
            if row.stopped_at is not None:
                return self.tr("已停止")
            return self.tr("进行中") if row.active else self.tr("已结束")
        return ""

    def tooltip(self, row: Any, column: int) -> str | None:
        return plan_description(row.kind) if column == self.COL_PLAN else None


class PlanDialog(QDialog):
    """新建随访计划: the kind (which says how often), the residents' tag, the days."""

    def __init__(self, tags: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建随访计划"))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        self.kind = QComboBox()
        for code in PLAN_KINDS:
            self.kind.addItem(plan_description(code), code)
        form.addRow(self.tr("计划"), self.kind)
        self.tag = QComboBox()
        for tag in tags:
            self.tag.addItem(tag_label(tag), tag)
        form.addRow(self.tr("对象（人员类别）"), self.tag)
        self.days = QSpinBox()
        self.days.setRange(0, 366)
        self.days.setSpecialValueText(self.tr("按计划默认"))
        self.days.setSuffix(self.tr(" 天"))
        form.addRow(self.tr("天数"), self.days)
        defaults = {"home-quarantine": "居家隔离", "living-alone": "独居老人", "chronic": "慢性病"}

        def suggest() -> None:
            at = self.tag.findData(defaults.get(str(self.kind.currentData()), ""))
            if at >= 0:
                self.tag.setCurrentIndex(at)

        self.kind.currentIndexChanged.connect(lambda _i: suggest())
        suggest()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("生成计划"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, int | None]:
        return str(self.kind.currentData()), str(self.tag.currentData()), self.days.value() or None


class VisitsTab(QWidget):
    """随访."""

    loaded = Signal()
    recorded = Signal(object, object)  # the VisitRow, the request id a needs-help made (or None)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.writes = ctx.may(Permission.WRITE)
        self.plans: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("日期：")))
        self.day = date_edit(date.today())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        bar.addWidget(self.day)
        bar.addWidget(QLabel(self.tr("网格：")))
        self.grid = QComboBox()
        self.grid.addItem(self.tr("全部网格"), None)
        self.grid.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.grid)
        self.print_button = QPushButton(self.tr("打印走访清单…"))
        self.print_button.clicked.connect(self.print_checklist)
        self.print_button.setVisible(ctx.may(Permission.PRINT_PERSONAL))
        bar.addWidget(self.print_button)
        bar.addStretch(1)
        self.summary = QLabel()
        bar.addWidget(self.summary)
        layout.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        plans_bar = PageToolBar()
        self.plan_action = plans_bar.addAction(self.tr("新建随访计划"), self.new_plan)
        self.stop_action = plans_bar.addAction(self.tr("停止计划"), self.stop_plan)
        self.plan_action.setVisible(self.writes)
        self.stop_action.setVisible(self.writes)
        lv.addWidget(plans_bar)
        self.plans_model = PlansModel(self)
        self.plans_table = self._table(self.plans_model)
        lv.addWidget(self.plans_table, 1)
        split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.model = VisitsModel(self)
        self.table = self._table(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._chosen())
        rv.addWidget(self.table, 1)
        record = QHBoxLayout()
        record.addWidget(QLabel(self.tr("体温")))
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(34.0, 43.0)
        self.temperature.setDecimals(1)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSpecialValueText(self.tr("未测"))
        self.temperature.setMinimum(34.0)
        self.temperature.setValue(34.0)
        self.temperature.setSuffix(" ℃")
        record.addWidget(self.temperature)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("备注：需要什么"))
        record.addWidget(self.note, 1)
        self.buttons: dict[str, QPushButton] = {}
        for outcome, label in (
            ("reached", self.tr("已联系(&1)")),
            ("not-reached", self.tr("未联系上(&2)")),
            ("needs-help", self.tr("需要帮助(&3)")),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, o=outcome: self.record(o))
            button.setVisible(self.writes)
            self.buttons[outcome] = button
            record.addWidget(button)
        rv.addLayout(record)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        rv.addWidget(self.answer)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([520, 600])
        layout.addWidget(split, 1)
        ctx.changed.connect(self._on_changed)
        self._grids_read = False

    def _table(self, model: Any) -> QTableView:
        table = QTableView()
        table.setObjectName("dataTable")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(30)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _on_changed(self, changes: Change) -> None:
        if self.isVisible() and changes & (Change.REQUESTS | Change.REGISTRY | Change.GRIDS):
            self.refresh()

    def _read_grids(self) -> None:
        from app.core.grids import structure

        with self.ctx.db.reading() as session:
            grids = structure.list_grids(session)
        self.grid.blockSignals(True)
        for g in grids:
            self.grid.addItem(f"{g.code} {g.name}", g.code)
        self.grid.blockSignals(False)
        self._grids_read = True

    def refresh(self) -> None:
        """The plans and the day's visits (the day's visits are made from the plans on first ask,
        hence a writing session), yesterday's missed ones first."""
        from app.core.requests import visits

        if not self._grids_read:
            self._read_grids()
        db, day, grid = self.ctx.db, from_qdate(self.day.date()), self.grid.currentData()
        writes = self.writes

        def work(_progress: Any) -> tuple[list[Any], list[Any], list[Any]]:
            if writes:
                with db.session(note="visits due") as session:
                    due = visits.visits_due(session, day, grid=grid)
                    missed = visits.missed_visits(session, day - timedelta(days=1))
                    plans = visits.list_plans(session)
            else:
                with db.reading() as session:
                    due = visits.visits_due(session, day, grid=grid, generate=False)
                    missed = visits.missed_visits(session, day - timedelta(days=1), generate=False)
                    plans = visits.list_plans(session)
            if grid is not None:
                missed = [m for m in missed if m.grid == grid]
            return plans, due, missed

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[list[Any], list[Any], list[Any]]) -> None:
        plans, due, missed = result
        keep = self.selected()
        self.plans = plans
        self.plans_model.set_rows(plans)
        self.model.missed = {m.id for m in missed}
        self.model.set_rows(missed + due)
        done = sum(1 for v in due if v.outcome)
        self.summary.setText(
            self.tr("应访 {0} 次，已访 {1} 次，昨日漏访 {2} 次").format(len(due), done, len(missed))
        )
        self.summary.setStyleSheet(f"color: {DANGER}; font-weight: 600;" if missed else "")
        row = next((i for i, v in enumerate(self.model.rows) if keep and v.id == keep.id), -1)
        if row < 0:
            row = next((i for i, v in enumerate(self.model.rows) if not v.outcome), 0)
        if self.model.rows:
            self.table.selectRow(row)
        self._chosen()
        self.loaded.emit()

    def selected(self) -> Any:
        return self.model.row_at(self.table.currentIndex())

    def _chosen(self) -> None:
        visit = self.selected()
        open_ = visit is not None and not visit.outcome
        for button in self.buttons.values():
            button.setEnabled(open_)

    def record(self, outcome: str) -> None:
        from app.core.requests import visits

        visit = self.selected()
        if visit is None:
            return
        temperature = self.temperature.value()
        measured = None if temperature <= self.temperature.minimum() else round(temperature, 1)
        note = self.note.text().strip() or None
        db, lang, visit_id = self.ctx.db, self.ctx.lang, visit.id

        def work(_progress: Any) -> Any:
            try:
                with db.session(note="visits record") as session:
                    return visits.record_visit(
                        session, visit_id, outcome, temperature=measured, note=note
                    )
            except GridDeskError as exc:
                return exc.message(lang)

        def done(result: Any) -> None:
            if isinstance(result, str):
                self._say(False, "✖ " + result)
                return
            row, request_id = result
            self.note.clear()
            self.temperature.setValue(self.temperature.minimum())
            if request_id is not None:
                self._say(
                    True,
                    self.tr("✔ 已记录 {0}：需要帮助，已登记紧急诉求 #{1}").format(
                        row.resident, request_id
                    ),
                )
            else:
                self._say(True, self.tr("✔ 已记录 {0}").format(row.resident))
            self.recorded.emit(row, request_id)

        def changes(result: Any) -> Change:
            return Change(0) if isinstance(result, str) else Change.REQUESTS

        self.ctx.run(self, work, on_success=done, show_progress=False, changes=changes)

    def _say(self, ok: bool, text: str) -> None:
        self.answer.setText(text)
        self.answer.setStyleSheet(f"color: {OK_COLOUR if ok else DANGER}; font-weight: 600;")

    def new_plan(self) -> None:
        from app.core.registry import lookup
        from app.core.requests import visits

        with self.ctx.db.reading() as session:
            tags = list(lookup.filter_options(session).tags)
        tags = list(dict.fromkeys([*tags, "居家隔离", *BUILTIN_TAGS]))
        dialog = PlanDialog(tags, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind, tag, days = dialog.values()
        db = self.ctx.db

        def work(_progress: Any) -> Any:
            with db.session(note="visits plan") as session:
                return visits.make_plan(session, kind, tag, days=days)

        self.ctx.run(
            self,
            work,
            title=self.tr("新建随访计划"),
            show_progress=False,
            changes=Change.REQUESTS,
            on_success=lambda _p: self.refresh(),
        )

    def stop_plan(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from app.core.requests import visits

        plan = self.plans_model.row_at(self.plans_table.currentIndex())
        if plan is None:
            return
        sure = QMessageBox.question(
            self,
            self.tr("停止计划"),
            self.tr("停止“{0}（{1}）”？已记录的随访保留。").format(
                plan_label(plan.kind), tag_label(plan.tag)
            ),
        )
        if sure != QMessageBox.StandardButton.Yes:
            return
        db, plan_id = self.ctx.db, plan.id

        def work(_progress: Any) -> None:
            with db.session(note="visits stop") as session:
                visits.stop_plan(session, plan_id)

        self.ctx.run(
            self,
            work,
            title=self.tr("停止计划"),
            show_progress=False,
            changes=Change.REQUESTS,
            on_success=lambda _r: self.refresh(),
        )

    def print_checklist(self) -> None:
        from app.core.requests import checklist

        day, grid = from_qdate(self.day.date()), self.grid.currentData()
        from app.ui.print_preview import preview_pdf

        db = self.ctx.db
        preview_pdf(
            self,
            self.ctx,
            prefix="griddesk-visits-",
            name=self.tr("走访清单-{0}.pdf").format(day.isoformat()),
            title=self.tr("走访清单"),
            busy=self.tr("正在生成走访清单"),
            make=lambda target, _progress: checklist.write_checklist(
                db, target, day=day, grid=grid
            ),
        )
