"""Signing in before the window: a wrong password says the one message and keeps the name, the
right one opens the office as that user and is remembered; the recovery key resets the
administrator's password; an office without users is given its first administrator and shown its
recovery key; the demo opens signed in as its administrator and says so."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.core.trust.signin import DEMO_ADMIN, DEMO_PASSWORD, has_users, sign_in
from app.ui.operations import TaskManager
from app.ui.sign_in import RecoverDialog, SignInDialog
from tests.ui.signed_in import (  # noqa: F401
    ADMIN,
    ADMIN_PASSWORD,
    STAFF,
    STAFF_PASSWORD,
    office,
    signed_ctx,
)

KEY = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){12}$")


def sign_in_dialog(qtbot, office):  # noqa: F811
    tasks = TaskManager()
    dialog = SignInDialog(office.datadir, tasks, office.settings())
    qtbot.addWidget(dialog, before_close_func=lambda _w: tasks.wait(-1))
    dialog.show()
    return dialog, tasks


def close(access) -> None:
    if access is not None:
        access.close()


def test_a_wrong_password_is_refused_with_the_one_message_and_the_name_kept(
    qtbot,
    office,  # noqa: F811
) -> None:
    dialog, _tasks = sign_in_dialog(qtbot, office)
    assert "幸福里社区" in dialog.office.text()
    qtbot.keyClicks(dialog.name, ADMIN)
    qtbot.keyClicks(dialog.password, "not-the-password")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: "登录失败" in dialog.error.text(), timeout=10_000)
    assert dialog.name.text() == ADMIN and dialog.password.text() == ""
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.access is None
    # an unknown user: the very same words
    wrong = dialog.error.text()
    dialog.name.setText("nobody")
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.isEnabled() and dialog.password.text() == "", timeout=10_000)
    assert dialog.error.text() == wrong and dialog.access is None


def test_the_right_password_signs_in_and_the_name_is_remembered(qtbot, office) -> None:  # noqa: F811
    dialog, _tasks = sign_in_dialog(qtbot, office)
    qtbot.keyClicks(dialog.name, ADMIN)
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    try:
        assert dialog.access.principal.name == ADMIN
        assert str(dialog.access.principal.role) == "admin"
    finally:
        close(dialog.access)
    again, _tasks = sign_in_dialog(qtbot, office)
    assert (again.name.text() == ADMIN and again.password.hasFocus()) or again.isVisible()


def test_the_recovery_key_resets_the_administrators_password(qtbot, office) -> None:  # noqa: F811
    tasks = TaskManager()
    dialog = RecoverDialog(office.datadir, tasks, "zh")
    qtbot.addWidget(dialog, before_close_func=lambda _w: tasks.wait(-1))
    dialog.show()
    dialog.key.setPlainText(office.recovery.lower().replace("-", " "))
    qtbot.keyClicks(dialog.password, "New-admin-pass-1")
    qtbot.keyClicks(dialog.again, "New-admin-pass-1")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.admin == ADMIN
    close(sign_in(office.datadir, ADMIN, "New-admin-pass-1", daily_backup=False))


def test_a_wrong_recovery_key_is_explained(qtbot, office) -> None:  # noqa: F811
    tasks = TaskManager()
    dialog = RecoverDialog(office.datadir, tasks, "zh")
    qtbot.addWidget(dialog, before_close_func=lambda _w: tasks.wait(-1))
    dialog.key.setPlainText("AAAA-" * 12 + "AAAA")
    dialog.password.setText("New-admin-pass-1")
    dialog.again.setText("New-admin-pass-1")
    dialog.ok.click()
    qtbot.waitUntil(lambda: "恢复密钥不对" in dialog.error.text(), timeout=10_000)


def _when_shown(kind: str, then, tries: int = 400) -> None:
    for w in QApplication.topLevelWidgets():
        if type(w).__name__ == kind and w.isVisible():
            then(w)
            return
    if tries:
        QTimer.singleShot(25, lambda: _when_shown(kind, then, tries - 1))


def test_an_office_without_users_is_given_its_first_administrator(qtbot, datadir) -> None:
    """An office from before users existed: the first administrator is asked for, the database
    encrypted on the worker, the recovery key shown once (继续 only once it is ticked)."""
    from app.ui.application import sign_in_at_start

    seen: dict[str, object] = {}

    def fill(dialog) -> None:
        dialog.name.setText("zhangsan")
        dialog.password.setText("First-admin-1")
        dialog.again.setText("First-admin-2")
        dialog.create.click()
        seen["mismatch"] = dialog.error.text()
        dialog.again.setText("First-admin-1")
        _when_shown("RecoveryKeyDialog", keep)
        dialog.create.click()

    def keep(dialog) -> None:
        seen["key"] = dialog.key.text()
        seen["enabled before"] = dialog.go_on.isEnabled()
        dialog.kept.setChecked(True)
        dialog.go_on.click()

    _when_shown("FirstAdminDialog", fill)
    tasks = TaskManager()
    access = sign_in_at_start(datadir, tasks, _settings(datadir), "zh")
    try:
        assert access is not None and access.principal.name == "zhangsan"
        assert seen["mismatch"] == "两次输入的密码不一样。"
        assert seen["enabled before"] is False
        assert KEY.match("-".join(str(seen["key"]).split()))
        assert has_users(datadir)
        assert not datadir.db_path.read_bytes()[:16].startswith(b"SQLite format 3")
    finally:
        tasks.wait(-1)
        close(access)


def _settings(datadir):
    from PySide6.QtCore import QSettings

    return QSettings(str(datadir.root.parent / "s.ini"), QSettings.Format.IniFormat)


def test_the_demo_opens_signed_in_as_its_administrator_and_says_so(
    qtbot, tmp_path, monkeypatch
) -> None:
    from app.core.office.datadir import DataDir
    from app.ui import application
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow

    monkeypatch.setattr(application, "DEMO_RESIDENTS", 60)
    folder = DataDir(tmp_path / "demo")
    tasks = TaskManager()
    access = application.open_demo(tasks, folder, "zh")
    assert access is not None
    try:
        assert access.principal.name == DEMO_ADMIN and str(access.principal.role) == "admin"
        from app.core.requests.requests import count_requests
        from app.core.requests.visits import list_plans

        with access.db.reading() as session:  # the demo shows calls and follow-up plans at work
            assert count_requests(session) >= 12 and list_plans(session)
        ctx = AppContext(folder, access.info, tasks, "zh", _settings(folder))
        ctx.demo = True
        ctx.signed_in(access)
        window = MainWindow(ctx)
        qtbot.addWidget(window, before_close_func=lambda _w: tasks.wait(-1))
        window.show()
        assert "演示" in window.user_label.text() and DEMO_ADMIN in window.user_label.text()
        assert "演示" in window.windowTitle() and DEMO_ADMIN in window.windowTitle()
        window.lock()  # nobody typed the demo's password: the lock screen says it
        assert DEMO_PASSWORD in window.lock_screen.demo_hint.text()
        assert window.lock_screen.demo_hint.isVisible()
    finally:
        tasks.wait(-1)
        close(access)
    # opened again: signed in at once, nothing filled twice
    again = application.open_demo(tasks, folder, "zh")
    close(again)


def test_a_window_started_with_credentials_in_the_environment_signs_in(
    qtbot,
    office,  # noqa: F811
) -> None:
    from app.ui.application import sign_in_at_start

    tasks = TaskManager()
    access = sign_in_at_start(
        office.datadir, tasks, office.settings(), "zh", (ADMIN, ADMIN_PASSWORD)
    )
    try:
        assert access.principal.name == ADMIN
    finally:
        close(access)


def test_the_recovery_key_sheet_is_saved_as_pdf_and_previewed(
    qtbot,
    office,  # noqa: F811
    tmp_path,
    monkeypatch,
) -> None:
    from app.core.office.peek import OfficeInfo
    from app.ui import files
    from app.ui.print_preview import PdfPreviewDialog
    from app.ui.recovery_key import RecoveryKeyDialog

    info = OfficeInfo(code="420106001001", name="幸福里社区", role="community", parent_code=None)
    dialog = RecoveryKeyDialog(office.datadir, info, ADMIN, office.recovery, office.settings())
    qtbot.addWidget(dialog)
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(files, "save_file", lambda *a, **k: target)
    dialog.save_pdf()
    assert target.read_bytes().startswith(b"%PDF") and str(target) in dialog.saved.text()
    previewed: list[int] = []
    monkeypatch.setattr(
        PdfPreviewDialog, "exec", lambda self: previewed.append(self.document.pageCount()) or 0
    )
    dialog.preview()
    assert previewed == [1]
    # the preview's copy of the sheet is gone with the dialog
    dialog.kept.setChecked(True)
    dialog.go_on.click()
    assert not list(office.datadir.root.glob("tmp/*/recovery-*"))


def _damaged_after_a_backup(office) -> int:  # noqa: F811
    """A checked backup of the office, then its database's first page overwritten (nothing can
    read it: with encryption that looks like another key); the residents the backup holds."""
    from app.core.office.backups import make_backup

    access = sign_in(office.datadir, ADMIN, ADMIN_PASSWORD, daily_backup=False)
    try:
        access.close_database()
        made = make_backup(office.datadir, "manual", by=ADMIN).backup
    finally:
        access.close()
    with open(office.datadir.db_path, "r+b") as fh:
        fh.write(b"\xff" * 4096)
    return made.residents


def test_a_damaged_database_is_restored_by_a_user_whose_password_is_right(
    qtbot,
    office,  # noqa: F811
    monkeypatch,
) -> None:
    """The password opens the keyring but the database does not open: instead of the database's
    error alone, the backups are offered, the restore is done by that user (audited as theirs),
    and the next sign-in opens the restored office. A wrong password gets the one message."""
    import app.ui.backup_dialog as dialogs
    from app.core.trust.audit import entries
    from app.core.trust.keyring import SignInFailed
    from app.core.trust.signin import Unopenable, sign_in_or_unlock
    from app.ui.application import sign_in_at_start

    residents = _damaged_after_a_backup(office)
    try:
        sign_in_or_unlock(office.datadir, ADMIN, "not-the-password", daily_backup=False)
    except SignInFailed:
        pass
    else:
        raise AssertionError("a wrong password unlocked a damaged office")

    # the sign-in dialog: the right password is accepted with no office, only the way back
    dialog, tasks = sign_in_dialog(qtbot, office)
    qtbot.keyClicks(dialog.name, STAFF)
    qtbot.keyClicks(dialog.password, STAFF_PASSWORD)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.access is None and isinstance(dialog.unopenable, Unopenable)
    assert dialog.unopenable.name == STAFF
    tasks.wait(-1)

    told: list[str] = []

    def click_restore(box) -> int:
        told.append(box.text())
        box.buttons()[0].click()  # 备份与恢复…
        return 0

    restored: list[object] = []

    def restore_latest(backup_dialog: dialogs.BackupDialog) -> int:
        backup_dialog.after_restore = lambda: None
        latest = next(b for b in backup_dialog.model.rows if b.ok)
        backup_dialog._restored = restored.append  # type: ignore[method-assign]
        backup_dialog.restore(latest)
        qtbot.waitUntil(lambda: bool(restored), timeout=20_000)
        return 0

    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))
    monkeypatch.setattr(dialogs.BackupDialog, "exec", restore_latest)
    # started with the administrator's credentials (as a script would): the same way back
    assert sign_in_at_start(office.datadir, TaskManager(), office.settings(), "zh", (ADMIN, ADMIN_PASSWORD)) is None  # fmt: skip
    assert told and "密码正确" in told[0] and "备份" in told[0]
    assert restored

    access = sign_in(office.datadir, ADMIN, ADMIN_PASSWORD, daily_backup=False)
    try:
        from app.core.office.stats import office_stats

        with access.db.reading() as session:
            assert office_stats(session)["residents"] == residents
            kinds = [(e.kind, e.user) for e in entries(session)]
        assert ("restore", ADMIN) in kinds
    finally:
        access.close()
