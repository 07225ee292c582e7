"""设置: the office's details (本机构信息, editable), the data folder, key fingerprint, language and
text size, the idle minutes before the window locks; and, for an administrator of an office with
users, the 用户 tab (app.ui.pages.users)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import AppContext
from app.ui.labels import OWN_NAMES, mark_chinese
from app.ui.pages.office_profile import OfficeSection
from app.ui.style import BODY_PT, LARGE_BODY_PT, set_font_size

RESTART = QT_TRANSLATE_NOOP("SettingsPage", "重新启动 GridDesk 后生效。")


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.setSpacing(16)
        title = QLabel(self.tr("设置"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        general = QWidget()
        layout = QVBoxLayout(general)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.users = None
        if ctx.access is not None and ctx.principal is not None:
            from app.core.trust.roles import Permission
            from app.ui.pages.users import UsersPage

            self.tabs = QTabWidget()
            # scrolled within its tab: the tabs' own row must not make the page taller than a
            # 1366×768 screen has room for (large-font mode)
            scroll = QScrollArea()
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidgetResizable(True)
            scroll.setWidget(general)
            self.tabs.addTab(scroll, self.tr("本机构与显示"))
            if ctx.may(Permission.USERS):
                self.users = UsersPage(ctx)
                self.tabs.addTab(self.users, self.tr("用户"))
            outer.addWidget(self.tabs, 1)
        else:
            outer.addWidget(general, 1)

        self.office = OfficeSection(ctx)
        self.fingerprint = QLabel(self.tr("（打开本页时读取）"))
        self.office.form.addRow(self.tr("密钥指纹："), self.fingerprint)
        layout.addWidget(self.office)

        folder = QGroupBox(self.tr("数据文件夹"))
        row = QHBoxLayout(folder)
        path = QLabel(str(ctx.datadir.root))
        path.setWordWrap(True)
        row.addWidget(path, 1)
        open_button = QPushButton(self.tr("打开文件夹"))
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(ctx.datadir.root)))
        )
        row.addWidget(open_button)
        layout.addWidget(folder)

        display = QGroupBox(self.tr("显示"))
        dform = QFormLayout(display)
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh")  # each language by its own name
        self.language.addItem("English", "en")
        mark_chinese(OWN_NAMES, self.language)
        self.language.setCurrentIndex(0 if ctx.lang == "zh" else 1)
        self.language.currentIndexChanged.connect(self._language_changed)
        dform.addRow(self.tr("界面语言："), self.language)
        self.language_note = QLabel("")
        self.language_note.setObjectName("muted")
        dform.addRow("", self.language_note)
        self.large = QCheckBox(self.tr("大字体（适合长时间阅读）"))
        self.large.setChecked(bool(ctx.settings.value("large_font", False, type=bool)))
        self.large.toggled.connect(self._large_toggled)
        dform.addRow(self.tr("字号："), self.large)
        if ctx.principal is not None:
            from app.ui.lock import lock_minutes

            self.lock_minutes = QSpinBox()
            self.lock_minutes.setRange(0, 240)
            self.lock_minutes.setSuffix(self.tr(" 分钟"))
            self.lock_minutes.setSpecialValueText(self.tr("从不"))
            self.lock_minutes.setValue(lock_minutes(ctx))
            self.lock_minutes.valueChanged.connect(self._lock_minutes_changed)
            dform.addRow(self.tr("无操作时自动锁定："), self.lock_minutes)
        layout.addWidget(display)
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fingerprint.property("loaded"):
            return
        from app.core.office.keys import public_fingerprint

        try:
            self.fingerprint.setText(public_fingerprint(self.ctx.datadir.keys))
        except OSError:
            self.fingerprint.setText(self.tr("未找到密钥文件（keys 文件夹）"))
        self.fingerprint.setProperty("loaded", True)

    def _language_changed(self) -> None:
        """The choice is kept for the next start; the note says so in the language in use and in
        the one chosen (its reader may not read the other)."""
        from app.ui.application import translated_in

        lang = self.language.currentData()
        self.ctx.settings.setValue("lang", lang)
        if lang == self.ctx.lang:
            self.language_note.setText("")  # back to the language in use: nothing to wait for
            return
        here = self.tr(RESTART)
        there = translated_in(lang, "SettingsPage", RESTART)
        self.language_note.setText(here if here == there else f"{here}\n{there}")

    def _lock_minutes_changed(self, minutes: int) -> None:
        from app.ui.lock import LOCK_MINUTES_KEY

        self.ctx.settings.setValue(LOCK_MINUTES_KEY, minutes)

    def _large_toggled(self, on: bool) -> None:
        self.ctx.settings.setValue("large_font", on)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            set_font_size(app, LARGE_BODY_PT if on else BODY_PT)
