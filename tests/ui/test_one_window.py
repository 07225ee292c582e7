"""One window per data folder: a second window on the same folder says that it is open elsewhere
(and where) and brings nobody into a race; a lock left by a killed window is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.core.office.datadir import DataDir
from app.ui.application import LOCK_NAME, hold_folder


def test_a_second_window_on_the_same_folder_is_told_and_stops(qtbot, tmp_path, monkeypatch):
    folder = DataDir(tmp_path / "office")
    folder.root.mkdir()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    first = hold_folder(folder, "zh")
    assert first is not False and first.isLocked()
    assert hold_folder(folder, "zh") is False
    assert len(told) == 1 and str(folder.root) in told[0] and str(os.getpid()) in told[0]
    first.unlock()
    again = hold_folder(folder, "zh")
    assert again is not False and again.isLocked()
    again.unlock()


def test_the_lock_of_a_killed_window_is_taken_over(qtbot, tmp_path, monkeypatch):
    folder = DataDir(tmp_path / "office")
    folder.root.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from PySide6.QtCore import QLockFile\n"
            f"lock = QLockFile({str(folder.root / LOCK_NAME)!r})\n"
            "assert lock.tryLock(1000)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    assert hold_folder(folder, "en") is False  # it is alive: the folder is taken
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    time.sleep(0.1)
    lock = hold_folder(folder, "en")
    assert lock is not False and lock.isLocked()
    lock.unlock()
    assert not Path(folder.root / LOCK_NAME).exists()
