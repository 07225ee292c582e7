"""The main window: navigation on the left, one page per area, the office and who is signed in in
the status bar. An area or a menu entry the signed-in user's role may not use is not shown; locked
(idle, 锁定, 注销) the pages are replaced by the lock screen."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from app.core.common.changes import Change
from app.core.trust.roles import Permission
from app.ui.about import open_data_folder, show_about
from app.ui.context import AppContext
from app.ui.operations import delete_later
from app.ui.pages.home import HomePage
from app.ui.screen import place_main_window

# A page is "module:Class" (built with the context, imported on first visit, so start-up does not
# import every area) or a callable that makes the widget.
PageSpec = str | Callable[[], QWidget]

# what the signed-in user's role must allow for an area to be listed (首页 is everyone's)
AREA_PERMISSIONS: dict[str, Permission] = {
    "registry": Permission.PERSONAL,
    "grids": Permission.PERSONAL,
    "supplies": Permission.PERSONAL,
    "meetings": Permission.WRITE,
    "requests": Permission.PERSONAL,
    "printing": Permission.PRINT_PERSONAL,
    "reports": Permission.REPORTS,
    "directives": Permission.WRITE,
    "exchange": Permission.EXCHANGE,
    "audit": Permission.AUDIT,
    "settings": Permission.SETTINGS,
}


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.maximise = place_main_window(self)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(168)
        self.stack = QStackedWidget()
        self.content = QWidget()
        row = QHBoxLayout(self.content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        from app.ui.lock import LockScreen

        # the pages, or the lock screen in their place: locked, no page is shown or painted
        self.screens = QStackedWidget()
        self.screens.addWidget(self.content)
        self.lock_screen = LockScreen(ctx)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.quit_requested.connect(self.close)
        self.screens.addWidget(self.lock_screen)
        self.setCentralWidget(self.screens)
        self._hidden_windows: list[QWidget] = []

        self.home = HomePage(ctx)
        self.home.requested.connect(self.do_request)
        self.pages: dict[str, QWidget] = {"home": self.home}
        self._specs: list[tuple[str, PageSpec]] = []
        self._list_areas()
        self.nav.currentRowChanged.connect(self._show_area)
        self.nav.setCurrentRow(0)
        for i in range(10):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{(i + 1) % 10}"))
            action.triggered.connect(lambda _=False, row=i: self._go_to_row(row))
            self.addAction(action)

        self._menus()
        from app.ui.help import install_help

        install_help(self, ctx.lang)  # 帮助 → 用户手册 (F1), 快捷键一览
        self._status_bar()
        self._apply_permissions()
        ctx.principal_changed.connect(self._principal_changed)
        from app.ui.lock import IdleWatch

        self.idle_watch = IdleWatch(self._idle_seconds, self)
        self.idle_watch.idle.connect(self.lock)
        if ctx.is_open:
            self._opened()
        else:
            ctx.opened.connect(self._opened)

    def _idle_seconds(self) -> float:
        """How long the window may stay untouched before it locks (0: never; no users: never)."""
        from app.ui.lock import lock_minutes

        if self.ctx.principal is None:
            return 0
        return lock_minutes(self.ctx) * 60.0

    def _go_to_row(self, row: int) -> None:
        if not self.is_locked and row < self.nav.count():
            self.nav.setCurrentRow(row)

    def _list_areas(self) -> None:
        """The navigation: the areas the signed-in user's role may use, each page a placeholder
        until its first visit."""
        for key, title, spec in self._areas():
            wanted = AREA_PERMISSIONS.get(key)
            if wanted is not None and not self.ctx.may(wanted):
                continue
            self._specs.append((key, spec))
            self.nav.addItem(title)
            self.stack.addWidget(framed(self.home if key == "home" else QWidget()))

    def _opened(self) -> None:
        self._show_last_export()
        self.ctx.changed.connect(self._on_changed)
        self.home.refresh()
        self._show_area(self.nav.currentRow())

    def open_area(self, key: str) -> QWidget:
        """Switch to the area `key` as the navigation does, and return its page."""
        self.nav.setCurrentRow([k for k, _spec in self._specs].index(key))
        return self.pages[key]

    def has_area(self, key: str) -> bool:
        return any(k == key for k, _spec in self._specs)

    def _show_area(self, row: int) -> None:
        """Switch to an area, building its page on the first visit (once the database is open)."""
        if row < 0:
            return
        key, spec = self._specs[row]
        if key not in self.pages and self.ctx.is_open:
            if isinstance(spec, str):
                module, _, name = spec.partition(":")
                page = getattr(importlib.import_module(module), name)(self.ctx)
            else:
                page = spec()
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, framed(page))
            self.stack.removeWidget(placeholder)
            delete_later(placeholder)
            self.pages[key] = page
        self.stack.setCurrentIndex(row)

    def do_request(self, what: str) -> None:
        """What a page asks the window to do elsewhere, e.g. 首页's 导入名单 → 住户's import."""
        area, _, action = what.partition(":")
        if not self.has_area(area):
            return  # an area this user's role does not list
        page = self.open_area(area)
        if action == "import":
            page.import_roster()  # type: ignore[attr-defined]
        elif action == "add-household":
            page.add_household()  # type: ignore[attr-defined]

    def _areas(self) -> list[tuple[str, str, PageSpec]]:
        if self.ctx.office.is_street_office:
            return self._street_areas()

        return [
            ("home", self.tr("首页"), lambda: self.home),
            ("registry", self.tr("住户"), "app.ui.pages.registry:RegistryPage"),
            ("grids", self.tr("网格"), "app.ui.pages.grids.page:GridsPage"),
            ("supplies", self.tr("物资"), "app.ui.pages.supplies.page:SuppliesPage"),
            (
                "meetings",
                self.tr("会议"),
                "app.ui.pages.meetings:MeetingsPage",
            ),
            ("requests", self.tr("诉求"), "app.ui.pages.requests.page:RequestsPage"),
            ("printing", self.tr("通知打印"), "app.ui.pages.printing.page:PrintingPage"),
            ("reports", self.tr("报表"), "app.ui.pages.reports:ReportsPage"),
            ("exchange", self.tr("数据交换"), "app.ui.pages.exchange:ExchangePage"),
            ("audit", self.tr("审计"), "app.ui.pages.audit:AuditPage"),
            ("settings", self.tr("设置"), "app.ui.pages.settings:SettingsPage"),
        ]

    def _street_areas(self) -> list[tuple[str, str, PageSpec]]:
        """A street office reads its communities' records (社区居民, read only, with the community
        beside every address) and writes its own directives; it has no households of its own."""
        return [
            ("home", self.tr("首页"), lambda: self.home),
            ("registry", self.tr("社区居民"), "app.ui.pages.registry:RegistryPage"),
            ("reports", self.tr("报表"), "app.ui.pages.street_areas:StreetReportsPage"),
            ("directives", self.tr("下发事项"), "app.ui.pages.street_areas:StreetDirectivesPage"),
            ("exchange", self.tr("数据交换"), "app.ui.pages.exchange:ExchangePage"),
            ("audit", self.tr("审计"), "app.ui.pages.audit:AuditPage"),
            ("settings", self.tr("设置"), "app.ui.pages.settings:SettingsPage"),
        ]

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        open_folder = file_menu.addAction(self.tr("打开数据文件夹"))
        open_folder.triggered.connect(lambda: open_data_folder(self.ctx.datadir))
        backup = file_menu.addAction(self.tr("立即备份数据库"))
        backup.triggered.connect(self.backup_now)
        backups = file_menu.addAction(self.tr("备份与恢复…"))
        backups.triggered.connect(
            lambda: importlib.import_module("app.ui.backup_dialog").show_backup_dialog(
                self.ctx, self
            )
        )
        # a menu entry is shown to the roles that may use it
        self._guarded: list[tuple[QAction, Permission]] = [
            (open_folder, Permission.SETTINGS),
            (backup, Permission.WRITE),
            (backups, Permission.RESTORE),
        ]
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("退出"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        from app.ui.user_menu import UserMenu

        # an office without users has nobody to lock out, switch or sign out
        self.user_menu = UserMenu(self) if self.ctx.principal is not None else None
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = help_menu.addAction(self.tr("关于 GridDesk"))
        about.triggered.connect(self.about)

    def show(self) -> None:
        """Shown maximised on a screen smaller than the comfortable size (a 1366×768 laptop)."""
        if self.maximise:
            self.showMaximized()
        else:
            super().show()

    def _status_bar(self) -> None:
        # the office and the last export on the right; the rest of the bar stays free for the
        # messages of the moment (已备份到 …), which must not be cut
        bar = self.statusBar()
        self.user_label = QLabel()
        self.user_label.setObjectName("signedIn")
        self.office_label = QLabel()
        self.office_label.setToolTip(self.tr("数据文件夹：{0}").format(self.ctx.datadir.root))
        self.export_label = QLabel()
        for label in (self.user_label, self.office_label, self.export_label):
            bar.addPermanentWidget(label)
        self._show_office()

    def _show_office(self) -> None:
        """The office's name in the title and its name and code in the status bar (again after
        设置 changes them)."""
        from app.ui.labels import user_role_label

        office = self.ctx.office
        principal = self.ctx.principal
        title = self.tr("GridDesk 社区应急工作台 — {0}").format(office.name)
        who = ""
        if principal is not None:
            who = self.tr("{0}（{1}）").format(principal.name, user_role_label(principal.role))
            title = self.tr("{0} — {1}").format(title, who)
        if self.ctx.demo:
            title = self.tr("{0} — 演示").format(title)
        self.setWindowTitle(title)
        kind = self.tr("社区") if office.role == "community" else self.tr("街道办")
        self.office_label.setText(self.tr("{0}：{1}（{2}）").format(kind, office.name, office.code))
        if principal is None:
            self.user_label.setText(self.tr("演示") if self.ctx.demo else "")
        elif self.ctx.demo:
            self.user_label.setText(self.tr("演示 · 用户：{0}").format(who))
        else:
            self.user_label.setText(self.tr("用户：{0}").format(who))
        self.user_label.setVisible(bool(self.user_label.text()))

    def _on_changed(self, changes: Change) -> None:
        if changes & Change.EXCHANGE:  # the last export is part of the exchange
            self._show_last_export()
        if changes & Change.OFFICE:
            self._show_office()

    def _show_last_export(self) -> None:
        from app.core.exchange.last_export import last_export

        with self.ctx.db.reading() as session:
            last = last_export(session)
        self.export_label.setText(
            self.tr("上次导出：{0}").format(last.text()) if last else self.tr("上次导出：尚未导出")
        )

    # --- who is signed in -----------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.screens.currentWidget() is self.lock_screen

    def lock(self, signed_out: bool = False) -> None:
        """Hide the pages behind the lock screen (idle, 锁定, 注销): menus and popups close, the
        other windows are hidden (a dialog waiting for an answer is dismissed with nothing
        saved), and the password is asked for."""
        if self.ctx.principal is None or (self.is_locked and not signed_out):
            return
        from PySide6.QtWidgets import QApplication

        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
            QApplication.processEvents()
        self._hidden_windows = []
        for window in QApplication.topLevelWidgets():
            if window is self or not window.isVisible():
                continue
            if window.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                window.hide()  # a tooltip or a list that dropped down: not brought back
                continue
            keep = not window.isModal() and not signed_out  # shown again after unlocking
            window.hide()
            if keep:
                self._hidden_windows.append(window)
        self.screens.setCurrentWidget(self.lock_screen)
        self.content.hide()
        self.lock_screen.prepare(signed_out)  # shown first, so the password field takes focus
        self.menuBar().setEnabled(False)
        if self.user_menu is not None:
            self.user_menu.locked(True)

    def sign_out(self) -> None:
        """注销: the pages hidden until someone signs in."""
        self.lock(signed_out=True)

    def _unlocked(self, access: object) -> None:
        switched = access is not self.ctx.access
        self.screens.setCurrentWidget(self.content)
        self.content.show()
        self.menuBar().setEnabled(True)
        if self.user_menu is not None:
            self.user_menu.locked(False)
        if switched:
            for window in self._hidden_windows:
                window.close()
            self._hidden_windows = []
            self.ctx.signed_in(access)  # type: ignore[arg-type]
        else:
            for window in self._hidden_windows:
                window.show()
            self._hidden_windows = []
        self.idle_watch.touch()

    def _principal_changed(self) -> None:
        """Another user signed in: the areas and menus their role allows, every page built again
        for them, 首页 shown."""
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        while self.stack.count():
            frame = self.stack.widget(0)
            self.stack.removeWidget(frame)
            if isinstance(frame, QScrollArea) and frame.widget() is self.home:
                frame.takeWidget()
            delete_later(frame)
        self.pages = {"home": self.home}
        self._specs = []
        self._list_areas()
        self._apply_permissions()
        self._show_office()
        self.nav.setCurrentRow(0)
        self._show_area(0)
        if self.ctx.is_open:
            self.home.refresh()

    def _apply_permissions(self) -> None:
        for action, permission in self._guarded:
            action.setVisible(self.ctx.may(permission))

    def backup_now(self) -> None:
        from app.db.migrate import backup_sqlite

        datadir = self.ctx.datadir

        def run(_progress: object) -> str:
            return str(backup_sqlite(datadir.db_path, datadir.backups, "manual"))

        self.ctx.run(
            self,
            run,
            title=self.tr("备份数据库"),
            on_success=lambda path: self.statusBar().showMessage(
                self.tr("已备份到 {0}").format(path), 10_000
            ),
        )

    def about(self) -> None:
        show_about(self.ctx, self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ctx.tasks.wait(100):
            answer = QMessageBox.question(
                self, self.tr("正在处理"), self.tr("还有操作在进行。等待它完成后再退出吗？")
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.ctx.tasks.wait(-1)
        super().closeEvent(event)


def framed(page: QWidget) -> QScrollArea:
    """A page in the stack: it fills the window, and scrolls instead of making the window taller
    than the screen when its content needs more room than the screen has (app.ui.screen)."""
    frame = QScrollArea()
    frame.setObjectName("pageFrame")
    frame.setFrameShape(QFrame.Shape.NoFrame)
    frame.setWidgetResizable(True)
    frame.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    frame.setWidget(page)
    return frame
