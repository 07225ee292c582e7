"""审计: the trail filtered by user, days, kind and record, newest first and masked; 导出 writes a
masked .xlsx (no full ID number in it) and is itself audited; the chain's state shown as `check`
finds it."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import date, timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.common.masking import mask_id_number
from app.core.trust import audit
from app.db.models import Resident
from app.ui.models.audit_model import AuditModel
from app.ui.pages import audit as page_module
from app.ui.pages.audit import AuditPage

NEW_NUMBER = "420106199001011237"


def open_page(qtbot, ctx) -> AuditPage:
    page = AuditPage(ctx)
    qtbot.addWidget(page, before_close_func=lambda _w: ctx.tasks.wait(-1))
    with qtbot.wait_signal(page.shown, timeout=10_000):
        page.show()
    return page


def change_an_id_number(ctx) -> tuple[str, str]:
    with ctx.db.session(note="test") as session:
        person = session.scalar(select(Resident).where(Resident.id_number.is_not(None)).limit(1))
        old = person.id_number
        person.id_number = NEW_NUMBER
        return person.uuid, old


def choose(qtbot, page: AuditPage, combo, data) -> None:
    with qtbot.wait_signal(page.shown, timeout=10_000):
        combo.setCurrentIndex(combo.findData(data))
        page.refresh()


def column(page: AuditPage, col: int) -> list[str]:
    return [page.model.text(row, col) for row in page.model.rows]


def test_the_page_filters_and_masks(qtbot, qtmodeltester, demo_ctx):
    uuid, old = change_an_id_number(demo_ctx)
    page = open_page(qtbot, demo_ctx)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() > 0
    times = column(page, AuditModel.COL_TIME)
    assert times == sorted(times, reverse=True)  # newest first
    assert "完整" in page.chain.text()

    page.record.setText(uuid)
    choose(qtbot, page, page.kind, "change")
    rows = page.model.rows
    assert rows and {r.record for r in rows} == {uuid}
    number = next(r for r in rows if r.field == "id_number")
    assert number.old == mask_id_number(old) and number.new == mask_id_number(NEW_NUMBER)
    shown = " ".join(" ".join(column(page, c)) for c in range(page.model.columnCount()))
    assert old not in shown and NEW_NUMBER not in shown

    user = rows[0].user
    choose(qtbot, page, page.user, user)
    assert page.model.rowCount() == len(rows)
    with qtbot.wait_signal(page.shown, timeout=10_000):
        page.set_days(date.today() + timedelta(days=1), None)
    assert page.model.rowCount() == 0 and "共 0 条" in page.status.text()
    with qtbot.wait_signal(page.shown, timeout=10_000):
        page.set_days(date.today(), date.today())
    assert page.model.rowCount() == len(rows)


def test_export_is_masked_and_audited(qtbot, demo_ctx, tmp_path, monkeypatch):
    _uuid, old = change_an_id_number(demo_ctx)
    page = open_page(qtbot, demo_ctx)
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(page_module, "save_file", lambda *a, **k: target)
    with qtbot.wait_signal(page.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [target]
    with zipfile.ZipFile(target) as z:
        inside = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert mask_id_number(NEW_NUMBER) in inside
    assert NEW_NUMBER not in inside and old not in inside
    with demo_ctx.db.reading() as session:
        exports = audit.entries(session, audit.AuditFilter(kind="export"))
    assert exports and exports[-1].entity == "audit_log"


def test_a_changed_record_is_named_above_the_table(qtbot, demo_ctx, datadir):
    page = open_page(qtbot, demo_ctx)
    conn = sqlite3.connect(datadir.db_path)
    try:
        row_id, at = conn.execute(
            "SELECT id, at FROM audit_log ORDER BY id LIMIT 1 OFFSET 5"
        ).fetchone()
        conn.execute("UPDATE audit_log SET note = 'x' WHERE id = ?", (row_id,))
        conn.commit()
    finally:
        conn.close()
    with qtbot.wait_signal(page.shown, timeout=10_000):
        page.refresh()
    assert f"第 {row_id} 条（{at[:19]}）被改动" in page.chain.text()
    assert page.chain.objectName() == "error"


def test_the_page_in_english(qtbot, qapp, make_ctx, demo_db, datadir):
    from app.ui.application import install_translators

    translators = install_translators(qapp, "en")
    try:
        page = open_page(qtbot, make_ctx(datadir, lang="en"))
        names = [page.kind.itemText(i) for i in range(page.kind.count())]
        assert "Print" in names and "Export" in names and "All" in names
        assert page.chain.text().startswith("Audit chain: intact")
        assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    finally:
        for tr in translators:
            qapp.removeTranslator(tr)
