"""Regenerates docs/user-guide-window.png (the guide opened by F1 over the demo community's main
window, on a 1366×768 screen as in many offices) and docs/user-guide-pdf.png (page 1 of the
printed guide, `pdftoppm -r 80`).

    uv run python docs/help_screenshots.py

Offscreen on a 1366×768 screen unless QT_QPA_PLATFORM says otherwise (under Xvfb started with
`-screen 0 1366x768x24`: QT_QPA_PLATFORM=xcb DISPLAY=:98). The screen picture is composed from the
two windows' own pictures, stacked as a window manager would show them (without its title bars).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "QT_QPA_PLATFORM" not in os.environ:
    _screen = Path(tempfile.mkdtemp(prefix="griddesk-screen-")) / "offscreen.json"
    _screen.write_text(
        '{"screens": [{"name": "office", "x": 0, "y": 0, "width": 1366, "height": 768,'
        ' "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}',
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QRect, QSettings  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.office.user_guide import write_guide_pdf  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.help import HelpMenu, install_help  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"
SCREEN = QRect(0, 0, 1366, 768)


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(5):
        tasks.wait(-1)
        app.processEvents()


def window_shot(app: QApplication, tmp: Path) -> None:
    datadir = DataDir(tmp / "demo")
    init_office(datadir, "community", "420106001001", "幸福里社区", "420106001")
    db, office = open_office(datadir)
    with db.session(note="demo") as session:
        fill_demo(session, 3000)
    tasks = TaskManager(app)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(datadir, office, tasks, "zh", settings, app)
    ctx.attach(db)
    win = MainWindow(ctx)
    install_help(win, "zh")
    win.show()  # maximised on a screen this small
    win.setGeometry(SCREEN)
    settle(app, tasks)
    guide = win.findChild(HelpMenu).open_guide()
    guide.show_section("6. 下午：扫码收回签收单")
    settle(app, tasks)

    screen = QPixmap(SCREEN.size())
    screen.fill(QColor("#2b2f36"))
    painter = QPainter(screen)
    painter.drawPixmap(QPoint(0, 0), win.grab())
    frame = guide.geometry()
    painter.fillRect(frame.adjusted(-1, -1, 9, 9), QColor(0, 0, 0, 40))  # a shadow
    painter.drawPixmap(frame.topLeft(), guide.grab())
    painter.setPen(QColor("#5b6270"))
    painter.drawRect(frame.adjusted(-1, -1, 0, 0))
    painter.end()
    screen.save(str(DOCS / "user-guide-window.png"))
    print("window:", guide.geometry(), "fits the screen:", SCREEN.contains(guide.geometry()))

    guide.close()
    win.close()
    tasks.wait(-1)
    db.dispose()


def pdf_shot(tmp: Path) -> None:
    pdf = write_guide_pdf(tmp / "guide.pdf", "zh")
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (poppler-utils): docs/user-guide-pdf.png not written")
        return
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(tmp / "page"),
        ],
        check=True,
    )
    shutil.copyfile(tmp / "page.png", DOCS / "user-guide-pdf.png")


def main() -> None:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        window_shot(app, tmp)
        pdf_shot(tmp)


if __name__ == "__main__":
    main()
