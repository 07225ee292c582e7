"""Regenerates the 诉求 screenshots from a demo community of 3,000 residents, offscreen, in a
1366×768 window: requests-page.png (the list with overdue ones, the chosen request's details and
history), request-dialog.png (登记诉求 with the caller's address typed and the households found),
requests-visits.png (the 随访 tab), requests-figures.png (统计), household-requests.png (the
household view with its requests and visits); work-order-slips.png and
visits-checklist.png (page 1 of each PDF through `pdftoppm -png -r 80`).

    uv run python docs/requests_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.core.grids import structure  # noqa: E402
from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.requests import checklist, slips, visits  # noqa: E402
from app.core.requests import requests as core  # noqa: E402
from app.db.models import Household, Resident  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.pages.requests.page import RequestsPage  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"

CALLS = [
    ("medical", "胰岛素快用完了，需要代购", "urgent"),
    ("supplies", "家里没有米和油了", "normal"),
    ("care", "独居老人腿脚不便，需要有人送菜", "urgent"),
    ("sanitation", "3 栋楼下垃圾两天没清运", "normal"),
    ("repair", "楼道灯不亮", "normal"),
    ("group-buy", "团购蔬菜包里的青菜烂了", "normal"),
    ("inquiry", "问下周核酸检测时间", "normal"),
    ("medical", "需要降压药", "normal"),
    ("supplies", "婴儿奶粉快没了", "urgent"),
    ("staff-complaint", "卡点值守人员态度粗暴", "normal"),
    ("report", "有人在小区内聚集打牌", "normal"),
    ("other", "想报名当志愿者", "normal"),
]


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(8):
        tasks.wait(-1)
        app.processEvents()


def fill(db: object) -> None:
    """Forty requests over the last days in every state, two follow-up plans with visits."""
    with db.reading() as s:  # type: ignore[attr-defined]
        homes = list(
            s.scalars(
                select(Household.id)
                .where(Household.id.in_(select(Resident.household_id)))
                .where(Household.grid_id.is_not(None))
                .order_by(Household.id)
                .limit(60)
            )
        )
        grids = [g.code for g in structure.list_grids(s)]
    now = datetime.now().replace(second=0, microsecond=0)
    for i in range(40):
        category, text, priority = CALLS[i % len(CALLS)]
        received = now - timedelta(hours=5 * (40 - i))
        with db.session(note="demo requests") as s:  # type: ignore[attr-defined]
            row = core.log_request(
                s,
                category,
                text,
                household_id=None if i % 9 == 4 else homes[i],
                phone="13812345678" if i % 3 == 0 else None,
                priority=priority,
                channel=("phone", "walk-in", "grid-worker", "hotline-12345")[i % 4],
                now=received,
            )
            if i % 5 == 1:
                continue
            core.assign(s, row.id, grid_code=grids[i % len(grids)], now=received)
            if i % 4 == 0:
                core.start(s, row.id, now=received + timedelta(minutes=30))
            if i < 24 and i % 3 != 2:
                core.finish(s, row.id, "已上门处理，居民已收到", now=received + timedelta(hours=3))
                if i % 2 == 0:
                    core.callback(s, row.id, i % 8 != 0, now=received + timedelta(hours=6))
    with db.session(note="demo visits") as s:  # type: ignore[attr-defined]
        visits.make_plan(s, "living-alone", "独居老人", start=date.today())
        visits.make_plan(s, "chronic", "慢性病", start=date.today())
        due = visits.visits_due(s, date.today())
        for v in due[:6]:
            visits.record_visit(s, v.id, "reached", note="身体还好")


def shoot_pdf(pdf: Path, name: str) -> None:
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
             str(pdf), str(DOCS / name)],
            check=True,
        )  # fmt: skip


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = DataDir(Path(tmp) / "demo")
        init_office(folder, "community", "420106001001", "幸福里社区", "420106001")
        db, info = open_office(folder)
        with db.session(note="demo") as session:
            fill_demo(session, 3000)
        fill(db)
        tasks = TaskManager()
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, info, tasks, "zh", settings)
        ctx.attach(db)
        win = MainWindow(ctx)
        win.resize(1366, 768)
        win.show()
        settle(app, tasks)
        page = win.open_area("requests")
        assert isinstance(page, RequestsPage)
        settle(app, tasks)
        overdue = next(
            r
            for r in (page.model.row_at(i) for i in range(page.model.rowCount()))
            if r and r.overdue
        )
        page.select(overdue.id)
        settle(app, tasks)
        win.grab().save(str(DOCS / "requests-page.png"))

        dialog = page.add_request()
        settle(app, tasks)
        with db.reading() as s:
            address = s.scalar(
                select(Household.address_code)
                .where(Household.id.in_(select(Resident.household_id)))
                .order_by(Household.id)
                .offset(7)
                .limit(1)
            )
        dialog.finder.field.setText(str(address).rsplit("-", 1)[0])
        dialog.finder.search()
        dialog.category.choose("medical")
        dialog.text.setText("胰岛素快用完了，需要代购")
        dialog.priority.setCurrentIndex(1)
        dialog.phone.setText("13912345678")
        settle(app, tasks)
        dialog.adjustSize()
        settle(app, tasks)
        dialog.grab().save(str(DOCS / "request-dialog.png"))
        dialog.reject()

        from app.ui.registry_dialogs import HouseholdDialog

        household = HouseholdDialog(ctx, overdue.household_id or 1, page)
        household.show()
        settle(app, tasks)
        household.grab().save(str(DOCS / "household-requests.png"))
        household.close()

        page.tabs.setCurrentWidget(page.visits)
        settle(app, tasks)
        win.grab().save(str(DOCS / "requests-visits.png"))
        page.tabs.setCurrentWidget(page.figures)
        settle(app, tasks)
        win.grab().save(str(DOCS / "requests-figures.png"))
        win.close()
        tasks.wait(-1)
        shoot_pdf(slips.write_work_orders(db, Path(tmp) / "slips.pdf"), "work-order-slips")
        shoot_pdf(
            checklist.write_checklist(db, Path(tmp) / "visits.pdf", day=date.today()),
            "visits-checklist",
        )
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
