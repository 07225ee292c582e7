"""Saving through modal dialogs while the pages refresh on the worker: the path that crashed the
window (住户 → a household → 新增成员 / 编辑 → 保存), clicked through the real widgets.

The same path runs in a real window on the xcb platform in tests/e2e/test_real_window.py.
"""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.ui.main_window import MainWindow
from app.ui.registry_dialogs import HouseholdDialog, ResidentForm


def _when_form_opens(fill) -> None:  # type: ignore[no-untyped-def]
    """Once the modal resident form is up, fill it and press 保存."""

    def look() -> None:
        form = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, ResidentForm) and w.isVisible()
            ),
            None,
        )
        if form is None:
            QTimer.singleShot(20, look)
            return
        fill(form)
        box = form.findChild(QDialogButtonBox)
        box.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(20, look)


def test_add_and_edit_members_through_the_modal_form_many_times(qtbot, demo_ctx) -> None:
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win, before_close_func=lambda _w: demo_ctx.tasks.wait(-1))
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    page = win.open_area("registry")
    dialog = page.open_household(1)
    assert isinstance(dialog, HouseholdDialog)
    before = len(dialog.view.members)
    for n in range(4):
        _when_form_opens(lambda form, n=n: form.name.setText(f"新成员{n}"))
        dialog.buttons["add"].click()  # modal: returns once saved
        dialog.table.selectRow(len(dialog.view.members) - 1)
        _when_form_opens(lambda form, n=n: form.phone.setText(f"1380000000{n}"))
        dialog.buttons["edit"].click()
        qtbot.wait(30)  # the pages refresh on the worker meanwhile
    demo_ctx.tasks.wait(-1)
    qtbot.wait(300)  # deferred deletes and the last answers are delivered
    gc.collect()
    dialog.refresh()
    names = [m.name for m in dialog.view.members]
    assert len(names) == before + 4
    assert all(f"新成员{n}" in names for n in range(4))
    assert win.isVisible()


def test_the_form_is_freed_on_the_gui_thread_after_saving(qtbot, demo_ctx) -> None:
    """Nothing of a closed form is left to a worker or to a later test's garbage collection."""
    dialog = HouseholdDialog(demo_ctx, 1)
    qtbot.addWidget(dialog)
    form = ResidentForm(demo_ctx, 1, None, None)
    watch = weakref.ref(form)
    form.name.setText("临时")
    with qtbot.wait_signal(form.accepted, timeout=5000):
        form.save()
    demo_ctx.tasks.wait(-1)
    qtbot.wait(50)
    del form
    gc.collect()
    assert watch() is None
