"""Regenerates docs/group-buy.png from a demo community of 3,000 residents, offscreen: a first round
of three packages, a second round copied from it with the vegetable package 20 % dearer (flagged,
with its reason) and a new package, orders from a dozen households, some paid and delivered, and
the answer to a delivery scan; docs/group-buy-notice.png (the price notice, through
`pdftoppm -png -r 80`).

    uv run python docs/group_buy_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.printing.notices import write_price_notice  # noqa: E402
from app.core.supplies import group_buy, group_buy_orders  # noqa: E402
from app.db.models import Household, Resident  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.pages.supplies.page import SuppliesPage  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"
VEG, GRAIN, MEAT, FRUIT = "A 蔬菜套餐", "B 粮油套餐", "C 肉蛋套餐", "D 水果套餐"


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(8):
        tasks.wait(-1)
        app.processEvents()


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
        with db.session() as s:
            group_buy.open_round(s, "第1批（11月22日）")
            group_buy.add_package(s, VEG, "30.00", "中百仓储",
                                  "白菜 2kg；土豆 1.5kg；萝卜 1kg；西红柿 1kg")  # fmt: skip
            group_buy.add_package(s, GRAIN, "89.90", "武商超市", "大米 5kg；菜籽油 1.8L；挂面 1kg")
            group_buy.add_package(s, MEAT, "58.00", "中百仓储", "猪肉 1kg；鸡蛋 15个")
            group_buy.close_round(s)
        with db.session() as s:
            group_buy.open_round(s, "第2批（11月29日）", copy_previous=True)
            group_buy.edit_package(s, VEG, price="36.00",
                                   reason="连日降雨，蔬菜基地减产，批发价上涨")  # fmt: skip
            group_buy.edit_package(s, MEAT, price="56.50")
            group_buy.add_package(s, FRUIT, "25.80", "武商超市", "苹果 1.5kg；香蕉 1kg")
        with db.reading() as s:
            homes = list(
                s.execute(
                    select(Household.address_code, Household.code)
                    .where(Household.id.in_(select(Resident.household_id)))
                    .order_by(Household.id)
                    .limit(14)
                ).tuples()
            )
        packages = [VEG, GRAIN, MEAT, FRUIT]
        with db.session() as s:
            for i, (address, _code) in enumerate(homes[:13]):
                group_buy_orders.place_order(s, address, packages[i % 4], 1 + i % 3)
                if i % 4 == 0:
                    group_buy_orders.place_order(s, address, GRAIN, 1)
            for address, _code in homes[:6]:
                group_buy_orders.mark_paid(s, address, method="wechat")
            for address, _code in homes[:3]:
                group_buy_orders.mark_delivered(s, address)
        tasks = TaskManager()
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, info, tasks, "zh", settings)
        ctx.attach(db)
        win = MainWindow(ctx)
        win.resize(1440, 900)
        win.show()
        settle(app, tasks)
        page = win.open_area("supplies")
        assert isinstance(page, SuppliesPage)
        settle(app, tasks)
        page.tabs.setCurrentWidget(page.group_buy)
        settle(app, tasks)
        tab = page.group_buy
        QTest.keyClicks(tab.scan, homes[3][1])
        QTest.keyClick(tab.scan, Qt.Key.Key_Return)
        settle(app, tasks)
        win.grab().save(str(DOCS / "group-buy.png"))
        win.close()
        tasks.wait(-1)
        with db.reading() as s:
            pdf = write_price_notice(s, Path(tmp) / "notice.pdf")
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                 str(DOCS / "group-buy-notice")],
                check=True,
            )  # fmt: skip
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
