"""The work-around for PySide6's emit() that returns True without a reference (app.ui.qtfix):
thousands of emits leave True's reference count where it was, so the interpreter never
deallocates True ("bool_dealloc") at exit or in a long session."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from app.ui.qtfix import emit


class _Source(QObject):
    bare = Signal()
    carrying = Signal(int, object)


def test_emit_keeps_the_reference_count_of_true(qapp):
    source = _Source()
    got: list[int] = []
    source.carrying.connect(lambda n, _obj: got.append(n))
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for n in range(5000):
        emit(source.bare)
        emit(source.carrying, n, {"x"})
    after = sys.getrefcount(True) + sys.getrefcount(False)
    assert got == list(range(5000))  # delivered as emit() delivers
    assert abs(after - before) <= 2
