"""GUI start-up: application object, translation, style, first run or demo, sign-in, then the
window."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QLockFile,
    QObject,
    QSettings,
    QSize,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_NAME
from app.core.office.datadir import DataDir
from app.errors import DatabaseCorrupt, GridDeskError
from app.ui import crash
from app.ui.context import AppContext
from app.ui.operations import DbOperation, GuiGarbageCollector, TaskManager
from app.ui.resources import translation_path
from app.ui.style import apply_style, register_fonts

DEMO_CODE, DEMO_PARENT = "420106001001", "420106001"
DEMO_RESIDENTS = 3000


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """English through our .qm (the source strings are Chinese) plus Qt's own dialogs."""
    kept: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator(app)
    if qt_tr.load(QLocale("en_US" if lang == "en" else "zh_CN"), "qtbase", "_", qt_dir):
        app.installTranslator(qt_tr)
        kept.append(qt_tr)
    if lang == "en":
        ours = QTranslator(app)
        if ours.load(str(translation_path("en"))):
            app.installTranslator(ours)
            kept.append(ours)
    return kept


def translated_in(lang: str, context: str, text: str) -> str:
    """`text` (a source string, Chinese) in `lang`, whichever language the window is in — for
    the few words said in the language being switched to."""
    if lang != "en":
        return text
    translator = QTranslator()
    if not translator.load(str(translation_path(lang))):
        return text
    return translator.translate(context, text) or text


def open_demo(tasks: TaskManager, datadir: DataDir, lang: str) -> Any:
    """The demo community, signed in as its administrator (signin.DEMO_ADMIN) without asking:
    set up with that administrator and filled on first use (a demo folder from before users
    existed is given it), with a progress dialog. The Access, or None if cancelled/failed."""
    from app.core.trust.signin import (
        DEMO_ADMIN,
        DEMO_PASSWORD,
        add_first_admin,
        has_users,
        open_unsigned,
        setup_with_admin,
        sign_in,
    )

    def work(progress: Any) -> Any:
        from sqlalchemy import select

        from app.core.grids.duty_demo import fill_demo_roster
        from app.core.office.demo import fill_demo, fill_demo_requests
        from app.db.models import Household

        if not datadir.is_set_up():
            setup_with_admin(
                datadir,
                "community",
                DEMO_CODE,
                "幸福里社区（演示）",
                DEMO_PARENT,
                DEMO_ADMIN,
                DEMO_PASSWORD,
            )
        elif not has_users(datadir):
            unsigned = open_unsigned(datadir, daily_backup=False)
            made, _recovery = add_first_admin(unsigned, DEMO_ADMIN, DEMO_PASSWORD)
            made.close()
        access = sign_in(datadir, DEMO_ADMIN, DEMO_PASSWORD, daily_backup=False)
        try:
            with access.db.reading() as session:
                empty = session.scalar(select(Household.id).limit(1)) is None
            if empty:
                with access.db.session(note="demo") as session:
                    fill_demo(session, DEMO_RESIDENTS, progress=progress)
                # people on duty too, so that the grids are staffed as in a real community
                with access.db.session(note="demo roster") as session:
                    fill_demo_roster(session)
                # and the calls of the last days, and the follow-up visits of those who need them
                with access.db.session(note="demo requests") as session:
                    fill_demo_requests(session, max(12, DEMO_RESIDENTS // 75))
        except BaseException:
            access.close()
            raise
        return access

    title = "正在准备演示社区" if lang != "en" else "Preparing the demo community"
    ok, value = on_worker(tasks, work, title, lang)
    if ok:
        return value
    if isinstance(value, GridDeskError):
        QMessageBox.warning(None, APP_NAME, value.message(lang))
    elif isinstance(value, Exception):
        crash.report_bug(value)
    else:
        raise value
    return None


def credentials_from_environment() -> tuple[str, str] | None:
    """GRIDDESK_USER and GRIDDESK_PASSWORD, as the commands take them: a window started by a
    script (the start-up benchmark, the screenshots) signs in without asking."""
    import os

    name, password = os.environ.get("GRIDDESK_USER"), os.environ.get("GRIDDESK_PASSWORD")
    return (name, password) if name and password else None


def sign_in_at_start(
    datadir: DataDir,
    tasks: TaskManager,
    settings: QSettings,
    lang: str,
    known: tuple[str, str] | None = None,
) -> Any:
    """The office opened by a signed-in user (signin.Access), before any window: as `known`
    (the administrator just made at the first run, or GRIDDESK_USER/GRIDDESK_PASSWORD) or
    through the sign-in dialog. An office without users is first given its administrator, then
    its recovery key is shown. None: the user quit (or the office could not be opened)."""
    from app.core.trust.keyring import Keyring

    if not Keyring.exists(datadir.keys):
        return _first_admin(datadir, tasks, settings, lang)
    if known is not None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        from app.core.trust.signin import Unopenable, sign_in_or_unlock

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result: Any = sign_in_or_unlock(datadir, *known, daily_backup=False)
            failure: GridDeskError | None = None
        except GridDeskError as exc:
            failure = exc
        finally:
            QGuiApplication.restoreOverrideCursor()
        if failure is None:
            if not isinstance(result, Unopenable):
                return result
            return _restore_unopenable(datadir, lang, result)
    else:
        failure = None
    from app.ui.sign_in import SignInDialog

    dialog = SignInDialog(datadir, tasks, settings, lang)
    if failure is not None:
        dialog.error.setText(failure.message(lang))
    accepted = dialog.exec()
    access = dialog.access if accepted else None
    unopenable = dialog.unopenable if accepted else None
    dialog.deleteLater()
    if unopenable is not None:
        return _restore_unopenable(datadir, lang, unopenable)
    return access


def _restore_unopenable(datadir: DataDir, lang: str, found: Any) -> None:
    """The password was right but the database does not open: the backups are offered (the file
    in the way is kept beside the restored one), by the user who signed in. No window follows:
    the restored database opens at the next start."""
    zh = (
        "密码正确，但数据库文件打不开：它可能已损坏，或被别的文件替换。"
        "可以从备份恢复（当前文件会保留在旁边）。"
    )
    en = (
        "The password is right, but the database file does not open: it may be damaged, or "
        "replaced by another file. It can be restored from a backup (the current file is kept "
        "beside it)."
    )
    from app.db.problems import WrongDatabaseKey

    message = en if lang == "en" else zh
    if not isinstance(found.problem, WrongDatabaseKey):  # what the damage is (its own words)
        message += f"\n\n{found.problem.message(lang)}"
    _offer_restore(datadir, lang, message, by=found.name)
    return None


def on_worker(
    tasks: TaskManager, fn: Callable[[Any], Any], title: str, lang: str
) -> tuple[bool, Any]:
    """`fn(progress)` on the database worker with a progress dialog, waited for before any window
    exists: (True, result) or (False, the exception)."""
    loop = QEventLoop()
    outcome: list[tuple[bool, Any]] = []

    def report(ok: bool, value: Any) -> None:
        outcome.append((ok, value))
        loop.quit()

    DbOperation(tasks, None, fn, title=title, lang=lang).success(
        lambda result: report(True, result)
    ).failure(lambda exc: report(False, exc)).run_in_background()
    loop.exec()
    return outcome[0]


def _first_admin(datadir: DataDir, tasks: TaskManager, settings: QSettings, lang: str) -> Any:
    """An office made before users existed: its first administrator (the database is encrypted
    on the worker, with progress), then the recovery key, shown once."""
    from app.core.trust.signin import Access, add_first_admin
    from app.ui.recovery_key import FirstAdminDialog, show_recovery_key

    db, info = _open_or_explain(datadir, lang)
    if db is None:
        return None
    ask = FirstAdminDialog(info.name, lang)
    while True:
        if not ask.exec():
            db.dispose()
            return None
        name, password = ask.admin
        unsigned = Access(datadir, db, info)
        title = "正在加密数据库" if lang != "en" else "Encrypting the database"
        ok, value = on_worker(
            tasks,
            lambda _p, a=unsigned, n=name, pw=password: add_first_admin(a, n, pw),
            title,
            lang,
        )
        if ok:
            access, recovery = value
            show_recovery_key(datadir, access.info, name, recovery, settings)
            return access
        db.dispose()
        if not isinstance(value, GridDeskError):
            raise value
        from app.core.trust.keyring import Keyring

        if Keyring.exists(datadir.keys):  # the administrator was made before the failure
            QMessageBox.warning(None, APP_NAME, value.message(lang))
            return sign_in_at_start(datadir, tasks, settings, lang)
        ask.error.setText(value.message(lang))
        db, info = _open_or_explain(datadir, lang)
        if db is None:
            return None


def run_gui(args: argparse.Namespace, datadir: DataDir) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    collector = GuiGarbageCollector(app)  # cycles holding Qt objects die on this thread only
    app.setOrganizationName(APP_NAME)
    settings = QSettings(APP_NAME, APP_NAME)
    lang = args.lang or str(settings.value("lang", "zh"))
    translators = install_translators(app, lang)
    register_fonts()
    apply_style(app, large=bool(settings.value("large_font", False, type=bool)), lang=lang)
    from app import logsetup

    crash.install(datadir.logs / logsetup.LOG_NAME if datadir.logs.is_dir() else None, lang)
    tasks = TaskManager(app)
    lock = hold_folder(datadir, lang) if datadir.root.is_dir() else None
    if lock is False:
        return 0

    known = credentials_from_environment()
    if not args.demo and not datadir.is_set_up():
        from app.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(datadir, lang, settings=settings)
        if not dialog.exec():
            return 0
        if dialog.wants_demo:
            datadir = DataDir.demo()
            args.demo = True
        else:
            known = dialog.admin  # signed in as the administrator just made
    if lock is None or lock.fileName() != str(datadir.root / LOCK_NAME):
        datadir.root.mkdir(parents=True, exist_ok=True)  # the demo's folder, made on first use
        lock = hold_folder(datadir, lang)
        if lock is False:
            return 0
    # Sign-in comes before the window: the database is encrypted, so nothing of it can be read
    # (not even the office's name, which the sign-in dialog reads from the keyring) before.
    # Its time — the user typing, argon2id's third of a second — is said for the benchmark.
    signing_in = time.perf_counter()
    if args.demo:
        access = open_demo(tasks, datadir, lang)
        if access is None:
            return 1
    else:
        access = sign_in_at_start(datadir, tasks, settings, lang, known)
        if access is None:
            return 0
    signed_in = time.perf_counter() - signing_in
    # set up just now (first run or the demo): its logs/ exists from here on, so log there
    logsetup.configure(datadir.logs, verbose=bool(getattr(args, "verbose", False)))
    crash.install(datadir.logs / logsetup.LOG_NAME if datadir.logs.is_dir() else None, lang)

    from app.ui.main_window import MainWindow

    ctx = AppContext(datadir, access.info, tasks, lang, settings, app)
    ctx.demo = bool(args.demo)
    if access.principal is not None:
        ctx.signed_in(access)
    else:
        ctx.attach(access.db)
    window = MainWindow(ctx)
    exit_after = getattr(args, "exit_after", None)
    if exit_after is not None:
        print(f"sign-in {signed_in:.4f}", flush=True)
    if exit_after == "ready":
        window.home.filled.connect(lambda: (_report("ready", started), app.exit(0)))
    elif exit_after == "preview":
        window.home.filled.connect(lambda: _preview_then_exit(window, lang, started))

    def after_first_paint() -> None:
        if exit_after == "shown":
            _report("shown", started)
            app.exit(0)

    _daily_backup(ctx)
    window.show()
    when_painted(window, after_first_paint)
    code = app.exec()
    tasks.wait(-1)
    if ctx.access is not None:
        ctx.access.close()
    elif ctx.is_open:
        ctx.db.dispose()
    collector.stop()
    # dropped with collection off: a collection started by its own destructor that destroys a
    # widget inside another QObject's destructor deadlocks on Qt's connection lock
    gc.disable()
    del collector
    gc.collect()
    if isinstance(lock, QLockFile):
        lock.unlock()
    del translators
    return int(code)


LOCK_NAME = "griddesk.lock"


def hold_folder(datadir: DataDir, lang: str) -> QLockFile | bool:
    """One window per data folder: the lock for `datadir`, or False after telling the user that
    another window has it open (two windows would only race each other's writes). A lock left by
    a process that no longer runs (killed, a crash) is taken over."""
    lock = QLockFile(str(datadir.root / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it has run
    if lock.tryLock(200):
        return lock
    info = lock.getLockInfo()  # (pid, host, app), or a falsy value when it cannot be read
    where = f"{info[0]}, {info[1]}" if info and len(info) >= 2 else "?"
    text = (
        f"This data folder is already open in another GridDesk window (process {where}):\n"
        f"{datadir.root}\n\nSwitch to that window; one folder is opened by one window at a time."
        if lang == "en"
        else f"另一个 GridDesk 窗口已经打开了这个数据文件夹（进程 {where}）：\n{datadir.root}\n\n"
        "请切换到那个窗口。同一个数据文件夹同时只能在一个窗口中打开。"
    )
    QMessageBox.information(None, APP_NAME, text)
    return False


def _daily_backup(ctx: AppContext) -> None:
    """The day's first checked backup, on the database worker: at 180,000 residents it takes a
    couple of seconds, which the window should not spend frozen."""
    from app.core.office.backups import daily_backup, daily_state

    datadir = ctx.datadir

    def checked(_made: object) -> None:
        state = daily_state(datadir)
        if state is not None and not state.ok and state.problems:
            # the copy failed its check: the database itself is damaged — say so now, with the
            # way back one click away
            zh, en = state.problems[0]
            offer_restore(ctx, en if ctx.lang == "en" else zh)

    ctx.run(None, lambda _progress: daily_backup(datadir), on_success=checked, show_progress=False)


def _open_or_explain(datadir: DataDir, lang: str) -> tuple[Any, Any]:
    from app.core.office.setup import open_office

    try:
        return open_office(datadir, daily_backup=False)  # made on the worker: `_daily_backup`
    except DatabaseCorrupt as exc:
        _offer_restore(datadir, lang, exc.message(lang))
        return None, None
    except GridDeskError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message(lang))
        return None, None


def _offer_restore(datadir: DataDir, lang: str, message: str, by: str | None = None) -> None:
    """The database could not be opened (damaged): the backups, with a context of their own
    (`by`: the user whose password unlocked the office's key, recorded with the restore)."""
    from app.core.office.peek import OfficeInfo

    app = QApplication.instance()
    settings = QSettings(APP_NAME, APP_NAME)
    unknown = OfficeInfo(code="", name="", role="community", parent_code=None)
    ctx = AppContext(datadir, unknown, TaskManager(app), lang, settings, app)
    ctx.restorer = by
    offer_restore(ctx, message)


def offer_restore(ctx: AppContext, message: str) -> None:
    """A damaged database: the way back is one click away (备份与恢复…), not a folder to find by
    hand."""
    en = ctx.lang == "en"
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    restore = box.addButton(
        "Backups and restore…" if en else "备份与恢复…", QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton("Close" if en else "关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return
    from app.ui.backup_dialog import BackupDialog

    BackupDialog(ctx).exec()


def _preview_then_exit(window: QWidget, lang: str, started: float) -> None:
    """For the frozen program's smoke test (--exit-after preview): the user guide printed and
    shown in the print preview (QtPdf renders it), its first page drawn, then the program ends
    — exit 1 if QtPdf read no page or drew nothing."""
    import tempfile
    from pathlib import Path

    from app.core.office.user_guide import write_guide_pdf
    from app.ui.print_preview import PdfPreviewDialog

    folder = tempfile.TemporaryDirectory(prefix="griddesk-preview-")
    pdf = Path(folder.name) / "guide.pdf"
    write_guide_pdf(pdf, lang)
    dialog = PdfPreviewDialog(pdf, "guide", "guide.pdf", None, window)

    def painted() -> None:
        pages = dialog.document.pageCount()
        image = dialog.document.render(0, QSize(300, 424)) if pages else None
        # drawn: not one flat colour (a page of the guide has text on it)
        drawn = (
            image is not None
            and not image.isNull()
            and any(
                image.pixel(x, y) != image.pixel(0, 0)
                for y in range(0, image.height(), 4)
                for x in range(0, image.width(), 4)
            )
        )
        print(f"preview-title {dialog.windowTitle()}", flush=True)  # in the language chosen
        _report(f"preview {pages} {'drawn' if drawn else 'blank'}", started)
        dialog.close()
        dialog.document.close()  # Windows cannot delete a file QtPdf holds open
        folder.cleanup()
        QApplication.instance().exit(0 if pages and drawn else 1)  # type: ignore[union-attr]

    dialog.show()
    when_painted(dialog, painted)


def _report(stage: str, started: float) -> None:
    """For the start-up benchmark (--exit-after): the stage reached and the time since start."""
    print(f"{stage} {time.perf_counter() - started:.4f}", flush=True)


class _FirstExpose(QObject):
    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.callback: Callable[[], None] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and self.callback is not None:
            self.fire()
        return False

    def fire(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            QTimer.singleShot(0, callback)  # after the expose is handled, i.e. painted


def when_painted(window: QWidget, callback: Callable[[], None]) -> None:
    """Run `callback` once the window has been painted for the first time (or after 500 ms)."""
    handle = window.windowHandle()
    watcher = _FirstExpose(callback, window)
    if handle is None:
        watcher.fire()
        return
    handle.installEventFilter(watcher)
    QTimer.singleShot(500, watcher.fire)
