"""Regenerates the foundation's screenshots in docs/ from a real demo community, offscreen: the
首页 (with a distribution under way) in Chinese and English, the first-run dialog, settings and
a page not built yet.

    uv run python docs/screenshots.py
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

from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.db.engine import Database  # noqa: E402
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


def _supplies_under_way(db: Database) -> None:
    """Stock received and a distribution a third of the way through, as on a working day."""
    from app.core.supplies import campaigns, deliveries, ledger

    with db.session() as session:
        ledger.receive(session, "口罩", 2000, unit="个", source="区应急局")
        ledger.receive(session, "大米", 600, unit="袋", source="爱心企业")
        created = campaigns.create_campaign(
            session, campaigns.CampaignSpec("第一批口罩", "口罩", 2, per="person")
        )
        queue = deliveries.campaign_households(session, created.code)
        for household in queue[: len(queue) // 3]:
            deliveries.deliver(session, created.code, household.household_code)


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = DataDir(Path(tmp) / "demo")
        init_office(folder, "community", "420106001001", "幸福里社区（演示）", "420106001")
        db, office = open_office(folder)
        with db.session(note="demo") as session:
            fill_demo(session, 3000)
        _supplies_under_way(db)
        tasks = TaskManager()
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, office, tasks, "zh", settings)
        ctx.attach(db)

        dialog = FirstRunDialog(DataDir(Path(tmp) / "new"))
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(DOCS / "first-run.png"))
        dialog.close()

        window_shot(app, ctx, tasks, "home", "main-window.png")
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
