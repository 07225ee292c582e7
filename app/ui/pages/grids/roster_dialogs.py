"""人员名册's dialogs: a person on the roster added or edited, and the preview of a roster import
before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.grids import duty
from app.core.grids.duty import PersonInput, PersonRow
from app.db.models_grids import PERSON_ROLES
from app.ui.context import AppContext
from app.ui.dates import date_edit, from_qdate
from app.ui.labels import SYNTAX, listing, mark_chinese, role_label
from app.ui.pages.grids.dialogs import OpDialog, grid_combo


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
