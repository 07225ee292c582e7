"""UI fixtures: an AppContext over a demo community, with settings kept in the test's folder."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.core.office.datadir import DataDir
from app.core.office.setup import open_office
from app.db.engine import Database
from app.ui.context import AppContext
from app.ui.operations import TaskManager


@pytest.fixture
def make_ctx(qapp: object, tmp_path: Path) -> Iterator:
    made: list[tuple[TaskManager, Database]] = []

    def make(datadir: DataDir, lang: str = "zh") -> AppContext:
        db, office = open_office(datadir, daily_backup=False)  # as the window opens it
        tasks = TaskManager()
        made.append((tasks, db))
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(datadir, office, tasks, lang, settings)
        ctx.attach(db)
        return ctx

    yield make
    for tasks, db in made:
        tasks.wait(-1)
        db.dispose()


@pytest.fixture
def demo_ctx(make_ctx, demo_db: Database, datadir: DataDir) -> AppContext:
    return make_ctx(datadir)


def type_chinese(widget, text: str) -> None:
    """Chinese arrives from an input method as a committed string, not as key presses
    (QTest's keyClicks handles ASCII only)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread(qapp: object) -> Iterator[None]:
    """As in the window, cycles are collected on the GUI thread only (never by the worker, which
    would destroy Qt objects there); a test's dead widgets are collected at its end."""
    from app.ui.operations import GuiGarbageCollector

    collector = GuiGarbageCollector()
    try:
        yield
    finally:
        collector.stop()
        # the collector's own destructor must not start a collection: one that destroys a widget
        # inside another QObject's destructor deadlocks on Qt's connection lock
        gc.disable()
        del collector
        gc.collect()
        gc.enable()
        # what survived is not looked at again: the next test's collection reads its own objects
        # only (the whole session's took a tenth of a second or more, at every test's end)
        gc.freeze()
