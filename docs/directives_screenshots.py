"""Regenerates docs/directives-street.png and docs/directives-community.png, offscreen: a street
office with three communities sends a notice to all, a task and an allocation to 幸福里社区; the
return packages go out; 幸福里社区 completes the task and confirms the allocation, and its package
comes back. The street office's panel shows each community's state; the community's panel shows
what it received.

    uv run python docs/directives_screenshots.py
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

from app.core.exchange.enrolment import enroll, export_public, read_enrolment  # noqa: E402
from app.core.exchange.importing import import_package  # noqa: E402
from app.core.exchange.packages import export_package  # noqa: E402
from app.core.exchange.returns import export_return_packages  # noqa: E402
from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.street import directives as dv  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.pages.directives import DirectivesPanel  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"
STREET = "420106001"
COMMUNITIES = (
    ("420106001001", "幸福里社区"),
    ("420106001002", "东湖路社区"),
    ("420106001003", "中北路社区"),
)


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(8):
        tasks.wait(-1)
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        street = DataDir(base / "S")
        init_office(street, "street-office", STREET, "水果湖街道办事处", None)
        folders = {}
        for code, name in COMMUNITIES:
            folders[code] = DataDir(base / code)
            init_office(folders[code], "community", code, name, STREET)
        s_db, s_info = open_office(street)
        s_pub = export_public(street, s_info, base / "S.pub")[0]
        for code, folder in folders.items():
            db, info = open_office(folder)
            pub = export_public(folder, info, base / f"{code}.pub")[0]
            with db.session() as session:
                enroll(session, info, read_enrolment(s_pub))
            db.dispose()
            with s_db.session() as session:
                enroll(session, s_info, read_enrolment(pub))
        first = COMMUNITIES[0][0]
        with s_db.session() as session:
            for spec in (
                dv.DirectiveSpec(
                    "notice",
                    "all",
                    "关于做好明日全员核酸检测的通知",
                    "请各社区于明日 7:30 前完成检测点布置，组织居民分楼栋错峰检测，"
                    "行动不便的老人由网格员上门采样。",
                ),
                dv.DirectiveSpec(
                    "task",
                    first,
                    "排查独居老人用药需求",
                    "逐户排查独居、空巢老人的慢性病用药需求，汇总后报街道。",
                    due="2026-12-01",
                    area="第3网格",
                ),
                dv.DirectiveSpec("allocation", first, "", "", item="N95口罩", qty=2000),
                dv.DirectiveSpec("allocation", "all", "", "", item="大米", qty=50, unit="袋"),
            ):
                dv.add_directive(session, s_info, spec)
        sent = export_return_packages(s_db, street, s_info, base / "usb")
        c_db, c_info = open_office(folders[first])
        for result in sent:
            if result.recipient == first:
                import_package(c_db, folders[first], c_info, result.path)
        with c_db.reading() as session:
            rows = {r.kind + (r.item or ""): r for r in dv.list_directives(session, c_info)}
        with c_db.session() as session:
            dv.complete_task(session, c_info, rows["task"].uuid, "已走访 46 户，汇总表已报", "李娟")
            dv.confirm_arrival(session, c_info, rows["allocationN95口罩"].uuid, 2000)
        back = export_package(c_db, folders[first], c_info, base / "usb2").path
        import_package(s_db, street, s_info, back)
        # a second community imported its return package too
        second = COMMUNITIES[1][0]
        db2, info2 = open_office(folders[second])
        for result in sent:
            if result.recipient == second:
                import_package(db2, folders[second], info2, result.path)

        shots = []
        for name, db, info, folder in (
            ("directives-street", s_db, s_info, street),
            ("directives-community", c_db, c_info, folders[first]),
        ):
            tasks = TaskManager()
            settings = QSettings(str(base / f"{name}.ini"), QSettings.Format.IniFormat)
            ctx = AppContext(folder, info, tasks, "zh", settings)
            ctx.attach(db)
            panel = DirectivesPanel(ctx)
            panel.resize(1100, 860)
            panel.show()
            settle(app, tasks)
            if name == "directives-street":
                panel.table.selectRow(len(panel.rows) - 1)  # the notice to all
            else:  # an allocation that arrived: 撤回回复 is there to take it back
                arrived = [i for i, r in enumerate(panel.rows) if r.state == "arrived"]
                panel.table.selectRow(arrived[0] if arrived else 0)
            settle(app, tasks)
            panel.grab().save(str(DOCS / f"{name}.png"))
            shots.append((panel, ctx, tasks))
        for panel, ctx, tasks in shots:
            panel.close()
            tasks.wait(-1)
            panel.deleteLater()
            app.processEvents()
            ctx.deleteLater()
        app.processEvents()
        c_db.dispose()
        db2.dispose()
        s_db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
