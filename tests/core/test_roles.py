"""Roles obeyed in app/core: a grid worker sees and changes their grids' households only, a viewer
reads counts and reports but no one's record and changes nothing, exports are masked unless the
full values are asked for by someone who may, and 显示完整 is audited with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from app.core.grids import structure
from app.core.grids.assignment import assign_households
from app.core.office.datadir import DataDir
from app.core.office.stats import office_stats
from app.core.registry import full_values, lookup
from app.core.registry.households import add_household
from app.core.registry.roster_export import FULL_SHEET, MASKED_SHEET, export_residents
from app.core.registry.search import search
from app.core.trust import guard as _guard  # noqa: F401  (installed by signing in, as in the program)
from app.core.trust import scope
from app.core.trust.roles import NotPermitted, OutsideGrids, Principal, Role
from app.db.engine import Database
from app.db.models import AuditEntry, Grid, Household, Resident


def _grids(db: Database) -> list[tuple[int, str]]:
    with db.reading() as session:
        found = session.execute(
            select(Grid.id, Grid.code).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
        ).all()
    return [(i, c) for i, c in found]


def _as(db: Database, role: Role, grids: tuple[str, ...] = ()) -> None:
    db.principal = Principal(f"test-{role.value}", role, frozenset(grids))


def _household_in(db: Database, grid_id: int) -> int:
    with db.reading() as session:
        found = session.scalars(
            select(Household.id).where(Household.grid_id == grid_id, Household.deleted_at.is_(None))
        ).first()
    assert found is not None
    return found


def _resident_in(db: Database, grid_id: int) -> Resident:
    with db.reading() as session:
        found = session.scalars(
            select(Resident)
            .join(Household, Household.id == Resident.household_id)
            .where(
                Household.grid_id == grid_id,
                Resident.deleted_at.is_(None),
                Resident.id_number.is_not(None),
                Resident.phone.is_not(None),
            )
        ).first()
    assert found is not None
    return found


@pytest.fixture
def grids(demo_db: Database) -> tuple[tuple[int, str], tuple[int, str]]:
    """The first two grids, the community's households shared between them (the small demo puts
    every household in the first)."""
    found = _grids(demo_db)
    assert len(found) >= 2
    with demo_db.session(note="test") as session:
        households = list(session.scalars(select(Household.id).order_by(Household.id)))
        assign_households(session, found[1][1], households[: len(households) // 2])
    return found[0], found[1]


def test_a_grid_worker_lists_counts_and_searches_their_grid_only(
    demo_db: Database, grids: tuple[tuple[int, str], tuple[int, str]]
) -> None:
    (g1, code1), (g2, _code2) = grids
    with demo_db.reading() as session:
        everyone = lookup.resident_count(session, lookup.ResidentFilter())
        all_stats = office_stats(session)
    _as(demo_db, Role.GRID_WORKER, (code1,))
    with demo_db.reading() as session:
        ids = lookup.resident_ids(session, lookup.ResidentFilter())
        mine = session.scalar(
            select(func.count())
            .select_from(Resident)
            .join(Household, Household.id == Resident.household_id)
            .where(Household.grid_id == g1, Resident.deleted_at.is_(None))
            .where(Resident.status == "active")
        )
        assert mine is not None and 0 < len(ids) == mine < everyone
        assert {r.household_id for r in lookup.resident_rows(session, ids)} <= {
            h for h in session.scalars(select(Household.id).where(Household.grid_id == g1))
        }
        stats = office_stats(session)
        assert stats["residents"] == mine < all_stats["residents"]
        assert stats["grids"] == 1 and stats["unassigned_households"] == 0
        assert [g.code for g in structure.coverage(session).grids] == [code1]
        assert [g.code for g in structure.list_grids(session)] == [code1]
        other = _resident_in(demo_db, g2)
        assert all(h.household_id != other.household_id for h in search(session, other.name))
        found = search(session, other.name[0])
        assert {h.household_id for h in found} <= set(
            session.scalars(select(Household.id).where(Household.grid_id == g1))
        )


def test_a_grid_worker_is_refused_another_grids_household_and_nothing_is_read(
    demo_db: Database, grids: tuple[tuple[int, str], tuple[int, str]]
) -> None:
    (g1, code1), (g2, code2) = grids
    theirs, other = _household_in(demo_db, g1), _household_in(demo_db, g2)
    person = _resident_in(demo_db, g2)
    _as(demo_db, Role.GRID_WORKER, (code1,))
    with demo_db.reading() as session:
        assert lookup.household_view(session, theirs).id == theirs
        with pytest.raises(OutsideGrids) as caught:
            lookup.household_view(session, other)
        assert code1 in caught.value.zh and person.name not in caught.value.zh
        with pytest.raises(OutsideGrids):
            lookup.find_resident(session, str(person.id))
        with pytest.raises(OutsideGrids):
            structure.buildings_overview(session, code2)
        assert lookup.resident_rows(session, [person.id]) == []
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        lookup.update_resident(session, person.id, lookup.resident_input(person))
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        lookup.delete_resident(session, person.id, "test")


def test_a_viewer_reads_counts_but_no_record_and_changes_nothing(
    demo_db: Database, grids: tuple[tuple[int, str], tuple[int, str]], tmp_path: Path
) -> None:
    (g1, _code1), _ = grids
    household = _household_in(demo_db, g1)
    person = _resident_in(demo_db, g1)
    _as(demo_db, Role.VIEWER)
    with demo_db.reading() as session:
        assert office_stats(session)["residents"] > 0
        assert lookup.resident_count(session, lookup.ResidentFilter()) > 0
        for refused in (
            lambda: lookup.resident_ids(session, lookup.ResidentFilter()),
            lambda: lookup.resident_rows(session, [person.id]),
            lambda: lookup.household_view(session, household),
            lambda: search(session, person.name),
        ):
            with pytest.raises(NotPermitted):
                refused()
    with pytest.raises(NotPermitted):
        export_residents(demo_db, tmp_path / "v.xlsx")
    assert not (tmp_path / "v.xlsx").exists()
    with pytest.raises(NotPermitted), demo_db.session() as session:
        lookup.update_resident(session, person.id, lookup.resident_input(person))
    with pytest.raises(NotPermitted), demo_db.session() as session:
        add_household(session, "3-2-502", lookup.ResidentInput(name="王五"))
    # the guard behind the operations: a change made any other way is refused at the flush
    with pytest.raises(NotPermitted), demo_db.session() as session:
        row = session.get(Resident, person.id)
        assert row is not None
        row.notes = "changed by a viewer"
    demo_db.principal = None
    with demo_db.reading() as session:
        row = session.get(Resident, person.id)
        assert row is not None and row.notes != "changed by a viewer"


def _ids_in(path: Path) -> tuple[str, set[str]]:
    book = CalamineWorkbook.from_path(str(path))
    header, *rows = book.get_sheet_by_index(0).to_python()
    col = header.index("身份证号")
    return book.sheet_names[0], {str(r[col]) for r in rows if r[col]}


def _exports(db: Database) -> list[AuditEntry]:
    with db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)
            )
        )


def test_exports_are_masked_by_default_full_only_for_staff_and_always_audited(
    demo_db: Database, grids: tuple[tuple[int, str], tuple[int, str]], tmp_path: Path
) -> None:
    (_g1, code1), _ = grids
    _as(demo_db, Role.STAFF)
    masked = export_residents(demo_db, tmp_path / "m.xlsx")
    sheet, numbers = _ids_in(tmp_path / "m.xlsx")
    assert masked.masked and sheet == MASKED_SHEET
    assert numbers and all("********" in n for n in numbers)
    full = export_residents(demo_db, tmp_path / "f.xlsx", mask=False)
    sheet, numbers = _ids_in(tmp_path / "f.xlsx")
    assert not full.masked and full.full_marked and sheet == FULL_SHEET
    assert any(len(n) == 18 and "*" not in n for n in numbers)
    entries = _exports(demo_db)
    assert len(entries) == 2 and "含完整证件号" in (entries[1].note or "")
    assert all(n not in (e.note or "") for e in entries for n in numbers)
    for role, grid_codes in ((Role.GRID_WORKER, (code1,)), (Role.VIEWER, ())):
        _as(demo_db, role, grid_codes)
        with pytest.raises(NotPermitted):
            export_residents(demo_db, tmp_path / f"{role.value}.xlsx", mask=False)
        assert not (tmp_path / f"{role.value}.xlsx").exists()
    _as(demo_db, Role.GRID_WORKER, (code1,))
    theirs = export_residents(demo_db, tmp_path / "gw.xlsx")
    assert theirs.masked and 0 < theirs.residents < masked.residents


def test_reveal_shows_one_residents_full_values_and_audits_the_reason(
    demo_db: Database, grids: tuple[tuple[int, str], tuple[int, str]]
) -> None:
    (g1, code1), _ = grids
    person = _resident_in(demo_db, g1)
    _as(demo_db, Role.STAFF)
    with demo_db.reading() as session:
        assert full_values.may_reveal(session)
    with pytest.raises(Exception) as caught, demo_db.session() as session:
        full_values.reveal(session, person.id, "  ")
    assert "原因" in getattr(caught.value, "zh", "")
    with demo_db.session() as session:
        shown = full_values.reveal(session, person.id, "核对低保申请")
    assert (shown.id_number, shown.phone) == (person.id_number, person.phone)
    with demo_db.reading() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "view-full"))
    assert entry.record_uuid == person.uuid and "核对低保申请" in (entry.note or "")
    assert person.id_number and person.phone
    assert person.id_number not in (entry.note or "") and person.phone not in (entry.note or "")
    for role in (Role.GRID_WORKER, Role.VIEWER):
        _as(demo_db, role, (code1,))
        with demo_db.reading() as session:
            assert not full_values.may_reveal(session)
        with pytest.raises(NotPermitted), demo_db.session() as session:
            full_values.reveal(session, person.id, "想看看")


def test_no_user_no_scope(demo_db: Database) -> None:
    """An office without users (no principal) sees and changes everything, as before users."""
    with demo_db.reading() as session:
        assert scope.grid_ids(session) is None and scope.sees_all(session)
        assert scope.personal(session) is None


def test_a_viewer_signs_in_and_changes_own_password_but_no_record(tmp_path: Path) -> None:
    """The guard lets through what signing in writes (the audit trail, the user's account)."""
    from app.core.trust import signin
    from app.core.trust.users import add_user, change_own_password
    from app.db import driver

    datadir = DataDir(tmp_path / "office")
    signin.setup_with_admin(
        datadir, "community", "420106001001", "幸福里社区", "420106001", "admin", "Admin-pass-2026"
    )
    try:
        admin = signin.sign_in(datadir, "admin", "Admin-pass-2026", daily_backup=False)
        assert admin.ring is not None and admin.key is not None
        with admin.db.session() as session:
            add_user(session, admin.ring, admin.key, "viewer1", Role.VIEWER, "Viewer-pass-2026")
            grid = structure.create_grid(session, "G09", "九区")
            grid_code = grid.code
        admin.close()
        viewer = signin.sign_in(datadir, "viewer1", "Viewer-pass-2026", daily_backup=False)
        assert viewer.ring is not None and viewer.key is not None
        with viewer.db.session() as session:
            change_own_password(
                session, viewer.ring, viewer.key, "viewer1", "Viewer-pass-2026", "Viewer-pass-2027"
            )
        with viewer.db.reading() as session:
            assert office_stats(session)["grids"] == 1
        with pytest.raises(NotPermitted), viewer.db.session() as session:
            structure.rename_grid(session, grid_code, name="改名")
        viewer.close()
    finally:
        driver.forget_key(datadir.root)


def test_a_grid_worker_may_not_redraw_the_grids_import_or_merge_duplicates(
    demo_db: Database, grids: tuple[tuple[int, str], tuple[int, str]], tmp_path: Path
) -> None:
    """Work over every grid would take households into their grid or show other grids' people."""
    from app.core.registry.duplicates import find_duplicates
    from app.core.registry.roster_import import import_roster

    (_g1, code1), (g2, _code2) = grids
    other = _household_in(demo_db, g2)
    _as(demo_db, Role.GRID_WORKER, (code1,))
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        assign_households(session, code1, [other])
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        structure.create_grid(session, "G88", "新网格")
    with pytest.raises(OutsideGrids), demo_db.reading() as session:
        find_duplicates(session)
    with pytest.raises(OutsideGrids):
        import_roster(demo_db, tmp_path / "never-read.xlsx")
    demo_db.principal = None
    with demo_db.reading() as session:
        household = session.get(Household, other)
        assert household is not None and household.grid_id == g2


def test_a_grid_worker_delivers_to_and_lists_their_grids_households_only(
    demo_db: Database, grids: tuple[tuple[int, str], tuple[int, str]]
) -> None:
    from app.core.supplies import campaigns, deliveries, ledger

    (g1, code1), (g2, _code2) = grids
    with demo_db.session() as session:
        ledger.receive(session, "口罩", 10_000, unit="个", source="爱心企业")
        code = campaigns.create_campaign(
            session, campaigns.CampaignSpec(name="口罩发放", item="口罩", qty=2)
        ).code
        theirs, other = (
            session.scalar(select(Household.code).where(Household.id == _household_in(demo_db, g)))
            for g in (g1, g2)
        )
    _as(demo_db, Role.GRID_WORKER, (code1,))
    with demo_db.session() as session:
        assert deliveries.deliver(session, code, str(theirs)).household_code == theirs
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        deliveries.deliver(session, code, str(other))
    with demo_db.reading() as session:
        listed = deliveries.campaign_households(session, code)
        assert listed and other not in {h.household_code for h in listed}
        assert sum(deliveries.undelivered_by_grid(session, code).values()) == len(listed) - 1
    _as(demo_db, Role.VIEWER)
    with pytest.raises(NotPermitted), demo_db.reading() as session:
        deliveries.campaign_households(session, code)


@pytest.mark.parametrize("role", [Role.GRID_WORKER, Role.VIEWER])
def test_packages_are_made_and_read_by_the_roles_that_exchange_only(
    demo_db: Database, datadir: DataDir, tmp_path: Path, role: Role
) -> None:
    from app.core.exchange.importing import import_package
    from app.core.exchange.packages import export_package

    stick = tmp_path / "stick"
    stick.mkdir()
    _as(demo_db, role, ("G01",))
    with pytest.raises(NotPermitted):
        export_package(demo_db, datadir, None, stick)  # type: ignore[arg-type]
    with pytest.raises(NotPermitted):
        import_package(demo_db, datadir, None, stick / "never-read.gdx")  # type: ignore[arg-type]
    assert list(stick.iterdir()) == []


def test_a_grid_worker_may_not_plan_distributions_group_buys_or_the_duty_roster(
    demo_db: Database, grids: tuple[tuple[int, str], tuple[int, str]]
) -> None:
    """A distribution's plan and the roster of who is on duty cover every grid: the office's
    staff make them; a grid worker is refused before anything is written, even for their own
    grid."""
    from datetime import datetime, timedelta

    from app.core.grids import duty, duty_shifts
    from app.core.supplies import group_buy
    from app.core.supplies.campaigns import CampaignSpec, create_campaign
    from app.core.supplies.ledger import receive
    from app.db.models_grids import DutyPerson
    from app.db.models_supplies import SupplyCampaign

    (_g1, code1), _other = grids
    with demo_db.session() as session:  # (no user: the office's own set-up)
        receive(session, "口罩", 5000, unit="个", source="爱心企业")
        person_id = duty.add_person(
            session, duty.PersonInput("王网格", "grid_worker", grid=code1)
        ).id
    _as(demo_db, Role.GRID_WORKER, (code1,))
    spec = CampaignSpec(name="口罩发放", item="口罩", qty=2, target=f"grid:{code1}")
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        create_campaign(session, spec)
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        duty.add_person(session, duty.PersonInput("李志愿", "volunteer", grid=code1))
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        duty.remove_person(session, person_id)
    start = datetime.now().replace(microsecond=0) + timedelta(days=1)
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        duty_shifts.add_shift(session, 1, start, start + timedelta(hours=4))
    with pytest.raises(OutsideGrids), demo_db.session() as session:
        group_buy.open_round(session, "第一期蔬菜团购")
    demo_db.principal = None
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(SupplyCampaign)) == 0
        assert group_buy.current_round(session) is None
        people = session.scalars(select(DutyPerson.name).where(DutyPerson.deleted_at.is_(None)))
        assert "李志愿" not in set(people)
    # the office's staff do it
    _as(demo_db, Role.STAFF)
    with demo_db.session() as session:
        assert create_campaign(session, spec).code
