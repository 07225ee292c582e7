"""Bugs: logged with the traceback, then a dialog that says so plainly (after qutebrowser's
crashsignal/crashdialog). Known conditions never come here; they get a message box."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import GridDeskError

log = logging.getLogger("griddesk.crash")
_log_path: Path | None = None
_lang = "zh"  # the window's language, for known conditions that reach the hook


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序错误"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        where = str(log_path) if log_path else self.tr("（日志不可用）")
        text = QLabel(
            self.tr(
                "GridDesk 遇到了一个程序错误。已保存的数据不受影响；未完成的操作已撤销。\n"
                "错误详情已写入日志：{0}\n请把日志文件交给技术支持。"
            ).format(where)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        box = QPlainTextEdit(details)
        box.setReadOnly(True)
        box.setMinimumHeight(180)
        layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("复制详情"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def report_bug(exc: BaseException, parent: QWidget | None = None) -> None:
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unhandled error\n%s", details)
    if QApplication.instance() is not None:
        CrashDialog(details, _log_path, parent).exec()


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if isinstance(exc, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(exc, GridDeskError):
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(QApplication.activeWindow(), "GridDesk", exc.message(_lang))
        return
    report_bug(exc.with_traceback(tb), QApplication.activeWindow())


def install(log_path: Path | None, lang: str = "zh") -> None:
    """Route uncaught exceptions (e.g. in slots) to the log and the crash dialog."""
    global _log_path, _lang
    _log_path = log_path
    _lang = lang
    sys.excepthook = _excepthook
