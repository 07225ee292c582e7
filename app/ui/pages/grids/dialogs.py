"""Dialogs of the 网格 page. Each collects plain values and hands them to an app.core operation on
the database worker; a refusal (`InvalidInput`: overlapping ranges, an unknown building, a person
on two shifts at once …) is shown inside the dialog, which stays open with what was typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import NOTHING, Change
from app.core.grids import duty, structure
from app.core.grids.duty import PersonInput, PersonRow
from app.db.models_grids import DUTY_KINDS, PERSON_ROLES
from app.errors import AlreadyDone, GridDeskError
from app.ui.context import AppContext
from app.ui.labels import SYNTAX, duty_kind_label, listing, mark_chinese, role_label, with_note
from app.ui.models.grid_models import HistoryModel, RowsModel


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(day or date.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def data_table(model: RowsModel[Any], stretch: int | None = None) -> QTableView:
    """A read-only table of rows; `stretch` is the column that takes the spare width (else the
    last one)."""
    view = QTableView()
    view.setObjectName("dataTable")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(32)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class OpDialog(QDialog):
    """A dialog whose OK runs an operation in the background and closes only when it succeeded."""

    done = Signal(object)  # the operation's result, after it succeeded
    changes: Change = NOTHING  # what the operation changes, announced once it succeeded

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setModal(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(20, 20, 20, 16)
        self.layout_.setSpacing(12)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.addLayout(self.form)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._busy = False

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def fit_width(self, width: int) -> None:
        """`width` wide and as tall as that width needs: a wrapped hint takes more lines at this
        width (in English above all) than the natural size assumes."""
        wanted = self.heightForWidth(width)
        self.resize(width, max(wanted, self.sizeHint().height()))

    def work(self) -> Callable[[Any], Any]:
        """The operation to run, closed over the dialog's values (read on the UI thread)."""
        raise NotImplementedError

    def submit(self) -> None:
        if self._busy:
            return
        try:
            fn = self.work()
        except GridDeskError as exc:
            self.show_error(exc.message(self.ctx.lang))
            return
        self._busy = True
        self.buttons.setEnabled(False)
        op = self.ctx.run(
            self, fn, title=self.windowTitle(), show_progress=False, changes=self.changes_of
        )
        op.success(self._succeeded)
        op.failure(self._failed)

    def changes_of(self, _result: Any) -> Change:
        """What the operation changed (its result may tell)."""
        return self.changes

    def _succeeded(self, result: Any) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.done.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        if isinstance(exc, GridDeskError):
            self.show_error(exc.message(self.ctx.lang))
            return
        from app.ui.crash import report_bug

        report_bug(exc, self)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def grid_combo(choices: Sequence[tuple[str, str]], empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for code, name in choices:
        combo.addItem(f"{code} {name}", code)
    return combo


# --- grids ---------------------------------------------------------------------------------------


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

        def run(_progress: Any) -> structure.AssignResult:
            with db.session(note="grids page") as session:
                if households:
                    return structure.assign_households(session, grid, households, note=note)
                return structure.assign_buildings(session, grid, ranges, note=note)

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

        def run(_progress: Any) -> structure.MergeResult:
            with db.session(note="grids page") as session:
                return structure.merge_grids(session, sources, target)

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

        def run(_progress: Any) -> structure.AssignResult:
            with db.session(note="grids page") as session:
                return structure.split_grid(
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


# --- the roster ----------------------------------------------------------------------------------


class PersonDialog(OpDialog):
    """新增 / 编辑 a person on duty; a resident is found with the registry's search."""

    changes = Change.DUTY

    def __init__(
        self,
        ctx: AppContext,
        choices: Sequence[tuple[str, str]],
        person: PersonRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(
            self.tr("编辑人员 {0}").format(person.code) if person else self.tr("新增人员")
        )
        self.person = person
        data = person.to_input() if person else PersonInput("", "volunteer")
        self.resident_id = data.resident_id
        self.name = QLineEdit(data.name)
        self.role = QComboBox()
        for role in PERSON_ROLES:
            self.role.addItem(role_label(role), role)
        self.role.setCurrentIndex(max(self.role.findData(data.role), 0))
        self.phone = QLineEdit(data.phone or "")
        self.grid = grid_combo(choices, self.tr("（不属于某个网格）"))
        self.grid.setCurrentIndex(max(self.grid.findData(data.grid), 0))
        self.organisation = QLineEdit(data.organisation or "")
        self.organisation.setPlaceholderText(
            self.tr("下沉干部的派出单位；社工、共建单位的机构名称")
        )
        self.use_start = QCheckBox(self.tr("开始"))
        self.start = date_edit(data.posting_start)
        self.use_end = QCheckBox(self.tr("结束"))
        self.end = date_edit(data.posting_end)
        self.use_start.setChecked(data.posting_start is not None)
        self.use_end.setChecked(data.posting_end is not None)
        period = QHBoxLayout()
        period.addWidget(self.use_start)
        period.addWidget(self.start)
        period.addSpacing(12)
        period.addWidget(self.use_end)
        period.addWidget(self.end)
        period.addStretch(1)
        self.skills = QLineEdit(listing(data.skills))
        self.skills.setPlaceholderText(self.tr("驾驶、医护、心理疏导…"))
        self.availability = QLineEdit(data.availability or "")
        self.health = QLineEdit(data.health or "")
        self.zone = QLineEdit(data.zone or "")
        self.zone.setPlaceholderText(self.tr("楼栋 5,7-9；单元 3栋2单元；住户 3-2-502"))
        mark_chinese(SYNTAX, self.zone)  # a unit is written 3栋2单元, in any language
        self.code = QLineEdit(data.code or "")
        self.code.setPlaceholderText(self.tr("不填则自动编号（P0001…）"))
        self.active = QCheckBox(self.tr("在岗"))
        self.active.setChecked(data.status == "active")
        self.notes = QPlainTextEdit(data.notes or "")
        self.notes.setFixedHeight(60)

        self.resident_label = QLabel(
            self.tr("已关联：{0}").format(person.resident_address)
            if person and person.resident_address
            else self.tr("未关联居民")
        )
        self.resident_search = QLineEdit()
        self.resident_search.setPlaceholderText(self.tr("输入姓名、拼音或住址查找居民，回车"))
        self.resident_search.returnPressed.connect(self.find_residents)
        self.resident_results = QListWidget()
        self.resident_results.setFixedHeight(96)
        self.resident_results.itemActivated.connect(self._pick_resident)
        self.resident_results.itemClicked.connect(self._pick_resident)
        unlink = QPushButton(self.tr("取消关联"))
        unlink.clicked.connect(self._unlink)
        link_row = QHBoxLayout()
        link_row.addWidget(self.resident_label, 1)
        link_row.addWidget(unlink)
        resident_box = QVBoxLayout()
        resident_box.addLayout(link_row)
        resident_box.addWidget(self.resident_search)
        resident_box.addWidget(self.resident_results)

        self.form.addRow(self.tr("姓名"), self.name)
        self.form.addRow(self.tr("类别"), self.role)
        self.form.addRow(self.tr("联系电话"), self.phone)
        self.form.addRow(self.tr("所属网格"), self.grid)
        self.form.addRow(self.tr("本社区居民"), resident_box)
        self.form.addRow(self.tr("单位"), self.organisation)
        self.form.addRow(self.tr("在岗期"), period)
        self.form.addRow(self.tr("技能"), self.skills)
        self.form.addRow(self.tr("可服务时间"), self.availability)
        self.form.addRow(self.tr("健康状况"), self.health)
        self.form.addRow(self.tr("责任区"), self.zone)
        self.form.addRow(self.tr("签到编号"), self.code)
        self.form.addRow(self.tr("状态"), self.active)
        self.form.addRow(self.tr("备注"), self.notes)
        self.finish_layout()
        self.fit_width(600)
        self.name.setFocus()

    def find_residents(self) -> None:
        db, text = self.ctx.db, self.resident_search.text().strip()
        if not text:
            return

        def run(_progress: Any) -> list[tuple[int, str]]:
            with db.reading() as session:
                return duty.resident_choices(session, text)

        self.ctx.run(self, run, on_success=self._show_residents, show_progress=False)

    def _show_residents(self, found: list[tuple[int, str]]) -> None:
        self.resident_results.clear()
        for rid, label in found:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, rid)
            self.resident_results.addItem(item)
        if not found:
            self.resident_results.addItem(self.tr("没有找到这样的居民"))

    def _pick_resident(self, item: QListWidgetItem) -> None:
        rid = item.data(Qt.ItemDataRole.UserRole)
        if rid is None:
            return
        self.resident_id = int(rid)
        self.resident_label.setText(self.tr("已关联：{0}").format(item.text()))
        if not self.name.text().strip():
            self.name.setText(item.text().split(" · ")[0])

    def _unlink(self) -> None:
        self.resident_id = None
        self.resident_label.setText(self.tr("未关联居民"))

    def values(self) -> PersonInput:
        return PersonInput(
            name=self.name.text(),
            role=str(self.role.currentData()),
            phone=self.phone.text().strip() or None,
            grid=self.grid.currentData(),
            resident_id=self.resident_id,
            organisation=self.organisation.text().strip() or None,
            posting_start=from_qdate(self.start.date()) if self.use_start.isChecked() else None,
            posting_end=from_qdate(self.end.date()) if self.use_end.isChecked() else None,
            skills=[self.skills.text()] if self.skills.text().strip() else [],
            availability=self.availability.text().strip() or None,
            health=self.health.text().strip() or None,
            zone=self.zone.text().strip() or None,
            code=self.code.text().strip() or None,
            status="active" if self.active.isChecked() else "inactive",
            notes=self.notes.toPlainText(),
        )

    def work(self) -> Callable[[Any], Any]:
        db, data = self.ctx.db, self.values()
        person_id = self.person.id if self.person else None

        def run(_progress: Any) -> str:
            with db.session(note="grids page") as session:
                if person_id is None:
                    return duty.add_person(session, data).code
                return duty.edit_person(session, person_id, data).code

        return run


class ImportPreviewDialog(QDialog):
    """What a roster import would do: counts, rejected rows with reasons, warnings; 导入 writes."""

    def __init__(self, plan: Any, parent: QWidget | None = None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("导入人员名册 — {0}").format(plan.path.name))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(10)
        summary = QLabel(
            self.tr(
                "读取 {0} 行（表头在第 {1} 行）：新增 {2} 人，更新 {3} 人，未导入 {4} 行，提示 {5} 条。"
            ).format(
                plan.rows_read,
                plan.layout.header_row + 1,
                plan.people_added,
                plan.people_updated,
                len(plan.rejected),
                len(plan.warnings),
            )
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        columns = QLabel(
            self.tr("识别的列：{0}").format(
                listing(f"{h}" for h in plan.layout.describe().values())
            )
        )
        columns.setObjectName("muted")
        columns.setWordWrap(True)
        layout.addWidget(columns)
        self.problems = QListWidget()
        for p in plan.rejected:
            why = p.message_en if lang == "en" else p.message
            self.problems.addItem(self.tr("第 {0} 行未导入：{1}").format(p.row, why))
        for p in plan.warnings:
            why = p.message_en if lang == "en" else p.message
            self.problems.addItem(self.tr("第 {0} 行提示：{1}").format(p.row, why))
        if not plan.rejected and not plan.warnings:
            self.problems.addItem(self.tr("没有发现问题。"))
        layout.addWidget(self.problems, 1)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            self.tr("导入 {0} 人").format(plan.people_added + plan.people_updated),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.import_button.setEnabled(bool(plan.changes_anything))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, 460)


# --- duties and shifts ---------------------------------------------------------------------------


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
                    return duty.create_duty(session, name, kind, grid, place).id
                return duty.edit_duty(session, duty_id, name, kind, grid, place).id

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
                return len(duty.add_daily_shifts(session, duty_id, first, last, start, end, needed))

        return run


class AssignPeopleDialog(OpDialog):
    """安排人员: tick the people for a shift; anyone busy then is refused, naming the other shift."""

    changes = Change.DUTY

    def __init__(
        self,
        ctx: AppContext,
        shift: duty.ShiftRow,
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

        def run(_progress: Any) -> duty.AssignOutcome:
            with db.session(note="grids page") as session:
                return duty.assign_people(session, shift_id, ids)

        return run

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AlreadyDone):
            self._busy = False
            self.buttons.setEnabled(True)
            self.accept()
            return
        super()._failed(exc)


def now_local() -> datetime:
    return datetime.now().replace(microsecond=0)
