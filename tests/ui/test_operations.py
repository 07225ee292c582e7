"""Long work runs on the database worker: progress, Cancel rolls back whole, errors are told
apart (a known condition is a message; a bug is logged and shown in the crash dialog)."""

from __future__ import annotations

import threading
import weakref
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import func, select

from app.core.office.demo import fill_demo
from app.db.models import Household, Resident
from app.errors import Cancelled, InvalidInput
from app.ui import crash
from app.ui.operations import DbOperation, TaskManager


def test_result_arrives_on_the_ui_thread(qtbot):
    tasks = TaskManager()
    seen = {}

    def work(progress):
        seen["worker"] = threading.current_thread()
        return 42

    got = []
    DbOperation(tasks, None, work, show_progress=False).success(got.append).run_in_background()
    qtbot.wait_until(lambda: got == [42], timeout=5000)
    assert seen["worker"] is not threading.main_thread()
    tasks.wait()


def test_cancel_rolls_the_whole_operation_back(qtbot, db):
    tasks = TaskManager()
    failures = []

    def work(progress):
        with db.session(note="demo") as session:
            return fill_demo(session, 60_000, progress=progress)

    op = DbOperation(tasks, None, work, title="demo")
    op.failure(failures.append).run_in_background()
    qtbot.wait_until(lambda: op._dialog is not None and op._dialog.maximum() > 0, timeout=10_000)
    cancel = op._dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: bool(failures), timeout=30_000)
    tasks.wait()
    assert isinstance(failures[0], Cancelled)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 0
        assert session.scalar(select(func.count()).select_from(Resident)) == 0


def test_a_known_condition_is_a_message(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    tasks = TaskManager()

    def work(progress):
        raise InvalidInput("数量不能为负数", "Quantity cannot be negative")

    DbOperation(tasks, None, work, show_progress=False).run_in_background()
    qtbot.wait_until(lambda: bool(shown), timeout=5000)
    assert shown == ["数量不能为负数"]
    tasks.wait()


def test_a_bug_is_logged_with_its_traceback_and_shown(qtbot, monkeypatch, caplog):
    dialogs = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: dialogs.append(self) or 0)
    tasks = TaskManager()

    def work(progress):
        return {}["missing"]

    DbOperation(tasks, None, work, show_progress=False).run_in_background()
    qtbot.wait_until(lambda: bool(dialogs), timeout=5000)
    tasks.wait()
    assert "KeyError" in caplog.text and "Traceback" in caplog.text


def test_work_outliving_its_widget_neither_fails_nor_frees_it_on_the_worker(qtbot):
    """A dialog closed and deleted while its work runs: the answer goes nowhere, quietly; the
    worker lets go of what the work captured before it reports, so the last reference to it is
    dropped on the GUI thread, after the answer was delivered."""
    import gc
    import weakref

    from PySide6.QtWidgets import QWidget

    tasks = TaskManager()
    widget = QWidget()
    release = threading.Event()

    class Captured:
        freed_on: ClassVar[list[threading.Thread]] = []

        def __del__(self) -> None:
            self.freed_on.append(threading.current_thread())

    captured = Captured()

    def work(progress, captured=captured):
        release.wait(5)
        progress(1, 1, "")
        return 1

    op = DbOperation(tasks, widget, work, show_progress=False)
    answers = []
    op.success(answers.append).run_in_background()
    watch = weakref.ref(op)
    widget.deleteLater()
    del widget, op, work, captured
    qtbot.wait_until(lambda: not Captured.freed_on and watch() is not None, timeout=1000)
    release.set()
    assert tasks.wait(5000)
    qtbot.wait_until(lambda: watch() is None, timeout=5000)  # delivered, then let go
    gc.collect()
    assert answers == []
    assert Captured.freed_on == [threading.main_thread()]


def test_delete_later_keeps_the_wrapper_until_qt_deleted_the_object(qtbot):
    """The wrapper of an object given to Qt for deletion outlives the C++ object, and is let go
    from the event loop afterwards, not inside the destruction."""
    from PySide6.QtWidgets import QPushButton, QWidget

    from app.ui.operations import _graveyard, delete_later

    parent = QWidget()
    qtbot.addWidget(parent)
    button = QPushButton("移除", parent)
    watch = weakref.ref(button)
    button.clicked.connect(lambda: delete_later(watch()))  # a widget removing itself
    button.click()
    assert watch() is not None and _alive(button)
    del button
    qtbot.wait_until(lambda: watch() is None, timeout=3000)
    assert _graveyard._kept == []


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_a_known_condition_reaching_the_hook_speaks_the_windows_language(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(crash, "_lang", "zh")
    crash.install(None, "en")
    try:
        crash._excepthook(
            InvalidInput, InvalidInput("数量不能为负数", "Quantity cannot be negative"), None
        )
    finally:
        crash.install(None, "zh")
    assert shown == ["Quantity cannot be negative"]
