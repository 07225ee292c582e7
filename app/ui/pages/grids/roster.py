"""人员名册: staff, grid workers and leaders, building and unit leaders chosen from residents,
party members with zones, volunteers, sent-down cadres, social workers, partners; add, edit,
import from Excel, print check-in cards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from app.core.common.changes import Change
from app.core.grids import duty
from app.core.grids import structure as grids
from app.db.models_grids import PERSON_ROLES
from app.errors import GridDeskError, InvalidInput
from app.ui.files import open_file
from app.ui.labels import listing, role_label
from app.ui.models.grid_models import PersonModel
from app.ui.pages.grids.dialogs import data_table
from app.ui.pages.grids.roster_dialogs import ImportPreviewDialog, PersonDialog
from app.ui.pages.grids.tab import GridChoices, Tab, muted, toolbar

if TYPE_CHECKING:
    from app.ui.pages.grids.page import GridsPage


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
        for planning in (self.add_action, self.edit_action, self.remove_action, self.import_action):
            planning.setVisible(self.ctx.plans_office_work)  # the office staff's roster
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
        self.page.loaded.emit("roster")

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

        self.write(run, self.tr("移出名册"), Change.DUTY)

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
                on_success=lambda r: self.page.status(
                    self.tr("已导入：新增 {0} 人，更新 {1} 人").format(r.added, r.updated)
                ),
                changes=Change.DUTY,
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
