"""Scenarios clicked through the real window, run as a process by tests/e2e/test_real_window.py:

    python -X faulthandler tests/e2e/window_scenarios.py SCENARIO --data-dir D [--lang en]

The program starts exactly as `main.py` starts it; the scenario waits for the main window, clicks
through it with the real widgets (modal dialogs included) and quits with 0 when all held, printing
one line per check. A native crash ends the process with the signal and faulthandler's stacks.
"""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget


def visible(kind: str) -> QWidget | None:
    for w in QApplication.topLevelWidgets():
        if type(w).__name__ == kind and w.isVisible():
            return w
    return None


def when(kind: str, then: Callable[[Any], None], tries: int = 500) -> None:
    """Once a visible top-level widget of class `kind` exists, call `then(widget)`."""
    found = visible(kind)
    if found is not None:
        then(found)
    elif tries > 0:
        QTimer.singleShot(20, lambda: when(kind, then, tries - 1))
    else:
        fail(f"no {kind} appeared")


def fail(why: str) -> None:
    print(f"FAIL {why}", flush=True)
    QApplication.instance().exit(1)  # type: ignore[union-attr]


def save_member(window: Any) -> None:
    """住户 → a household → 新增成员 → 保存, then 编辑 → 保存, three times each."""
    page = window.open_area("registry")
    dialog = page.open_household(1)
    before = len(dialog.view.members)

    def press_save(form: Any, text: str) -> None:
        form.name.setText(text)
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    for n in range(3):
        when("ResidentForm", lambda form, n=n: press_save(form, f"窗口成员{n}"))
        dialog.buttons["add"].click()
        dialog.table.selectRow(len(dialog.view.members) - 1)
        when("ResidentForm", lambda form, n=n: press_save(form, f"窗口成员{n}改"))
        dialog.buttons["edit"].click()
        QApplication.processEvents()
    window.ctx.tasks.wait(-1)

    def check() -> None:
        dialog.refresh()
        names = [m.name for m in dialog.view.members]
        print(f"members {before} -> {len(names)}", flush=True)
        if len(names) != before + 3 or not all(f"窗口成员{n}改" in names for n in range(3)):
            fail(f"members not saved: {names}")
            return
        print("ok", flush=True)
        QApplication.instance().exit(0)  # type: ignore[union-attr]

    QTimer.singleShot(500, check)


def notice_preview(window: Any) -> None:
    """通知打印 → 生成并预览 in a community whose households are in no grid (a three-line warning
    under the preview): the preview dialog opens, shows its pages and answers at once."""
    page = window.open_area("printing")
    if os.environ.get("SCENARIO_WINDOW"):
        w, h = map(int, os.environ["SCENARIO_WINDOW"].split("x"))
        window.setGeometry(0, 0, w, h)

    def generated() -> None:
        when("PdfPreviewDialog", shown)

    def shown(dialog: Any) -> None:
        warnings = [
            line for line in page.preview.warnings_label.text().splitlines() if line.strip()
        ]
        print(f"warnings {len(warnings)}", flush=True)
        answered: list[bool] = []
        QTimer.singleShot(300, lambda: answered.append(True))

        def check() -> None:
            if not answered:
                fail("the preview does not answer")
                return
            geometry = dialog.frameGeometry()
            screen = dialog.screen().availableGeometry()
            print(
                f"preview {geometry.width()}x{geometry.height()} on {screen.width()}x"
                f"{screen.height()}, {dialog.document.pageCount()} pages",
                flush=True,
            )
            if not screen.contains(geometry):
                fail("the preview does not fit the screen")
                return
            dialog.reject()
            print("ok", flush=True)
            QApplication.instance().exit(0)  # type: ignore[union-attr]

        QTimer.singleShot(1500, check)

    def go() -> None:
        if not page.templates or not page.preview_bytes:
            QTimer.singleShot(100, go)
            return
        page.generated.connect(lambda _result: QTimer.singleShot(0, generated))
        page.generate_button.click()

    go()


def walk(window: Any) -> None:
    """Every area in turn, at the screen's size: nothing sticks out of the screen, no page asks for
    more height than a 1366×768 screen with a taskbar has, and (with SCENARIO_SHOTS=DIR) a
    screenshot of each."""
    from app.ui.screen import PAGE_MIN_HEIGHT, available

    shots = os.environ.get("SCENARIO_SHOTS")
    keys = [key for key, _spec in window._specs]
    problems: list[str] = []

    def visit(i: int) -> None:
        if i == len(keys):
            window.ctx.tasks.wait(-1)
            if problems:
                fail("; ".join(problems))
                return
            print("ok", flush=True)
            QApplication.instance().exit(0)  # type: ignore[union-attr]
            return
        page = window.open_area(keys[i])
        window.ctx.tasks.wait(-1)

        def look() -> None:
            area = available(window)
            frame = window.frameGeometry()
            wanted = page.minimumSizeHint().height()
            print(
                f"{keys[i]}: page asks {wanted} px; window {frame.width()}x{frame.height()}"
                f" on {area.width()}x{area.height()}",
                flush=True,
            )
            if wanted > PAGE_MIN_HEIGHT:
                problems.append(f"{keys[i]} asks for {wanted} px")
            if not area.contains(frame) and not window.isMaximized():
                problems.append(f"{keys[i]}: the window sticks out of the screen")
            if shots:
                window.grab().save(str(Path(shots) / f"{keys[i]}.png"))
            visit(i + 1)

        QTimer.singleShot(1500 if shots else 400, look)  # previews render in the background

    visit(0)


def _shot(widget: QWidget, name: str) -> None:
    shots = os.environ.get("SCENARIO_SHOTS")
    if shots:
        widget.grab().save(str(Path(shots) / f"{name}.png"))


def _credentials(variable: str) -> tuple[str, str]:
    name, _, password = os.environ.get(variable, "").partition(":")
    return name, password


def sign_in_dialog() -> None:
    """Before the window: the sign-in dialog refuses a wrong password (its message shot) and
    lets the administrator of SCENARIO_ADMIN=name:password in."""
    name, password = _credentials("SCENARIO_ADMIN")

    def refused(dialog: Any) -> None:
        dialog.name.setText(name)
        dialog.password.setText("not-the-password")
        dialog.sign_in_button.click()
        wait_for(lambda: "登录失败" in dialog.error.text() or "failed" in dialog.error.text(),
                 lambda: signed(dialog))  # fmt: skip

    def signed(dialog: Any) -> None:
        print(f"refused: {dialog.error.text()}", flush=True)
        _shot(dialog, "sign-in")
        dialog.password.setText(password)
        dialog.sign_in_button.click()

    when("SignInDialog", refused)


def wait_for(condition: Callable[[], bool], then: Callable[[], None], tries: int = 500) -> None:
    if condition():
        then()
    elif tries > 0:
        QTimer.singleShot(20, lambda: wait_for(condition, then, tries - 1))
    else:
        fail("waited in vain")


def users_and_lock(window: Any) -> None:
    """设置 → 用户 (and 添加用户 for a grid worker), the lock screen, then 切换用户 to the viewer of
    SCENARIO_VIEWER=name:password: only 首页 and 报表 are left."""
    viewer, viewer_password = _credentials("SCENARIO_VIEWER")
    page = window.open_area("settings")
    page.tabs.setCurrentWidget(page.users)

    def listed() -> None:
        _shot(window, "users")
        dialog = page.users.add_user()
        dialog.name.setText("wangwu")
        dialog.role.setCurrentIndex(dialog.role.findData("grid-worker"))
        if dialog.grids.count():
            dialog.check_grid(dialog.grids.item(0).data(Qt.ItemDataRole.UserRole))
        QTimer.singleShot(400, lambda: added(dialog))

    def added(dialog: Any) -> None:
        _shot(dialog, "add-user")
        dialog.reject()
        window.lock()
        QTimer.singleShot(400, locked)

    def locked() -> None:
        if not window.is_locked or window.stack.isVisible():
            fail("the pages are not hidden by the lock")
            return
        _shot(window, "lock")
        window.lock_screen.show_switch(True)
        window.lock_screen.name.setText(viewer)
        window.lock_screen.password.setText(viewer_password)
        window.lock_screen.unlock_button.click()
        wait_for(lambda: not window.is_locked, switched)

    def switched() -> None:
        areas = [window.nav.item(i).text() for i in range(window.nav.count())]
        print(f"viewer sees {areas}", flush=True)
        QTimer.singleShot(1500, lambda: finish(areas))

    def finish(areas: list[str]) -> None:
        _shot(window, "viewer")
        if len(areas) != 2:
            fail(f"a viewer sees {areas}")
            return
        print("ok", flush=True)
        QApplication.instance().exit(0)  # type: ignore[union-attr]

    wait_for(lambda: bool(page.users.users), lambda: QTimer.singleShot(300, listed))


def first_run_dialog() -> None:
    """Before the window: a new community with its first administrator; the recovery key shown
    once (shot), ticked, and the window opens signed in."""

    def fill(dialog: Any) -> None:
        dialog.code.setText("420106002003")
        dialog.name.setText("和平社区")
        dialog.parent_code.setText("420106002")
        dialog.admin_name.setText("zhangsan")
        dialog.admin_password.setText("First-run-2026")
        dialog.admin_again.setText("First-run-2026")
        _shot(dialog, "first-run")
        when("RecoveryKeyDialog", keep)
        dialog.create.click()

    def keep(dialog: Any) -> None:
        QTimer.singleShot(300, lambda: tick(dialog))

    def tick(dialog: Any) -> None:
        _shot(dialog, "recovery-key")
        dialog.kept.setChecked(True)
        dialog.go_on.click()

    when("FirstRunDialog", fill)


def first_window(window: Any) -> None:
    principal = window.ctx.principal
    print(f"signed in as {principal.name if principal else None}", flush=True)
    if principal is None or principal.name != "zhangsan":
        fail("not signed in as the first administrator")
        return
    print("ok", flush=True)
    QApplication.instance().exit(0)  # type: ignore[union-attr]


# what a scenario does before the window exists (the dialogs of start-up)
BEFORE: dict[str, Callable[[], None]] = {
    "users-and-lock": sign_in_dialog,
    "first-run": first_run_dialog,
}

SCENARIOS: dict[str, Callable[[Any], None]] = {
    "walk": walk,
    "users-and-lock": users_and_lock,
    "first-run": first_window,
    "save-member": save_member,
    "notice-preview": notice_preview,
}


def main() -> int:
    scenario = SCENARIOS[sys.argv[1]]
    before = BEFORE.get(sys.argv[1])
    sys.argv = ["main.py", *sys.argv[2:]]
    app = QApplication(sys.argv[:1])
    if os.environ.get("SCENARIO_LARGE_FONT"):
        from PySide6.QtCore import QSettings

        QSettings("GridDesk", "GridDesk").setValue("large_font", True)

    def start() -> None:
        window = visible("MainWindow")
        if window is None or not window.ctx.is_open or not window.isVisible():
            QTimer.singleShot(50, start)
            return
        QTimer.singleShot(300, lambda: scenario(window))

    QTimer.singleShot(0, start)
    if before is not None:
        QTimer.singleShot(0, before)
    # a GUI thread that spins answers no timer: the watchdog prints where it is and ends it
    faulthandler.dump_traceback_later(90, exit=True)
    from app.cli import run

    code = run()
    del app
    return code


if __name__ == "__main__":
    sys.exit(main())
