"""Requests and complaints: the lifecycle and its refusals, deadlines from 设置, overdue from the
deadline and the clock, the accountability figures, a grid worker's view, and a complaint about a
member of staff hidden from them and closed only by an administrator."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.grids.assignment import assign_households
from app.core.requests import deadlines
from app.core.requests.requests import (
    AdministratorOnly,
    Category,
    Priority,
    RequestFilter,
    Status,
    assign,
    callback,
    count_requests,
    finish,
    history,
    list_requests,
    log_request,
    reopen,
    request_row,
    start,
)
from app.core.trust.roles import NotPermitted, OutsideGrids, Principal, Role
from app.db.engine import Database
from app.db.models import AuditEntry, Grid, Household
from app.db.models_requests import ServiceRequest
from app.errors import AlreadyDone, InvalidInput

T0 = datetime(2026, 12, 1, 9, 0)


def _household(db: Database, grid_code: str | None = None) -> tuple[int, str]:
    with db.reading() as session:
        q = select(Household.id, Grid.code).join(Grid, Grid.id == Household.grid_id)
        if grid_code:
            q = q.where(Grid.code == grid_code)
        got = session.execute(q.order_by(Household.id)).first()
    assert got is not None
    return got[0], got[1]


def _grid_codes(db: Database) -> list[str]:
    """The first two grids, the households shared between them (the small demo puts every
    household in the first)."""
    with db.session(note="test") as session:
        codes = list(session.scalars(select(Grid.code).order_by(Grid.code)))[:2]
        households = list(session.scalars(select(Household.id).order_by(Household.id)))
        assign_households(session, codes[1], households[: len(households) // 2])
    return codes


def _as(db: Database, name: str, role: Role, grids: tuple[str, ...] = ()) -> None:
    db.principal = Principal(name, role, frozenset(grids))


def test_a_request_goes_from_the_call_to_the_callback(demo_db: Database) -> None:
    h, grid = _household(demo_db)
    with demo_db.session() as s:
        row = log_request(
            s, Category.MEDICAL, "需要胰岛素", household_id=h, priority=Priority.URGENT, now=T0
        )
    assert row.status is Status.REGISTERED and row.grid_code == grid
    assert row.due_at == T0 + timedelta(hours=2)  # urgent medical: 2 h
    assert not row.anonymous and row.household
    with demo_db.session() as s:
        assert assign(s, row.id, grid_code=grid, now=T0).status is Status.ASSIGNED
        assert start(s, row.id, now=T0 + timedelta(minutes=5)).status is Status.IN_PROGRESS
        done = finish(s, row.id, "已送药上门", now=T0 + timedelta(hours=1))
    assert done.status is Status.DONE and done.done_on_time and done.outcome == "已送药上门"
    with demo_db.session() as s:
        back = callback(s, row.id, True, note="满意", now=T0 + timedelta(hours=3))
    assert back.status is Status.CONFIRMED and back.satisfied is True
    with demo_db.reading() as s:
        what = [w for _at, _who, w in history(s, row.id)]
    assert what[0] == "登记"
    assert "状态：已办结 → 已回访" in what
    assert not any("胰岛素" in w or "送药" in w for w in what)  # no values of text or outcome
    with demo_db.reading() as s:
        english = [w for _at, _who, w in history(s, row.id, "en")]
    assert english[0] == "Registered" and "Status: Done → Called back" in english
    assert "Outcome changed" in english  # that it changed, never what it says
    assert not any(re.search(r"[\u4e00-\u9fff]", w) for w in english)  # no Chinese left


def test_refusals_change_nothing(demo_db: Database) -> None:
    h, _grid = _household(demo_db)
    with demo_db.session() as s:
        rid = log_request(s, Category.SUPPLIES, "米吃完了", household_id=h, now=T0).id
    with demo_db.session() as s:
        with pytest.raises(InvalidInput, match="尚未办结"):
            callback(s, rid, True, now=T0)
        with pytest.raises(InvalidInput, match="办理结果"):
            finish(s, rid, "   ", now=T0)
        with pytest.raises(InvalidInput, match="办理期限已过"):
            log_request(s, Category.OTHER, "x", due_at=T0 - timedelta(hours=1), now=T0)
        with pytest.raises(InvalidInput, match="诉求内容"):
            log_request(s, Category.OTHER, "", now=T0)
        with pytest.raises(InvalidInput, match="类别"):
            log_request(s, "food", "x", now=T0)
    with demo_db.reading() as s:
        assert request_row(s, rid, now=T0).status is Status.REGISTERED
        assert s.scalar(select(func.count()).select_from(ServiceRequest)) == 1
    with demo_db.session() as s:
        finish(s, rid, "已配送", now=T0 + timedelta(hours=2))
    with demo_db.session() as s, pytest.raises(AlreadyDone) as twice:
        finish(s, rid, "再次", now=T0 + timedelta(hours=3))
    assert twice.value.exit_code == 3
    with demo_db.session() as s:
        callback(s, rid, False, now=T0 + timedelta(hours=4))
    with demo_db.session() as s, pytest.raises(AlreadyDone):
        callback(s, rid, True, now=T0 + timedelta(hours=5))
    with demo_db.session() as s:
        again = reopen(s, rid, "居民说只送了一半", now=T0 + timedelta(hours=6))
    assert again.status is Status.REGISTERED and again.satisfied is None and again.outcome is None
    assert again.due_at == T0 + timedelta(hours=30)
    with demo_db.session() as s, pytest.raises(InvalidInput, match="无须重新打开"):
        reopen(s, rid, "x", now=T0 + timedelta(hours=7))


def test_an_anonymous_request_says_so(demo_db: Database) -> None:
    with demo_db.session() as s:
        row = log_request(s, Category.SANITATION, "3栋门口垃圾没人清", now=T0)
        named = log_request(s, Category.INQUIRY, "核酸点在哪", phone="13812345678", now=T0)
    assert row.anonymous and row.household is None and row.phone_masked == ""
    assert not named.anonymous and named.phone_masked == "138****5678"


def test_deadlines_follow_the_settings(demo_db: Database) -> None:
    with demo_db.reading() as s:
        table = {(d.category, d.priority): d.hours for d in deadlines.deadlines(s)}
    assert table[(Category.MEDICAL, Priority.URGENT)] == 2
    assert table[(Category.SUPPLIES, Priority.NORMAL)] == 24
    assert table[(Category.STAFF_COMPLAINT, Priority.NORMAL)] == 72
    with demo_db.session() as s:
        deadlines.set_deadline(s, "supplies", "normal", 12)
        with pytest.raises(InvalidInput):
            deadlines.set_deadline(s, "supplies", "normal", 0)
    with demo_db.session() as s:
        row = log_request(s, Category.SUPPLIES, "缺油", now=T0)
    assert row.due_at == T0 + timedelta(hours=12)
    _as(demo_db, "clerk", Role.STAFF)
    with demo_db.session() as s, pytest.raises(NotPermitted):
        deadlines.set_deadline(s, "supplies", "normal", 6)


def test_overdue_is_counted_from_the_deadline_and_now(demo_db: Database) -> None:
    with demo_db.session() as s:
        rid = log_request(s, Category.MEDICAL, "发烧", priority="urgent", now=T0).id
        done = log_request(s, Category.MEDICAL, "要药", priority="urgent", now=T0).id
        finish(s, done, "已送", now=T0 + timedelta(hours=5))
    late = T0 + timedelta(hours=3)
    with demo_db.reading() as s:
        assert not request_row(s, rid, now=T0 + timedelta(hours=1)).overdue
        assert request_row(s, rid, now=late).overdue
        assert not request_row(s, done, now=late + timedelta(days=1)).overdue
        assert request_row(s, done, now=late).done_on_time is False
        overdue = list_requests(s, RequestFilter(overdue=True), now=late)
        assert [r.id for r in overdue] == [rid]
        assert count_requests(s, RequestFilter(overdue=True), now=late) == 1
        assert count_requests(s, RequestFilter(open_only=True), now=late) == 1
        assert count_requests(s, now=late) == 2


def test_a_grid_worker_sees_and_works_their_grids_only(demo_db: Database) -> None:
    codes = _grid_codes(demo_db)
    mine, other = codes[0], codes[1]
    h_mine, _ = _household(demo_db, mine)
    h_other, _ = _household(demo_db, other)
    with demo_db.session() as s:
        a = log_request(s, Category.REPAIR, "水管漏水", household_id=h_mine, now=T0).id
        b = log_request(s, Category.REPAIR, "电梯坏了", household_id=h_other, now=T0).id
        log_request(
            s, Category.STAFF_COMPLAINT, "态度差", household_id=h_mine, about_user="王五", now=T0
        )
    _as(demo_db, "worker", Role.GRID_WORKER, (mine,))
    with demo_db.reading() as s:
        assert [r.id for r in list_requests(s, now=T0)] == [a]
        assert count_requests(s, now=T0) == 1
    with demo_db.session() as s, pytest.raises(OutsideGrids):
        finish(s, b, "修好了", now=T0)
    with demo_db.session() as s, pytest.raises(OutsideGrids):
        log_request(s, Category.REPAIR, "x", household_id=h_other, now=T0)
    with demo_db.session() as s:
        assert finish(s, a, "已修好", now=T0 + timedelta(hours=1)).status is Status.DONE
    _as(demo_db, "viewer", Role.VIEWER)
    with demo_db.reading() as s, pytest.raises(NotPermitted):
        list_requests(s, now=T0)


def test_a_complaint_about_staff_is_hidden_from_them_and_closed_by_an_administrator(
    demo_db: Database,
) -> None:
    h, _grid = _household(demo_db)
    with demo_db.session() as s:
        rid = log_request(
            s, Category.STAFF_COMPLAINT, "发放时态度恶劣", household_id=h, about_user="王五", now=T0
        ).id
        with pytest.raises(InvalidInput, match="被投诉人"):
            log_request(s, Category.OTHER, "x", about_user="王五", now=T0)
    _as(demo_db, "王五", Role.STAFF)
    with demo_db.reading() as s:
        assert count_requests(s, now=T0) == 0
        with pytest.raises(InvalidInput, match="找不到诉求"):
            request_row(s, rid)
    with demo_db.session() as s, pytest.raises(InvalidInput, match="找不到诉求"):
        finish(s, rid, "已处理", now=T0)
    _as(demo_db, "李四", Role.STAFF)
    with demo_db.reading() as s:
        assert count_requests(s, now=T0) == 1
    with demo_db.session() as s, pytest.raises(AdministratorOnly):
        finish(s, rid, "已处理", now=T0 + timedelta(hours=1))
    _as(demo_db, "书记", Role.ADMIN)
    with demo_db.session() as s:
        assert finish(s, rid, "已约谈", now=T0 + timedelta(hours=1)).status is Status.DONE


def test_every_change_is_audited(demo_db: Database) -> None:
    with demo_db.session() as s:
        row = log_request(s, Category.OTHER, "问路", now=T0)
        finish(s, row.id, "已答复", now=T0)
    with demo_db.reading() as s:
        fields = set(s.scalars(select(AuditEntry.field).where(AuditEntry.record_uuid == row.uuid)))
    assert {"status", "outcome", "done_at"} <= fields


def _some_requests(db: Database) -> list[int]:
    """Three requests of one grid: one done on time and called back satisfied, one done late,
    one open and overdue at T0 + 5 h; and one anonymous supplies request still within its time."""
    h, grid = _household(db)
    with db.session() as s:
        a = log_request(s, Category.MEDICAL, "药", household_id=h, priority="urgent", now=T0).id
        assign(s, a, grid_code=grid, now=T0)
        finish(s, a, "已送", now=T0 + timedelta(hours=1))
        callback(s, a, True, now=T0 + timedelta(hours=2))
        b = log_request(s, Category.MEDICAL, "药", household_id=h, priority="urgent", now=T0).id
        finish(s, b, "已送", now=T0 + timedelta(hours=3))
        c = log_request(
            s, Category.CARE, "老人没人管", household_id=h, priority="urgent", now=T0
        ).id
        d = log_request(s, Category.SUPPLIES, "缺米", now=T0).id
    return [a, b, c, d]


def test_the_figures_count_what_happened(demo_db: Database) -> None:
    from app.core.requests.figures import accountability, by_category, home_counts

    _some_requests(demo_db)
    _h, grid = _household(demo_db)
    now = T0 + timedelta(hours=5)
    with demo_db.reading() as s:
        f = accountability(s, now=now)
        home = home_counts(s, now=now)
        cats = {c.category: c for c in by_category(s, now=now)}
    assert (f["received"], f["done"], f["done_on_time"], f["open"]) == (4, 2, 1, 2)
    assert f["overdue"] == 1  # the care request (4 h); supplies (24 h) is not due yet
    assert f["median_hours_to_done"] == 2.0 and f["done_on_time_pct"] == 50.0
    assert (f["called_back"], f["satisfied"], f["satisfied_pct"]) == (1, 1, 100.0)
    assert f["by_grid"][grid]["received"] == 3 and f["by_grid"]["-"]["received"] == 1
    assert f["by_category"]["medical"]["done"] == 2 and f["by_category"]["care"]["overdue"] == 1
    assert f["by_category"]["medical"]["label"] == "就医用药"
    assert (home.open, home.overdue, home.urgent_open) == (2, 1, 1)
    assert cats["medical"].done == 2 and cats["care"].overdue == 1 and cats["other"].received == 0
    with demo_db.reading() as s:
        assert accountability(s, since=(T0 + timedelta(days=1)).date(), now=now)["received"] == 0


def test_the_daily_report_has_a_requests_section(demo_db: Database) -> None:
    from app.core.printing.daily_report_sections import build_daily_report

    _some_requests(demo_db)
    with demo_db.reading() as s:
        report = build_daily_report(s, T0.date(), now=T0 + timedelta(hours=5))
    section = next(x for x in report.sections if x.key == "requests")
    assert section.recorded and "当日收到诉求 4 件，办结 2 件" in section.lines[0]
    assert "其中超期 1 件" in section.lines[0]
    overdue = section.tables[-1]
    assert overdue.caption == "超期未办结的诉求" and len(overdue.rows) == 1
    flat = " ".join(str(c) for t in section.tables for r in t.rows for c in r)
    assert "老人没人管" not in flat  # no text, no household


def test_the_needs_list_counts_open_needs_by_category_grid_and_building(
    demo_db: Database, tmp_path: Path
) -> None:
    from app.core.requests.needs import needs_list, write_needs

    _some_requests(demo_db)
    with demo_db.reading() as s:
        rows = needs_list(s, now=T0 + timedelta(hours=5))
    assert [(r.category, r.open, r.overdue) for r in rows] == [("supplies", 1, 0), ("care", 1, 1)]
    assert rows[0].grid is None and rows[1].grid and rows[1].building
    assert write_needs(demo_db, tmp_path / "needs.xlsx").stat().st_size > 0
    assert write_needs(demo_db, tmp_path / "needs.pdf").read_bytes().startswith(b"%PDF")


def test_work_order_slips_print_masked_and_a_scan_closes_the_request(
    demo_db: Database, tmp_path: Path
) -> None:
    from app.core.requests.slips import record_scanned, work_orders, write_work_orders

    ids = _some_requests(demo_db)
    with demo_db.reading() as s:
        slips = work_orders(s, day=T0.date())
    assert {x.request_id for x in slips} == {ids[2], ids[3]}  # the open ones
    care = next(x for x in slips if x.request_id == ids[2])
    assert "*" in care.head and care.household_code
    out = write_work_orders(demo_db, tmp_path / "slips.pdf", day=T0.date())
    assert out.read_bytes().startswith(b"%PDF")
    with demo_db.session() as s:
        row = record_scanned(s, care.household_code or "", "已上门探望")
    assert row.id == ids[2] and row.status is Status.DONE
    with demo_db.session() as s, pytest.raises(AlreadyDone):
        record_scanned(s, f"R{ids[2]}", "again")


def test_the_figures_on_postgresql(pg_db: Database) -> None:
    from app.core.requests.figures import accountability

    with pg_db.session() as s:
        a = log_request(s, Category.INQUIRY, "问路", now=T0).id
        finish(s, a, "已答复", now=T0 + timedelta(hours=3))
        log_request(s, Category.REPAIR, "漏水", now=T0)
    with pg_db.reading() as s:
        f = accountability(s, now=T0 + timedelta(days=5))
    assert (f["received"], f["done"], f["overdue"], f["median_hours_to_done"]) == (2, 1, 1, 3.0)
    assert f["by_grid"]["-"]["received"] == 2 and f["by_category"]["repair"]["overdue"] == 1


def test_the_audit_trail_shows_a_request_s_text_masked(demo_db: Database) -> None:
    from app.core.trust.audit import masked_value

    assert masked_value("service_request", "text", "需要胰岛素") == "***"
    assert masked_value("service_request", "about_user", "王五") == "***"
    assert masked_value("service_request", "status", "done") == "done"
    assert masked_value("service_request", "phone", "13812345678") == "138****5678"


def test_a_supplies_request_becomes_a_delivery_in_one_step(demo_db: Database) -> None:
    from app.core.requests.requests import to_delivery
    from app.core.supplies import campaigns, ledger
    from app.db.models_supplies import SupplyCampaign

    h, _grid = _household(demo_db)
    with demo_db.session() as s:
        ledger.receive(s, "米", 500, unit="袋", source="区民政局", source_kind="allocation")
        code = campaigns.create_campaign(
            s, campaigns.CampaignSpec(name="大米发放", item="米", qty=1)
        ).code
        campaign_id = s.scalar(select(SupplyCampaign.id).where(SupplyCampaign.code == code))
        rid = log_request(s, Category.SUPPLIES, "米吃完了", household_id=h, now=T0).id
        other = log_request(s, Category.MEDICAL, "药", household_id=h, now=T0).id
    with demo_db.session() as s:
        row, delivered = to_delivery(s, rid, campaign_id)
    assert row.status is Status.DONE and "大米发放" in (row.outcome or "")
    assert delivered.qty == 1
    with demo_db.session() as s, pytest.raises(AlreadyDone):
        to_delivery(s, rid, campaign_id)
    with demo_db.session() as s, pytest.raises(InvalidInput, match="生活物资"):
        to_delivery(s, other, campaign_id)
