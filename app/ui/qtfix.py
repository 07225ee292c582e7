"""A work-around for a reference-count bug of PySide6 6.12 on Python 3.11.

`SignalInstance.emit()` returns `True` without taking a reference to it, so every emit from Python
leaves `True`'s reference count one short (seen here: an abort at interpreter exit). On Python 3.11 `True` is an ordinary object: after
enough emits (or at interpreter exit, when the real references are released) the count reaches
zero and the interpreter aborts with "Fatal Python error: bool_dealloc". Python 3.12 made `True`
immortal, and a fixed PySide6 returns a proper reference; then nothing needs doing.

Whether the bug is present is measured once, on a private signal, when `app.ui` is imported (its
`__init__` imports this module before any signal is emitted). Where it is, True and False are given
a reference count no number of emits can use up, which covers every emit in the process — ours,
Qt's bindings', tests' — so call sites simply write `signal.emit(...)`.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    rounds = 8
    before = sys.getrefcount(True) + sys.getrefcount(False)
    results = [probe.ping.emit() for _ in range(rounds)]
    after = sys.getrefcount(True) + sys.getrefcount(False)
    # the list holds `rounds` references; a correct emit added as many
    dropped = (before + rounds) - after
    for value in results:
        if dropped == rounds and isinstance(value, bool):
            _incref(value)  # repair the probe's own emits
    return dropped == rounds


EMIT_DROPS_A_REFERENCE = _emit_drops_a_reference()


def _pin_bools() -> None:
    """Give True and False a reference count no number of emits can use up (what Python 3.12
    does by making them immortal)."""
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40


if EMIT_DROPS_A_REFERENCE:
    _pin_bools()
