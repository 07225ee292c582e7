"""帮助 → 关于 GridDesk: the version, the schema revision, the data folder (to copy, or to open),
the office and who is signed in — what a clerk reads out on the telephone — and 第三方许可, the
notices of the components the program carries (resources/licenses, README.txt its index)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.office.datadir import DataDir
from app.core.trust.roles import Permission
from app.db.revision import SCHEMA_HEAD
from app.ui.context import AppContext
from app.ui.resources import resource_path

LICENSES = "licenses"
INDEX = "README.txt"
# the font's licence stays beside the font (resources/fonts); README.txt names it there too
FONT_LICENSE = ("fonts", "wqy-microhei-LICENSE.txt")


def open_data_folder(datadir: DataDir) -> None:
    """The data folder in the system's file manager (文件 → 打开数据文件夹, and 关于)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(datadir.root)))


def database_revision(ctx: AppContext) -> str | None:
    """The schema revision of the open database (None before it is open)."""
    if not ctx.is_open:
        return None
    from app.db.migrate import current_revision

    with ctx.db.reading() as session:
        return current_revision(session.connection())


def license_files() -> list[Path]:
    """The index first, then each component's notice by name, then the font's."""
    folder = resource_path(LICENSES)
    notices = sorted(
        (p for p in folder.glob("*.txt") if p.name != INDEX), key=lambda p: p.name.lower()
    )
    return [folder / INDEX, *notices, resource_path(*FONT_LICENSE)]


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("关于 GridDesk"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.setContentsMargins(24, 20, 24, 16)

        title = QLabel(self.tr("GridDesk 社区应急工作台"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        blurb = QLabel(self.tr("离线运行的社区应急管理工具：不联网，数据只在本机和您携带的U盘上。"))
        blurb.setWordWrap(True)
        layout.addWidget(blurb)

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.version = self._value(__version__)
        form.addRow(self.tr("版本："), self.version)
        self.revision = self._value(self._revision_text())
        form.addRow(self.tr("数据库结构版本："), self.revision)

        self.folder = self._value(str(ctx.datadir.root))
        self.folder.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("打开数据文件夹"))
        self.open_folder.clicked.connect(lambda: open_data_folder(ctx.datadir))
        # as the 文件 menu: the roles that may not open it there are not offered it here
        self.open_folder.setVisible(ctx.may(Permission.SETTINGS))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("数据文件夹："), folder_row)

        office = ctx.office
        kind = self.tr("社区") if office.role == "community" else self.tr("街道办")
        self.office = self._value(
            self.tr("{0}（{1}，代码 {2}）").format(office.name, kind, office.code)
        )
        form.addRow(self.tr("本机构："), self.office)
        self.user = self._value(self._user_text())
        form.addRow(self.tr("当前用户："), self.user)
        layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.licenses_button = buttons.addButton(
            self.tr("第三方许可…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.licenses_button.clicked.connect(self.show_licenses)
        buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.licenses: LicensesDialog | None = None

    @staticmethod
    def _value(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return label

    def _revision_text(self) -> str:
        found = database_revision(self.ctx)
        if found is None or found == SCHEMA_HEAD:
            return SCHEMA_HEAD
        return self.tr("{0}（本机构数据库：{1}）").format(SCHEMA_HEAD, found)

    def _user_text(self) -> str:
        from app.ui.labels import user_role_label

        principal = self.ctx.principal
        if principal is None:
            who = self.tr("（本机构未设用户）")
        else:
            who = self.tr("{0}（{1}）").format(principal.name, user_role_label(principal.role))
        return self.tr("{0} · 演示").format(who) if self.ctx.demo else who

    def show_licenses(self) -> None:
        if self.licenses is None:
            self.licenses = LicensesDialog(self)
        self.licenses.show()
        self.licenses.raise_()
        self.licenses.activateWindow()


class LicensesDialog(QDialog):
    """第三方许可: the index (README.txt) and each notice, read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("第三方许可"))
        # wide enough for the index's table (about 100 columns), within a 1366×768 screen
        self.resize(1200, 660)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "GridDesk 使用并随附以下第三方组件。左侧选择一项，右侧显示其许可证全文；"
                "第一项“README.txt”是总览（组件、版本、许可证、文件）。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.files = license_files()
        self.list = QListWidget()
        self.list.addItems([p.name for p in self.files])
        self.list.setFixedWidth(220)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.text.font().pointSizeF())
        self.text.setFont(mono)
        row.addWidget(self.list)
        row.addWidget(self.text, 1)
        layout.addLayout(row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.list.setCurrentRow(0)

    def showEvent(self, event: QShowEvent) -> None:
        """Centred on the screen, and no larger than it (the About dialog it opens from is small)."""
        super().showEvent(event)
        screen = self.screen().availableGeometry()
        self.resize(
            min(self.width(), screen.width() - 40), min(self.height(), screen.height() - 60)
        )
        frame = self.frameGeometry()
        frame.moveCenter(screen.center())
        self.move(frame.topLeft())

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.files):
            return
        path = self.files[row]
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            text = self.tr("无法读取 {0}：{1}").format(path, exc.strerror or exc)
        self.text.setPlainText(text)


def show_about(ctx: AppContext, parent: QWidget | None = None) -> AboutDialog:
    """帮助 → 关于 GridDesk: the dialog, modal to the window, deleted when closed."""
    dialog = AboutDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
