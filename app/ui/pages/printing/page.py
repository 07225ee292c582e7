"""通知打印: notice templates (built-in and the office's own), an editor with a live preview of the
first sheet, what to print for (everyone, a grid, a building, a tag, chosen households, copies for a
board), paper and layout; the batch is made on the database worker with progress and Cancel, then
previewed, printed or saved through `app.ui.print_preview`.

Everything on paper comes from `app.core.printing.notices`, which the `print notices` command calls too.
The page keeps the templates and the state of the run; the template editor (`editor`), the
choices of the run (`options`) and the preview pane (`preview`) are widgets of their own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.printing import notice_targets, notice_templates, notices
from app.core.printing.notice_targets import Households, TargetChoices
from app.core.printing.notice_templates import NoticeTemplate
from app.ui.context import AppContext, preview_folder
from app.ui.labels import DOCUMENT, listing, mark_chinese
from app.ui.pages.printing.editor import TemplateEditor
from app.ui.pages.printing.field_names import field_name
from app.ui.pages.printing.options import LayoutOptions, NoticeValuesForm, TargetChooser
from app.ui.pages.printing.preview import NoticePreview
from app.ui.toolbar import PageToolBar

PREVIEW_DELAY_MS = 350


class PrintingPage(QWidget):
    """通知打印: templates on the left, the editor and options in the middle, the preview right."""

    templates_loaded = Signal()
    target_loaded = Signal()
    preview_updated = Signal()
    generated = Signal(object)  # the NoticeResult of a batch

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
        splitter.addWidget(self._options_column())
        self.preview = NoticePreview()
        splitter.addWidget(self.preview)
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

    def _options_column(self) -> QWidget:
        """The template, the values, the target and the paper, one under the other."""
        inner = QWidget()
        col = QVBoxLayout(inner)
        col.setContentsMargins(0, 0, 8, 0)
        col.setSpacing(12)
        self.editor = TemplateEditor(self.ctx.lang)
        self.editor.edited.connect(lambda: self._edited())
        self.values_form = NoticeValuesForm()
        self.values_form.changed.connect(lambda: self.schedule_preview())
        self.scope = TargetChooser()
        self.scope.changed.connect(lambda: self.load_target())
        self.paper_options = LayoutOptions()
        self.paper_options.changed.connect(lambda: self.schedule_preview())
        for box in (self.editor, self.values_form, self.scope, self.paper_options):
            col.addWidget(box)

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
                return notice_templates.list_templates(session), notice_targets.target_choices(
                    session
                )

        self.ctx.run(self, work, on_success=self._loaded, show_progress=False)

    def reload_templates(self) -> None:
        """The templates again, keeping the one shown when they arrive (a save or delete on this
        page has set it by then) selected."""
        db = self.ctx.db

        def work(_progress: Any) -> list[NoticeTemplate]:
            with db.reading() as session:
                return notice_templates.list_templates(session)

        def arrived(found: list[NoticeTemplate]) -> None:
            self._templates_shown(found, self.current.key if self.current else None)

        self.ctx.run(self, work, on_success=arrived, show_progress=False)

    def _loaded(self, result: tuple[list[NoticeTemplate], TargetChoices]) -> None:
        templates, choices = result
        self.choices = choices
        self.scope.set_choices(choices)
        self.values_form.set_community_phone(choices.community_phone)
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
        self.editor.show_template(shown, editable=template is None or not template.builtin)
        self.dirty = False
        self._check_template()
        self._fields_shown()
        self._update_actions()
        uses = notice_templates.template_fields(self.editor_template())
        self.paper_options.barcode.setChecked(bool(uses & _HOUSEHOLD))
        self.schedule_preview()

    def editor_template(self) -> NoticeTemplate:
        """The template as the editor shows it (unsaved changes included): what is printed."""
        if self.current is not None and self.current.builtin:
            return self.current
        return NoticeTemplate(
            self.current.key if self.current else "draft",
            self.editor.name() or self.tr("新模板"),
            self.editor.title_text(),
            self.editor.body(),
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

    def _check_template(self) -> None:
        self.editor.check(self.editor_template())

    def _fields_shown(self) -> None:
        """Only the values this template uses are asked for."""
        self.values_form.show_fields(notice_templates.template_fields(self.editor_template()))

    def _settle_unsaved(self) -> bool:
        """Ask what to do with unsaved changes; False: stay where we are."""
        if not self.dirty:
            return True
        name = self.editor.name() or self.tr("新模板")
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
        self.editor.start_naming()

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
        self.editor.start_naming()

    def save_template(self) -> None:
        if self.current is not None and self.current.builtin:
            return
        t = self.editor_template()
        name, title, body = self.editor.name_edit.text(), self.editor.title_edit.text(), t.body
        template_id = self.current.id if self.current else None
        based_on = self.draft_based_on
        db = self.ctx.db

        def work(_progress: Any) -> NoticeTemplate:
            with db.session(note="notice template") as session:
                return notice_templates.save_template(
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
                notice_templates.delete_template(session, template_id)

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

    def load_target(self) -> None:
        """Count the target's households (on the worker) and keep them for the preview."""
        if self._loading or not self._started:
            return
        target = self.scope.target()
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
                    return notice_targets.find_households(session, target), prices
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
        self.scope.show_count(found, problem)
        self.print_action.setEnabled(found is not None)
        self.generate_button.setEnabled(found is not None)
        self.target_loaded.emit()
        self.schedule_preview()

    # --- preview ------------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        if self._started and not self._loading:
            self._timer.start()

    def render_preview(self) -> None:
        """The first sheet of the batch as it will print, from the editor's current contents."""
        template = self.editor_template()
        layout = self.paper_options.notice_layout()
        values = self.values_form.values()
        if template.key == "price" and not values.content.strip() and self.group_buy_prices:
            content, suppliers = self.group_buy_prices  # as print_notices fills it
            values = replace(values, content=content, supplier=values.supplier.strip() or suppliers)
        job = notices.office_job_values(
            self.choices.community, self.choices.community_phone, values
        )
        found = self.found or Households([], {}, False)
        if self.scope.target().kind == "copies":
            found = Households([], found.workers, found.roster_exists)
        data, rendered = notices.preview_pdf(template, found, layout, job)
        self.preview_bytes = data
        self.preview.show_pdf(data)
        uses = notice_templates.template_fields(template)
        # what is left blank is said here in the window's words (the core names the fields by
        # their keys in English: start_date), so the core is told they are filled
        blank = [
            k
            for k in sorted(uses)
            if notice_templates.FIELD_BY_NAME[k].scope == notice_templates.JOB and not job.get(k)
        ]
        told = {**job, **dict.fromkeys(blank, "_")}
        self.warnings = notices.notice_warnings(uses, told, found, layout)
        if rendered.overflowed:
            self.warnings.append(notices.overflow_warning(rendered.overflowed))
        lang = 1 if self.ctx.lang == "en" else 0
        shown = [w[lang] for w in self.warnings]
        if blank:
            names = listing(field_name(k) for k in blank)
            shown.insert(0, self.tr("未填写：{0}（印为空白横线，可手写）。").format(names))
        self.preview.show_warnings(shown)
        self.preview_updated.emit()

    # --- the batch ----------------------------------------------------------------------------

    def generate(self) -> None:
        """Make the whole batch on the worker (progress, Cancel), then preview it."""
        template = self.editor_template()
        if self.editor.problem() or template.unknown() or not template.title.strip():
            self._check_template()
            QMessageBox.warning(self, self.tr("通知打印"), self.editor.problem())
            return
        target = self.scope.target()
        layout = self.paper_options.notice_layout()
        values = self.values_form.values()
        db = self.ctx.db
        folder = preview_folder(self.ctx, "griddesk-notices-")
        name = f"{template.name}-{date.today().isoformat()}.pdf"

        def work(progress: Any) -> notices.NoticeResult:
            with db.reading() as session:
                return notices.print_notices(
                    session, template, target, layout, values, folder / name, progress=progress
                )

        def done(result: notices.NoticeResult) -> None:
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

    def _preview_batch(self, result: notices.NoticeResult, name: str) -> None:
        from app.ui.print_preview import PdfPreviewDialog

        assert result.path is not None
        path = result.path
        dialog = PdfPreviewDialog(path, name, name, self.ctx.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: _remove_tree(path.parent))
        self.preview_dialog = dialog
        dialog.open()


_HOUSEHOLD = frozenset(
    f.key for f in notice_templates.FIELDS if f.scope == notice_templates.HOUSEHOLD
)
# a new template starts as a door notice does (the text is the document's, not the window's)
_NEW_BODY = (
    "{户主}（{地址}）住户：\n\n"
    "网格员：{网格员}（{网格}），联系电话：{网格员电话}；社区电话：{社区电话}。"
)


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
