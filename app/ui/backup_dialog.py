"""文件 → 备份与恢复…: the backups listed (date, reason, counts, check result), a backup made now
or onto a USB stick, and the selected one restored — the same operations as `backup` and
`restore` (app.core.office.backups), run on the database worker with progress.

After a restore GridDesk closes and asks to be opened again: every page holds rows of the database
it replaced, and a fresh start is the one state nobody has to reason about. While the file is
replaced the window's own database object opens no connection (`Database.suspended`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.backup_model import BackupModel, count_text, made_at_text

if TYPE_CHECKING:
    from app.db.backup import Backup
    from app.ui.context import AppContext


class BackupDialog(QDialog):
    """The backups of this office, and what can be done with them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # what follows a restore: the program closes (tests put something else here)
        self.after_restore: Callable[[], None] = QApplication.quit
        self.setWindowTitle(self.tr("备份与恢复"))
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "GridDesk 每天第一次打开时、每次导入名单或数据包之前、升级和恢复之前自动备份，"
                "每份备份都经过检查。备份保存在数据文件夹的 backups 中：最近 7 天的全部保留，"
                "之前每周保留一份（8 周）、每月保留一份（一年）。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)

        self.model = BackupModel(ctx.lang, self)
        self.view = QTableView()
        self.view.setObjectName("dataTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.view.doubleClicked.connect(lambda _i: self.restore_selected())
        layout.addWidget(self.view, 1)
        self.empty = QLabel(self.tr("暂无备份。点击“立即备份”做第一份备份。"))
        self.empty.hide()
        layout.addWidget(self.empty)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.backup_button.clicked.connect(lambda: self.backup_now())
        self.elsewhere_button = QPushButton(self.tr("备份到其他位置（U盘）…"))
        self.elsewhere_button.clicked.connect(self.backup_elsewhere)
        self.restore_button = QPushButton(self.tr("恢复所选…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button = QPushButton(self.tr("打开备份文件夹"))
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.datadir.backups)))
        )
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        for button in (
            self.backup_button,
            self.elsewhere_button,
            self.restore_button,
            self.folder_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.on_server = False
        self.reload()

    # --- the list -------------------------------------------------------------------------------

    def reload(self) -> None:
        from app.core.office import backups

        if backups.on_server(self.ctx.datadir):
            self.on_server = True
            self.model.set_rows([])
            self._say_warning(
                self.tr(
                    "本机构的数据库在 PostgreSQL 服务器上：备份和恢复由服务器管理员用 pg_dump / "
                    "pg_restore 完成，不在这里进行。"
                )
            )
            self._enable()
            return
        self.model.set_rows(backups.list_backups(self.ctx.datadir))
        self.empty.setVisible(not self.model.rows)
        state = backups.daily_state(self.ctx.datadir)
        if state is not None and not state.ok:
            zh, en = state.problems[0] if state.problems else ("", "")
            self._say_warning(
                self.tr("今天的自动备份没有完成：{0}").format(en if self.ctx.lang == "en" else zh)
            )
        else:
            self.warning.hide()
        if self.model.rows:
            self.view.selectRow(0)
        self._enable()

    def _say_warning(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.show()

    def selected(self) -> Backup | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _enable(self) -> None:
        for button in (self.backup_button, self.elsewhere_button, self.folder_button):
            button.setEnabled(not self.on_server)
        chosen = self.selected()
        self.restore_button.setEnabled(not self.on_server and chosen is not None)

    # --- backing up ------------------------------------------------------------------------------

    def backup_now(self, to: Path | None = None) -> None:
        from app.core.office.backups import make_backup

        datadir = self.ctx.datadir
        by = self.ctx.principal.name if self.ctx.principal is not None else None

        def work(progress: Any) -> Any:
            return make_backup(datadir, "manual", to=to, progress=progress, by=by)

        self.status.setText(self.tr("正在备份…"))
        op = self.ctx.run(self, work, title=self.tr("备份数据库"), on_success=self._backed_up)
        op.failure(self._failed)

    def backup_elsewhere(self) -> None:
        from app.ui.files import choose_folder

        folder = choose_folder(self, self.ctx.settings, self.tr("选择保存备份的文件夹（如 U 盘）"))
        if folder is not None:
            self.backup_now(folder)

    def _backed_up(self, made: Any) -> None:
        b = made.backup
        text = self.tr("已备份并检查通过：{0}，居民 {1} 人，{2} 户。").format(
            made_at_text(b), count_text(b.residents), count_text(b.households)
        )
        if made.copy is not None:
            text += " " + self.tr("已复制到 {0}").format(made.copy)
        self.status.setText(text)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        from app.errors import Cancelled, GridDeskError

        self.status.clear()
        self.reload()
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, GridDeskError):
            QMessageBox.warning(self, self.tr("备份与恢复"), exc.message(self.ctx.lang))
            return
        from app.ui.crash import report_bug

        report_bug(exc, self)

    # --- restoring -------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.on_server:
            return
        if chosen.ok is False:
            QMessageBox.warning(
                self,
                self.tr("不能恢复"),
                self.tr(
                    "{0} 的这份备份没有通过检查（是恢复前另存的、已损坏的数据库），不能恢复。"
                    "请选择一份检查结果为“正常”的备份。"
                ).format(made_at_text(chosen)),
            )
            return
        answer = QMessageBox.question(
            self,
            self.tr("恢复备份"),
            self.tr(
                "从 {0} 的备份恢复吗？\n该备份有居民 {1} 人、{2} 户。\n\n"
                "当前的数据库会先另存一份（列在这里，原因为“恢复前”）；备份之后录入的内容"
                "需要重新录入。恢复后 GridDesk 会关闭，请再次打开。"
            ).format(
                made_at_text(chosen), count_text(chosen.residents), count_text(chosen.households)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore(chosen)

    def restore(self, chosen: Backup) -> None:
        from app.core.office.backups import restore
        from app.errors import DatabaseProblem

        datadir, source = self.ctx.datadir, chosen.path
        # the window's own database (absent when it could not be opened: damaged) is held off
        # while the file is swapped
        db = self.ctx.db if self.ctx.is_open else None
        busy = DatabaseProblem(
            "正在从备份恢复数据库，请稍候。", "The database is being restored; please wait."
        )
        release = (lambda: db.suspended(busy)) if db is not None else None

        by = self.ctx.principal.name if self.ctx.principal is not None else self.ctx.restorer
        # a password proved but the database unopened: the backup must show an administrator
        unverified = self.ctx.principal is None and self.ctx.restorer is not None

        def work(progress: Any) -> Any:
            return restore(
                datadir,
                source,
                progress=progress,
                release=release,
                by=by,
                admin_unverified=unverified,
            )

        self.status.setText(self.tr("正在恢复…"))
        op = self.ctx.run(self, work, title=self.tr("恢复备份"), on_success=self._restored)
        op.failure(self._failed)

    def _restored(self, done: Any) -> None:
        QMessageBox.information(
            self,
            self.tr("恢复完成"),
            self.tr(
                "已恢复备份：居民 {0} 人、{1} 户，检查正常。\n恢复前的数据库已另存为：\n{2}\n\n"
                "GridDesk 现在关闭，请再次打开。"
            ).format(
                count_text(done.residents),
                count_text(done.households),
                done.kept.path if done.kept else "—",
            ),
        )
        self.accept()
        self.after_restore()


def show_backup_dialog(ctx: AppContext, parent: QWidget | None = None) -> BackupDialog:
    """文件 → 备份与恢复…: the dialog, modal to the window, deleted when closed."""
    dialog = BackupDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
