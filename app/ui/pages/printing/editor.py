"""通知打印 → 模板内容: a template's name, title and body, a placeholder inserted from the list of
fields, and what is wrong with the template said under it. A built-in template is shown read-only
with a note that it can be copied.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.core.printing import notice_templates
from app.core.printing.notice_templates import NoticeTemplate
from app.ui.labels import DOCUMENT, listing, mark_chinese
from app.ui.pages.printing.field_names import field_hint, field_name


class TemplateEditor(QGroupBox):
    """The template being edited; `edited` when the user changes its name, title or body."""

    edited = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("模板内容"))
        self._loading = False
        form = QFormLayout(self)
        self.builtin_note = QLabel(self.tr("内置模板不能直接修改：点击“复制”建立可以修改的副本。"))
        self.builtin_note.setObjectName("banner")
        self.builtin_note.setWordWrap(True)
        form.addRow(self.builtin_note)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(notice_templates.MAX_TEMPLATE_NAME)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(notice_templates.MAX_TEMPLATE_TITLE)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setMinimumHeight(220)
        self.body_edit.setTabChangesFocus(True)
        mark_chinese(DOCUMENT, self.name_edit, self.title_edit, self.body_edit)
        form.addRow(self.tr("模板名称："), self.name_edit)
        form.addRow(self.tr("通知标题："), self.title_edit)
        form.addRow(self.tr("正文："), self.body_edit)
        insert_row = QHBoxLayout()
        self.field_choice = QComboBox()
        for (
            f
        ) in notice_templates.FIELDS:  # the template's own words: {地址}, named in other languages
            token = f"{{{f.zh}}}"
            named = f"{token}  {field_name(f.key)}" if lang != "zh" else token
            self.field_choice.addItem(named, f.zh)
            self.field_choice.setItemData(
                self.field_choice.count() - 1, field_hint(f.key), Qt.ItemDataRole.ToolTipRole
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
        self.body_edit.textChanged.connect(self._edited)

    def _edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    def show_template(self, shown: NoticeTemplate, editable: bool) -> None:
        """Show `shown`'s words; only a template of the office's own (or a draft) can be changed."""
        self._loading = True
        try:
            self.name_edit.setText(shown.name)
            self.title_edit.setText(shown.title)
            self.body_edit.setPlainText(shown.body)
        finally:
            self._loading = False
        for w in (self.name_edit, self.title_edit):
            w.setReadOnly(not editable)
        self.body_edit.setReadOnly(not editable)
        self.insert_button.setEnabled(editable)
        self.field_choice.setEnabled(editable)
        self.builtin_note.setVisible(not editable)

    def name(self) -> str:
        return self.name_edit.text().strip()

    def title_text(self) -> str:
        return self.title_edit.text()

    def body(self) -> str:
        return self.body_edit.toPlainText()

    def check(self, t: NoticeTemplate) -> None:
        """Say under the editor what is wrong with `t` (nothing when it can be printed)."""
        unknown = t.unknown()
        in_title = [
            n
            for n in notice_templates.placeholders(t.title)
            if n in notice_templates.FIELD_BY_NAME
            and notice_templates.FIELD_BY_NAME[n].scope != notice_templates.JOB
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

    def problem(self) -> str:
        return self.template_problem.text()

    def insert_placeholder(self) -> None:
        name = self.field_choice.currentData()
        self.body_edit.insertPlainText("{" + str(name) + "}")
        self.body_edit.setFocus()

    def start_naming(self) -> None:
        """The name selected and focused, to be typed over (a new template or a copy)."""
        self.name_edit.selectAll()
        self.name_edit.setFocus()
