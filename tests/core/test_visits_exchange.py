"""Follow-up plans and visits travel like every record: a community's plan and its recorded
visits reach the street office in its package, where they are counted per community (nobody
named), and the street office makes no visits of its own from them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.core.requests import visits
from app.db.models_visits import Visit, VisitPlan
from tests.core.exchange_offices import COMMUNITY, Office, export_to, import_into

DAY = date(2026, 12, 7)


def test_plans_and_visits_travel_to_the_street_office(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    with c.db.session(note="test") as session:
        plan = visits.make_plan(
            session, "living-alone", "独居老人", now=datetime.combine(DAY, time(7))
        )
        due = visits.visits_due(session, DAY)
        assert due
        visits.record_visit(
            session, due[0].id, "not-reached", note="敲门无人应", now=datetime.combine(DAY, time(9))
        )
    import_into(s, export_to(c, tmp_path / "usb"))
    with s.db.reading() as session:
        travelled = session.scalar(
            select(func.count()).select_from(Visit).where(Visit.origin == COMMUNITY)
        )
        assert travelled == len(due)
        got = session.scalars(select(VisitPlan).where(VisitPlan.uuid == plan.uuid)).one()
        assert (got.kind, got.tag, got.origin) == ("living-alone", "独居老人", COMMUNITY)
        recorded = session.scalars(select(Visit).where(Visit.uuid == due[0].uuid)).one()
        assert (recorded.outcome, recorded.note) == ("not-reached", "敲门无人应")
        counts = visits.counts_by_office(session, DAY)
    assert counts == {
        COMMUNITY: {
            "due": len(due),
            "reached": 0,
            "not_reached": 1,
            "needs_help": 0,
            "open": len(due) - 1,
        }
    }
    # the street office holds the plan but makes no visit from it
    with s.db.session(note="test") as session:
        assert visits.make_visits(session, DAY + timedelta(days=1)) == 0
