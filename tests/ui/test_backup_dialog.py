"""文件 → 备份与恢复…: the backups listed as the clerk needs them (date, reason, counts, check),
立即备份 adding one, 备份到其他位置（U盘） copying it, a failing database refused with a message,
and 恢复所选… restoring after a confirmation that names the date and the counts — then GridDesk
asks to be opened again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.core.office.backups import make_backup
from app.core.office.stats import office_stats
from app.core.registry.roster_import import import_roster
from app.db.backup import list_backups
from app.ui.backup_dialog import BackupDialog
from app.ui.main_window import MainWindow
from app.ui.models.backup_model import BackupModel
from tests.conftest import zero_a_resident_page
from tests.core.test_backups import _roster


def _dialog(qtbot, ctx) -> BackupDialog:
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog, before_close_func=lambda _w: ctx.tasks.wait(-1))
    dialog.show()
    return dialog


def _texts(dialog: BackupDialog, row: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_the_menu_opens_the_dialog(qtbot, demo_ctx) -> None:
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window, before_close_func=lambda _w: demo_ctx.tasks.wait(-1))
    action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "备份与恢复…"
    )
    action.trigger()
    dialog = window.findChild(BackupDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == len(list_backups(demo_ctx.datadir.backups))
    dialog.close()


def test_backups_are_listed_and_made(qtbot, demo_ctx, tmp_path: Path, monkeypatch) -> None:
    dialog = _dialog(qtbot, demo_ctx)
    assert dialog.model.rowCount() == 1  # the day's, made when the office was opened
    assert _texts(dialog, 0)[1:] == ["每日自动", "0", "0", "正常"]  # before the demo was filled

    qtbot.mouseClick(dialog.backup_button, qtbot_left())
    qtbot.wait_until(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    with demo_ctx.db.reading() as session:
        stats = office_stats(session)
    assert _texts(dialog, 0)[1:] == [
        "手动",
        f"{stats['residents']:,}",
        f"{stats['households']:,}",
        "正常",
    ]
    assert "已备份并检查通过" in dialog.status.text()
    assert dialog.view.selectionModel().selectedRows()[0].row() == 0

    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr("app.ui.files.choose_folder", lambda *_a: stick)
    qtbot.mouseClick(dialog.elsewhere_button, qtbot_left())
    qtbot.wait_until(lambda: dialog.model.rowCount() == 3, timeout=10_000)
    assert [p.suffix for p in sorted(stick.iterdir())] == [".json", ".sqlite3"]
    assert str(stick) in dialog.status.text()


def test_a_damaged_database_is_refused_with_a_message(qtbot, demo_ctx, monkeypatch) -> None:
    dialog = _dialog(qtbot, demo_ctx)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    demo_ctx.db.dispose()
    zero_a_resident_page(demo_ctx.datadir.db_path)
    dialog.backup_now()
    qtbot.wait_until(lambda: bool(told), timeout=10_000)
    assert "没有保存为备份" in told[0] and "备份与恢复" in told[0]
    assert dialog.model.rowCount() == 1  # nothing kept


def test_restore_selected_after_a_confirmation(
    qtbot, demo_db, demo_ctx, tmp_path, monkeypatch
) -> None:
    demo_db.dispose()  # the fixture's own connections: the window has only its context's
    datadir = demo_ctx.datadir
    good = make_backup(datadir).backup
    import_roster(demo_ctx.db, _roster(tmp_path / "more.csv", 12))
    dialog = _dialog(qtbot, demo_ctx)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: pytest.fail(text))
    asked: list[str] = []
    told: list[str] = []

    def answer(reply):
        def ask(_parent, _title, text, *_rest):
            asked.append(text)
            return reply

        return ask

    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    quits: list[bool] = []
    dialog.after_restore = lambda: quits.append(True)
    row = next(i for i, b in enumerate(dialog.model.rows) if b.path == good.path)
    dialog.view.selectRow(row)

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(dialog.restore_button, qtbot_left())
    assert len(asked) == 1 and not told  # not confirmed: nothing done
    when = good.created_at.strftime("%Y-%m-%d %H:%M")
    assert when in asked[0] and f"{good.residents:,}" in asked[0]  # names the date and counts

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(dialog.restore_button, qtbot_left())
    qtbot.wait_until(lambda: bool(quits), timeout=20_000)
    assert "已恢复备份" in told[0] and "再次打开" in told[0]
    assert not dialog.isVisible()
    with demo_ctx.db.reading() as session:  # the window's database object sees the restored one
        assert office_stats(session)["residents"] == good.residents
    kept = list_backups(datadir.backups)[0]
    assert kept.reason == "before-restore" and kept.residents == good.residents + 12


def test_a_server_office_is_told_the_server_keeps_its_backups(qtbot, demo_ctx) -> None:
    (demo_ctx.datadir.root / "database-url.txt").write_text("postgresql+psycopg://u@/x\n")
    try:
        dialog = _dialog(qtbot, demo_ctx)
        assert "pg_dump" in dialog.warning.text() and dialog.warning.isVisible()
        assert not dialog.backup_button.isEnabled() and not dialog.restore_button.isEnabled()
    finally:
        (demo_ctx.datadir.root / "database-url.txt").unlink()


def test_the_model_passes_the_model_tester(qtmodeltester, demo_ctx) -> None:
    make_backup(demo_ctx.datadir)
    model = BackupModel()
    model.set_rows(list_backups(demo_ctx.datadir.backups))
    qtmodeltester.check(model)


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_window_makes_the_days_backup_on_the_worker(qtbot, make_ctx, datadir) -> None:
    """Opening for the window makes no backup on the GUI thread (seconds at 180,000 residents);
    the day's backup is made on the database worker once the window has the database."""
    import threading

    import app.core.office.backups as backups
    from app.core.office.setup import open_office
    from app.ui.application import _daily_backup

    for f in datadir.backups.glob("*"):
        f.unlink()
    db, _info = open_office(datadir, daily_backup=False)
    db.dispose()
    assert not list(datadir.backups.glob("*.sqlite3"))
    where: list[threading.Thread] = []
    real = backups.daily_backup

    def daily(folder, *args, **kwargs):  # type: ignore[no-untyped-def]
        where.append(threading.current_thread())
        return real(folder, *args, **kwargs)

    backups.daily_backup = daily  # type: ignore[assignment]
    try:
        ctx = make_ctx(datadir)
        _daily_backup(ctx)
        assert ctx.tasks.wait(30_000)
    finally:
        backups.daily_backup = real  # type: ignore[assignment]
    assert where and where[0] is not threading.main_thread()
    assert [b.reason for b in backups.list_backups(datadir)] == ["daily"]


def test_a_database_that_cannot_be_opened_leads_to_its_backups(
    qtbot, demo_db, datadir, monkeypatch
) -> None:
    """The window's message for a damaged file offers 备份与恢复…, and the dialog restores from
    there with no database open (the file's header overwritten: nothing can read it)."""
    from PySide6.QtWidgets import QMessageBox

    import app.ui.backup_dialog as dialogs
    from app.core.office import backups
    from app.core.office.health import check_database
    from app.core.office.setup import open_office
    from app.ui.application import _open_or_explain

    backups.make_backup(datadir, "manual")
    residents = backups.list_backups(datadir)[0].residents
    demo_db.dispose()
    with open(datadir.db_path, "r+b") as fh:
        fh.write(b"\xff" * 512)
    told: list[str] = []

    def click_restore(box: QMessageBox) -> int:
        told.append(box.text())
        box.buttons()[0].click()  # 备份与恢复…
        return 0

    restored: list[object] = []

    def restore_latest(dialog: dialogs.BackupDialog) -> int:
        dialog.after_restore = lambda: None
        latest = next(b for b in dialog.model.rows if b.ok)
        dialog._restored = restored.append  # type: ignore[method-assign]
        dialog.restore(latest)
        qtbot.waitUntil(lambda: bool(restored), timeout=20_000)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    monkeypatch.setattr(dialogs.BackupDialog, "exec", restore_latest)
    assert _open_or_explain(datadir, "zh") == (None, None)
    assert told and ("备份" in told[0] or "损坏" in told[0])
    assert restored
    db, _info = open_office(datadir, daily_backup=False)
    try:
        assert not check_database(db).problems
        from app.core.office.stats import office_stats

        with db.reading() as session:
            assert office_stats(session)["residents"] == residents
    finally:
        db.dispose()
