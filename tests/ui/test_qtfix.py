"""PySide6 6.12 on Python 3.11 drops a reference to True on every emit(); without the
work-around in app.ui.qtfix the interpreter aborts ("bool_dealloc") after enough emits or at exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import app.ui  # applies the work-around
from PySide6.QtCore import QObject, Signal

class Source(QObject):
    bare = Signal()
    carrying = Signal(int, object)

source = Source()
got = []
source.carrying.connect(lambda n, _x: got.append(n))
for n in range(300_000):
    source.bare.emit()
    source.carrying.emit(n, {"x"})
assert len(got) == 300_000
print("done")
"""


def test_many_emits_and_a_clean_exit():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "done"
    assert "bool_dealloc" not in proc.stderr
