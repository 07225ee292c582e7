"""通知打印: notice templates (built-in and the office's own), an editor with a live preview of the
first sheet, what to print for (everyone, a grid, a building, a tag, chosen households, copies for a
board), paper and layout; the batch is made on the database worker with progress and Cancel, then
previewed, printed or saved through `app.ui.print_preview`.

Everything on paper comes from `app.core.printing.notices`, which the `print notices` command calls too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDate,
    QIODevice,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.printing import notices as core
from app.core.printing.notices import (
    Households,
    NoticeLayout,
    NoticeTemplate,
    NoticeValues,
    Target,
    TargetChoices,
)
from app.ui.context import AppContext, preview_folder
from app.ui.labels import DOCUMENT, building_label, grid_label, listing, mark_chinese, tag_label
from app.ui.operations import delete_later
from app.ui.toolbar import PageToolBar

PREVIEW_DELAY_MS = 350
DATE_KEYS = ("date", "start_date", "end_date")
LINE_KEYS = ("time", "place", "items", "supplier", "community_phone")


class _DateField(QWidget):
    """A date that may be left blank (then it prints as a line to fill in by hand)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.use = QCheckBox(self.tr("填写"))
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        row.addWidget(self.use)
        row.addWidget(self.edit, 1)
        self.use.stateChanged.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())

    def _toggled(self, _state: int) -> None:
        self.edit.setEnabled(self.use.isChecked())
        self.changed.emit()

    def value(self) -> date | None:
        if not self.use.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, day: date | None) -> None:
        self.use.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(QDate(day.year, day.month, day.day))


class PrintingPage(QWidget):
    """通知打印: templates on the left, the editor and options in the middle, the preview right."""

    templates_loaded = Signal()
    target_loaded = Signal()
    preview_updated = Signal()
    generated = Signal(object)  # the NoticeResult of a batch

    KINDS = ("all", "grid", "building", "tag", "households", "copies")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._started = False
        self.templates: list[NoticeTemplate] = []
        self.current: NoticeTemplate | None = None  # the template shown (None: a new draft)
        self.draft_based_on: str | None = None
        self.dirty = False
        self._loading = False
        self.choices = TargetChoices([], [], [], ctx.office.name, None)
        self.found: Households | None = None
        self.group_buy_prices: tuple[str, str] | None = None  # (内容, suppliers) of the round
        self._target_request = 0
        self.preview_bytes = b""
        self.warnings: list[tuple[str, str]] = []
        self.preview_dialog: Any = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(12)
        title = QLabel(self.tr("通知打印"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        self.toolbar = PageToolBar()
        self.new_action = self._action(self.tr("新建模板"), self.new_template, "Ctrl+N")
        self.copy_action = self._action(self.tr("复制"), self.copy_template, "Ctrl+Shift+C")
        self.delete_action = self._action(self.tr("删除"), self.delete_template, "Ctrl+Delete")
        self.toolbar.addSeparator()
        self.save_action = self._action(
            self.tr("保存模板"), self.save_template, QKeySequence.StandardKey.Save
        )
        self.toolbar.addSeparator()
        self.print_action = self._action(
            self.tr("生成并预览…"), self.generate, QKeySequence.StandardKey.Print
        )
        layout.addWidget(self.toolbar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._template_list())
        splitter.addWidget(self._editor())
        splitter.addWidget(self._preview())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([210, 560, 470])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self.status = QLabel("")
        self.status.setObjectName("muted")
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render_preview)
        self._update_actions()
        ctx.changed.connect(self._on_changed)

    # --- building the widgets ---------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: slot())
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _template_list(self) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("模板"))
        label.setObjectName("sectionTitle")
        col.addWidget(label)
        self.list = QListWidget()
        self.list.setMinimumWidth(180)
        mark_chinese(DOCUMENT, self.list)  # the templates by their printed names
        self.list.currentRowChanged.connect(self._template_chosen)
        col.addWidget(self.list, 1)
        return box

    def _editor(self) -> QWidget:
        inner = QWidget()
        col = QVBoxLayout(inner)
        col.setContentsMargins(0, 0, 8, 0)
        col.setSpacing(12)

        box = QGroupBox(self.tr("模板内容"))
        form = QFormLayout(box)
        self.builtin_note = QLabel(self.tr("内置模板不能直接修改：点击“复制”建立可以修改的副本。"))
        self.builtin_note.setObjectName("banner")
        self.builtin_note.setWordWrap(True)
        form.addRow(self.builtin_note)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(core.MAX_TEMPLATE_NAME)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(core.MAX_TEMPLATE_TITLE)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setMinimumHeight(220)
        self.body_edit.setTabChangesFocus(True)
        mark_chinese(DOCUMENT, self.name_edit, self.title_edit, self.body_edit)
        form.addRow(self.tr("模板名称："), self.name_edit)
        form.addRow(self.tr("通知标题："), self.title_edit)
        form.addRow(self.tr("正文："), self.body_edit)
        insert_row = QHBoxLayout()
        self.field_choice = QComboBox()
        for f in core.FIELDS:  # the template's own words: {地址}, named in other languages
            token = f"{{{f.zh}}}"
            named = f"{token}  {self._field_name(f.key)}" if self.ctx.lang != "zh" else token
            self.field_choice.addItem(named, f.zh)
            self.field_choice.setItemData(
                self.field_choice.count() - 1, self._field_hint(f.key), Qt.ItemDataRole.ToolTipRole
            )
        mark_chinese(DOCUMENT, self.field_choice)
        # as wide as the column allows, its list as wide as its longest entry
        self.field_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.field_choice.setMinimumContentsLength(10)
        self.field_choice.view().setMinimumWidth(self.field_choice.sizeHint().width())
        self.insert_button = QPushButton(self.tr("插入占位符"))
        self.insert_button.clicked.connect(lambda: self.insert_placeholder())
        insert_row.addWidget(self.field_choice, 1)
        insert_row.addWidget(self.insert_button)
        form.addRow(self.tr("占位符："), insert_row)
        self.template_problem = QLabel("")
        self.template_problem.setObjectName("error")
        self.template_problem.setWordWrap(True)
        form.addRow(self.template_problem)
        for edit in (self.name_edit, self.title_edit):
            edit.textEdited.connect(lambda _t: self._edited())
        self.body_edit.textChanged.connect(self._body_changed)
        col.addWidget(box)

        values = QGroupBox(self.tr("填写内容（本次打印）"))
        self.values_form = QFormLayout(values)
        self.date_fields: dict[str, _DateField] = {}
        self.line_fields: dict[str, QLineEdit] = {}
        labels = {
            "date": self.tr("通知日期："),
            "start_date": self.tr("开始日期："),
            "end_date": self.tr("结束日期："),
            "time": self.tr("时间："),
            "place": self.tr("地点："),
            "items": self.tr("物资："),
            "supplier": self.tr("供应商："),
            "community_phone": self.tr("社区电话："),
        }
        for key in DATE_KEYS:
            field = _DateField()
            field.changed.connect(self.schedule_preview)
            self.date_fields[key] = field
            self.values_form.addRow(labels[key], field)
        self.date_fields["date"].set_value(date.today())
        for key in LINE_KEYS:
            edit = QLineEdit()
            edit.setPlaceholderText(self._field_hint(key))
            edit.textChanged.connect(lambda _t: self.schedule_preview())
            self.line_fields[key] = edit
            self.values_form.addRow(labels[key], edit)
        self.content_edit = QPlainTextEdit()
        self.content_edit.setPlaceholderText(
            self.tr("公告正文或价格明细，可写多行；用“|”分隔各列即成表格，例如：套餐|内容|价格")
        )
        self.content_edit.setMinimumHeight(110)
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.textChanged.connect(self.schedule_preview)
        self.values_form.addRow(self.tr("内容："), self.content_edit)
        self.values_note = QLabel(self.tr("未填写的内容印为空白横线，可手写补填。"))
        self.values_note.setObjectName("muted")
        self.values_note.setWordWrap(True)
        self.values_form.addRow(self.values_note)
        col.addWidget(values)

        target = QGroupBox(self.tr("打印范围"))
        tform = QFormLayout(target)
        self.kind = QComboBox()
        for kind, text in zip(
            self.KINDS,
            (
                self.tr("全部住户"),
                self.tr("按网格"),
                self.tr("按楼栋"),
                self.tr("按标签（重点人群等）"),
                self.tr("选定住户"),
                self.tr("不按户（张贴用）"),
            ),
            strict=True,
        ):
            self.kind.addItem(text, kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        tform.addRow(self.tr("范围："), self.kind)
        self.target_stack = QStackedWidget()
        everyone = QLabel(self.tr("本社区全部住户，每户一份。"))
        everyone.setWordWrap(True)
        self.target_stack.addWidget(everyone)
        self.grid_choice = QComboBox()
        self.building_choice = QComboBox()
        self.tag_choice = QComboBox()
        self.households_edit = QLineEdit()
        self.households_edit.setPlaceholderText(
            self.tr("户号或门牌，用逗号分隔，例如 3-2-502, H000123")
        )
        self.copies = QSpinBox()
        self.copies.setRange(1, 1000)
        self.copies.setValue(1)
        self.copies.setSuffix(self.tr(" 份"))
        for w in (
            self.grid_choice,
            self.building_choice,
            self.tag_choice,
            self.households_edit,
            self.copies,
        ):
            self.target_stack.addWidget(w)
        for combo in (self.grid_choice, self.building_choice, self.tag_choice):
            combo.currentIndexChanged.connect(lambda _i: self.load_target())
        self.households_edit.editingFinished.connect(self.load_target)
        self.copies.valueChanged.connect(lambda _v: self.load_target())
        tform.addRow(self.tr("选择："), self.target_stack)
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        tform.addRow(self.count_label)
        col.addWidget(target)

        paper = QGroupBox(self.tr("纸张与版式"))
        pform = QFormLayout(paper)
        self.paper = QComboBox()
        self.paper.addItem("A4", "A4")
        self.paper.addItem("A5", "A5")
        self.per_sheet = QComboBox()
        for n in (1, 2, 4):
            self.per_sheet.addItem(self.tr("每张 {0} 份").format(n), n)
        self.barcode = QCheckBox(self.tr("印住户条形码（扫码领取、签收用）"))
        self.barcode.setChecked(True)
        self.cut_marks = QCheckBox(self.tr("印裁切线（每张多份时）"))
        self.cut_marks.setChecked(True)
        for combo in (self.paper, self.per_sheet):
            combo.currentIndexChanged.connect(lambda _i: self._layout_changed())
        for box_ in (self.barcode, self.cut_marks):
            box_.stateChanged.connect(lambda _s: self.schedule_preview())
        pform.addRow(self.tr("纸张："), self.paper)
        pform.addRow(self.tr("每张份数："), self.per_sheet)
        pform.addRow(self.barcode)
        pform.addRow(self.cut_marks)
        self.size_note = QLabel("")
        self.size_note.setObjectName("muted")
        pform.addRow(self.size_note)
        col.addWidget(paper)

        self.generate_button = QPushButton(self.tr("生成并预览…"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(lambda: self.generate())
        col.addWidget(self.generate_button)
        col.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumWidth(420)
        return scroll

    def _preview(self) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("预览（第一张）"))
        label.setObjectName("sectionTitle")
        col.addWidget(label)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        # the whole first page fits the view: no scroll bar that could come and go while the
        # warnings below grow and shrink (which made the layout loop)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMinimumWidth(300)
        col.addWidget(self.view, 1)
        self.warnings_label = QLabel("")
        self.warnings_label.setObjectName("banner")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setVisible(False)
        col.addWidget(self.warnings_label)
        return box

    def _field_name(self, key: str) -> str:
        """A placeholder's field by name, as a sentence names it."""
        return {
            "address": QCoreApplication.translate("NoticeField", "地址"),
            "household_code": QCoreApplication.translate("NoticeField", "户号"),
            "head": QCoreApplication.translate("NoticeField", "户主"),
            "members": QCoreApplication.translate("NoticeField", "人数"),
            "grid": QCoreApplication.translate("NoticeField", "网格"),
            "grid_worker": QCoreApplication.translate("NoticeField", "网格员"),
            "grid_worker_phone": QCoreApplication.translate("NoticeField", "网格员电话"),
            "community": QCoreApplication.translate("NoticeField", "社区名称"),
            "community_phone": QCoreApplication.translate("NoticeField", "社区电话"),
            "date": QCoreApplication.translate("NoticeField", "通知日期"),
            "start_date": QCoreApplication.translate("NoticeField", "开始日期"),
            "end_date": QCoreApplication.translate("NoticeField", "结束日期"),
            "time": QCoreApplication.translate("NoticeField", "时间"),
            "place": QCoreApplication.translate("NoticeField", "地点"),
            "items": QCoreApplication.translate("NoticeField", "物资"),
            "supplier": QCoreApplication.translate("NoticeField", "供应商"),
            "content": QCoreApplication.translate("NoticeField", "内容"),
        }.get(key, key)

    def _field_hint(self, key: str) -> str:
        return {
            "address": self.tr("住户地址，如 3栋2单元502室"),
            "household_code": self.tr("户号（条形码上的号码）"),
            "head": self.tr("户主姓名（打码，如 张*三）"),
            "members": self.tr("在住人数"),
            "grid": self.tr("所在网格"),
            "grid_worker": self.tr("网格员（取自在岗人员名册）"),
            "grid_worker_phone": self.tr("网格员电话"),
            "community": self.tr("社区名称"),
            "community_phone": self.tr("社区电话（不填则用 设置 → 本机构信息 中的电话）"),
            "date": self.tr("通知日期"),
            "start_date": self.tr("开始日期"),
            "end_date": self.tr("结束日期"),
            "time": self.tr("例如 12月1日 8:00–11:30"),
            "place": self.tr("例如 社区服务中心东门"),
            "items": self.tr("例如 蔬菜礼包（约 5 公斤）"),
            "supplier": self.tr("团购供应商"),
            "content": self.tr("多行文字"),
        }[key]

    # --- loading ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def _on_changed(self, changes: Change) -> None:
        if not self._started:
            return
        if changes & Change.NOTICES:
            self.reload_templates()
        # the targets (grids, buildings, tags) and the grid workers a notice names
        if changes & (Change.REGISTRY | Change.GRIDS | Change.DUTY):
            self.reload()

    def reload(self) -> None:
        """Templates, grids, buildings and tags from the database, then the target's households."""
        db = self.ctx.db

        def work(_progress: Any) -> tuple[list[NoticeTemplate], TargetChoices]:
            with db.reading() as session:
                return core.list_templates(session), core.target_choices(session)

        self.ctx.run(self, work, on_success=self._loaded, show_progress=False)

    def reload_templates(self) -> None:
        """The templates again, keeping the one shown when they arrive (a save or delete on this
        page has set it by then) selected."""
        db = self.ctx.db

        def work(_progress: Any) -> list[NoticeTemplate]:
            with db.reading() as session:
                return core.list_templates(session)

        def arrived(found: list[NoticeTemplate]) -> None:
            self._templates_shown(found, self.current.key if self.current else None)

        self.ctx.run(self, work, on_success=arrived, show_progress=False)

    def _loaded(self, result: tuple[list[NoticeTemplate], TargetChoices]) -> None:
        templates, choices = result
        self.choices = choices
        self._loading = True
        try:
            for combo, items in (
                (
                    self.grid_choice,
                    [(grid_label(name, code), code) for code, name in choices.grids],
                ),
                (
                    self.building_choice,
                    [(building_label(b), b) for b in choices.buildings],
                ),
                (self.tag_choice, [(tag_label(t), t) for t in choices.tags]),
            ):
                keep = combo.currentData()
                combo.clear()
                for text, data in items:
                    combo.addItem(text, data)
                at = combo.findData(keep)
                combo.setCurrentIndex(at if at >= 0 else 0)
            self.line_fields["community_phone"].setPlaceholderText(
                choices.community_phone or self._field_hint("community_phone")
            )
        finally:
            self._loading = False
        self._templates_shown(templates, self.current.key if self.current else None)
        self.load_target()

    def _templates_shown(self, templates: list[NoticeTemplate], select_key: str | None) -> None:
        self.templates = templates
        self._loading = True
        try:
            self.list.clear()
            for t in templates:
                text = t.name + (self.tr("（内置）") if t.builtin else "")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.key)
                item.setToolTip(t.key)
                self.list.addItem(item)
        finally:
            self._loading = False
        keys = [t.key for t in templates]
        row = keys.index(select_key) if select_key in keys else 0
        self.list.setCurrentRow(row)
        self._template_chosen(row)
        self.templates_loaded.emit()

    # --- templates ----------------------------------------------------------------------------

    def _template_chosen(self, row: int) -> None:
        if self._loading or not 0 <= row < len(self.templates):
            return
        chosen = self.templates[row]
        if self.current is not None and chosen.key == self.current.key and not self.dirty:
            return
        if not self._settle_unsaved():
            self._select_current()
            return
        self.show_template(chosen)

    def _select_current(self) -> None:
        keys = [t.key for t in self.templates]
        self._loading = True
        try:
            if self.current is not None and self.current.key in keys:
                self.list.setCurrentRow(keys.index(self.current.key))
            else:
                self.list.setCurrentRow(-1)
        finally:
            self._loading = False

    def show_template(
        self, template: NoticeTemplate | None, draft: NoticeTemplate | None = None
    ) -> None:
        """Show `template` in the editor (or, with None, the unsaved `draft`)."""
        self.current = template
        shown = template or draft
        assert shown is not None
        self._loading = True
        try:
            self.name_edit.setText(shown.name)
            self.title_edit.setText(shown.title)
            self.body_edit.setPlainText(shown.body)
        finally:
            self._loading = False
        editable = template is None or not template.builtin
        for w in (self.name_edit, self.title_edit):
            w.setReadOnly(not editable)
        self.body_edit.setReadOnly(not editable)
        self.insert_button.setEnabled(editable)
        self.field_choice.setEnabled(editable)
        self.builtin_note.setVisible(not editable)
        self.dirty = False
        self._check_template()
        self._fields_shown()
        self._update_actions()
        self.barcode.setChecked(bool(core.template_fields(self.editor_template()) & _HOUSEHOLD))
        self.schedule_preview()

    def editor_template(self) -> NoticeTemplate:
        """The template as the editor shows it (unsaved changes included): what is printed."""
        if self.current is not None and self.current.builtin:
            return self.current
        return NoticeTemplate(
            self.current.key if self.current else "draft",
            self.name_edit.text().strip() or self.tr("新模板"),
            self.title_edit.text(),
            self.body_edit.toPlainText(),
            id=self.current.id if self.current else None,
            based_on=self.draft_based_on,
        )

    def _edited(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._check_template()
        self._fields_shown()
        self._update_actions()
        self.schedule_preview()

    def _body_changed(self) -> None:
        if not self._loading:
            self._edited()

    def _check_template(self) -> None:
        t = self.editor_template()
        unknown = t.unknown()
        in_title = [
            n
            for n in core.placeholders(t.title)
            if n in core.FIELD_BY_NAME and core.FIELD_BY_NAME[n].scope != core.JOB
        ]
        if in_title:
            self.template_problem.setText(
                self.tr("标题中不能使用住户或网格的占位符：{0}").format(
                    listing("{" + n + "}" for n in in_title)
                )
            )
        elif unknown:
            self.template_problem.setText(
                self.tr("不认识的占位符：{0}（请从“插入占位符”中选择）").format(
                    listing("{" + u + "}" for u in unknown)
                )
            )
        elif not t.title.strip():
            self.template_problem.setText(self.tr("请填写通知标题。"))
        else:
            self.template_problem.setText("")

    def _fields_shown(self) -> None:
        """Only the values this template uses are asked for."""
        uses = core.template_fields(self.editor_template())
        for key, field in self.date_fields.items():
            self.values_form.setRowVisible(field, key in uses)
        for key, edit in self.line_fields.items():
            self.values_form.setRowVisible(edit, key in uses or key == "community_phone")
        self.values_form.setRowVisible(self.content_edit, "content" in uses)

    def insert_placeholder(self) -> None:
        name = self.field_choice.currentData()
        self.body_edit.insertPlainText("{" + str(name) + "}")
        self.body_edit.setFocus()

    def _settle_unsaved(self) -> bool:
        """Ask what to do with unsaved changes; False: stay where we are."""
        if not self.dirty:
            return True
        name = self.name_edit.text().strip() or self.tr("新模板")
        answer = QMessageBox.question(
            self,
            self.tr("模板未保存"),
            self.tr("保存对“{0}”的修改吗？").format(name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            self.save_template()
            return False  # the list reloads once it is saved
        self.dirty = False
        return True

    def new_template(self) -> None:
        if not self._settle_unsaved():
            return
        self.draft_based_on = None
        self.show_template(
            None,
            NoticeTemplate(
                "draft",
                self.tr("新模板"),
                self.tr("通知"),
                _NEW_BODY,
            ),
        )
        self.dirty = True
        self._select_current()
        self._update_actions()
        self.name_edit.selectAll()
        self.name_edit.setFocus()

    def copy_template(self) -> None:
        source = self.editor_template()
        if not self._settle_unsaved():
            return
        self.draft_based_on = source.key if source.builtin else (source.based_on or None)
        self.show_template(
            None,
            NoticeTemplate(
                "draft", self.tr("{0}（副本）").format(source.name), source.title, source.body
            ),
        )
        self.dirty = True
        self._select_current()
        self._update_actions()
        self.name_edit.selectAll()
        self.name_edit.setFocus()

    def save_template(self) -> None:
        if self.current is not None and self.current.builtin:
            return
        t = self.editor_template()
        name, title, body = self.name_edit.text(), self.title_edit.text(), t.body
        template_id = self.current.id if self.current else None
        based_on = self.draft_based_on
        db = self.ctx.db

        def work(_progress: Any) -> NoticeTemplate:
            with db.session(note="notice template") as session:
                return core.save_template(
                    session, name, title, body, template_id=template_id, based_on=based_on
                )

        def saved(template: NoticeTemplate) -> None:
            self.dirty = False
            self.current = template
            self.draft_based_on = template.based_on
            self._update_actions()
            self.status.setText(
                self.tr("已保存模板“{0}”（{1}）").format(template.name, template.key)
            )

        self.ctx.run(
            self,
            work,
            title=self.tr("保存模板"),
            on_success=saved,
            show_progress=False,
            changes=Change.NOTICES,
        )

    def delete_template(self) -> None:
        t = self.current
        if t is None or t.builtin or t.id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除模板"), self.tr("删除模板“{0}”？").format(t.name)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db
        template_id = t.id

        def work(_progress: Any) -> None:
            with db.session(note="delete notice template") as session:
                core.delete_template(session, template_id)

        def deleted(_result: object) -> None:
            self.current = None
            self.dirty = False
            self.status.setText(self.tr("已删除模板“{0}”").format(t.name))

        self.ctx.run(
            self,
            work,
            title=self.tr("删除模板"),
            on_success=deleted,
            show_progress=False,
            changes=Change.NOTICES,
        )

    def _update_actions(self) -> None:
        custom = self.current is None or not self.current.builtin
        self.save_action.setEnabled(custom and self.dirty)
        self.delete_action.setEnabled(self.current is not None and not self.current.builtin)
        self.copy_action.setEnabled(self.current is not None or self.dirty)

    # --- target, values, layout ---------------------------------------------------------------

    def _kind_changed(self, _index: int) -> None:
        self.target_stack.setCurrentIndex(self.kind.currentIndex())
        self.load_target()

    def target(self) -> Target:
        kind = self.kind.currentData()
        if kind == "grid":
            return Target("grid", str(self.grid_choice.currentData() or ""))
        if kind == "building":
            return Target("building", str(self.building_choice.currentData() or ""))
        if kind == "tag":
            return Target("tag", str(self.tag_choice.currentData() or ""))
        if kind == "households":
            text = self.households_edit.text().replace("，", ",").replace("、", ",")
            return Target("households", households=tuple(r for r in text.split(",") if r.strip()))
        if kind == "copies":
            return Target("copies", copies=self.copies.value())
        return Target("all")

    def load_target(self) -> None:
        """Count the target's households (on the worker) and keep them for the preview."""
        if self._loading or not self._started:
            return
        target = self.target()
        self._target_request += 1
        request = self._target_request
        if target.kind in ("grid", "building", "tag") and not target.value:
            self._target_shown(request, None, self.tr("没有可选的项目。"))
            return
        if target.kind == "households" and not target.households:
            self._target_shown(request, None, self.tr("请输入户号或门牌。"))
            return
        db = self.ctx.db

        def work(_progress: Any) -> tuple[Households | str, tuple[str, str] | None]:
            from app.core.supplies.group_buy import price_notice_content
            from app.errors import GridDeskError

            with db.reading() as session:
                # the price notice lists the current group-purchase round unless its 内容 is typed
                prices = price_notice_content(session)
                try:
                    return core.find_households(session, target), prices
                except GridDeskError as exc:
                    return exc.message(self.ctx.lang), prices

        def shown(answer: tuple[Households | str, tuple[str, str] | None]) -> None:
            got, self.group_buy_prices = answer
            self._target_shown(
                request,
                got if isinstance(got, Households) else None,
                got if isinstance(got, str) else "",
            )

        self.ctx.run(self, work, on_success=shown, show_progress=False)

    def _target_shown(self, request: int, found: Households | None, problem: str) -> None:
        if request != self._target_request:
            return  # a later choice is being counted
        self.found = found
        target = self.target()
        if found is None:
            self.count_label.setText(problem)
        elif target.kind == "copies":
            self.count_label.setText(self.tr("共 {0} 份，不印住户信息").format(target.copies))
        else:
            self.count_label.setText(self.tr("共 {0:,} 户，每户一份").format(len(found.rows)))
        self.print_action.setEnabled(found is not None)
        self.generate_button.setEnabled(found is not None)
        self.target_loaded.emit()
        self.schedule_preview()

    def values(self) -> NoticeValues:
        return NoticeValues(
            issued=self.date_fields["date"].value(),
            start_date=self.date_fields["start_date"].value(),
            end_date=self.date_fields["end_date"].value(),
            time=self.line_fields["time"].text(),
            place=self.line_fields["place"].text(),
            items=self.line_fields["items"].text(),
            supplier=self.line_fields["supplier"].text(),
            community_phone=self.line_fields["community_phone"].text(),
            content=self.content_edit.toPlainText(),
        )

    def notice_layout(self) -> NoticeLayout:
        return NoticeLayout(
            paper=str(self.paper.currentData()),
            per_sheet=int(self.per_sheet.currentData()),
            barcode=self.barcode.isChecked(),
            cut_marks=self.cut_marks.isChecked(),
        )

    def _layout_changed(self) -> None:
        points = self.notice_layout().body_points
        text = self.tr("正文印出约 {0:.1f} 磅").format(points)
        if points < 7:
            text += self.tr("，字太小，可能难以阅读")
        self.size_note.setText(text)
        self.schedule_preview()

    # --- preview ------------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        if self._started and not self._loading:
            self._timer.start()

    def render_preview(self) -> None:
        """The first sheet of the batch as it will print, from the editor's current contents."""
        template = self.editor_template()
        layout = self.notice_layout()
        values = self.values()
        if template.key == "price" and not values.content.strip() and self.group_buy_prices:
            content, suppliers = self.group_buy_prices  # as print_notices fills it
            values = replace(values, content=content, supplier=values.supplier.strip() or suppliers)
        job = core.office_job_values(self.choices.community, self.choices.community_phone, values)
        found = self.found or Households([], {}, False)
        if self.target().kind == "copies":
            found = Households([], found.workers, found.roster_exists)
        data, rendered = core.preview_pdf(template, found, layout, job)
        self.preview_bytes = data
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.close()
            delete_later(self._buffer)
        self._buffer = buffer
        uses = core.template_fields(template)
        # what is left blank is said here in the window's words (the core names the fields by
        # their keys in English: start_date), so the core is told they are filled
        blank = [
            k for k in sorted(uses) if core.FIELD_BY_NAME[k].scope == core.JOB and not job.get(k)
        ]
        told = {**job, **dict.fromkeys(blank, "_")}
        self.warnings = core.notice_warnings(uses, told, found, layout)
        if rendered.overflowed:
            self.warnings.append(core.overflow_warning(rendered.overflowed))
        lang = 1 if self.ctx.lang == "en" else 0
        shown = [w[lang] for w in self.warnings]
        if blank:
            names = listing(self._field_name(k) for k in blank)
            shown.insert(0, self.tr("未填写：{0}（印为空白横线，可手写）。").format(names))
        self.warnings_label.setText("\n".join(shown))
        self.warnings_label.setVisible(bool(shown))
        self.preview_updated.emit()

    # --- the batch ----------------------------------------------------------------------------

    def generate(self) -> None:
        """Make the whole batch on the worker (progress, Cancel), then preview it."""
        template = self.editor_template()
        if self.template_problem.text() or template.unknown() or not template.title.strip():
            self._check_template()
            QMessageBox.warning(self, self.tr("通知打印"), self.template_problem.text())
            return
        target = self.target()
        layout = self.notice_layout()
        values = self.values()
        db = self.ctx.db
        folder = preview_folder(self.ctx, "griddesk-notices-")
        name = f"{template.name}-{date.today().isoformat()}.pdf"

        def work(progress: Any) -> core.NoticeResult:
            with db.reading() as session:
                return core.print_notices(
                    session, template, target, layout, values, folder / name, progress=progress
                )

        def done(result: core.NoticeResult) -> None:
            self.status.setText(
                self.tr("已生成 {0:,} 份“{1}”，共 {2:,} 页").format(
                    result.notices, template.name, result.pages
                )
            )
            self.generated.emit(result)
            self._preview_batch(result, name)

        def failed(exc: BaseException) -> None:
            _remove_tree(folder)
            self._failed(exc)

        op = self.ctx.run(self, work, title=self.tr("正在生成通知"), on_success=done)
        op.failure(failed)

    def _failed(self, exc: BaseException) -> None:
        from app.errors import Cancelled, GridDeskError

        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("已取消，未生成文件。"))
        elif isinstance(exc, GridDeskError):
            QMessageBox.warning(self, self.tr("通知打印"), exc.message(self.ctx.lang))
        else:
            from app.ui.crash import report_bug

            report_bug(exc, self)

    def _preview_batch(self, result: core.NoticeResult, name: str) -> None:
        from app.ui.print_preview import PdfPreviewDialog

        assert result.path is not None
        path = result.path
        dialog = PdfPreviewDialog(path, name, name, self.ctx.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: _remove_tree(path.parent))
        self.preview_dialog = dialog
        dialog.open()


_HOUSEHOLD = frozenset(f.key for f in core.FIELDS if f.scope == core.HOUSEHOLD)
# a new template starts as a door notice does (the text is the document's, not the window's)
_NEW_BODY = (
    "{户主}（{地址}）住户：\n\n"
    "网格员：{网格员}（{网格}），联系电话：{网格员电话}；社区电话：{社区电话}。"
)


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
