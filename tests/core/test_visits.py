"""Follow-up visits end to end for the three plans: the slots each makes per day and for how long,
a temperature recorded, needs help becoming an urgent care request linked to the visit, a second
record refused with nothing changed, missed visits flagged the next morning, a stopped plan, the
counts of a day, a grid worker held to their grids, and the masked door-to-door checklist."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.office.datadir import DataDir
from app.core.office.setup import open_office
from app.core.requests import visits
from app.core.requests.checklist import write_checklist
from app.core.trust.roles import NotPermitted, OutsideGrids, Principal, Role
from app.db.engine import Database
from app.db.models import AuditEntry, Resident
from app.db.models_requests import ServiceRequest
from app.db.models_visits import Visit
from app.errors import AlreadyDone, InvalidInput
from tests.core.grid_helpers import copy_of, make_template

DAY = date(2026, 12, 7)  # a Monday
MORNING = datetime.combine(DAY, time(7))
QUARANTINED = 6


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    return make_template(tmp_path_factory.mktemp("visits"))


@pytest.fixture
def db(template: DataDir, tmp_path: Path) -> Iterator[Database]:
    database, _info = open_office(copy_of(template, tmp_path / "c"))
    try:
        yield database
    finally:
        database.dispose()


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return out.stdout.decode("utf-8")


def tagged(db: Database, tag: str) -> list[int]:
    with db.reading() as s:
        return list(
            s.scalars(
                select(Resident.id)
                .where(
                    Resident.tags.like(f"%,{tag},%"),
                    Resident.deleted_at.is_(None),
                    Resident.status == "active",
                )
                .order_by(Resident.id)
            )
        )


def quarantine(db: Database, n: int = QUARANTINED) -> list[int]:
    """Tag the first `n` heads of household of two grids 居家隔离, as the window would."""
    with db.session(note="test") as s:
        heads = list(
            s.scalars(select(Resident.id).where(Resident.is_head).order_by(Resident.id).limit(n))
        )
        for rid in heads:
            r = s.get(Resident, rid)
            assert r is not None
            r.tags = (r.tags or ",").rstrip(",") + ",居家隔离,"
            if not r.tags.startswith(","):
                r.tags = "," + r.tags
    return heads


def plan(db: Database, kind: str, tag: str, **kw: object) -> visits.PlanRow:
    with db.session(note="test") as s:
        return visits.make_plan(s, kind, tag, now=MORNING, **kw)  # type: ignore[arg-type]


def due(db: Database, day: date, grid: str | None = None) -> list[visits.VisitRow]:
    with db.session(note="test") as s:
        return visits.visits_due(s, day, grid=grid)


def record(
    db: Database, visit_id: int, outcome: str, **kw: object
) -> tuple[visits.VisitRow, int | None]:
    kw.setdefault("now", datetime.combine(DAY, time(10)))
    with db.session(note="test") as s:
        return visits.record_visit(s, visit_id, outcome, **kw)  # type: ignore[arg-type]


def test_living_alone_daily_until_stopped(db: Database) -> None:
    alone = tagged(db, "独居老人")
    assert alone, "the demo has elderly people living alone"
    p = plan(db, "living-alone", "独居老人")
    assert (p.kind, p.days, p.last_day, p.residents) == (
        visits.PlanKind.LIVING_ALONE,
        None,
        None,
        len(alone),
    )
    first = due(db, DAY)
    assert sorted(v.resident_id for v in first) == alone
    assert {v.due_at for v in first} == {datetime.combine(DAY, time(9))}
    assert all(v.outcome is None and v.plan == p.id for v in first)
    # asked again: the same visits, none made twice
    again = due(db, DAY)
    assert [v.id for v in again] == [v.id for v in first]
    assert len(due(db, DAY + timedelta(days=30))) == len(alone)  # until stopped
    assert due(db, DAY - timedelta(days=1)) == []  # not before its start
    # names are masked, no ID number or phone in a row
    with db.reading() as s:
        name = s.scalar(select(Resident.name).where(Resident.id == first[0].resident_id))
    assert name and first[0].resident != name and first[0].resident[0] == name[0]
    with db.session(note="test") as s:
        visits.stop_plan(s, p.id, now=datetime.combine(DAY + timedelta(days=2), time(12)))
        with pytest.raises(AlreadyDone):
            visits.stop_plan(s, p.id)
    assert len(due(db, DAY + timedelta(days=2))) == len(alone)  # its 09:00 came before the stop
    assert due(db, DAY + timedelta(days=3)) == []
    assert due(db, DAY + timedelta(days=30)) == []  # made before the stop, withdrawn by it
    with db.reading() as s:
        withdrawn = s.scalar(
            select(func.count()).select_from(Visit).where(Visit.deleted_at.is_not(None))
        )
    assert withdrawn == len(alone)


def test_home_quarantine_twice_a_day_for_14_days_with_temperature(db: Database) -> None:
    people = quarantine(db)
    p = plan(db, "home-quarantine", "居家隔离")
    assert (p.days, p.last_day) == (14, DAY + timedelta(days=13))
    today = due(db, DAY)
    assert len(today) == 2 * QUARANTINED
    assert {v.resident_id for v in today} == set(people)
    assert sorted({v.due_at.time() for v in today}) == [time(8), time(15)]
    assert len(due(db, DAY + timedelta(days=13))) == 2 * QUARANTINED
    assert due(db, DAY + timedelta(days=14)) == []
    v = today[0]
    with pytest.raises(InvalidInput, match="体温"):
        record(db, v.id, "reached")  # reached in quarantine: the temperature is what it is for
    with pytest.raises(InvalidInput):
        record(db, v.id, "reached", temperature=45.2)
    with pytest.raises(InvalidInput):
        record(db, v.id, "reached", temperature="hot")
    row, request = record(db, v.id, "reached", temperature="37.4", note="精神好")
    assert (row.outcome, row.temperature, row.note, request) == (
        visits.Outcome.REACHED,
        37.4,
        "精神好",
        None,
    )
    assert row.recorded_at == datetime.combine(DAY, time(10)) and row.recorded_by
    with db.reading() as s:
        assert s.scalar(select(Visit.temperature_tenths).where(Visit.id == v.id)) == 374
    # a later day's visit cannot be recorded yet
    later = due(db, DAY + timedelta(days=1))[0]
    with pytest.raises(InvalidInput):
        record(db, later.id, "not-reached")
    with db.session(note="test") as s:
        counts = visits.visit_counts(s, DAY, now=datetime.combine(DAY, time(12)))
    assert counts["due"] == 2 * QUARANTINED and counts["reached"] == 1
    assert counts["temperature_high"] == 1
    assert counts["missed"] == QUARANTINED - 1  # the 08:00 ones not recorded by noon
    assert counts["by_kind"]["home-quarantine"]["recorded"] == 1


def test_chronic_weekly_and_needs_help_becomes_a_request(db: Database) -> None:
    chronic = tagged(db, "慢性病")
    p = plan(db, "chronic", "慢性病", days=21)
    assert len(due(db, DAY)) == len(chronic)
    assert due(db, DAY + timedelta(days=1)) == []
    assert len(due(db, DAY + timedelta(days=7))) == len(chronic)
    assert len(due(db, DAY + timedelta(days=14))) == len(chronic)
    assert due(db, DAY + timedelta(days=21)) == []  # 21 days: the third week's is the last
    v = due(db, DAY)[0]
    with db.reading() as s:
        before = s.scalar(select(func.count()).select_from(ServiceRequest))
    row, request_id = record(db, v.id, "needs-help", note="药快吃完了")
    assert row.outcome is visits.Outcome.NEEDS_HELP and request_id is not None
    assert row.request_id == request_id
    with db.reading() as s:
        req = s.get(ServiceRequest, request_id)
        assert req is not None
        assert (req.category, req.priority) == ("care", "urgent")
        assert req.household_id == row.household_id and "药快吃完了" in req.text
        assert s.scalar(select(func.count()).select_from(ServiceRequest)) == before + 1
    # a second record of the same visit: refused, nothing changed, no second request
    with pytest.raises(AlreadyDone):
        record(db, v.id, "reached")
    with pytest.raises(AlreadyDone):
        record(db, v.id, "needs-help")
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ServiceRequest)) == before + 1
        assert s.scalar(select(Visit.outcome).where(Visit.id == v.id)) == "needs-help"
    assert p.kind is visits.PlanKind.CHRONIC


def test_missed_visits_are_flagged_the_next_morning(db: Database) -> None:
    plan(db, "living-alone", "独居老人")
    rows = due(db, DAY)
    done = rows[:2]
    for v in done:
        record(db, v.id, "not-reached")
    next_morning = datetime.combine(DAY + timedelta(days=1), time(7, 30))
    with db.session(note="test") as s:
        missed = visits.missed_visits(s, DAY, now=next_morning)
        assert visits.missed_visits(s, DAY, now=datetime.combine(DAY, time(8))) == []
        counts = visits.visit_counts(s, DAY, now=next_morning)
    assert {v.id for v in missed} == {v.id for v in rows} - {v.id for v in done}
    assert counts["missed"] == len(missed) and counts["not_reached"] == 2
    assert counts["open"] == len(missed) and counts["plans"] == 1
    # counted before any visit of a day is made: the plans' visits count as due and open
    with db.reading() as s:
        ahead = visits.visit_counts(s, DAY + timedelta(days=5), now=next_morning)
    assert ahead["due"] == len(rows) and ahead["missed"] == 0


def test_plans_refuse_bad_input(db: Database) -> None:
    with db.session(note="test") as s:
        with pytest.raises(InvalidInput):
            visits.make_plan(s, "weekly-tea", "独居老人", now=MORNING)
        with pytest.raises(InvalidInput):
            visits.make_plan(s, "living-alone", "没有这个标签", now=MORNING)
        with pytest.raises(InvalidInput):
            visits.make_plan(s, "home-quarantine", "孕产妇", days=0, now=MORNING)
        with pytest.raises(InvalidInput):
            visits.make_plan(s, "chronic", "慢性病", start=DAY - timedelta(days=1), now=MORNING)
        with pytest.raises(InvalidInput):
            visits.record_visit(s, 987654, "reached")
        with pytest.raises(InvalidInput):
            visits.stop_plan(s, 987654)
    p = plan(db, "living-alone", "独居老人")
    v = due(db, DAY)[0]
    with pytest.raises(InvalidInput):
        record(db, v.id, "maybe")
    assert visits.plan_kind("居家隔离") is visits.PlanKind.HOME_QUARANTINE
    with db.reading() as s:
        assert [x.id for x in visits.list_plans(s)] == [p.id]


def test_a_grid_worker_sees_and_records_their_grids_visits_only(db: Database) -> None:
    plan(db, "chronic", "慢性病")
    everyone = due(db, DAY)
    grids = {v.grid for v in everyone}
    assert len(grids) >= 2
    mine = sorted(g for g in grids if g)[0]
    db.principal = Principal("网格员甲", Role.GRID_WORKER, frozenset({mine}))
    seen = due(db, DAY)
    assert seen and {v.grid for v in seen} == {mine}
    assert len(seen) == sum(1 for v in everyone if v.grid == mine)
    other = next(v for v in everyone if v.grid != mine)
    with pytest.raises(OutsideGrids):
        record(db, other.id, "reached")
    with pytest.raises(OutsideGrids):
        due(db, DAY, grid=other.grid)
    row, _ = record(db, seen[0].id, "reached")
    assert row.recorded_by == "网格员甲"
    with db.session(note="test") as s:
        with pytest.raises(OutsideGrids):
            visits.make_plan(s, "living-alone", "独居老人", now=MORNING)
        counts = visits.visit_counts(s, DAY, now=MORNING)
    assert counts["due"] == len(seen)
    db.principal = Principal("查看员", Role.VIEWER)
    with db.session(note="test") as s:
        with pytest.raises(NotPermitted):
            visits.visits_due(s, DAY)
        with pytest.raises(NotPermitted):
            visits.record_visit(s, seen[1].id, "reached")
        assert visits.visit_counts(s, DAY, now=MORNING)["due"] == len(everyone)


def test_the_checklist_is_masked_per_grid(db: Database, tmp_path: Path) -> None:
    quarantine(db)
    plan(db, "home-quarantine", "居家隔离")
    plan(db, "living-alone", "独居老人")
    rows = due(db, DAY)
    out = write_checklist(db, tmp_path / "list.pdf", day=DAY)
    text = pdf_text(out)
    assert "随访清单" in text and str(rows[0].id) in text
    with db.reading() as s:
        people = s.execute(
            select(Resident.name, Resident.id_number, Resident.phone).where(
                Resident.id.in_([v.resident_id for v in rows])
            )
        ).all()
    for name, id_number, phone in people:
        if len(name) >= 2:
            assert name not in text
        assert not id_number or id_number not in text
        assert not phone or phone not in text
    for v in rows[:5]:
        assert v.resident in text
    grid = rows[0].grid
    assert grid
    one = write_checklist(db, tmp_path / "one.pdf", day=DAY, grid=grid)
    one_text = pdf_text(one)
    others = {v.grid for v in rows} - {grid}
    assert all(f"{g} 随访清单" not in one_text for g in others if g)
    with db.reading() as s:
        printed = s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "print")
        )
    assert printed == 2
    empty = write_checklist(db, tmp_path / "empty.pdf", day=DAY - timedelta(days=3))
    assert "没有需要随访" in pdf_text(empty)


def test_the_daily_report_counts_the_days_visits(db: Database, tmp_path: Path) -> None:
    from app.core.printing import daily_report, daily_report_sections

    evening = datetime.combine(DAY, time(23))
    with db.reading() as s:
        before = daily_report_sections.build_daily_report(s, DAY, now=evening)
    empty = next(x for x in before.sections if x.key == "visits")
    assert "尚无随访计划" in empty.lines[0] and not empty.tables
    plan(db, "living-alone", "独居老人")
    quarantine(db)
    plan(db, "home-quarantine", "居家隔离")
    rows = due(db, DAY)
    record(db, rows[0].id, "needs-help")
    with db.reading() as s:
        report = daily_report_sections.build_daily_report(s, DAY, now=evening)
        counts = visits.visit_counts(s, DAY, now=evening)
    section = next(x for x in report.sections if x.key == "visits")
    assert counts["due"] == len(rows) and counts["needs_help"] == 1
    assert counts["missed"] == len(rows) - 1
    assert f"当日应随访 {len(rows):,} 人次" in section.lines[0]
    by_kind = {r[0]: r[1:] for r in section.tables[0].rows}
    alone = len(tagged(db, "独居老人"))
    assert by_kind[visits.PLAN_LABELS[visits.PlanKind.LIVING_ALONE][0]][0] == alone
    assert by_kind[visits.PLAN_LABELS[visits.PlanKind.HOME_QUARANTINE][0]][0] == 2 * QUARANTINED
    names = {v.resident for v in rows}
    out = tmp_path / "report.pdf"
    daily_report.write_daily_report(report, out)
    text = pdf_text(out)
    assert "重点人群随访" in text and not any(n in text for n in names if len(n) > 2)


def test_the_audit_trail_hides_a_visits_temperature_and_note(db: Database) -> None:
    from app.core.trust import audit

    quarantine(db)
    plan(db, "home-quarantine", "居家隔离")
    v = due(db, DAY)[0]
    record(db, v.id, "reached", temperature=38.1, note="发热，已告知社区医生")
    with db.reading() as s:
        rows = s.execute(
            select(AuditEntry.field, AuditEntry.new_value).where(
                AuditEntry.entity == "visit", AuditEntry.record_uuid == v.uuid
            )
        ).all()
    shown = {f: audit.masked_value("visit", f, n) for f, n in rows}
    assert shown["temperature_tenths"] == "***" and shown["note"] == "***"
    assert shown["outcome"] == "reached"
