"""Long work off the UI thread (after Anki's CollectionOp and its single-worker task manager).

    DbOperation(tasks, parent, fn, title=..., changes=Change.SUPPLIES, announce=...)
        .success(on_done).failure(on_error).run_in_background()

`fn(progress)` runs on the one database worker thread and opens its own Session; `progress(done,
total, label)` updates a dialog with a Cancel button and raises `Cancelled` once the user pressed it,
so the operation's transaction rolls back whole. Results come back to the UI thread by signal.
Known conditions (`GridDeskError`) become a message box; anything else is a bug: crash dialog + log.

What the operation changed (`app.core.common.changes.Change`, or a function of its result when that
depends on what it did) is announced once it succeeded — before `success` is called, so the pages
have read the new state when the caller goes on to select or show something in them.

Who owns what (the rule that keeps Python and Qt from freeing an object twice):
- An operation is a plain Python object held by the task manager until it has reported; it is not
  a QObject and has no parent, so nothing of it is ever deleted by Qt.
- The worker only borrows: the task manager keeps the work (and through its closure any widget it
  captured) until the answer has been delivered on the GUI thread, and the worker hands its answer
  over and lets go of it *before* it signals. So the last reference to anything the work touched is
  always dropped on the GUI thread.
- An answer for a widget that has gone meanwhile goes nowhere, quietly.
- Qt objects that Qt deletes later (`delete_later`) keep their Python wrapper until Qt has deleted
  them, and the wrapper is let go afterwards, from the event loop — never from inside the
  destruction (a wrapper freed inside `destroyed` crashed the window after 保存).
"""

from __future__ import annotations

import gc
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.core.common.changes import NOTHING, Change
from app.errors import Cancelled, GridDeskError
from app.ui.labels import step_label

log = logging.getLogger(__name__)

# what an operation changed: fixed, or read from its result
Changes = Change | Callable[[Any], Change]


class _Graveyard:
    """Python wrappers of objects handed to Qt for deletion, kept until Qt has deleted them."""

    def __init__(self) -> None:
        self._kept: list[QObject] = []
        self._holds = 0  # > 0 while a dialog of ours runs a nested event loop in setValue

    def keep(self, obj: QObject) -> None:
        self._kept.append(obj)
        QTimer.singleShot(250, self.sweep)

    def sweep(self) -> None:
        if self._holds:
            QTimer.singleShot(250, self.sweep)
            return
        alive = [obj for obj in self._kept if shiboken6.isValid(obj)]
        self._kept = alive  # the wrappers of deleted objects go here, in the event loop
        if alive:
            QTimer.singleShot(250, self.sweep)


_graveyard = _Graveyard()


def delete_later(obj: QObject) -> None:
    """`obj.deleteLater()`, keeping its Python wrapper until Qt has deleted the object; the
    wrapper is let go afterwards from the event loop, never inside the destruction."""
    _graveyard.keep(obj)
    obj.deleteLater()


def is_gone(obj: object) -> bool:
    """True for a Qt object whose C++ side has been deleted."""
    return isinstance(obj, QObject) and not shiboken6.isValid(obj)


class _Job:
    """What the worker is given: the work and the means to report. Holds nothing after it ran."""

    def __init__(
        self,
        ident: int,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        manager: TaskManager,
        cancel: threading.Event,
    ) -> None:
        self.ident = ident
        self.fn: Callable[[Callable[[int, int, str], None]], Any] | None = fn
        self.manager = manager
        self.cancel = cancel
        self.outcome: tuple[bool, Any] | None = None

    def progress(self, done: int, total: int, label: str) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        self.manager._progressed.emit(self.ident, done, total, label)

    def run(self) -> None:
        fn, self.fn = self.fn, None
        assert fn is not None
        try:
            self.outcome = (True, fn(self.progress))
        except BaseException as exc:  # handed to the GUI thread, which tells bugs apart
            self.outcome = (False, exc)
            del exc
        del fn
        self.manager._finish_on_worker(self.ident)


class TaskManager(QObject):
    """One database worker (max one thread), so writes never race each other."""

    busy_changed = Signal(bool)
    # emitted on the worker, delivered on the GUI thread (queued): the job's id only
    _progressed = Signal(int, int, int, str)
    _reported = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="griddesk-db")
        self._ids = itertools.count(1)
        self._ops: dict[int, DbOperation] = {}  # operations in flight, until they reported
        self._jobs: dict[int, _Job] = {}
        self._unfinished = 0  # jobs the worker has not finished (guarded by _idle)
        self._idle = threading.Condition()
        self._progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._reported.connect(self._on_reported, Qt.ConnectionType.QueuedConnection)

    def start(self, op: DbOperation) -> None:
        ident = next(self._ids)
        job = _Job(ident, op.fn, self, op.cancel_event)
        self._ops[ident] = op
        self._jobs[ident] = job
        with self._idle:
            self._unfinished += 1
        if len(self._ops) == 1:
            self.busy_changed.emit(True)
        self._executor.submit(job.run)

    def _finish_on_worker(self, ident: int) -> None:
        with self._idle:
            self._unfinished -= 1
            self._idle.notify_all()
        self._reported.emit(ident)

    def _on_progress(self, ident: int, done: int, total: int, label: str) -> None:
        op = self._ops.get(ident)
        if op is not None:
            op._progress(done, total, label)

    def _on_reported(self, ident: int) -> None:
        op = self._ops.pop(ident, None)
        job = self._jobs.pop(ident, None)
        if op is None or job is None:
            return
        outcome, job.outcome = job.outcome, None
        if not self._ops:
            self.busy_changed.emit(False)
        assert outcome is not None
        ok, value = outcome
        op._report(ok, value)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait until the worker has finished every job given so far (answers are delivered by
        the event loop afterwards); -1 waits as long as it takes. False on timeout."""
        with self._idle:
            return self._idle.wait_for(
                lambda: self._unfinished == 0, None if msecs < 0 else msecs / 1000
            )


class DbOperation:
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
        changes: Changes = NOTHING,
        announce: Callable[[Change], None] | None = None,
    ) -> None:
        self.tasks = tasks
        self.parent_widget = parent
        self.fn: Callable[[Callable[[int, int, str], None]], Any] | None = fn
        self.title = title
        self.show_progress = show_progress
        self.lang = lang
        self.cancel_event = threading.Event()
        self.changes = changes
        self._announce = announce
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._dialog: QProgressDialog | None = None

    def success(self, callback: Callable[[Any], None]) -> DbOperation:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> DbOperation:
        self._on_failure = callback
        return self

    def run_in_background(self) -> None:
        if self.show_progress:
            dlg = QProgressDialog(
                self.title,
                QCoreApplication.translate("DbOperation", "取消"),
                0,
                0,
                self.parent_widget,
            )
            dlg.setWindowTitle(self.title or "GridDesk")
            dlg.setWindowModality(Qt.WindowModality.ApplicationModal)
            dlg.setMinimumDuration(400)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.canceled.connect(self._request_cancel)
            self._dialog = dlg
        self.tasks.start(self)

    def _request_cancel(self) -> None:
        self.cancel_event.set()
        if self._dialog is not None:
            self._dialog.setLabelText(
                QCoreApplication.translate("DbOperation", "正在取消，撤销已做的更改…")
            )

    def _progress(self, done: int, total: int, label: str) -> None:
        dialog = self._dialog  # setValue may run the event loop, which may finish the work
        if dialog is None or self.cancel_event.is_set() or is_gone(dialog):
            return
        dialog.setMaximum(max(total, 0))
        _graveyard._holds += 1
        try:
            dialog.setValue(min(done, total))
        finally:
            _graveyard._holds -= 1
        if label and self._dialog is dialog:
            label = step_label(label)
            titled = QCoreApplication.translate("DbOperation", "{0}：{1}").format(self.title, label)
            dialog.setLabelText(titled if self.title else label)

    def _close_dialog(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None and not is_gone(dialog):
            dialog.hide()
            delete_later(dialog)

    def _report(self, ok: bool, value: Any) -> None:
        """On the GUI thread: the answer, to whoever still waits for it."""
        self._close_dialog()
        fn, self.fn = self.fn, None  # the work's closure goes here, on the GUI thread
        del fn
        if is_gone(self.parent_widget):
            return  # the widget went meanwhile; nobody waits for the answer
        if ok:
            changes = self.changes(value) if callable(self.changes) else self.changes
            if changes:
                self._call(self._announce, changes)
            self._call(self._on_success, value)
        else:
            self._failed(value)

    @staticmethod
    def _call(callback: Callable[[Any], None] | None, value: Any) -> None:
        if callback is not None and not is_gone(getattr(callback, "__self__", None)):
            callback(value)

    def _failed(self, exc: BaseException) -> None:
        if self._on_failure is not None:
            self._call(self._on_failure, exc)
        elif isinstance(exc, Cancelled):
            pass
        elif isinstance(exc, GridDeskError):
            QMessageBox.warning(
                self.parent_widget, self.title or "GridDesk", exc.message(self.lang)
            )
        else:
            from app.ui.crash import report_bug

            report_bug(exc, self.parent_widget)


class GuiGarbageCollector(QObject):
    """Python's cycle collector runs on whichever thread happens to allocate when a threshold is
    crossed — often the database worker. Cycles that hold Qt wrappers (a dialog and its slots)
    would then be destroyed on the worker, which crashes Qt. So automatic collection is off while
    the window runs, and this collects on the GUI thread instead, by the same thresholds, checked
    a few times a second (after PyQt's GarbageCollector recipe and Anki's main window)."""

    INTERVAL_MS = 250

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        first, second, third = gc.get_count()
        if first > self.threshold[0]:
            gc.collect(0)
            if second > self.threshold[1]:
                gc.collect(1)
                if third > self.threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
