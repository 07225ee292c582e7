"""Regenerates the foundation's screenshots in docs/ from a real demo community, offscreen.

    uv run python docs/screenshots.py

(The main window under a real X server is taken with `import -window root` under Xvfb; see
README. This script covers the dialogs and pages that need no window manager.)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.datadir import DataDir  # noqa: E402
from app.core.demo import fill_demo  # noqa: E402
from app.core.office import init_office, open_office  # noqa: E402
from app.ui.application import install_translators  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.first_run import FirstRunDialog  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(5):
        tasks.wait(-1)
        app.processEvents()


def window_shot(
    app: QApplication, ctx: AppContext, tasks: TaskManager, area: str, name: str
) -> None:
    win = MainWindow(ctx)
    win.resize(1280, 800)
    win.show()
    settle(app, tasks)
    win.open_area(area)
    settle(app, tasks)
    win.grab().save(str(DOCS / name))
    win.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = DataDir(Path(tmp) / "demo")
        init_office(folder, "community", "420106001001", "幸福里社区（演示）", "420106001")
        db, office = open_office(folder)
        fill_demo(db, 3000)
        tasks = TaskManager()
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, office, tasks, "zh", settings)
        ctx.attach(db)

        dialog = FirstRunDialog(DataDir(Path(tmp) / "new"))
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(DOCS / "first-run.png"))
        dialog.close()

        window_shot(app, ctx, tasks, "settings", "settings.png")
        window_shot(app, ctx, tasks, "requests", "not-built-page.png")
        translators = install_translators(app, "en")
        ctx.lang = "en"
        window_shot(app, ctx, tasks, "home", "main-window-en.png")
        for tr in translators:
            app.removeTranslator(tr)
        tasks.wait(-1)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
