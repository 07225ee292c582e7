"""Requests travel to the street office like every record and arrive there as counts: the
overview shows each community's requests received, open, overdue, done on time and satisfied, per
category too, and its report names nobody who asked."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.core.requests.requests import Category, assign, callback, finish, log_request
from app.core.street.communities import overview_json, street_overview
from app.core.street.summary import build_sections
from app.db.models import Grid, Household
from app.db.models_requests import ServiceRequest
from tests.core.exchange_offices import COMMUNITY, Office, export_to, import_into


def test_requests_arrive_at_the_street_office_as_counts(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    with c.db.reading() as session:
        h, grid = session.execute(
            select(Household.id, Grid.code).join(Grid, Grid.id == Household.grid_id)
        ).first()  # type: ignore[misc]
    t0 = datetime.now().replace(microsecond=0) - timedelta(hours=30)
    with c.db.session() as session:
        a = log_request(session, Category.MEDICAL, "胰岛素用完了", household_id=h, now=t0).id
        assign(session, a, grid_code=grid, now=t0)
        finish(session, a, "已送药", now=t0 + timedelta(hours=2))
        callback(session, a, True, now=t0 + timedelta(hours=3))
        log_request(
            session,
            Category.STAFF_COMPLAINT,
            "发菜时态度恶劣",
            household_id=h,
            phone="13812345678",
            about_user="王五",
            now=t0,
        )
        log_request(session, Category.SUPPLIES, "缺米", household_id=h, now=t0)
    import_into(s, export_to(c, tmp_path / "usb"))
    with s.db.reading() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(ServiceRequest)
                .where(ServiceRequest.origin == COMMUNITY)
            )
            == 3
        )
        # who asked, what was said and whom a complaint names never left the community
        arrived = session.execute(
            select(
                ServiceRequest.text,
                ServiceRequest.household_id,
                ServiceRequest.phone,
                ServiceRequest.about_user,
                ServiceRequest.outcome,
            ).where(ServiceRequest.origin == COMMUNITY)
        ).all()
        assert {tuple(r) for r in arrived} <= {
            ("", None, None, None, None),
            ("", None, None, None, ""),
        }
        overview = street_overview(session)
    row = next(r for r in overview.rows if r.code == COMMUNITY)
    assert (row.requests.received, row.requests.open, row.requests.overdue) == (3, 2, 1)
    assert (row.requests.done, row.requests.done_on_time, row.requests.satisfied) == (1, 1, 1)
    assert row.requests_by_category["supplies"].overdue == 1  # 24 h, received 30 h ago
    assert row.requests_by_category["staff-complaint"].open == 1
    data = overview_json(overview)
    assert data["requests"]["received"] == 3
    section = next(x for x in build_sections(overview) if x.key == "requests")
    text = " ".join(section.lines) + " ".join(
        str(v) for t in section.tables for r in t.rows for v in r
    )
    assert "对工作人员的投诉" in text and "生活物资" in text
    for personal in ("王五", "态度恶劣", "胰岛素", "138", "缺米"):
        assert personal not in text
