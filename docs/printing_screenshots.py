"""Regenerates the printing pictures in docs/ from a demo community (with its demo roster and a
meeting with an overdue action item), offscreen:

* notice-<template>.png — the first notice of building 1 for each built-in template
  (`pdftoppm -png -r 70`);
* daily-report.png — page 1 of the daily report;
* printing-editor.png — the 通知打印 page with the live preview;
* print-preview.png — the preview dialog of a batch (2 to an A4 sheet).

    uv run python docs/printing_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.grids.duty_demo import fill_demo_roster  # noqa: E402
from app.core.meetings import minutes as meetings_core  # noqa: E402
from app.core.meetings.minutes import ActionItemInput, MeetingInput  # noqa: E402
from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.printing import (  # noqa: E402
    daily_report,
    notice_pdf,
    notice_targets,
    notice_templates,
    notices,
)
from app.db.models import Office  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"
TODAY = date.today()
VALUES = notices.NoticeValues(
    start_date=TODAY + timedelta(days=1),
    end_date=TODAY + timedelta(days=14),
    time=f"{TODAY.month}月{(TODAY + timedelta(days=1)).day}日 8:00–11:30",
    place="社区党群服务中心东门",
    items="蔬菜礼包（约 5 公斤）",
    supplier="中百仓储幸福里店",
    content=(
        "套餐|内容|价格\n"
        "A 蔬菜套餐|白菜、土豆、萝卜、洋葱等约 5 公斤|30 元/份\n"
        "B 肉蛋套餐|猪肉 1 公斤、鸡蛋 15 枚|68 元/份\n"
        "C 米面粮油套餐|大米 5 公斤、挂面 2 公斤、食用油 1.8 升|85 元/份"
    ),
)
ANNOUNCEMENT = notices.NoticeValues(
    content=(
        "为做好冬季疫情防控，社区定于本周六上午 9:00 在各楼栋开展环境卫生整治。\n"
        "请各位居民清理楼道内堆放的杂物，配合志愿者做好消杀工作。"
    )
)


def settle(app: QApplication, tasks: TaskManager, ms: int = 0) -> None:
    """Let the worker finish and the window catch up (QPdfView renders pages in the background)."""
    from PySide6.QtTest import QTest

    for _ in range(6):
        tasks.wait(-1)
        app.processEvents()
    if ms:
        QTest.qWait(ms)


def first_page_png(pdf: Path, name: str, dpi: int = 70) -> None:
    stem = pdf.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    shutil.move(str(stem) + ".png", DOCS / name)


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = DataDir(Path(tmp) / "demo")
        init_office(folder, "community", "420106001001", "幸福里社区", "420106001")
        db, office = open_office(folder)
        with db.session(note="demo") as session:
            fill_demo(session, 3000)
        with db.session(note="demo roster") as session:
            fill_demo_roster(session)
        with db.session() as session:
            record = session.get(Office, 1)
            assert record is not None
            record.phone = "027-85551234"
            meetings_core.create_meeting(
                session,
                MeetingInput(
                    title="社区疫情防控工作例会",
                    held_on=TODAY - timedelta(days=4),
                    decisions=["为独居老人每周送菜上门两次"],
                    action_items=[
                        ActionItemInput("整理独居老人名单", "刘芳", TODAY - timedelta(days=1), 1),
                        ActionItemInput("联系团购供应商报价", "陈强", TODAY + timedelta(days=2)),
                    ],
                ),
            )

        out = Path(tmp)
        with db.reading() as session:
            for key in notice_templates.BUILTIN_TEMPLATES:
                values = ANNOUNCEMENT if key == "announcement" else VALUES
                pdf = out / f"notice-{key}.pdf"
                notices.print_notices(
                    session,
                    key,
                    notice_targets.Target("building", "1"),
                    notice_pdf.NoticeLayout(),
                    values,
                    pdf,
                )
                first_page_png(pdf, f"notice-{key}.png")
            report = out / "daily.pdf"
            daily_report.daily_report(session, report)
            first_page_png(report, "daily-report.png", dpi=80)

        tasks = TaskManager()
        settings = QSettings(str(out / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, office, tasks, "zh", settings)
        ctx.attach(db)
        win = MainWindow(ctx)
        win.resize(1440, 900)
        win.show()
        settle(app, tasks)
        page = win.open_area("printing")
        settle(app, tasks)
        row = [t.key for t in page.templates].index("supply-pickup")
        page.list.setCurrentRow(row)
        page.values_form.line_fields["time"].setText(VALUES.time)
        page.values_form.line_fields["place"].setText(VALUES.place)
        page.values_form.line_fields["items"].setText(VALUES.items)
        settle(app, tasks)
        page.render_preview()
        settle(app, tasks, 2500)
        win.grab().save(str(DOCS / "printing-editor.png"))

        page.scope.kind.setCurrentIndex(2)  # building 1
        page.paper_options.per_sheet.setCurrentIndex(1)
        settle(app, tasks)
        page.generate()
        settle(app, tasks)
        dialog = page.preview_dialog
        assert dialog is not None
        dialog.resize(900, 1000)
        dialog.zoom.setCurrentIndex(1)  # a whole sheet
        dialog.show()
        settle(app, tasks, 2500)
        dialog.grab().save(str(DOCS / "print-preview.png"))
        dialog.reject()
        win.close()
        settle(app, tasks)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
