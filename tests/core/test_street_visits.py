"""A community's follow-up visits reach the street office's overview as counts per community: the
plans running, today's visits due and recorded, the visits missed and those that found someone
needing help over the last seven days — a stopped plan's withdrawn visits and anything older left
out, nobody named."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select, update

from app.core.requests import visits
from app.core.street.communities import VisitCounts, overview_json, street_overview
from app.db.models_exchange import ExchangePackage
from app.db.models_visits import VisitPlan
from tests.core.exchange_offices import COMMUNITY, COMMUNITY2, Office, export_to, import_into

T = date.today() + timedelta(days=30)  # the street office looks on day T at noon


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour))


def made_at(street: Office, when: datetime) -> None:
    """Say the community made its package at `when` (local time; the street office keeps it in
    UTC): the tests' packages are made on the real clock, their visits on day T."""
    utc = when.astimezone(UTC).replace(tzinfo=None)
    with street.db.session(note="test") as session:
        session.execute(
            update(ExchangePackage)
            .where(ExchangePackage.direction == "in", ExchangePackage.office_code == COMMUNITY)
            .values(created_at=utc)
        )


def test_visits_arrive_at_the_street_office_as_counts(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    with c.db.session(note="test") as session:
        assert not session.scalar(select(VisitPlan.id))  # only the plans below

        def due(plan: visits.PlanRow, day: date) -> list[visits.VisitRow]:
            return [v for v in visits.visits_due(session, day) if v.plan == plan.id]

        # A: a call every day from T - 3, still running
        a = visits.make_plan(
            session, "living-alone", "独居老人", start=T - timedelta(3), now=at(T - timedelta(4), 8)
        )
        # B: a weekly check from T - 13 (visits on T - 13 and T - 6), stopped on T - 1
        b = visits.make_plan(
            session, "chronic", "慢性病", start=T - timedelta(13), now=at(T - timedelta(14), 8)
        )
        # C: a daily call from T, stopped at 08:00 on T, before its first visit
        c_plan = visits.make_plan(
            session, "living-alone", "慢性病", start=T, now=at(T - timedelta(1), 8)
        )

        day3 = due(a, T - timedelta(3))
        n = len(day3)
        assert n >= 2
        visits.record_visit(session, day3[0].id, "needs-help", now=at(T - timedelta(3), 10))
        for v in day3[1:]:
            visits.record_visit(session, v.id, "reached", now=at(T - timedelta(3), 10))
        assert len(due(a, T - timedelta(2))) == n  # none recorded: all missed
        for v in due(a, T - timedelta(1)):
            visits.record_visit(session, v.id, "reached", now=at(T - timedelta(1), 10))
        today = due(a, T)
        assert len(today) == n
        visits.record_visit(session, today[0].id, "reached", now=at(T, 10))
        visits.record_visit(session, today[1].id, "needs-help", now=at(T, 10))

        old = due(b, T - timedelta(13))  # unrecorded, but older than the week: not counted
        week = due(b, T - timedelta(6))
        m = len(week)
        assert old and m >= 1
        visits.record_visit(session, week[0].id, "needs-help", now=at(T - timedelta(6), 11))
        visits.stop_plan(session, b.id, now=at(T - timedelta(1), 12))

        assert due(c_plan, T)  # made, then withdrawn when the plan stops before their time
        visits.stop_plan(session, c_plan.id, now=at(T, 8))

    import_into(s, export_to(c, tmp_path / "usb"))
    made_at(s, at(T, 11))  # the package left the community at 11:00, after the morning's visits
    with s.db.reading() as session:
        overview = street_overview(session, now=at(T, 12))
    row = next(r for r in overview.rows if r.code == COMMUNITY)
    expected = VisitCounts(
        plans=1,  # A; B and C are stopped
        due_today=n,  # A's; C's were withdrawn
        recorded_today=2,
        missed=n + (n - 2) + (m - 1),  # T - 2, this morning's, and B's on T - 6
        needs_help=3,  # T - 3, T, and B's on T - 6
    )
    assert row.visits == expected
    other = next(r for r in overview.rows if r.code == COMMUNITY2)
    assert other.visits == VisitCounts()  # nothing imported from it

    data = overview_json(overview)
    community = next(x for x in data["communities"] if x["code"] == COMMUNITY)
    assert community["visits"] == {
        "plans": 1,
        "due_today": n,
        "recorded_today": 2,
        "missed": 2 * n + m - 3,
        "needs_help": 3,
        "week_days": 7,
    }
    assert data["visits"] == data["totals"]["visits"] == community["visits"]
    assert data["requests"] == data["totals"]["requests"]  # the requests' keys as before

    # earlier in the morning, before the 09:00 visits: today's are due but not yet missed
    with s.db.reading() as session:
        early = street_overview(session, now=at(T, 8))
    row = next(r for r in early.rows if r.code == COMMUNITY)
    assert (row.visits.due_today, row.visits.missed) == (n, n + m - 1)

    # a package made at 08:30, looked at in the afternoon: whether this morning's visits were
    # made is not known here yet, so they are not called missed
    made_at(s, at(T, 8) + timedelta(minutes=30))
    with s.db.reading() as session:
        afternoon = street_overview(session, now=at(T, 15))
    row = next(r for r in afternoon.rows if r.code == COMMUNITY)
    assert (row.visits.due_today, row.visits.missed) == (n, n + m - 1)

    # the printed and the spreadsheet report say the same figures, nobody named
    from python_calamine import CalamineWorkbook

    from app.core.street.summary import build_sections, write_street_report

    section = next(sec for sec in build_sections(overview) if sec.key == "visits")
    table = section.tables[0]
    line = next(r for r in table.rows if r[0] == row.name)
    assert list(line[1:]) == [1, n, 2, 2 * n + m - 3, 3]
    assert any(r[0] == "合计" and r[5] == 3 for r in table.rows)
    xlsx = write_street_report(overview, tmp_path / "street.xlsx")
    sheet = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("各社区汇总").to_python()
    header = next(r for r in sheet if r and r[0] == "社区")
    values = next(r for r in sheet if r and r[0] == row.name)
    got = dict(zip(header, values, strict=True))
    assert (got["今日应随访"], got["今日已记录随访"], got["随访需帮助"]) == (n, 2, 3)
