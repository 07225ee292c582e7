"""Long work off the UI thread (after Anki's CollectionOp and its single-worker task manager).

    DbOperation(tasks, parent, fn, title=...).success(on_done).failure(on_error).run_in_background()

`fn(progress)` runs on the one database worker thread and opens its own Session; `progress(done,
total, label)` updates a dialog with a Cancel button and raises `Cancelled` once the user pressed it,
so the operation's transaction rolls back whole. Results come back to the UI thread by signal.
Known conditions (`GridDeskError`) become a message box; anything else is a bug: crash dialog + log.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.errors import Cancelled, GridDeskError
from app.ui.qtfix import emit

log = logging.getLogger(__name__)


_dying: dict[int, QObject] = {}


def delete_later(obj: QObject) -> None:
    """`obj.deleteLater()`, keeping its Python wrapper alive until Qt has really deleted it: a
    wrapper freed first leaves the deferred delete looking up Python overrides in freed memory
    (a crash seen under load)."""
    key = id(obj)
    _dying[key] = obj
    obj.destroyed.connect(functools.partial(_dying.pop, key, None))
    obj.deleteLater()


class TaskManager(QObject):
    """One database worker (max one thread), so writes never race each other."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running = 0
        self._live: set[QObject] = set()  # operations in flight, kept alive until they report

    def start(self, runnable: QRunnable, owner: QObject) -> None:
        self._live.add(owner)
        self._running += 1
        if self._running == 1:
            emit(self.busy_changed, True)
        self.pool.start(runnable)

    def done(self, owner: QObject) -> None:
        self._live.discard(owner)
        self._running -= 1
        if self._running == 0:
            emit(self.busy_changed, False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


def _spent(_progress: Callable[[int, int, str], None]) -> None:
    """What a job holds once its work has run."""


class _Job(QRunnable):
    def __init__(
        self,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        signals: _Signals,
        cancel: threading.Event,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.cancel = cancel

    def _progress(self, done: int, total: int, label: str) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        self._report("progress", done, total, label)

    def _report(self, signal: str, *args: Any) -> None:
        # RuntimeError: the operation went with its widget, and nobody waits for the answer
        with contextlib.suppress(RuntimeError):
            emit(getattr(self.signals, signal), *args)

    def run(self) -> None:
        # The work's closure may hold the last reference to a widget (a dialog closed meanwhile):
        # the job lets go of it before it reports, so it is the operation, on the GUI thread, that
        # drops it last — a widget freed on this thread would be destroyed on the wrong thread.
        try:
            result = self.fn(self._progress)
        except BaseException as exc:
            self.fn = _spent
            self._report("failed", exc)
        else:
            self.fn = _spent
            self._report("finished", result)


class DbOperation(QObject):
    """A database operation run on the worker with optional progress and Cancel."""

    def __init__(
        self,
        tasks: TaskManager,
        parent: QWidget | None,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        *,
        title: str = "",
        show_progress: bool = True,
        lang: str = "zh",
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.parent_widget = parent
        self.fn = fn
        self.title = title
        self.show_progress = show_progress
        self.lang = lang
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._cancel = threading.Event()
        # a child: freed with the operation on the GUI thread, never by the job's thread
        self._signals = _Signals(self)
        self._dialog: QProgressDialog | None = None

    def success(self, callback: Callable[[Any], None]) -> DbOperation:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> DbOperation:
        self._on_failure = callback
        return self

    def run_in_background(self) -> None:
        self._signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        if self.show_progress:
            dlg = QProgressDialog(self.title, self.tr("取消"), 0, 0, self.parent_widget)
            dlg.setWindowTitle(self.title or "GridDesk")
            dlg.setWindowModality(Qt.WindowModality.ApplicationModal)
            dlg.setMinimumDuration(400)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.canceled.connect(self._request_cancel)
            self._dialog = dlg
        self.tasks.start(_Job(self.fn, self._signals, self._cancel), self)

    def _request_cancel(self) -> None:
        self._cancel.set()
        if self._dialog is not None:
            self._dialog.setLabelText(self.tr("正在取消，撤销已做的更改…"))

    def _progress(self, done: int, total: int, label: str) -> None:
        dialog = self._dialog  # setValue may run the event loop, which may finish the work
        if dialog is None or self._cancel.is_set():
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total))
        if label and self._dialog is dialog:
            dialog.setLabelText(f"{self.title}：{label}" if self.title else label)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.close()
            delete_later(self._dialog)
            self._dialog = None

    def _finished(self, result: Any) -> None:
        self._close_dialog()
        self.tasks.done(self)
        try:
            if self._on_success is not None:
                self._on_success(result)
        finally:
            delete_later(self)

    def _failed(self, exc: BaseException) -> None:
        self._close_dialog()
        self.tasks.done(self)
        try:
            if self._on_failure is not None:
                self._on_failure(exc)
            elif isinstance(exc, Cancelled):
                pass
            elif isinstance(exc, GridDeskError):
                QMessageBox.warning(
                    self.parent_widget, self.title or "GridDesk", exc.message(self.lang)
                )
            else:
                from app.ui.crash import report_bug

                report_bug(exc, self.parent_widget)
        finally:
            delete_later(self)
